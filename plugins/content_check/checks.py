"""Content rules: each function takes parsed sources and returns findings.

Plain functions without Pelican, so they are tested on small inputs. The
German wording of every message lives here; `Finding.render` adds file and line.
"""

import datetime
import difflib
import posixpath
import re

from sitekit import constants, events, menu
from sitekit.constants import LINK_MARKER
from sitekit.facts import REFERENCE, lookup
from sitekit.findings import ERROR, HINT, Finding
from sitekit.layouts import DATE_KEYS, DRAFT, LAYOUTS, layouts_for, visibility
from sitekit.links import (
    MARKDOWN_SUFFIXES,
    content_path,
    is_markdown_link,
    markdown_target,
    mistyped_web_address,
)
from sitekit.placeholders import PLACEHOLDER, placeholder_findings
from sitekit.prose import prose_lines
from sitekit.slugs import slug

from .source import NotUtf8, decode, parse

IMAGE_SUFFIXES = tuple(sorted(constants.IMAGE_SUFFIXES))  # for str.endswith
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
STATUSES = ("published", "draft", "hidden")


def _closest(word, choices, cutoff=0.6):
    """The choice closest to a misspelled word, or None."""
    choices = list(choices)
    close = difflib.get_close_matches(
        word.lower(), [c.lower() for c in choices], n=1, cutoff=cutoff
    )
    return next(c for c in choices if c.lower() == close[0]) if close else None


def _suggest(word, choices):
    close = _closest(word, choices)
    return f" Meinten Sie „{close}“?" if close else ""


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
    """Title, layout, dates, required and unknown keys. Returns (findings, usable).

    Where a line fixes it, the finding carries that line as its snippet: "at the top"
    means insert it as the first line, otherwise it replaces the finding's line.
    """
    found = []

    def problem(message, fix, line=None, rule="metadata", snippet=""):
        found.append(Finding(source.path, line, message, fix, ERROR, rule, snippet))

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
            "Ganz oben diese Zeile einfügen und den Titel anpassen:",
            1,
            "metadata-missing",
            f"Title: {_title_from_file_name(source.rel)}",
        )

    allowed = layouts_for(source.kind)
    name = source.value("layout")
    layout = LAYOUTS.get(name.lower()) if name else None
    if not name:
        problem(
            "Die Angabe „Layout“ fehlt.",
            f"Oben diese Zeile einfügen (möglich sind hier: {_quote_list(allowed)}):",
            1,
            "metadata-missing",
            f"Layout: {_layout_for_folder(source)}",
        )
    elif layout is None:
        problem(
            f"Das Layout „{name}“ gibt es nicht.{_suggest(name, allowed)}",
            f"Die Zeile ersetzen durch diese (möglich sind hier: {_quote_list(allowed)}):",
            source.line_of("layout"),
            "layout-unknown",
            f"Layout: {_closest(name, allowed) or _layout_for_folder(source)}",
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
        problem(
            "Die Angabe „Date“ (Datum) fehlt.",
            "Oben diese Zeile mit dem Veröffentlichungsdatum einfügen:",
            1,
            "metadata-missing",
            f"Date: {datetime.date.today().isoformat()}",
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
                "Das Datum als Jahr-Monat-Tag schreiben; die Zeile ersetzen durch"
                + (":" if german else " diese und das Datum anpassen:"),
                source.line_of(key),
                "date-invalid",
                f"{key.capitalize()}: {example}",
            )

    written_slug = source.value("slug")
    if written_slug and slug(written_slug) != written_slug:
        problem(
            f"„Slug: {written_slug}“ ist keine gültige Adresse (nur Kleinbuchstaben a–z, "
            "Ziffern und Bindestriche, Umlaute ausgeschrieben).",
            "Die Zeile ersetzen durch:",
            source.line_of("slug"),
            "slug-invalid",
            f"Slug: {slug(written_slug) or _title_from_file_name(source.rel).lower()}",
        )

    status = source.value("status").lower()
    if status and status not in STATUSES:
        problem(
            f"Den Status „{source.value('status')}“ gibt es nicht.",
            "Die Zeile ersetzen durch diese (Entwurf, nur in der Vorschau) oder löschen "
            "(dann wird der Text veröffentlicht); „Status: hidden“ heißt: in keiner Liste.",
            source.line_of("status"),
            "metadata-invalid",
            "Status: draft",
        )

    if layout:
        for key in layout.required:
            if not source.value(key):
                problem(
                    _MISSING_FOR_LAYOUT[key],
                    "Oben diese Zeile einfügen und ausfüllen:",
                    1,
                    "metadata-missing",
                    _LINE_FOR_LAYOUT[key],
                )
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
                meant = _closest(key, allowed_keys)
                problem(
                    f"Die Angabe „{key.capitalize()}“ ist für das Layout „{layout.name}“ "
                    f"unbekannt.{_suggest(key, allowed_keys)}{text_start}",
                    (
                        "Bei einem Tippfehler die Zeile ersetzen durch diese, sonst löschen. "
                        if meant
                        else "Tippfehler korrigieren oder die Zeile löschen. "
                    )
                    + f"Erlaubt sind: {_quote_list(allowed_keys)}.",
                    source.line_of(key),
                    "metadata-unknown",
                    f"{meant}: {source.value(key)}" if meant else "",
                )

    usable = not any(f.rule not in ("metadata-unknown", "slug-invalid") for f in found)
    return found, usable


def _title_from_file_name(rel):
    """ "neuigkeiten/sommer-fest.md" → "Sommer fest": a start the author adjusts."""
    stem = posixpath.splitext(posixpath.basename(rel))[0].replace("-", " ").replace("_", " ")
    return stem[:1].upper() + stem[1:] if stem.strip() else "[[Titel]]"


def _layout_for_folder(source):
    """The layout whose texts live in the source's folder ("interviews/…" → interview)."""
    folder = source.rel.split("/", 1)[0]
    return next(
        (
            n
            for n, layout in LAYOUTS.items()
            if layout.folder == folder and layout.kind == source.kind
        ),
        layouts_for(source.kind)[0],
    )


def check_event(source, facts, facts_path):
    """An event's Start, End, Repeat, Place, Online … as sitekit.events reads them.
    Returns (findings, usable): a file whose date cannot be read is skipped."""
    if source.value("layout").lower() != "event":
        return [], True
    meta = {key: value for key, (value, _line) in source.meta.items()}
    _event, problems = events.read_event(meta, events.known_places(facts), facts_path)
    found = [
        Finding(
            source.path,
            source.line_of(problem.key) if problem.key else None,
            problem.message,
            problem.fix,
            ERROR,
            f"event-{problem.key or 'place'}",
            problem.snippet,
        )
        for problem in problems
    ]
    return found + _meeting_access_in_text(source), not any(p.blocking for p in problems)


def _meeting_access_in_text(source):
    """An event's text must not carry what lets anyone into its online meeting."""
    lines = source.text.splitlines()
    for number in range(source.body_from, len(lines) + 1):
        if access := events.meeting_access(lines[number - 1]):
            return [
                Finding(
                    source.path,
                    number,
                    f"Im Text steht ein Zugang zur Online-Sitzung („{access}“). Auf der Website "
                    "lesen ihn alle, auch Fremde, und er lässt sich nicht zurückholen.",
                    f"Den Zugang aus dem Text löschen. {events.ACCESS_FIX}",
                    ERROR,
                    "event-access",
                    events.ACCESS_SNIPPET,
                )
            ]
    return []


_MISSING_FOR_LAYOUT = {
    "interviewee": "Ein Interview braucht die Angabe „Interviewee“ (wer interviewt wird).",
    "contact": "Ein Aufruf braucht die Angabe „Contact“ (wie man sich melden kann).",
    "skills": "Ein Aufruf braucht die Angabe „Skills“ (welche Fähigkeiten gesucht werden).",
    "start": "Ein Termin braucht die Angabe „Start“ (wann er beginnt).",
}
_LINE_FOR_LAYOUT = {
    "interviewee": "Interviewee: [[Vorname der interviewten Person]]",
    "contact": "Contact: [[E-Mail-Adresse für Rückfragen]]",
    "skills": "Skills: [[Gesuchte Fähigkeit]]; [[weitere Fähigkeit]]",
    "start": "Start: [[Beginn als Jahr-Monat-Tag Stunde:Minute, z. B. 2027-03-28 19:00]]",
}


def looks_like_a_text(data):
    """True for a file that starts like one of ours: a "Title: …" line at the top."""
    try:
        text = decode(data[:4000])
    except NotUtf8:
        return False
    return "title" in parse("", "", "page", text).meta


def misplaced(path, data):
    """A text outside the text folders: Pelican never reads it. Where it must go."""
    try:
        layout = LAYOUTS.get(parse(path, "", "page", decode(data)).value("layout").lower())
    except NotUtf8:
        layout = None
    name = posixpath.basename(path)
    if posixpath.splitext(name)[1] not in MARKDOWN_SUFFIXES:
        name = posixpath.splitext(name)[0] + ".md"
    if layout:
        fix = f"Die Datei nach content/{layout.folder}/ verschieben (als {name})."
    else:
        folders = ", ".join(
            f"{layout.description} nach content/{layout.folder}/"
            for layout in LAYOUTS.values()
            if layout.name in ("interview", "call", "news", "page")
        )
        fix = f"Die Datei als {name} in ihren Ordner verschieben: {folders}."
    return Finding(
        path,
        None,
        "Dieser Text liegt außerhalb der Textordner und wird deshalb nicht veröffentlicht, auch "
        "nicht in der Vorschau.",
        fix,
        ERROR,
        "misplaced",
    )


def check_placeholders(path, text, comment=None, body_from=1):
    """Every [[…]] still to be filled in (outside code examples)."""
    return placeholder_findings(path, prose_lines(text, body_from), comment)


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


LINK_FIX = (
    "Den Pfad prüfen: „../pages/kontakt.md“ meint die Datei content/pages/kontakt.md vom "
    "Ordner dieses Textes aus, „/pages/kontakt.md“ dieselbe vom Ordner content/ aus; "
    "„/kontakt/“ meint die Adresse der Kontaktseite."
)


def check_links(source, sources, published, is_file):
    """Links to texts and files must lead somewhere that production publishes.

    A web address must start right ("htps://", "http//", "www." are typos: mistyped).
    Links to Markdown files ({filename}…, "../pages/x.md", "/pages/x.md", "x.md") must
    name a source (sources) that is published (published); {static}/{attach} a file
    (is_file). A link to a draft or a hidden page works in the preview, but not online:
    reported all the same. Links to addresses ("/kontakt/", "#anker") are link_check's:
    it reads them in the written pages, where every address and anchor is known.
    """
    found = []
    folder = posixpath.dirname(source.rel)

    def broken(number, link, why, fix=LINK_FIX, meant=""):
        found.append(
            Finding(
                source.path,
                number,
                f"Der Link „{link}“ führt zu keiner Seite der Website ({why}).{meant}",
                fix,
                ERROR,
                "link-broken",
            )
        )

    def check_source(number, link, target):
        if target is None:
            path = content_path(link, folder) or link
            by_name = {posixpath.basename(s): s for s in sorted(sources, reverse=True)}
            # File names are long and alike ("anfahrt.md", "kontakt.md"): only a close one.
            close = _closest(posixpath.basename(path), by_name, cutoff=0.8)
            meant = f" Meinten Sie „{posixpath.relpath(by_name[close], folder)}“?" if close else ""
            broken(number, link, f"content/{path} gibt es nicht", meant=meant)
        elif target not in published:
            broken(
                number,
                link,
                f"content/{target} wird nicht veröffentlicht: ein Entwurf, verborgen oder "
                "wegen eines Fehlers übersprungen",
                "Den Link erst setzen, wenn die Seite veröffentlicht wird, oder die Seite "
                "fertigstellen (ihre Meldungen beheben, „Status: draft“ löschen).",
            )

    for number, link in source.links:
        if meant := mistyped_web_address(link):
            found.append(mistyped(source.path, number, link, meant))
        elif LINK_MARKER.match(link):
            target = content_path(link, folder)
            if not target or target.lower().endswith(IMAGE_SUFFIXES):
                continue  # images are checked by image_optimizer
            if target.endswith(MARKDOWN_SUFFIXES):
                check_source(number, link, target if target in sources else None)
            elif not is_file(target):
                broken(number, link, f"content/{target} ist keine Datei")
        elif is_markdown_link(link):
            check_source(number, link, markdown_target(link, folder, sources))
    return found


def mistyped(path, number, link, meant):
    """A link whose web address is mistyped ("htps://…", "http//…", "www.…"): the browser
    would look for it on this site, or not open it at all."""
    return Finding(
        path,
        number,
        f"Der Link „{link}“ ist keine gültige Webadresse: Sie muss mit „https://“ oder "
        "„http://“ beginnen, sonst öffnet der Browser sie nicht oder sucht "
        "sie auf dieser Website.",
        "Die Adresse im Link so schreiben (am besten aus der Adresszeile des Browsers kopieren):",
        ERROR,
        "link-typo",
        snippet=meant,
    )


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
                    "Dem Titel ein Wort hinzufügen oder oben diese Zeile mit einer Adresse "
                    "einfügen:",
                    ERROR,
                    "url-empty",
                    f"Slug: {slugify(_title_from_file_name(source.rel)) or 'seite'}",
                )
            )
            continue
        address = save_as or slug + "/"
        taken = next(
            (name for prefix, name in reserved.items() if address.startswith(prefix)), None
        )
        if taken:
            shown = address.removesuffix("index.html")
            found.append(_taken(source, address, f"„/{shown}“ ist schon vergeben ({taken})"))
            continue
        if address in seen:
            shown = address.removesuffix("index.html")
            found.append(_taken(source, address, f"„/{shown}“ hat schon {seen[address]}"))
        else:
            seen[address] = source.path
    return found, seen


def _taken(source, address, why):
    """An address another file or a list has: what to paste depends on where it comes from
    (the file's Save_as or Slug line is replaced, else a Slug line goes in at the top)."""
    if source.line_of("save_as"):
        root, ext = posixpath.splitext(source.value("save_as"))
        line = source.line_of("save_as")
        fix, snippet = (
            "Die Zeile ersetzen durch eine eigene Datei, z. B.:",
            f"Save_as: {root}-2{ext}",
        )
    elif source.line_of("slug"):
        line = source.line_of("slug")
        fix = "Die Zeile ersetzen durch eine eigene Adresse, z. B.:"
        snippet = f"Slug: {source.value('slug')}-2"
    else:
        line = source.line_of("title")
        fix = "Einen anderen Titel wählen oder oben diese Zeile mit einer eigenen Adresse einfügen:"
        snippet = f"Slug: {address.removesuffix('index.html').strip('/').replace('/', '-')}-2"
    return Finding(source.path, line, f"Die Adresse {why}.", fix, ERROR, "url-duplicate", snippet)


def address_of(source, slugify, settings):
    """The address ("kontakt/", "entwurf/fest/", "" for the start page) of the file the
    source's page is written to, built or, if it could not be built, the one it would
    have; None without a title or where nothing is written (a draft in production)."""
    if source.value("save_as"):
        return source.value("save_as").removesuffix("index.html")
    slug = source.value("slug") or slugify(source.value("title"))
    draft = visibility(source.value("layout"), source.value("status")) == DRAFT
    save_as = settings.get(_SAVE_AS_SETTINGS[source.kind, draft])
    if not slug or not save_as:
        return None
    return save_as.format(slug=slug).removesuffix("index.html")


# Pelican's setting for the file of (kind, is it a draft?).
_SAVE_AS_SETTINGS = {
    ("article", False): "ARTICLE_SAVE_AS",
    ("article", True): "DRAFT_SAVE_AS",
    ("page", False): "PAGE_SAVE_AS",
    ("page", True): "DRAFT_PAGE_SAVE_AS",
}


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
                    "Überschriften im Text mit ## beginnen (Unterpunkte mit ###); die Zeile "
                    "ersetzen durch:",
                    ERROR,
                    "heading-h1",
                    "#" + source.text.splitlines()[number - 1],
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
                HINT,
                "interview-questions",
            )
        )
    return found


def check_menus(sources, published, lists, addresses, settings_file="pelicanconf.py"):
    """The pages' `Menu:`/`Footer:` entries and the lists of ASSOCIATION_MENU_LISTS.

    sources: the parsed pages; published: their paths that production publishes; lists:
    (label, address, position); addresses: every address the site has (pages and lists).
    A position is a whole number, unique in its menu; a label fits a phone's menu line; a
    page that is not published is in no menu (its entry waits, and says so).
    """
    found = []
    taken = {}  # (menu, position) -> who has it
    used = {(e.menu, e.position) for e in menu.list_entries(lists)}  # for a free one
    for source in sources:
        metadata = {key: value for key, (value, _line) in source.meta.items()}
        used |= {(e.menu, e.position) for e in menu.page_entries(metadata, "")}
    for entry in menu.list_entries(lists):
        taken[entry.menu, entry.position] = f"die Liste „{entry.label}“ ({settings_file})"
        if entry.address not in addresses and entry.address + "index.html" not in addresses:
            found.append(
                Finding(
                    settings_file,
                    None,
                    f"Der Eintrag „{entry.label}“ in ASSOCIATION_MENU_LISTS führt zu "
                    f"„/{entry.address}“, aber diese Adresse hat die Website nicht.",
                    "Die Adresse in pelicanconf.py berichtigen oder den Eintrag entfernen.",
                    ERROR,
                    "menu-link",
                )
            )
    for source in sorted(sources, key=lambda s: s.path):
        metadata = {key: value for key, (value, _line) in source.meta.items()}
        for key, name in menu.MENUS.items():
            if key not in metadata:
                continue
            line = source.line_of(key)
            written = f"{key.capitalize()}: {metadata[key]}"
            spot = menu.position(metadata[key])
            free = _free_position(used, key)
            if spot is None:
                found.append(
                    Finding(
                        source.path,
                        line,
                        f"„{written}“ ist keine Position {name}.",
                        "Die Zeile ersetzen durch eine ganze Zahl ab 1, z. B. die nächste freie:",
                        ERROR,
                        "menu-position",
                        f"{key.capitalize()}: {free}",
                    )
                )
                continue
            if source.rel not in published:
                found.append(
                    Finding(
                        source.path,
                        line,
                        f"„{written}“: Die Seite erscheint {name} erst, wenn sie "
                        "veröffentlicht wird.",
                        "Nichts zu tun, solange sie ein Entwurf ist; sonst „Status: …“ löschen.",
                        ERROR,
                        "menu-unpublished",
                    )
                )
                continue
            if (key, spot) in taken:
                found.append(
                    Finding(
                        source.path,
                        line,
                        f"Die Position {spot} {name} hat schon {taken[key, spot]}.",
                        "Eine freie Position wählen; die Zeile ersetzen durch:",
                        ERROR,
                        "menu-position",
                        f"{key.capitalize()}: {free}",
                    )
                )
                continue
            taken[key, spot] = source.path
            label = menu.label(metadata, key)
            if len(label) > menu.MAX_LABEL:
                label_key = f"{key}_label"
                short = label[: menu.MAX_LABEL].rsplit(" ", 1)[0]
                found.append(
                    Finding(
                        source.path,
                        source.line_of(label_key) or line,
                        f"Die Beschriftung „{label}“ hat {len(label)} Zeichen; {name} passen "
                        f"höchstens {menu.MAX_LABEL} auf eine Zeile eines Handys.",
                        (
                            "Die Zeile ersetzen durch eine kürzere, z. B.:"
                            if source.line_of(label_key)
                            else f"Unter „{written}“ diese Zeile mit einer kürzeren "
                            "Beschriftung einfügen:"
                        ),
                        ERROR,
                        "menu-label",
                        f"{label_key.capitalize()}: {short}",
                    )
                )
    return found


def _free_position(taken, key):
    return next(n for n in range(1, 1000) if (key, n) not in taken)
