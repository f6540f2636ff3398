"""search: full-text site search with Pagefind, on the final HTML of every build.

At `finalized`, after minify (PLUGINS order), the bundled Pagefind binary (the pinned
`pagefind[bin]` package; never a download) indexes the finished output folder into
output/pagefind/. Only the main content of searchable pages is indexed: base.html marks
it with `data-pagefind-body` where sitekit.layouts.is_searchable says so (public pages,
not the search page, not the 404 page), so drafts and hidden pages written by the preview
never are. Language and stemming come from `<html lang="de">`. A failure is a German
finding (a warning in the preview, an error that stops production), never a traceback.
"""

from pelican import signals

from .plugin import count_pages, index_site


def register():
    signals.all_generators_finalized.connect(count_pages)
    signals.finalized.connect(index_site)
