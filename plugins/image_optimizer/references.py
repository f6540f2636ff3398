"""Find the images a page refers to and where their files are. Plain functions."""

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from sitekit.constants import LINK_MARKER

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


@dataclass(frozen=True)
class ImgTag:
    start: int  # position of the tag in the HTML
    end: int
    attrs: dict  # attribute -> value (None for attributes without value)


class _FirstTag(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = None

    def handle_starttag(self, tag, attrs):
        if self.attrs is None:
            self.attrs = dict(attrs)

    handle_startendtag = handle_starttag


def img_tags(html):
    """Every <img> in a fragment of HTML, with its parsed attributes."""
    return _tags(IMG_TAG, html)


def link_tags(html):
    """Every opening <a> tag in a fragment of HTML, with its parsed attributes."""
    return _tags(A_TAG, html)


def _tags(pattern, html):
    found = []
    for match in pattern.finditer(html):
        parser = _FirstTag()
        parser.feed(match[0])
        found.append(ImgTag(match.start(), match.end(), parser.attrs or {}))
    return found


def is_remote(src):
    return bool(REMOTE.match(src.strip()))


def resolve(src, source_dir, content_root):
    """The file an image reference means, or None for data: URIs.

    Accepts what a Markdown editor previews (relative to the Markdown file), Pelican's
    {static}/{attach} forms (a leading / means the content folder) and site paths
    like /images/foto.jpg.
    """
    src = unquote(src.strip().split("#")[0].split("?")[0])  # "Mein%20Foto.jpg" as written
    if not src or src.startswith("data:"):
        return None
    src = LINK_MARKER.sub("", src)
    if src.startswith("/"):
        return Path(os.path.normpath(Path(content_root, src.lstrip("/"))))
    beside = Path(os.path.normpath(Path(source_dir, src)))
    if beside.exists():
        return beside
    below_root = Path(os.path.normpath(Path(content_root, src)))
    return below_root if below_root.exists() else beside


IMAGE_IN_MARKDOWN = re.compile(r"!\[[^\]]*\]\(|<img\b", re.IGNORECASE)


def image_lines(text):
    """1-based line of every image in a Markdown text, in order: ![…](…) or raw <img."""
    return [text.count("\n", 0, m.start()) + 1 for m in IMAGE_IN_MARKDOWN.finditer(text)]


def line_of(text, needle):
    """1-based line where needle first appears in text, or None."""
    position = text.find(needle)
    return None if position < 0 else text.count("\n", 0, position) + 1
