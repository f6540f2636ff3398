"""Every external http(s) link a volunteer wrote, with the file and line to fix it.

Read from the sources, not from the built HTML: a Markdown or TOML line is what a volunteer
can fix, and there the line is exact. Code examples (```…```, `…`) are left out, as for
every other rule on the text (sitekit.prose).
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitekit.links import markdown_sources, mistyped_web_address, written_links
from sitekit.prose import prose_lines

# An address up to whitespace, quotes, angle or square brackets and the backtick: the ends
# of a link in Markdown ](…), <…>, in HTML href="…" and in TOML "…".
URL = re.compile(r"https?://[^\s<>\"'`\[\]]+", re.IGNORECASE)
# Punctuation that ends a sentence or Markdown emphasis, not the address.
TRAILING = ".,;:!?*_~"


@dataclass(frozen=True)
class Link:
    url: str
    path: str  # as the volunteer sees it: "content/pages/kontakt.md"
    line: int


def urls_in(line):
    """The addresses in one line of text, as they would be clicked."""
    found = []
    for match in URL.finditer(line):
        url = match[0]
        while url and (url[-1] in TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))):
            url = url[:-1]  # "(siehe https://x.org)." but https://de.wikipedia.org/wiki/A_(B)
        if "://" in url and url.split("://", 1)[1]:
            found.append(url)
    return found


def markdown_links(path, text):
    """Links in a Markdown text (its metadata header included)."""
    return [Link(url, path, number) for number, line in prose_lines(text) for url in urls_in(line)]


def toml_links(path, text):
    """Links in the values of a TOML file; comment lines are left out."""
    return [
        Link(url, path, number)
        for number, line in enumerate(text.splitlines(), start=1)
        if not line.lstrip().startswith("#")
        for url in urls_in(line)
    ]


def unasked(content, settings):
    """How many links of the texts have no server to ask, by why: "mailto" and "tel"
    (an e-mail address, a phone number) and "typo" (a mistyped web address, which
    content_check names at its line in every build)."""
    counts = Counter()
    for rel, _kind in markdown_sources(content, settings):
        text = (Path(content) / rel).read_text(encoding="utf-8-sig", errors="replace")
        for _number, link in written_links(text):
            if mistyped_web_address(link):
                counts["typo"] += 1
            elif (scheme := urlsplit(link).scheme.lower()) in ("mailto", "tel"):
                counts[scheme] += 1
    return counts


def collect(root, content, settings):
    """Every external link in the texts Pelican reads (settings: Pelican's ARTICLE_PATHS,
    PAGE_PATHS) and in the TOML files of content/ (verein.toml, bildnachweise.toml), in
    file and line order. root: the folder paths are shown from."""
    content = Path(content)
    shown = content.relative_to(root).as_posix() if content.is_relative_to(root) else content

    def text(rel):
        return (content / rel).read_text(encoding="utf-8-sig", errors="replace")

    links = []
    for rel, _kind in markdown_sources(content, settings):
        links += markdown_links(f"{shown}/{rel}", text(rel))
    for toml in sorted(content.rglob("*.toml")):
        rel = toml.relative_to(content).as_posix()
        links += toml_links(f"{shown}/{rel}", text(rel))
    return links
