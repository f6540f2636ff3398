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


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_footer_sits_at_the_bottom_of_a_short_page(new_page, site_server, scheme):
    # The 404 page is shorter than a desktop window: no band of page colour below the footer.
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    open_page(page, site_server + "/404.html")
    footer = page.locator("footer").evaluate("el => el.getBoundingClientRect().bottom")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height == 900, f"the 404 page is {height} px tall; expected to fill the window"
    assert footer == 900, f"the footer ends at {footer} px, the window at 900 px"


# Characters per line of the body text: the paragraph's width divided by the average width
# of a character of German text in the paragraph's own font (what typographers count).
LINE_LENGTHS = """() => {
    const sample = 'Die IT-Gruppe kümmert sich um die Technik im Verein und sucht Verstärkung.';
    const canvas = document.createElement('canvas').getContext('2d');
    return [...document.querySelectorAll('main .bl-content > p, main .bl-prose > p')]
        .filter(p => p.textContent.trim().length > 80)
        .map(p => {
            const style = getComputedStyle(p);
            canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const perChar = canvas.measureText(sample).width / sample.length;
            return Math.round(p.clientWidth / perChar);
        });
}"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "fewest", "most"), [(375, 32, 75), (1280, 45, 75)])
def test_text_lines_are_comfortable_to_read(new_page, site_server, width, fewest, most):
    # design-direction.md check 2: 45–75 characters per line on a desktop, at least 32 on a phone.
    page = new_page(viewport={"width": width, "height": 900})
    for path in ("/interview-mit-stephan-ueber-die-it-gruppe/", "/it-gruppe/"):
        open_page(page, site_server + path)
        page.evaluate("document.fonts.ready")
        lengths = page.evaluate(LINE_LENGTHS)
        assert lengths, f"{path}: no paragraph of body text found"
        outside = [n for n in lengths if not fewest <= n <= most]
        assert not outside, f"{path} at {width} px: lines of {outside} characters"


CURRENT_IN_MENU = """() => {
    const nav = document.querySelector('.bl-nav').getBoundingClientRect();
    const item = document.querySelector('.bl-nav [aria-current]').getBoundingClientRect();
    return {left: item.left - nav.left, right: nav.right - item.right};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/kontakt/", "/mitglied-werden/", "/spenden/"])
def test_the_current_menu_entry_is_in_view_on_a_phone(new_page, site_server, path):
    # The menu scrolls sideways on a phone; the current entry must not hide behind the
    # fade at its right edge (2rem = 32 px) or off screen.
    page = new_page(viewport=PHONE)
    open_page(page, site_server + path)
    page.wait_for_function("document.querySelector('.bl-nav').scrollLeft > 0")
    room = page.evaluate(CURRENT_IN_MENU)
    assert room["left"] >= 0 and room["right"] >= 32, (
        f"{path}: the current entry is cut off: {room}"
    )
