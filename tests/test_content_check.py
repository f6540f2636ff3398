"""Content errors volunteers will make, end to end: one German message each, with file,
line and fix, from real builds of a few fixture sites.

Previewing (pelicanconf.py): a warning, and the rest of the site still builds.
Publishing (publishconf.py): the build stops and writes nothing.

One fixture site holds every broken file of CASES side by side; it is built once for the
preview, once for production and once more after each printed snippet was pasted. The
rules behind the messages are tested one by one on small inputs in test_content_rules.py.
"""

import datetime
import logging
import re

import pytest
from support import FACTS, build, make_site

from sitekit.findings import BuildError


def news(title, *body):
    """A news item that is right in itself: six lines, then body (line 7 on)."""
    return (
        f"Title: {title}\nDate: 2026-07-01\nLayout: news\nSummary: Wir feiern.\n\nText.\n"
        + "".join(body)
    )


LINK_FIX = (
    "    So beheben: Den Pfad prüfen: „../pages/kontakt.md“ meint die Datei "
    "content/pages/kontakt.md vom Ordner dieses Textes aus, „/pages/kontakt.md“ dieselbe vom "
    "Ordner content/ aus; „/kontakt/“ meint die Adresse der Kontaktseite."
)

OWN_ADDRESS = (
    "    So beheben: Einen anderen Titel wählen oder oben diese Zeile mit einer eigenen Adresse "
    "einfügen:\n"
)

# (files of the fixture site, the exact message for it). Each case has files and a title
# of its own, so that all of them fit in one site.
CASES = {
    "title missing": (
        {"neuigkeiten/ohne-titel.md": "Date: 2026-07-01\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/ohne-titel.md, Zeile 1: Die Angabe „Title“ (Titel) "
        "fehlt. Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Ganz oben diese Zeile einfügen und den Titel anpassen:\n"
        "        Title: Ohne titel",
    ),
    "date missing": (
        {"neuigkeiten/ohne-datum.md": "Title: Ohne Datum\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/ohne-datum.md, Zeile 1: Die Angabe „Date“ (Datum) fehlt. "
        "Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Oben diese Zeile mit dem Veröffentlichungsdatum einfügen:\n"
        "        Date: {today}",
    ),
    "date not parsable": (
        {"neuigkeiten/datum.md": "Title: Datum\nDate: 27.11.2026\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/datum.md, Zeile 2: „Date: 27.11.2026“ ist kein gültiges "
        "Datum. Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Das Datum als Jahr-Monat-Tag schreiben; die Zeile ersetzen durch:\n"
        "        Date: 2026-11-27",
    ),
    "layout missing": (
        {"neuigkeiten/ohne-layout.md": "Title: Ohne Layout\nDate: 2026-07-01\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/ohne-layout.md, Zeile 1: Die Angabe „Layout“ fehlt. "
        "Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Oben diese Zeile einfügen (möglich sind hier: „interview“, „call“, "
        "„news“, „event“):\n"
        "        Layout: news",
    ),
    "layout unknown": (
        {
            "interviews/anna.md": "Title: Anna\nDate: 2026-07-01\nLayout: interwiew\n"
            "Interviewee: Anna\n\nText.\n"
        },
        "WARNUNG in content/interviews/anna.md, Zeile 3: Das Layout „interwiew“ gibt es nicht. "
        "Meinten Sie „interview“? Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Die Zeile ersetzen durch diese (möglich sind hier: „interview“, "
        "„call“, „news“, „event“):\n"
        "        Layout: interview",
    ),
    "metadata unknown": (
        {
            "neuigkeiten/tippfehler.md": "Title: Tippfehler\nSumary: Wir feiern.\n"
            "Date: 2026-07-01\nLayout: news\n\nText.\n"
        },
        "WARNUNG in content/neuigkeiten/tippfehler.md, Zeile 2: Die Angabe „Sumary“ ist für das "
        "Layout „news“ unbekannt. Meinten Sie „Summary“?\n"
        "    So beheben: Bei einem Tippfehler die Zeile ersetzen durch diese, sonst löschen. "
        "Erlaubt sind: „A11y-ignore“, „Date“, „Image“, „Image_alt“, „Layout“, „Modified“, "
        "„Slug“, „Status“, „Summary“, „Tags“, „Title“.\n"
        "        Summary: Wir feiern.",
    ),
    "blank line after the metadata missing": (
        {
            "neuigkeiten/leerzeile.md": "Title: Leerzeile\nDate: 2026-07-01\nLayout: news\n"
            "Wann: am Samstag\n"
        },
        "WARNUNG in content/neuigkeiten/leerzeile.md, Zeile 4: Die Angabe „Wann“ ist für das "
        "Layout „news“ unbekannt. Falls hier schon der Text beginnt: Zwischen den Angaben und "
        "dem Text fehlt eine Leerzeile.\n"
        "    So beheben: Tippfehler korrigieren oder die Zeile löschen. Erlaubt sind: "
        "„A11y-ignore“, „Date“, „Image“, „Image_alt“, „Layout“, „Modified“, „Slug“, „Status“, "
        "„Summary“, „Tags“, „Title“.",
    ),
    "title without letters": (
        {"neuigkeiten/fest.md": "Title: 🎉\nDate: 2026-07-01\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 1: Aus dem Titel „🎉“ lässt sich keine "
        "Adresse bilden (er enthält keine Buchstaben oder Ziffern, die in einer Webadresse stehen "
        "können). Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Dem Titel ein Wort hinzufügen oder oben diese Zeile mit einer "
        "Adresse einfügen:\n"
        "        Slug: fest",
    ),
    "article takes the address of a page": (
        {"neuigkeiten/kontakt.md": "Title: Kontakt\nDate: 2026-07-01\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/kontakt.md, Zeile 1: Die Adresse „/kontakt/“ hat schon "
        "content/pages/kontakt.md. Die Datei wird übersprungen, bis das behoben ist.\n"
        + OWN_ADDRESS
        + "        Slug: kontakt-2",
    ),
    "relative link to a missing page": (
        {
            "neuigkeiten/relativ.md": news(
                "Relativer Link", "\nSiehe [Anfahrt](../pages/anfahrt.md#weg).\n"
            )
        },
        "WARNUNG in content/neuigkeiten/relativ.md, Zeile 8: Der Link „../pages/anfahrt.md#weg“ "
        "führt zu keiner Seite der Website (content/pages/anfahrt.md gibt es nicht).\n" + LINK_FIX,
    ),
    "interview without interviewee": (
        {"interviews/bert.md": "Title: Bert\nDate: 2026-07-01\nLayout: interview\n\nText.\n"},
        "WARNUNG in content/interviews/bert.md, Zeile 1: Ein Interview braucht die Angabe "
        "„Interviewee“ (wer interviewt wird). Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Oben diese Zeile einfügen und ausfüllen:\n"
        "        Interviewee: [[Vorname der interviewten Person]]",
    ),
    "call without contact": (
        {
            "aufrufe/hilfe.md": "Title: Hilfe gesucht\nDate: 2026-07-01\nLayout: call\n"
            "Skills: Social Media\n\nText.\n"
        },
        "WARNUNG in content/aufrufe/hilfe.md, Zeile 1: Ein Aufruf braucht die Angabe „Contact“ "
        "(wie man sich melden kann). Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Oben diese Zeile einfügen und ausfüllen:\n"
        "        Contact: [[E-Mail-Adresse für Rückfragen]]",
    ),
    "not utf-8": (
        {
            "neuigkeiten/kodierung.md": "Title: Kodierung\nDate: 2026-07-01\nLayout: news\n\n"
            "Grüße\n".encode("cp1252")
        },
        "WARNUNG in content/neuigkeiten/kodierung.md, Zeile 5: Die Datei ist nicht als UTF-8 "
        "gespeichert; Umlaute würden falsch erscheinen. Die Datei wird übersprungen, bis das "
        "behoben ist.\n"
        "    So beheben: Die Datei im Editor mit der Zeichenkodierung „UTF-8“ speichern "
        "(z. B. „Speichern unter…“ → Kodierung: UTF-8).",
    ),
    "same slug twice": (
        {
            "neuigkeiten/sommer.md": news("Sommerfest"),
            "neuigkeiten/sommer-2.md": news("Sommerfest").replace("07-01", "07-02"),
        },
        "WARNUNG in content/neuigkeiten/sommer-2.md, Zeile 1: Die Adresse „/sommerfest/“ hat "
        "schon content/neuigkeiten/sommer.md. Die Datei wird übersprungen, bis das behoben ist.\n"
        + OWN_ADDRESS
        + "        Slug: sommerfest-2",
    ),
    "link to a missing page": (
        {
            "neuigkeiten/dateilink.md": news(
                "Link auf eine Datei", "\nSiehe [Anfahrt]({filename}/pages/anfahrt.md).\n"
            )
        },
        "WARNUNG in content/neuigkeiten/dateilink.md, Zeile 8: Der Link "
        "„{filename}/pages/anfahrt.md“ führt zu keiner Seite der Website "
        "(content/pages/anfahrt.md gibt es nicht).\n" + LINK_FIX,
    ),
    "link to an address that does not exist": (
        {
            "neuigkeiten/adresslink.md": news(
                "Link auf eine Adresse", "\nSiehe [Kontakt](/kontak/).\n"
            )
        },
        # link_check's, from the written page: addresses are known there
        "WARNUNG in content/neuigkeiten/adresslink.md, Zeile 8: Der Link „/kontak/“ führt ins "
        "Leere: die Adresse /kontak/ gibt es auf der Website nicht. Meinten Sie „/kontakt/“?\n"
        "    So beheben: Die Adresse im Link berichtigen oder den Link entfernen. Eigene Texte am "
        "besten über ihre Datei verlinken, z. B. „../pages/kontakt.md“: dann stimmt der Link "
        "auch, wenn sich die Adresse der Seite ändert.",
    ),
    "link to a skipped file": (
        {
            "neuigkeiten/entwurfslink.md": news(
                "Link auf einen Entwurf", "\nSiehe [Kaputt]({filename}kaputt.md).\n"
            ),
            "neuigkeiten/kaputt.md": "Title: Kaputt\nLayout: news\n\nOhne Datum.\n",
        },
        "WARNUNG in content/neuigkeiten/entwurfslink.md, Zeile 8: Der Link „{filename}kaputt.md“ "
        "führt zu keiner Seite der Website (content/neuigkeiten/kaputt.md wird nicht "
        "veröffentlicht: ein Entwurf, verborgen oder wegen eines Fehlers übersprungen).\n"
        "    So beheben: Den Link erst setzen, wenn die Seite veröffentlicht wird, oder die Seite "
        "fertigstellen (ihre Meldungen beheben, „Status: draft“ löschen).",
    ),
    "address of a list the site makes": (
        {"pages/archiv.md": "Title: Archiv\nLayout: page\n\nAlte Sachen.\n"},
        "WARNUNG in content/pages/archiv.md, Zeile 1: Die Adresse „/archiv/“ ist schon vergeben "
        "(für das Archiv). Die Datei wird übersprungen, bis das behoben ist.\n"
        + OWN_ADDRESS
        + "        Slug: archiv-2",
    ),
    "address not in ascii": (
        {
            "neuigkeiten/umlaut.md": "Title: Umlaut\nSlug: Über-Fest\nDate: 2026-07-01\n"
            "Layout: news\n\nText.\n"
        },
        "WARNUNG in content/neuigkeiten/umlaut.md, Zeile 2: „Slug: Über-Fest“ ist keine gültige "
        "Adresse (nur Kleinbuchstaben a–z, Ziffern und Bindestriche, Umlaute ausgeschrieben).\n"
        "    So beheben: Die Zeile ersetzen durch:\n"
        "        Slug: ueber-fest",
    ),
    "second main heading": (
        {"neuigkeiten/ueberschrift.md": news("Zwei Überschriften", "\n# Programm\n")},
        "WARNUNG in content/neuigkeiten/ueberschrift.md, Zeile 8: Eine Überschrift mit einem # "
        "wäre eine zweite Hauptüberschrift; die einzige ist der Titel.\n"
        "    So beheben: Überschriften im Text mit ## beginnen (Unterpunkte mit ###); die Zeile "
        "ersetzen durch:\n"
        "        ## Programm",
    ),
    "unknown fact": (
        {"neuigkeiten/fakt.md": news("Fakt", "\nSchreiben Sie an {{ verein.kontakt.mail }}.\n")},
        "WARNUNG in content/neuigkeiten/fakt.md, Zeile 8: „{{ verein.kontakt.mail }}“ gibt es "
        "nicht in content/verein.toml.\n"
        "    So beheben: Den Namen mit content/verein.toml vergleichen (z. B. "
        "„{{ verein.kontakt.email }}“) oder die Angabe dort ergänzen.",
    ),
    "empty fact the site needs": (
        {},  # in BROKEN_FACTS
        "WARNUNG in content/verein.toml, Zeile 9: Die Angabe „kontakt.email“ fehlt oder ist "
        "leer; die Website braucht sie (Kopf, Fußzeile, Kontaktseite oder Impressum).\n"
        "    So beheben: In content/verein.toml die Zeile ersetzen durch diese und ausfüllen:\n"
        '        email = "[[kontakt.email]]"',
    ),
    "fact without quotes": (
        {},  # in BROKEN_FACTS
        "WARNUNG in content/verein.toml, Zeile 6: Die Angabe „anschrift.plz“ ist kein Text "
        "(es fehlen die Anführungszeichen).\n"
        "    So beheben: Die Zeile so schreiben, mit Anführungszeichen:\n"
        '        plz = "37073"',
    ),
    "text outside the text folders": (
        {"sommerfest.md": news("Sommerfest im Park")},
        "WARNUNG in content/sommerfest.md: Dieser Text liegt außerhalb der Textordner und wird "
        "deshalb nicht veröffentlicht, auch nicht in der Vorschau.\n"
        "    So beheben: Die Datei nach content/neuigkeiten/ verschieben (als sommerfest.md).",
    ),
    "text saved as .txt outside the text folders": (
        {
            "images/einladung.txt": "Title: Einladung\nLayout: page\n\nKommt alle.\n",
            "images/notizen.txt": "Einkaufsliste: Kuchen\n",  # no text of ours: no message
        },
        "WARNUNG in content/images/einladung.txt: Dieser Text liegt außerhalb der Textordner und "
        "wird deshalb nicht veröffentlicht, auch nicht in der Vorschau.\n"
        "    So beheben: Die Datei nach content/pages/ verschieben (als einladung.md).",
    ),
}
BROKEN_FACTS = FACTS.replace('"info@example.org"', '""').replace('plz = "37073"', "plz = 37073")
GOOD = "Title: Gutes Wetter\nDate: 2026-07-03\nLayout: news\n\nSonne.\n"
NOT_MARKDOWN = (
    "HINWEIS in content/neuigkeiten/notiz.md.txt: Diese Datei ist kein Markdown-Text und "
    "wird nicht veröffentlicht.\n"
    "    So beheben: Texte enden auf „.md“: die Datei umbenennen (z. B. „fest.md.txt“ → "
    "„fest.md“). Bilder gehören nach content/images/."
)
BROKEN_FILES = {
    **{rel: text for files, _message in CASES.values() for rel, text in files.items()},
    "neuigkeiten/gut.md": GOOD,
    "neuigkeiten/notiz.md.txt": news("Notiz"),  # not Markdown: a hint, in no build stopped
}


def expected(case):
    return CASES[case][1].replace("{today}", datetime.date.today().isoformat())


class Logged(logging.Handler):
    """What a build logs at WARNING and above, one message per record (as the volunteer
    reads it in the terminal). Fixtures shared by a module cannot use caplog."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())

    def __enter__(self):
        root = logging.getLogger()
        self.level = root.level
        root.addHandler(self)
        root.setLevel(min(self.level, logging.WARNING))
        return self

    def __exit__(self, *exc):
        root = logging.getLogger()
        root.removeHandler(self)
        root.setLevel(self.level)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The broken site built for the preview: (output folder, logged messages)."""
    content = make_site(tmp_path_factory.mktemp("preview"), BROKEN_FILES, facts=BROKEN_FACTS)
    with Logged() as logged:
        output = build(content)
    return output, logged.messages


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The broken site built for publishing: (its folder, the text of the BuildError)."""
    content = make_site(tmp_path_factory.mktemp("production"), BROKEN_FILES, facts=BROKEN_FACTS)
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    return content.parent, str(error.value)


@pytest.mark.parametrize("case", CASES)
def test_preview_warns_in_german(preview, case):
    _output, messages = preview
    assert expected(case) in messages


def test_preview_builds_the_rest_and_leaves_out_what_cannot_be_built(preview):
    output, messages = preview
    assert (output / "gutes-wetter" / "index.html").is_file()
    for skipped in ("kaputt", "ohne-datum", "datum", "kodierung", "notiz"):
        assert not (output / skipped).exists(), skipped
    # The article neuigkeiten/kontakt.md is skipped; the page of the same file name builds.
    contact = (output / "kontakt" / "index.html").read_text(encoding="utf-8")
    assert "Schreiben Sie uns." in contact
    # An empty fact the site needs shows as a [[placeholder]], to be filled in.
    assert "[[kontakt.email]]" in contact
    assert NOT_MARKDOWN in messages
    assert not any("notizen.txt" in message for message in messages)  # no text of ours


@pytest.mark.parametrize("case", CASES)
def test_publishing_stops_with_the_same_words(production, case):
    _root, text = production
    assert expected(case).replace("WARNUNG", "FEHLER", 1) in text


def test_publishing_with_mistakes_writes_nothing(production):
    root, text = production
    assert "Es wurde nichts veröffentlicht und nichts nach output/ geschrieben." in text
    assert not (root / "output").exists()


SNIPPET = re.compile(r"^ {8}(.*)$", re.MULTILINE)


def paste(content, printed):
    """Do what a printed finding says, as a volunteer would: its snippet (the lines indented
    by eight spaces, exactly as printed) replaces the named line or goes in at the top."""
    where = re.match(r"\w+ in (content/\S+), Zeile (\d+):", printed)
    fix = next(line for line in printed.splitlines() if "So beheben:" in line)
    path = content.parent / where[1]
    lines = path.read_text(encoding="utf-8").splitlines()
    pasted = SNIPPET.findall(printed)
    number = int(where[2])
    if "ersetzen" in fix or "Die Zeile so schreiben" in fix:  # the named line, rewritten
        lines[number - 1 : number] = pasted
    else:
        assert "oben" in fix.lower(), fix
        lines[0:0] = pasted
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


WITH_SNIPPET = [case for case, (files, message) in CASES.items() if "\n        " in message]


@pytest.fixture(scope="module")
def pasted(tmp_path_factory, preview):
    """The broken site again, each printed snippet pasted as printed, built for the preview:
    the messages of that build."""
    _output, printed = preview
    content = make_site(tmp_path_factory.mktemp("pasted"), BROKEN_FILES, facts=BROKEN_FACTS)
    for case in WITH_SNIPPET:
        head = expected(case).split(":")[0]  # "WARNUNG in content/…, Zeile 3"
        paste(content, next(message for message in printed if message.startswith(head)))
    with Logged() as logged:
        build(content)
    return logged.messages


@pytest.mark.parametrize("case", WITH_SNIPPET)
def test_each_printed_snippet_pasted_as_printed_fixes_the_file(pasted, case):
    path = re.match(r"\w+ in (content/\S+),", expected(case))[1]
    # Nothing left that would stop publishing (a pasted [[placeholder]] is listed apart).
    left = [message for message in pasted if message.startswith(f"WARNUNG in {path}")]
    assert left == [], left


def test_what_was_not_pasted_is_still_reported(pasted):
    # kaputt.md (no date) got no snippet pasted: the pasted build still names it.
    assert any(message.startswith("WARNUNG in content/neuigkeiten/kaputt.md") for message in pasted)


def test_a_clean_site_publishes(tmp_path):
    content = make_site(tmp_path, {"neuigkeiten/fest.md": news("Sommerfest")})
    output = build(content, strict=True, SITEURL="https://example.org")
    assert (output / "sommerfest" / "index.html").is_file()
    assert (output / "feeds" / "atom.xml").is_file()


PLACEHOLDER_SITE = {
    "neuigkeiten/fest.md": news("Sommerfest", "\nWir treffen uns in [[Ort des Festes]].\n")
}
FACTS_WITH_PLACEHOLDER = "# [[Platzhalter]] in Kommentaren zählen nicht\n" + FACTS.replace(
    '"info@example.org"', '"[[E-Mail-Adresse des Vereins]]"'
)


def test_placeholders_are_listed_while_previewing(tmp_path, caplog):
    content = make_site(tmp_path, PLACEHOLDER_SITE, facts=FACTS_WITH_PLACEHOLDER)
    with caplog.at_level(logging.WARNING):
        output = build(content)
    # One line while previewing, not a wall of messages; the list is in the browser.
    assert [r.getMessage() for r in caplog.records if "Platzhalter" in r.getMessage()] == [
        "WARNUNG: 2 Platzhalter [[…]] sind noch nicht ausgefüllt (content/neuigkeiten/fest.md, "
        "content/verein.toml); vor der Veröffentlichung ausfüllen. Die Liste zeigt „make serve“ "
        "unter http://127.0.0.1:8000/__vorschau/probleme/."
    ]
    assert "[[Ort des Festes]]" in (output / "sommerfest" / "index.html").read_text(
        encoding="utf-8"
    )


def test_placeholders_stop_the_production_build(tmp_path):
    content = make_site(tmp_path, PLACEHOLDER_SITE, facts=FACTS_WITH_PLACEHOLDER)
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert str(error.value) == (
        "FEHLER: 2 Platzhalter [[…]] sind noch nicht ausgefüllt. Vor der Veröffentlichung "
        "jeweils die echte Angabe an ihre Stelle schreiben (ohne die eckigen Klammern):\n"
        "    content/neuigkeiten/fest.md, Zeile 8: [[Ort des Festes]]\n"
        "    content/verein.toml, Zeile 10: [[E-Mail-Adresse des Vereins]]\n"
        "\n"
        "Der Bau wurde abgebrochen: 2 Fehler. Es wurde nichts veröffentlicht und nichts "
        "nach output/ geschrieben."
    )
    assert not (tmp_path / "output").exists()


def test_broken_facts_file_is_reported_with_its_line(tmp_path):
    content = make_site(
        tmp_path,
        {"neuigkeiten/fakt.md": news("Fakt", "\nSchreiben Sie an {{ verein.kontakt.email }}.\n")},
        facts='name = "Testverein e.V."\nsitz = Göttingen\n',
    )
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert str(error.value).startswith(
        "FEHLER in content/verein.toml, Zeile 2: Die Vereinsdaten können nicht gelesen werden: "
        'Ein Wert steht nicht in geraden Anführungszeichen " (typografische „“ gehen hier nicht).'
    )
    assert "gibt es nicht in content/verein.toml" not in str(error.value)  # one cause, one message
    assert "Traceback" not in str(error.value)
    assert not (tmp_path / "output").exists()


def test_a_second_build_reports_the_same_from_the_cache(tmp_path):
    content = make_site(tmp_path, BROKEN_FILES, facts=BROKEN_FACTS)
    with Logged() as first:
        build(content)
    assert (tmp_path / "content-check-cache" / "sources.pickle").is_file()
    with Logged() as again:
        build(content)
    assert again.messages == first.messages
    assert any("Fehler" in m or "FEHLER" in m or "WARNUNG" in m for m in again.messages)


def test_a_cached_text_meets_edited_facts(tmp_path):
    content = make_site(
        tmp_path,
        {"neuigkeiten/fakt.md": news("Fakt", "\nSchreiben Sie an {{ verein.telefon_it }}.\n")},
    )
    with Logged() as first:
        build(content)
    missing = [m for m in first.messages if "verein.telefon_it" in m]
    assert missing and "gibt es nicht in content/verein.toml" in missing[0]
    (content / "verein.toml").write_text('telefon_it = "0551 111111"\n' + FACTS, encoding="utf-8")
    with Logged() as again:
        build(content)
    assert not [m for m in again.messages if "verein.telefon_it" in m]
