"""BUILD_REPORT_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Flag, declare

OPTIONS = {
    # True in publishconf.py: any error of any plugin stops the build (after every check
    # has run, so all of them are reported at once). False while previewing: errors are
    # shown as warnings and the rest of the site is built.
    "BUILD_REPORT_STRICT": Flag(False),
}

read = declare("build_report", "BUILD_REPORT_", OPTIONS)
