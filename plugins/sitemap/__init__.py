"""sitemap: sitemap.xml of every public page, and robots.txt that names it.

Only in a build with an absolute SITEURL (production): a sitemap lists absolute
addresses. What is listed is decided by sitekit.layouts.is_public, the rule every
other part of the site uses, so drafts, hidden pages and ended calls are never in it.
"""

from pelican import signals

from .plugin import write


def register():
    signals.all_generators_finalized.connect(write)
