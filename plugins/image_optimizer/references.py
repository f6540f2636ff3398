"""Find the images a page refers to and where their files are. Plain functions."""

import os
import re
from pathlib import Path
from urllib.parse import unquote

from sitekit.constants import IMAGE_SUFFIXES, LINK_MARKER
from sitekit.html import start_tags

REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


def may_show_images(html):
    """False only if html certainly has no <img> and no link to an image file: neither
    "<img" nor an image suffix nor a character reference (which could spell one) appears
    anywhere. Most texts need no tokenising then."""
    lowered = html.lower()
    return any(part in lowered for part in ("<img", "&", *IMAGE_SUFFIXES))


def img_and_link_tags(html):
    """Every <img> and every opening <a> tag in a fragment of HTML, from one pass
    (sitekit.html.Tag: place and attributes)."""
    tags = start_tags(html, {"img", "a"})
    return [t for t in tags if t.name == "img"], [t for t in tags if t.name == "a"]


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
