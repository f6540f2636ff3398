"""Pelican glue: print the ledger at the end of the build; stop a strict build with errors."""

import logging
from pathlib import Path

from sitekit.constants import PREVIEW_ADDRESS, PREVIEW_ADDRESS_KEY
from sitekit.findings import ERROR, BuildError, Finding, ledger, sort_key

from . import settings as options
from .render import distinct, preview_summary, report_texts, stop_headline

logger = logging.getLogger(__name__)


class PelicanErrors(logging.Handler):
    """What Pelican itself logs as an error ("Could not process …") becomes a finding, so
    the preview shows it and it stops the production build like every other error."""

    def __init__(self, record_to):
        super().__init__(logging.ERROR)
        self.record_to = record_to

    def emit(self, record):
        self.record_to.add(
            [
                Finding(
                    "Pelican",
                    None,
                    f"Pelican meldet beim Bauen einen Fehler: {record.getMessage()}",
                    "Die genannte Datei prüfen; hilft das nicht, diese Meldung an die IT-Gruppe "
                    "schicken.",
                    ERROR,
                    "pelican-error",
                )
            ]
        )


def listen(pelican):
    """Receiver of `initialized`: record Pelican's own errors in this build's ledger."""
    pelican_log = logging.getLogger("pelican")
    for handler in [h for h in pelican_log.handlers if isinstance(h, PelicanErrors)]:
        pelican_log.removeHandler(handler)  # left over from a build that broke off
    pelican_log.addHandler(PelicanErrors(ledger(pelican.settings)))


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
    pelican_log = logging.getLogger("pelican")
    for handler in [h for h in pelican_log.handlers if isinstance(h, PelicanErrors)]:
        pelican_log.removeHandler(handler)
    record = ledger(pelican.settings)
    record.findings = findings = distinct(sorted(record.findings, key=sort_key))
    # `make serve` names its own address (PORT=, LAN=1); other builds name its default.
    address = pelican.settings.get(PREVIEW_ADDRESS_KEY) or PREVIEW_ADDRESS
    texts = report_texts(findings, preview=not strict, address=address)
    if strict and any(f.severity == ERROR for f in findings):
        raise BuildError(texts, stop_headline(findings))
    for text in texts:
        logger.warning(text)
    if not strict and (summary := preview_summary(findings, address)):
        logger.info(summary)
