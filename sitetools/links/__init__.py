"""`make links`: are the external links in the volunteers' texts still alive?

Never part of the build, `make test` or publishing: it asks other people's servers, so it
runs only when asked (and weekly in CI). collect.py finds the links in the sources,
check.py asks the servers (politely, with a cache), report.py says in German what to do.
"""

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sitekit import german
from sitekit.findings import ERROR, WARNING

from .check import Cache, Options, check_all, looks_offline, skipped
from .collect import collect, unasked
from .report import (
    duration,
    findings,
    not_asked,
    report_file,
    summary,
    terminal_text,
    without_fragment,
)

__all__ = ["Options", "run"]

# No server answered and the names of several were "unknown": a missing connection, not
# dead links. Saying "führt ins Leere" would make a volunteer delete working links.
OFFLINE = german.report(
    WARNING,
    "Kein Server hat geantwortet, und mehrere bekannte Adressen gelten als „unbekannt“: "
    "Wahrscheinlich hat dieser Computer gerade keine Internetverbindung. Die Links wurden "
    "deshalb nicht geprüft; keiner wurde als kaputt gemeldet. Bitte keinen Link löschen.",
    "Mit Internetverbindung noch einmal „make links“ ausführen.",
)


def run(root, content, settings, options, cache_path, report_path, out=print, now=None):
    """Check every external link in content/; print the German report, write it to
    report_path and return the exit code: 1 if a link is broken or no server answered
    (offline), else 0."""
    now = now or datetime.now(UTC)
    written = collect(root, content, settings)
    links = [link for link in written if not skipped(link.url, options.skip_hosts)]
    urls = sorted({without_fragment(link.url) for link in links})
    cache = Cache.load(cache_path)
    known = {url: r for url, r in cache.fresh(options.cache_days, now).items() if url in urls}
    to_ask = [url for url in urls if url not in known]
    if to_ask:
        hosts = {urlsplit(url).hostname for url in to_ask}
        out(
            f"Externe Links: {german.count(len(to_ask), 'Adresse', 'Adressen')} auf "
            f"{german.count(len(hosts), 'Server', 'Servern')} werden geprüft (jeder Server "
            f"höchstens einmal in {duration(options.host_interval)}) …"
        )
    results = check_all(urls, options, known)
    offline = looks_offline({url: results[url] for url in to_ask})
    if offline:
        found, line = [], OFFLINE
    else:
        cache.save(results, options.cache_days, now)
        found = findings(links, results, options.timeout)
        line = summary(links, results, found)
        # At the end, what was not asked and why: no link left out without a word.
        reasons = not_asked(
            len(known), options.cache_days, len(written) - len(links), unasked(content, settings)
        )
        line = f"{line}\n{reasons}" if reasons else line
    out(terminal_text(found, line))
    report_path = Path(report_path)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(report_file(found, line, now.date()), encoding="utf-8")
    shown = report_path.relative_to(root) if report_path.is_relative_to(root) else report_path
    out(f"Bericht gespeichert: {shown}")
    return 1 if offline or any(f.severity == ERROR for f in found) else 0
