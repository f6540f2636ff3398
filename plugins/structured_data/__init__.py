"""structured_data: what machines read about a page.

- schema.org JSON-LD: NGO on the start page (facts of verein.toml), Article on
  interviews, news and calls, BreadcrumbList wherever a page shows its trail; plain data
  (schema.py), written by one template partial with the `json_ld` filter.
- The breadcrumb trail itself (page.breadcrumbs), shown by partials/breadcrumbs.html.
- The Atom feeds a page announces (page.feeds, FEED_ALL, FEEDS): only feeds Pelican
  writes in this build, so no <link rel="alternate"> points at a missing file; each
  feed's own title is the German one its links show.
"""

from pelican import signals

from .plugin import attach, configure, title_feed


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(attach)
    signals.feed_generated.connect(title_feed)
