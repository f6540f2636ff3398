"""{{ verein.… }} in Markdown: replaced by the association's facts."""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from sitekit.facts import REFERENCE, lookup

from .contacts import contact_links


def fill_in(text, facts, links=False):
    """Replace {{ verein.a.b }} with the fact; unknown names stay as they are.

    With links, e-mail addresses and phone numbers in the facts become links.
    """

    def replace(match):
        value = lookup(facts, match[1])
        if value is None or isinstance(value, dict):
            return match[0]
        value = ", ".join(value) if isinstance(value, list) else str(value)
        return contact_links(value) if links and "[[" not in value else value

    return REFERENCE.sub(replace, text)


class _FactsPreprocessor(Preprocessor):
    def __init__(self, md, facts):
        super().__init__(md)
        self.facts = facts

    def run(self, lines):
        # Metadata (up to the first blank line) gets plain text, the text itself links.
        end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        head = fill_in("\n".join(lines[:end]), self.facts)
        body = fill_in("\n".join(lines[end:]), self.facts, links=True)
        return (head + "\n" + body).split("\n") if end else body.split("\n")


class FactsExtension(Extension):
    """Markdown extension: {{ verein.kontakt.email }} becomes the fact, also in metadata."""

    def __init__(self, facts):
        super().__init__()
        self.facts = facts

    def extendMarkdown(self, md):
        # Priority above the meta extension (27), so metadata gets the facts too.
        md.preprocessors.register(_FactsPreprocessor(md, self.facts), "verein_facts", 40)
