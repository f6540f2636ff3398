"""WCAG 2.2 checks that need a real layout, each on every page type in Chromium.

- 1.4.10 Reflow: no sideways scrolling at 320, 375, 768 and 1280 px and at 400 % zoom,
  light and dark; the screenshots of these runs are the reviewers' (and CI's) artifacts.
- 1.4.12 Text spacing: with the spacing the criterion names forced on every element by a
  stylesheet, no text is cut off and no two lines of text overlap.
- 2.5.8 Target size (minimum): every control is at least 24 × 24 CSS px, or is a link
  inside a sentence, or has room around it (the criterion's exceptions).
- 2.4.11 Focus not obscured: every element reached with Tab is at least partly visible
  (no sticky or fixed element covers it).
- Forced colours (Windows high contrast): every focused element keeps a visible outline
  and every button keeps a border (backgrounds and box shadows are dropped there).
"""

import pytest
from browser import SCREENSHOTS, load_all_images, open_page

pytestmark = pytest.mark.browser

# One page of each kind a visitor can meet: short name (for screenshots) -> address on the
# showcase site (conftest.showcase_site: the real content with its placeholders filled, a
# news article and published Termine), so every layout is judged with the data it will have.
PAGE_TYPES = {
    "start": "/",
    "interview": "/interview-mit-stephan-ueber-die-it-gruppe/",
    "aufruf": "/die-it-gruppe-sucht-verstaerkung/",
    "mitmachen": "/mitmachen/",
    "beitrag": "/rueckblick-auf-das-sommerfest-im-zak/",
    "beitraege": "/beitraege/",
    "seite": "/ueber-uns/",
    "gruppe": "/it-gruppe/",
    "impressum": "/impressum/",
    "kontakt": "/kontakt/",
    "termine": "/termine/",
    "termin": "/quartalssitzung-der-it-gruppe/",
    "spenden": "/spenden/",
    "mitglied-werden": "/mitglied-werden/",
    "mitgliedsantrag": "/mitglied-werden/antrag/",
    "archiv": "/archiv/",
    "thema": "/thema/aufrufe/",
    "suche": "/suche/",
    "404": "/404.html",
}

# Context options per screen; the key names the screenshot.
SCREENS = {
    "320": {"viewport": {"width": 320, "height": 800}},
    "375": {"viewport": {"width": 375, "height": 667}},
    "768": {"viewport": {"width": 768, "height": 1024}},
    "1280": {"viewport": {"width": 1280, "height": 800}},
    # 400 % browser zoom on a 1280 × 1024 screen (WCAG 1.4.10 Reflow). Zooming in Chrome
    # shrinks the CSS viewport to 1280/4 × 1024/4 = 320 × 256 px and sets devicePixelRatio
    # to 4; this context reproduces exactly that, so media queries react as they would.
    # CSS `zoom` on <html> would keep a 1280 px viewport and untouched media queries,
    # i.e. a layout no zooming visitor ever gets.
    "1280-zoom400": {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4},
}
SCHEMES = ("light", "dark")

# Layout width vs. window width, plus the first elements sticking out on the right.
# clientWidth is innerWidth minus a classic scrollbar (headless Chromium has overlay
# scrollbars, so both are equal here); comparing with it is never less strict.
MEASURE_OVERFLOW = """() => {
    const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const wide = [...document.body.querySelectorAll('*')]
        .filter(el => el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map(el => `${name(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`);
    return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}"""

# WCAG 1.4.12: line height 1.5, paragraph spacing 2 × font size, letter spacing 0.12 ×,
# word spacing 0.16 × (the bookmarklet testers use sets exactly these).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# A short CSS-like name of an element for messages (shared by the scripts below).
NAME = """const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ` "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
"""

# Text that is cut off (a box with overflow hidden/clip whose text does not fit) and
# lines of text that overlap lines of another element. Text meant to be hidden is left
# out: visually hidden text (a box of at most 1 px, the screen-reader-only pattern), text
# moved off screen (the skip link until it is focused) and text not rendered at all (the
# list inside a closed <details>, which Chromium lays out below its summary unseen).
CLIPPED_OR_OVERLAPPING = (
    "() => {"
    + NAME
    + """
    const visible = el => {
        // Not rendered (e.g. the list inside a closed <details>): laid out, never shown.
        if (!el.checkVisibility()) return false;
        for (let e = el; e; e = e.parentElement) {
            const r = e.getBoundingClientRect();
            if (r.width <= 1 || r.height <= 1) return false;
            if (r.bottom <= 0 || r.right <= 0) return false;
        }
        return true;
    };
    const clipped = [];
    for (const el of document.body.querySelectorAll('*')) {
        if (!el.innerText || !el.innerText.trim() || !visible(el)) continue;
        const style = getComputedStyle(el);
        const hides = v => v === 'hidden' || v === 'clip';
        if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
            (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
            clipped.push(name(el));
        }
    }
    // Every line box of text, with the element it belongs to.
    const lines = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || !visible(node.parentElement)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
            if (r.width > 1 && r.height > 1) lines.push({el: node.parentElement, r});
        }
    }
    const overlapping = [];
    // 1 px of tolerance: neighbouring line boxes may touch.
    const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 &&
        a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (let i = 0; i < lines.length && overlapping.length < 5; i++) {
        for (let j = i + 1; j < lines.length; j++) {
            const a = lines[i], b = lines[j];
            if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
            if (meet(a.r, b.r)) {
                overlapping.push(`${name(a.el)} / ${name(b.el)}`);
                break;
            }
        }
    }
    return {clipped: clipped.slice(0, 5), overlapping};
}"""
)

# Every control that is on the page and visible, with its box. A link counts as "inside
# a sentence" (2.5.8's inline exception) when it is displayed inline and its block has
# more text than the link itself.
TARGETS = (
    "() => {"
    + NAME
    + """
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
        '[role=button], [tabindex]:not([tabindex="-1"])';
    const block = el => {
        let e = el.parentElement;
        while (e && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement;
        return e;
    };
    return [...document.querySelectorAll(selector)]
        .filter(el => el.getClientRects().length && el.checkVisibility() &&
                getComputedStyle(el).visibility !== 'hidden')
        .map(el => {
            const r = el.getBoundingClientRect();
            const inline = getComputedStyle(el).display === 'inline' &&
                block(el).innerText.trim().length > el.innerText.trim().length;
            return {name: name(el), x: r.left + scrollX, y: r.top + scrollY,
                    width: r.width, height: r.height, inline};
        });
}"""
)

# The element that has the focus: its box and whether any of five points of it (centre,
# the corners 2 px inwards) shows the element itself rather than something covering it.
FOCUSED = (
    "() => {"
    + NAME
    + """
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    const points = [[r.left + r.width / 2, r.top + r.height / 2],
        [r.left + 2, r.top + 2], [r.right - 2, r.top + 2],
        [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
    const seen = points.some(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return hit && (hit === el || el.contains(hit) || hit.contains(el));
    });
    const style = getComputedStyle(el);
    const cover = points.map(([x, y]) => document.elementFromPoint(x, y)).find(
        hit => hit && hit !== el && !el.contains(hit) && !hit.contains(el));
    return {name: name(el), seen, cover: cover ? name(cover) : null,
            index: [...document.querySelectorAll('*')].indexOf(el),
            outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
            tag: el.tagName.toLowerCase()};
}"""
)

# Buttons (real ones and links that look like one): their border, which is what still
# draws the control when forced colours drop its background.
BUTTONS = (
    "() => {"
    + NAME
    + """
    const selector = 'button, input[type=submit], input[type=button], input[type=search], ' +
        'input[type=text], input[type=email], select, textarea, [role=button], ' +
        '[class*="button"]';
    return [...document.querySelectorAll(selector)]
        .filter(el => el.getClientRects().length)
        .map(el => {
            const s = getComputedStyle(el);
            const sides = ['Top', 'Right', 'Bottom', 'Left'];
            const border = sides.every(side => s[`border${side}Style`] !== 'none' &&
                parseFloat(s[`border${side}Width`]) >= 1);
            return {name: name(el), border};
        });
}"""
)


def tab_stops(page, limit=200):
    """Press Tab until the focus comes round again; yields FOCUSED's data per stop.

    The page must be opened with reduced motion: the theme scrolls smoothly otherwise, and
    a focused element would reach its place only after the animation (the place is the
    same, so the check is the same)."""
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        if focused["index"] in seen:
            return
        seen.add(focused["index"])
        yield focused


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_reflow_without_sideways_scrolling_and_screenshots(new_page, showcase_server, name):
    """1.4.10 at every width and at 400 % zoom, in both colour schemes."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for screen, options in SCREENS.items():
        for scheme in SCHEMES:
            page = new_page(**options, color_scheme=scheme)
            open_page(page, showcase_server + PAGE_TYPES[name])
            load_all_images(page)
            page.screenshot(path=SCREENSHOTS / f"{name}-{screen}-{scheme}.png", full_page=True)
            size = page.evaluate(MEASURE_OVERFLOW)
            if size["scrollWidth"] > size["width"]:
                problems.append(
                    f"{screen} {scheme}: {size['scrollWidth']} px wide in a {size['width']} px "
                    f"window; too wide: {', '.join(size['wide']) or '?'}"
                )
            page.context.close()
    assert not problems, f"{PAGE_TYPES[name]} scrolls sideways:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_text_spacing_cuts_off_and_overlaps_nothing(new_page, showcase_server, name):
    """1.4.12, on a phone and on a desktop screen."""
    problems = []
    for width in (375, 1280):
        page = new_page(viewport={"width": width, "height": 800})
        open_page(page, showcase_server + PAGE_TYPES[name])
        page.add_style_tag(content=TEXT_SPACING)
        found = page.evaluate(CLIPPED_OR_OVERLAPPING)
        size = page.evaluate(MEASURE_OVERFLOW)
        if found["clipped"]:
            problems.append(f"{width} px: text cut off in {', '.join(found['clipped'])}")
        if found["overlapping"]:
            problems.append(f"{width} px: text overlaps: {', '.join(found['overlapping'])}")
        if size["scrollWidth"] > size["width"]:
            problems.append(f"{width} px: scrolls sideways ({', '.join(size['wide'])})")
    assert not problems, f"{PAGE_TYPES[name]} with WCAG 1.4.12 text spacing:\n" + "\n".join(
        problems
    )


def undersized(targets, minimum=24):
    """Targets below minimum × minimum CSS px that neither sit inside a sentence nor have
    room around them: 2.5.8's spacing exception is a circle of 24 px diameter centred on
    the target that meets no other target and no other such circle."""
    small = []
    for target in targets:
        if target["width"] >= minimum and target["height"] >= minimum or target["inline"]:
            continue
        cx, cy = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
        for other in targets:
            if other is target:
                continue
            # nearest point of the other target's box to this centre
            nx = min(max(cx, other["x"]), other["x"] + other["width"])
            ny = min(max(cy, other["y"]), other["y"] + other["height"])
            if (nx - cx) ** 2 + (ny - cy) ** 2 < (minimum / 2) ** 2:
                small.append(target)
                break
    return small


def test_undersized_knows_the_exceptions():
    box = {"x": 0, "y": 0, "width": 30, "height": 16, "inline": False}
    neighbour = {"x": 0, "y": 18, "width": 30, "height": 16, "inline": False}
    far = {"x": 0, "y": 60, "width": 30, "height": 16, "inline": False}
    assert undersized([box, neighbour]) == [box, neighbour]
    assert undersized([box, far]) == []  # room around it
    assert undersized([{**box, "inline": True}, {**neighbour, "inline": True}]) == []
    assert undersized([{**box, "height": 24}, {**neighbour, "y": 26, "height": 24}]) == []


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_targets_are_at_least_24_px(new_page, showcase_server, name):
    """2.5.8 on a phone, where fingers meet the targets."""
    page = new_page(viewport={"width": 375, "height": 667})
    open_page(page, showcase_server + PAGE_TYPES[name])
    small = undersized(page.evaluate(TARGETS))
    assert not small, f"{PAGE_TYPES[name]}: targets smaller than 24 × 24 px:\n" + "\n".join(
        f"{t['name']}: {t['width']:.0f} × {t['height']:.0f} px" for t in small
    )


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_focus_is_never_hidden(new_page, showcase_server, name):
    """2.4.11: every Tab stop at least partly visible, on a phone and a desktop screen."""
    hidden = []
    for viewport in ({"width": 375, "height": 667}, {"width": 1280, "height": 800}):
        page = new_page(viewport=viewport, reduced_motion="reduce")
        open_page(page, showcase_server + PAGE_TYPES[name])
        stops = list(tab_stops(page))
        assert stops, f"{PAGE_TYPES[name]}: Tab reaches nothing"
        hidden += [
            f"{viewport['width']} px: {stop['name']} (covered by {stop['cover']})"
            for stop in stops
            if not stop["seen"]
        ]
    assert not hidden, f"{PAGE_TYPES[name]}: focused but hidden:\n" + "\n".join(hidden)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_forced_colours_keep_focus_rings_and_buttons(new_page, showcase_server, name):
    """Windows high contrast: backgrounds and box shadows are gone; outlines and borders stay."""
    page = new_page(forced_colors="active", reduced_motion="reduce")
    open_page(page, showcase_server + PAGE_TYPES[name])
    ringless = [
        stop["name"]
        for stop in tab_stops(page)
        if stop["outlineStyle"] == "none" or stop["outlineWidth"] < 2
    ]
    borderless = [button["name"] for button in page.evaluate(BUTTONS) if not button["border"]]
    assert not ringless, f"{PAGE_TYPES[name]}: no focus outline in forced colours: {ringless}"
    assert not borderless, f"{PAGE_TYPES[name]}: buttons without a border: {borderless}"
