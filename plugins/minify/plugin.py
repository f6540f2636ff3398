"""Pelican glue: minify the finished output folder and report the bytes saved."""

import logging
from pathlib import Path

from sitekit.german import kilobytes

from . import settings as options
from .cache import PageCache, code_key
from .css import fingerprinted_name, minify_css, rewrite_references
from .html import minify_html

logger = logging.getLogger(__name__)


def minify_output(pelican):
    """Receiver of `finalized` (last plugin): CSS first, then every page that links to it."""
    config = options.read(pelican.settings)
    if not config["MINIFY_ENABLED"]:
        return
    report = minify_folder(
        Path(pelican.output_path), config["MINIFY_FINGERPRINT_CSS"], config["MINIFY_CACHE_DIR"]
    )
    logger.info("Verkleinert: %s", format_report(report))


def minify_folder(output, fingerprint=True, cache_dir=None):
    """Minify every .css and .html file below output; return {"html"|"css": [before, after]}.
    With cache_dir, pages minified in an earlier build are taken from there."""
    report = {"html": [0, 0], "css": [0, 0]}
    renames = {}
    for path in sorted(output.rglob("*.css")):
        before = path.read_bytes()
        after = minify_css(before.decode("utf-8")).encode("utf-8")
        relpath = path.relative_to(output).as_posix()
        target = path
        if fingerprint:
            renames[relpath] = fingerprinted_name(relpath, after)
            target = output / renames[relpath]
            path.unlink()
        target.write_bytes(after)
        _count(report["css"], before, after)
    cache = PageCache(cache_dir, code_key(renames)) if cache_dir else None
    for path in sorted(output.rglob("*.html")):
        before = path.read_bytes()
        key = cache.key(before) if cache else None
        after = cache.get(key) if cache else None
        if after is None:
            html = rewrite_references(before.decode("utf-8"), renames)
            after = minify_html(html).encode("utf-8")
            if cache:
                cache.put(key, after)
        path.write_bytes(after)
        _count(report["html"], before, after)
    if cache:
        cache.prune()
    return report


def _count(totals, before, after):
    totals[0] += len(before)
    totals[1] += len(after)


def format_report(report):
    """ "HTML 120,3 kB → 98,1 kB (−18 %), CSS 14,2 kB → 10,1 kB (−29 %)" (German numbers)."""
    parts = []
    for kind, (before, after) in report.items():
        if before:
            saved = round(100 * (before - after) / before)
            parts.append(f"{kind.upper()} {kilobytes(before)} → {kilobytes(after)} (−{saved} %)")
    return ", ".join(parts) or "keine HTML- oder CSS-Dateien"
