"""Pelican's content cache with our plugins: a cached build writes exactly what a build
without any cache writes, after every kind of edit a volunteer or developer makes."""

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from images import jpeg_bytes, photo
from support import ROOT, make_site

import tasks
from content_cache.plugin import fingerprint

INTERVIEW = """\
Title: Interview mit Aylin über den Nähtreff
Date: 2026-05-04
Layout: interview
Interviewee: Aylin
Tags: Nähen, Ehrenamt
Summary: Aylin erzählt von {{ verein.name }}.

Aylin näht jeden Dienstag im Verein {{ verein.name }}. Schreiben Sie ihr an
{{ verein.kontakt.email }}.

## Wie bist du zum Nähtreff gekommen?

![Aylin an der Nähmaschine](../images/aylin.jpg "Der Nähtreff am Dienstag")

Über eine Freundin. Mehr steht [hier]({filename}/pages/kontakt.md).
"""
CALL = """\
Title: Der Nähtreff sucht Verstärkung
Date: 2026-05-05
Layout: call
Skills: Nähen; Geduld
Contact: {{ verein.kontakt.email }}
Image: ../images/aylin.jpg
Image_alt: Aylin an der Nähmaschine
Summary: Wir suchen Menschen, die gern nähen.

Wir suchen Verstärkung für den Nähtreff.
"""
CREDITS = """\
["images/aylin.jpg"]
bildnachweis = "Jonas Beispiel"
einwilligung = "Aylin hat zugestimmt."
"""
FILES = {
    "interviews/aylin.md": INTERVIEW,
    "aufrufe/naehcafe.md": CALL,
    "images/aylin.jpg": jpeg_bytes(),
    "images/bildnachweise.toml": CREDITS,
}


class Site:
    """A fixture site and its theme, built cached (as make build and make serve do) and
    without any cache, both in this process (as make serve rebuilds)."""

    def __init__(self, root):
        self.root = root
        self.content = make_site(root, FILES)
        self.theme = root / "theme"
        shutil.copytree(ROOT / "theme", self.theme)

    def build(self, name, cached, settings=tasks.DEV_SETTINGS, **overrides):
        """Build into root/name; returns the output folder and the warnings shown."""
        output = self.root / name
        warnings = _Warnings()
        logging.getLogger().addHandler(warnings)
        try:
            self._build(output, name, cached, settings, **overrides)
        finally:
            logging.getLogger().removeHandler(warnings)
        return output, warnings.messages

    def _build(self, output, name, cached, settings, **overrides):
        tasks.build_site(
            settings,
            PATH=str(self.content),
            OUTPUT_PATH=str(output),
            THEME=str(self.theme),
            CACHE_CONTENT=cached,
            LOAD_CONTENT_CACHE=cached,
            CACHE_PATH=str(self.root / "pelican-cache"),
            IMAGE_OPTIMIZER_CACHE_DIR=str(self.root / f"images-{name}"),
            A11Y_CHECK_CACHE_DIR=str(self.root / f"a11y-{name}"),
            A11Y_CHECK_REPORT_DIR=str(self.root / f"report-{name}"),
            SEARCH_CACHE_DIR=str(self.root / f"search-{name}"),
            CONTENT_CHECK_CACHE_DIR=str(self.root / f"content-check-{name}"),
            NAVIGATION=[("Kontakt", "kontakt/"), ("Beiträge", "beitraege/")],
            FOOTER_LINKS=[("Kontakt", "kontakt/")],
            **overrides,
        )

    def same_as_without_cache(self, settings=tasks.DEV_SETTINGS, **overrides):
        """Build cached, then without any cache; assert both wrote the same bytes and
        showed the same warnings."""
        cached, cached_warnings = self.build("cached", True, settings, **overrides)
        fresh, fresh_warnings = self.build("fresh", False, settings, **overrides)
        assert files(cached) == files(fresh)
        assert cached_warnings == fresh_warnings
        return cached, cached_warnings

    def edit(self, rel, old, new):
        path = self.content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def page(output, address):
    return (output / address / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    site.build("cached", True)  # fills the cache
    return site


def test_a_warm_build_writes_what_a_build_without_cache_writes(site):
    """Also every message: here a11y_check's, for a page it takes from its own cache."""
    _output, warnings = site.same_as_without_cache()
    assert any("Der Linktext „hier“ sagt nicht" in text for text in warnings)
    assert list((site.root / "pelican-cache").glob("*/ArticlesGenerator-Readers"))


def test_edited_facts_reach_every_cached_text(site):
    site.edit("verein.toml", 'name = "Testverein e.V."', 'name = "Nähverein e.V."')
    output, _warnings = site.same_as_without_cache()
    text = page(output, "interview-mit-aylin-ueber-den-naehtreff")
    assert "im Verein Nähverein e.V." in text and "Testverein" not in text


def test_edited_credit_photo_markdown_and_theme(site):
    site.edit("images/bildnachweise.toml", "Jonas Beispiel", "Marta Muster")
    output, _warnings = site.same_as_without_cache()
    assert "Foto: Marta Muster" in page(output, "interview-mit-aylin-ueber-den-naehtreff")

    (site.content / "images/aylin.jpg").write_bytes(jpeg_bytes(photo(800, 600)))
    output, _warnings = site.same_as_without_cache()
    assert 'width="800"' in page(output, "interview-mit-aylin-ueber-den-naehtreff")

    site.edit("interviews/aylin.md", "Über eine Freundin.", "Über meine Nachbarin.")
    output, _warnings = site.same_as_without_cache()
    assert "Über meine Nachbarin." in page(output, "interview-mit-aylin-ueber-den-naehtreff")

    template = site.theme / "templates/interview.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("Im Gespräch mit", "Neu im Gespräch mit"),
        encoding="utf-8",
    )
    output, _warnings = site.same_as_without_cache()
    assert "Neu im Gespräch mit" in page(output, "interview-mit-aylin-ueber-den-naehtreff")


def test_changed_settings_start_a_new_cache(site):
    """Pelican caches tags together with the settings they were read with: a new
    TAG_URL must not come back from an old cache."""
    output, _warnings = site.same_as_without_cache(
        TAG_URL="stichwort/{slug}/", TAG_SAVE_AS="stichwort/{slug}/index.html"
    )
    assert 'href="/stichwort/naehen/"' in page(output, "interview-mit-aylin-ueber-den-naehtreff")
    first = set((site.root / "pelican-cache").iterdir())
    assert len(first) == 2  # the settings used last before (preview and production take turns)
    site.same_as_without_cache(TAG_URL="wort/{slug}/", TAG_SAVE_AS="wort/{slug}/index.html")
    folders = set((site.root / "pelican-cache").iterdir())
    assert len(folders) == 2 and len(folders & first) == 1  # the oldest settings' cache went


def test_the_cache_stays_from_build_to_build_also_with_a_new_text(site):
    """Only settings count, not what differs from build to build: the fresh folder each
    build writes into, a plugin's state (e.g. its list of files)."""
    before = sorted((site.root / "pelican-cache").iterdir())
    (site.content / "aufrufe/neu.md").write_text(
        "Title: Neu im Verein\nDate: 2026-05-06\nLayout: news\nSummary: Neu.\n\nWillkommen!\n",
        encoding="utf-8",
    )
    output, _warnings = site.same_as_without_cache()
    assert (output / "neu-im-verein/index.html").is_file()
    assert sorted((site.root / "pelican-cache").iterdir()) == before


def test_a_skipped_file_is_read_once_it_is_fixed(site):
    site.edit("interviews/aylin.md", "Date: 2026-05-04", "Date: 4. Mai 2026")
    output, warnings = site.same_as_without_cache()
    assert not (output / "interview-mit-aylin-ueber-den-naehtreff").exists()
    assert any("„Date: 4. Mai 2026“ ist kein gültiges Datum." in text for text in warnings)
    site.edit("interviews/aylin.md", "Date: 4. Mai 2026", "Date: 2026-05-04")
    site.same_as_without_cache()


def test_without_the_fingerprint_pelicans_cache_would_publish_old_facts(tmp_path):
    """Why the content_cache plugin exists: Pelican looks only at each file's own date.
    (In a process of its own: a plugin once registered stays connected to Pelican's
    signals for every later build in the same process.)"""
    site = Site(tmp_path)
    output = tmp_path / "without"
    folders = {
        "PATH": site.content,
        "OUTPUT_PATH": output,
        "CACHE_PATH": tmp_path / "pelican-cache",
        "IMAGE_OPTIMIZER_CACHE_DIR": tmp_path / "images",
        "A11Y_CHECK_REPORT_DIR": tmp_path / "report",
    }
    script = (
        "import json, sys, tasks\n"
        "from pelican.settings import read_settings\n"
        "plugins = read_settings(str(tasks.DEV_SETTINGS))['PLUGINS']\n"
        "tasks.build_site(tasks.DEV_SETTINGS, **json.loads(sys.argv[1]),\n"
        "    PLUGINS=[p for p in plugins if p != 'content_cache'])\n"
    )
    overrides = json.dumps({name: str(folder) for name, folder in folders.items()})
    build = [sys.executable, "-c", script, overrides]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    site.edit("verein.toml", 'name = "Testverein e.V."', 'name = "Nähverein e.V."')
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    assert "im Verein Testverein e.V." in page(output, "interview-mit-aylin-ueber-den-naehtreff")


def test_production_uses_a_cache_of_its_own_and_publishes_what_an_uncached_build_would(site):
    """publishconf.py keeps the cache on: a warm `make publish-build` writes the very bytes
    of one from nothing, and never reads what the preview cached."""
    from pelican.settings import read_settings

    assert read_settings(str(tasks.PUBLISH_SETTINGS))["CACHE_CONTENT"]
    site.edit("interviews/aylin.md", "Mehr steht [hier]", "Mehr steht [auf der Kontaktseite]")
    preview_folders = set((site.root / "pelican-cache").iterdir())
    production = {"settings": tasks.PUBLISH_SETTINGS, "SITEURL": "https://www.example.org"}
    site.build("cached", True, **production)  # fills production's cache
    # a folder of its own, beside the preview's, which stays for the next `make build`
    assert preview_folders < set((site.root / "pelican-cache").iterdir())
    output, _warnings = site.same_as_without_cache(**production)
    assert "https://www.example.org/" in page(output, "interview-mit-aylin-ueber-den-naehtreff")


# --- the fingerprint on small inputs ---------------------------------------------------


def heading_id(text, separator):
    return text.lower()


def test_fingerprint_is_the_same_for_the_same_settings_in_any_order():
    one = {"A": {1, 2, 3}, "B": {"x": 1, "y": [heading_id]}, "C": Path("/tmp")}
    two = {"C": Path("/tmp"), "B": {"y": [heading_id], "x": 1}, "A": {3, 2, 1}}
    assert fingerprint(one, "code", {}) == fingerprint(two, "code", {})


@pytest.mark.parametrize(
    "changed",
    [
        {"A": {1, 2}},
        {"B": {"x": 2, "y": [heading_id]}},
        {"B": {"x": 1, "y": [heading_id, heading_id]}},
    ],
)
def test_fingerprint_changes_with_any_value(changed):
    settings = {"A": {1, 2, 3}, "B": {"x": 1, "y": [heading_id]}}
    assert fingerprint({**settings, **changed}, "code", {}) != fingerprint(settings, "code", {})


def test_a_function_counts_by_its_code():
    first, second = (lambda text: text), (lambda text: text.lower())
    assert fingerprint({"F": first}, "", {}) != fingerprint({"F": second}, "", {})


def test_fingerprint_changes_with_code_and_versions():
    settings = {"A": 1}
    base = fingerprint(settings, "code", {"markdown": "3.7"})
    assert fingerprint(settings, "other code", {"markdown": "3.7"}) != base
    assert fingerprint(settings, "code", {"markdown": "3.8"}) != base


def test_objects_count_by_their_attributes_not_their_address():
    class Extension:
        def __init__(self, facts):
            self.facts = facts

    assert fingerprint({"X": Extension({"name": "A"})}, "", {}) == fingerprint(
        {"X": Extension({"name": "A"})}, "", {}
    )
    assert fingerprint({"X": Extension({"name": "A"})}, "", {}) != fingerprint(
        {"X": Extension({"name": "B"})}, "", {}
    )
