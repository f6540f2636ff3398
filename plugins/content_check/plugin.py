"""Pelican glue: find the sources, run the checks, report or stop the build."""

import dataclasses
import glob
import logging
from pathlib import Path

from sitekit.slugs import slugifier
from sitekit.findings import ERROR, WARNING, BuildError, Finding, sort_key

from . import checks, settings as options
from .source import NotUtf8, decode, parse

logger = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = (".md", ".markdown")


def _collect(content, settings):
    """(path relative to content/, kind) for every Markdown source Pelican will read."""
    folders = [(p, "article") for p in settings["ARTICLE_PATHS"]]
    folders += [(p, "page") for p in settings["PAGE_PATHS"]]
    for folder, kind in folders:
        for path in sorted((content / folder).rglob("*")):
            if path.suffix in MARKDOWN_SUFFIXES and not path.name.startswith("."):
                yield path.relative_to(content).as_posix(), kind


def check_sources(pelican):
    """Receiver of `initialized`: check every source before Pelican reads any."""
    settings = pelican.settings
    strict = options.read(settings)["CONTENT_CHECK_STRICT"]
    content = Path(settings["PATH"])
    shown = content.name  # messages say "content/pages/x.md", as the author sees it

    facts_rel = settings.get("ASSOCIATION_FACTS_FILE", "verein.toml")
    facts_path = f"{shown}/{facts_rel}"
    findings, facts = [], {}
    if (content / facts_rel).is_file():
        facts_text = (content / facts_rel).read_text(encoding="utf-8")
        facts, found = checks.check_facts_file(facts_path, facts_text)
        findings += found + checks.check_placeholders(facts_path, facts_text, strict, comment="#")

    sources, unusable = [], set()
    for rel, kind in _collect(content, settings):
        path = f"{shown}/{rel}"
        try:
            text = decode((content / rel).read_bytes())
        except NotUtf8 as error:
            findings.append(Finding(
                path, error.line, "Die Datei ist nicht als UTF-8 gespeichert; Umlaute würden "
                "falsch erscheinen.", "Die Datei im Editor mit der Zeichenkodierung „UTF-8“ "
                "speichern (z. B. „Speichern unter…“ → Kodierung: UTF-8).", ERROR, "encoding"))
            unusable.add(rel)
            continue
        source = parse(path, rel, kind, text)
        found, usable = checks.check_metadata(source)
        findings += found
        if usable:
            sources.append(source)
        else:
            unusable.add(rel)
        findings += checks.check_placeholders(path, text, strict)
        findings += checks.check_fact_references(source, facts, facts_path)
        findings += checks.check_links(source, lambda target: (content / target).is_file())

    duplicates = checks.check_duplicate_urls(sources, slugifier(settings))
    findings += duplicates
    unusable |= {Path(f.path).relative_to(shown).as_posix() for f in duplicates}
    findings.sort(key=sort_key)

    report = _report(findings, unusable, shown, strict)
    if strict and any(f.severity == ERROR for f in findings):
        errors = sum(f.severity == ERROR for f in findings)
        raise BuildError(report, f"Der Bau wurde abgebrochen: {errors} Fehler im Inhalt. Es wurde "
                                 "nichts veröffentlicht und nichts nach output/ geschrieben.")
    for text in report:
        logger.warning(text)
    if unusable:
        # Pelican matches IGNORE_FILES against file names.
        settings["IGNORE_FILES"] = [*settings["IGNORE_FILES"],
                                    *(glob.escape(Path(rel).name) for rel in sorted(unusable))]



def _report(findings, unusable, shown, strict):
    """The texts to show: each finding on its own, open placeholders as one list.

    While previewing everything is a warning; a file that cannot be built says so.
    """
    texts = []
    for finding in findings:
        if finding.rule == "placeholder":
            continue
        if not strict:
            skipped = Path(finding.path).relative_to(shown).as_posix() in unusable
            finding = dataclasses.replace(finding, severity=WARNING, message=finding.message + (
                " Die Datei wird übersprungen, bis das behoben ist." if skipped else ""))
        texts.append(finding.render())
    placeholders = [f for f in findings if f.rule == "placeholder"]
    if placeholders:
        texts.append(checks.render_placeholders(placeholders))
    return texts
