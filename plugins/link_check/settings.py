"""LINK_CHECK_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Folder, declare

OPTIONS = {
    # The links and ids of pages read before, by a hash of their bytes (git-ignored).
    "LINK_CHECK_CACHE_DIR": Folder("cache/link_check"),
}

read = declare("link_check", "LINK_CHECK_", OPTIONS)
