"""The interview and call layouts and the printed page, in Chromium.

- Stephan's interview is at most 4,500 px tall on a phone; its questions are jump links.
- A call's contact button starts within the first 1,000 px at 375 × 667, before any image,
  and writes a prepared e-mail; it comes again at the end.
- No image is taller than 70 % of the window (375 × 667 and 1280 × 900).
- Printed (print media emulated, light and dark): no navigation, links to other sites with
  their address, no dark backgrounds, the button as text with its address beside it.

Two sites: the real content with its [[placeholders]] filled (the button needs a real
address), and a small fixture site with photos, a pull quote and an interview no call links.
"""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from browser import (
    SCREENSHOTS,
    WCAG_TAGS,
    describe_findings,
    load_all_images,
    open_page,
    run_axe,
    vnu_problems,
)
from conftest import serving
from images import jpeg_bytes, photo
from support import build, make_site

import tasks

pytestmark = pytest.mark.browser

INTERVIEW = "/interview-mit-stephan-ueber-die-it-gruppe/"
CALL = "/die-it-gruppe-sucht-verstaerkung/"
CALL_TITLE = "Die IT-Gruppe sucht Verstärkung"
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def filled_server(filled_project, tmp_path_factory):
    """The real content with test values for its placeholders, built for the preview."""
    output = tmp_path_factory.mktemp("layouts-site")
    tasks.build_site(
        tasks.DEV_SETTINGS,
        PATH=str(filled_project / "content"),
        OUTPUT_PATH=str(output),
        IMAGE_OPTIMIZER_CACHE_DIR=str(tmp_path_factory.mktemp("layouts-images")),
        CARDS_CACHE_DIR=str(tmp_path_factory.mktemp("layouts-cards")),
        CACHE_PATH=str(tmp_path_factory.mktemp("layouts-pelican")),
        A11Y_CHECK_REPORT_DIR=str(output.parent / "layouts-a11y"),
    )
    with serving(output) as url:
        yield url


CREDITS = "".join(
    f'["images/{name}.jpg"]\nbildnachweis = "Anna Beispiel"\n'
    'einwilligung = "Alle Abgebildeten haben zugestimmt."\n'
    for name in ("portrait", "hoch", "gruppe")
)

FIXTURE_FILES = {
    "images/bildnachweise.toml": CREDITS,
    # A portrait photo 3:4 (the person box) and one 2:3 in the text, both taller than wide.
    "images/portrait.jpg": jpeg_bytes(photo(1200, 1600)),
    "images/hoch.jpg": jpeg_bytes(photo(1000, 1500)),
    "images/gruppe.jpg": jpeg_bytes(photo(1600, 1200)),
    "interviews/aylin.md": """\
        Title: Interview mit Aylin
        Date: 2026-11-20
        Layout: interview
        Interviewee: Aylin
        Role: Leiterin der Tanzgruppe
        Image: ../images/portrait.jpg
        Image_alt: Aylin lacht in die Kamera.

        Aylin erzählt, wie die Tanzgruppe probt.

        ## Wann probt ihr?

        Jeden Dienstag. Mehr steht auf der [Website des Tanzhauses](https://tanzhaus.example.org/).

        > Tanzen ist für alle da.

        ## Wer darf mitmachen?

        Alle.

        ![Die Gruppe probt im Saal.](../images/hoch.jpg)

        ## Was kostet es?

        Nichts.
        """,
    "aufrufe/tanz.md": """\
        Title: Die Tanzgruppe sucht Hilfe
        Date: 2026-11-21
        Layout: call
        Summary: Die Tanzgruppe sucht Hilfe beim Aufbau.
        Skills: Aufbau; Musik
        Ends: 2099-01-31
        Contact: tanz@example.org oder 0551 1234567
        Image: ../images/gruppe.jpg
        Image_alt: Die Tanzgruppe im Saal.

        Wir suchen Menschen, die beim Aufbau helfen.
        """,
    "pages/mitmachen.md": """\
        Title: Mitmachen
        Layout: calls
        Menu: 2

        Alle offenen Aufrufe.
        """,
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("layouts-fixture")
    return build(make_site(root, FIXTURE_FILES))


@pytest.fixture(scope="module")
def fixture_server(fixture_site):
    with serving(fixture_site) as url:
        yield url


def shoot(page, name):
    """A full-page screenshot for reviewers (test-artifacts/screenshots/, git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    load_all_images(page)
    page.screenshot(path=str(SCREENSHOTS / f"layout-{name}.png"), full_page=True)


def top(page, selector):
    """Distance of the first element matching selector from the top of the page, in px."""
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top + scrollY")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_interview_and_call(new_page, filled_server, fixture_server, width, scheme):
    page = new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    for name, url in {
        "interview": filled_server + INTERVIEW,
        "aufruf": filled_server + CALL,
        "interview-foto": fixture_server + "/interview-mit-aylin/",
        "aufruf-foto": fixture_server + "/die-tanzgruppe-sucht-hilfe/",
    }.items():
        open_page(page, url)
        shoot(page, f"{name}-{width}-{scheme}")


def test_stephans_interview_fits_a_phone(new_page, filled_server):
    page = new_page(viewport=PHONE)
    open_page(page, filled_server + INTERVIEW)
    page.reload()  # the second visit has the font (font-display: optional), as readers do
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 4500, f"Stephan's interview is {height} px tall at 375 px (at most 4,500)"


def test_interview_shows_the_person_reading_time_and_its_call(new_page, filled_server):
    page = new_page(viewport=PHONE)
    open_page(page, filled_server + INTERVIEW)
    person = page.locator(".bl-person")
    assert person.locator(".bl-person__name").inner_text() == "Stephan"
    assert "Mitglied der IT-Gruppe" in person.inner_text()
    assert "Lesezeit: etwa 4 Minuten" in person.inner_text()
    # The large initial is decoration: hidden from screen readers, the name follows.
    assert person.locator(".bl-person__initial").get_attribute("aria-hidden") == "true"
    # At the end: the open call that links to this interview.
    end = page.get_by_role("region", name="Mitmachen")
    link = end.get_by_role("link", name=CALL_TITLE)
    assert urlsplit(link.get_attribute("href")).path == CALL


def test_questions_are_jump_links(new_page, filled_server):
    # Reduced motion: the jump lands at once (otherwise the page scrolls smoothly there).
    page = new_page(viewport=PHONE, reduced_motion="reduce")
    open_page(page, filled_server + INTERVIEW)
    questions = page.get_by_role("navigation", name="Fragen im Interview")
    links = questions.locator("a")  # by CSS: the closed list is hidden from roles too
    assert links.count() == 10
    assert not links.first.is_visible(), "the list of questions is closed at first"

    questions.get_by_text("Die Fragen (10)").click()
    names = links.all_inner_texts()
    headings = page.locator(".bl-interview__answers h2").all_inner_texts()
    assert names == headings, "every question once, in order, with its own words"

    links.nth(6).click()
    page.wait_for_function("location.hash.length > 1")
    target = page.locator(unquote(page.evaluate("location.hash")))
    assert target.inner_text() == names[6]
    box = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= box <= 40, f"the question is not at the top of the window after the jump ({box})"


def test_short_interview_has_no_list_of_questions_but_a_pull_quote(new_page, fixture_server):
    page = new_page(viewport=PHONE)
    open_page(page, fixture_server + "/interview-mit-aylin/")
    assert page.get_by_role("navigation", name="Fragen im Interview").count() == 0
    # The `> ` quote: larger than the answers, with the interviewee's name below it.
    quote = page.locator(".bl-interview__answers figure")
    assert quote.locator("blockquote").inner_text() == "Tanzen ist für alle da."
    assert quote.locator("figcaption").inner_text() == "– Aylin"
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    answer = page.locator(".bl-interview__answers > p").first
    assert quote.locator("blockquote").evaluate(size) > answer.evaluate(size)
    # No call links to Aylin's interview: its end leads to all open calls, as a button.
    end = page.get_by_role("region", name="Mitmachen")
    link = end.get_by_role("link")
    assert urlsplit(link.get_attribute("href")).path == "/mitmachen/"
    assert link.evaluate("el => el.getBoundingClientRect().height") >= 44
    # The portrait stands in the person box once, with its credit.
    assert page.locator(".bl-person img").count() == 1
    assert "Foto: Anna Beispiel" in page.locator(".bl-person").inner_text()
    assert page.locator("main img").count() == 2  # the portrait and the photo in the text


def test_stephans_pull_quote_is_his_own_sentence(new_page, filled_server):
    page = new_page(viewport=PHONE)
    open_page(page, filled_server + INTERVIEW)
    quote = page.locator(".bl-interview__answers figure")
    words = quote.locator("blockquote").inner_text()
    assert quote.locator("figcaption").inner_text() == "– Stephan"
    answers = page.locator(".bl-interview__answers > p").all_inner_texts()
    assert any(words in answer for answer in answers), f"„{words}“ is not in his answers"


def test_call_search_and_interview_buttons_look_alike(new_page, filled_server):
    """One button style: the call's contact, the search page's "Suchen" and the link at
    the end of an interview share height, corners, colours and type."""
    page = new_page(viewport=PHONE)
    look = """el => { const s = getComputedStyle(el);
        return [Math.round(el.getBoundingClientRect().height), s.borderRadius,
                s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth]; }"""
    open_page(page, filled_server + CALL)
    call = page.get_by_role("link", name="Jetzt per E-Mail melden").first.evaluate(look)
    open_page(page, filled_server + "/suche/")
    search = page.get_by_role("button", name="Suchen").evaluate(look)
    field = page.get_by_role("searchbox", name="Suchbegriff").evaluate(look)
    open_page(page, filled_server + INTERVIEW)
    end = page.get_by_role("region", name="Mitmachen").get_by_role("link").evaluate(look)
    assert call[0] >= 44
    assert call[1:] == search[1:] == end[1:]
    assert call[0] == search[0], "one line of text: the same height"
    assert field[0] == search[0], "the field is as tall as its button"


def test_call_button_comes_first_and_prepares_the_email(new_page, filled_server):
    page = new_page(viewport=PHONE)
    open_page(page, filled_server + CALL)
    page.reload()
    buttons = page.get_by_role("link", name="Jetzt per E-Mail melden")
    assert buttons.count() == 2, "the button near the top and again at the end"
    start = top(page, ".bl-call .bl-button")
    assert start <= 1000, f"the contact button starts {start:.0f} px from the top (at most 1,000)"
    href = buttons.first.get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "it@example.org")
    assert parse_qs(parts.query) == {"subject": [f"Aufruf: {CALL_TITLE}"]}
    assert buttons.nth(1).get_attribute("href") == href
    badge = page.locator(".bl-call__badge")
    assert badge.inner_text().startswith("Aufruf · offen")
    assert badge.evaluate("el => el.getBoundingClientRect().top") < top(page, "h1")
    tags = page.locator(".bl-call__tag").all_inner_texts()
    assert tags == ["Social Media", "Customer-Relationship-Management (CRM)"]


def test_call_button_comes_before_its_photo(new_page, fixture_server):
    page = new_page(viewport=PHONE)
    open_page(page, fixture_server + "/die-tanzgruppe-sucht-hilfe/")
    load_all_images(page)
    assert page.locator(".bl-call__badge").inner_text() == "Aufruf · offen bis 31. Januar 2099"
    start = top(page, ".bl-call .bl-button")
    image = top(page, "main img")
    assert start <= 1000
    assert start < image, f"the button ({start:.0f} px) must come before the photo ({image:.0f} px)"
    # The first address of the contact gets the prepared e-mail; the phone stays a link too.
    assert (
        page.locator(".bl-call .bl-button")
        .get_attribute("href")
        .startswith("mailto:tanz@example.org?subject=Aufruf%3A%20Die%20Tanzgruppe")
    )
    assert page.locator('.bl-call__contact a[href^="tel:"]').count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x667", "1280x900"])
def test_no_image_is_taller_than_70_percent_of_the_window(
    new_page, filled_server, fixture_server, viewport
):
    page = new_page(viewport=viewport)
    limit = 0.7 * viewport["height"]
    too_tall = []
    for url in (
        filled_server + INTERVIEW,
        filled_server + CALL,
        fixture_server + "/interview-mit-aylin/",
        fixture_server + "/die-tanzgruppe-sucht-hilfe/",
    ):
        open_page(page, url)
        load_all_images(page)
        heights = page.evaluate(
            "[...document.images].map(i => [i.currentSrc, i.getBoundingClientRect().height])"
        )
        too_tall += [f"{url}: {src} {h:.0f} px" for src, h in heights if h > limit]
    assert page.evaluate("document.images.length") > 0
    assert not too_tall, f"images taller than {limit:.0f} px:\n" + "\n".join(too_tall)


# Everything printed that should not be: visible navigation, search, skip link; and every
# element with a background darker than mid-grey.
PRINTED = """() => {
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const navigation = [...document.querySelectorAll(
        'nav, form[role=search], .bl-skip-link, .bl-header__search-link')].filter(shown)
        .map(el => el.tagName.toLowerCase() + '.' + el.className);
    const dark = [];
    for (const el of [document.documentElement, ...document.querySelectorAll('body, body *')]) {
        const m = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).map(Number);
        const alpha = m.length > 3 ? m[3] : 1;
        const light = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
        if (alpha > 0.1 && light < 0.5) dark.push(el.tagName.toLowerCase() + '.' + el.className);
    }
    return {navigation, dark: dark.slice(0, 5)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_pages(new_page, filled_server, fixture_server, scheme):
    page = new_page(viewport=DESKTOP, color_scheme=scheme)
    page.emulate_media(media="print")
    for url in (
        filled_server + "/",
        filled_server + INTERVIEW,
        filled_server + CALL,
        fixture_server + "/interview-mit-aylin/",
    ):
        open_page(page, url)
        found = page.evaluate(PRINTED)
        assert not found["navigation"], f"{url} prints navigation: {found['navigation']}"
        assert not found["dark"], f"{url} prints dark backgrounds ({scheme}): {found['dark']}"

    # A link to another site is followed by its address.
    open_page(page, fixture_server + "/interview-mit-aylin/")
    after = page.locator('main a[href^="http"]').evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert after == '" (https://tanzhaus.example.org/)"'
    # The button is plain text on paper, and the address it writes to is printed beside it.
    open_page(page, filled_server + CALL)
    button = page.locator(".bl-call .bl-button")
    assert button.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert "it@example.org" in page.locator(".bl-call__contact").inner_text()
    assert page.locator(".bl-call__end").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_fixture_pages(new_page, fixture_server, scheme):
    page = new_page(color_scheme=scheme)
    problems = []
    for path in ("/interview-mit-aylin/", "/die-tanzgruppe-sucht-hilfe/"):
        open_page(page, fixture_server + path)
        results = run_axe(
            page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        problems += describe_findings(path, results["violations"])
    assert not problems, "\n".join(problems)


def test_nu_html_checker_on_the_fixture_site(java, fixture_site):
    problems = vnu_problems(java, fixture_site)
    assert not problems, "\n".join(problems)
