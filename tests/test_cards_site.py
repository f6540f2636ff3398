"""Sharing cards and link previews in built sites: which image each page is shared with,
absolute in production, the card as list thumbnail, the cache, axe and the Nu checker."""

import logging

import pytest
from browser import WCAG_TAGS, describe_findings, open_page, run_axe, vnu_problems
from conftest import serving
from images import jpeg_bytes, photo
from PIL import Image
from support import build, make_site, sharing_problems, soup

SITE_URL = "https://verein.example"
LONG_TITLE = "Donaudampfschifffahrtsgesellschaftskapitänsmützen für das Nähcafé"
CREDITS = """\
["images/gross.jpg"]
bildnachweis = "Anna Beispiel"
einwilligung = "Keine Personen abgebildet."

["images/klein.jpg"]
bildnachweis = "Ben Beispiel"
einwilligung = "Keine Personen abgebildet."
"""
FILES = {
    "neuigkeiten/gross.md": "Title: Sommerfest\nDate: 2026-07-01\nLayout: news\n"
    "Summary: Wir feiern.\nImage: ../images/gross.jpg\nImage_alt: Die Wiese im Sommer\n\n"
    "Text.\n",
    "neuigkeiten/klein.md": "Title: Flohmarkt\nDate: 2026-07-02\nLayout: news\n"
    "Summary: Wir verkaufen.\n\n![Der Tisch mit Büchern](../images/klein.jpg)\n",
    "neuigkeiten/ohne.md": f"Title: {LONG_TITLE}\nDate: 2026-07-03\nLayout: news\n"
    "Summary: Ganz ohne Foto.\n\nText.\n",
    "pages/ueber.md": "Title: Über uns\nLayout: page\nSummary: Wer wir sind.\n\nText.\n",
    "images/gross.jpg": jpeg_bytes(photo(1600, 1200)),
    "images/klein.jpg": jpeg_bytes(photo(800, 600)),
    "images/bildnachweise.toml": CREDITS,
}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    content = make_site(tmp_path_factory.mktemp("cards"), FILES)
    return build(content, strict=True, SITEURL=SITE_URL, FEED_DOMAIN=SITE_URL)


def meta(page, name):
    return page.find("meta", property=name)["content"]


def test_every_page_is_shared_with_an_absolute_image_of_at_least_1200x630(production):
    assert sharing_problems(production, SITE_URL) == []


def test_a_large_photo_is_shared_itself_other_pages_with_their_card(production):
    large = soup(production, "sommerfest/index.html")
    assert meta(large, "og:image").endswith("-1200.jpg")
    assert meta(large, "og:image:alt") == "Die Wiese im Sommer"
    assert meta(large, "og:type") == "article" and meta(large, "og:locale") == "de_DE"
    assert meta(large, "og:url") == f"{SITE_URL}/sommerfest/"
    assert meta(large, "og:description") == "Wir feiern."
    assert large.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    small = soup(production, "flohmarkt/index.html")  # 800 px: too small for a preview
    assert meta(small, "og:image").endswith("-1200.png")
    assert meta(small, "og:image:alt") == "Flohmarkt – Testverein e.V."
    about = soup(production, "ueber-uns/index.html")
    assert meta(about, "og:type") == "website" and meta(about, "og:title") == "Über uns"
    assert meta(about, "og:site_name") == "Testverein e.V."


def test_the_cards_show_their_titles(production):
    def card(rel):
        url = meta(soup(production, rel), "og:image")
        with Image.open(production / url.removeprefix(f"{SITE_URL}/")) as image:
            return image.size, image.convert("RGB").tobytes()

    (size, flohmarkt), (_, long) = (
        card("flohmarkt/index.html"),
        card("donaudampfschifffahrtsgesellschaftskapitaensmuetzen-fuer-das-naehcafe/index.html"),
    )
    assert size == (1200, 630) and flohmarkt != long


def test_a_tile_without_photo_is_drawn_and_the_sharing_card_is_for_link_previews_only(production):
    tiles = {
        t.find("a").get_text(): t
        for t in soup(production, "beitraege/index.html").select(".bl-tile")
    }
    drawn = tiles[LONG_TITLE]
    # No picture of the sharing PNG (the title again, too small to read): circles drawn by
    # CSS, hidden from screen readers.
    assert drawn.find("img") is None and drawn.find("picture") is None
    assert drawn.select_one(".bl-tile__art")["aria-hidden"] == "true"
    assert drawn.select_one(".bl-tile__art").get_text(strip=True) == ""
    photo_tile = tiles["Flohmarkt"]
    assert photo_tile.select_one(".bl-tile__art") is None
    assert photo_tile.find("img")["alt"] == "Der Tisch mit Büchern"


def drawn(caplog):
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("Vorschaukarten")]


def test_a_rebuild_draws_no_card_and_writes_no_file(tmp_path, caplog):
    content = make_site(tmp_path, {"pages/ueber.md": FILES["pages/ueber.md"]})
    cache = tmp_path / "cards-cache"
    with caplog.at_level(logging.INFO):
        build(content)
    first = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cache.glob("*.png")}
    assert first and " 0 neu gezeichnet" not in drawn(caplog)[-1]
    caplog.clear()
    with caplog.at_level(logging.INFO):
        output = build(content)
    assert " 0 neu gezeichnet" in drawn(caplog)[-1]
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cache.glob("*.png")} == first
    assert (output / meta(soup(output, "ueber-uns/index.html"), "og:image").lstrip("/")).is_file()
    # A new title: one new card, and the old one leaves the cache.
    (content / "pages/ueber.md").write_text(
        FILES["pages/ueber.md"].replace("Über uns", "Wer wir sind"), encoding="utf-8"
    )
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(content)
    assert " 1 neu gezeichnet" in drawn(caplog)[-1]
    assert len(list(cache.glob("*.png"))) == len(first)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The same site as the preview builds it: its addresses work on 127.0.0.1."""
    return build(make_site(tmp_path_factory.mktemp("cards-preview"), FILES))


@pytest.fixture(scope="module")
def served(preview):
    with serving(preview) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_with_cards_pass_axe(new_page, served, scheme):
    problems = []
    for path in ("/beitraege/", "/flohmarkt/", "/ueber-uns/"):
        page = new_page(color_scheme=scheme)
        open_page(page, served + path)
        results = run_axe(
            page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        problems += describe_findings(path, results["violations"])
    assert not problems, "axe-core found accessibility problems:\n" + "\n".join(problems)


def test_pages_with_cards_pass_the_nu_html_checker(java, production):
    problems = vnu_problems(java, production)  # the HTML as published
    assert not problems, "Nu HTML Checker:\n" + "\n".join(problems)
