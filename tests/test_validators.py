"""Automatic checkers over the whole built site: axe-core (WCAG 2.2 AA) and the Nu HTML Checker."""

import pytest
from browser import WCAG_TAGS, describe_findings, open_page, run_axe, site_paths, vnu_problems


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(new_page, built_site, site_server, scheme):
    paths = site_paths(built_site)
    assert paths, "the built site has no HTML pages"
    page = new_page(color_scheme=scheme)
    problems = []
    for path in paths:
        open_page(page, site_server + path)
        results = run_axe(
            page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        problems += describe_findings(path, results["violations"])

    assert not problems, "axe-core found accessibility problems:\n" + "\n".join(problems)


def test_nu_html_checker_finds_no_errors_or_warnings(java, built_site):
    html = sorted(built_site.rglob("*.html"))
    assert html, "the built site has no HTML pages"
    assert (built_site / "theme" / "css" / "site.css").exists(), "theme/css/site.css missing"

    problems = vnu_problems(java, built_site)
    assert not problems, "Nu HTML Checker:\n" + "\n".join(problems)
