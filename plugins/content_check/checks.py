"""Content rules: each function takes parsed sources and returns findings.

Plain functions without Pelican, so they are tested on small inputs. The
German wording of every message lives here; `Finding.render` adds file and line.
"""

import datetime
import difflib
import posixpath
import re

from sitekit import constants, german
from sitekit.facts import REFERENCE, lookup
from sitekit.findings import ERROR, WARNING, Finding
from sitekit.layouts import DATE_KEYS, DRAFT, LAYOUTS, layouts_for, visibility

PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")
# Pelican's own link forms: {filename}…, {static}…, {attach}… (also |filename|…),
# and plain relative links to Markdown files as an editor writes them: ](../pages/x.md)
INTERNAL_LINK = re.compile(
    r"[{|](" + "|".join(constants.LINK_MARKERS) + r")[}|]([^\s)\"'>]+)"
    r"|\]\((?![\w+.-]+:|[/#{|])()([^\s)]+\.md)(?:#[^\s)]*)?\)"
)
IMAGE_SUFFIXES = tuple(sorted(constants.IMAGE_SUFFIXES))  # for str.endswith
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
STATUSES = ("published", "draft", "hidden")


def _suggest(word, choices):
    choices = list(choices)
    close = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    return f" Meinten Sie „{next(c for c in choices if c.lower() == close[0])}“?" if close else ""


def _quote_list(names):
    return ", ".join(f"„{name}“" for name in names)


FENCE = re.compile(r"^\s{0,3}(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


def prose_lines(text, body_from=1):
    """(line number, line) of text, with code blanked out: fenced and indented code blocks
    (from line body_from on, after the metadata) and `inline code`. A [[x]] or a link
    shown as code is an example, not content."""
    in_fence = in_indented = False
    previous_blank = True
    for number, line in enumerate(text.splitlines(), start=1):
        body = number >= body_from
        if body and FENCE.match(line):
            in_fence = not in_fence
            yield number, ""
            continue
        indented = line.startswith(("    ", "\t"))
        if in_fence or (body and indented and (previous_blank or in_indented)):
            in_indented = not in_fence
            yield number, ""
            continue
        if line.strip():
            in_indented = False
        previous_blank = not line.strip()
        yield number, INLINE_CODE.sub("", line)


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
        problem(
            f"Die Angabe „{key.capitalize()}“ steht zweimal (Zeilen {first} und {again}).",
            "Eine der beiden Zeilen löschen.",
            again,
            "metadata-duplicate",
        )

    if not source.value("title"):
        problem(
            "Die Angabe „Title“ (Titel) fehlt.",
            "Ganz oben eine Zeile „Title: …“ mit dem Titel einfügen.",
            1,
            "metadata-missing",
        )

    allowed = layouts_for(source.kind)
    name = source.value("layout")
    layout = LAYOUTS.get(name.lower()) if name else None
    if not name:
        problem(
            "Die Angabe „Layout“ fehlt.",
            f"Oben eine Zeile „Layout: …“ einfügen; möglich sind hier: {_quote_list(allowed)}.",
            1,
            "metadata-missing",
        )
    elif layout is None:
        problem(
            f"Das Layout „{name}“ gibt es nicht.{_suggest(name, allowed)}",
            f"Eines dieser Layouts verwenden: {_quote_list(allowed)}.",
            source.line_of("layout"),
            "layout-unknown",
        )
    elif layout.kind != source.kind:
        place = "content/pages/" if layout.kind == "page" else "einem Beitragsordner"
        problem(
            f"Das Layout „{name}“ gehört zu Dateien in {place}, nicht hierher.",
            f"Hier eines dieser Layouts verwenden: {_quote_list(allowed)}, "
            f"oder die Datei in den passenden Ordner verschieben.",
            source.line_of("layout"),
            "layout-wrong-folder",
        )
        layout = None

    if source.kind == "article" and "date" not in source.meta:
        today = datetime.date.today().isoformat()
        problem(
            "Die Angabe „Date“ (Datum) fehlt.",
            f"Oben eine Zeile „Date: {today}“ mit dem Veröffentlichungsdatum einfügen.",
            1,
            "metadata-missing",
        )
    for key in DATE_KEYS:
        if (
            key in source.meta
            and parse_date(source.value(key)) is None
            and not PLACEHOLDER.fullmatch(source.value(key))
        ):
            value = source.value(key)
            german = GERMAN_DATE.match(value)
            example = (
                f"{german[3]}-{int(german[2]):02d}-{int(german[1]):02d}" if german else "2026-11-27"
            )
            problem(
                f"„{key.capitalize()}: {value}“ ist kein gültiges Datum.",
                f"Das Datum als Jahr-Monat-Tag schreiben, z. B. „{key.capitalize()}: {example}“.",
                source.line_of(key),
                "date-invalid",
            )

    status = source.value("status").lower()
    if status and status not in STATUSES:
        problem(
            f"Den Status „{source.value('status')}“ gibt es nicht.",
            "„Status: draft“ (Entwurf, wird nicht veröffentlicht), „Status: hidden“ "
            "(versteckt) verwenden oder die Zeile löschen.",
            source.line_of("status"),
            "metadata-invalid",
        )

    if layout:
        for key in layout.required:
            if not source.value(key):
                problem(_MISSING_FOR_LAYOUT[key], _FIX_FOR_LAYOUT[key], 1, "metadata-missing")
        last = max(line for _value, line in source.meta.values())
        for key in source.meta:
            if key not in layout.keys:
                allowed_keys = [k.capitalize() for k in sorted(layout.keys)]
                text_start = (
                    " Falls hier schon der Text beginnt: Zwischen den Angaben und dem "
                    "Text fehlt eine Leerzeile."
                    if source.line_of(key) == last
                    else ""
                )
                problem(
                    f"Die Angabe „{key.capitalize()}“ ist für das Layout „{layout.name}“ "
                    f"unbekannt.{_suggest(key, allowed_keys)}{text_start}",
                    f"Tippfehler korrigieren oder die Zeile löschen. Erlaubt sind: "
                    f"{_quote_list(allowed_keys)}.",
                    source.line_of(key),
                    "metadata-unknown",
                )

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


def check_placeholders(path, text, strict, comment="\0", body_from=1):
    """Every [[…]] still to be filled in: a warning while previewing, an error for publishing.

    Lines starting with `comment` (e.g. "#" in TOML) are explanations, not content.
    """
    severity = ERROR if strict else WARNING
    found = []
    for number, line in prose_lines(text, body_from):
        if line.lstrip().startswith(comment):
            continue
        for match in PLACEHOLDER.finditer(line):
            found.append(
                Finding(
                    path,
                    number,
                    match[0],
                    "Die echte Angabe an seine Stelle schreiben (ohne die eckigen Klammern); "
                    "vorher kann die Website nicht veröffentlicht werden.",
                    severity,
                    "placeholder",
                )
            )
    return found


def check_fact_references(source, facts, facts_path):
    found = []
    for number, line in prose_lines(source.text, source.body_from):
        for match in REFERENCE.finditer(line):
            if lookup(facts, match[1]) is None:
                found.append(
                    Finding(
                        source.path,
                        number,
                        f"„{match[0]}“ gibt es nicht in {facts_path}.",
                        f"Den Namen mit {facts_path} vergleichen (z. B. „{{{{ verein.kontakt.email }}}}“) "
                        f"oder die Angabe dort ergänzen.",
                        ERROR,
                        "fact-unknown",
                    )
                )
    return found


ROOT_LINK = re.compile(r"\]\((/[^\s)#?]*)[^\s)]*\)")


def check_links(source, is_source, is_file, addresses):
    """Links to other pages must lead somewhere that is built.

    {filename} links and relative links to .md files must name a source that is
    published (is_source); {static}/{attach} a file (is_file); links like
    ](/kontakt/) an address of the site (addresses).
    """
    found = []
    folder = posixpath.dirname(source.rel)

    def broken(number, link, looked):
        found.append(
            Finding(
                source.path,
                number,
                f"Der Link „{link}“ führt zu keiner Seite der Website ({looked}).",
                "Den Pfad prüfen: „{filename}/pages/kontakt.md“ meint die Datei "
                "content/pages/kontakt.md; „/kontakt/“ meint die Adresse der Kontaktseite.",
                ERROR,
                "link-broken",
            )
        )

    for number, line in prose_lines(source.text, source.body_from):
        for match in INTERNAL_LINK.finditer(line):
            target = (match[2] or match[4]).split("#")[0].split("?")[0]
            if not target or target.lower().endswith(IMAGE_SUFFIXES):
                continue  # images are checked by image_optimizer
            resolved = posixpath.normpath(
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            markdown = resolved.endswith((".md", ".markdown"))
            if not (is_source(resolved) if markdown else is_file(resolved)):
                what = "keine veröffentlichte Seite" if markdown else "keine Datei"
                broken(number, match[2] and match[0] or match[4], f"content/{resolved} ist {what}")
        for match in ROOT_LINK.finditer(line):
            address = match[1].lstrip("/")
            if address and not (
                address in addresses or address + "/" in addresses or is_file(address)
            ):
                broken(number, match[1], f"die Adresse {match[1]} gibt es nicht")
    return found


def check_addresses(sources, slugify, reserved):
    """Every published file needs an address of its own. Returns (findings, addresses).

    A title without letters or digits gives no address; addresses of the site's own
    lists (reserved: address prefix -> German name) are taken. Of two files with the
    same address, pages keep theirs (the menu links to them), then the older article.
    The files named in the findings cannot be built. addresses maps each address
    ("kontakt/", "index.html") to the file that has it.
    """
    found = []
    seen = {}
    for source in sorted(sources, key=lambda s: (s.kind != "page", s.value("date"), s.path)):
        if visibility(source.value("layout"), source.value("status")) == DRAFT:
            continue
        save_as = source.value("save_as")
        slug = source.value("slug") or slugify(source.value("title"))
        if not save_as and not slug:
            found.append(
                Finding(
                    source.path,
                    source.line_of("title"),
                    f"Aus dem Titel „{source.value('title')}“ lässt sich keine Adresse bilden (er "
                    "enthält keine Buchstaben oder Ziffern, die in einer Webadresse stehen können).",
                    "Dem Titel ein Wort hinzufügen oder eine Adresse angeben, z. B. „Slug: sommerfest“.",
                    ERROR,
                    "url-empty",
                )
            )
            continue
        address = save_as or slug + "/"
        taken = next(
            (name for prefix, name in reserved.items() if address.startswith(prefix)), None
        )
        if taken:
            found.append(
                Finding(
                    source.path,
                    source.line_of("save_as") or source.line_of("slug") or source.line_of("title"),
                    f"Die Adresse „/{address.removesuffix('index.html')}“ ist schon vergeben ({taken}).",
                    "Einen anderen Titel wählen oder eine eigene Adresse mit „Slug: …“ angeben.",
                    ERROR,
                    "url-duplicate",
                )
            )
            continue
        if address in seen:
            line = source.line_of("save_as") or source.line_of("slug") or source.line_of("title")
            found.append(
                Finding(
                    source.path,
                    line,
                    f"Die Adresse „/{address.removesuffix('index.html')}“ hat schon {seen[address]}.",
                    "Einen anderen Titel wählen oder eine eigene Adresse mit „Slug: …“ angeben.",
                    ERROR,
                    "url-duplicate",
                )
            )
        else:
            seen[address] = source.path
    return found, seen


def check_headings(source):
    """Below the title (the page's only <h1>), headings start at ##; interviews ask with ##."""
    found, questions = [], 0
    for number, line in prose_lines(source.text, source.body_from):
        if number < source.body_from:
            continue
        if re.match(r"^#\s", line):
            found.append(
                Finding(
                    source.path,
                    number,
                    "Eine Überschrift mit einem # wäre eine zweite Hauptüberschrift; die einzige ist "
                    "der Titel.",
                    "Überschriften im Text mit ## beginnen (Unterpunkte mit ###).",
                    ERROR,
                    "heading-h1",
                )
            )
        questions += line.startswith("## ")
    if source.value("layout").lower() == "interview" and not questions:
        found.append(
            Finding(
                source.path,
                None,
                "Das Interview hat keine Fragen als Überschriften. Mit Screenreader springt man "
                "sonst nicht von Frage zu Frage.",
                "Jede Frage in eine eigene Zeile mit ## davor schreiben, z. B. „## Was macht eine "
                "IT-Gruppe?“.",
                WARNING,
                "interview-questions",
            )
        )
    return found


# Appended by content_check to a placeholder in a draft or hidden page (production).
UNPUBLISHED_MARK = " (Entwurf/verborgen)"


def render_placeholders(found):
    """All open placeholders as lists to work through, not a wall of warnings: one for
    those that stop publishing, one for those in drafts and hidden pages."""
    blocks = []
    for severity in (ERROR, WARNING):
        group = [f for f in found if f.severity == severity]
        if not group:
            continue
        verb = "ist" if len(group) == 1 else "sind"
        drafts = all(f.message.endswith(UNPUBLISHED_MARK) for f in group)
        lines = [
            f"{german.label(severity)}: {len(group)} Platzhalter "
            f"{verb} noch nicht ausgefüllt. "
            + (
                "Sie stehen in Entwürfen oder verborgenen Seiten und halten die "
                "Veröffentlichung nicht auf; vor dem Veröffentlichen dieser Texte die "
                "echte Angabe an ihre Stelle schreiben:"
                if drafts
                else "Vor der Veröffentlichung jeweils die echte Angabe an ihre Stelle schreiben "
                "(ohne die eckigen Klammern):"
            )
        ]
        lines += [f"{german.INDENT}{german.place(f.path, f.line)}: {f.message}" for f in group]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def check_menu_links(links, addresses, reserved, settings_file="pelicanconf.py"):
    """Every NAVIGATION and FOOTER_LINKS entry must lead to a published page or list.

    links: [("NAVIGATION", "Über uns", "ueber-uns/"), …]; addresses: published address ->
    file; reserved: the site's own lists ("beitraege/", …).
    """
    found = []
    for setting, label, target in links:
        address = target or "index.html"  # "" is the start page
        if address in addresses or address in reserved:
            continue
        found.append(
            Finding(
                settings_file,
                None,
                f"Der Eintrag „{label}“ in {setting} führt zu „/{target}“, aber keine "
                "veröffentlichte Seite hat diese Adresse. Jede Seite der Website würde so auf "
                "eine fehlende Seite verlinken.",
                f"Die Seite wiederherstellen (oder ihr mit „Slug: {target.strip('/')}“ diese Adresse "
                f"geben) oder den Eintrag aus {setting} in {settings_file} entfernen.",
                ERROR,
                "menu-link",
            )
        )
    return found
