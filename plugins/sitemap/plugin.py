"""Pelican glue: collect the public pages' addresses, write sitemap.xml and robots.txt."""

import logging
from pathlib import Path

from sitekit.layouts import address, is_public

from .files import robots_txt, sitemap_xml

logger = logging.getLogger(__name__)

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def write(generators):
    """Receiver of `all_generators_finalized`: the files, if SITEURL is absolute."""
    settings = generators[0].settings
    site = settings.get("SITEURL", "")
    if not site.startswith(("https://", "http://")):
        return  # the preview: relative addresses, and nobody crawls it
    contents = [
        content
        for generator in generators
        for content in [*getattr(generator, "articles", ()), *getattr(generator, "pages", ())]
        if is_public(content) and str(content.metadata.get("layout", "")).lower() != "error"
    ]
    entries = [(f"{site}/{settings['INDEX_URL']}", None)] if settings.get("INDEX_URL") else []
    entries += sorted(
        (f"{site}/{address(content)}", _changed(content)) for content in contents if content.save_as
    )
    out = Path(settings["OUTPUT_PATH"])
    out.mkdir(parents=True, exist_ok=True)
    (out / SITEMAP).write_bytes(sitemap_xml(entries))
    (out / ROBOTS).write_bytes(robots_txt(f"{site}/{SITEMAP}"))
    logger.debug("sitemap: %d addresses", len(entries))


def _changed(content):
    """The day of the last change: Modified, else Date; None for a page without either."""
    when = getattr(content, "modified", None) or getattr(content, "date", None)
    return when.date() if when is not None else None
