"""What `make links` tells the volunteer: one German finding per link that needs a look, at
its file and line (sitekit.findings), on the terminal and as a report file for CI."""

from itertools import groupby
from urllib.parse import urlsplit

from sitekit import german
from sitekit.findings import ERROR, HINT, WARNING, Finding, sort_key

from .check import MOVED, OK

IN_BROWSER = "Den Link im Browser öffnen."
LATER = (
    "Später noch einmal prüfen (make links). Bleibt es dabei, den Link im Browser öffnen und, "
    "wenn die Seite verschwunden ist, den Link ersetzen oder löschen."
)
GONE = (
    "Den Link im Browser öffnen. Ist die Seite umgezogen, ihre neue Adresse suchen (z. B. über "
    "die Startseite oder die Suche jener Website) und hier eintragen; gibt es sie nicht mehr, "
    "den Link löschen oder auf eine passende andere Seite setzen."
)


def _message(url, result, timeout):
    """(severity, message, fix) for a link whose Result is not OK."""
    host = urlsplit(url).hostname
    code = f"HTTP {result.status}"
    wait = duration(timeout)
    return {
        "not-found": (
            ERROR,
            f"Der Link „{url}“ führt ins Leere: Die Seite gibt es dort nicht (mehr) ({code}).",
            GONE,
        ),
        "dns": (
            ERROR,
            f"Der Link „{url}“ führt ins Leere: Die Adresse „{host}“ gibt es nicht.",
            "Die Adresse auf Tippfehler prüfen. Gibt es die Website nicht mehr, den Link "
            "löschen oder auf eine passende andere Seite setzen.",
        ),
        "invalid": (
            ERROR,
            f"Der Link „{url}“ ist keine gültige Adresse.",
            "Die gemeinte Seite im Browser aufrufen und ihre Adresse aus der Adresszeile neu "
            "kopieren.",
        ),
        "timeout": (
            WARNING,
            f"Der Server von „{host}“ hat auf den Link „{url}“ nicht innerhalb von {wait} "
            "geantwortet.",
            f"{IN_BROWSER} Lädt die Seite dort, ist alles in Ordnung (der Server war nur "
            "langsam); lädt sie auch dort nicht, später noch einmal prüfen (make links) und den "
            "Link ersetzen oder löschen, wenn die Seite verschwunden bleibt.",
        ),
        "refused": (
            WARNING,
            f"Der Server von „{host}“ nimmt keine Verbindung an (Link „{url}“).",
            LATER,
        ),
        "certificate": (
            WARNING,
            f"Das Sicherheitszertifikat von „{host}“ ist ungültig (Link „{url}“); Browser warnen "
            "Besucher vor dieser Seite.",
            f"{IN_BROWSER} Warnt der Browser auch dort, den Link löschen oder eine andere "
            "Seite verlinken.",
        ),
        "forbidden": (
            WARNING,
            f"Der Server von „{host}“ lässt die Prüfung nicht auf die Seite „{url}“ ({code}); "
            "manche Websites sperren Programme aus.",
            f"{IN_BROWSER} Öffnet sich die Seite, ist alles in Ordnung; sonst den Link ersetzen "
            "oder löschen.",
        ),
        "busy": (
            WARNING,
            f"Der Server von „{host}“ ist überlastet oder bittet, später wiederzukommen "
            f"({code}; Link „{url}“).",
            LATER,
        ),
        "server": (
            WARNING,
            f"Der Server von „{host}“ meldet einen Fehler ({code}) für den Link „{url}“.",
            LATER,
        ),
        "http": (
            WARNING,
            f"Der Link „{url}“ bekommt eine ungewöhnliche Antwort ({code}).",
            f"{IN_BROWSER} Öffnet sich die Seite nicht, den Link ersetzen oder löschen.",
        ),
        "redirects": (
            WARNING,
            f"Der Link „{url}“ leitet immer weiter um und kommt nirgends an.",
            f"{IN_BROWSER} Öffnet sich die Seite nicht, den Link ersetzen oder löschen.",
        ),
        "network": (
            WARNING,
            f"Die Verbindung zu „{host}“ ist abgebrochen (Link „{url}“), auch nach mehreren "
            "Versuchen.",
            LATER,
        ),
    }[result.problem]


def duration(value):
    """15 → "15 Sekunden", 1 → "1 Sekunde", 0.5 → "0,5 Sekunden"."""
    if float(value).is_integer():
        return german.count(int(value), "Sekunde", "Sekunden")
    return german.seconds(value)


def findings(links, results, timeout):
    """A Finding for each link (at each place it is written) that needs a look."""
    found = []
    for link in links:
        result = results.get(without_fragment(link.url))
        if result is None or result.state == OK:
            continue
        if result.state == MOVED:
            found.append(
                Finding(
                    link.path,
                    link.line,
                    f"Die Seite hinter dem Link „{link.url}“ ist dauerhaft umgezogen; der Link "
                    "geht noch, über eine Umleitung.",
                    "Den Link durch die neue Adresse ersetzen:",
                    HINT,
                    "link-moved",
                    snippet=moved_link(link.url, result.moved_to),
                )
            )
            continue
        severity, message, fix = _message(link.url, result, timeout)
        found.append(
            Finding(link.path, link.line, message, fix, severity, "link-" + result.problem)
        )
    return sorted(found, key=sort_key)


def without_fragment(url):
    """The address the server is asked for: the #fragment stays in the browser."""
    return url.split("#", 1)[0]


def moved_link(url, moved_to):
    """The new address to paste, with the link's own #fragment if the server dropped it."""
    fragment = urlsplit(url).fragment
    return moved_to if not fragment or "#" in moved_to else f"{moved_to}#{fragment}"


def summary(links, results, found):
    """One German line: what was checked and what came of it."""
    if not links:
        return "In content/ steht kein Link zu einer anderen Website."
    counts = {s: sum(f.severity == s for f in found) for s in (ERROR, WARNING, HINT)}
    files = len({link.path for link in links})
    checked = (
        f"{german.count(len(links), 'Link', 'Links')} in {german.count(files, 'Datei', 'Dateien')}"
        f" geprüft ({german.count(len(results), 'Adresse', 'Adressen')})"
    )
    if not found:
        return f"{checked}: Alle Links funktionieren."
    return (
        f"{checked}: {german.count(counts[ERROR], 'Fehler', 'Fehler')}, "
        f"{german.count(counts[WARNING], 'Warnung', 'Warnungen')}, "
        f"{german.count(counts[HINT], 'Hinweis', 'Hinweise')}."
    )


def not_asked(from_cache, cache_days, reserved, unasked):
    """One German line: which links no server was asked about, and why; None if all were.
    from_cache: addresses fine at an earlier run within cache_days; reserved: links to
    example and local hosts; unasked: collect.unasked's counts (mailto, tel, typo)."""
    parts = []
    if from_cache:
        verb = "hat" if from_cache == 1 else "haben"
        parts.append(
            f"{german.count(from_cache, 'Adresse', 'Adressen')}, die in den letzten "
            f"{german.count(cache_days, 'Tag', 'Tagen')} funktioniert {verb} "
            "(Zwischenspeicher cache/links.json)"
        )
    if reserved:
        parts.append(
            f"{german.count(reserved, 'Link', 'Links')} zu Beispiel-Adressen wie example.org "
            "oder 127.0.0.1, die es im Internet nicht gibt"
        )
    contact = [
        german.count(unasked[kind], one, many)
        for kind, one, many in (
            ("mailto", "E-Mail-Link (mailto:)", "E-Mail-Links (mailto:)"),
            ("tel", "Telefon-Link (tel:)", "Telefon-Links (tel:)"),
        )
        if unasked.get(kind)
    ]
    if contact:
        parts.append(f"{' und '.join(contact)}, hinter denen kein Server steht")
    if typos := unasked.get("typo"):
        parts.append(
            f"{german.count(typos, 'vertippte Webadresse', 'vertippte Webadressen')}, die "
            "„make build“ mit Datei und Zeile nennt"
        )
    return f"Nicht bei einem Server nachgefragt: {'; '.join(parts)}." if parts else None


def terminal_text(found, summary_line):
    """The findings grouped by file (a blank line between files), then the summary."""
    blocks = [
        "\n".join(f.render() for f in group)
        for _path, group in groupby(found, key=lambda f: f.path)
    ]
    return "\n\n".join([*blocks, summary_line])


def report_file(found, summary_line, day):
    """The report as Markdown for CI's artifact: a section per file, findings as text."""
    lines = [f"# Externe Links: Bericht vom {german.date(day)}", "", summary_line]
    for path, group in groupby(found, key=lambda f: f.path):
        lines += ["", f"## {path}", "", "```text", *(f.render() for f in group), "```"]
    return "\n".join(lines) + "\n"
