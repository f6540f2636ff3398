"""Automatic checkers over whole built sites: axe-core (WCAG 2.2 AA) and the Nu HTML Checker.

Two sites: the real content as the preview shows it (with its [[placeholders]]), and the
showcase site (conftest.showcase_site), which adds the page types the real content has no
example of yet: a news article, published Termine, a call with its contact button."""

import pytest
from browser import WCAG_TAGS, describe_findings, open_page, run_axe, site_paths, vnu_problems

SITES = ("real", "showcase")


@pytest.fixture(params=SITES)
def site(request):
    """(built folder, base URL) of one of SITES."""
    if request.param == "real":
        return request.getfixturevalue("built_site"), request.getfixturevalue("site_server")
    return request.getfixturevalue("showcase_site"), request.getfixturevalue("showcase_server")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(new_page, site, scheme):
    folder, server = site
    paths = site_paths(folder)
    assert paths, "the built site has no HTML pages"
    page = new_page(color_scheme=scheme)
    problems = []
    for path in paths:
        open_page(page, server + path)
        results = run_axe(
            page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        problems += describe_findings(path, results["violations"])

    assert not problems, "axe-core found accessibility problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", SITES)
def test_nu_html_checker_finds_no_errors_or_warnings(java, request, name):
    folder = request.getfixturevalue("built_site" if name == "real" else "showcase_site")
    html = sorted(folder.rglob("*.html"))
    assert html, "the built site has no HTML pages"
    assert (folder / "theme" / "css" / "site.css").exists(), "theme/css/site.css missing"

    problems = vnu_problems(java, folder)
    assert not problems, "Nu HTML Checker:\n" + "\n".join(problems)
