"""a11y_check: accessibility checks of every page the build writes.

Each rule names its WCAG 2.2 criterion; findings point at the Markdown file and
line (or the template) and say in German how to fix them; they go to the build's
ledger, which build_report prints (and which stops the production build on errors).
A JSON and a German HTML report go to A11Y_CHECK_REPORT_DIR, outside output/.
"""

from pelican import signals

from .plugin import check_written, configure, finish


def register():
    signals.initialized.connect(configure)
    signals.content_written.connect(check_written)
    signals.finalized.connect(finish)
