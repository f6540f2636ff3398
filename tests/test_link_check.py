"""link_check's rules on small inputs: a dict of output file -> HTML, no Pelican."""

import pytest

from link_check.check import Heading, find_broken, headings, read_page, site_path, text_links
from link_check.report import PageSource, Site, describe, line_written, locate, template_finding
from sitekit.findings import ERROR, HINT

PAGE = "<!doctype html><html lang=de><body>{}</body></html>"


def site(**pages):
    """{output file: body HTML} -> (PageLinks by file, the set of files)."""
    html = {name.replace("__", "/").replace("_", "."): body for name, body in pages.items()}
    return {name: read_page(PAGE.format(body)) for name, body in html.items()}


def broken(pages, files=(), site_url=""):
    files = set(pages) | set(files)
    return [
        (b.page, b.href, b.target, b.fragment, b.missing)
        for b in find_broken(pages, files, site_url)
    ]


def test_every_linking_attribute_is_read_and_every_anchor():
    read = read_page(
        PAGE.format(
            '<a href="/a/">a</a><img src="/b.jpg" srcset="/b-480.jpg 480w, /b-800.jpg 800w" alt="">'
            '<link rel="alternate" hreflang="en" href="/en/"><video poster="/p.jpg"></video>'
            '<svg><use xlink:href="/i.svg#x"></use></svg><h2 id="termine">T</h2><a name="alt"></a>'
            '<img data-src="/lazy.jpg" alt=""><meta property="og:image" content="/karte.png">'
            '<meta name="description" content="/kein-link/">'
            '<form action="/suche/"><button formaction="/archiv/">Suchen</button></form>'
        )
    )
    assert read.links == (
        "/a/", "/b.jpg", "/b-480.jpg", "/b-800.jpg", "/en/", "/p.jpg", "/i.svg#x", "/lazy.jpg", "/karte.png",
        "/suche/", "/archiv/",
    )  # fmt: skip
    assert read.ids == {"termine", "alt"}


@pytest.mark.parametrize(
    ("href", "page", "site_url", "meant"),
    [
        ("/kontakt/", "x/index.html", "", ("kontakt/index.html", "")),
        ("/", "x/index.html", "", ("index.html", "")),
        ("../kontakt/#weg", "x/index.html", "", ("kontakt/index.html", "weg")),
        ("bild.jpg", "x/index.html", "", ("x/bild.jpg", "")),
        ("/kontakt", "index.html", "", ("kontakt", "")),
        ("#oben", "x/index.html", "", ("x/index.html", "oben")),
        ("/b%C3%BCro/", "index.html", "", ("büro/index.html", "")),
        ("https://example.org/kontakt/#a", "index.html", "https://example.org", ("kontakt/index.html", "a")),
        ("//example.org/termine.ics", "index.html", "https://example.org", ("termine.ics", "")),
        ("/verein/kontakt/", "index.html", "https://example.org/verein", ("kontakt/index.html", "")),
        ("/anderes/", "index.html", "https://example.org/verein", None),
        ("https://example.com/", "index.html", "https://example.org", None),
        ("https://example.org/", "index.html", "", None),
        ("mailto:info@example.org", "index.html", "", None),
        ("tel:+49551000", "index.html", "", None),
        ("webcal://example.org/termine.ics", "index.html", "https://example.org", None),
        ("data:image/png;base64,AA==", "index.html", "", None),
        ("{filename}/pages/fehlt.md", "index.html", "", None),
        ("../pages/fehlt.md#a", "x/index.html", "", None),
    ],
)  # fmt: skip
def test_what_a_link_means(href, page, site_url, meant):
    assert site_path(href, page, site_url) == meant


def test_addresses_resolve_to_written_files():
    pages = site(
        index_html='<a href="/kontakt/">k</a><a href="/kontakt">k</a><a href="kontakt/index.html">k</a>'
        '<a href="/termine.ics">ics</a><a href="/plan.pdf#page=2">pdf</a><img src="/bild.jpg" alt="">',
        kontakt__index_html='<a href="../">start</a><a href="/weg/">weg</a><a href="../../ganz-weg/">x</a>',
    )
    assert broken(pages, {"termine.ics", "plan.pdf"}) == [
        ("index.html", "/bild.jpg", "bild.jpg", "", "file"),
        ("kontakt/index.html", "/weg/", "weg/index.html", "", "file"),
        ("kontakt/index.html", "../../ganz-weg/", "../ganz-weg/index.html", "", "file"),
    ]


def test_anchors_resolve_to_ids_of_the_page():
    pages = site(
        index_html='<a href="/kontakt/#weg">a</a><a href="/kontakt/#fehlt">b</a><a href="#top">c</a>'
        '<a href="#oben">d</a><a href="#gr%C3%BC%C3%9Fe">e</a><a href="#">f</a><a href="/kontakt/#alt">g</a>',
        kontakt__index_html='<h2 id="weg">Weg</h2><a name="alt"></a>',
    )
    pages["index.html"] = read_page(PAGE.format('<h2 id="grüße">x</h2>' + "".join(
        f'<a href="{h}">x</a>' for h in pages["index.html"].links)))  # fmt: skip
    assert broken(pages) == [
        ("index.html", "/kontakt/#fehlt", "kontakt/index.html", "fehlt", "anchor"),
        ("index.html", "#oben", "index.html", "oben", "anchor"),
    ]


def test_an_anchor_on_the_same_page_is_found_in_any_folder():
    pages = site(
        a__index_html='<h2 id="x">x</h2><a href="#x">x</a>', b__index_html='<a href="#x">x</a>'
    )
    assert broken(pages) == [("b/index.html", "#x", "b/index.html", "x", "anchor")]


def test_production_links_carry_the_site_address():
    pages = site(
        index_html='<a href="https://example.org/kontakt/">k</a><a href="https://example.org/weg/">w</a>'
        '<link rel="canonical" href="https://example.org/">',
        kontakt__index_html="",
    )
    assert broken(pages, site_url="https://example.org") == [
        ("index.html", "https://example.org/weg/", "weg/index.html", "", "file")
    ]


def test_headings_and_the_authors_text_are_read_for_the_message():
    html = PAGE.format(
        '<nav><a href="/menue/">m</a></nav><div class="bl-content"><h2 id="a">A</h2>'
        '<p><a href="/text/">t</a></p><h3 id="b">B</h3></div><p id="c"></p>'
    )
    assert headings(html) == [Heading("a", "A", True), Heading("b", "B", True)]
    assert text_links(html) == {"/text/"}


MARKDOWN = """\
Title: Fest
Layout: news

## Programm

Siehe [Kontakt](/kontak/) und [dort](/kontakt/#gibts-nicht).
[Mitmachen](../pages/mitmachen.md#falsch) [weg](../pages/geloescht.md)
`[im Code](/kontak/)` [oben](#programmm) [noch einmal](/kontak/)
"""


def test_a_broken_link_is_found_at_the_line_that_wrote_it():
    pages = site(
        fest__index_html='<h2 id="programm">P</h2><a href="/kontak/">K</a>'
        '<a href="/kontakt/#gibts-nicht">d</a><a href="/mitmachen/#falsch">M</a>'
        '<a href="../pages/geloescht.md">w</a><a href="#programmm">o</a><a href="/kontak/">n</a>',
        kontakt__index_html="",
        mitmachen__index_html='<h2 id="termine">T</h2>',
    )
    found = find_broken(pages, set(pages))
    source = PageSource("content/neuigkeiten/fest.md", "neuigkeiten/fest.md", MARKDOWN)
    links = Site("", {"pages/mitmachen.md": "mitmachen/", "neuigkeiten/fest.md": "fest/"})
    # The link to a missing Markdown file is content_check's: not in the HTML's findings.
    assert locate(found, source, links) == [
        (6, "/kontak/", False),
        (6, "/kontakt/#gibts-nicht", False),
        (7, "../pages/mitmachen.md#falsch", True),
        (8, "#programmm", False),
        (8, "/kontak/", False),  # the second one, not the example in code
    ]


def test_a_missing_address_names_the_closest_one():
    (missing,) = find_broken(site(index_html='<a href="/kontak/">k</a>'), {"index.html"})
    message, fix = describe(missing, "/kontak/", ["/", "/kontakt/", "/termine/"], ())
    assert message == (
        "Der Link „/kontak/“ führt ins Leere: die Adresse /kontak/ gibt es auf der Website "
        "nicht. Meinten Sie „/kontakt/“?"
    )
    assert fix.startswith("Die Adresse im Link berichtigen oder den Link entfernen.")


def text_heading(anchor, words=None):
    return Heading(anchor, words or anchor.capitalize(), True)


def test_a_missing_anchor_names_the_anchors_there():
    pages = site(index_html='<a href="/seite/#termin">x</a>', seite__index_html="")
    (missing,) = find_broken(pages, set(pages))
    there = [text_heading("termine"), text_heading("ort")]
    message, fix = describe(missing, "/seite/#termin", [], there)
    assert message == (
        "Den Anker „#termin“ gibt es auf /seite/ nicht; der Link „/seite/#termin“ springt an "
        "keine Stelle. Meinten Sie „#termine“ (Überschrift „Termine“)?"
    )
    assert fix.startswith(
        "Einen Anker nehmen, den es auf /seite/ gibt: „#termine“ (Überschrift „Termine“), "
        "„#ort“ (Überschrift „Ort“); oder"
    )
    many = [text_heading(f"punkt-{n}") for n in range(20)] + [text_heading("termine")]
    _message, fix = describe(missing, "/seite/#termin", [], many)
    assert "gibt: „#termine“ (Überschrift „Termine“), " in fix and ", …; oder" in fix
    _message, fix = describe(missing, "/seite/#termin", [], [])
    assert fix == "„#termin“ aus dem Link löschen: /seite/ hat keine Überschrift mit Anker."


def test_only_anchors_a_volunteer_can_see_are_suggested():
    html = PAGE.format(
        '<section><h2 id="call-details">Auf einen Blick</h2></section>'
        '<div class="bl-content"><h2 id="details">Die Details</h2></div>'
    )
    found = headings(html)
    assert found == [
        Heading("call-details", "Auf einen Blick", False),
        text_heading("details", "Die Details"),
    ]
    pages = site(index_html='<a href="/aufruf/#call-detail">x</a>', aufruf__index_html=html)
    (missing,) = find_broken(pages, set(pages))
    message, fix = describe(missing, "/aufruf/#call-detail", [], found)
    assert "call-details" not in message + fix  # the theme's id, which no Markdown shows
    assert "gibt: „#details“ (Überschrift „Die Details“); oder" in fix
    # A page whose text has no heading (a list): the theme's headings, with their words.
    message, fix = describe(missing, "/aufruf/#call-detail", [], found[:1])
    assert message.endswith("Meinten Sie „#call-details“ (Überschrift „Auf einen Blick“)?")


def test_a_draft_only_gets_a_hint():
    from link_check.report import source_finding

    pages = site(index_html='<a href="/weg/">w</a>')
    (missing,) = find_broken(pages, set(pages))
    text = describe(missing, "/weg/", [], ())
    draft = PageSource("content/neuigkeiten/x.md", "neuigkeiten/x.md", "", public=False)
    assert source_finding(missing, draft, 3, text).severity == HINT
    assert source_finding(missing, PageSource("c/x.md", "x.md", ""), 3, text).severity == ERROR


def test_a_template_link_is_reported_once_for_all_its_pages():
    pages = site(**{f"p{n}__index_html": '<a href="/weg/">w</a>' for n in range(5)})
    first = find_broken(pages, set(pages))[0]
    finding = template_finding(
        first, {"page", "article"}, sorted(pages), describe(first, "/weg/", [], ())
    )
    assert finding.path == "theme/templates"
    assert "aus den Vorlagen article.html, page.html oder einer Teilvorlage" in finding.message
    assert finding.notes == ("Auf 5 Seiten: /p0/, /p1/, /p2/ …",)
    single = template_finding(first, {"page"}, ["p0/index.html"], describe(first, "/weg/", [], ()))
    assert single.path == "theme/templates/page.html"


def test_a_link_from_the_metadata_is_found_at_its_line():
    source = PageSource(
        "content/pages/x.md", "pages/x.md", "Title: X\nLink: /alte-seite/\n\nText.\n"
    )
    assert line_written(source, "/alte-seite/") == 2
    assert line_written(source, "https://example.org/alte-seite/", "https://example.org") == 2
    assert line_written(source, "/") is None  # too short to mean anything
    text = PageSource("content/pages/x.md", "pages/x.md", "Title: X\n\n/alte-seite/\n")
    assert line_written(text, "/alte-seite/") is None  # the text's links are located apart


def test_a_page_read_before_is_not_parsed_again(tmp_path, monkeypatch):
    from link_check import cache

    html = PAGE.format('<h2 id="a">A</h2><a href="/b/#c">b</a>').encode()
    first = cache.PageCache(tmp_path)
    read = first.read(html)
    first.save()

    def parse(_data):
        raise AssertionError("parsed again")

    monkeypatch.setattr(cache, "read_page", parse)
    again = cache.PageCache(tmp_path)
    assert again.read(html) == read == read_page(html)
    monkeypatch.setattr(cache, "code_key", lambda: "other code")
    with pytest.raises(AssertionError, match="parsed again"):
        cache.PageCache(tmp_path).read(html)
