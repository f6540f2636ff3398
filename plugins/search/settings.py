"""SEARCH_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Flag, Folder, Number, declare

OPTIONS = {
    # False: no search index (the search page then says that search is unavailable).
    "SEARCH_ENABLED": Flag(True),
    # Seconds Pagefind may take before the build gives up on it (a finding, no index).
    "SEARCH_TIMEOUT": Number(300, 10, 3600),
    # Indexes of earlier builds, by a hash of the site's HTML (search/cache.py).
    "SEARCH_CACHE_DIR": Folder("cache/search"),
}

read = declare("search", "SEARCH_", OPTIONS)
