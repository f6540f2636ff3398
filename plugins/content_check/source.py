"""Read a Markdown source as Pelican will, but keep line numbers for messages."""

import functools
import re
from dataclasses import dataclass, field

from sitekit.links import written_links

# Python-Markdown's meta extension: "Key: value" lines at the top, indented
# continuation lines, ended by a blank line (optionally fenced with ---).
_KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_FENCE = re.compile(r"^-{3}\s*$|^\.{3}\s*$")


@dataclass
class Source:
    path: str  # as shown to the author: "content/pages/kontakt.md"
    rel: str  # relative to the content folder: "pages/kontakt.md"
    kind: str  # "article" or "page"
    text: str
    meta: dict = field(default_factory=dict)  # key (lower case) -> (value, line)
    duplicates: list = field(default_factory=list)  # (key, first line, line)
    body_from: int = 1  # first line after the metadata

    def value(self, key, default=""):
        return self.meta.get(key, (default, None))[0]

    def line_of(self, key):
        return self.meta.get(key, (None, None))[1]

    @functools.cached_property
    def links(self):
        """(line, address) of every link written in the text (sitekit.links), worked out
        once; kept with the source in content_check's cache."""
        return tuple(written_links(self.text, self.body_from))


class NotUtf8(Exception):
    def __init__(self, line):
        super().__init__(line)
        self.line = line


def decode(data):
    """Bytes to text; raises NotUtf8 with the 1-based line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data.count(b"\n", 0, error.start) + 1) from None


def parse(path, rel, kind, text):
    """Split the metadata header off a Markdown text."""
    source = Source(path, rel, kind, text)
    lines = text.splitlines()
    start = 1 if lines and _FENCE.match(lines[0]) else 0
    key = None
    source.body_from = start + 1
    for number, line in enumerate(lines[start:], start=start + 1):
        source.body_from = number
        if not line.strip() or (number > 1 and _FENCE.match(line)):
            break
        match = _KEY_LINE.match(line)
        if match:
            key = match["key"].lower()
            if key in source.meta:
                source.duplicates.append((key, source.meta[key][1], number))
            else:
                source.meta[key] = (match["value"].strip(), number)
        elif key and _CONTINUATION.match(line):
            value, first = source.meta[key]
            source.meta[key] = (f"{value} {line.strip()}".strip(), first)
        else:
            break
    else:
        source.body_from = len(lines) + 1
    return source
