"""CONTENT_CHECK_* settings, declared once (sitekit.settings validates them).

Declaring the prefix also makes a misspelled or outdated CONTENT_CHECK_* setting an
error with "Meinten Sie …?".
Whether its errors stop the build is BUILD_REPORT_STRICT's decision (build_report).
"""

from sitekit.settings import Folder, declare

OPTIONS = {
    # Each text's own findings, by a hash of its bytes, the facts and the code (cache.py).
    "CONTENT_CHECK_CACHE_DIR": Folder("cache/content_check"),
}

read = declare("content_check", "CONTENT_CHECK_", OPTIONS)
