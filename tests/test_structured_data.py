"""schema.org JSON-LD, the breadcrumb trail and the feeds a page announces: the pure
functions on small inputs (structured_data.schema, plugin.feeds), then one production
build of the real content and the preview build the other tests share."""

import datetime
import json
from types import SimpleNamespace

import feedparser
import pytest
from support import publish, soup

from structured_data.plugin import feeds
from structured_data.schema import (
    Crumb,
    article,
    breadcrumb_list,
    organization,
    postal_address,
    reference,
    serialize,
    trail,
)

SITE = "https://verein.example"
# What each type must carry (the acceptance; Google's required properties).
REQUIRED = {
    "NGO": ("name", "url", "address", "email", "logo"),
    "Article": ("headline", "datePublished", "author", "publisher"),
    "BreadcrumbList": ("itemListElement",),
    "Event": ("name", "startDate", "location"),
}
ARTICLES = ("interview-mit-stephan-ueber-die-it-gruppe", "die-it-gruppe-sucht-verstaerkung")


def ngo():
    return organization(
        "Testverein e.V.",
        f"{SITE}/",
        f"{SITE}/theme/img/favicon.svg",
        email="info@example.org",
        address=postal_address("Teststraße 1", "37073", "Göttingen"),
    )


# --- pure functions ------------------------------------------------------------------------


def test_serialized_data_cannot_end_or_change_its_script_element():
    data = {"headline": "</script><script>alert(1)</script> <!-- & Co."}
    text = serialize(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data  # the escapes read back as the same characters
    assert "Göttingen" in serialize({"ort": "Göttingen"})  # readable, not \\u-escaped


def test_the_association_is_an_ngo_and_leaves_out_what_is_unknown():
    data = ngo()
    assert data["@type"] == "NGO" and data["@context"] == "https://schema.org"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Teststraße 1",
        "postalCode": "37073",
        "addressLocality": "Göttingen",
        "addressCountry": "DE",
    }
    assert "streetAddress" not in postal_address("", "37073", "Göttingen")
    bare = organization("Testverein e.V.", f"{SITE}/", f"{SITE}/logo.svg")
    assert "email" not in bare and "address" not in bare


def test_an_article_is_by_the_association_and_falls_back_to_its_date():
    by = reference(ngo())
    assert by == {
        "@type": "NGO",
        "name": "Testverein e.V.",
        "url": f"{SITE}/",
        "logo": {"@type": "ImageObject", "url": f"{SITE}/theme/img/favicon.svg"},
    }
    day = datetime.date(2026, 11, 27)
    data = article("Titel", f"{SITE}/a/", day, None, by)
    assert data["datePublished"] == data["dateModified"] == "2026-11-27"
    assert data["author"] == data["publisher"] == by
    assert data["inLanguage"] == "de"
    assert "image" not in data and "description" not in data
    later = article("Titel", f"{SITE}/a/", day, datetime.date(2026, 12, 1), by, "Kurz", "x.jpg")
    assert (later["dateModified"], later["description"], later["image"]) == (
        "2026-12-01",
        "Kurz",
        "x.jpg",
    )


def test_a_trail_starts_at_the_start_page_and_numbers_its_steps():
    assert trail(f"{SITE}/", []) == []
    assert breadcrumb_list([]) is None
    crumbs = trail(f"{SITE}/", [("Mitmachen", f"{SITE}/mitmachen/"), ("Aufruf", f"{SITE}/a/")])
    assert crumbs[0] == Crumb("Startseite", f"{SITE}/")
    items = breadcrumb_list(crumbs)["itemListElement"]
    assert [(i["position"], i["name"], i["item"]) for i in items] == [
        (1, "Startseite", f"{SITE}/"),
        (2, "Mitmachen", f"{SITE}/mitmachen/"),
        (3, "Aufruf", f"{SITE}/a/"),
    ]


def test_feeds_are_named_only_when_pelican_writes_them():
    settings = {"SITENAME": "Testverein e.V.", "FEED_DOMAIN": SITE}
    assert feeds(settings, []) == (None, {})  # the preview writes none
    settings |= {"FEED_ALL_ATOM": "feeds/atom.xml", "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml"}
    calls = SimpleNamespace(name="Aufrufe", slug="aufrufe")
    every, by_kind = feeds(settings, [(calls, ["ein Aufruf"])])
    assert every.url == f"{SITE}/feeds/atom.xml"
    assert every.title == "Testverein e.V.: alle Beiträge"
    assert list(by_kind) == ["Aufrufe"]  # no news: no news feed
    assert by_kind["Aufrufe"] == (
        "Testverein e.V.: Aufrufe",
        f"{SITE}/feeds/aufrufe.atom.xml",
    )


# --- the production build ----------------------------------------------------------------


@pytest.fixture(scope="module")
def production(filled_project, tmp_path_factory):
    return publish(filled_project, tmp_path_factory.mktemp("structured-prod"), SITEURL=SITE)


def blocks(page):
    """Every JSON-LD block of a parsed page, parsed (a block that is no JSON fails here)."""
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_json_ld_block_parses_and_has_what_its_type_requires(production):
    seen = {}
    for rel in pages(production):
        for data in blocks(soup(production, rel)):
            assert data["@context"] == "https://schema.org", rel
            kind = data["@type"]
            missing = [key for key in REQUIRED[kind] if not data.get(key)]
            assert not missing, f"{rel}: {kind} without {missing}"
            seen.setdefault(kind, []).append(rel)
            if kind == "BreadcrumbList":
                for item in data["itemListElement"]:
                    assert {"position", "name", "item"} <= item.keys(), rel
                    assert item["item"].startswith(f"{SITE}/"), rel
    assert seen["NGO"] == ["index.html"]
    assert sorted(seen["Article"]) == [f"{slug}/index.html" for slug in sorted(ARTICLES)]
    assert {"Article", "BreadcrumbList", "NGO"} <= seen.keys()


def test_the_start_page_names_the_association_from_its_facts(production):
    (data,) = blocks(soup(production, "index.html"))
    assert data["name"] == "Bunte Lebenswelten e.V."
    assert data["url"] == f"{SITE}/"
    assert data["email"] == "info@example.org"  # verein.toml, filled in by the test
    assert data["address"]["streetAddress"] == "Musterstraße 12"
    assert data["logo"] == f"{SITE}/theme/img/favicon.svg"
    assert (production / "theme/img/favicon.svg").is_file()


def test_an_article_says_what_its_page_says(production):
    page = soup(production, f"{ARTICLES[0]}/index.html")
    data = next(d for d in blocks(page) if d["@type"] == "Article")
    assert data["headline"] == page.h1.get_text(strip=True)
    assert data["url"] == page.find("link", rel="canonical")["href"]
    assert data["description"] == page.find("meta", attrs={"name": "description"})["content"]
    assert data["datePublished"].startswith(page.find("time")["datetime"])
    assert data["publisher"]["name"] == "Bunte Lebenswelten e.V."
    assert data["image"].startswith(f"{SITE}/bilder/")


def test_the_visible_trail_and_the_breadcrumb_list_are_the_same(production):
    for rel in ("die-it-gruppe-sucht-verstaerkung/index.html", "mitglied-werden/antrag/index.html"):
        page = soup(production, rel)
        nav = page.find("nav", attrs={"aria-label": "Sie sind hier"})
        links = nav.ol.find_all("a")
        (data,) = [d for d in blocks(page) if d["@type"] == "BreadcrumbList"]
        shown = [(a.get_text(strip=True), a["href"]) for a in links]
        assert shown == [(i["name"], i["item"]) for i in data["itemListElement"]], rel
        assert [a.get("aria-current") for a in links][-1] == "page", rel
        assert all(a.get("aria-current") is None for a in links[:-1]), rel
    # a call under the page that lists the calls, a form under its page
    assert [a.get_text() for a in nav.find_all("a")] == [
        "Startseite",
        "Mitglied werden",
        "Mitgliedsantrag",
    ]
    call = soup(production, "die-it-gruppe-sucht-verstaerkung/index.html")
    names = [
        a.get_text() for a in call.find("nav", attrs={"aria-label": "Sie sind hier"}).find_all("a")
    ]
    assert names == ["Startseite", "Mitmachen", "Die IT-Gruppe sucht Verstärkung"]
    for rel in ("index.html", "404.html", "beitraege/index.html"):  # no trail to show
        assert soup(production, rel).find("nav", attrs={"aria-label": "Sie sind hier"}) is None


def feed_links(site, rel):
    links = soup(site, rel).find_all("link", rel="alternate", type="application/atom+xml")
    return {link["href"].removeprefix(f"{SITE}/"): link["title"] for link in links}


def test_each_page_announces_its_feeds_and_each_exists(production):
    announced = set()
    for rel in pages(production):
        found = feed_links(production, rel)
        assert "feeds/atom.xml" in found, rel  # the full feed on every page
        for href, title in found.items():
            assert (production / href).is_file(), f"{rel}: {href} was not written"
            assert title.startswith("Bunte Lebenswelten e.V.: ") and title.endswith(" (Atom-Feed)")
            # the feed's own title is the German one of its link
            own = feedparser.parse(production / href).feed.title
            assert title == f"{own} (Atom-Feed)", rel
        announced |= set(found)
    written = {p.relative_to(production).as_posix() for p in (production / "feeds").iterdir()}
    assert announced == written  # and every feed written is announced somewhere
    assert written == {"feeds/atom.xml", "feeds/aufrufe.atom.xml", "feeds/interviews.atom.xml"}
    # a kind's feed: on its list, its page and its articles; not elsewhere
    for rel in (
        "thema/aufrufe/index.html",
        "mitmachen/index.html",
        "die-it-gruppe-sucht-verstaerkung/index.html",
    ):
        assert feed_links(production, rel)["feeds/aufrufe.atom.xml"] == (
            "Bunte Lebenswelten e.V.: Aufrufe (Atom-Feed)"
        )
    assert set(feed_links(production, f"{ARTICLES[0]}/index.html")) == {
        "feeds/atom.xml",
        "feeds/interviews.atom.xml",
    }
    assert set(feed_links(production, "kontakt/index.html")) == {"feeds/atom.xml"}


# --- the preview ---------------------------------------------------------------------------


def test_the_preview_writes_no_feed_and_announces_none(built_site):
    assert not (built_site / "feeds").exists()
    for rel in pages(built_site):
        assert not soup(built_site, rel).find("link", rel="alternate"), rel


def test_the_preview_shows_the_trail_and_its_data_too(built_site):
    page = soup(built_site, "interview-mit-stephan-ueber-die-it-gruppe/index.html")
    nav = page.find("nav", attrs={"aria-label": "Sie sind hier"})
    assert [a["href"] for a in nav.find_all("a")] == [
        "/",
        "/thema/interviews/",
        "/interview-mit-stephan-ueber-die-it-gruppe/",
    ]
    assert {d["@type"] for d in blocks(page)} == {"Article", "BreadcrumbList"}
