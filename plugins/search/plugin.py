"""Pelican glue: count the searchable pages, index the finished site, report in German."""

import logging
import time
from pathlib import Path

from sitekit.findings import ERROR, Finding, ledger
from sitekit.german import count, kilobytes, seconds
from sitekit.layouts import is_searchable

from . import settings as options
from .index import BUNDLE, Failed, problems, run, size

logger = logging.getLogger(__name__)

# Settings key (lower case: not a user setting): this build's number of searchable pages.
PAGES = "search_pages"
WHERE = "Suche (Pagefind)"  # what a finding names instead of a Markdown file
RETRY = (
    "Den Bau wiederholen; bleibt der Fehler, diese Meldung an die IT-Gruppe schicken "
    "(„make setup“ richtet fehlende Programme ein)."
)


def count_pages(generators):
    """Receiver of `all_generators_finalized`: how many pages the index must hold."""
    settings = generators[0].settings
    settings[PAGES] = sum(
        1
        for generator in generators
        for content in [*getattr(generator, "articles", ()), *getattr(generator, "pages", ())]
        if content.save_as and is_searchable(content)
    )


def index_site(pelican):
    """Receiver of `finalized` (after minify): Pagefind on the final HTML."""
    config = options.read(pelican.settings)
    if not config["SEARCH_ENABLED"]:
        return
    expected = pelican.settings.get(PAGES, 0)
    if not expected:
        # Without any data-pagefind-body Pagefind would index every page, drafts included.
        logger.info("Suche: keine durchsuchbare Seite, kein Suchindex")
        return
    output = Path(pelican.output_path)
    started = time.monotonic()
    findings = []
    try:
        entry = run(output, config["SEARCH_TIMEOUT"], config["SEARCH_CACHE_DIR"])
    except Failed as failure:
        findings.append(
            Finding(
                WHERE,
                None,
                f"Der Suchindex wurde nicht angelegt: {failure}",
                RETRY,
                ERROR,
                "search-index",
                notes=failure.notes(),
            )
        )
    else:
        language = pelican.settings.get("DEFAULT_LANG", "de")
        for message, fix in problems(entry, expected, language):
            findings.append(Finding(WHERE, None, message, fix, ERROR, "search-index"))
        logger.info(
            "Suche: %s im Index, %s (%s)",
            count(expected, "Seite", "Seiten"),
            kilobytes(size(output / BUNDLE)),
            seconds(time.monotonic() - started),
        )
    ledger(pelican.settings).add(findings)
