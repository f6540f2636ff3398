"""Pelican glue: find the sources, run the checks, report or stop the build."""

import dataclasses
import datetime
import logging
from pathlib import Path

from sitekit.facts import DEFAULT_FILE, LOADED, read_facts
from sitekit.findings import ERROR, WARNING, BuildError, Finding, sort_key
from sitekit.layouts import DRAFT, HIDDEN, visibility
from sitekit.settings import value as setting
from sitekit.slugs import slugifier

from . import checks
from . import settings as options
from .source import NotUtf8, decode, parse

logger = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Settings key (lower case: not a user setting) for the files the generators must skip.
SKIPPED = "content_check_skipped"


def _collect(content, settings):
    """(path relative to content/, kind) for every file in the text folders.

    kind is "article" or "page" for Markdown sources, None for anything else.
    """
    folders = [(p, "article") for p in settings["ARTICLE_PATHS"]]
    folders += [(p, "page") for p in settings["PAGE_PATHS"]]
    for folder, kind in folders:
        for path in sorted((content / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                markdown = path.suffix in MARKDOWN_SUFFIXES
                yield path.relative_to(content).as_posix(), kind if markdown else None


def check_sources(pelican):
    """Receiver of `initialized`: check every source before Pelican reads any."""
    settings = pelican.settings
    strict = options.read(settings)["CONTENT_CHECK_STRICT"]
    content = Path(settings["PATH"])
    shown = content.name  # messages say "content/pages/x.md", as the author sees it

    # verein.toml as the association plugin read it; read here only without that plugin.
    loaded = settings.get(LOADED) or read_facts(content / DEFAULT_FILE, f"{shown}/{DEFAULT_FILE}")
    facts, facts_path = loaded.facts, loaded.shown
    findings = list(loaded.findings)
    if facts is not None:
        findings += checks.check_placeholders(facts_path, loaded.text, strict, comment="#")

    sources, unusable = [], set()
    for rel, kind in _collect(content, settings):
        path = f"{shown}/{rel}"
        if kind is None:
            if not rel.lower().endswith(checks.IMAGE_SUFFIXES):
                findings.append(
                    Finding(
                        path,
                        None,
                        "Diese Datei ist kein Markdown-Text und wird nicht veröffentlicht.",
                        "Texte enden auf „.md“: die Datei umbenennen (z. B. „fest.md.txt“ → „fest.md“). "
                        "Bilder gehören nach content/images/.",
                        WARNING,
                        "not-markdown",
                    )
                )
            continue
        try:
            text = decode((content / rel).read_bytes())
        except NotUtf8 as error:
            findings.append(
                Finding(
                    path,
                    error.line,
                    "Die Datei ist nicht als UTF-8 gespeichert; Umlaute würden falsch erscheinen.",
                    "Die Datei im Editor mit der Zeichenkodierung „UTF-8“ "
                    "speichern (z. B. „Speichern unter…“ → Kodierung: UTF-8).",
                    ERROR,
                    "encoding",
                )
            )
            unusable.add(rel)
            continue
        source = parse(path, rel, kind, text)
        found, usable = checks.check_metadata(source)
        findings += found + checks.check_headings(source)
        findings += checks.check_placeholders(path, text, strict, body_from=source.body_from)
        if facts is not None:
            findings += checks.check_fact_references(source, facts, facts_path)
        sources.append(source)
        if not usable:
            unusable.add(rel)

    reserved = _reserved_addresses(settings)
    address_problems, addresses = checks.check_addresses(
        [s for s in sources if s.rel not in unusable], slugifier(settings), reserved
    )
    findings += address_problems
    unusable |= {Path(f.path).relative_to(shown).as_posix() for f in address_problems}
    # Drafts are never published; hidden pages not in production (plugin `unpublished`).
    keep_out = setting(settings, "UNPUBLISHED_KEEP_OUT")
    today = datetime.date.today()
    kept_out = {DRAFT, HIDDEN} if keep_out else {DRAFT}
    unpublished = {
        s.rel
        for s in sources
        if visibility(s.value("layout"), s.value("status"), s.value("ends"), today) in kept_out
    }
    published = {s.rel for s in sources if s.rel not in unusable | unpublished}
    for source in sources:
        findings += checks.check_links(
            source,
            published.__contains__,
            lambda target: (content / target).is_file(),
            set(addresses) | set(reserved),
        )
    menu = [
        (setting, label, target)
        for setting in ("NAVIGATION", "FOOTER_LINKS")
        for label, target in settings.get(setting, ())
    ]
    public = {
        address
        for address, path in addresses.items()
        if Path(path).relative_to(shown).as_posix() in published
    }
    findings += checks.check_menu_links(menu, public, reserved)
    # What is not published cannot break the site: a draft's open [[placeholder]] must
    # not stop everyone else's changes from going online.
    if strict:
        unpublished_paths = {f"{shown}/{rel}" for rel in unpublished}
        findings = [_as_warning(f) if f.path in unpublished_paths else f for f in findings]
    findings.sort(key=sort_key)

    report = _report(findings, unusable, shown, strict)
    if strict and any(f.severity == ERROR for f in findings):
        errors = sum(f.severity == ERROR for f in findings)
        raise BuildError(
            report,
            f"Der Bau wurde abgebrochen: {errors} Fehler im Inhalt. Es wurde "
            "nichts veröffentlicht und nichts nach output/ geschrieben.",
        )
    for text in report:
        logger.warning(text)
    # Files that cannot be built are left out; skip_unusable() tells the generators.
    settings[SKIPPED] = unusable


def _as_warning(finding):
    """A problem in a file that is not published: reported, but it does not stop the build."""
    note = (
        checks.UNPUBLISHED_MARK
        if finding.rule == "placeholder"
        else " Die Datei ist ein Entwurf oder verborgen und wird nicht veröffentlicht; "
        "das hält den Bau nicht auf."
    )
    return dataclasses.replace(finding, severity=WARNING, message=finding.message + note)


def _reserved_addresses(settings):
    """Address prefixes of the lists and files the site makes itself -> what they are."""

    def prefix(save_as):
        return save_as.split("{")[0].removesuffix("index.html")

    reserved = {
        prefix(settings[key]): name
        for key, name in (
            ("INDEX_SAVE_AS", "für die Liste aller Beiträge"),
            ("ARCHIVES_SAVE_AS", "für das Archiv"),
            ("CATEGORY_SAVE_AS", "für die Themenseiten"),
            ("TAG_SAVE_AS", "für die Schlagwortseiten"),
            ("DRAFT_SAVE_AS", "für Entwürfe"),
            ("DRAFT_PAGE_SAVE_AS", "für Entwürfe"),
        )
        if settings.get(key)
    }
    reserved[settings["THEME_STATIC_DIR"] + "/"] = "für die Gestaltung der Website"
    if images := setting(settings, "IMAGE_OPTIMIZER_OUTPUT_DIR"):
        reserved[images + "/"] = "für die Bilder"
    reserved["feeds/"] = "für die Feeds"
    return {address: name for address, name in reserved.items() if address}


def skip_unusable(generator):
    """Receiver of `generator_init`: the generator does not read files content_check skipped."""
    skipped = generator.settings.get(SKIPPED)
    if skipped:
        find_files = generator.get_files
        generator.get_files = lambda *args, **kwargs: find_files(*args, **kwargs) - skipped


def _report(findings, unusable, shown, strict):
    """The texts to show: each finding on its own, open placeholders as one list.

    While previewing everything is a warning; a file that cannot be built says so.
    """
    texts = []
    for finding in findings:
        if finding.rule == "placeholder":
            continue
        if not strict:
            skipped = finding.path.removeprefix(f"{shown}/") in unusable
            finding = dataclasses.replace(
                finding,
                severity=WARNING,
                message=finding.message
                + (" Die Datei wird übersprungen, bis das behoben ist." if skipped else ""),
            )
        texts.append(finding.render())
    placeholders = [f for f in findings if f.rule == "placeholder"]
    if placeholders:
        texts.append(checks.render_placeholders(placeholders))
    return texts
