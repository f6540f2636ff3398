"""Content errors volunteers will make: one German message each, with file, line and fix.

Previewing (pelicanconf.py): a warning, and the rest of the site still builds.
Publishing (publishconf.py): the build stops and writes nothing.
"""

import logging
import re

import pytest
from support import FACTS, build, make_site

from sitekit.findings import BuildError

NEWS = """\
Title: Sommerfest
Date: 2026-07-01
Layout: news
Summary: Wir feiern.

Text.
"""

LINK_FIX = (
    "    So beheben: Den Pfad prüfen: „../pages/kontakt.md“ meint die Datei "
    "content/pages/kontakt.md vom Ordner dieses Textes aus, „/pages/kontakt.md“ dieselbe vom "
    "Ordner content/ aus; „/kontakt/“ meint die Adresse der Kontaktseite."
)

OWN_ADDRESS = (
    "    So beheben: Einen anderen Titel wählen oder oben diese Zeile mit einer eigenen Adresse "
    "einfügen:\n"
)

# (files of the fixture site, the exact message for it)
CASES = {
    "title missing": (
        {"neuigkeiten/fest.md": "Date: 2026-07-01\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 1: Die Angabe „Title“ (Titel) fehlt. "
        "Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Ganz oben diese Zeile einfügen und den Titel anpassen:\n"
        "        Title: Fest",
    ),
    "date missing": (
        {"neuigkeiten/fest.md": "Title: Fest\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 1: Die Angabe „Date“ (Datum) fehlt. "
        "Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Oben diese Zeile mit dem Veröffentlichungsdatum einfügen:\n"
        "        Date: {today}",
    ),
    "date not parsable": (
        {"neuigkeiten/fest.md": "Title: Fest\nDate: 27.11.2026\nLayout: news\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 2: „Date: 27.11.2026“ ist kein gültiges "
        "Datum. Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Das Datum als Jahr-Monat-Tag schreiben; die Zeile ersetzen durch:\n"
        "        Date: 2026-11-27",
    ),
    "layout missing": (
        {"neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\n\nText.\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 1: Die Angabe „Layout“ fehlt. "
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
            "neuigkeiten/fest.md": "Title: Fest\nSumary: Wir feiern.\nDate: 2026-07-01\nLayout: news\n\nText.\n"
        },
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 2: Die Angabe „Sumary“ ist für das Layout "
        "„news“ unbekannt. Meinten Sie „Summary“?\n"
        "    So beheben: Bei einem Tippfehler die Zeile ersetzen durch diese, sonst löschen. "
        "Erlaubt sind: „A11y-ignore“, „Date“, „Image“, „Image_alt“, „Layout“, „Modified“, "
        "„Slug“, „Status“, „Summary“, „Tags“, „Title“.\n"
        "        Summary: Wir feiern.",
    ),
    "blank line after the metadata missing": (
        {"neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\nLayout: news\nWann: am Samstag\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 4: Die Angabe „Wann“ ist für das Layout "
        "„news“ unbekannt. Falls hier schon der Text beginnt: Zwischen den Angaben und dem Text "
        "fehlt eine Leerzeile.\n"
        "    So beheben: Tippfehler korrigieren oder die Zeile löschen. Erlaubt sind: „A11y-ignore“, „Date“, "
        "„Image“, „Image_alt“, „Layout“, „Modified“, „Slug“, „Status“, „Summary“, "
        "„Tags“, „Title“.",
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
        {"neuigkeiten/fest.md": NEWS + "\nSiehe [Anfahrt](../pages/anfahrt.md#weg).\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 8: Der Link „../pages/anfahrt.md#weg“ "
        "führt zu keiner Seite der Website (content/pages/anfahrt.md gibt es nicht).\n" + LINK_FIX,
    ),
    "interview without interviewee": (
        {"interviews/anna.md": "Title: Anna\nDate: 2026-07-01\nLayout: interview\n\nText.\n"},
        "WARNUNG in content/interviews/anna.md, Zeile 1: Ein Interview braucht die Angabe "
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
            "neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\nLayout: news\n\nGrüße\n".encode(
                "cp1252"
            )
        },
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 5: Die Datei ist nicht als UTF-8 gespeichert; "
        "Umlaute würden falsch erscheinen. Die Datei wird übersprungen, bis das behoben ist.\n"
        "    So beheben: Die Datei im Editor mit der Zeichenkodierung „UTF-8“ speichern "
        "(z. B. „Speichern unter…“ → Kodierung: UTF-8).",
    ),
    "same slug twice": (
        {"neuigkeiten/fest.md": NEWS, "neuigkeiten/fest-2.md": NEWS.replace("07-01", "07-02")},
        "WARNUNG in content/neuigkeiten/fest-2.md, Zeile 1: Die Adresse „/sommerfest/“ hat schon "
        "content/neuigkeiten/fest.md. Die Datei wird übersprungen, bis das behoben ist.\n"
        + OWN_ADDRESS
        + "        Slug: sommerfest-2",
    ),
    "link to a missing page": (
        {"neuigkeiten/fest.md": NEWS + "\nSiehe [Anfahrt]({filename}/pages/anfahrt.md).\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 8: Der Link „{filename}/pages/anfahrt.md“ "
        "führt zu keiner Seite der Website (content/pages/anfahrt.md gibt es nicht).\n" + LINK_FIX,
    ),
    "link to an address that does not exist": (
        {"neuigkeiten/fest.md": NEWS + "\nSiehe [Kontakt](/kontak/).\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 8: Der Link „/kontak/“ führt zu keiner "
        "Seite der Website (die Adresse /kontak/ gibt es nicht).\n" + LINK_FIX,
    ),
    "link to a skipped file": (
        {
            "neuigkeiten/fest.md": NEWS + "\nSiehe [Kaputt]({filename}kaputt.md).\n",
            "neuigkeiten/kaputt.md": "Title: Kaputt\nLayout: news\n\nOhne Datum.\n",
        },
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 8: Der Link „{filename}kaputt.md“ "
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
            "neuigkeiten/fest.md": "Title: Fest\nSlug: Über-Fest\nDate: 2026-07-01\nLayout: news\n\nText.\n"
        },
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 2: „Slug: Über-Fest“ ist keine gültige "
        "Adresse (nur Kleinbuchstaben a–z, Ziffern und Bindestriche, Umlaute ausgeschrieben).\n"
        "    So beheben: Die Zeile ersetzen durch:\n"
        "        Slug: ueber-fest",
    ),
    "second main heading": (
        {"neuigkeiten/fest.md": NEWS + "\n# Programm\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 8: Eine Überschrift mit einem # wäre eine "
        "zweite Hauptüberschrift; die einzige ist der Titel.\n"
        "    So beheben: Überschriften im Text mit ## beginnen (Unterpunkte mit ###); die Zeile "
        "ersetzen durch:\n"
        "        ## Programm",
    ),
    "unknown fact": (
        {"neuigkeiten/fest.md": NEWS + "\nSchreiben Sie an {{ verein.kontakt.mail }}.\n"},
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 8: „{{ verein.kontakt.mail }}“ gibt es "
        "nicht in content/verein.toml.\n"
        "    So beheben: Den Namen mit content/verein.toml vergleichen (z. B. "
        "„{{ verein.kontakt.email }}“) oder die Angabe dort ergänzen.",
    ),
}


def _today():
    import datetime

    return datetime.date.today().isoformat()


GOOD = "Title: Gutes Wetter\nDate: 2026-07-03\nLayout: news\n\nSonne.\n"


@pytest.mark.parametrize("case", CASES)
def test_preview_warns_in_german_and_builds_the_rest(tmp_path, caplog, case):
    files, message = CASES[case]
    content = make_site(tmp_path, {**files, "neuigkeiten/gut.md": GOOD})
    with caplog.at_level(logging.WARNING):
        output = build(content)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert message.replace("{today}", _today()) in warnings
    assert (output / "gutes-wetter" / "index.html").is_file()  # the rest of the site still builds


@pytest.mark.parametrize("case", CASES)
def test_publishing_stops_with_the_same_words_and_writes_nothing(tmp_path, case):
    files, message = CASES[case]
    content = make_site(tmp_path, files)
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    expected = message.replace("{today}", _today()).replace("WARNUNG", "FEHLER")
    assert expected in str(error.value)
    assert "Es wurde nichts veröffentlicht und nichts nach output/ geschrieben." in str(error.value)
    assert not (tmp_path / "output").exists()


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
    if "ersetzen" in fix:
        lines[number - 1 : number] = pasted
    else:
        assert "oben" in fix.lower(), fix
        lines[0:0] = pasted
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "case", [case for case, (_files, message) in CASES.items() if "\n        " in message]
)
def test_each_printed_snippet_pasted_as_printed_fixes_the_file(tmp_path, caplog, case):
    files, message = CASES[case]
    content = make_site(tmp_path, files)
    with caplog.at_level(logging.WARNING):
        build(content)
    printed = next(
        r.getMessage()
        for r in caplog.records
        if r.getMessage().startswith(message.replace("{today}", _today()).split(":")[0])
    )
    paste(content, printed)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build(content)
    path = re.match(r"\w+ in (content/\S+),", printed)[1]
    # Nothing left that would stop publishing (a pasted [[placeholder]] is listed apart).
    left = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith(f"WARNUNG in {path}")
    ]
    assert left == [], left


def test_a_file_with_a_mistake_is_skipped_and_the_good_one_is_published(tmp_path):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/fest.md": NEWS,
            "neuigkeiten/kaputt.md": "Title: Kaputt\nDate: gestern\nLayout: news\n\nText.\n",
        },
    )
    output = build(content)
    assert (output / "sommerfest" / "index.html").is_file()
    assert not (output / "kaputt").exists()


PLACEHOLDER_SITE = {"neuigkeiten/fest.md": NEWS + "\nWir treffen uns in [[Ort des Festes]].\n"}
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
    content = make_site(tmp_path, {}, facts='name = "Testverein e.V."\nsitz = Göttingen\n')
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert str(error.value).startswith(
        "FEHLER in content/verein.toml, Zeile 2: Die Vereinsdaten können nicht gelesen werden: "
        'Ein Wert steht nicht in geraden Anführungszeichen " (typografische „“ gehen hier nicht).'
    )
    assert "gibt es nicht in content/verein.toml" not in str(error.value)  # one cause, one message


def test_a_missing_closing_quote_in_the_facts_is_named(tmp_path, caplog):
    content = make_site(
        tmp_path, {}, facts=FACTS.replace('"info@example.org"', '"info@example.org')
    )
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        "WARNUNG in content/verein.toml, Zeile 9: Die Vereinsdaten können nicht gelesen "
        'werden: Am Ende eines Werts fehlt das Anführungszeichen ".'
    ) in caplog.text


def test_a_number_without_quotes_is_named_with_its_line(tmp_path, caplog):
    content = make_site(tmp_path, {}, facts=FACTS.replace('plz = "37073"', "plz = 37073"))
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        "WARNUNG in content/verein.toml, Zeile 6: Die Angabe „anschrift.plz“ ist kein Text "
        "(es fehlen die Anführungszeichen).\n"
        "    So beheben: Die Zeile so schreiben, mit Anführungszeichen:\n"
        '        plz = "37073"'
    ) in caplog.text


def test_a_text_file_in_a_content_folder_is_pointed_out(tmp_path, caplog):
    content = make_site(tmp_path, {"neuigkeiten/fest.md.txt": NEWS})
    with caplog.at_level(logging.WARNING):
        output = build(content)
    assert (
        "HINWEIS in content/neuigkeiten/fest.md.txt: Diese Datei ist kein Markdown-Text und "
        "wird nicht veröffentlicht.\n"
        "    So beheben: Texte enden auf „.md“: die Datei umbenennen (z. B. „fest.md.txt“ → "
        "„fest.md“). Bilder gehören nach content/images/."
    ) in caplog.text
    assert not (output / "sommerfest").exists()


def test_two_files_with_the_same_name_in_different_folders_are_skipped_one_by_one(tmp_path):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/kontakt.md": "Title: Kontakt\nDate: 2026-07-01\nLayout: news\n\nText.\n",
        },
    )
    output = build(content)
    # The article is skipped, the page of the same file name still builds.
    assert (output / "kontakt" / "index.html").is_file()
    assert "Schreiben Sie uns." in (output / "kontakt" / "index.html").read_text(encoding="utf-8")


def test_a_clean_site_publishes(tmp_path):
    content = make_site(tmp_path, {"neuigkeiten/fest.md": NEWS})
    output = build(content, strict=True, SITEURL="https://example.org")
    assert (output / "sommerfest" / "index.html").is_file()
    assert (output / "feeds" / "atom.xml").is_file()


def test_an_empty_fact_the_site_needs_is_reported(tmp_path, caplog):
    content = make_site(tmp_path, {}, facts=FACTS.replace('"info@example.org"', '""'))
    with caplog.at_level(logging.WARNING):
        output = build(content)
    assert (
        "WARNUNG in content/verein.toml, Zeile 9: Die Angabe „kontakt.email“ fehlt oder ist "
        "leer; die Website braucht sie (Kopf, Fußzeile, Kontaktseite oder Impressum).\n"
        "    So beheben: In content/verein.toml die Zeile ersetzen durch diese und ausfüllen:\n"
        '        email = "[[kontakt.email]]"'
    ) in caplog.text
    assert "[[kontakt.email]]" in (output / "kontakt" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "facts, message",
    [
        (None, "FEHLER in content/verein.toml: Die Datei mit den Vereinsdaten fehlt."),
        (
            'name = "Verein für Grüße"\n'.encode("cp1252"),
            "FEHLER in content/verein.toml, Zeile 1: Die Vereinsdaten sind nicht als UTF-8 gespeichert.",
        ),
        (
            FACTS.replace("[kontakt]\n", 'kontakt = "info@example.org"\n[x]\n'),
            "FEHLER in content/verein.toml: Der Abschnitt „[kontakt]“ fehlt; die Website braucht "
            "daraus „kontakt.email“",
        ),
    ],
)
def test_unusable_facts_stop_publishing_without_a_traceback(tmp_path, facts, message):
    content = make_site(tmp_path, {}, facts="")
    if facts is None:
        (content / "verein.toml").unlink()
    elif isinstance(facts, bytes):
        (content / "verein.toml").write_bytes(facts)
    else:
        (content / "verein.toml").write_text(facts, encoding="utf-8")
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert message in str(error.value)


def test_placeholders_and_links_in_code_are_examples(tmp_path):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/fest.md": NEWS
            + (
                "\nSo prüft man eine Datei: `[[ -f x ]]` und `[Link](/gibt-es-nicht/)` im Code:\n\n"
                "```bash\n[[ -f datei ]] && echo ja\n```\n\n    [[ -d ordner ]]\n"
            )
        },
    )
    build(content, strict=True)  # no placeholder, no broken link: all of it is code


@pytest.mark.parametrize(
    "rel, text, fix",
    [
        (
            "sommerfest.md",
            "Title: Sommerfest\nDate: 2026-07-01\nLayout: news\n\nText.\n",
            "Die Datei nach content/neuigkeiten/ verschieben (als sommerfest.md).",
        ),
        (
            "feste/sommerfest.md",
            "Title: Sommerfest\n\nText.\n",
            "Die Datei als sommerfest.md in ihren Ordner verschieben: Interview mit Fragen als "
            "Überschriften nach content/interviews/, Aufruf zum Mitmachen nach content/aufrufe/, "
            "Neuigkeit nach content/neuigkeiten/, einfache Seite nach content/pages/.",
        ),
        (
            "images/einladung.txt",
            "Title: Einladung\nLayout: page\n\nKommt alle.\n",
            "Die Datei nach content/pages/ verschieben (als einladung.md).",
        ),
    ],
)
def test_no_text_is_ignored_in_silence(tmp_path, caplog, rel, text, fix):
    content = make_site(tmp_path, {rel: text, "images/notizen.txt": "Einkaufsliste: Kuchen\n"})
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        f"WARNUNG in content/{rel}: Dieser Text liegt außerhalb der Textordner und wird deshalb "
        f"nicht veröffentlicht, auch nicht in der Vorschau.\n    So beheben: {fix}"
    ) in caplog.text
    assert "notizen.txt" not in caplog.text  # a plain text file is no text of ours
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert f"FEHLER in content/{rel}: Dieser Text liegt außerhalb" in str(error.value)
