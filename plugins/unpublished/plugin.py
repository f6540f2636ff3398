"""Pelican glue: take hidden content and the files only it links out of production."""

import logging
import posixpath

from pelican.generators import StaticGenerator

from sitekit.layouts import DRAFT, content_visibility, is_public

from . import settings as options
from .files import files_only_unpublished_use, linked_paths

logger = logging.getLogger(__name__)


def keep_hidden_out(generator):
    """Receiver of `article/page_generator_finalized`: hidden content gets no address."""
    if not options.read(generator.settings)["UNPUBLISHED_KEEP_OUT"]:
        return
    hidden = [
        *getattr(generator, "hidden_articles", []),
        *getattr(generator, "hidden_pages", []),
        *getattr(generator, "hidden_translations", []),
    ]
    for content in (c for c in hidden if not is_public(c)):
        content.override_save_as = ""  # Pelican's writer skips an empty address


def drop_unpublished_files(generators):
    """Receiver of `all_generators_finalized`: don't copy files only unpublished pages link.

    While previewing, list where the drafts and hidden pages are: nothing links to them.
    """
    contents = [c for c in generators[0].context["generated_content"].values() if c is not None]
    if not options.read(generators[0].settings)["UNPUBLISHED_KEEP_OUT"]:
        _list_preview_only(contents)
        return
    unpublished, published = set(), set()
    for content in contents:
        folder = posixpath.dirname(content.relative_source_path)
        values = [v for v in content.metadata.values() if isinstance(v, str)]
        (published if content.save_as else unpublished).update(
            linked_paths(content._content or "", folder, values)
        )
    dropped = files_only_unpublished_use(unpublished, published)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            left_out = [s for s in generator.staticfiles if s.relative_source_path in dropped]
            kept = [s for s in generator.staticfiles if s not in left_out]
            generator.staticfiles = generator.context["staticfiles"] = kept
            for static in left_out:
                logger.info(
                    "Nicht veröffentlicht: %s (nur Entwürfe oder verborgene Seiten "
                    "verlinken darauf)",
                    static.relative_source_path,
                )


def _list_preview_only(contents):
    for content in sorted(contents, key=lambda c: c.relative_source_path):
        if content.save_as and not is_public(content):
            kind = "Entwurf" if content_visibility(content) == DRAFT else "verborgen"
            logger.info(
                "Nur in der Vorschau (%s): /%s ← %s",
                kind,
                content.url,
                f"content/{content.relative_source_path}",
            )
