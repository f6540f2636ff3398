"""Content rules: each function takes parsed sources and returns findings.

Plain functions without Pelican, so they are tested on small inputs. The
German wording of every message lives here; `Finding.render` adds file and line.
"""

import datetime
import difflib
import posixpath
import re

from sitekit.facts import REFERENCE, lookup, missing_required
from sitekit.findings import ERROR, WARNING, Finding
from sitekit.layouts import DATE_KEYS, LAYOUTS, layouts_for

PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")
# Pelican's own link forms: {filename}…, {static}…, {attach}… (also |filename|…).
INTERNAL_LINK = re.compile(r"[{|](filename|static|attach)[}|]([^\s)\"'>]+)")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
STATUSES = ("published", "draft", "hidden")


def _suggest(word, choices):
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f" Meinten Sie „{close[0]}“?" if close else ""


def _quote_list(names):
    return ", ".join(f"„{name}“" for name in names)


def parse_date(value):
    """An ISO date ("2026-11-27", optionally with " 18:30"), or None."""
    match = ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return datetime.datetime(*(int(part or 0) for part in match.groups()))
    except ValueError:  # e.g. 2026-02-30
        return None


def check_metadata(source):
    """Title, layout, dates, required and unknown keys. Returns (findings, usable)."""
    found = []

    def problem(message, fix, line=None, rule="metadata"):
        found.append(Finding(source.path, line, message, fix, ERROR, rule))

    for key, first, again in source.duplicates:
        problem(f"Die Angabe „{key.capitalize()}“ steht zweimal (Zeilen {first} und {again}).",
                "Eine der beiden Zeilen löschen.", again, "metadata-duplicate")

    if not source.value("title"):
        problem("Die Angabe „Title“ (Titel) fehlt.",
                "Ganz oben eine Zeile „Title: …“ mit dem Titel einfügen.", 1, "metadata-missing")

    allowed = layouts_for(source.kind)
    name = source.value("layout")
    layout = LAYOUTS.get(name.lower()) if name else None
    if not name:
        problem("Die Angabe „Layout“ fehlt.",
                f"Oben eine Zeile „Layout: …“ einfügen; möglich sind hier: {_quote_list(allowed)}.",
                1, "metadata-missing")
    elif layout is None:
        problem(f"Das Layout „{name}“ gibt es nicht.{_suggest(name, allowed)}",
                f"Eines dieser Layouts verwenden: {_quote_list(allowed)}.",
                source.line_of("layout"), "layout-unknown")
    elif layout.kind != source.kind:
        place = "content/pages/" if layout.kind == "page" else "einem Beitragsordner"
        problem(f"Das Layout „{name}“ gehört zu Dateien in {place}, nicht hierher.",
                f"Hier eines dieser Layouts verwenden: {_quote_list(allowed)}, "
                f"oder die Datei in den passenden Ordner verschieben.",
                source.line_of("layout"), "layout-wrong-folder")
        layout = None

    if source.kind == "article" and "date" not in source.meta:
        today = datetime.date.today().isoformat()
        problem("Die Angabe „Date“ (Datum) fehlt.",
                f"Oben eine Zeile „Date: {today}“ mit dem Veröffentlichungsdatum einfügen.",
                1, "metadata-missing")
    for key in DATE_KEYS:
        if key in source.meta and parse_date(source.value(key)) is None \
                and not PLACEHOLDER.fullmatch(source.value(key)):
            value = source.value(key)
            german = GERMAN_DATE.match(value)
            example = (f"{german[3]}-{int(german[2]):02d}-{int(german[1]):02d}"
                       if german else "2026-11-27")
            problem(f"„{key.capitalize()}: {value}“ ist kein gültiges Datum.",
                    f"Das Datum als Jahr-Monat-Tag schreiben, z. B. „{key.capitalize()}: {example}“.",
                    source.line_of(key), "date-invalid")

    status = source.value("status").lower()
    if status and status not in STATUSES:
        problem(f"Den Status „{source.value('status')}“ gibt es nicht.",
                "„Status: draft“ (Entwurf, wird nicht veröffentlicht), „Status: hidden“ "
                "(versteckt) verwenden oder die Zeile löschen.",
                source.line_of("status"), "metadata-invalid")

    if layout:
        for key in layout.required:
            if not source.value(key):
                problem(_MISSING_FOR_LAYOUT[key], _FIX_FOR_LAYOUT[key], 1, "metadata-missing")
        for key in source.meta:
            if key not in layout.keys:
                problem(f"Die Angabe „{key.capitalize()}“ ist für das Layout „{layout.name}“ "
                        f"unbekannt.{_suggest(key, sorted(layout.keys))}",
                        f"Tippfehler korrigieren oder die Zeile löschen. Erlaubt sind: "
                        f"{_quote_list(k.capitalize() for k in sorted(layout.keys))}.",
                        source.line_of(key), "metadata-unknown")

    usable = not any(f.rule != "metadata-unknown" for f in found)
    return found, usable


_MISSING_FOR_LAYOUT = {
    "interviewee": "Ein Interview braucht die Angabe „Interviewee“ (wer interviewt wird).",
    "contact": "Ein Aufruf braucht die Angabe „Contact“ (wie man sich melden kann).",
    "skills": "Ein Aufruf braucht die Angabe „Skills“ (welche Fähigkeiten gesucht werden).",
}
_FIX_FOR_LAYOUT = {
    "interviewee": "Oben eine Zeile „Interviewee: Vorname“ einfügen, z. B. „Interviewee: Stephan“.",
    "contact": "Oben eine Zeile „Contact: …“ einfügen, z. B. mit der E-Mail-Adresse der Gruppe.",
    "skills": "Oben eine Zeile „Skills: …“ einfügen, mehrere durch Semikolon getrennt, "
              "z. B. „Skills: Social Media; CRM“.",
}


def check_placeholders(path, text, strict, comment="\0"):
    """Every [[…]] still to be filled in: a warning while previewing, an error for publishing.

    Lines starting with `comment` (e.g. "#" in TOML) are explanations, not content.
    """
    severity = ERROR if strict else WARNING
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(comment):
            continue
        for match in PLACEHOLDER.finditer(line):
            found.append(Finding(
                path, number,
                match[0],
                "Die echte Angabe an seine Stelle schreiben (ohne die eckigen Klammern); "
                "vorher kann die Website nicht veröffentlicht werden.",
                severity, "placeholder"))
    return found


def check_fact_references(source, facts, facts_path):
    found = []
    for number, line in enumerate(source.text.splitlines(), start=1):
        for match in REFERENCE.finditer(line):
            if lookup(facts, match[1]) is None:
                found.append(Finding(
                    source.path, number,
                    f"„{match[0]}“ gibt es nicht in {facts_path}.",
                    f"Den Namen mit {facts_path} vergleichen (z. B. „{{{{ verein.kontakt.email }}}}“) "
                    f"oder die Angabe dort ergänzen.",
                    ERROR, "fact-unknown"))
    return found


def check_links(source, exists):
    """Links in Pelican's {filename}/{static}/{attach} form must point to a file."""
    found = []
    folder = posixpath.dirname(source.rel)
    for number, line in enumerate(source.text.splitlines(), start=1):
        for match in INTERNAL_LINK.finditer(line):
            target = match[2].split("#")[0].split("?")[0]
            if not target:
                continue
            resolved = posixpath.normpath(
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if not exists(resolved):
                found.append(Finding(
                    source.path, number,
                    f"Der Link „{match[0]}“ führt zu keiner Datei (gesucht: content/{resolved}).",
                    "Den Pfad prüfen: „{filename}/pages/kontakt.md“ meint die Datei "
                    "content/pages/kontakt.md.",
                    ERROR, "link-broken"))
    return found


def check_duplicate_urls(sources, slugify):
    """Two published files must not end up at the same address. The later file loses."""
    found = []
    seen = {}
    for source in sorted(sources, key=lambda s: s.path):
        if source.value("status").lower() == "draft":
            continue
        save_as = source.value("save_as")
        address = save_as or (source.value("slug") or slugify(source.value("title"))) + "/"
        if address in seen:
            line = source.line_of("save_as") or source.line_of("slug") or source.line_of("title")
            found.append(Finding(
                source.path, line,
                f"Die Adresse „/{address.removesuffix('index.html')}“ hat schon {seen[address]}.",
                "Einen anderen Titel wählen oder eine eigene Adresse mit „Slug: …“ angeben.",
                ERROR, "url-duplicate"))
        else:
            seen[address] = source.path
    return found


def check_facts_file(path, text):
    """The facts file must be valid TOML. Returns (facts, findings)."""
    import tomllib

    try:
        facts = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        return {}, [Finding(
            path, int(line[1]) if line else None,
            "Die Datei ist kein gültiges TOML.",
            "Jede Angabe als „name = \"Wert\"“ schreiben, Texte in geraden Anführungszeichen; "
            "Abschnitte als „[abschnitt]“.",
            ERROR, "facts-invalid")]
    return facts, [Finding(
        path, None,
        f"Die Angabe „{dotted}“ fehlt; sie steht auf jeder Seite (Fußzeile oder Kontaktdaten).",
        f"In {path} ergänzen, z. B. „{dotted.split('.')[-1]} = \"…\"“ im Abschnitt "
        f"„[{dotted.split('.')[0]}]“." if "." in dotted else f"In {path} ganz oben ergänzen: "
        f"„{dotted} = \"…\"“.",
        ERROR, "facts-missing") for dotted in missing_required(facts)]


def render_placeholders(found):
    """All open placeholders as one block: a list to work through, not a wall of warnings."""
    label = "FEHLER" if any(f.severity == ERROR for f in found) else "WARNUNG"
    lines = [f"{label}: {len(found)} Platzhalter sind noch nicht ausgefüllt. Vor der "
             "Veröffentlichung jeweils die echte Angabe an ihre Stelle schreiben "
             "(ohne die eckigen Klammern):"]
    lines += [f"    {f.path}, Zeile {f.line}: {f.message}" for f in found]
    return "\n".join(lines)
