"""What a visitor notices in a real browser: skip link, privacy, headings, contrast.
(Reflow, text spacing, target size, hidden focus and forced colours: test_wcag.py.)

Runs the built site in Debian's Chromium (see the fixtures in conftest.py).
"""

import re

import pytest
from browser import MAIN_PAGES, ROOT, describe_findings, open_page, run_axe, site_paths
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

INTERVIEW_SOURCE = ROOT / "content" / "interviews" / "interview-stephan-it-gruppe.md"


def test_skip_link_is_first_and_jumps_to_main(new_page, site_server):
    page = new_page()
    open_page(page, site_server + "/")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused, "the first Tab must land on the skip link").to_have_text("Zum Inhalt springen")
    assert focused.get_attribute("href") == "#main-content"
    box = focused.bounding_box()
    viewport = page.viewport_size
    assert box and box["width"] > 0 and box["height"] > 0, f"focused skip link has no size: {box}"
    assert (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    ), f"focused skip link is not (fully) on screen: {box}, viewport {viewport}"

    page.keyboard.press("Enter")
    expect(
        page.locator("main#main-content:focus-within"),
        'after Enter on the skip link the focus must be in <main id="main-content">',
    ).to_have_count(1)


def test_no_request_leaves_the_site(new_page, built_site, site_server):
    paths = site_paths(built_site)
    assert paths, "the built site has no HTML pages"
    context = new_page().context
    outside = []

    def guard_for(path):
        def guard(route):
            url = route.request.url
            if url.startswith(site_server + "/"):
                route.continue_()
            else:  # never really sent: a failing test must not depend on the internet
                outside.append(f"{path} -> {url}")
                route.abort()

        return guard

    pages = []
    for path in paths:
        page = context.new_page()
        page.route("**/*", guard_for(path))
        open_page(page, site_server + path)
        # Jump to the end so lazily loaded images are requested too ("instant": the
        # theme's smooth scrolling would make each jump slow in a background tab).
        page.evaluate(
            "window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})"
        )
        pages.append(page)
    # "networkidle" = no request for 500 ms; with all tabs open these waits overlap.
    for page in pages:
        page.wait_for_load_state("networkidle")

    assert not outside, (
        "requests to other servers (visitors' data would leave the site):\n" + "\n".join(outside)
    )


def interview_questions():
    """The interview's questions: the lines starting with "## " in its Markdown source."""
    lines = INTERVIEW_SOURCE.read_text(encoding="utf-8").splitlines()
    # Markdown backslash escapes (e.g. "Helfer\*innen") are not part of the visible text.
    return [re.sub(r"\\(.)", r"\1", line[3:]).strip() for line in lines if line.startswith("## ")]


def test_interview_questions_are_level_2_headings(new_page, site_server):
    questions = interview_questions()
    assert questions, f"no '## ' questions found in {INTERVIEW_SOURCE}"
    page = new_page()
    open_page(page, site_server + MAIN_PAGES["interview"])
    main = page.get_by_role("main")

    # What a screen reader's heading list shows: role heading, level 2, accessible name.
    missing = [
        q
        for q in questions
        if main.get_by_role("heading", level=2, name=q, exact=True).count() != 1
    ]
    assert not missing, f"questions that are not exactly one level-2 heading in <main>: {missing}"
    texts = [" ".join(t.split()) for t in main.get_by_role("heading", level=2).all_inner_texts()]
    assert [t for t in texts if t in questions] == questions, (
        f"level-2 headings are not in the interview's order: {texts}"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", MAIN_PAGES)
def test_text_contrast(new_page, site_server, name, scheme):
    page = new_page(color_scheme=scheme)
    open_page(page, site_server + MAIN_PAGES[name])
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")

    results = run_axe(
        page,
        {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]},
    )
    assert not results["violations"], f"too little contrast in the {scheme} scheme:\n" + "\n".join(
        describe_findings(MAIN_PAGES[name], results["violations"])
    )
