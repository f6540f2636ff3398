"""unpublished: what is not public stays out of the production build.

With UNPUBLISHED_KEEP_OUT (publishconf.py), hidden articles and pages (e.g. calls
past their end date) get no address, like drafts, and files that only drafts or
hidden pages link to (a PDF, an attachment) are not copied either (Pelican copies
them: getpelican/pelican#3371). The error page (`Layout: error`) stays.
The preview builds everything and marks drafts and hidden pages as such.
"""

from pelican import signals

from .plugin import drop_unpublished_files, keep_hidden_out


def register():
    signals.article_generator_finalized.connect(keep_hidden_out)
    signals.page_generator_finalized.connect(keep_hidden_out)
    signals.all_generators_finalized.connect(drop_unpublished_files)
