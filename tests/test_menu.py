"""Menu and footer come from the pages' own metadata, not from Python settings."""

import logging

from support import build, make_site, soup

from content_check.checks import check_menus
from content_check.source import parse
from sitekit import menu
from sitekit.findings import ERROR
from sitekit.layouts import LAYOUTS


def page(rel, text):
    return parse(f"content/{rel}", rel, "page", text)


LISTS = [("Beiträge", "beitraege/", 5)]
ADDRESSES = {"beitraege/", "a/", "b/", "c/", "d/"}


def test_entries_are_ordered_by_position_and_labelled_by_their_label_or_title():
    entries = [
        *menu.page_entries({"title": "Über uns", "menu": "2"}, "ueber-uns/"),
        *menu.page_entries({"title": "Willkommen", "menu": "1", "menu_label": "Start"}, ""),
        *menu.page_entries({"title": "Impressum", "footer": "1"}, "impressum/"),
        *menu.list_entries(LISTS),
    ]
    assert menu.menus(entries) == {
        "menu": [("Start", ""), ("Über uns", "ueber-uns/"), ("Beiträge", "beitraege/")],
        "footer": [("Impressum", "impressum/")],
    }


def test_what_is_wrong_with_a_menu_entry_is_named_at_its_line():
    pages = [
        page("pages/a.md", "Title: A\nLayout: page\nMenu: 2\n\nx\n"),
        page("pages/b.md", "Title: B\nLayout: page\nMenu: 2\n\nx\n"),  # taken
        page("pages/c.md", "Title: C\nLayout: page\nMenu: drei\n\nx\n"),  # not a number
        page(
            "pages/d.md",
            "Title: Unsere Gruppen und was sie machen\nLayout: page\nFooter: 1\n\nx\n",
        ),  # too long
        page("pages/e.md", "Title: E\nLayout: page\nStatus: draft\nMenu: 9\n\nx\n"),
        page("pages/f.md", "Title: F\nLayout: page\nMenu: 5\n\nx\n"),  # the list has 5
    ]
    published = {p.rel for p in pages} - {"pages/e.md"}
    found = check_menus(pages, published, LISTS, ADDRESSES)
    assert [(f.path, f.line, f.rule, f.snippet) for f in found] == [
        ("content/pages/b.md", 3, "menu-position", "Menu: 1"),
        ("content/pages/c.md", 3, "menu-position", "Menu: 1"),
        ("content/pages/d.md", 3, "menu-label", "Footer_label: Unsere Gruppen und"),
        ("content/pages/e.md", 4, "menu-unpublished", ""),
        ("content/pages/f.md", 3, "menu-position", "Menu: 1"),
    ]
    assert found[0].message == ("Die Position 2 im Menü hat schon content/pages/a.md.")
    assert all(f.severity == ERROR for f in found)  # a draft's is a hint (content_check)


NEW_PAGE = """\
Title: Unsere Arbeitsgruppen
Layout: page
Menu: 2
Menu_label: Gruppen
Footer: 2

Wir haben mehrere Gruppen.
"""


def test_a_page_puts_itself_into_menu_and_footer_on_every_page(tmp_path, caplog):
    draft = "Title: Geheim\nLayout: page\nStatus: draft\nMenu: 3\n\nBald.\n"
    content = make_site(tmp_path, {"pages/gruppen.md": NEW_PAGE, "pages/geheim.md": draft})
    with caplog.at_level(logging.WARNING):
        output = build(content)
    for rel in ("kontakt/index.html", "unsere-arbeitsgruppen/index.html", "beitraege/index.html"):
        html = soup(output, rel)
        nav = [(a.get_text(), a["href"]) for a in html.select(".bl-nav a")]
        assert nav == [
            ("Kontakt", "/kontakt/"),
            ("Gruppen", "/unsere-arbeitsgruppen/"),
            ("Beiträge", "/beitraege/"),
        ], rel
        footer = [a.get_text() for a in html.select(".bl-footer__nav a")]
        assert footer == ["Kontakt", "Unsere Arbeitsgruppen", "Barriere melden"]
    current = soup(output, "unsere-arbeitsgruppen/index.html").select_one("[aria-current=page]")
    assert current.get_text() == "Gruppen"
    assert (
        "HINWEIS in content/pages/geheim.md, Zeile 4: „Menu: 3“: Die Seite erscheint im Menü "
        "erst, wenn sie veröffentlicht wird."
    ) in caplog.text


def test_no_page_is_listed_in_python_settings():
    import pelicanconf

    assert not hasattr(pelicanconf, "NAVIGATION") and not hasattr(pelicanconf, "FOOTER_LINKS")


def test_the_free_position_offered_is_free_on_every_page():
    pages = [
        page("pages/a.md", "Title: A\nLayout: page\nMenu: zwei\n\nx\n"),
        page("pages/b.md", "Title: B\nLayout: page\nMenu: 1\n\nx\n"),
        page("pages/c.md", "Title: C\nLayout: page\nStatus: draft\nMenu: 2\n\nx\n"),
    ]
    found = check_menus(pages, {"pages/a.md", "pages/b.md"}, [], ADDRESSES)
    assert [f.snippet for f in found if f.rule == "menu-position"] == ["Menu: 3"]


def test_an_article_or_list_marks_the_menu_entry_of_its_section():
    listers = {"calls": "mitmachen/", "events": "termine/", "page": "ueber-uns/"}

    def section(kind, listing=False):
        return menu.section(LAYOUTS.get(kind), listing, listers, "beitraege/")

    assert section("call") == "mitmachen/"  # the header's Mitmachen button
    assert section("event") == "termine/"
    assert section("interview") == "beitraege/" and section("news") == "beitraege/"
    assert section(None, listing=True) == "beitraege/"  # a tag page, the archive
    assert section(None) is None  # a page is in the menu itself, or not
    # Without a Mitmachen page a call belongs to all posts.
    assert menu.section(LAYOUTS["call"], False, {}, "beitraege/") == "beitraege/"
