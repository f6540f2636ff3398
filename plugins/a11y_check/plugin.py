"""Pelican glue: check every page as it is written, report once at the end."""

import dataclasses
import logging
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from sitekit.constants import CONTENT_CLASS
from sitekit.findings import HINT, Finding, as_unpublished, ledger
from sitekit.german import count, number, place
from sitekit.layouts import is_public, listing_template

from . import contrast, report
from . import settings as options
from .cache import PageCache, page_key, rules_key
from .rules import (
    ERROR,
    RULES,
    Hit,
    Page,
    check_page,
    check_prose,
    prepare_hyphenation,
    text_of,
)

logger = logging.getLogger(__name__)

HTML_PARSER = etree.HTMLParser()  # plain lxml elements: five times cheaper than lxml.html's
RUN = "a11y_check_run"  # settings key (lower case: not a user setting) of this build's state
IMAGE_REFERENCE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b", re.IGNORECASE)
SUPPRESSION = re.compile(
    r"^\s*(?P<rule>[\w-]+)\s*(?:—|–|-|:)?\s*(?:Grund:\s*(?P<reason>.*\S))?\s*$"
)


@dataclass
class A11yFinding:
    rule: str
    severity: str
    source: str  # "content/pages/x.md" or "theme/templates/page.html"
    line: int | None
    page: str  # output file, e.g. "kontakt/index.html"
    snippet: str
    message: str
    fix: str

    public: bool = True  # False for a page production does not publish (draft, hidden)

    def as_finding(self):
        """The ledger's Finding: the rule and its WCAG criterion, the page and what was
        found as a note. A hint stays a hint; nothing on an unpublished page stops the build."""
        rule = RULES.get(self.rule)
        wcag = f" (WCAG {rule.wcag})" if rule else ""
        page = f", Seite /{self.page.removesuffix('index.html')}" if self.page else ""
        finding = Finding(
            self.source,
            self.line or None,
            self.message,
            self.fix,
            ERROR if self.severity == ERROR else HINT,
            self.rule,
            notes=(f"Barrierefreiheit, Regel {self.rule}{wcag}{page}: {self.snippet}",),
        )
        return finding if self.public else as_unpublished(finding)


# contrast.schemes() names the colour schemes; the phrase for a message about each.
SCHEME_NAMES = {
    "hell": "in der hellen Darstellung",
    "dunkel": "in der dunklen Darstellung",
    "beide": "in der hellen und der dunklen Darstellung",
}

CHUNK = 50  # pages per task for the worker processes (a small last one to wait for)


class Run:
    """The pages of one build. A page checked before with the same bytes, source and
    rules takes its result from the cache. When at least CHUNK pages need checking,
    they are checked in two worker processes while Pelican is still writing (its
    writing uses one core), else all at the end."""

    def __init__(self, values, parallel=None):
        self.values = values
        self.parallel = parallel  # None: decide when there turns out to be enough work
        self.pages = []
        self.findings = []
        self.cache = PageCache(values["A11Y_CHECK_CACHE_DIR"])
        self.rules = rules_key(values)
        self.results_of = {}  # page index -> (finding dicts, title)
        self.todo = []  # (page index, key) of pages to check
        self.pool = None
        self.futures = []  # one per chunk, in order of self.todo
        self.handed_over = 0  # pages of self.todo given to the pool so far

    def page_written(self, info):
        index = len(self.pages)
        self.pages.append(info)
        key = page_key(self.rules, info, Path(info.path).read_bytes())
        cached = self.cache.get(key)
        if cached is not None:
            self.results_of[index] = cached
            return
        if not self.todo:  # the first page to check: load the dictionary before forking
            prepare_hyphenation(self.values["A11Y_CHECK_CACHE_DIR"])
        self.todo.append((index, key))
        if self.pool is None and len(self.todo) >= CHUNK and self._may_fork():
            self.pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
        if self.pool is not None and len(self.todo) - self.handed_over >= CHUNK:
            self._hand_over()

    def results(self):
        """(findings, title) of every page, in the order they were written."""
        try:
            if self.pool is None:
                checked = [check_file(self.pages[index], self.values) for index, _key in self.todo]
            else:
                self._hand_over()
                checked = [result for future in self.futures for result in future.result()]
        finally:
            if self.pool is not None:
                self.pool.shutdown()
                self.pool = None
        for (index, key), (findings, title) in zip(self.todo, checked, strict=True):
            self.results_of[index] = [[dataclasses.asdict(f) for f in findings], title]
            self.cache.put(key, *self.results_of[index])
        self.cache.save()
        return [
            ([A11yFinding(**f) for f in findings], title)
            for findings, title in (self.results_of[index] for index in range(len(self.pages)))
        ]

    def _hand_over(self):
        chunk, self.handed_over = self.todo[self.handed_over :], len(self.todo)
        if chunk:
            pages = [self.pages[index] for index, _key in chunk]
            self.futures.append(self.pool.submit(_check_chunk, pages, self.values))

    def _may_fork(self):
        if self.parallel is not None:
            return self.parallel
        # Forking copies other threads' half-held locks: not under `make serve`.
        return len(os.sched_getaffinity(0)) >= 2 and threading.active_count() == 1


@dataclass(frozen=True)
class PageInfo:
    """What a check needs to know about one written page (plain data: goes to workers)."""

    path: str
    output_file: str
    content_root: str
    source_path: str | None  # the Markdown file, None for lists and overviews
    template: str | None
    ignore: str  # the page's A11y-Ignore metadata
    public: bool = True  # production publishes it (lists and overviews always)


def configure(pelican):
    """Receiver of `initialized`: validate settings, start a fresh run."""
    pelican.settings[RUN] = Run(options.read(pelican.settings))


def check_written(path, context):
    """Receiver of `content_written`: note the page; it is checked with all others at the end."""
    run = context.get(RUN)
    if run is None or not str(path).endswith(".html"):
        return
    content = context.get("article") or context.get("page")
    output_file = context.get("output_file", Path(path).name)
    run.page_written(
        PageInfo(
            str(path),
            output_file,
            str(context.get("PATH", "content")),
            content.source_path if content is not None else None,
            content.template if content is not None else listing_template(output_file, context),
            str(content.metadata.get("a11y-ignore", "")) if content is not None else "",
            content is None or is_public(content),
        )
    )


def check_file(info, values):
    """Parse one page once and run every rule on it. Returns (findings, page title)."""
    root = etree.fromstring(Path(info.path).read_bytes(), HTML_PARSER)
    page = Page(root)
    region = next(
        iter(root.xpath(f"//*[contains(concat(' ', @class, ' '), ' {CONTENT_CLASS} ')]")), None
    )
    hits = list(check_page(page))
    if region is not None:
        hits += check_prose(
            region, values["A11Y_CHECK_MAX_SENTENCE_WORDS"], values["A11Y_CHECK_MIN_READABILITY"]
        )
        if info.source_path is not None:
            hits += _markdown_empty_alt(region, info.source_path)
    ignored, findings = _suppressions(info)
    findings += [_finding(hit, region, info) for hit in hits if hit.rule not in ignored]
    title = text_of(page.tags("title")[0]) if page.tags("title") else ""
    return findings, title


def _check_chunk(chunk, values):
    return [check_file(info, values) for info in chunk]


def _duplicate_titles(pages, titles):
    seen, findings = {}, []
    for info, title in zip(pages, titles, strict=True):
        if not title or info.output_file == "404.html":
            continue
        if title in seen:
            hit = Hit("title-duplicate", None, {"title": title, "other": f"/{seen[title]}"})
            findings.append(_finding(hit, None, info))
        seen.setdefault(title, info.output_file)
    return findings


def _image_references(source_path):
    """(line, text) of each image in a Markdown file, in order: ![…](…) or raw <img."""
    try:
        text = Path(source_path).read_text(encoding="utf-8")
    except OSError:
        return []
    return [(text.count("\n", 0, m.start()) + 1, m[0]) for m in IMAGE_REFERENCE.finditer(text)]


def _markdown_empty_alt(region, source_path):
    """In Markdown, ![](bild.jpg) usually means a forgotten description, not a decorative
    image: that is marked explicitly, ![](bild.jpg){: .dekorativ} (or raw <img alt="">)."""
    if not any(img.get("alt") == "" for img in region.iter("img")):
        return
    references = _image_references(source_path)
    for img, (_line, written) in zip(region.iter("img"), references, strict=False):
        if (
            img.get("alt") == ""
            and "dekorativ" not in (img.get("class") or "").split()
            and re.match(r"!\[\s*\]", written)
        ):
            name = written.split("(", 1)[1].rstrip(")").rsplit("/", 1)[-1]
            yield Hit("img-alt-empty", img, {"name": name})


def _suppressions(info):
    """The rule the author silenced for this page (A11y-Ignore: rule — Grund: …); no reason: error."""
    entry = info.ignore.strip()
    if not entry:
        return set(), []
    match = SUPPRESSION.match(entry)
    if match and match["reason"] and match["rule"] in RULES:
        return {match["rule"]}, []
    return set(), [
        A11yFinding(
            "a11y-ignore",
            ERROR,
            _shown(info.source_path, info.content_root),
            None,
            info.output_file,
            f"A11y-Ignore: {entry}",
            f"„A11y-Ignore: {entry}“ schaltet eine Prüfung ohne Begründung oder mit "
            "unbekannter Regel ab.",
            "So schreiben: „A11y-Ignore: link-text — Grund: …“ mit einer Regel aus der Meldung.",
            info.public,
        )
    ]


def _finding(hit, region, info):
    rule = RULES[hit.rule]
    element = hit.element
    in_text = _inside(element, region)
    if in_text and info.source_path is not None:
        source = _shown(info.source_path, info.content_root)
        line = None if element is region else _line_in_source(info.source_path, element, region)
    elif info.template is not None:
        source, line = f"theme/templates/{info.template}.html", None
    else:
        source, line = "theme/templates", None
    snippet = "" if element is None else _snippet(element)
    values = hit.values
    if hit.related is not None and _inside(hit.related, region) and info.source_path is not None:
        # The other element is in the same text: its file and line, not only "im Text".
        other_line = _line_in_source(info.source_path, hit.related, region)
        shown = _shown(info.source_path, info.content_root)
        values = {**values, "where": f"in {place(shown, other_line)}"}
    return A11yFinding(
        hit.rule,
        rule.severity,
        source,
        line,
        info.output_file,
        snippet,
        rule.message.format(**values),
        rule.fix.format(**hit.values),
        info.public,
    )


def _inside(element, region):
    """True if element is the author's text (region) or in it."""
    return (
        region is not None
        and element is not None
        and (element is region or any(parent is region for parent in element.iterancestors()))
    )


def _snippet(element):
    """The element's opening tag and the start of its text, as a short pointer."""
    attributes = "".join(f' {name}="{value}"' for name, value in element.attrib.items())
    text = " ".join((element.text or "").split())
    html = f"<{element.tag}{attributes}>{text}"
    return html if len(html) <= 80 else html[:77] + "…"


def _line_in_source(source_path, element, region):
    """The Markdown line that produced an element: images by their order in the text
    (image_optimizer renames the files), everything else by link target or text."""
    if element.tag == "img":
        images = list(region.iter("img"))
        references = _image_references(source_path)
        position = next((i for i, img in enumerate(images) if img is element), None)
        if position is not None and position < len(references):
            return references[position][0]
    try:
        text = Path(source_path).read_text(encoding="utf-8")
    except OSError:
        return None
    if element.tag == "a":  # a Markdown link by its [text]: the nth link of that text
        name = text_of(element)
        same = [link for link in region.iter("a") if text_of(link) == name]
        nth = next((i for i, link in enumerate(same) if link is element), 0)
        written = [m.start() for m in re.finditer(re.escape(f"[{name}]"), text)]
        if name and nth < len(written):
            return text.count("\n", 0, written[nth]) + 1
    needles = [
        element.get("src", "").rsplit("/", 1)[-1],
        element.get("alt"),
        text_of(element),
        (element.get("href") or "").rsplit("/", 1)[-1],
    ]
    for needle in needles:
        if needle and len(needle) > 2 and needle in text:
            return text.count("\n", 0, text.index(needle)) + 1
    return None


def _shown(source_path, content_root):
    content_root = Path(content_root)
    try:
        return f"{content_root.name}/{Path(source_path).relative_to(content_root).as_posix()}"
    except ValueError:
        return str(source_path)


def finish(pelican):
    """Receiver of `finalized`: theme colours, the reviewers' report, the findings into
    the build's ledger (build_report prints them and decides whether the build stops)."""
    run = pelican.settings.get(RUN)
    if run is None:
        return
    results = run.results()
    run.findings = [f for findings, _title in results for f in findings]
    run.findings += _duplicate_titles(run.pages, [title for _findings, title in results])
    run.findings += contrast_findings(Path(pelican.settings["THEME"]) / "static")
    report.write(run.findings, Path(run.values["A11Y_CHECK_REPORT_DIR"]))
    ledger(pelican.settings).add([f.as_finding() for f in run.findings])
    if run.findings:
        errors = sum(f.severity == ERROR for f in run.findings)
        logger.info(
            "Barrierefreiheit: %s, %s. Bericht: %s/index.html",
            count(errors, "Fehler", "Fehler"),
            count(len(run.findings) - errors, "Hinweis", "Hinweise"),
            run.values["A11Y_CHECK_REPORT_DIR"],
        )


def contrast_findings(theme_css):
    """An error for every colour pair of every stylesheet below the theme's static folder
    whose contrast is too low (contrast.py says which pairs), at the colour's line."""
    found = []
    for css_file in sorted(theme_css.rglob("*.css")):
        weak = contrast.weak_pairs(css_file.read_text("utf-8"))
        for scheme, fore, back, value, minimum, line in weak:
            kind = "Text" if minimum > 3 else "Rahmen und Bedienelemente"
            found.append(
                A11yFinding(
                    "contrast",
                    ERROR,
                    f"theme/static/{css_file.relative_to(theme_css).as_posix()}",
                    line,
                    "",
                    f"{fore} auf {back}",
                    f"Zu wenig Kontrast {SCHEME_NAMES[scheme]}: {fore} auf {back} hat "
                    f"{number(value, 2)}:1; nötig sind für {kind} {number(minimum, 1)}:1.",
                    f"Den Farbwert in dieser Zeile dunkler bzw. heller wählen (oder {back}), "
                    "bis das Verhältnis reicht; die Paare stehen oben in site.css.",
                )
            )
    return found
