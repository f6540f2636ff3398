"""Minify a stylesheet, name it by its content, and point the pages at the new name."""

import hashlib
import re
from pathlib import PurePosixPath

import rcssmin

from sitekit.constants import CSS_HASH_LENGTH


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
    for old, new in renames.items():
        pattern = re.compile(r"""(?<=["'/])""" + re.escape(old) + r"""(?=["'?#])""")
        html = pattern.sub(new, html)
    return html
