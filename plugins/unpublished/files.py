"""Which linked files only unpublished pages use (plain data, no Pelican objects)."""

from pathlib import PurePosixPath


def files_only_unpublished_use(unpublished_links, published_texts):
    """The paths among unpublished_links whose file name no published text mentions.

    unpublished_links: source paths ("images/plan.pdf") linked by drafts or hidden
    pages. published_texts: the HTML and metadata of everything published. Matching
    by file name is deliberately generous: a published page that mentions the file
    in any way (relative link, metadata) keeps it.
    """
    published = "\n".join(published_texts)
    return {path for path in unpublished_links if PurePosixPath(path).name not in published}
