"""content_check's rules as plain functions on small Markdown texts (no Pelican build).

test_content_check.py builds one fixture site with a broken file for each rule to prove the
wiring end to end (the same words in the preview and in production, snippets that fix).
"""

import pytest
from support import FACTS

from content_check import checks
from content_check.source import parse
from sitekit.facts import read_facts, require
from sitekit.findings import ERROR


def source(text, rel="neuigkeiten/fest.md", kind="article"):
    return parse(f"content/{rel}", rel, kind, text)


def rules(findings):
    return [(f.rule, f.line) for f in findings]


def test_metadata_is_read_with_lines_and_continuations():
    src = source("Title: Sommerfest\nTags: a,\n    b\nDate: 2026-07-01\n\nText\n")
    assert src.value("title") == "Sommerfest" and src.line_of("date") == 4
    assert src.value("tags") == "a, b" and src.body_from == 5


def test_a_good_news_item_has_no_findings():
    found, usable = checks.check_metadata(
        source("Title: Fest\nDate: 2026-07-01\nLayout: news\n\nText\n")
    )
    assert found == [] and usable


@pytest.mark.parametrize(
    "text, rule, line",
    [
        ("Date: 2026-07-01\nLayout: news\n\nText\n", "metadata-missing", 1),
        ("Title: A\nTitle: B\nDate: 2026-07-01\nLayout: news\n\nText\n", "metadata-duplicate", 2),
        ("Title: A\nDate: 31.02.2026\nLayout: news\n\nText\n", "date-invalid", 2),
    ],
)
def test_metadata_problems_name_their_line(text, rule, line):
    found, _ = checks.check_metadata(source(text))
    assert (rule, line) in rules(found), rules(found)


def test_an_unknown_layout_is_named_with_a_suggestion():
    found, usable = checks.check_metadata(
        source("Title: A\nDate: 2026-07-01\nLayout: interwiev\n\nx\n")
    )
    assert not usable
    assert any("interview" in f.fix for f in found), [f.fix for f in found]


def test_placeholders_outside_code_are_errors_that_stop_publishing():
    text = "Title: A\n\nWir treffen uns am [[Datum]].\n```\n[[im Code]]\n```\n"
    found = checks.check_placeholders("content/x.md", text, body_from=3)
    assert [(f.message, f.line, f.severity) for f in found] == [("[[Datum]]", 3, ERROR)]
    toml = '# [[Erklärung]]\nname = "[[Name]]"\n'
    assert [f.line for f in checks.check_placeholders("content/verein.toml", toml, "#")] == [2]


def test_fact_references_must_exist():
    src = source("Title: A\n\nMail an {{ verein.kontakt.email }} oder {{ verein.kontakt.fax }}.\n")
    found = checks.check_fact_references(
        src, {"kontakt": {"email": "a@b.de"}}, "content/verein.toml"
    )
    assert [(f.rule, f.line) for f in found] == [("fact-unknown", 3)]
    assert "verein.kontakt.fax" in found[0].message


def test_headings_start_below_the_title():
    src = source("Title: A\n\n# Zweiter Titel\n\n## Gut\n")
    assert ("heading-h1", 3) in rules(checks.check_headings(src))


def test_links_must_lead_to_something_that_is_built():
    src = source(
        "Title: A\n\n[Kontakt]({filename}/pages/kontakt.md) [Plan]({static}/images/plan.pdf)\n"
        "[Weg](/gibt-es-nicht/) [Start](/)\n"
        "[Mitmachen](../pages/mitmachen.md) [Entwurf](/pages/entwurf.md#oben) [Fehlt](fehlt.md)\n"
        "[mit]: mitmachen.md\n"
        '<a href="weg.md">roh</a> [Leer](<../pages/mit machen.md>) [Umweg](/pages/../pages/kontakt.md)\n'
    )
    sources = {"pages/kontakt.md", "pages/mitmachen.md", "pages/entwurf.md"}
    published = sources - {"pages/entwurf.md"}
    found = checks.check_links(src, sources, published, lambda path: False)
    # Addresses (/gibt-es-nicht/) are link_check's, read in the written pages.
    assert sorted((f.line, f.message.split("“")[0]) for f in found) == [
        (3, "Der Link „{static}/images/plan.pdf"),
        (5, "Der Link „/pages/entwurf.md#oben"),
        (5, "Der Link „fehlt.md"),
        (7, "Der Link „../pages/mit machen.md"),
        (7, "Der Link „weg.md"),
    ]
    assert any("content/pages/entwurf.md wird nicht veröffentlicht" in f.message for f in found)


def test_two_files_cannot_share_an_address():
    first = source("Title: Fest\n\nx\n", "neuigkeiten/a.md")
    second = source("Title: Fest\n\nx\n", "neuigkeiten/b.md")
    found, addresses = checks.check_addresses([first, second], lambda t: t.lower(), {})
    assert [f.rule for f in found] == ["url-duplicate"]
    assert found[0].path == "content/neuigkeiten/b.md"


def test_a_mistyped_web_address_is_named_with_the_address_meant():
    src = source(
        "Title: A\n\n[Stadt](htps://www.goettingen.de/) und [Wiki](http//de.wikipedia.org)\n"
        '[Verein](www.example.org) <a href="https:/example.org/x">roh</a>\n'
        "[ok](https://example.org) [Mail](mailto:a@example.org) [Tel](tel:+495511234) "
        "[Datei](ftp://example.org/a) [Seite](/kontakt/) `[Code](htps://x.de)`\n"
    )
    found = checks.check_links(src, set(), set(), lambda path: False)
    assert [(f.line, f.rule, f.severity, f.snippet) for f in found] == [
        (3, "link-typo", ERROR, "https://www.goettingen.de/"),
        (3, "link-typo", ERROR, "http://de.wikipedia.org"),
        (4, "link-typo", ERROR, "https://www.example.org"),
        (4, "link-typo", ERROR, "https://example.org/x"),
    ]
    assert (
        found[0]
        .render()
        .startswith(
            "FEHLER in content/neuigkeiten/fest.md, Zeile 3: Der Link „htps://www.goettingen.de/“ "
            "ist keine gültige Webadresse"
        )
    )
    assert "So beheben: Die Adresse im Link so schreiben" in found[0].render()


def test_placeholders_and_links_in_code_are_examples():
    src = source(
        "Title: Fest\nDate: 2026-07-01\nLayout: news\n\n"
        "So prüft man eine Datei: `[[ -f x ]]` und `[Link](/gibt-es-nicht/)` im Code:\n\n"
        "```bash\n[[ -f datei ]] && echo ja\n[Weg](/weg/)\n```\n\n    [[ -d ordner ]]\n"
        "    [Fehlt](fehlt.md)\n"
    )
    assert checks.check_placeholders(src.path, src.text, body_from=src.body_from) == []
    assert checks.check_links(src, set(), set(), lambda path: False) == []
    # The same outside code: a placeholder and a broken link.
    prose = source("Title: Fest\n\nAm [[Datum]] [hier](fehlt.md).\n")
    assert rules(checks.check_placeholders(prose.path, prose.text, body_from=prose.body_from))
    assert rules(checks.check_links(prose, set(), set(), lambda path: False))


NEWS = "Title: Sommerfest\nDate: 2026-07-01\nLayout: news\n\nText.\n"


@pytest.mark.parametrize(
    "path, text, fix",
    [
        (
            "content/sommerfest.md",
            NEWS,
            "Die Datei nach content/neuigkeiten/ verschieben (als sommerfest.md).",
        ),
        (
            "content/feste/sommerfest.md",
            "Title: Sommerfest\n\nText.\n",
            "Die Datei als sommerfest.md in ihren Ordner verschieben: Interview mit Fragen als "
            "Überschriften nach content/interviews/, Aufruf zum Mitmachen nach content/aufrufe/, "
            "Neuigkeit nach content/neuigkeiten/, einfache Seite nach content/pages/.",
        ),
        (
            "content/images/einladung.txt",
            "Title: Einladung\nLayout: page\n\nKommt alle.\n",
            "Die Datei nach content/pages/ verschieben (als einladung.md).",
        ),
    ],
)
def test_a_text_outside_the_text_folders_is_told_where_it_belongs(path, text, fix):
    assert checks.misplaced(path, text.encode()).render() == (
        f"FEHLER in {path}: Dieser Text liegt außerhalb der Textordner und wird deshalb "
        f"nicht veröffentlicht, auch nicht in der Vorschau.\n    So beheben: {fix}"
    )


def test_only_a_txt_file_that_starts_like_a_text_counts_as_one():
    assert checks.looks_like_a_text(b"Title: Einladung\nLayout: page\n\nKommt alle.\n")
    assert not checks.looks_like_a_text(b"Einkaufsliste: Kuchen\n")
    assert not checks.looks_like_a_text("Title: Grüße\n".encode("cp1252"))


def facts_findings(tmp_path, facts):
    """The rendered findings of a verein.toml with this text (bytes, str or None: none)."""
    path = tmp_path / "verein.toml"
    if isinstance(facts, bytes):
        path.write_bytes(facts)
    elif facts is not None:
        path.write_text(facts, encoding="utf-8")
    return [f.render() for f in read_facts(path, "content/verein.toml").findings]


@pytest.mark.parametrize(
    "facts, message",
    [
        (None, "FEHLER in content/verein.toml: Die Datei mit den Vereinsdaten fehlt."),
        (
            'name = "Verein für Grüße"\n'.encode("cp1252"),
            "FEHLER in content/verein.toml, Zeile 1: Die Vereinsdaten sind nicht als UTF-8 "
            "gespeichert.",
        ),
        (
            FACTS.replace('"info@example.org"', '"info@example.org'),
            "FEHLER in content/verein.toml, Zeile 9: Die Vereinsdaten können nicht gelesen "
            'werden: Am Ende eines Werts fehlt das Anführungszeichen ".',
        ),
        (
            FACTS.replace("[kontakt]\n", 'kontakt = "info@example.org"\n[x]\n'),
            "FEHLER in content/verein.toml: Der Abschnitt „[kontakt]“ fehlt; die Website braucht "
            "daraus „kontakt.email“",
        ),
        (
            FACTS.replace('plz = "37073"', "plz = 37073"),
            "FEHLER in content/verein.toml, Zeile 6: Die Angabe „anschrift.plz“ ist kein Text "
            "(es fehlen die Anführungszeichen).\n"
            "    So beheben: Die Zeile so schreiben, mit Anführungszeichen:\n"
            '        plz = "37073"',
        ),
        (
            FACTS.replace('"info@example.org"', '""'),
            "FEHLER in content/verein.toml, Zeile 9: Die Angabe „kontakt.email“ fehlt oder ist "
            "leer; die Website braucht sie (Kopf, Fußzeile, Kontaktseite oder Impressum).\n"
            "    So beheben: In content/verein.toml die Zeile ersetzen durch diese und ausfüllen:\n"
            '        email = "[[kontakt.email]]"',
        ),
    ],
)
def test_facts_that_cannot_be_used_are_named_with_their_line(tmp_path, facts, message):
    (found,) = facts_findings(tmp_path, facts)
    assert found.startswith(message), found


def test_facts_a_page_layout_shows_are_required_with_the_lines_to_paste():
    text = '[mitgliedschaft]\nwer = ""\n'
    facts = {"mitgliedschaft": {"wer": ""}}
    needed = ["mitgliedschaft.wer", "mitgliedschaft.arten.mitglied.beitrag"]
    found = [f.render() for f in require(facts, text, "content/verein.toml", needed, "Seite x.md")]
    assert found == [
        "FEHLER in content/verein.toml, Zeile 2: Die Angabe „mitgliedschaft.wer“ fehlt oder "
        "ist leer; die Website braucht sie (Seite x.md).\n"
        "    So beheben: In content/verein.toml die Zeile ersetzen durch diese und ausfüllen:\n"
        '        wer = "[[mitgliedschaft.wer]]"',
        "FEHLER in content/verein.toml: Der Abschnitt „[mitgliedschaft.arten.mitglied]“ fehlt; "
        "die Website braucht daraus „mitgliedschaft.arten.mitglied.beitrag“ (Seite x.md).\n"
        "    So beheben: In content/verein.toml am Ende einfügen und ausfüllen:\n"
        "        [mitgliedschaft.arten.mitglied]\n"
        '        beitrag = "[[mitgliedschaft.arten.mitglied.beitrag]]"',
    ]


def test_a_meeting_link_in_an_events_text_is_an_error_at_its_line():
    text = (
        "Title: Sitzung\nLayout: event\nStart: 2027-03-28 19:00\nPlace: zak\n\n"
        "Wir treffen uns.\nEinwahl: https://us02web.zoom.us/j/85512345678\n"
    )
    facts = {"orte": {"zak": {"name": "Z.a.K.", "ort": "Göttingen"}}}
    source = parse("content/termine/s.md", "termine/s.md", "article", text)
    found, usable = checks.check_event(source, facts, "content/verein.toml")
    assert usable and [(f.line, f.severity, f.rule) for f in found] == [(7, ERROR, "event-access")]
    assert "https://us02web.zoom.us/j/85512345678" in found[0].message
