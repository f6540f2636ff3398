"""[[…]] marks what still has to be filled in (`make new` writes them, verein.toml has
them until the association's facts are known). The preview shows them; the production
build refuses to publish while any is left in a published file."""

import re

from sitekit.findings import ERROR, Finding

PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")
RULE = "placeholder"


def placeholder_findings(path, numbered_lines, comment=None):
    """A finding for every [[…]] in (line number, text) pairs. Lines starting with
    comment (e.g. "#" in TOML) are explanations, not content."""
    found = []
    for number, line in numbered_lines:
        if comment and line.lstrip().startswith(comment):
            continue
        for match in PLACEHOLDER.finditer(line):
            found.append(
                Finding(
                    path,
                    number,
                    match[0],
                    "Die echte Angabe an seine Stelle schreiben (ohne die eckigen Klammern); "
                    "vorher kann die Website nicht veröffentlicht werden.",
                    ERROR,
                    RULE,
                )
            )
    return found
