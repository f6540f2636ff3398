"""Tags of an HTML text with their exact place, from a real HTML tokenizer.

Python's html.parser, the tokenizer beautifulsoup4 itself uses for "html.parser",
reads the text as browsers do: quoted ">" in attributes, comments, <script> and
<style> contents and entities do not confuse it, as they did the regular expressions
this replaces. It is used rather than a tree (lxml, bs4) because our plugins splice new
markup into Pelican's HTML at a tag's place: every other byte stays as Pelican wrote
it, where serialising a tree would rewrite the whole page.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from lxml import etree

NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Tag:
    """One start tag: its name, where it stands (html[start:end] is the tag as written)
    and its attributes (entities decoded; None for an attribute without a value)."""

    name: str
    start: int
    end: int
    attrs: dict


class _Tokenizer(HTMLParser):
    def __init__(self, html, names, closing):
        super().__init__(convert_charrefs=True)
        self.names = names
        self.closing = closing
        self.tags = []
        self.line_starts = [0] + [match.end() for match in NEWLINE.finditer(html)]

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.names is None or tag in self.names:
            start = self._offset()
            end = start + len(self.get_starttag_text())
            self.tags.append(Tag(tag, start, end, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in self.closing:
            start = self._offset()
            self.tags.append(Tag("/" + tag, start, start, {}))


def start_tags(html, names=None):
    """Every start tag of html, or of those names ({"img", "a"}), in order."""
    tokenizer = _Tokenizer(html, names, ())
    tokenizer.feed(html)
    tokenizer.close()
    return tokenizer.tags


def end_tag_position(html, name):
    """Where the first </name> begins (e.g. "body"), or None."""
    tokenizer = _Tokenizer(html, set(), {name})
    tokenizer.feed(html)
    tokenizer.close()
    return tokenizer.tags[0].start if tokenizer.tags else None


_PARSER = etree.HTMLParser()
# An attribute that links: href, src and their kin (data-src, xlink:href, …).
LINK_ATTRIBUTE = re.compile(r"(?:.*\W)?(?:href|src)")


def attribute_values(html):
    """The values of every linking attribute (href, src, data-src, xlink:href …) on
    every tag, in order. Places do not matter here, so libxml2's HTML parser reads the
    text: as browsers do, like the tokenizer above, and five times faster."""
    if not html.strip():
        return []
    root = etree.fromstring(html, _PARSER)
    if root is None:
        return []
    return [
        value
        for element in root.iter(etree.Element)
        for name, value in element.items()
        if value and LINK_ATTRIBUTE.fullmatch(name)
    ]


def split_before(html, name):
    """(html before the first <name> start tag, html from it on), or (html, "") when html
    has no such tag. An interview's intro is what comes before its first <h2>."""
    tags = start_tags(html, {name})
    if not tags:
        return html, ""
    return html[: tags[0].start], html[tags[0].start :]


def wrap(html, name, before, after):
    """html with before and after around every outermost <name> element (one nested in
    another is wrapped with it); everything else stays byte for byte."""
    tokenizer = _Tokenizer(html, {name}, {name})
    tokenizer.feed(html)
    tokenizer.close()
    pieces, done, depth = [], 0, 0
    for tag in tokenizer.tags:
        if tag.name == name:
            if depth == 0:
                pieces += [html[done : tag.start], before]
                done = tag.start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                end = html.index(">", tag.start) + 1
                pieces += [html[done:end], after]
                done = end
    return "".join(pieces) + html[done:]
