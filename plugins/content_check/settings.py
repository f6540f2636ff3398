"""CONTENT_CHECK_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Flag, declare

OPTIONS = {
    # True in publishconf.py: any finding stops the build before anything is written.
    # False while previewing: findings are warnings and files that cannot be built are skipped.
    "CONTENT_CHECK_STRICT": Flag(False),
}

read = declare("content_check", "CONTENT_CHECK_", OPTIONS)
