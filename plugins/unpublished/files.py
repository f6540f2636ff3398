"""Which linked files only unpublished pages use (plain data, no Pelican objects)."""

from sitekit.html import attribute_values
from sitekit.links import content_path


def linked_paths(html, source_dir, extra_values=()):
    """The files below content/ that html links to, as paths relative to content/.

    source_dir: the folder of the page's source ("neuigkeiten"), for relative links.
    extra_values: metadata values that may name a file (e.g. `Image: …`).
    """
    # href="…" and src="…" in the page's HTML, before Pelican resolves its links.
    values = attribute_values(html) + list(extra_values)
    paths = set()
    for value in values:
        path = content_path(value, source_dir)
        if path:
            paths.add(path)
    return paths


def files_only_unpublished_use(unpublished_links, published_links):
    """Paths linked by drafts or hidden pages and by nothing that is published."""
    return set(unpublished_links) - set(published_links)
