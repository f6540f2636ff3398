"""One measured build, run by bench/run.py in its own process (so its memory is its own).

python bench/scenario.py NAME CONTENT_DIR WORK_DIR   → prints one JSON line

Scenarios:
  pelican        plain Pelican: its default settings, default theme, no plugins
  ours           what `make build` runs (tasks._build): pelicanconf.py with every plugin
  ours-production what `make publish-build` builds: publishconf.py (no content cache, strict,
                 minified), the image cache shared with `ours` as CI restores it
  ours-no-a11y   the same without a11y_check (that plugin's cost)
  ours-no-search the same without search (Pagefind's cost)
  ours-no-links  the same without link_check (that plugin's cost)
  ours-minify    the same plus production's minify step (that step's cost)
  site-no-images our settings with association, content_cache and content_check only:
                 photos are copied unchanged (the base the image-process scenario adds to)
  images-jpeg    site-no-images plus image_optimizer, JPEG only (image-process's work)
  image-process  site-no-images plus pelican-image-process, JPEG in the same 4 widths
  floor1, floorN the Pillow floor (bench/floor.py) in 1 and in N processes
"""

import json
import logging
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WIDTHS = (480, 800, 1200, 1600)
# pelican-image-process doing the same work as IMAGE_OPTIMIZER_FORMATS=(): JPEG in four widths.
IMAGE_PROCESS = {
    "bench": {
        "type": "responsive-image",
        "srcset": [(f"{w}w", [f"scale_in {w} 100000 False"]) for w in WIDTHS],
        "default": "800w",
    }
}
SITE_PLUGINS = ["association", "content_cache", "content_check"]
# Scenarios that are "ours" without one plugin (its cost).
LEFT_OUT = {
    "ours-no-a11y": "a11y_check",
    "ours-no-search": "search",
    "ours-no-links": "link_check",
}
# The processes image_optimizer uses by default (IMAGE_OPTIMIZER_WORKERS = 0: one per core);
# the Pillow floor it is compared with gets as many.
CORES = len(os.sched_getaffinity(0))
# Builds run as on a volunteer's machine: Python keeps the compiled modules (pip did so for
# every installed package, plain Pelican's included). Where PYTHONDONTWRITEBYTECODE is set
# (some sandboxes), only our own modules would be compiled again on every build.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def no_picture(*args, **kwargs):
    """Stands in for image_optimizer's template helper where that plugin is left out:
    the theme then shows no header image (nor would it without the plugin's variants)."""
    return ""


def plain_pelican(content, work):
    """Pelican's DEFAULT_CONFIG with only what is unavoidable to build the same files:
    PATH (where the Markdown and photos are), OUTPUT_PATH (a folder of its own) and
    PLUGINS = [] (the default None loads every installed namespace plugin, and the
    bench installs pelican-image-process). Default theme (notmyidea), default
    ARTICLE_PATHS (the whole content folder) and PAGE_PATHS ("pages"), STATIC_PATHS
    ("images": the photos are copied), no cache, feeds and author/category/tag pages
    on. verein.toml and bildnachweise.toml are not read: Pelican has no reader for them."""
    return {"PATH": str(content), "OUTPUT_PATH": str(work / "output-pelican"), "PLUGINS": []}


def no_sharing_image(*args, **kwargs):
    """Stands in for the cards plugin's template helper where that plugin is left out:
    pages then have no og:image."""
    return None


def caches(name, content):
    """A scenario's cache folder for one corpus (a build keeps only what it used)."""
    return f"cache-{name}-{content.parent.name}"


def image_cache(content):
    """The image cache the scenarios with our image settings share, per corpus."""
    return caches("images", content)


def settings_for(name, content, work):
    """Overrides of pelicanconf.py: the corpus, this scenario's output folder and caches.
    Every scenario has its own Pelican content cache; the image cache is shared where
    the image settings are the same."""
    folder = work / caches(name, content)
    common = {
        "PATH": str(content),
        "OUTPUT_PATH": str(work / f"output-{name}"),
        "CACHE_PATH": str(folder / "pelican"),
        "A11Y_CHECK_CACHE_DIR": str(folder / "a11y"),
        "A11Y_CHECK_REPORT_DIR": str(folder / "a11y-report"),
        "IMAGE_OPTIMIZER_CACHE_DIR": str(work / image_cache(content)),
        "MINIFY_CACHE_DIR": str(folder / "minify"),
        "CARDS_CACHE_DIR": str(folder / "cards"),
        "LINK_CHECK_CACHE_DIR": str(folder / "link_check"),
        "SEARCH_CACHE_DIR": str(folder / "search"),
        "CONTENT_CHECK_CACHE_DIR": str(folder / "content_check"),
    }
    if name in ("ours", "ours-production"):
        return common
    if name in LEFT_OUT:
        from pelican.settings import read_settings

        plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
        return {**common, "PLUGINS": [p for p in plugins if p != LEFT_OUT[name]]}
    if name == "ours-minify":
        return {**common, "MINIFY_ENABLED": True}
    without_images = {
        **common,
        "PLUGINS": SITE_PLUGINS,
        "JINJA_GLOBALS": {"picture": no_picture, "sharing_image": no_sharing_image},
    }
    if name == "site-no-images":
        return without_images
    if name == "images-jpeg":
        return {
            **common,
            "IMAGE_OPTIMIZER_CACHE_DIR": str(folder / "images"),
            "IMAGE_OPTIMIZER_FORMATS": (),
            "PLUGINS": [*SITE_PLUGINS, "image_optimizer"],
            "JINJA_GLOBALS": {"sharing_image": no_sharing_image},
        }
    if name == "image-process":  # keeps its derivatives in output/, so output must stay
        return {
            **without_images,
            "PLUGINS": [*SITE_PLUGINS, "pelican.plugins.image_process"],
            "IMAGE_PROCESS": IMAGE_PROCESS,
            "DELETE_OUTPUT_DIRECTORY": False,
        }
    raise SystemExit(f"unknown scenario {name}")


class _Seconds(logging.Handler):
    """The "(2,5 Sekunden)" a plugin's summary line reports (image_optimizer, search)."""

    def __init__(self):
        super().__init__()
        self.seconds = None

    def emit(self, record):
        found = re.search(r"\(([\d.,]+) Sekunden\)", record.getMessage())
        if found:
            self.seconds = float(found[1].replace(".", "").replace(",", "."))


class _CardSeconds(logging.Handler):
    """The cards plugin's line: "Vorschaukarten: 1.023 Karten, 1.023 neu gezeichnet (…)"."""

    seconds = drawn = None

    def emit(self, record):
        found = re.search(r"([\d.]+) neu gezeichnet \(([\d,]+) Sekunden\)", record.getMessage())
        if found:
            _CardSeconds.drawn = int(found[1].replace(".", ""))
            _CardSeconds.seconds = float(found[2].replace(",", "."))


def main():
    name, content, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    started = time.monotonic()
    image_seconds = search_seconds = None
    if name.startswith("floor"):
        import floor

        images = sorted(p for p in (content / "images").iterdir() if p.suffix != ".toml")
        floor.run(images, work / f"output-{name}", 1 if name == "floor1" else CORES)
        seconds = image_seconds = time.monotonic() - started
    elif name in ("pelican", "site-no-images", "image-process"):
        # Straight into output/, without tasks' staging folder: image-process keeps its
        # derivatives there (staging would start it from nothing on every build).
        if name == "image-process":  # installed apart, so no other scenario imports it
            sys.path.insert(0, str(work / "image-process"))
        from pelican import Pelican
        from pelican.settings import read_settings

        logging.basicConfig(level=logging.ERROR, format="%(message)s")
        if name == "pelican":
            settings = read_settings(None, override=plain_pelican(content, work))
        else:
            settings = read_settings(
                str(ROOT / "pelicanconf.py"), override=settings_for(name, content, work)
            )
        Pelican(settings).run()
        seconds = time.monotonic() - started
    else:
        import tasks

        images, search = _Seconds(), _Seconds()
        logging.getLogger("image_optimizer").addHandler(images)
        logging.getLogger("search").addHandler(search)
        logging.getLogger("cards").addHandler(_CardSeconds())
        # as make build, or as make publish-build (without its manifest for the deploy)
        settings = tasks.PUBLISH_SETTINGS if name == "ours-production" else tasks.DEV_SETTINGS
        tasks._build(settings, **settings_for(name, content, work))
        seconds = time.monotonic() - started
        image_seconds, search_seconds = images.seconds, search.seconds
    result = {
        "seconds": seconds,
        "image_seconds": image_seconds,
        "search_seconds": search_seconds,
        "card_seconds": _CardSeconds.seconds,
        "cards_drawn": _CardSeconds.drawn,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
