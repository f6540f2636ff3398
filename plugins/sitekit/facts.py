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


# Facts the theme shows on every page (footer, contact card): content_check
# reports a missing one, the association plugin shows it as a [[placeholder]].
REQUIRED = ("name", "anschrift.strasse", "anschrift.plz", "anschrift.ort",
            "kontakt.email", "kontakt.telefon")


def missing_required(facts):
    return [dotted for dotted in REQUIRED if lookup(facts, dotted) is None]


def with_required(facts):
    """A copy of facts where each missing required fact is a visible [[placeholder]]."""
    filled = {key: dict(value) if isinstance(value, dict) else value for key, value in facts.items()}
    for dotted in missing_required(facts):
        *parents, last = dotted.split(".")
        table = filled
        for part in parents:
            table = table.setdefault(part, {})
        table[last] = f"[[{dotted}]]"
    return filled
