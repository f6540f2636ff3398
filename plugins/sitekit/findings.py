"""A finding is one problem in one file, rendered in German in one place."""

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

_LABEL = {ERROR: "FEHLER", WARNING: "WARNUNG"}


@dataclass(frozen=True)
class Finding:
    path: str  # as the author sees it, e.g. "content/pages/kontakt.md"
    line: int | None  # 1-based; None when the whole file is meant
    message: str  # German: what is wrong
    fix: str  # German: what to do
    severity: str = ERROR
    rule: str = ""  # short id, e.g. "metadata-missing"

    def render(self):
        where = self.path if self.line is None else f"{self.path}, Zeile {self.line}"
        return f"{_LABEL[self.severity]} in {where}: {self.message}\n    So beheben: {self.fix}"


class BuildError(Exception):
    """Stops the build. Carries an exit code, as Pelican's own errors do."""

    exitcode = 1

    def __init__(self, texts, headline):
        super().__init__("\n".join([*texts, "", headline]))


def sort_key(finding):
    return (finding.path, finding.line or 0)
