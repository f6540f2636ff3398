"""build_report: every finding of the build, reported once at the end.

The other plugins add what they find to the build's Ledger (sitekit.findings) instead
of printing it. At the end this plugin prints all of it, grouped by file and in German;
with BUILD_REPORT_STRICT (publishconf.py) any error stops the build. So the preview
shows, as warnings and in the same words, everything that would stop the production
build, and nobody meets a new kind of error at publish time. Last in PLUGINS.
"""

from pelican import signals

from .plugin import listen, note_pages, report


def register():
    signals.initialized.connect(listen)
    signals.all_generators_finalized.connect(note_pages)
    signals.finalized.connect(report)
