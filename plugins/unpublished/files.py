"""Which linked files only unpublished pages use (plain data, no Pelican objects)."""

import posixpath
from urllib.parse import unquote, urlsplit

from sitekit.constants import LINK_MARKER
from sitekit.html import attribute_values


def linked_paths(html, source_dir, extra_values=()):
    """The files below content/ that html links to, as paths relative to content/.

    source_dir: the folder of the page's source ("neuigkeiten"), for relative links.
    extra_values: metadata values that may name a file (e.g. `Image: …`).
    """
    # href="…" and src="…" in the page's HTML, before Pelican resolves its links.
    values = attribute_values(html) + list(extra_values)
    paths = set()
    for value in values:
        path = _source_path(value, source_dir)
        if path:
            paths.add(path)
    return paths


def _source_path(value, source_dir):
    value = str(value).strip()
    marked = LINK_MARKER.match(value)
    if marked:
        value = value[marked.end() :]
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mailto:, or only an #anchor
    path = unquote(parts.path)
    if path.startswith("/"):
        path = path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(source_dir, path))
    return None if path.startswith("..") else path


def files_only_unpublished_use(unpublished_links, published_links):
    """Paths linked by drafts or hidden pages and by nothing that is published."""
    return set(unpublished_links) - set(published_links)
