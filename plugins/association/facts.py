"""{{ verein.… }} in Markdown: replaced by the association's facts."""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from sitekit.facts import REFERENCE, lookup


def fill_in(text, facts):
    """Replace {{ verein.a.b }} with the fact; unknown names stay as they are."""

    def replace(match):
        value = lookup(facts, match[1])
        if value is None or isinstance(value, dict):
            return match[0]
        return ", ".join(value) if isinstance(value, list) else str(value)

    return REFERENCE.sub(replace, text)


class _FactsPreprocessor(Preprocessor):
    def __init__(self, md, facts):
        super().__init__(md)
        self.facts = facts

    def run(self, lines):
        return fill_in("\n".join(lines), self.facts).split("\n")


class FactsExtension(Extension):
    """Markdown extension: {{ verein.kontakt.email }} becomes the fact, also in metadata."""

    def __init__(self, facts):
        super().__init__()
        self.facts = facts

    def extendMarkdown(self, md):
        # Priority above the meta extension (27), so metadata gets the facts too.
        md.preprocessors.register(_FactsPreprocessor(md, self.facts), "verein_facts", 40)
