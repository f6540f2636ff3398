"""UNPUBLISHED_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Flag, declare

OPTIONS = {
    # True in publishconf.py: hidden pages and files only unpublished pages use stay out.
    "UNPUBLISHED_KEEP_OUT": Flag(False),
}

read = declare("unpublished", "UNPUBLISHED_", OPTIONS)
