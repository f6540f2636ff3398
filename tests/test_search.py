"""The site search (plugin search, search.html, js/suche.js): Pagefind on the final HTML.

One tiny fixture site, built twice: for production (publishconf.py) served by a real Apache
with the site's .htaccess (its Content-Security-Policy), and for the preview (make build),
where drafts and hidden pages are written too. Chromium types into the search page of both.
"""

import json
import shutil
import stat
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import apache
import pytest
from browser import SCREENSHOTS, WCAG_TAGS, describe_findings, run_axe
from conftest import serving
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support import build, make_site

from search.index import UNUSED, Failed, problems, run
from sitekit.findings import BuildError
from sitekit.layouts import is_searchable

UNIQUE = "Zwetschgenkuchen"  # only in the body of the page "Backen am Samstag"
# Words that are on the site but must never be found: (word, where it is).
NEVER = {
    "Drachenfruchtsaft": "a draft",
    "Mondscheintarif": "a hidden page",
    "Irrgartenweg": "the 404 page",
    "Suchhilfewort": "the search page itself",
    "Cookies": "the footer of every page (not main content)",
    # Pagefind searches a word it does not know by its longest known beginning: "zu".
    "Zugangsdaten": "a draft (the published pages have only its beginning „zu“)",
}

FILES = {
    "pages/suche.md": """\
        Title: Suche
        Layout: search
        Summary: Die Website durchsuchen.

        Ein Suchhilfewort steht hier, gefunden wird es nie.
        """,
    "pages/backen.md": f"""\
        Title: Backen am Samstag
        Layout: page
        Menu: 2
        Summary: Wir backen zusammen.

        Am Samstag backen wir {UNIQUE} und reparieren danach Fahrräder.
        """,
    "pages/sommerfest.md": """\
        Title: Sommerfest
        Layout: page
        Menu: 3
        Summary: Unser Fest im Sommer.

        Beim Sommerfest gibt es Kuchen, Musik und ein Fahrrad-Quiz. Kommt alle zu uns!
        """,
    "pages/verborgen.md": """\
        Title: Verborgene Seite
        Layout: page
        Status: hidden
        Summary: Nur in der Vorschau.

        Hier steht der Mondscheintarif.
        """,
    "pages/404.md": """\
        Title: Seite nicht gefunden
        Layout: error
        Slug: 404
        Save_as: 404.html
        Summary: Die Seite gibt es nicht.

        Diese Seite gibt es leider nicht, ein Irrgartenweg.
        """,
    "neuigkeiten/entwurf.md": """\
        Title: Geheime Neuigkeit
        Date: 2026-11-01
        Layout: news
        Status: draft
        Summary: Noch nicht fertig.

        Wir planen einen Drachenfruchtsaft. Zugangsdaten gibt es per E-Mail.
        """,
}
# Eleven pages with one shared word: more hits than the first ten the page shows.
MANY = 11
FILES.update(
    {
        f"pages/treffen-{n}.md": f"""\
        Title: Treffen {n}
        Layout: page
        Summary: Ein Treffen.

        Beim Vereinstreffen Nummer {n} sprechen wir über alles.
        """
        for n in range(1, MANY + 1)
    }
)
# The start page and Kontakt (support.make_site), Backen am Samstag, Sommerfest, the Treffen
SEARCHABLE = 4 + MANY


# --- Pure rules --------------------------------------------------------------------------


def content(layout, status="published"):
    return SimpleNamespace(metadata={"layout": layout}, status=status)


def test_only_public_pages_of_a_searchable_layout_are_searchable():
    assert is_searchable(content("page")) and is_searchable(content("news"))
    assert not is_searchable(content("page", "draft"))
    assert not is_searchable(content("page", "hidden"))
    assert not is_searchable(content("error"))  # published, but never a hit
    assert not is_searchable(content("search"))


def entry(**pages):
    return {"version": "1.5.2", "languages": {code: {"page_count": n} for code, n in pages.items()}}


def test_an_index_of_every_page_in_german_is_fine():
    assert problems(entry(de=3), 3, "de") == []


def test_a_page_in_another_language_and_a_missing_page_are_named_in_german():
    (language, _fix), (pages, fix) = problems(entry(de=1, en=1), 3, "de")
    assert "„en“" in language and "Wortstämmen" in language
    assert pages == "Im Suchindex stehen 2 Seiten, durchsuchbar sind aber 3 Seiten."
    assert "data-pagefind-body" in fix


def failing_pagefind(tmp_path, monkeypatch):
    """Pagefind replaced by a program that complains and exits with code 3."""
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\necho 'Error: Der Index ist kaputt'\nexit 3\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr("search.index.executable", lambda: program)


def test_a_failing_pagefind_leaves_no_half_written_bundle(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("// from an earlier run")
    failing_pagefind(tmp_path, monkeypatch)
    with pytest.raises(Failed) as failure:
        run(site, timeout=10)
    assert str(failure.value) == "Pagefind hat mit einem Fehler abgebrochen (Exit-Code 3)."
    assert failure.value.notes() == ("Pagefind: Error: Der Index ist kaputt",)
    assert not (site / "pagefind").exists()


def html_site(folder, **pages):
    for name, words in pages.items():
        page = folder / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<!doctype html><html lang="de"><head><title>{name}</title></head>'
            f"<body><main data-pagefind-body><h1>{name}</h1><p>{words}</p></main></body></html>",
            encoding="utf-8",
        )


def bundle_files(site):
    bundle = site / "pagefind"
    return {p.relative_to(bundle).as_posix(): p for p in bundle.rglob("*") if p.is_file()}


def test_an_unchanged_site_gets_its_index_back_without_pagefind(tmp_path):
    site, kept = tmp_path / "site", tmp_path / "kept"
    html_site(site, verein="Das Nähcafé trifft sich dienstags.", kontakt="Schreiben Sie uns.")
    first = run(site, timeout=60, cache_dir=kept)
    made = {name: path.read_bytes() for name, path in bundle_files(site).items()}
    assert first["languages"]["de"]["page_count"] == 2

    again = run(site, timeout=60, cache_dir=kept)  # the same HTML: the same index, linked
    assert again == first
    files = bundle_files(site)
    assert {name: path.read_bytes() for name, path in files.items()} == made
    assert all(path.stat().st_nlink > 1 for path in files.values())  # not written anew

    html_site(site, kontakt="Schreiben Sie uns eine Postkarte.")  # one page changed
    run(site, timeout=60, cache_dir=kept)
    assert {name: path.read_bytes() for name, path in bundle_files(site).items()} != made
    assert not any(UNUSED_NAME in files for UNUSED_NAME in UNUSED)


def test_a_kept_index_is_used_only_when_complete_and_only_the_newest_are_kept(tmp_path):
    from search import cache

    site, kept = tmp_path / "site", tmp_path / "kept"
    html_site(site, a="eins")
    key = cache.site_key(site, "pagefind", ["--site", "."])
    (kept / key).mkdir(parents=True)  # a store that was interrupted: no READY file
    assert not cache.restore(kept, key, site / "pagefind")
    bundle = site / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("// index")
    for number in range(cache.KEEP + 2):
        cache.store(kept, f"key{number}", bundle)
    assert sorted(p.name for p in kept.iterdir()) == [f"key{n}" for n in range(2, cache.KEEP + 2)]
    shutil.rmtree(bundle)
    assert cache.restore(kept, f"key{cache.KEEP + 1}", bundle)
    assert sorted(p.name for p in bundle.iterdir()) == ["pagefind.js"]
    # the key reads the site's HTML, not the index written into it
    assert cache.site_key(site, "pagefind", ["--site", "."]) == key
    html_site(site, a="zwei")
    assert cache.site_key(site, "pagefind", ["--site", "."]) != key


def test_production_stops_with_a_german_error_and_keeps_the_old_site(tmp_path, monkeypatch):
    content_folder = make_site(tmp_path, FILES)
    output = tmp_path / "output"
    output.mkdir()
    (output / "alt.html").write_text("die bisherige Website")
    failing_pagefind(tmp_path, monkeypatch)
    with pytest.raises(BuildError) as stopped:
        build(content_folder, strict=True, SITEURL="https://www.example.org")
    text = str(stopped.value)
    assert "FEHLER in Suche (Pagefind): Der Suchindex wurde nicht angelegt" in text
    assert "Pagefind: Error: Der Index ist kaputt" in text
    assert "Traceback" not in text
    assert [p.name for p in output.iterdir()] == ["alt.html"]  # nothing half-written


# --- Two builds of the fixture site -------------------------------------------------------


@pytest.fixture(scope="module")
def preview_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-preview")
    return build(make_site(root, FILES))


@pytest.fixture(scope="module")
def apache_installed():
    """Marks every test that uses it "apache" (conftest.TOOL_FIXTURES)."""


@pytest.fixture(scope="module")
def production(apache_installed, tmp_path_factory):
    """The production build served by Apache with its .htaccess: (output, base URL)."""
    root = tmp_path_factory.mktemp("search-production")
    port = apache.free_port()
    url = f"http://127.0.0.1:{port}"
    output = build(make_site(root, FILES), strict=True, SITEURL=url, FEED_DOMAIN=url)
    docroot = apache.world_readable_copy(output)
    try:
        with apache.Apache(docroot, docroot.parent / "run", port) as server:
            yield output, server.url
    finally:
        shutil.rmtree(docroot.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def preview(preview_build):
    with serving(preview_build) as url:
        yield preview_build, url


@pytest.fixture(params=["production", "preview"])
def served(request):
    """Each browser test runs on both builds."""
    return request.getfixturevalue(request.param)


def test_the_index_holds_the_searchable_pages_in_german(preview_build):
    bundle = preview_build / "pagefind"
    data = json.loads((bundle / "pagefind-entry.json").read_text())
    assert {code: info["page_count"] for code, info in data["languages"].items()} == {
        "de": SEARCHABLE
    }
    assert not [name for name in UNUSED if (bundle / name).exists()]  # only our own UI
    assert (preview_build / "entwurf" / "geheime-neuigkeit" / "index.html").exists()


def test_the_policy_allows_webassembly_and_nothing_else_new(production):
    _output, url = production
    with urllib.request.urlopen(url + "/suche/") as response:
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy
    assert "'unsafe-eval'" not in policy and "unsafe-inline" not in policy


def test_index_files_are_kept_for_a_year_and_the_script_is_revalidated(production):
    output, url = production
    bundle = output / "pagefind"
    hashed = [next(bundle.glob(f"**/*.{kind}")) for kind in ("pf_fragment", "pf_index", "pf_meta")]
    fixed = [bundle / "pagefind.js", bundle / "pagefind-worker.js", next(bundle.glob("wasm.*"))]

    def cache_control(path):
        address = f"{url}/{path.relative_to(output).as_posix()}"
        with urllib.request.urlopen(address) as response:
            return response.headers["Cache-Control"]

    assert {cache_control(p) for p in hashed} == {"public, max-age=31536000, immutable"}
    assert {cache_control(p) for p in fixed} == {"no-cache"}


# --- In Chromium ----------------------------------------------------------------------------

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


class Visitor:
    """A browser tab on one build that records console messages, requests and CSP
    violations while it searches."""

    def __init__(self, page, url):
        self.page, self.url = page, url
        self.console, self.requests, self.failed = [], [], []
        page.add_init_script(CSP_LISTENER)
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.failed.append(f"{r.url}: HTTP {r.status}"),
        )

    def open(self, path):
        response = self.page.goto(self.url + path)
        assert response is not None and response.status == 200, path
        return self.page

    def search(self, word):
        """Type word into the search page's field, as a visitor would; the announcement."""
        field = self.page.get_by_label("Suchbegriff")
        field.fill("")
        field.press_sequentially(word)
        return self.announced(word)

    def announced(self, word):
        """The status once it names word (fails with what it says instead)."""
        status = self.page.get_by_role("status")
        try:
            status.filter(has_text=f"„{word}“").wait_for(timeout=10_000)
        except PlaywrightTimeout:
            said = status.inner_text()
            raise AssertionError(f"no hits for {word}: {said!r}; {self.problems()}") from None
        return status.inner_text()

    def hits(self):
        return self.page.locator(".bl-search__hit")

    def problems(self):
        found = [f"CSP: {v}" for v in self.page.evaluate("window.__cspViolations")]
        found += [line for line in self.console if line.startswith(("error", "warning"))]
        found += [f"failed: {line}" for line in self.failed]
        found += [f"left 127.0.0.1: {u}" for u in self.requests if not u.startswith(self.url)]
        return found


@pytest.fixture
def visitor(new_page, served):
    _output, url = served
    return Visitor(new_page(), url)


def test_a_word_of_one_page_lists_that_page_first_with_the_match_marked(visitor):
    page = visitor.open("/suche/")
    assert visitor.search(UNIQUE) == f"Ein Treffer für „{UNIQUE}“."
    first = visitor.hits().first
    link = first.get_by_role("link")
    assert link.inner_text() == "Backen am Samstag"  # the page's title, no site name
    assert link.get_attribute("href").endswith("/backen-am-samstag/")
    assert first.get_by_role("heading", level=2).count() == 1
    assert first.locator("mark").first.inner_text().rstrip(".") == UNIQUE
    assert f"q={UNIQUE}" in page.url  # the search is kept in the address
    assert not visitor.problems(), "\n".join(visitor.problems())


def test_german_word_forms_find_each_other(visitor):
    visitor.open("/suche/")
    assert visitor.search("Fahrrad").startswith("2 Treffer")  # "Fahrräder" and "Fahrrad-Quiz"
    titles = visitor.hits().get_by_role("link").all_inner_texts()
    assert sorted(titles) == ["Backen am Samstag", "Sommerfest"]
    assert visitor.search("Vereinstreffens") == f"{MANY} Treffer für „Vereinstreffens“."


@pytest.mark.parametrize("beginning", ["Zwetsch", "Zwetsche"])
def test_the_beginning_of_a_word_finds_it(visitor, beginning):
    visitor.open("/suche/")
    assert visitor.search(beginning) == f"Ein Treffer für „{beginning}“."
    assert visitor.hits().locator("mark").first.inner_text().rstrip(".") == UNIQUE


@pytest.mark.parametrize("word", NEVER)
def test_words_outside_published_main_content_find_nothing(visitor, word):
    visitor.open("/suche/")
    assert visitor.search(word) == f"Keine Treffer für „{word}“.", NEVER[word]
    assert visitor.hits().count() == 0
    assert not visitor.problems(), "\n".join(visitor.problems())


def test_the_header_field_leads_to_the_results_and_the_keyboard_to_the_hits(visitor):
    page = visitor.open("/kontakt/")
    field = page.get_by_role("search", name="Website durchsuchen").get_by_label("Suche")
    field.fill("Kuchen")
    field.press("Enter")
    assert visitor.announced("Kuchen") == "Ein Treffer für „Kuchen“."  # no compounds
    assert page.get_by_label("Suchbegriff").input_value() == "Kuchen"
    focused = page.evaluate("document.activeElement.labels?.[0]?.textContent")
    assert focused == "Suchbegriff", "the focus is not in the field with the search"
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")  # the first hit
    focused = page.evaluate("document.activeElement.closest('.bl-search__hit') !== null")
    assert focused, "Tab from the field does not reach the first hit"
    assert not visitor.problems(), "\n".join(visitor.problems())


def test_further_hits_come_on_request_and_the_focus_moves_to_the_first_of_them(visitor):
    page = visitor.open("/suche/")
    assert visitor.search("Vereinstreffen") == f"{MANY} Treffer für „Vereinstreffen“."
    assert visitor.hits().count() == 10
    more = page.get_by_role("button", name="Weitere Treffer zeigen")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.bl-search__hit').length === {MANY}")
    focused = page.evaluate(
        "document.activeElement === document.querySelectorAll('.bl-search__link')[10]"
    )
    assert focused, "the focus did not move to the first added hit"
    assert not more.is_visible()  # every hit is shown
    assert not visitor.problems(), "\n".join(visitor.problems())


def test_narrow_screens_get_a_link_to_the_search_page(new_page, preview):
    _output, url = preview
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(url + "/kontakt/")
    assert not page.get_by_role("search").is_visible()
    page.get_by_role("link", name="Suche", exact=True).click()
    assert page.url == url + "/suche/"


@pytest.mark.parametrize("width", [375, 600, 1024])
def test_the_header_keeps_its_height_on_the_search_page(new_page, preview, width):
    _output, url = preview
    page = new_page(viewport={"width": width, "height": 800})
    heights = {}
    for path in ("/kontakt/", "/suche/"):
        page.goto(url + path)
        heights[path] = page.locator(".bl-header").bounding_box()["height"]
    assert heights["/suche/"] == heights["/kontakt/"]
    link = page.get_by_role("banner").get_by_role("link", name="Suche", exact=True)
    if width < 768:  # narrow: the header's link to the search page marks it as current
        assert link.get_attribute("aria-current") == "page"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_page_with_results_passes_axe(new_page, production, scheme):
    _output, url = production
    visitor = Visitor(new_page(color_scheme=scheme), url)
    page = visitor.open(f"/suche/?q={UNIQUE}")
    visitor.announced(UNIQUE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"suche-treffer-{scheme}.png", full_page=True)
    results = run_axe(
        page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    assert not results["violations"], "\n".join(describe_findings("/suche/", results["violations"]))
    assert not visitor.problems(), "\n".join(visitor.problems())


def test_without_javascript_the_page_says_so_and_links_the_archive(browser, production):
    _output, url = production
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url + "/suche/")
        notice = page.get_by_text("Die Suche braucht JavaScript")
        assert notice.is_visible()
        assert notice.get_by_role("link", name="Archiv").get_attribute("href") == f"{url}/archiv/"
    finally:
        context.close()


def test_without_an_index_the_page_says_search_is_unavailable(new_page, tmp_path, preview):
    output, _url = preview
    copy = Path(shutil.copytree(output, tmp_path / "ohne-index"))
    shutil.rmtree(copy / "pagefind")
    with serving(copy) as url:
        page = new_page()
        page.goto(url + "/suche/?q=Kuchen")
        status = page.get_by_role("status")
        status.filter(has_text="nicht verfügbar").wait_for(timeout=10_000)
        assert status.get_by_role("link", name="Archiv").count() == 1
