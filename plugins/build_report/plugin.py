"""Pelican glue: print the ledger at the end of the build; stop a strict build with errors."""

import logging
from pathlib import Path

from sitekit.findings import ERROR, BuildError, ledger, sort_key

from . import settings as options
from .render import distinct, preview_summary, report_texts, stop_headline

logger = logging.getLogger(__name__)


def note_pages(generators):
    """Receiver of `all_generators_finalized`: the address each source's page is written to
    (the preview server shows a page's problems there, or follows a page that moved)."""
    settings = generators[0].settings
    record = ledger(settings)
    shown = Path(settings["PATH"]).name
    for content in generators[0].context["generated_content"].values():
        if content is not None and content.save_as:
            source = f"{shown}/{Path(content.relative_source_path).as_posix()}"
            record.addresses[source] = content.save_as.removesuffix("index.html")
            record.built.add(source)


def report(pelican):
    """Receiver of `finalized`, after every other plugin's checks."""
    strict = options.read(pelican.settings)["BUILD_REPORT_STRICT"]
    record = ledger(pelican.settings)
    record.findings = findings = distinct(sorted(record.findings, key=sort_key))
    texts = report_texts(findings, preview=not strict)
    if strict and any(f.severity == ERROR for f in findings):
        raise BuildError(texts, stop_headline(findings))
    for text in texts:
        logger.warning(text)
    if not strict and (summary := preview_summary(findings)):
        logger.info(summary)
