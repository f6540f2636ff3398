"""Helpers for the browser and validator tests (fixtures live in conftest.py)."""

from pathlib import Path

import axe_playwright_python

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"  # git-ignored, for reviewers

# The three pages most visitors see: short name (for screenshots) -> address.
MAIN_PAGES = {
    "start": "/",
    "interview": "/interview-mit-stephan-ueber-die-it-gruppe/",
    "aufruf": "/die-it-gruppe-sucht-verstaerkung/",
}

# axe-core as shipped inside the installed axe-playwright-python package.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def site_paths(site):
    """URL path of every HTML file of the built site: index.html -> "/", a/index.html -> "/a/"."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        paths.append("/" + rel)
    return paths


def open_page(page, url):
    """Go to url and make sure the server really delivered it (not a 404)."""
    response = page.goto(url)
    assert response is not None and response.status == 200, (
        f"{url} answered HTTP {response.status if response else '-'}: "
        "does the page (or its slug) exist in the built site?"
    )


def run_axe(page, options):
    """Inject axe-core into the loaded page, run it, return the results dict."""
    page.evaluate(AXE_SOURCE)  # evaluate, not a <script> tag, so a CSP cannot block it
    return page.evaluate("options => axe.run(document, options)", options)


def describe_findings(url, findings):
    """Readable lines for axe violations: page, rule id, help, the offending nodes."""
    lines = []
    for finding in findings:
        lines.append(f"{url}: [{finding['id']}] {finding['help']} ({finding['helpUrl']})")
        for node in finding["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return lines
