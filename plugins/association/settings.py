"""ASSOCIATION_* settings, declared once (sitekit.settings validates them)."""

from sitekit.facts import DEFAULT_FILE
from sitekit.settings import Items, Number, Row, Text, declare

OPTIONS = {
    # The association's facts (name, address, contacts, board, register entry),
    # relative to the content folder. Pages use them as {{ verein.kontakt.email }},
    # templates as VEREIN.kontakt.email. content_check validates this file.
    "ASSOCIATION_FACTS_FILE": Text(DEFAULT_FILE),
    # Lists the site makes itself, which have no page of their own to say `Menu: 5`:
    # (label, address below SITEURL, position in the main menu). Pages put themselves
    # into the menu and the footer with their metadata (sitekit/menu.py).
    "ASSOCIATION_MENU_LISTS": Items(
        (("Beiträge", "beitraege/", 5),),
        Row(("Beiträge", "beitraege/", 5), (Text("Beiträge"), Text("beitraege/"), Number(1, 1))),
        empty=True,
    ),
}

read = declare("association", "ASSOCIATION_", OPTIONS)
