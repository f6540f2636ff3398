"""Facts several parts of the site must agree on, in one place. Python imports them from
here; templates and .htaccess get them as settings (pelicanconf.py)."""

import re

# Raster formats an author may bring (phones, cameras, old scanners); Pillow reads them
# or image_optimizer names them as unsupported. With SVG: every file that is an image.
RASTER_SUFFIXES = frozenset({
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".webp", ".gif", ".tif", ".tiff",
    ".bmp", ".avif", ".heic", ".heif", ".jxl", ".dng",
})  # fmt: skip
IMAGE_SUFFIXES = RASTER_SUFFIXES | {".svg"}

# Pelican's link markers: {static}…, {attach}…, {filename}… (and the old |static|…).
LINK_MARKERS = ("static", "attach", "filename")
LINK_MARKER = re.compile(r"^[{|](" + "|".join(LINK_MARKERS) + r")[}|]")

# Hex digits of the content hash in published file names: image variants
# ("bilder/<20 hex>-<width>.avif") and the fingerprinted stylesheet ("site.<10 hex>.css").
# .htaccess caches exactly these names for a year.
IMAGE_HASH_LENGTH = 20
CSS_HASH_LENGTH = 10

# The preview server's own pages (`make serve`), never in output/: the list of every open
# finding, and what it needs itself. content_check keeps pages off these addresses.
PREVIEW_PREFIX = "/__vorschau/"
PREVIEW_OVERVIEW = PREVIEW_PREFIX + "probleme/"
# Where `make serve` answers unless PORT= says otherwise (the Makefile's PORT ?= 8000).
PREVIEW_PORT = 8000
PREVIEW_ADDRESS = f"http://127.0.0.1:{PREVIEW_PORT}/"
# Settings key (lower case: not a user setting, and not part of content_cache's fingerprint)
# by which `make serve` tells its builds its real address, e.g. "http://127.0.0.1:8123/".
PREVIEW_ADDRESS_KEY = "preview_address"

# The sharing image of a page (og:image): at least this large, as link previews want it
# (1.91:1). image_optimizer offers a photo's variant of this width; plugins/cards draws a
# card of exactly this size for a page without one.
SHARING_WIDTH = 1200
SHARING_HEIGHT = 630

# The templates wrap the author's text (the Markdown's HTML) in an element with this class:
# what is inside came from the Markdown, everything else from the theme.
CONTENT_CLASS = "bl-content"
