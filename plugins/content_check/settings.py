"""CONTENT_CHECK_* settings, declared once (sitekit.settings validates them).

content_check has no options of its own today; declaring the prefix still makes a
misspelled or outdated CONTENT_CHECK_* setting an error with "Meinten Sie …?".
Whether its errors stop the build is BUILD_REPORT_STRICT's decision (build_report).
"""

from sitekit.settings import declare

OPTIONS = {}

read = declare("content_check", "CONTENT_CHECK_", OPTIONS)
