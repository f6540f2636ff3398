"""Helpers for tests: tiny fixture sites built with the real config, theme and plugins."""

import shutil
import textwrap
from pathlib import Path

import tasks

ROOT = Path(__file__).resolve().parent.parent

# Facts file for fixture sites: complete, no placeholders.
FACTS = """\
name = "Testverein e.V."
sitz = "Göttingen"
beschreibung = "Ein Verein zum Testen."
[anschrift]
strasse = "Teststraße 1"
plz = "37073"
ort = "Göttingen"
[kontakt]
email = "info@example.org"
telefon = "0551 000000"
[it_gruppe]
email = "it@example.org"
"""

PAGE = """\
Title: Kontakt
Layout: contact
Summary: So erreichen Sie uns.

Schreiben Sie uns.
"""


def make_site(root, files, facts=FACTS):
    """Write content/ below root: {"pages/x.md": text, …} plus verein.toml and a contact page."""
    content = Path(root) / "content"
    for rel, text in {"verein.toml": facts, "pages/kontakt.md": PAGE, **files}.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def build(content, strict=False, **overrides):
    """Build a fixture site into content/../output with the project's settings; return output."""
    output = content.parent / "output"
    settings = tasks.PUBLISH_SETTINGS if strict else tasks.DEV_SETTINGS
    overrides.setdefault("IMAGE_OPTIMIZER_CACHE_DIR", str(content.parent / "cache"))
    overrides.setdefault("A11Y_CHECK_REPORT_DIR", str(content.parent / "a11y-report"))
    tasks.build_site(settings, PATH=str(content), OUTPUT_PATH=str(output), **overrides)
    return output


def copy_project(target):
    """The project's files in a temporary folder, so tests never touch the real content/."""
    for name in ("content", "theme", "plugins"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, target / name)
    return target
