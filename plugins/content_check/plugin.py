"""Pelican glue: find the sources, run the checks, put the findings in the build's ledger
and tell the generators which files to skip."""

import dataclasses
from pathlib import Path

from sitekit.constants import PREVIEW_PREFIX
from sitekit.facts import DEFAULT_FILE, LOADED, read_facts, require
from sitekit.findings import ERROR, HINT, Finding, as_unpublished, ledger
from sitekit.layouts import LAYOUTS, PUBLIC, visibility
from sitekit.links import MARKDOWN_SUFFIXES, text_folder_files
from sitekit.placeholders import placeholder_findings
from sitekit.settings import value as setting
from sitekit.slugs import slug
from sitekit.today import today as site_today

from . import checks
from . import settings as options
from .cache import SourceCache, code_key
from .source import NotUtf8, decode, parse

# Settings key (lower case: not a user setting) for the files the generators must skip.
SKIPPED = "content_check_skipped"


def _outside_text_folders(content, settings):
    """Paths (relative to content/) of texts Pelican would never read: Markdown files, and
    .txt files that start like one, anywhere but in the text folders."""
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content)
        if (
            path.suffix.lower() not in (*MARKDOWN_SUFFIXES, ".txt")
            or not path.is_file()
            or any(part.startswith(".") for part in rel.parts)
            or any(rel.is_relative_to(folder) for folder in folders)
        ):
            continue
        if path.suffix.lower() != ".txt" or checks.looks_like_a_text(path.read_bytes()):
            yield rel.as_posix()


def check_sources(pelican):
    """Receiver of `initialized`: check every source before Pelican reads any.

    The findings go to the build's ledger (build_report prints them at the end); files
    that cannot be built are left out, in the preview and in production alike.
    """
    settings = pelican.settings
    config = options.read(settings)
    content = Path(settings["PATH"])
    shown = content.name  # messages say "content/pages/x.md", as the author sees it

    # verein.toml as the association plugin read it; read here only without that plugin.
    loaded = settings.get(LOADED) or read_facts(content / DEFAULT_FILE, f"{shown}/{DEFAULT_FILE}")
    facts, facts_path = loaded.facts, loaded.shown
    findings = list(loaded.findings)
    if facts is not None:
        lines = enumerate(loaded.text.splitlines(), 1)  # TOML: no code blocks, every line counts
        findings += placeholder_findings(facts_path, lines, comment="#")

    for rel in _outside_text_folders(content, settings):
        findings.append(checks.misplaced(f"{shown}/{rel}", (content / rel).read_bytes()))
    sources, unusable = [], set()
    facts_key = code_key(f"{facts is None}\0{loaded.text or ''}", facts_path)
    cache = SourceCache(config["CONTENT_CHECK_CACHE_DIR"], facts_key)
    for rel, kind, markdown in text_folder_files(content, settings):
        path = f"{shown}/{rel}"
        if not markdown:
            if not rel.lower().endswith(checks.IMAGE_SUFFIXES):
                findings.append(
                    Finding(
                        path,
                        None,
                        "Diese Datei ist kein Markdown-Text und wird nicht veröffentlicht.",
                        "Texte enden auf „.md“: die Datei umbenennen (z. B. „fest.md.txt“ → „fest.md“). "
                        "Bilder gehören nach content/images/.",
                        HINT,
                        "not-markdown",
                    )
                )
            continue
        data = (content / rel).read_bytes()
        key = cache.key(path, rel, kind, data)
        checked = cache.get(key)
        if checked is not None:
            source, found, usable = checked
            findings += found
            sources.append(source)
            if not usable:
                unusable.add(rel)
            continue
        try:
            text = decode(data)
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
        source, found, usable = _check_alone(path, rel, kind, text, facts, facts_path)
        cache.put(key, (source, found, usable))
        findings += found
        sources.append(source)
        if not usable:
            unusable.add(rel)
    cache.save()

    reserved = _reserved_addresses(settings)
    slugify = slug
    address_problems, addresses = checks.check_addresses(
        [s for s in sources if s.rel not in unusable], slugify, reserved
    )
    findings += address_problems
    unusable |= {Path(f.path).relative_to(shown).as_posix() for f in address_problems}
    # What production publishes decides, in the preview too: a link to a draft or a hidden
    # page works in the preview but not online, so the preview warns about it.
    today = site_today(settings)
    unpublished = {
        s.rel
        for s in sources
        if visibility(s.value("layout"), s.value("status"), s.value("ends"), today) != PUBLIC
    }
    published = {s.rel for s in sources if s.rel not in unusable | unpublished}
    all_sources = {s.rel for s in sources} | (unusable - {s.rel for s in sources})
    if facts is not None:
        findings += _layout_facts([s for s in sources if s.rel in published], loaded)
    for source in sources:
        findings += checks.check_links(
            source, all_sources, published, lambda target: (content / target).is_file()
        )
    lists = setting(settings, "ASSOCIATION_MENU_LISTS") or ()
    pages = [s for s in sources if s.kind == "page" and s.rel not in unusable]
    site_addresses = set(addresses) | set(reserved) | {"index.html"}
    findings += checks.check_menus(pages, published, lists, site_addresses)
    # What is not published cannot break the site: a draft's open [[placeholder]] must
    # not stop everyone else's changes from going online.
    unpublished_paths = {f"{shown}/{rel}" for rel in unpublished}
    unusable_paths = {f"{shown}/{rel}" for rel in unusable}
    findings = [
        _skipped(f) if f.path in unusable_paths and f.severity == ERROR else f for f in findings
    ]
    findings = [as_unpublished(f) if f.path in unpublished_paths else f for f in findings]

    record = ledger(settings)
    record.add(findings)
    for source in sources:  # where the preview shows a page, or its problems
        address = checks.address_of(source, slugify, settings)
        if address is not None:
            record.addresses[source.path] = address
    # Files that cannot be built are left out; skip_unusable() tells the generators.
    settings[SKIPPED] = unusable


def _check_alone(path, rel, kind, text, facts, facts_path):
    """(parsed source, its findings, can it be built?) of one text on its own."""
    source = parse(path, rel, kind, text)
    source.links  # noqa: B018  (worked out now, so content_check's cache keeps it)
    found, usable = checks.check_metadata(source)
    event_found, event_usable = checks.check_event(source, facts, facts_path)
    found += event_found + checks.check_headings(source)
    found += checks.check_placeholders(path, text, body_from=source.body_from)
    if facts is not None:
        found += checks.check_fact_references(source, facts, facts_path)
    return source, found, usable and event_usable


def _layout_facts(sources, loaded):
    """Findings for facts of verein.toml that the layouts of published pages show
    (Layout.facts) but the file lacks, naming the pages that need them."""
    needed, pages = {}, []
    for source in sources:
        layout = LAYOUTS.get(source.value("layout").lower())
        if layout and layout.facts:
            needed.update(dict.fromkeys(layout.facts))
            pages.append(source.path)
    if not needed:
        return []
    by = ("Seite " if len(pages) == 1 else "Seiten ") + ", ".join(pages)
    return require(loaded.facts, loaded.text or "", loaded.shown, list(needed), by)


def _skipped(finding):
    """A problem that keeps its file from being built says so."""
    return dataclasses.replace(finding, message=finding.message + SKIPPED_NOTE)


SKIPPED_NOTE = " Die Datei wird übersprungen, bis das behoben ist."


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
    reserved[PREVIEW_PREFIX.lstrip("/")] = "für die Vorschau"
    return {address: name for address, name in reserved.items() if address}


def skip_unusable(generator):
    """Receiver of `generator_init`: the generator does not read files content_check skipped."""
    skipped = generator.settings.get(SKIPPED)
    if skipped:
        find_files = generator.get_files
        generator.get_files = lambda *args, **kwargs: find_files(*args, **kwargs) - skipped
