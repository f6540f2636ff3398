"""How Markdown refers to the association's facts: {{ verein.kontakt.email }}."""

import re

REFERENCE = re.compile(r"\{\{\s*verein\.([\w.]+)\s*\}\}")


def lookup(facts, dotted):
    """The value at "kontakt.email" in the facts table, or None."""
    value = facts
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value
