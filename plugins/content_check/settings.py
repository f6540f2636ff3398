from sitekit.settings import Option, read_options

OPTIONS = {
    # True in publishconf.py: any finding stops the build before anything is written.
    # False while previewing: findings are warnings and files that cannot be built are skipped.
    "CONTENT_CHECK_STRICT": Option(False, bool, "True or False"),
}


def read(settings):
    return read_options(settings, "CONTENT_CHECK_", OPTIONS)
