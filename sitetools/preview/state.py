"""What the preview knows after each build: plain data, read by the server's threads.

A build's ledger (sitekit.findings.Ledger) says what was found and where each page is;
the preview adds what it remembers across builds: every address a source has had, so an
open tab at an old address can follow its page (a draft published, a title changed).
"""

from dataclasses import dataclass, field

from sitekit.findings import ERROR


@dataclass(frozen=True)
class Snapshot:
    """One finished build, as the server answers from it (never changed once made)."""

    number: int = 0
    findings: tuple = ()  # sitekit Findings, in report order
    addresses: dict = field(default_factory=dict)  # source -> address, built or would-be
    built: frozenset = frozenset()  # sources that got a page
    history: dict = field(default_factory=dict)  # every address seen -> its source

    def findings_of(self, source):
        return [f for f in self.findings if f.path == source]

    def source_at(self, address):
        """The source whose page is (or would be) at address, or None."""
        return next((s for s, a in self.addresses.items() if a == address), None)

    def unbuilt_at(self, address):
        """The source that would have a page at address but could not be built, or None."""
        return next(
            (s for s, a in self.addresses.items() if a == address and s not in self.built), None
        )

    def moved_to(self, address):
        """The new address of a page that was at address in an earlier build, or None."""
        source = self.history.get(address)
        new = self.addresses.get(source)
        return new if source in self.built and new != address else None

    @property
    def blocking(self):
        """Findings that would stop the production build."""
        return [f for f in self.findings if f.severity == ERROR]


def next_snapshot(previous, ledger):
    """The snapshot after a build with this ledger (None: the build broke; keep what was)."""
    if ledger is None:
        return Snapshot(
            previous.number + 1,
            previous.findings,
            previous.addresses,
            previous.built,
            previous.history,
        )
    history = dict(previous.history)
    for source in ledger.built:
        history[ledger.addresses[source]] = source
    return Snapshot(
        previous.number + 1,
        tuple(ledger.findings),
        dict(ledger.addresses),
        frozenset(ledger.built),
        history,
    )
