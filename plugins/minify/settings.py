from sitekit.settings import Option, read_options

OPTIONS = {
    # True in publishconf.py; the preview keeps readable HTML and CSS.
    "MINIFY_ENABLED": Option(False, bool, "True or False"),
    # Put a content hash into each CSS file name (site.css → site.3f2a9c01b7.css),
    # so the web server may tell browsers to cache it for a year.
    "MINIFY_FINGERPRINT_CSS": Option(True, bool, "True or False"),
}


def read(settings):
    return read_options(settings, "MINIFY_", OPTIONS)
