"""IMAGE_OPTIMIZER_* settings: every option with its default, validated once per build."""

import os

from sitekit.settings import Option, SettingsError, read_options

FORMATS = ("avif", "webp")

OPTIONS = {
    # Widths (px) of the variants; a source is never enlarged beyond its own width.
    "IMAGE_OPTIMIZER_WIDTHS": Option(
        (480, 800, 1200, 1600), (tuple, list), "a list of widths in px"
    ),
    # Modern formats offered as <source>s, best first. The fallback <img> is JPEG,
    # or PNG for images with transparency.
    "IMAGE_OPTIMIZER_FORMATS": Option(("avif", "webp"), (tuple, list), "a list from avif, webp"),
    # Encoder quality per format (0–100); PNG is lossless.
    "IMAGE_OPTIMIZER_QUALITY": Option(
        {"avif": 55, "webp": 80, "jpeg": 82},
        dict,
        "a dict like {'avif': 55, 'webp': 80, 'jpeg': 82}",
    ),
    # AVIF encoder speed 0 (slow, small) … 10 (fast); 8 is faster than WebP at fewer bytes.
    "IMAGE_OPTIMIZER_AVIF_SPEED": Option(8, int, "a number from 0 to 10"),
    # The `sizes` attribute: how wide the image is shown. pelicanconf.py derives the
    # site's from the stylesheet's content width.
    "IMAGE_OPTIMIZER_SIZES": Option("100vw", str, "a CSS sizes value"),
    # Cache of finished variants, outside output/ so it survives `make clean` and can be
    # restored in CI. A relative path is relative to the current folder; pelicanconf.py
    # sets an absolute one. Only files the cache made itself are ever deleted there.
    "IMAGE_OPTIMIZER_CACHE_DIR": Option("cache/images", str, "a folder"),
    # Where variants are published, below the output folder.
    "IMAGE_OPTIMIZER_OUTPUT_DIR": Option("bilder", str, "a folder name"),
    # Processes encoding in parallel; 0 means one per CPU core.
    "IMAGE_OPTIMIZER_WORKERS": Option(0, int, "a whole number, 0 for one per core"),
    # Images with more pixels are refused (protects against decompression bombs).
    "IMAGE_OPTIMIZER_MAX_PIXELS": Option(120_000_000, int, "a number of pixels"),
    # Also publish each photo in full size (upright, sRGB, without EXIF/GPS) where the upload
    # would be, e.g. for {static} download links. The upload itself is never published.
    "IMAGE_OPTIMIZER_PUBLISH_ORIGINALS": Option(False, bool, "True or False"),
    # Photo credits and consent notes (§ 22 KUG), relative to the content folder.
    "IMAGE_OPTIMIZER_CREDITS_FILE": Option("images/bildnachweise.toml", str, "a file name"),
    # True in publishconf.py: every published image needs a credit and a consent note.
    "IMAGE_OPTIMIZER_REQUIRE_CREDITS": Option(False, bool, "True or False"),
    # True in publishconf.py: a problem with an image stops the build.
    "IMAGE_OPTIMIZER_STRICT": Option(False, bool, "True or False"),
}


def read(settings):
    values = read_options(settings, "IMAGE_OPTIMIZER_", OPTIONS)
    widths = values["IMAGE_OPTIMIZER_WIDTHS"]
    if not widths or not all(isinstance(w, int) and 16 <= w <= 8000 for w in widths):
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_WIDTHS braucht ganze "
            "Zahlen zwischen 16 und 8000, z. B. (480, 800, 1200, 1600)."
        )
    values["IMAGE_OPTIMIZER_WIDTHS"] = tuple(sorted(set(widths)))
    unknown = set(values["IMAGE_OPTIMIZER_FORMATS"]) - set(FORMATS)
    if unknown:
        raise SettingsError(
            f"Fehler in den Einstellungen: IMAGE_OPTIMIZER_FORMATS kennt "
            f"„{', '.join(sorted(unknown))}“ nicht; möglich sind avif und webp."
        )
    quality = values["IMAGE_OPTIMIZER_QUALITY"]
    if set(quality) != {"avif", "webp", "jpeg"} or not all(
        isinstance(q, int) and 1 <= q <= 100 for q in quality.values()
    ):
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_QUALITY braucht Werte "
            "von 1 bis 100 für avif, webp und jpeg."
        )
    if not 0 <= values["IMAGE_OPTIMIZER_AVIF_SPEED"] <= 10:
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_AVIF_SPEED muss zwischen 0 und 10 liegen."
        )
    formats = values["IMAGE_OPTIMIZER_FORMATS"]
    if len(set(formats)) != len(formats):
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_FORMATS nennt ein Format doppelt."
        )
    for key in (
        "IMAGE_OPTIMIZER_WORKERS",
        "IMAGE_OPTIMIZER_MAX_PIXELS",
        "IMAGE_OPTIMIZER_AVIF_SPEED",
    ):
        if isinstance(values[key], bool):
            raise SettingsError(
                f"Fehler in den Einstellungen: {key} braucht eine Zahl, nicht {values[key]}."
            )
    if values["IMAGE_OPTIMIZER_WORKERS"] < 0:
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_WORKERS darf nicht negativ sein."
        )
    if values["IMAGE_OPTIMIZER_MAX_PIXELS"] < 1_000_000:
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_MAX_PIXELS sollte "
            "mindestens 1000000 sein (ein Handyfoto hat 12 bis 50 Millionen)."
        )
    if not values["IMAGE_OPTIMIZER_SIZES"].strip():
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_SIZES darf nicht leer "
            'sein, z. B. "100vw".'
        )
    out_dir = values["IMAGE_OPTIMIZER_OUTPUT_DIR"]
    if not out_dir.strip("/") or ".." in out_dir.split("/") or out_dir.startswith("/"):
        raise SettingsError(
            "Fehler in den Einstellungen: IMAGE_OPTIMIZER_OUTPUT_DIR muss ein "
            'Ordner innerhalb von output/ sein, z. B. "bilder".'
        )
    # The cores this process may use (a CI container may allow fewer than the machine has).
    values["IMAGE_OPTIMIZER_WORKERS"] = (
        values["IMAGE_OPTIMIZER_WORKERS"] or len(os.sched_getaffinity(0)) or 1
    )
    return values
