"""Pelican glue: note where each page came from, check the output folder at the end."""

import logging
import os
import time
from pathlib import Path

from sitekit.constants import IMAGE_SUFFIXES
from sitekit.findings import ledger
from sitekit.layouts import is_public, listing_template
from sitekit.links import mistyped_web_address
from sitekit.settings import value as setting

from . import settings as options
from .cache import PageCache
from .check import find_broken, headings, read_page, site_path, text_links
from .report import (
    PageSource,
    Site,
    describe,
    line_written,
    locate,
    source_finding,
    template_finding,
)

logger = logging.getLogger(__name__)

RUN = "link_check_run"  # settings key (lower case: not a user setting) of this build's state


class Run:
    def __init__(self, cache_dir):
        self.cache_dir = cache_dir
        self.site = Site()
        self.sources = {}  # output file -> (Markdown file, its path below content/, template, public)


def start(pelican):
    """Receiver of `initialized`: validate the settings, start a fresh run."""
    pelican.settings[RUN] = Run(options.read(pelican.settings)["LINK_CHECK_CACHE_DIR"])


def note_sources(generators):
    """Receiver of `all_generators_finalized`: the address of every text and file, for
    reading the links written in Markdown as the page has them."""
    run = generators[0].settings.get(RUN)
    if run is None:
        return
    context = generators[0].context
    run.site.site_url = generators[0].settings.get("SITEURL", "")
    for kind in ("generated_content", "static_content"):
        for content in context.get(kind, {}).values():
            if content is not None and getattr(content, "relative_source_path", None):
                run.site.url_of[Path(content.relative_source_path).as_posix()] = content.url


def note_page(path, context):
    """Receiver of `content_written`: which source and template made this page."""
    run = context.get(RUN)
    if run is None or not str(path).endswith(".html"):
        return
    output_file = Path(context.get("output_file", Path(path).name)).as_posix()
    content = context.get("article") or context.get("page")
    if content is None or not getattr(content, "source_path", None):
        run.sources[output_file] = (None, None, listing_template(output_file, context), True)
        return
    rel = Path(content.relative_source_path).as_posix()
    run.sources[output_file] = (content.source_path, rel, content.template, is_public(content))


def check_output(pelican):
    """Receiver of `finalized`: read every written page once, report the broken links."""
    run = pelican.settings.get(RUN)
    if run is None:
        return
    started = time.monotonic()
    output = Path(pelican.output_path)
    cache = PageCache(run.cache_dir)
    pages, brokens = scan(output, run.site.site_url, cache.read)
    cache.save()
    # A menu list that leads nowhere is content_check's (at its line in pelicanconf.py).
    lists = setting(pelican.settings, "ASSOCIATION_MENU_LISTS") or ()
    listed = {site_path("/" + entry[1], "index.html") for entry in lists}
    brokens = [b for b in brokens if b.missing != "file" or (b.target, b.fragment) not in listed]
    findings = report(brokens, run, pages, output, pelican.settings)
    ledger(pelican.settings).add(findings)
    logger.debug(
        "link_check: %d Seiten, %d Links, %.2f s",
        len(pages),
        sum(len(p.links) for p in pages.values()),
        time.monotonic() - started,
    )


def scan(output, site_url="", read=read_page):
    """(PageLinks of every page, the broken links) of an output folder: every file listed,
    every page read once (read: read_page, or a PageCache's read). bench/run.py times this
    on the large corpus."""
    files = set()
    for folder, _dirs, names in os.walk(output):
        base = Path(folder).relative_to(output).as_posix()
        files.update(name if base == "." else f"{base}/{name}" for name in names)
    pages = {f: read((output / f).read_bytes()) for f in files if f.endswith(".html")}
    return pages, find_broken(pages, files, site_url)


def report(brokens, run, pages, output, settings):
    """The findings: at the Markdown line where a text wrote the link, else one per
    template and link."""
    addresses = ["/" + page.removesuffix("index.html") for page in pages]
    by_page = {}
    for broken in brokens:
        by_page.setdefault(broken.page, []).append(broken)
    findings, seen, from_templates = [], set(), {}
    # Pages of a text first: a list page repeating a text's summary is the same problem.
    ordered = sorted(by_page, key=lambda page: run.sources.get(page, (None,))[0] is None)
    for page in ordered:
        source = _page_source(run.sources.get(page), settings)
        html = (output / page).read_bytes()
        in_text = text_links(html) if source.rel else set()
        for broken, spot in zip(
            by_page[page], locate(by_page[page], source, run.site), strict=True
        ):
            key = (broken.target, broken.fragment, broken.missing)
            if broken.missing == "file" and spot is not None and spot[2]:
                continue  # a link to a Markdown file: content_check names what is missing
            if spot is not None and mistyped_web_address(spot[1]):
                continue  # "http//…", "www.…": content_check names the address meant
            if broken.missing == "file" and _images_own(broken, source, spot, in_text):
                continue  # an image of a text: image_optimizer names it at its line
            text = describe(
                broken,
                spot[1] if spot else broken.href,
                addresses,
                _headings(output, broken) if broken.missing == "anchor" else (),
            )
            line = spot[0] if spot else line_written(source, broken.href, run.site.site_url)
            if source.rel and (line is not None or broken.href in in_text):
                findings.append(source_finding(broken, source, line, text))
                seen.add(key)
            elif key not in seen:
                group = from_templates.setdefault(key, [broken, [], set(), text])
                group[1].append(page)
                group[2].add(source.template)
    for broken, group_pages, templates, text in from_templates.values():
        findings.append(template_finding(broken, templates, sorted(group_pages), text))
    return findings


def _images_own(broken, source, spot, in_text):
    """An image a text shows (in its Markdown or its `Image:`) is image_optimizer's: it
    reports a missing, broken or foreign one at its line, and leaves it as written."""
    return (
        source.rel is not None
        and broken.target.lower().endswith(tuple(IMAGE_SUFFIXES))
        and (spot is not None or broken.href in in_text or broken.href in source.text)
    )


def _headings(output, broken):
    return headings((output / broken.target).read_bytes())


def _page_source(noted, settings):
    if noted is None:
        return PageSource()
    source_file, rel, template, public = noted
    if source_file is None:
        return PageSource(template=template)
    shown = f"{Path(settings['PATH']).name}/{rel}"
    text = Path(source_file).read_text(encoding="utf-8")
    return PageSource(shown, rel, text, 1, template, public)
