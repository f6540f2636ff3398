"""The preview tells everything: problems in the browser, pages that follow their address.

Unit tests on the preview's data and pages; then the real `invoke serve` in a copy of the
project, fetched over HTTP and watched in Chromium.
"""

import html
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from sitekit.findings import ERROR, HINT, Finding, Ledger
from sitetools.preview import pages
from sitetools.preview.state import Snapshot, next_snapshot

BROKEN = Finding(
    "content/neuigkeiten/fest.md",
    2,
    "„Date: 27.11.2026“ ist kein gültiges Datum.",
    "Die Zeile ersetzen durch:",
    ERROR,
    "date-invalid",
    "Date: 2026-11-27",
)
HINTED = Finding("content/pages/kontakt.md", 5, "Ein langer Satz.", "Kürzen.", HINT, "long")


def ledger(addresses, built, findings=()):
    record = Ledger()
    record.addresses.update(addresses)
    record.built.update(built)
    record.add(list(findings))
    return record


def test_a_page_that_moved_is_found_at_its_old_address():
    draft = ledger({"content/pages/x.md": "entwurf/seite/x/"}, {"content/pages/x.md"})
    published = ledger({"content/pages/x.md": "x/"}, {"content/pages/x.md"})
    snapshot = next_snapshot(next_snapshot(Snapshot(), draft), published)
    assert snapshot.number == 2
    assert snapshot.moved_to("entwurf/seite/x/") == "x/"
    assert snapshot.moved_to("x/") is None  # it is there
    assert snapshot.moved_to("y/") is None


def test_a_page_that_could_not_be_built_is_known_at_its_address():
    record = ledger(
        {"content/neuigkeiten/fest.md": "sommerfest/", "content/pages/kontakt.md": "kontakt/"},
        {"content/pages/kontakt.md"},
        [BROKEN, HINTED],
    )
    snapshot = next_snapshot(Snapshot(), record)
    assert snapshot.unbuilt_at("sommerfest/") == "content/neuigkeiten/fest.md"
    assert snapshot.unbuilt_at("kontakt/") is None
    assert snapshot.findings_of("content/neuigkeiten/fest.md") == [BROKEN]
    assert next_snapshot(snapshot, None).findings == snapshot.findings  # a broken build


def test_a_broken_build_is_named_and_a_page_whose_title_broke_shows_its_problems():
    built = ledger({"content/pages/x.md": "x/"}, {"content/pages/x.md"})
    no_title = Finding("content/pages/x.md", 1, "Title fehlt.", "…", ERROR, "metadata-missing")
    broken = ledger({}, set(), [no_title])  # no title: no address this time
    snapshot = next_snapshot(next_snapshot(Snapshot(), built), broken)
    assert snapshot.unbuilt_at("x/") == "content/pages/x.md"  # its last address
    failed = next_snapshot(snapshot, None)
    assert failed.failed and failed.number == 3
    assert "Der letzte Bau ist fehlgeschlagen" in pages.banner(failed, None)


def test_a_tab_from_before_a_restart_reloads_with_the_new_server():
    from sitetools.preview import Builds

    builds = Builds()
    builds.finished(ledger({}, set()))
    assert builds.wait_other_than(57, timeout=0) == 1  # no waiting: 1 is not what it shows


def test_problem_page_banner_and_overview_say_it_in_german():
    snapshot = next_snapshot(
        Snapshot(),
        ledger(
            {"content/neuigkeiten/fest.md": "sommerfest/", "content/pages/kontakt.md": "kontakt/"},
            {"content/pages/kontakt.md"},
            [BROKEN, HINTED],
        ),
    )
    problem = pages.problem_page("content/neuigkeiten/fest.md", [BROKEN], 1, "/site.css")
    assert "Diese Seite konnte nicht gebaut werden" in problem
    assert "Zeile 2" in problem and "„Date: 27.11.2026“ ist kein gültiges Datum." in problem
    assert "<pre><code>Date: 2026-11-27</code></pre>" in problem
    assert 'data-build="1"' in problem  # reloads itself after the next build
    banner = pages.banner(snapshot, "content/pages/kontakt.md")
    assert "1 Stelle verhindert die Veröffentlichung, 1 Hinweis; auf dieser Seite: 1" in banner
    overview = pages.overview_page(snapshot, "/site.css")
    assert overview.index("content/neuigkeiten/fest.md") < overview.index(
        "content/pages/kontakt.md"
    )
    assert 'href="/sommerfest/">Problemseite ansehen' in overview
    assert 'href="/kontakt/">Seite ansehen' in overview
    assert pages.banner(next_snapshot(Snapshot(), ledger({}, set())), None) == ""


def fetch(url):
    """(status, final URL, text) of a GET, following redirects."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.url, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode("utf-8")


def wait_for(page_or_check, timeout=30):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = page_or_check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail("the preview did not show it in time")


def test_the_overview_lists_every_open_finding_and_each_page_has_a_banner(preview):
    project, base, _ = preview
    status, _, overview = fetch(f"{base}/__vorschau/probleme/")
    assert status == 200
    assert "Vorschau: offene Probleme" in overview
    assert "content/verein.toml" in overview and "Platzhalter" in overview
    status, _, home = fetch(f"{base}/")
    assert 'class="bl-preview-banner"' in home and "/__vorschau/probleme/" in home
    # Nothing of the preview is in output/.
    written = "".join(p.read_text(errors="ignore") for p in (project / "output").rglob("*.html"))
    assert "__vorschau" not in written and "bl-preview" not in written


def invoke(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.browser
def test_a_broken_page_shows_its_problem_in_the_open_tab_until_it_is_fixed(preview, browser):
    project, base, _ = preview
    call = project / "content/aufrufe/die-it-gruppe-sucht-verstaerkung.md"
    date = re.search(r"^Date: (.+)$", call.read_text(encoding="utf-8"), re.M)[1]
    page = browser.new_page()
    page.goto(f"{base}/die-it-gruppe-sucht-verstaerkung/")
    page.get_by_role("heading", level=1, name="Die IT-Gruppe sucht Verstärkung").wait_for()

    edit(call, f"Date: {date}", "Date: 31.02.2026")
    page.get_by_role("heading", name="Diese Seite konnte nicht gebaut werden").wait_for(
        timeout=30000
    )
    assert page.url == f"{base}/die-it-gruppe-sucht-verstaerkung/"
    text = page.locator("main").inner_text()
    assert "content/aufrufe/die-it-gruppe-sucht-verstaerkung.md" in text
    assert "Zeile 2" in text and "„Date: 31.02.2026“ ist kein gültiges Datum." in text
    assert "Date: 2026-02-31" in text  # the line to paste

    edit(call, "Date: 31.02.2026", f"Date: {date}")
    page.get_by_role("heading", level=1, name="Die IT-Gruppe sucht Verstärkung").wait_for(
        timeout=30000
    )
    page.close()


@pytest.mark.browser
def test_an_open_draft_follows_its_page_when_it_is_published(preview, browser):
    project, base, _ = preview
    news = project / "content/neuigkeiten/flohmarkt.md"
    news.parent.mkdir(exist_ok=True)
    news.write_text(
        "Title: Flohmarkt im Hof\nDate: 2026-11-30\nLayout: news\nStatus: draft\n\nAm Samstag.\n",
        encoding="utf-8",
    )
    wait_for(lambda: fetch(f"{base}/entwurf/flohmarkt-im-hof/")[0] == 200)  # built
    page = browser.new_page()
    page.goto(f"{base}/entwurf/flohmarkt-im-hof/")
    page.get_by_text("Am Samstag.").wait_for()

    edit(news, "Status: draft\n", "")
    page.wait_for_url(f"{base}/flohmarkt-im-hof/", timeout=30000)
    page.get_by_text("Am Samstag.").wait_for()

    edit(news, "Title: Flohmarkt im Hof", "Title: Großer Flohmarkt")
    page.wait_for_url(f"{base}/grosser-flohmarkt/", timeout=30000)
    page.close()


INTERVIEW = """\
Title: Interview mit Aylin über das Nähcafé
Date: 2026-11-30
Layout: interview
Interviewee: Aylin
Summary: Aylin erzählt vom Nähcafé.

## Was ist das Nähcafé?

Wir nähen jeden Dienstag zusammen.

![Aylin an der Nähmaschine](../images/aylin.jpg)

## Wie kann man mitmachen?

Alles steht auf der [Seite zum Mitmachen](../pages/naehcafe.md). Fragen beantworten wir [hier](/kontakt/).
"""


def reported(text, label):
    """The findings in printed output: (where, message) of each line starting with label."""
    return {
        tuple(line.removeprefix(f"{label} in ").split(": ", 1))
        for line in text.splitlines()
        if line.startswith(f"{label} in ")
    }


def test_preview_and_publishing_name_the_same_three_problems_in_one_pass(tmp_path):
    """A fresh clone, the association's facts filled in, and one new interview with three
    mistakes: a photo without credit, a link to a page that does not exist, "hier"."""
    from conftest import free_port, wait_until_served
    from images import jpeg_bytes, photo
    from support import copy_project, fill_placeholders

    project = copy_project(tmp_path)
    fill_placeholders(project / "content")
    (project / "content/interviews/aylin.md").write_text(INTERVIEW, encoding="utf-8")
    (project / "content/images/aylin.jpg").write_bytes(jpeg_bytes(photo(1200, 900)))

    preview = invoke(project, "build")
    assert preview.returncode == 0, preview.stderr
    published = invoke(project, "publish-build")
    assert published.returncode == 1
    warnings = reported(preview.stdout + preview.stderr, "WARNUNG")
    errors = reported(published.stdout + published.stderr, "FEHLER")
    assert [where for where, _ in sorted(warnings)] == [
        "content/interviews/aylin.md, Zeile 11",  # the photo's credit
        "content/interviews/aylin.md, Zeile 15",  # the link to nowhere
        "content/interviews/aylin.md, Zeile 15",  # "hier"
    ]
    assert errors == warnings  # the same three, in the same words, and no others
    assert "Der Bau wurde abgebrochen: 3 Fehler." in published.stderr
    assert "Platzhalter" not in preview.stdout + preview.stderr
    # How to look at the result, as the last line of make build.
    assert (
        preview.stdout.rstrip()
        .splitlines()[-1]
        .startswith("Ansehen: „make serve“ ausführen und http://127.0.0.1:8000/ im Browser öffnen")
    )

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_served(f"http://127.0.0.1:{port}/kontakt/", process)
        _, _, overview = fetch(f"http://127.0.0.1:{port}/__vorschau/probleme/")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert "3 Stellen verhindern die Veröffentlichung" in overview
    for _where, message in warnings:
        assert html.escape(message.split(" Meinten")[0]) in overview
