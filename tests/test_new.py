"""`make new KIND=… TITLE="…"`: a ready-to-fill file, never an overwrite."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from support import build, copy_project

from sitekit.slugs import slug
from sitetools.newcontent import NewContentError, new_content_file

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 28)
SLUG = slug  # what `make new` uses


@pytest.mark.parametrize(
    "kind, folder, layout",
    [
        ("interview", "interviews", "interview"),
        ("call", "aufrufe", "call"),
        ("news", "neuigkeiten", "news"),
        ("event", "termine", "event"),
        ("page", "pages", "page"),
    ],
)
def test_new_file_has_metadata_slug_and_date(tmp_path, kind, folder, layout):
    path = new_content_file(tmp_path, kind, "Die IT-Gruppe sucht Verstärkung", TODAY, SLUG)
    assert path == tmp_path / folder / "die-it-gruppe-sucht-verstaerkung.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Title: Die IT-Gruppe sucht Verstärkung\n")
    assert f"\nLayout: {layout}\n" in text
    assert ("\nDate: 2026-11-28\n" in text) == (kind != "page")


def test_new_refuses_to_overwrite(tmp_path):
    path = new_content_file(tmp_path, "news", "Sommerfest", TODAY, SLUG)
    path.write_text("Mein Text", encoding="utf-8")
    with pytest.raises(NewContentError) as error:
        new_content_file(tmp_path, "news", "Sommerfest", TODAY, SLUG)
    assert str(error.value) == (
        f"FEHLER: {tmp_path.name}/neuigkeiten/sommerfest.md gibt es schon; nichts wurde "
        "überschrieben.\n"
        "    So beheben: einen anderen Titel wählen oder die vorhandene Datei bearbeiten."
    )
    assert path.read_text(encoding="utf-8") == "Mein Text"


def test_new_explains_a_wrong_kind_and_a_missing_title(tmp_path):
    with pytest.raises(
        NewContentError,
        match="Unbekannte Art „blog“. Möglich sind: interview, call, news, event, page.",
    ):
        new_content_file(tmp_path, "blog", "Sommerfest", TODAY, SLUG)
    with pytest.raises(NewContentError, match="Der Titel fehlt."):
        new_content_file(tmp_path, "news", "  ", TODAY, SLUG)
    with pytest.raises(
        NewContentError,
        match="Aus dem Titel „東京“ lässt sich kein Dateiname bilden .er enthält keine Buchstaben "
        "oder Ziffern, die in einem Dateinamen stehen können.",
    ):
        new_content_file(tmp_path, "news", "東京", TODAY, SLUG)
    with pytest.raises(
        NewContentError,
        match="Welche Art von Text. KIND angeben, eines von: interview, call, news, event, page.",
    ):
        new_content_file(tmp_path, "", "Sommerfest", TODAY, SLUG)
    assert not list(tmp_path.rglob("*.md"))


@pytest.fixture
def project_copy(tmp_path):
    return copy_project(tmp_path)


def invoke(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_publish_build_refuses_placeholders_in_german_without_traceback(project_copy):
    result = invoke(project_copy, "publish-build")
    assert result.returncode == 1
    assert "FEHLER: 32 Platzhalter [[…]] sind noch nicht ausgefüllt." in result.stderr
    assert "content/verein.toml, Zeile 12: [[Straße und Hausnummer des Vereins]]" in result.stderr
    assert result.stderr.rstrip().endswith(
        "Der Bau wurde abgebrochen: 32 Fehler. Es wurde nichts veröffentlicht und "
        "nichts nach output/ geschrieben."
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project_copy / "output").exists()


def test_make_new_names_file_and_address_in_ascii(project_copy):
    title = "Interview mit Aylin über das Nähcafé"
    result = invoke(project_copy, "new", "--kind", "interview", "--title", title)
    assert result.returncode == 0, result.stderr
    assert (
        "Neue Datei angelegt: content/interviews/interview-mit-aylin-ueber-das-naehcafe.md"
        in result.stdout
    )
    assert "nur in der Vorschau: /entwurf/interview-mit-aylin-ueber-das-naehcafe/" in result.stdout
    assert (project_copy / "content/interviews/interview-mit-aylin-ueber-das-naehcafe.md").is_file()


def test_make_new_writes_a_file_that_builds(project_copy):
    result = invoke(
        project_copy, "new", "--kind", "call", "--title", "Wir suchen Kuchenbäcker*innen"
    )
    assert result.returncode == 0, result.stderr
    path = project_copy / "content/aufrufe/wir-suchen-kuchenbaeckerinnen.md"
    assert "Neue Datei angelegt: content/aufrufe/wir-suchen-kuchenbaeckerinnen.md" in result.stdout
    assert f"Date: {datetime.date.today().isoformat()}" in path.read_text(encoding="utf-8")
    # A new file is a draft until its author deletes that line (as with `hugo new`).
    assert "Status: draft\n" in path.read_text(encoding="utf-8")
    assert "nur in der Vorschau: /entwurf/wir-suchen-kuchenbaeckerinnen/" in result.stdout
    assert "die Zeile „Status: draft“ löschen" in result.stdout
    # The new file still has [[placeholders]]; previewing works and shows the page.
    output = build(project_copy / "content")
    assert (output / "entwurf/wir-suchen-kuchenbaeckerinnen/index.html").is_file()

    again = invoke(
        project_copy, "new", "--kind", "call", "--title", "Wir suchen Kuchenbäcker*innen"
    )
    assert again.returncode == 1
    assert "gibt es schon; nichts wurde überschrieben." in again.stderr
    assert "Traceback" not in again.stderr


def test_make_new_event_invents_no_date_and_builds_as_a_draft(project_copy):
    result = invoke(project_copy, "new", "--kind", "event", "--title", "Sommerfest 2027")
    assert result.returncode == 0, result.stderr
    text = (project_copy / "content/termine/sommerfest-2027.md").read_text(encoding="utf-8")
    assert "\nStart: [[" in text and "\nStatus: draft\n" in text
    output = build(project_copy / "content")
    page = (output / "entwurf/sommerfest-2027/index.html").read_text(encoding="utf-8")
    assert "Der Termin wird noch bekannt gegeben." in page


def test_make_new_page_says_how_it_gets_into_the_menu(project_copy):
    result = invoke(project_copy, "new", "--kind", "page", "--title", "Unsere Gruppen")
    assert result.returncode == 0, result.stderr
    assert "Soll die Seite ins Menü? Oben eine Zeile „Menu: 7“ einfügen" in result.stdout
