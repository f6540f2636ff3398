"""Minify a stylesheet, name it by its content, and point the pages at the new name."""

import hashlib
import re
from pathlib import PurePosixPath

import rcssmin

from sitekit.constants import CSS_HASH_LENGTH
from sitekit.html import start_tags


def minify_css(text):
    return rcssmin.cssmin(text)


def fingerprinted_name(relpath, data):
    """ "theme/css/site.css", b"…" → "theme/css/site.3f2a9c01b7.css" (hash of the content)."""
    path = PurePosixPath(relpath)
    digest = hashlib.sha256(data).hexdigest()[:CSS_HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def rewrite_references(html, renames):
    """Replace every reference to an old path in an attribute value by the new one.

    renames: {"theme/css/site.css": "theme/css/site.3f2a9c01b7.css"}. A reference is
    the path at the start of a quoted value or after a "/", e.g.
    href="https://example.org/theme/css/site.css" or href="../theme/css/site.css".
    """
    if not renames:
        return html
    patterns = {
        re.compile(r"""(?<=["'/])""" + re.escape(old) + r"""(?=["'?#])"""): new
        for old, new in renames.items()
    }
    # Only inside tags (found by the HTML tokenizer), never in the text or a <pre>.
    pieces, done = [], 0
    for tag in start_tags(html):
        written = html[tag.start : tag.end]
        for pattern, new in patterns.items():
            written = pattern.sub(new, written)
        pieces += [html[done : tag.start], written]
        done = tag.end
    return "".join(pieces) + html[done:]
