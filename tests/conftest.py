"""Shared fixtures: the built site, a local HTTP server for it, a browser, Java.

Tests that need a system tool carry its marker (pyproject.toml lists them): browser
(Chromium), sshd (OpenSSH server and client, rsync), apache, lighthouse (Node.js and the
Lighthouse pinned in tests/lighthouse/package.json). The fixtures that start
those tools add the marker themselves (TOOL_FIXTURES). On a laptop without the tool
such a test skips with a German reason; with the environment variable CI set it fails:
CI must never skip.
"""

import contextlib
import datetime
import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from images import jpeg_bytes, photo
from support import build, copy_project, fill_placeholders

import tasks

CHROMIUM = Path("/usr/bin/chromium")
LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"  # package.json, lock
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def skip_or_fail(reason):
    """Skip on a developer's machine, fail in CI (where CI is set)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI ist gesetzt: ein Fehler, kein Überspringen)")
    pytest.skip(reason)


def missing_tool(marker):
    """German reason why this machine cannot run tests with marker, or None."""
    import apache
    import sshd

    if marker == "browser" and not CHROMIUM.exists():
        return f"Chromium fehlt ({CHROMIUM}): sudo apt-get install chromium"
    if marker == "sshd" and (missing := sshd.missing_tools()):
        return (
            f"Für die Veröffentlichungstests fehlt {', '.join(missing)}: "
            "sudo apt-get install openssh-server openssh-client rsync"
        )
    if marker == "apache":
        if not apache.APACHE.is_file():
            return f"Apache fehlt ({apache.APACHE}): sudo apt-get install apache2"
        if missing := apache.missing_modules():
            return f"Apache-Module fehlen in {apache.MODULES}: {', '.join(missing)}"
    if marker == "lighthouse":
        if shutil.which("node") is None:
            return "Node.js fehlt (für Lighthouse): sudo apt-get install nodejs npm"
        if not LIGHTHOUSE_CLI.exists():
            return (
                "Lighthouse fehlt: „make test“ richtet es ein, sobald npm da ist "
                f"(sudo apt-get install npm; oder im Ordner {LIGHTHOUSE_DIR} „npm ci“)"
            )
    return None


# Fixtures that start a system tool -> the markers a test using them gets.
TOOL_FIXTURES = {
    "browser": ("browser",),
    "sshd": ("sshd",),
    "apache_installed": ("apache",),
    "lighthouse_installed": ("lighthouse",),
}
TOOLS = ("browser", "sshd", "apache", "lighthouse")


def pytest_collection_modifyitems(items):
    for item in items:
        for fixture in item.fixturenames:
            for marker in TOOL_FIXTURES.get(fixture, ()):
                item.add_marker(marker)


def pytest_runtest_setup(item):
    for marker in TOOLS:
        if item.get_closest_marker(marker) and (reason := missing_tool(marker)):
            skip_or_fail(reason)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Dev build of the real content/ into a temporary folder; returns its Path."""
    out_dir = tmp_path_factory.mktemp("site")
    tasks.build_site(
        tasks.DEV_SETTINGS,
        OUTPUT_PATH=str(out_dir),
        IMAGE_OPTIMIZER_CACHE_DIR=str(tmp_path_factory.mktemp("image-cache")),
        CARDS_CACHE_DIR=str(tmp_path_factory.mktemp("cards-cache")),
        CACHE_PATH=str(tmp_path_factory.mktemp("pelican-cache")),
        A11Y_CHECK_REPORT_DIR=str(out_dir.parent / "a11y-report"),
    )
    return out_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass  # no access log lines in the test output


@contextlib.contextmanager
def serving(folder):
    """Serve folder on 127.0.0.1 (free port) while in the block; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve built_site on 127.0.0.1 (free port); returns the base URL without trailing slash."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def filled_project(tmp_path_factory):
    """A copy of the project whose [[placeholders]] hold test values, so production builds it."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    fill_placeholders(root / "content")
    return root


def showcase_files(today):
    """What the real content does not have yet, so that every page type can be looked at
    and checked as it will look: a news article with a photo, and Termine that are published
    (the real one is still a draft), dated from today on."""

    def when(days):
        return (today + datetime.timedelta(days=days)).isoformat()

    return {
        "images/sommerfest.jpg": jpeg_bytes(photo(1600, 1200)),
        "neuigkeiten/sommerfest.md": f"""\
Title: Rückblick auf das Sommerfest im Z.a.K.
Date: {when(-3)}
Layout: news
Summary: Über hundert Gäste, Musik und Kuchen: So war unser Sommerfest.
Image: ../images/sommerfest.jpg
Image_alt: Gäste sitzen an langen Tischen im Hof des Z.a.K.

Über hundert Gäste kamen zu unserem Sommerfest in den Hof des Z.a.K. Die Tanzgruppe trat auf,
und die IT-Gruppe zeigte, wie man sicher mit dem Handy bezahlt.

## Danke an alle Helferinnen und Helfer

Ohne die vielen Ehrenamtlichen wäre das Fest nicht möglich gewesen.
""",
        "termine/quartalssitzung-der-it-gruppe.md": f"""\
Title: Quartalssitzung der IT-Gruppe
Date: {when(-10)}
Layout: event
Start: {when(20)} 19:00
End: 21:00
Repeat: vierteljährlich
Place: zak
Online: Zugangsdaten auf Anfrage per E-Mail an it@example.org
Contact: it@example.org
Summary: Die IT-Gruppe trifft sich jedes Vierteljahr im Z.a.K. in Göttingen und online.

Die IT-Gruppe trifft sich regelmäßig zu einer Quartalssitzung. Neue Gesichter sind willkommen.
""",
        "termine/sommerfest.md": f"""\
Title: Sommerfest im Z.a.K.
Date: {when(-10)}
Layout: event
Start: {when(45)}
Place: zak
Contact: info@example.org
Summary: Unser Sommerfest mit Musik, Kuchen und Tanz für alle.

Alle sind eingeladen, Mitglieder und Gäste.
""",
    }


@pytest.fixture(scope="session")
def showcase_site(filled_project, tmp_path_factory):
    """The real content with its placeholders filled, plus showcase_files: every page type
    once, as a preview build (screenshots and layout checks in Chromium)."""
    content = tmp_path_factory.mktemp("showcase") / "content"
    shutil.copytree(filled_project / "content", content)
    for rel, data in showcase_files(datetime.date.today()).items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    with (content / "images" / "bildnachweise.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            '\n["images/sommerfest.jpg"]\nbildnachweis = "Anna Beispiel"\n'
            'einwilligung = "Alle Abgebildeten haben zugestimmt."\n'
        )
    return build(content)


@pytest.fixture(scope="session")
def showcase_server(showcase_site):
    with serving(showcase_site) as url:
        yield url


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"invoke serve stopped: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} was not served within {timeout} s")


def start_serve(project, port, *options):
    """`invoke serve` on port in a copy of the project, its output (stderr too) in a pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port), *options],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def preview(tmp_path):
    """`invoke serve` running in a copy of the project; yields (project folder, base URL)."""
    project = copy_project(tmp_path)
    port = free_port()
    process = start_serve(project, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(f"{base}/kontakt/", process)
        yield project, base, port
    finally:
        process.terminate()
        process.wait(timeout=10)
        print(process.stdout.read())  # shown by pytest when the test failed


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (never downloads a browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def java():
    """Path of the java executable (the Nu HTML Checker needs it)."""
    path = shutil.which("java")
    if path is None:
        skip_or_fail(
            "Java fehlt (für den Nu HTML Checker): sudo apt-get install default-jre-headless"
        )
    return path


@pytest.fixture
def new_page(browser):
    """Factory: new_page(**context_options) opens a page in a fresh browser context.

    Defaults: 1280 × 800 viewport, light colour scheme (independent of the host).
    All contexts are closed when the test ends.
    """
    contexts = []

    def make(**options):
        options = {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light", **options}
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: every tool the tests need must be installed."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and session.exitstatus == 0:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; CI must run every test.", red=True
        )
        session.exitstatus = 1
