"""The end-of-build report and the German TOML reader, as plain functions on small inputs.

The end-to-end behaviour (one pass, same words in preview and production) is tested with
real builds in test_content_check.py, test_image_site.py and test_a11y_site.py.
"""

import tomllib

import pytest

from build_report.render import distinct, preview_summary, report_texts, stop_headline
from sitekit.facts import read_facts
from sitekit.findings import ERROR, HINT, Finding
from sitekit.placeholders import placeholder_findings
from sitekit.toml_file import TomlProblem, read_toml


def finding(path="content/a.md", line=3, severity=ERROR, rule="date-invalid", snippet=""):
    return Finding(path, line, "Kaputt.", "So nicht.", severity, rule, snippet)


def test_the_preview_calls_an_error_a_warning_in_the_same_words():
    one = finding(snippet="Date: 2026-11-27\nLayout: news")
    preview, production = report_texts([one], True), report_texts([one], False)
    assert preview == [
        "WARNUNG in content/a.md, Zeile 3: Kaputt.\n"
        "    So beheben: So nicht.\n"
        "        Date: 2026-11-27\n"
        "        Layout: news"
    ]
    assert production == [preview[0].replace("WARNUNG", "FEHLER", 1)]
    assert report_texts([finding(severity=HINT)], True)[0].startswith("HINWEIS in content/a.md")


def test_findings_are_ordered_by_file_and_line_and_one_cause_is_one_message():
    found = [finding("content/b.md", 1), finding("content/a.md", 9), finding("content/a.md", 2)]
    found.append(finding("content/a.md", 2))  # the very same finding again
    texts = report_texts(distinct(found), False)
    assert [t.split(":")[0] for t in texts] == [
        "FEHLER in content/a.md, Zeile 2",
        "FEHLER in content/a.md, Zeile 9",
        "FEHLER in content/b.md, Zeile 1",
    ]


def test_different_problems_on_one_line_are_all_reported_one_cause_once():
    title = Finding("content/a.md", 1, "Title fehlt.", "x", ERROR, "metadata-missing")
    layout = Finding("content/a.md", 1, "Layout fehlt.", "y", ERROR, "metadata-missing")
    markdown = Finding("content/a.md", 8, "Zweite Hauptüberschrift.", "##", ERROR, "heading-h1")
    page = Finding("content/a.md", 8, "2 Hauptüberschriften (h1).", "##", ERROR, "heading-h1")
    assert distinct([title, layout, markdown, page]) == [title, layout, markdown]


PLACEHOLDERS = [
    *placeholder_findings("content/verein.toml", [(4, 'plz = "[[PLZ]]"'), (5, "# [[nein]]")], "#"),
    *placeholder_findings("content/pages/impressum.md", [(7, "[[Registergericht]], [[Nummer]]")]),
]


def test_open_placeholders_are_one_line_in_the_preview():
    assert report_texts(PLACEHOLDERS, True) == [
        "WARNUNG: 3 Platzhalter [[…]] sind noch nicht ausgefüllt (content/pages/impressum.md, "
        "content/verein.toml); vor der Veröffentlichung ausfüllen. Die Liste zeigt „make serve“ "
        "unter http://127.0.0.1:8000/__vorschau/probleme/."
    ]
    assert preview_summary(PLACEHOLDERS) is None  # their line says all


def test_the_preview_lines_name_the_address_make_serve_runs_at():
    found = [*PLACEHOLDERS, finding()]
    at = "http://127.0.0.1:8123/"
    assert report_texts(found, True, at)[-1].endswith(f"unter {at}__vorschau/probleme/.")
    assert preview_summary(found, at).endswith(f"unter {at}__vorschau/probleme/.")


def test_open_placeholders_are_a_list_to_work_through_for_publishing():
    assert report_texts(PLACEHOLDERS, False) == [
        "FEHLER: 3 Platzhalter [[…]] sind noch nicht ausgefüllt. Vor der Veröffentlichung "
        "jeweils die echte Angabe an ihre Stelle schreiben (ohne die eckigen Klammern):\n"
        "    content/pages/impressum.md, Zeile 7: [[Registergericht]]\n"
        "    content/pages/impressum.md, Zeile 7: [[Nummer]]\n"
        "    content/verein.toml, Zeile 4: [[PLZ]]"
    ]


def test_summaries_count_in_german():
    found = [finding(), finding(line=4), finding(severity=HINT, rule="long-sentence")]
    assert preview_summary(found).startswith(
        "Zusammen: 2 Probleme würden „make publish-build“ stoppen (oben als WARNUNG), 1 Hinweis."
    )
    assert preview_summary([finding()]).startswith("Zusammen: 1 Problem würde „make publish")
    assert stop_headline(found) == (
        "Der Bau wurde abgebrochen: 2 Fehler. Es wurde nichts veröffentlicht und nichts nach "
        "output/ geschrieben."
    )


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ('a = "x\nb = "y"\n', 1, 'Am Ende eines Werts fehlt das Anführungszeichen ".'),
        ("a = „x“\n", 1, "typografische „“ gehen hier nicht"),
        ('a = "1"\nb = "2"\na = "3"\n', 3, "Eine Angabe steht doppelt."),
        ('[x]\na = "1"\n[x]\n', 3, "Ein Abschnitt steht doppelt."),
        ('a "1"\n', 1, "Nach dem Namen einer Angabe fehlt das Gleichheitszeichen „=“."),
        ('[a]\nb = "1"  c = "2"\n', 2, "Zwei Angaben stehen in einer Zeile"),
        ('a = "1"\nb = "unfertig\n\n', 2, 'Am Ende eines Werts fehlt das Anführungszeichen ".'),
    ],
)
def test_toml_mistakes_are_named_in_german_with_their_line(tmp_path, text, line, reason):
    path = tmp_path / "bildnachweise.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TomlProblem) as problem:
        read_toml(path, "content/images/bildnachweise.toml", "Die Bildnachweise")
    found = problem.value.finding
    assert (found.path, found.line) == ("content/images/bildnachweise.toml", line)
    assert found.message.startswith("Die Bildnachweise können nicht gelesen werden: ")
    assert reason in found.message
    assert not any(word in found.message for word in ("Expected", "Invalid", "line"))


FACTS = """\
name = "Verein"
[anschrift]
strasse = "Weg 1"
plz = "37073"
ort = "Göttingen"
[kontakt]
email = ""
"""


@pytest.mark.parametrize(
    "facts",
    [
        FACTS,  # empty: the line is replaced
        FACTS.replace('email = ""\n', ""),  # missing in its section
        FACTS.replace('[kontakt]\nemail = ""\n', ""),  # the whole section is missing
        FACTS.replace('email = ""', 'email = "a@b.de"').replace(
            '[anschrift]\nstrasse = "Weg 1"\nplz = "37073"\nort = "Göttingen"\n', ""
        ),  # a section with three missing facts: one finding, pasted once
        FACTS.replace('name = "Verein"\n', "").replace('""', '"a@b.de"'),  # missing at the top
    ],
)
def test_a_missing_fact_pasted_as_printed_gives_a_valid_file(tmp_path, facts):
    path = tmp_path / "verein.toml"
    path.write_text(facts, encoding="utf-8")
    (missing,) = read_facts(path, "content/verein.toml").findings
    lines = facts.splitlines()
    pasted = missing.snippet.splitlines()
    if "ersetzen" in missing.fix:
        lines[missing.line - 1 : missing.line] = pasted
    elif "ganz oben" in missing.fix:
        lines[0:0] = pasted
    elif "am Ende" in missing.fix:
        assert sum(line.startswith("[") for line in missing.snippet.splitlines()) == 1
        lines += pasted
    else:  # into its section: right below the section's heading
        section = missing.fix.split("„[")[1].split("]“")[0]
        at = lines.index(f"[{section}]") + 1
        lines[at:at] = pasted
    fixed = "\n".join(lines) + "\n"
    tomllib.loads(fixed)
    path.write_text(fixed, encoding="utf-8")
    again = read_facts(path, "content/verein.toml")
    assert again.findings == []  # only its [[placeholder]] is left, which the preview lists
    assert "[[" in str(again.facts)
