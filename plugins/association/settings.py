from sitekit.facts import DEFAULT_FILE
from sitekit.settings import Option, read_options

OPTIONS = {
    # The association's facts (name, address, contacts, board, register entry),
    # relative to the content folder. Pages use them as {{ verein.kontakt.email }},
    # templates as VEREIN.kontakt.email. content_check validates this file.
    "ASSOCIATION_FACTS_FILE": Option(DEFAULT_FILE, str, "a file name relative to PATH"),
}


def read(settings):
    return read_options(settings, "ASSOCIATION_", OPTIONS)
