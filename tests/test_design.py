"""The design a visitor sees first: the start page's header, claim and cards, and what every
page costs to load (design-direction.md, "Checks a developer can automate" 4, 6 and 9)."""

import gzip

import lxml.html
import pytest
from browser import open_page, site_paths

# At 375 × 667 (an iPhone SE, the smallest common phone) the header stays short and the
# primary action is on the first screen, with room below it to see that the page goes on.
PHONE = {"width": 375, "height": 667}
MAX_HEADER = 130
MAX_BUTTON_BOTTOM = 620
# HTML + stylesheet of one page as transferred (gzip, as the web server sends them).
MAX_PAGE_KIB = 24

FIRST_SCREEN = """() => {
    const header = document.querySelector('header.bl-header').getBoundingClientRect();
    const buttons = [...document.querySelectorAll('main a.bl-button')]
        .filter(a => a.textContent.trim() === 'Mitmachen');
    // Every visible "Mitmachen" (link or button) on the first screen, anywhere on the page.
    const onScreen = [...document.querySelectorAll('a')].filter(a => {
        const r = a.getBoundingClientRect();
        return a.textContent.trim() === 'Mitmachen' && r.height > 0 && r.top < innerHeight;
    });
    return {header: header.height, mitmachen: onScreen.length,
            button: buttons.length ? buttons[0].getBoundingClientRect().bottom : null};
}"""

# Each card: its links, its pictures (a loaded photo or a drawn title card), and which
# element a tap on its lower left corner (on the summary, far from the heading) reaches.
CARDS = """() => [...document.querySelectorAll('.bl-tile')].map(card => {
    const r = card.getBoundingClientRect();
    card.scrollIntoView({block: 'center', behavior: 'instant'});
    const box = card.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 8, box.bottom - 8);
    return {title: card.querySelector('h2, h3').textContent.trim(),
            links: card.querySelectorAll('a[href]').length,
            images: [...card.querySelectorAll('img')].filter(img => img.naturalWidth > 0).length
                    + [...card.querySelectorAll('.bl-tile__art')]
                        .filter(art => art.getBoundingClientRect().height > 0).length,
            tapped: hit ? (hit.closest('a') ? hit.closest('a').getAttribute('href') : hit.tagName)
                        : null,
            href: card.querySelector('a[href]').getAttribute('href'),
            height: r.height};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_start_page_header_is_short_and_mitmachen_on_the_first_screen(
    new_page, site_server, scheme
):
    page = new_page(viewport=PHONE, color_scheme=scheme)
    open_page(page, site_server + "/")
    seen = page.evaluate(FIRST_SCREEN)
    assert seen["header"] <= MAX_HEADER, f"header {seen['header']:.0f} px tall at 375 px"
    assert seen["button"] is not None, "no „Mitmachen“ button in the start page's content"
    assert seen["button"] <= MAX_BUTTON_BOTTOM, (
        f"„Mitmachen“ ends at {seen['button']:.0f} px, below {MAX_BUTTON_BOTTOM} px"
    )
    assert seen["mitmachen"] == 1, f"{seen['mitmachen']} links „Mitmachen“ on the first screen"


@pytest.mark.browser
def test_every_card_is_one_link_with_a_picture_and_clickable_anywhere(new_page, site_server):
    page = new_page(viewport=PHONE, reduced_motion="reduce")
    open_page(page, site_server + "/")
    page.evaluate("() => document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    cards = page.evaluate(CARDS)
    assert len(cards) >= 3, "the start page shows a call, a post and the Spenden page as cards"
    for card in cards:
        assert card["links"] == 1, f"{card['title']}: {card['links']} links in one card"
        assert card["images"] == 1, f"{card['title']}: no photo loaded and no title card drawn"
        assert card["tapped"] == card["href"], f"{card['title']}: its corner is not the link"


@pytest.mark.browser
def test_the_focus_ring_goes_round_the_whole_card(new_page, site_server):
    page = new_page(viewport=PHONE, reduced_motion="reduce")
    open_page(page, site_server + "/")
    page.focus(".bl-tile__link")
    ring = page.evaluate(
        """() => { const card = document.activeElement.closest('.bl-tile');
                   const s = getComputedStyle(card);
                   return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    )
    assert ring[0] == "solid" and ring[1] >= 2


def test_no_placeholder_picture_anywhere(built_site):
    found = []
    for path in site_paths(built_site):
        file = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        html = lxml.html.fromstring(file.read_bytes())
        for element in html.iter("img", "source"):
            for attribute in ("src", "srcset", "alt"):
                if "platzhalter" in (element.get(attribute) or "").lower():
                    found.append(f"{path}: <{element.tag} {attribute}={element.get(attribute)!r}>")
    assert not found, "placeholder pictures:\n" + "\n".join(found)


def test_html_and_css_of_every_page_stay_small(built_site):
    css = len(gzip.compress((built_site / "theme/css/site.css").read_bytes()))
    heavy = []
    for path in site_paths(built_site):
        file = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        size = css + len(gzip.compress(file.read_bytes()))
        if size > MAX_PAGE_KIB * 1024:
            heavy.append(f"{path}: {size / 1024:.1f} KiB")
    assert not heavy, f"HTML + CSS over {MAX_PAGE_KIB} KiB (gzip):\n" + "\n".join(heavy)
