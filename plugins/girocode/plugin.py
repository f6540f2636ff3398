"""Pelican glue: check [spenden] of verein.toml, hand the templates GIROCODE, write the SVG."""

from pathlib import Path

from pelican.contents import Page

from sitekit.facts import LOADED, line_of
from sitekit.findings import ERROR, Finding, ledger
from sitekit.settings import value

from .donation import FOLDER, LABELS, REQUIRED, SECTION, assess, text

# Settings keys: GIROCODE for the templates (a Donation); lower case: this build's state.
GIROCODE = "GIROCODE"
WANTED = "girocode_wanted"  # True when a page with `Layout: donate` is written


def configure(pelican):
    """Receiver of `initialized` (after association, which read verein.toml): the bank
    details checked, their problems at their line of verein.toml, GIROCODE for templates."""
    settings = pelican.settings
    loaded = settings.get(LOADED)
    section = _section(loaded)
    folder = value(settings, "IMAGE_OPTIMIZER_OUTPUT_DIR") or FOLDER  # beside the photos
    found = assess(section, loaded.shown if loaded else "content/verein.toml", folder)
    settings[GIROCODE] = found
    if loaded and loaded.text:
        ledger(settings).add(
            Finding(
                loaded.shown,
                line_of(loaded.text, SECTION, issue.key),
                issue.problem.message,
                issue.problem.fix,
                issue.severity,
                f"{issue.key}-invalid",
            )
            for issue in found.issues
        )


def note_pages(generators):
    """Receiver of `all_generators_finalized`: is a Spenden page written? Then its code is
    written too, and a missing piece of [spenden] is reported."""
    settings = generators[0].settings
    wanted = any(
        isinstance(content, Page)
        and content.save_as
        and str(content.metadata.get("layout", "")).lower() == "donate"
        for content in generators[0].context["generated_content"].values()
    )
    settings[WANTED] = wanted
    loaded = settings.get(LOADED)
    if wanted and loaded and loaded.facts is not None:
        ledger(settings).add(_missing(loaded))


def write_code(pelican):
    """Receiver of `finalized`: the GiroCode's SVG file next to the pages."""
    found = pelican.settings.get(GIROCODE)
    if pelican.settings.get(WANTED) and found and found.code:
        path = Path(pelican.output_path) / found.code
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(found.svg)


def _section(loaded):
    facts = (loaded.facts if loaded else None) or {}
    section = facts.get(SECTION)
    return section if isinstance(section, dict) else {}


def _missing(loaded):
    """A finding for the keys a transfer needs that [spenden] lacks or leaves empty."""
    section = _section(loaded)
    absent = [key for key in REQUIRED if not text(section, key)]
    if not absent:
        return []
    lines = [f'{key} = "[[{LABELS[key]}]]"' for key in absent]
    names = ", ".join(f"„{SECTION}.{key}“" for key in absent)
    if SECTION not in (loaded.facts or {}):
        message = f"Der Abschnitt „[{SECTION}]“ fehlt; die Seite „Spenden“ braucht daraus {names}."
        fix, lines = f"In {loaded.shown} am Ende einfügen und ausfüllen:", [f"[{SECTION}]", *lines]
    else:
        message = f"In „[{SECTION}]“ fehlt oder ist leer: {names}; die Seite „Spenden“ braucht das."
        fix = f"In {loaded.shown} im Abschnitt „[{SECTION}]“ einfügen und ausfüllen:"
    return [Finding(loaded.shown, None, message, fix, ERROR, "facts-missing", "\n".join(lines))]
