"""minify: smaller production pages that stay valid and look exactly the same."""

import logging
import re

import pytest
from browser import SCREENSHOTS, load_all_images, open_page, vnu_problems
from conftest import serving
from PIL import Image, ImageChops
from support import build, make_site, publish

from minify.css import fingerprinted_name, rewrite_references
from minify.html import minify_html
from minify.plugin import format_report, minify_folder

KEPT = {
    "pre": "<pre><code>  zwei   Leerzeichen\n\n  und &lt;Zeilen&gt;\n</code></pre>",
    "textarea": '<textarea name="t">  A\n   B  </textarea>',
    "script": '<script>\n  if (a  <  b) { x = "  y  "; }\n</script>',
    "json-ld": '<script type="application/ld+json">\n{ "@type" :  "Organization" }\n</script>',
    "style": "<style>\n  p  { color : red }\n</style>",
}


@pytest.mark.parametrize("name", KEPT)
def test_preformatted_parts_keep_every_byte(name):
    page = f"<!DOCTYPE html>\n<html>\n  <body>\n    <p>Text</p>\n    {KEPT[name]}\n  </body>\n</html>\n"
    minified = minify_html(page)
    assert KEPT[name] in minified
    assert len(minified) < len(page)


def test_whitespace_collapses_and_comments_go_but_spaces_between_links_stay():
    page = "<p>\n   Hallo   <a href='/a'>A</a>\n   <a href='/b'>B</a>  <!-- intern -->\n</p>"
    assert minify_html(page) == '<p> Hallo <a href="/a">A</a> <a href="/b">B</a> </p>'


def test_attribute_values_keep_their_meaning():
    page = (
        '<p title="&amp;lt;b&amp;gt; &amp;amp; &quot;x&quot;">x</p>'
        '<a href="/?a=1&amp;b=2" title="Tom &amp; Jerry">y</a>'
    )
    minified = minify_html(page)
    assert 'title="&amp;lt;b&amp;gt; &amp;amp; &quot;x&quot;"' in minified
    assert 'href="/?a=1&amp;b=2"' in minified and 'title="Tom &amp; Jerry"' in minified


def test_fingerprint_depends_on_the_content_only():
    one = fingerprinted_name("theme/css/site.css", b"p{color:red}")
    assert re.fullmatch(r"theme/css/site\.[0-9a-f]{10}\.css", one)
    assert one == fingerprinted_name("theme/css/site.css", b"p{color:red}")
    assert one != fingerprinted_name("theme/css/site.css", b"p{color:blue}")


def test_references_are_rewritten_wherever_a_page_links_the_stylesheet():
    renames = {"theme/css/site.css": "theme/css/site.0123456789.css"}
    html = (
        '<link href="https://v.de/theme/css/site.css"><link href="../theme/css/site.css?v=1">'
        '<link href="theme/css/site.css"><a href="/mytheme/css/site.css">x</a>'
        "<p>theme/css/site.css</p>"
    )
    assert rewrite_references(html, renames) == (
        '<link href="https://v.de/theme/css/site.0123456789.css">'
        '<link href="../theme/css/site.0123456789.css?v=1">'
        '<link href="theme/css/site.0123456789.css"><a href="/mytheme/css/site.css">x</a>'
        "<p>theme/css/site.css</p>"
    )


def write_pages(folder, pages):
    for name, html in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html, encoding="utf-8")


def test_unchanged_pages_come_from_the_cache_and_it_keeps_only_this_builds_pages(tmp_path):
    cache = tmp_path / "cache"
    pages = {
        "index.html": '<p>\n  Start  <link href="/theme/css/site.css"></p>',
        "a/index.html": "<p>\n  Seite   A </p>",
    }
    uncached = tmp_path / "uncached"
    write_pages(uncached, {**pages, "theme/css/site.css": "p { color : red }"})
    minify_folder(uncached)
    first = tmp_path / "first"
    write_pages(first, {**pages, "theme/css/site.css": "p { color : red }"})
    minify_folder(first, cache_dir=cache)
    entries = sorted(p.name for p in cache.iterdir())
    assert len(entries) == 2
    for name in pages:  # the same bytes as without a cache, the reference rewritten too
        assert (first / name).read_bytes() == (uncached / name).read_bytes()

    # An entry is found by the page's bytes: marked entries show up in the next build.
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes() + b"<!--aus dem Cache-->")
    second = tmp_path / "second"
    write_pages(second, {**pages, "theme/css/site.css": "p { color : red }"})
    minify_folder(second, cache_dir=cache)
    assert all((second / name).read_text().endswith("<!--aus dem Cache-->") for name in pages)

    # A changed page is minified anew; the stale entry goes, the unchanged one stays.
    third = tmp_path / "third"
    changed = {**pages, "a/index.html": "<p>  Seite   B </p>"}
    write_pages(third, {**changed, "theme/css/site.css": "p { color : red }"})
    minify_folder(third, cache_dir=cache)
    assert (third / "a/index.html").read_text() == "<p> Seite B </p>"
    assert (third / "index.html").read_text().endswith("<!--aus dem Cache-->")
    assert (
        len(list(cache.iterdir())) == 2
        and len(set(entries) & {p.name for p in cache.iterdir()}) == 1
    )

    # Another stylesheet (another hash in the reference) misses every entry.
    fourth = tmp_path / "fourth"
    write_pages(fourth, {**pages, "theme/css/site.css": "p { color : blue }"})
    minify_folder(fourth, cache_dir=cache)
    assert not (fourth / "index.html").read_text().endswith("<!--aus dem Cache-->")


def test_report_uses_german_numbers():
    assert (
        format_report({"html": [120300, 98100], "css": [0, 0]}) == "HTML 120,3 kB → 98,1 kB (−18 %)"
    )


ARTICLE = """\
Title: Code im Text
Layout: news
Date: 2026-05-01
Summary: Ein Beitrag mit Code.

So sieht eine Einstellung aus:

    [gruppe]
      name  =  "IT"
"""


def test_production_build_minifies_and_fingerprints_the_preview_does_not(tmp_path, caplog):
    content = make_site(tmp_path, {"neuigkeiten/code.md": ARTICLE})
    assert (build(content) / "theme" / "css" / "site.css").exists()  # the preview
    plain = build(content, strict=True, SITEURL="https://verein.example", MINIFY_ENABLED=False)
    plain_page = (plain / "code-im-text" / "index.html").read_text(encoding="utf-8")

    with caplog.at_level(logging.INFO, logger="minify"):
        site = build(content, strict=True, SITEURL="https://verein.example")
    styles = [p.name for p in (site / "theme" / "css").iterdir()]
    assert len(styles) == 1 and re.fullmatch(r"site\.[0-9a-f]{10}\.css", styles[0]), styles
    page = (site / "code-im-text" / "index.html").read_text(encoding="utf-8")
    assert f'href="https://verein.example/theme/css/{styles[0]}"' in page
    assert "site.css" not in page
    assert len(page) < len(plain_page) and "\n  <" not in page

    pre = re.compile(r"<pre>.*?</pre>", re.S)
    assert pre.findall(page) == pre.findall(plain_page) != []

    report = [r.getMessage() for r in caplog.records if r.name.startswith("minify")]
    assert len(report) == 1
    assert re.fullmatch(
        r"Verkleinert: HTML [\d,]+ kB → [\d,]+ kB \(−\d+ %\), "
        r"CSS [\d,]+ kB → [\d,]+ kB \(−\d+ %\)",
        report[0],
    ), report


@pytest.fixture(scope="module")
def both_builds(filled_project, tmp_path_factory):
    """The real site built for production twice, without and with minify, each served."""
    folders = {name: tmp_path_factory.mktemp(name) for name in ("plain", "minified")}
    with serving(folders["plain"]) as plain_url, serving(folders["minified"]) as min_url:
        publish(filled_project, folders["plain"], SITEURL=plain_url, MINIFY_ENABLED=False)
        publish(filled_project, folders["minified"], SITEURL=min_url)
        yield {"plain": (folders["plain"], plain_url), "minified": (folders["minified"], min_url)}


def test_minified_site_is_valid_html_and_css(java, both_builds):
    site = both_builds["minified"][0]
    assert not vnu_problems(java, site)


PAGES = [
    "/",
    "/interview-mit-stephan-ueber-die-it-gruppe/",
    "/die-it-gruppe-sucht-verstaerkung/",
    "/kontakt/",
    "/beitraege/",
    "/404.html",
]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_minified_pages_render_pixel_identical(new_page, both_builds, width):
    page = new_page(viewport={"width": width, "height": 800})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The site's font is font-display: optional: on a first visit it is used only if it
    # arrives within ~100 ms, so one build could be drawn in the fallback font. Each build
    # is visited once first, as a returning visitor has the font in the browser's cache.
    for _, url in both_builds.values():
        open_page(page, url + "/")
        page.evaluate("document.fonts.ready.then(() => true)")
    different = []
    for path in PAGES:
        shots = {}
        for name, (_, url) in both_builds.items():
            open_page(page, url + path)
            load_all_images(page)
            shot = (
                SCREENSHOTS
                / f"minify-{name}-{width}-{path.strip('/').replace('/', '_') or 'start'}.png"
            )
            page.screenshot(path=shot, full_page=True, animations="disabled")
            shots[name] = Image.open(shot).convert("RGB")
        if (
            shots["plain"].size != shots["minified"].size
            or ImageChops.difference(shots["plain"], shots["minified"]).getbbox()
        ):
            different.append(path)
    assert not different, f"minified pages look different at {width} px: {different}"


def test_stylesheet_references_are_rewritten_in_tags_only():
    html = (
        '<link rel="stylesheet" href="/theme/css/site.css">'
        "<pre>Die Datei /theme/css/site.css steht im Theme.</pre>"
        '<a href="https://example.org/theme/css/site.css?v=1">CSS</a>'
    )
    rewritten = rewrite_references(html, {"theme/css/site.css": "theme/css/site.0123456789.css"})
    assert rewritten == (
        '<link rel="stylesheet" href="/theme/css/site.0123456789.css">'
        "<pre>Die Datei /theme/css/site.css steht im Theme.</pre>"
        '<a href="https://example.org/theme/css/site.0123456789.css?v=1">CSS</a>'
    )
