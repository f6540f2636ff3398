"""MINIFY_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Flag, Folder, declare

OPTIONS = {
    # True in publishconf.py; the preview keeps readable HTML and CSS.
    "MINIFY_ENABLED": Flag(False),
    # Put a content hash into each CSS file name (site.css → site.3f2a9c01b7.css),
    # so the web server may tell browsers to cache it for a year.
    "MINIFY_FINGERPRINT_CSS": Flag(True),
    # Pages minified before (outside output/, git-ignored): an unchanged page is not
    # minified again.
    "MINIFY_CACHE_DIR": Folder("cache/minify"),
}

read = declare("minify", "MINIFY_", OPTIONS)
