"""What a phone and a desktop browser really load for an optimized image."""

import re

import pytest
from browser import open_page
from conftest import serving
from images import jpeg_bytes, photo
from support import build, make_site

ARTICLE = "/sommerfest/"

# Sum of all layout shifts since the page started loading (Cumulative Layout Shift).
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """A news item with a photo in its text (the real content has no photo yet)."""
    content = make_site(
        tmp_path_factory.mktemp("photo-site"),
        {
            "neuigkeiten/fest.md": "Title: Sommerfest\nDate: 2026-07-01\nLayout: news\n\n"
            "Wir feiern.\n\n![Die Wiese im Sommer](../images/wiese.jpg)\n\nMehr Text.\n",
            "images/wiese.jpg": jpeg_bytes(photo(1600, 1200)),
        },
    )
    with serving(build(content)) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width, scale", [(375, 1), (375, 3), (1280, 1), (1280, 2)])
def test_browser_loads_a_variant_that_fits_and_nothing_shifts(new_page, photo_site, width, scale):
    page = new_page(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    open_page(page, photo_site + ARTICLE)
    image = page.locator("main picture img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    shown = image.evaluate("img => img.getBoundingClientRect().width")
    source = image.evaluate("img => img.currentSrc")
    # naturalWidth is divided by the srcset density; the file name says the real width.
    loaded = int(re.search(r"-(\d+)\.\w+$", source)[1])
    assert source.endswith((".avif", ".webp")), source  # a modern format, not the fallback
    assert loaded <= 2 * shown * scale, f"{source}: {loaded} px loaded for {shown} × {scale}"
    assert loaded >= min(shown * scale, 1200) * 0.9, f"{source} is too small to look sharp"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate(LAYOUT_SHIFT) == 0
