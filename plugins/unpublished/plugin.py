"""Pelican glue: take hidden content and the files only it links out of production."""

import logging

from pelican.generators import StaticGenerator

from . import settings as options
from .files import files_only_unpublished_use

logger = logging.getLogger(__name__)


def keep_hidden_out(generator):
    """Receiver of `article/page_generator_finalized`: hidden content gets no address."""
    if not options.read(generator.settings)["UNPUBLISHED_KEEP_OUT"]:
        return
    hidden = [*getattr(generator, "hidden_articles", []), *getattr(generator, "hidden_pages", []),
              *getattr(generator, "hidden_translations", [])]
    for content in hidden:
        if content.metadata.get("layout") != "error":
            content.override_save_as = ""  # Pelican's writer skips an empty address


def drop_unpublished_files(generators):
    """Receiver of `all_generators_finalized`: don't copy files only unpublished pages link."""
    if not options.read(generators[0].settings)["UNPUBLISHED_KEEP_OUT"]:
        return
    contents = [c for c in generators[0].context["generated_content"].values() if c is not None]
    unpublished = set().union(*(c.get_static_links() for c in contents if not c.save_as))
    published = [text for c in contents if c.save_as
                 for text in (c._content or "", *map(str, c.metadata.values()))]
    dropped = files_only_unpublished_use(unpublished, published)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            kept = [s for s in generator.staticfiles if s.relative_source_path not in dropped]
            generator.staticfiles = generator.context["staticfiles"] = kept
    for path in sorted(dropped):
        logger.info("Nicht veröffentlicht: %s (nur Entwürfe oder verborgene Seiten verlinken es)",
                    path)
