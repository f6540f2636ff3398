"""content_check's rules as plain functions on small Markdown texts (no Pelican build).

test_content_check.py builds fixture sites to prove the wiring end to end.
"""

import pytest

from content_check import checks
from content_check.source import parse
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
    found = checks.check_links(src, sources, published, lambda path: False, {"index.html"})
    assert sorted((f.line, f.message.split("“")[0]) for f in found) == [
        (3, "Der Link „{static}/images/plan.pdf"),
        (4, "Der Link „/gibt-es-nicht/"),
        (5, "Der Link „/pages/entwurf.md#oben"),
        (5, "Der Link „fehlt.md"),
        (7, "Der Link „../pages/mit machen.md"),
        (7, "Der Link „weg.md"),
    ]
    assert (
        "content/pages/entwurf.md wird nicht veröffentlicht" in found[2].message + found[3].message
    )


def test_two_files_cannot_share_an_address():
    first = source("Title: Fest\n\nx\n", "neuigkeiten/a.md")
    second = source("Title: Fest\n\nx\n", "neuigkeiten/b.md")
    found, addresses = checks.check_addresses([first, second], lambda t: t.lower(), {})
    assert [f.rule for f in found] == ["url-duplicate"]
    assert found[0].path == "content/neuigkeiten/b.md"
