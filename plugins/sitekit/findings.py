"""A finding is one problem in one file, rendered in German by sitekit.german."""

from dataclasses import dataclass

from sitekit.german import ERROR, WARNING, place, report

__all__ = ["ERROR", "WARNING", "BuildError", "Finding", "sort_key"]


@dataclass(frozen=True)
class Finding:
    path: str  # as the author sees it, e.g. "content/pages/kontakt.md"
    line: int | None  # 1-based; None when the whole file is meant
    message: str  # German: what is wrong
    fix: str  # German: what to do
    severity: str = ERROR
    rule: str = ""  # short id, e.g. "metadata-missing"

    def render(self):
        return report(self.severity, self.message, self.fix, where=place(self.path, self.line))


class BuildError(Exception):
    """Stops the build. Carries an exit code, as Pelican's own errors do."""

    exitcode = 1

    def __init__(self, texts, headline):
        super().__init__("\n".join([*texts, "", headline]))


def sort_key(finding):
    return (finding.path, finding.line or 0)
