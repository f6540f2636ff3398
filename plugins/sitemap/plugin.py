"""Pelican glue: note every public page as it is written, then write sitemap.xml and
robots.txt."""

import logging
from pathlib import Path

from sitekit.layouts import is_public

from .files import robots_txt, sitemap_xml

logger = logging.getLogger(__name__)

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
# Settings key (lower case: not a user setting): {absolute address: last change or None}
# while a production build runs; None in the preview.
STATE = "sitemap_entries"


def start(pelican):
    """Receiver of `initialized`: collect addresses only if SITEURL is absolute."""
    site = pelican.settings.get("SITEURL", "")
    production = site.startswith(("https://", "http://"))
    pelican.settings[STATE] = {} if production else None  # the preview: nobody crawls it


def note(path, context):
    """Receiver of `content_written`: every HTML page Pelican writes, with its address:
    articles and pages that are public (never the error page), and the lists (all
    articles, by topic, by tag, the archive, each page of a long list)."""
    entries = context.get(STATE)
    if entries is None or not str(path).endswith(".html"):
        return
    content = context.get("article") or context.get("page")
    if content is not None and (
        not is_public(content) or str(content.metadata.get("layout", "")).lower() == "error"
    ):
        return
    rel = str(context.get("output_file", "")).removesuffix("index.html")
    entries[f"{context['SITEURL']}/{rel}"] = _changed(content) if content is not None else None


def write(pelican):
    """Receiver of `finalized`: sitemap.xml and robots.txt, in production only."""
    entries = pelican.settings.pop(STATE, None)
    if entries is None:
        return
    site = pelican.settings["SITEURL"]
    out = Path(pelican.settings["OUTPUT_PATH"])
    out.mkdir(parents=True, exist_ok=True)
    (out / SITEMAP).write_bytes(sitemap_xml(sorted(entries.items())))
    (out / ROBOTS).write_bytes(robots_txt(f"{site}/{SITEMAP}"))
    logger.debug("sitemap: %d addresses", len(entries))


def _changed(content):
    """The day of the last change: Modified, else Date; None for a page without either."""
    when = getattr(content, "modified", None) or getattr(content, "date", None)
    return when.date() if when is not None else None
