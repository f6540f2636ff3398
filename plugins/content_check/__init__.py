"""content_check: checks every Markdown source before Pelican reads it.

Problems go to the build's ledger in German with file, line and how to fix them;
files that cannot be built are skipped. build_report prints them at the end (and
stops the production build on errors).
"""

from pelican import signals

from .plugin import check_sources, skip_unusable


def register():
    signals.initialized.connect(check_sources)
    signals.generator_init.connect(skip_unusable)
