"""`make publish-build`: only what is public, built completely or not at all, with a manifest."""

import hashlib
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import sys

import pytest
from images import jpeg_bytes
from support import build, make_site, sharing_problems, soup

from sitekit.findings import BuildError
from sitetools.manifest import MANIFEST_NAME, ManifestError, verify_manifest, write_manifest
from sitetools.staging import frozen_copy
from unpublished.files import linked_paths

PDF = b"%PDF-1.4\n% test\n"

SITE = {
    "neuigkeiten/entwurf.md": """\
        Title: Geheimer Plan
        Date: 2026-03-06
        Layout: news
        Status: draft

        Pst. Der [Plan]({static}/images/geheimer-plan.pdf) und das [Protokoll]({static}/images/protokoll.pdf).
        Dazu [Bericht]({filename}/images/bericht.pdf), [Liste](../images/liste.pdf) und
        [Gäste](/images/gaeste.pdf).
        Treffen um [[Uhrzeit]], siehe [Intern]({filename}/pages/intern.md).
        """,
    "neuigkeiten/fest.md": """\
        Title: Sommerfest
        Date: 2026-03-05
        Layout: news

        Hier das [Protokoll]({static}/images/protokoll.pdf) und der
        [Jahresbericht]({static}/images/jahresbericht.pdf).
        """,
    "aufrufe/vorbei.md": """\
        Title: Kassenprüfung gesucht
        Date: 2020-01-01
        Layout: call
        Skills: Zahlen
        Contact: kasse@example.org
        Ends: 2020-02-01

        Das ist lange her. [Aufgaben]({static}/images/aufgaben.pdf)
        """,
    "pages/intern.md": "Title: Intern\nLayout: page\nStatus: hidden\n\nNur für uns.\n\n"
    "![Das Team beim Grillen]({static}/images/grillen.jpg)\n",
    "images/grillen.jpg": jpeg_bytes(),
    "pages/404.md": "Title: Nicht gefunden\nLayout: error\nSave_as: 404.html\n\nGibt es nicht.\n",
    "pages/fehler-neu.md": "Title: Neue Fehlerseite\nLayout: error\nStatus: draft\n\nBald.\n",
    "images/geheimer-plan.pdf": PDF,
    "images/protokoll.pdf": PDF,
    "images/aufgaben.pdf": PDF,
    **{f"images/{name}.pdf": PDF for name in ("bericht", "jahresbericht", "liste", "gaeste")},
}


PREVIEW_LOG = []


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    content = make_site(tmp_path_factory.mktemp("publish"), SITE)
    handler = logging.Handler()
    handler.emit = lambda record: PREVIEW_LOG.append(record.getMessage())
    logging.getLogger("unpublished").addHandler(handler)
    logging.getLogger("unpublished").setLevel(logging.INFO)
    try:
        preview = build(content)
    finally:
        logging.getLogger("unpublished").removeHandler(handler)
    preview_copy = preview.with_name("preview")
    preview.rename(preview_copy)
    return {
        "preview": preview_copy,
        "production": build(content, strict=True, SITEURL="https://verein.example"),
    }


def test_production_leaves_out_drafts_hidden_pages_and_their_files(sites):
    site = sites["production"]
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    for gone in ("entwurf", "geheimer-plan", "kassenpruefung-gesucht", "intern", "fehlerseite"):
        assert not any(gone in name for name in files), gone
    assert "images/geheimer-plan.pdf" not in files  # only the draft links it
    assert "images/aufgaben.pdf" not in files  # only the ended call links it
    # Linked by the draft with {filename}, a relative and a root-relative path; the published
    # news links "jahresbericht.pdf", whose name contains "bericht.pdf".
    assert not {"images/bericht.pdf", "images/liste.pdf", "images/gaeste.pdf"} & files
    assert {"images/protokoll.pdf", "images/jahresbericht.pdf"} <= files  # published news
    # The hidden page's photo is not processed (so it needs no credit) and not published.
    photos = [n for n in files if n.startswith("bilder/") and not n.endswith(".png")]
    assert not photos and not any(n.startswith("images/grillen") for n in files)  # (.png: cards)
    assert "404.html" in files and "Gibt es nicht." in (site / "404.html").read_text()
    assert all(
        "Geheimer Plan" not in (site / n).read_text(encoding="utf-8")
        for n in files
        if n.endswith(".html")
    )


def test_production_refuses_links_to_hidden_pages(tmp_path):
    content = make_site(
        tmp_path,
        {
            **SITE,
            "neuigkeiten/fest.md": """\
        Title: Sommerfest
        Date: 2026-03-05
        Layout: news

        Siehe [Kassenprüfung]({filename}/aufrufe/vorbei.md) und [Intern]({filename}/pages/intern.md).
        """,
        },
    )
    build(content)  # the preview has both pages: no complaint
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    message = str(error.value)
    assert (
        "FEHLER in content/neuigkeiten/fest.md, Zeile 5: Der Link „{filename}/aufrufe/vorbei.md“"
        in message
        and "content/pages/intern.md wird nicht veröffentlicht" in message
    )


def test_an_unfinished_draft_does_not_stop_publishing(tmp_path, caplog):
    content = make_site(tmp_path, SITE)
    with caplog.at_level(logging.WARNING):
        build(content, strict=True)  # the draft has a [[placeholder]] and links a hidden page
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "HINWEIS: 1 Platzhalter [[…]] ist noch nicht ausgefüllt" in text
    assert "content/neuigkeiten/entwurf.md, Zeile 9: [[Uhrzeit]] (Entwurf/verborgen)" in text
    assert (
        "HINWEIS in content/neuigkeiten/entwurf.md, Zeile 9: Der Link „{filename}/pages/intern.md“"
    ) in text
    assert "wird nicht veröffentlicht; das hält den Bau nicht auf." in text


def test_placeholders_in_drafts_are_listed_apart_from_those_that_stop_publishing(tmp_path):
    content = make_site(
        tmp_path,
        {**SITE, "pages/offen.md": "Title: Offen\nLayout: page\n\nWir treffen uns [[wann]].\n"},
    )
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    text = str(error.value)
    assert (
        "FEHLER: 1 Platzhalter [[…]] ist noch nicht ausgefüllt. Vor der Veröffentlichung "
        "jeweils die echte Angabe an ihre Stelle schreiben (ohne die eckigen Klammern):\n"
        "    content/pages/offen.md, Zeile 4: [[wann]]\n"
        "HINWEIS: 1 Platzhalter [[…]] ist noch nicht ausgefüllt. Sie stehen in Entwürfen oder "
        "verborgenen Seiten und halten die Veröffentlichung nicht auf"
    ) in text
    assert text.rstrip().endswith(
        "Der Bau wurde abgebrochen: 1 Fehler. Es wurde "
        "nichts veröffentlicht und nichts nach output/ geschrieben."
    )


def test_preview_shows_drafts_and_hidden_pages_marked(sites):
    site = sites["preview"]
    draft = soup(site, "entwurf/geheimer-plan/index.html").main.get_text(" ", strip=True)
    assert "Entwurf: Diese Seite ist nur in der Vorschau zu sehen" in draft
    for rel in ("intern/index.html", "kassenpruefung-gesucht/index.html"):
        text = soup(site, rel).main.get_text(" ", strip=True)
        assert "Verborgen: Diese Seite steht in keiner Liste und wird nicht veröffentlicht" in text
    assert "Verborgen" not in soup(site, "404.html").main.get_text()
    # Nothing links to them, so the build says where they are.
    assert PREVIEW_LOG == [
        "Nur in der Vorschau (verborgen): /kassenpruefung-gesucht/ ← content/aufrufe/vorbei.md",
        "Nur in der Vorschau (Entwurf): /entwurf/geheimer-plan/ ← content/neuigkeiten/entwurf.md",
        "Nur in der Vorschau (Entwurf): /entwurf/seite/neue-fehlerseite/ ← "
        "content/pages/fehler-neu.md",
        "Nur in der Vorschau (verborgen): /intern/ ← content/pages/intern.md",
    ]
    assert (site / "images" / "geheimer-plan.pdf").exists()


def test_manifest_lists_every_file_and_notices_any_change(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>Hallo</p>")
    (tmp_path / ".htaccess").write_text("ErrorDocument 404 /404.html\n")
    write_manifest(tmp_path)
    data = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert data["files"]["a/index.html"] == {
        "size": 12,
        "sha256": hashlib.sha256(b"<p>Hallo</p>").hexdigest(),
    }
    assert set(data["files"]) == {"a/index.html", ".htaccess"}
    assert set(verify_manifest(tmp_path)) == {"a/index.html", ".htaccess"}

    (tmp_path / "a" / "index.html").write_text("<p>Hallo!</p>")
    (tmp_path / "neu.html").write_text("x")
    with pytest.raises(ManifestError) as error:
        verify_manifest(tmp_path)
    assert "geändert: a/index.html" in str(error.value)
    assert "nicht aus dem Bau: neu.html" in str(error.value)
    assert "make publish-build" in str(error.value)

    (tmp_path / MANIFEST_NAME).unlink()
    with pytest.raises(ManifestError, match="fehlt die Datei .build-manifest.json"):
        verify_manifest(tmp_path)


def invoke(project, *args, **kwargs):
    """Run a task of the project copy the way `make` does."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        text=True,
        capture_output=True,
        **kwargs,
    )


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def published(filled_project):
    """`invoke publish-build` in the project copy; returns the project folder."""
    result = invoke(
        filled_project, "publish-build", env={**os.environ, "SITEURL": "https://verein.example"}
    )
    assert result.returncode == 0, result.stderr
    assert "Fertig: " in result.stdout and "Verkleinert: HTML" in result.stderr
    return filled_project


def test_publish_build_writes_a_complete_site_with_manifest(published):
    output = published / "output"
    files = verify_manifest(output)
    assert {"index.html", "404.html", ".htaccess", "kontakt/index.html"} <= set(files)
    assert not list(published.glob(".output-im-bau-*")), "the staging folder was left behind"


def test_every_published_page_has_a_real_sharing_image(published):
    assert sharing_problems(published / "output", "https://verein.example") == []


def _break(project, name="kaputt.md"):
    page = project / "content" / "pages" / name
    # A link without text: found by a11y_check at the very end, after every page was written.
    page.write_text(
        'Title: Kaputt\nLayout: page\n\nHier <a href="/kontakt/"></a>.\n', encoding="utf-8"
    )
    return page


def test_failed_publish_build_leaves_the_previous_output_untouched(published):
    before = snapshot(published / "output")
    page = _break(published)
    try:
        result = invoke(published, "publish-build")
    finally:
        page.unlink()
    assert result.returncode != 0
    assert "FEHLER in content/pages/kaputt.md" in result.stderr
    assert snapshot(published / "output") == before
    assert not list(published.glob(".output-im-bau-*"))


# A publish-build that stops itself (SIGSTOP, its whole process group) right after
# Pelican has written its first file into the staging folder, and says so on fd.
STOPPING_BUILD = """
import os, signal, sys
from invoke import Context
from pelican import signals
import tasks

def stop(path, context):
    os.write(int(sys.argv[1]), b"!")
    os.killpg(0, signal.SIGSTOP)

signals.content_written.connect(stop)
tasks.publish_build(Context())
"""


def test_killed_publish_build_leaves_the_previous_output_untouched(published):
    before = snapshot(published / "output")
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", STOPPING_BUILD, str(write_end)],
        cwd=published,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        pass_fds=[write_end],
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 120)
        stopped = ready and os.read(read_end, 1)
    finally:
        os.close(read_end)
    if not stopped:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail("the build never wrote a page")
    assert any(published.glob(".output-im-bau-*/**/*.html")), "stopped in the middle of writing"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(published / "output") == before
    assert list(published.glob(".output-im-bau-*")), "nothing to clean up: was it killed?"

    result = invoke(published, "publish-build")  # the next build cleans up after the killed one
    assert result.returncode == 0, result.stderr
    # only the site it replaced is left beside output/, for the next build to delete
    assert [p.name for p in published.glob(".output-im-bau-*")] == [".output-im-bau-alt"]
    verify_manifest(published / "output")


def test_linked_paths_resolve_every_kind_of_link():
    html = (
        '<a href="{static}/images/a.pdf">a</a> <a href="{filename}/images/b.pdf">b</a>'
        '<a href="../images/c%20d.pdf#s">c</a> <img src="/images/e.png">'
        '<a href="{attach}f.pdf">f</a> <a href="https://x.example/g.pdf">g</a>'
        '<a href="mailto:a@b.de">m</a> <a href="#oben">o</a> <a href="../../h.pdf">h</a>'
    )
    assert linked_paths(html, "neuigkeiten", ["{static}/images/i.pdf"]) == {
        "images/a.pdf",
        "images/b.pdf",
        "images/c d.pdf",
        "images/e.png",
        "neuigkeiten/f.pdf",
        "images/i.pdf",
    }


def test_deploy_reads_a_frozen_copy_that_a_rebuild_cannot_change(tmp_path):
    output = tmp_path / "output"
    (output / "a").mkdir(parents=True)
    (output / "a" / "index.html").write_text("veröffentlicht")
    with frozen_copy(output) as frozen:
        shutil.rmtree(output)  # what `make build` does: delete, then write new files
        (output / "a").mkdir(parents=True)
        (output / "a" / "index.html").write_text("Vorschau")
        assert (frozen / "a" / "index.html").read_text() == "veröffentlicht"
    assert not frozen.exists()
