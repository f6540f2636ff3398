"""What a reader meets in a text before reading it: how long it takes, and (for an
interview) its questions. Pure functions on the HTML Pelican made of the Markdown.

The reading speed is one figure for the whole site: 179 words a minute, the mean silent
reading speed of adults in German measured for the IReST texts (Trauzettel-Klosinski et
al., "Standardized Assessment of Reading Performance: The New International Reading
Speed Texts IReST", IOVS 2012). Rounded up to whole minutes, so slower readers are not
told a time they cannot keep.
"""

import math
from dataclasses import dataclass
from html.parser import HTMLParser

WORDS_PER_MINUTE = 179

# The contents of these elements are not read as text (code and data, not prose).
_SKIPPED = {"script", "style", "template"}


@dataclass(frozen=True)
class Heading:
    """One heading of a text: its id (the jump target; "" if it has none) and its text."""

    id: str
    text: str


class _Text(HTMLParser):
    """The text of an HTML fragment, and the text and id of each heading of one level."""

    def __init__(self, level):
        super().__init__(convert_charrefs=True)
        self.level = level
        self.parts = []
        self.headings = []
        self._heading = None  # (id, [text parts]) while inside a heading of the level
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == self.level:
            self._heading = (dict(attrs).get("id") or "", [])
        self.parts.append(" ")  # a tag separates words ("<td>a</td><td>b</td>")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag == self.level and self._heading:
            heading_id, text = self._heading
            self.headings.append(Heading(heading_id, " ".join("".join(text).split())))
            self._heading = None
        self.parts.append(" ")

    def handle_data(self, data):
        if self._skipping:
            return
        self.parts.append(data)
        if self._heading:
            self._heading[1].append(data)


def _read(html, level="h2"):
    parser = _Text(level)
    parser.feed(str(html or ""))
    parser.close()
    return parser


def word_count(html):
    """How many words the text of html has (tags, scripts and styles not counted)."""
    return len("".join(_read(html).parts).split())


def reading_minutes(html, per_minute=WORDS_PER_MINUTE):
    """Minutes an adult needs to read html silently: at least 1, rounded up."""
    return max(1, math.ceil(word_count(html) / per_minute))


def headings(html, level="h2"):
    """Every heading of that level in html, in order (an interview's questions)."""
    return _read(html, level).headings
