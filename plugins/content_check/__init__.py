"""content_check: checks every Markdown source before Pelican reads it.

Problems are reported in German with file, line and how to fix them. While
previewing they are warnings and unusable files are skipped; with
CONTENT_CHECK_STRICT (publishconf.py) any problem stops the build.
"""

from pelican import signals

from .plugin import check_sources, skip_unusable


def register():
    signals.initialized.connect(check_sources)
    signals.generator_init.connect(skip_unusable)
