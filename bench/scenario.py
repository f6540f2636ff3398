"""One measured build, run by bench/run.py in its own process (so its memory is its own).

python bench/scenario.py NAME CONTENT_DIR WORK_DIR   → prints one JSON line
"""

import json
import logging
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
SITE_PLUGINS = ["association", "content_check"]


def settings_for(name, content, work):
    # Two workers, like the two-process Pillow floor it is compared with.
    common = {
        "PATH": str(content),
        "OUTPUT_PATH": str(work / f"output-{name}"),
        "IMAGE_OPTIMIZER_WORKERS": 2,
    }
    if name == "plain":  # our site without image work: images are copied unchanged
        return {**common, "PLUGINS": SITE_PLUGINS}
    if name == "ours":  # the site's plugins up to images; a11y_check is measured on its own
        return {
            **common,
            "IMAGE_OPTIMIZER_CACHE_DIR": str(work / "cache-ours"),
            "PLUGINS": [*SITE_PLUGINS, "image_optimizer"],
        }
    if name == "ours-a11y":  # the same, plus the accessibility checks
        return {**common, "IMAGE_OPTIMIZER_CACHE_DIR": str(work / "cache-ours")}
    if name == "ours-minify":  # all plugins, with the production build's minify step
        return {
            **common,
            "IMAGE_OPTIMIZER_CACHE_DIR": str(work / "cache-ours"),
            "MINIFY_ENABLED": True,
        }
    if name == "ours-jpeg":
        return {
            **common,
            "IMAGE_OPTIMIZER_CACHE_DIR": str(work / "cache-ours-jpeg"),
            "IMAGE_OPTIMIZER_FORMATS": (),
            "PLUGINS": [*SITE_PLUGINS, "image_optimizer"],
        }
    if name == "image-process":  # keeps its derivatives in output/, so output must stay
        return {
            **common,
            "PLUGINS": [*SITE_PLUGINS, "pelican.plugins.image_process"],
            "IMAGE_PROCESS": IMAGE_PROCESS,
            "DELETE_OUTPUT_DIRECTORY": False,
        }
    raise SystemExit(f"unknown scenario {name}")


class _ImageSeconds(logging.Handler):
    seconds = None

    def emit(self, record):
        found = re.search(r"\(([\d,]+) Sekunden\)", record.getMessage())
        if found:
            _ImageSeconds.seconds = float(found[1].replace(",", "."))


def main():
    name, content, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    started = time.monotonic()
    if name.startswith("floor"):
        import floor

        images = sorted((content / "images").iterdir())
        floor.run(images, work / f"output-{name}", int(name[-1]))
        seconds = image_seconds = time.monotonic() - started
    else:
        import tasks

        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        logging.getLogger("image_optimizer").setLevel(logging.INFO)
        logging.getLogger("image_optimizer").addHandler(_ImageSeconds())
        tasks.build_site(tasks.DEV_SETTINGS, **settings_for(name, content, work))
        seconds = time.monotonic() - started
        image_seconds = _ImageSeconds.seconds
    print(json.dumps({"seconds": seconds, "image_seconds": image_seconds}))


if __name__ == "__main__":
    main()
