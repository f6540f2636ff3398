"""link_check: every link inside the site leads to a published file, every #anchor to an id.

Runs on the final HTML at `finalized` (after minify and the plugins that write files there:
the calendars, the GiroCode, the sitemap), before build_report, which prints its findings:
at the Markdown file and line that wrote the link (or the template), in German; a warning
in the preview, an error that stops production. Links to other sites are `make links`'.
"""

from pelican import signals

from .plugin import check_output, note_page, note_sources, start


def register():
    signals.initialized.connect(start)
    signals.all_generators_finalized.connect(note_sources)
    signals.content_written.connect(note_page)
    signals.finalized.connect(check_output)
