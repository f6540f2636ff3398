"""A finding is one problem in one file, rendered in German by sitekit.german.

Every plugin adds its findings to the build's Ledger instead of printing them; the
build_report plugin prints them all at the end, grouped by file, and stops a production
build that has errors. So the preview and production report the same findings in one
pass, and the preview server can show them in the browser.
"""

from dataclasses import dataclass, field, replace

from sitekit.german import ERROR, HINT, WARNING, place, report

__all__ = [
    "ERROR",
    "HINT",
    "WARNING",
    "BuildError",
    "Finding",
    "Ledger",
    "as_unpublished",
    "ledger",
    "sort_key",
]


@dataclass(frozen=True)
class Finding:
    path: str  # as the author sees it, e.g. "content/pages/kontakt.md"
    line: int | None  # 1-based; None when the whole file is meant
    message: str  # German: what is wrong
    fix: str  # German: what to do
    severity: str = ERROR  # ERROR stops the production build; HINT never does
    rule: str = ""  # short id, e.g. "metadata-missing"
    snippet: str = ""  # text to paste exactly as it stands (may have several lines)
    notes: tuple = ()  # further lines, e.g. the page and the HTML a rule found

    def render(self, preview=False):
        return report(
            self.severity,
            self.message,
            self.fix,
            where=place(self.path, self.line),
            snippet=self.snippet,
            notes=self.notes,
            preview=preview,
        )


class BuildError(Exception):
    """Stops the build. Carries an exit code, as Pelican's own errors do."""

    exitcode = 1

    def __init__(self, texts, headline):
        super().__init__("\n".join([*texts, "", headline]))


# A problem in a draft or hidden page does not stop the production build: it is not
# published. The preview names it all the same, as a hint.
UNPUBLISHED_NOTE = (
    " Die Datei ist ein Entwurf oder verborgen und wird nicht veröffentlicht; "
    "das hält den Bau nicht auf."
)
UNPUBLISHED_MARK = " (Entwurf/verborgen)"  # the short form, after a [[placeholder]]


def as_unpublished(finding):
    """The finding as a hint for a file production does not publish."""
    if finding.severity != ERROR:
        return finding
    note = UNPUBLISHED_MARK if finding.rule == "placeholder" else UNPUBLISHED_NOTE
    return replace(finding, severity=HINT, message=finding.message + note)


def sort_key(finding):
    return (finding.path, finding.line or 0)


# Settings key (lower case: not a user setting) of this build's Ledger.
LEDGER = "sitekit_ledger"


@dataclass
class Ledger:
    """What one build found, for the end-of-build report and the preview server.

    addresses: each Markdown source ("content/pages/x.md") -> the address of its page
    ("x/", "entwurf/x/"), built or, for a source that could not be built, the one it
    would have; built: the sources that got a page.
    """

    findings: list = field(default_factory=list)
    addresses: dict = field(default_factory=dict)
    built: set = field(default_factory=set)

    def add(self, findings):
        self.findings.extend(findings)


def ledger(settings):
    """The Ledger of the build these settings belong to (made on first use)."""
    found = settings.get(LEDGER)
    if found is None:
        found = settings[LEDGER] = Ledger()
    return found
