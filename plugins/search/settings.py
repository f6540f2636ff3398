"""SEARCH_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Flag, Number, declare

OPTIONS = {
    # False: no search index (the search page then says that search is unavailable).
    "SEARCH_ENABLED": Flag(True),
    # Seconds Pagefind may take before the build gives up on it (a finding, no index).
    "SEARCH_TIMEOUT": Number(300, 10, 3600),
}

read = declare("search", "SEARCH_", OPTIONS)
