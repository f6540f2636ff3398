from sitekit.settings import Option, read_options

OPTIONS = {
    # True in publishconf.py: hidden pages and files only unpublished pages use stay out.
    "UNPUBLISHED_KEEP_OUT": Option(False, bool, "True or False"),
}


def read(settings):
    return read_options(settings, "UNPUBLISHED_", OPTIONS)
