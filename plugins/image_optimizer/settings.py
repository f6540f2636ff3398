"""IMAGE_OPTIMIZER_* settings: every option with its default, declared once
(sitekit.settings validates them)."""

import os

from sitekit.settings import Flag, Folder, Items, Number, Table, Text, declare

FORMATS = ("avif", "webp")

OPTIONS = {
    # Widths (px) of the variants; a source is never enlarged beyond its own width.
    "IMAGE_OPTIMIZER_WIDTHS": Items((480, 800, 1200, 1600), Number(0, 16, 8000), unique=False),
    # Modern formats offered as <source>s, best first; () for the fallback only. The
    # fallback <img> is JPEG, or PNG for images with transparency.
    "IMAGE_OPTIMIZER_FORMATS": Items(FORMATS, Text("avif", choices=FORMATS), empty=True),
    # Encoder quality per format; PNG is lossless.
    "IMAGE_OPTIMIZER_QUALITY": Table({"avif": 55, "webp": 80, "jpeg": 82}, Number(0, 1, 100)),
    # AVIF encoder speed 0 (slow, small) … 10 (fast); 8 is faster than WebP at fewer bytes.
    "IMAGE_OPTIMIZER_AVIF_SPEED": Number(8, 0, 10),
    # The `sizes` attribute: how wide the image is shown. pelicanconf.py derives the
    # site's from the stylesheet's content width.
    "IMAGE_OPTIMIZER_SIZES": Text("100vw"),
    # Cache of finished variants, outside output/ so it survives `make clean` and can be
    # restored in CI. A relative path is relative to the current folder; pelicanconf.py
    # sets an absolute one. Only files the cache made itself are ever deleted there.
    "IMAGE_OPTIMIZER_CACHE_DIR": Folder("cache/images"),
    # Where variants are published, below the output folder.
    "IMAGE_OPTIMIZER_OUTPUT_DIR": Folder("bilder", inside=True),
    # Processes encoding in parallel; 0 means one per CPU core.
    "IMAGE_OPTIMIZER_WORKERS": Number(0, 0),
    # Images with more pixels are refused (protects against decompression bombs); a
    # phone photo has 12 to 50 million.
    "IMAGE_OPTIMIZER_MAX_PIXELS": Number(120_000_000, 1_000_000),
    # Also publish each photo in full size (upright, sRGB, without EXIF/GPS) where the upload
    # would be, e.g. for {static} download links, named for its format (foto.heic → foto.jpg).
    # The upload itself is never published.
    "IMAGE_OPTIMIZER_PUBLISH_ORIGINALS": Flag(False),
    # Photo credits and consent notes (§ 22 KUG), relative to the content folder.
    "IMAGE_OPTIMIZER_CREDITS_FILE": Text("images/bildnachweise.toml"),
    # Every published image needs a credit and a consent note (the preview warns, the
    # production build stops); False only for a site that keeps no such records.
    "IMAGE_OPTIMIZER_REQUIRE_CREDITS": Flag(True),
}

_read = declare("image_optimizer", "IMAGE_OPTIMIZER_", OPTIONS)


def read(settings):
    """The validated values; widths sorted, 0 workers → the cores this process may use
    (a CI container may allow fewer than the machine has)."""
    values = _read(settings)
    values["IMAGE_OPTIMIZER_WIDTHS"] = tuple(sorted(set(values["IMAGE_OPTIMIZER_WIDTHS"])))
    values["IMAGE_OPTIMIZER_WORKERS"] = (
        values["IMAGE_OPTIMIZER_WORKERS"] or len(os.sched_getaffinity(0)) or 1
    )
    return values
