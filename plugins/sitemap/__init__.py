"""sitemap: sitemap.xml of every public page, and robots.txt that names it.

Only in a build with an absolute SITEURL (production): a sitemap lists absolute
addresses. Every HTML page Pelican writes is noted as it is written (so the lists by
topic, by tag and each page of a long list are in it too); of articles and pages only
those sitekit.layouts.is_public allows, the rule every other part of the site uses, so
drafts, hidden pages, ended calls and the error page are never in it.
"""

from pelican import signals

from .plugin import note, start, write


def register():
    signals.initialized.connect(start)
    signals.content_written.connect(note)
    signals.finalized.connect(write)
