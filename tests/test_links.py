"""Links to Markdown files as any Markdown editor writes them lead to the page's address."""

import logging

import pytest
from support import build, make_site, soup

from association.links import rewrite_markdown_links
from sitekit.findings import BuildError
from sitekit.links import is_markdown_link, markdown_target, written_links

SOURCES = {"pages/mitmachen.md", "pages/kontakt.md", "interviews/stephan.md", "aufrufe/it.md"}


@pytest.mark.parametrize(
    "link, target",
    [
        ("../pages/mitmachen.md", "pages/mitmachen.md"),  # from the file's folder
        ("/pages/mitmachen.md", "pages/mitmachen.md"),  # from content/
        ("../pages/mitmachen.md#termine", "pages/mitmachen.md"),
        ("mitmachen.md", "pages/mitmachen.md"),  # a bare name: the one source of that name
        ("stephan.md", "interviews/stephan.md"),  # in the same folder
        ("../pages/Mitmachen%20neu.md", None),
        ("../pages/fehlt.md", None),
        ("pages/mitmachen.md", None),  # relative to interviews/: not there
    ],
)
def test_a_markdown_link_means_the_source_an_editor_would_open(link, target):
    assert is_markdown_link(link)
    assert markdown_target(link, "interviews", SOURCES) == target


@pytest.mark.parametrize(
    "link", ["https://example.org/a.md", "{filename}/pages/x.md", "#oben", "/kontakt/", "x.pdf"]
)
def test_other_links_are_not_markdown_links(link):
    assert not is_markdown_link(link)


def test_the_links_written_in_a_text_with_their_lines():
    text = (
        "Title: A\n\n[Kontakt]({filename}/pages/kontakt.md#weg) und [hier](/termine/)\n"
        "[ref]: ../pages/mitmachen.md\n"
        '<a href="#oben">oben</a> <img src="/bild.png" alt=""> `[Code](/nein/)`\n\n'
        "    [eingerückter Code](/auch-nicht/)\n"
    )
    assert list(written_links(text, body_from=3)) == [
        (3, "{filename}/pages/kontakt.md#weg"),
        (3, "/termine/"),
        (4, "../pages/mitmachen.md"),
        (5, "#oben"),
        (5, "/bild.png"),
    ]


def test_only_known_markdown_links_are_rewritten_and_every_other_byte_stays():
    html = (
        '<p><a href="../pages/mitmachen.md#termine" title="Mit &amp; machen">mit</a> '
        '<a href="fehlt.md">weg</a> <a href="https://x.org/a.md">fremd</a></p>'
    )
    assert rewrite_markdown_links(html, "interviews", SOURCES) == (
        '<p><a href="{filename}/pages/mitmachen.md#termine" title="Mit &amp; machen">mit</a> '
        '<a href="fehlt.md">weg</a> <a href="https://x.org/a.md">fremd</a></p>'
    )


PAGE = """\
Title: Mitmachen
Layout: page

## Termine

Wir treffen uns monatlich.
"""
INTERVIEW = """\
Title: Interview mit Stephan
Date: 2026-11-01
Layout: interview
Interviewee: Stephan

## Was machst du?

Lies [wie man mitmacht](../pages/mitmachen.md), [die Termine](/pages/mitmachen.md#termine)
und [noch einmal](mitmachen.md). Oder [schreib uns][kontakt].

[kontakt]: ../pages/kontakt.md
"""


def test_links_to_markdown_files_become_page_addresses_in_every_build(tmp_path):
    content = make_site(tmp_path, {"pages/mitmachen.md": PAGE, "interviews/stephan.md": INTERVIEW})
    for strict in (False, True):
        output = build(content, strict=strict, SITEURL="https://verein.example" if strict else "")
        page = soup(output, "interview-mit-stephan/index.html")
        hrefs = [a["href"] for a in page.select(".bl-content a")]
        base = "https://verein.example" if strict else ""
        assert hrefs == [
            f"{base}/mitmachen/",
            f"{base}/mitmachen/#termine",
            f"{base}/mitmachen/",
            f"{base}/kontakt/",
        ]
        every_href = [
            a["href"]
            for html in output.rglob("*.html")
            for a in soup(output, html.relative_to(output)).find_all("a", href=True)
        ]
        assert not [h for h in every_href if h.split("#")[0].endswith(".md")]


def test_a_markdown_link_that_leads_nowhere_is_named_with_its_line(tmp_path, caplog):
    broken = INTERVIEW.replace("(mitmachen.md)", "(../pages/mitmachen-neu.md)")
    content = make_site(tmp_path, {"pages/mitmachen.md": PAGE, "interviews/stephan.md": broken})
    message = (
        " in content/interviews/stephan.md, Zeile 9: Der Link „../pages/mitmachen-neu.md“ führt "
        "zu keiner Seite der Website (content/pages/mitmachen-neu.md gibt es nicht). Meinten Sie "
        "„../pages/mitmachen.md“?"
    )
    with caplog.at_level(logging.WARNING):
        build(content)
    assert "WARNUNG" + message in caplog.text
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert "FEHLER" + message in str(error.value)


def test_a_link_to_a_draft_works_in_the_preview_but_is_named_for_publishing(tmp_path, caplog):
    draft = PAGE.replace("Layout: page\n", "Layout: page\nStatus: draft\n")
    content = make_site(tmp_path, {"pages/mitmachen.md": draft, "interviews/stephan.md": INTERVIEW})
    with caplog.at_level(logging.WARNING):
        output = build(content)
    page = soup(output, "interview-mit-stephan/index.html")
    assert page.select(".bl-content a")[0]["href"] == "/entwurf/seite/mitmachen/"
    assert (
        "WARNUNG in content/interviews/stephan.md, Zeile 8: Der Link „../pages/mitmachen.md“ führt "
        "zu keiner Seite der Website (content/pages/mitmachen.md wird nicht veröffentlicht: ein "
        "Entwurf, verborgen oder wegen eines Fehlers übersprungen)."
    ) in caplog.text


def test_a_mistyped_web_address_is_named_once_with_the_address_meant(tmp_path):
    page = (
        PAGE + "\nMehr bei [der Stadt](http//www.goettingen.de/) und [uns](htps://example.org).\n"
    )
    content = make_site(tmp_path, {"pages/mitmachen.md": page})
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    text = str(error.value)
    assert "Der Link „http//www.goettingen.de/“ ist keine gültige Webadresse" in text
    assert "\n        http://www.goettingen.de/\n" in text  # the address to paste
    assert "Der Link „htps://example.org“ ist keine gültige Webadresse" in text
    assert "Der Bau wurde abgebrochen: 2 Fehler." in text  # link_check: no second finding
