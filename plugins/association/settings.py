"""ASSOCIATION_* settings, declared once (sitekit.settings validates them)."""

from sitekit.facts import DEFAULT_FILE
from sitekit.settings import Text, declare

OPTIONS = {
    # The association's facts (name, address, contacts, board, register entry),
    # relative to the content folder. Pages use them as {{ verein.kontakt.email }},
    # templates as VEREIN.kontakt.email. content_check validates this file.
    "ASSOCIATION_FACTS_FILE": Text(DEFAULT_FILE),
}

read = declare("association", "ASSOCIATION_", OPTIONS)
