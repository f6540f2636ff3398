"""The real content/ built with the real theme: what a visitor sees."""

import itertools
import re
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import pytest
import support
from support import build, make_site, soup

import tasks

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = "interview-mit-stephan-ueber-die-it-gruppe/index.html"
CALL = "die-it-gruppe-sucht-verstaerkung/index.html"


def html_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_navigation_links_every_main_page_and_each_exists(built_site):
    page = soup(built_site, "index.html")
    menu = {
        a.get_text(): a["href"]
        for a in page.find("nav", attrs={"aria-label": "Hauptnavigation"}).find_all("a")
    }
    # In the order a visitor looks for them; the start page is the logo, Mitmachen the
    # header's button (design review G9).
    assert list(menu.items()) == [
        ("Über uns", "/ueber-uns/"),
        ("Termine", "/termine/"),
        ("Beiträge", "/beitraege/"),
        ("Spenden", "/spenden/"),
        ("Mitglied werden", "/mitglied-werden/"),
        ("Kontakt", "/kontakt/"),
        ("Suche", "/suche/"),  # its last entry, shown on phones (the field on wide screens)
    ]
    footer = {a.get_text(): a["href"] for a in page.find("footer").find_all("a")}
    assert footer == {
        "Impressum": "/impressum/",
        "Datenschutz": "/datenschutz/",
        "Barrierefreiheit": "/barrierefreiheit/",
        "Kontakt": "/kontakt/",
        "Spenden": "/spenden/",
    }
    for href in {*menu.values(), *footer.values()}:
        assert (built_site / href.lstrip("/") / "index.html").is_file(), href


def test_required_pages_exist(built_site):
    for rel in (
        "index.html",
        "ueber-uns/index.html",
        "it-gruppe/index.html",
        "mitmachen/index.html",
        "kontakt/index.html",
        "impressum/index.html",
        "datenschutz/index.html",
        "barrierefreiheit/index.html",
        "404.html",
        "beitraege/index.html",
        "archiv/index.html",
        INTERVIEW,
        CALL,
    ):
        assert (built_site / rel).is_file(), rel


def test_every_page_has_the_accessible_skeleton(built_site):
    for rel in html_pages(built_site):
        page = soup(built_site, rel)
        assert page.html["lang"] == "de", rel
        assert page.title.string.strip(), rel
        assert page.find("meta", attrs={"name": "description"})["content"].strip(), rel
        assert len(page.find_all("h1")) == 1, rel
        levels = [int(h.name[1]) for h in page.find_all(re.compile(r"^h[1-6]$"))]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), f"{rel}: {levels}"
        first_link = page.body.find("a")
        assert first_link["href"] == "#main-content" and first_link.text == "Zum Inhalt springen", (
            rel
        )
        assert page.find("main", id="main-content"), rel
        assert page.find("nav", attrs={"aria-label": "Hauptnavigation"}), rel
        footer_links = {a.text for a in page.find("footer").find_all("a")}
        assert {"Impressum", "Datenschutz", "Barrierefreiheit", "Kontakt"} <= footer_links, rel
        if rel != "404.html":  # the 404 page is served at any address
            assert page.find("link", rel="canonical"), rel


def test_navigation_marks_the_current_page(built_site):
    page = soup(built_site, "ueber-uns/index.html")
    assert [a.text for a in page.select('nav [aria-current="page"]')] == ["Über uns", "Über uns"]
    # the main navigation, and the last step of the trail ("Sie sind hier")
    assert [nav["aria-label"] for nav in page.select('nav:has([aria-current="page"])')] == [
        "Hauptnavigation",
        "Sie sind hier",
    ]
    # The start page: the logo and name, the link home, is the current page.
    home = soup(built_site, "index.html").select('[aria-current="page"]')
    assert [a.get_text(strip=True) for a in home] == ["Bunte Lebenswelten e.V."]
    assert home[0]["href"] == "/"


def current_marks(page):
    """(label, aria-current) of the menu's and the header button's marked entries."""
    return [
        (a.get_text(strip=True), a["aria-current"])
        for a in page.select(".bl-header [aria-current]")
        if "bl-header__brand" not in a.get("class", [])
    ]


def test_detail_pages_mark_their_section_in_the_menu(built_site):
    assert current_marks(soup(built_site, INTERVIEW)) == [("Beiträge", "true")]
    # A call belongs to Mitmachen: the header's button, as on the Mitmachen page itself.
    assert current_marks(soup(built_site, CALL)) == [("Mitmachen", "true")]
    assert current_marks(soup(built_site, "mitmachen/index.html")) == [("Mitmachen", "page")]
    assert current_marks(soup(built_site, "thema/aufrufe/index.html")) == [("Mitmachen", "true")]
    assert current_marks(soup(built_site, "archiv/index.html")) == [("Beiträge", "true")]
    assert current_marks(soup(built_site, "kontakt/index.html")) == [("Kontakt", "page")]
    assert current_marks(soup(built_site, "impressum/index.html")) == []


def test_the_start_page_says_mitmachen_once_and_has_no_header_button(built_site):
    page = soup(built_site, "index.html")
    assert page.select(".bl-header__action") == []
    hero = page.find("section", class_="bl-hero")
    assert [a.get_text(strip=True) for a in hero.find_all("a", class_="bl-button")] == ["Mitmachen"]
    assert hero.find(class_="bl-hero__kicker").get_text() == "Bunte Lebenswelten e.V. · Göttingen"
    assert hero.h1.get_text() == "Gemeinsam ehrenamtlich aktiv in Göttingen"
    assert hero.find(class_="bl-hero__motif")["aria-hidden"] == "true"
    # Elsewhere the button is in the header.
    assert soup(built_site, "kontakt/index.html").select(".bl-header__action")


def test_kinds_are_named_in_the_singular_on_cards_and_calls_listed_as_offene_aufrufe(built_site):
    home = soup(built_site, "index.html")
    tags = {
        tile.find(["h2", "h3"]).get_text(strip=True): tile.find(class_="bl-tag").get_text()
        for tile in home.select(".bl-tile")
    }
    assert tags == {
        "Die IT-Gruppe sucht Verstärkung": "Aufruf",
        "Interview mit Stephan über die IT-Gruppe": "Interview",
        "Spenden": "Unterstützen",
    }
    calls = soup(built_site, "thema/aufrufe/index.html")
    assert calls.h1.get_text() == "Offene Aufrufe"
    assert calls.title.get_text() == "Offene Aufrufe – Bunte Lebenswelten e.V."
    assert calls.find("p", class_="bl-lead").get_text().startswith("Hier suchen wir Ehrenamtliche.")


def test_interview_questions_are_headings_in_order(built_site):
    source = (ROOT / "content/interviews/interview-stephan-it-gruppe.md").read_text(
        encoding="utf-8"
    )
    questions = [line[3:].strip() for line in source.splitlines() if line.startswith("## ")]
    page = soup(built_site, INTERVIEW)
    assert len(questions) == 10
    answers = page.main.find(class_="bl-interview__answers")
    assert [h.get_text(strip=True) for h in answers.find_all("h2")] == questions
    person = page.main.find(class_="bl-person").get_text(" ", strip=True)
    assert person == (
        "S Im Gespräch mit Stephan Mitglied der IT-Gruppe 27. November 2026 "
        "Lesezeit: etwa 4 Minuten"
    )


def test_interview_without_photo_shows_none_and_is_shared_with_its_card(built_site):
    page = soup(built_site, INTERVIEW)
    assert page.main.find("img") is None  # no placeholder picture
    card = page.find("meta", property="og:image")["content"]
    assert card.endswith("-1200.png") and (built_site / card.lstrip("/")).is_file()
    assert page.find("meta", property="og:image:alt")["content"] == (
        "Interview mit Stephan über die IT-Gruppe – Bunte Lebenswelten e.V."
    )


def test_call_shows_skills_offer_and_contact(built_site):
    card = soup(built_site, CALL).find("section", class_="bl-call")
    text = card.get_text(" ", strip=True)
    assert "Social Media" in text and "Customer-Relationship-Management (CRM)" in text
    assert "interessante kleine Aufgaben" in text
    assert "So melden Sie sich" in text
    assert card.find(class_="bl-call__contact").get_text(strip=True)


def test_open_call_is_listed_on_start_and_mitmachen(built_site):
    for rel in ("index.html", "mitmachen/index.html"):
        links = [a["href"] for a in soup(built_site, rel).main.find_all("a")]
        assert "/die-it-gruppe-sucht-verstaerkung/" in links, rel


def test_no_resource_is_loaded_from_another_host(built_site):
    for rel in html_pages(built_site):
        page = soup(built_site, rel)
        for tag in page.find_all(["img", "script", "link", "source", "iframe", "video", "audio"]):
            for attribute in ("src", "href", "srcset"):
                if tag.get(attribute):
                    assert not urlparse(tag[attribute]).netloc, f"{rel}: {tag}"


def test_404_page_works_at_any_address(built_site):
    page = soup(built_site, "404.html")
    assert page.h1.get_text() == "Seite nicht gefunden"
    # served for /any/deep/address, so every link and stylesheet is root-relative
    for tag in page.find_all(["a", "link"]):
        href = tag.get("href", "")
        assert href.startswith(("/", "#", "mailto:")), href
    # A way on: a search that takes the words to the search page, and the places most
    # visitors look for (design review N1).
    form = page.find("main").find("form", role="search")
    assert form["action"] == "/suche/"
    assert form.find("input", type="search")["name"] == "q"
    links = {a.get_text(): a["href"] for a in page.select(".bl-error__links a")}
    assert links == {"Startseite": "/", "Mitmachen": "/mitmachen/", "Termine": "/termine/"}


CALLS = {
    "aufrufe/vorbei.md": """\
        Title: Kassenprüfung gesucht
        Date: 2020-01-01
        Layout: call
        Skills: Zahlen
        Contact: kasse@example.org
        Ends: 2020-02-01

        Das ist lange her.
        """,
    "aufrufe/offen.md": """\
        Title: Hilfe beim Sommerfest
        Date: 2026-06-01
        Layout: call
        Skills: Kuchen backen; Aufbauen
        Offer: gute Laune
        Contact: fest@example.org
        Ends: 2999-12-31

        Wir feiern.
        """,
    "pages/mitmachen.md": "Title: Mitmachen\nLayout: calls\nSlug: mitmachen\n\nMachen Sie mit.\n",
    "neuigkeiten/fruehling.md": "Title: Frühlingsputz\nDate: 2026-03-05\nLayout: news\n\nWir räumen auf.\n",
    "neuigkeiten/entwurf.md": "Title: Geheimer Plan\nDate: 2026-03-06\nLayout: news\nStatus: draft\n\nPst.\n",
}


@pytest.fixture(scope="module")
def calls_site(tmp_path_factory):
    content = make_site(tmp_path_factory.mktemp("calls"), CALLS)
    return build(content, SITEURL="https://example.org", FEED_ALL_ATOM="feeds/atom.xml")


def test_expired_call_leaves_all_listings(calls_site):
    for rel in (
        "mitmachen/index.html",
        "beitraege/index.html",
        "archiv/index.html",
        "thema/aufrufe/index.html",
    ):
        text = soup(calls_site, rel).main.get_text()
        assert "Kassenprüfung gesucht" not in text, rel
        assert "Hilfe beim Sommerfest" in text, rel
    titles = [entry.title for entry in feedparser.parse(calls_site / "feeds/atom.xml").entries]
    assert titles == ["Hilfe beim Sommerfest", "Frühlingsputz"]


def test_expired_call_page_says_it_has_ended(calls_site):
    ended = soup(calls_site, "kassenpruefung-gesucht/index.html").main.get_text(" ", strip=True)
    assert "Dieser Aufruf ist beendet. Er lief bis zum 1. Februar 2020." in ended
    assert "Aufruf · beendet" in ended
    assert "Jetzt per E-Mail melden" not in ended  # nobody is asked to apply any more
    running = soup(calls_site, "hilfe-beim-sommerfest/index.html").main.get_text(" ", strip=True)
    assert "Aufruf · offen bis 31. Dezember 2999" in running
    assert "beendet" not in running


def test_drafts_are_marked_in_the_preview(calls_site):
    text = soup(calls_site, "entwurf/geheimer-plan/index.html").main.get_text(" ", strip=True)
    assert "Entwurf: Diese Seite ist nur in der Vorschau zu sehen" in text
    assert "Geheimer Plan" not in soup(calls_site, "beitraege/index.html").main.get_text()


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """The production settings on a complete fixture site (the real one still has placeholders)."""
    content = make_site(tmp_path_factory.mktemp("production"), CALLS)
    return build(content, strict=True, SITEURL="https://verein.example")


def test_production_publishes_no_drafts(production_site):
    assert not (production_site / "entwurf").exists()
    assert not (production_site / "geheimer-plan").exists()
    assert all(
        "Geheimer Plan" not in p.read_text(encoding="utf-8")
        for p in production_site.rglob("*.html")
    )


def test_production_resources_come_only_from_the_site_itself(production_site):
    for rel in html_pages(production_site):
        for tag in soup(production_site, rel).find_all(["img", "script", "link", "source"]):
            for attribute in ("src", "href"):
                if tag.get(attribute):
                    assert urlparse(tag[attribute]).netloc in ("", "verein.example"), (
                        f"{rel}: {tag}"
                    )
    feed = soup(production_site, "kontakt/index.html").find("link", type="application/atom+xml")
    assert feed["href"] == "https://verein.example/feeds/atom.xml"
    assert (
        soup(production_site, "kontakt/index.html").find("link", rel="canonical")["href"]
        == "https://verein.example/kontakt/"
    )


def test_contact_that_is_an_email_is_a_mailto_link(calls_site):
    link = soup(calls_site, "hilfe-beim-sommerfest/index.html").select_one(".bl-call__contact a")
    assert link["href"] == "mailto:fest@example.org"


def test_feed_parses_and_lists_the_real_articles(tmp_path):
    tasks.build_site(
        tasks.DEV_SETTINGS,
        OUTPUT_PATH=str(tmp_path / "out"),
        IMAGE_OPTIMIZER_CACHE_DIR=str(tmp_path / "cache"),
        CACHE_PATH=str(tmp_path / "pelican-cache"),
        A11Y_CHECK_REPORT_DIR=str(tmp_path / "a11y-report"),
        SITEURL="https://example.org",
        FEED_ALL_ATOM="feeds/atom.xml",
    )
    feed = feedparser.parse(tmp_path / "out/feeds/atom.xml")
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Bunte Lebenswelten e.V.: alle Beiträge"  # German, like its link
    links = {entry.link for entry in feed.entries}
    assert links == {
        "https://example.org/interview-mit-stephan-ueber-die-it-gruppe/",
        "https://example.org/die-it-gruppe-sucht-verstaerkung/",
    }


def test_dates_are_german_without_a_german_locale(calls_site):
    # pelicanconf.py sets LOCALE to C, where strftime would say "March".
    text = soup(calls_site, "beitraege/index.html").main.get_text(" ", strip=True)
    assert "5. März 2026" in text


def test_facts_and_metadata_are_escaped_and_links_follow_the_settings(tmp_path):
    """An ampersand in the association's name or address stays text, and the theme's
    own links come from the settings (INDEX_URL, ARCHIVES_URL, the contact page)."""
    facts = support.FACTS.replace('"Testverein e.V."', '"Kunst & <Kultur> e.V."').replace(
        '"Teststraße 1"', '"Hof 1 & 2"'
    )
    content = support.make_site(
        tmp_path,
        {"pages/mitmachen.md": "Title: Mitmachen\nLayout: calls\nSlug: mitmachen\n\nText.\n"},
        facts=facts,
    )
    output = support.build(content)
    kontakt = (output / "kontakt" / "index.html").read_text(encoding="utf-8")
    assert "Kunst &amp; &lt;Kultur&gt; e.V." in kontakt and "<Kultur>" not in kontakt
    assert "Hof 1 &amp; 2" in kontakt
    mitmachen = soup(output, "mitmachen/index.html")
    assert mitmachen.find("a", string="Kontaktseite")["href"] == "/kontakt/"
    assert soup(output, "beitraege/index.html").find("a", string=re.compile("Archiv"))["href"] == (
        "/archiv/"
    )


def test_a_news_feed_exists_once_there_is_news_and_its_pages_announce_it(production_site):
    feeds = production_site / "feeds"
    assert (feeds / "neuigkeiten.atom.xml").is_file()
    news = feedparser.parse(feeds / "neuigkeiten.atom.xml")
    assert [entry.title for entry in news.entries] == ["Frühlingsputz"]  # no draft
    assert news.feed.title == "Testverein e.V.: Neuigkeiten"
    calls = feedparser.parse(feeds / "aufrufe.atom.xml")
    assert [entry.title for entry in calls.entries] == ["Hilfe beim Sommerfest"]  # not ended
    for rel in ("fruehlingsputz/index.html", "thema/neuigkeiten/index.html"):
        links = soup(production_site, rel).find_all("link", rel="alternate")
        assert [(link["href"], link["title"]) for link in links] == [
            ("https://verein.example/feeds/atom.xml", "Testverein e.V.: alle Beiträge (Atom-Feed)"),
            (
                "https://verein.example/feeds/neuigkeiten.atom.xml",
                "Testverein e.V.: Neuigkeiten (Atom-Feed)",
            ),
        ], rel
