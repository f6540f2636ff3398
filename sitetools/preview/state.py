"""What the preview knows after each build: plain data, read by the server's threads.

A build's ledger (sitekit.findings.Ledger) says what was found and where each page is;
the preview adds what it remembers across builds: every address a source has had, so an
open tab at an old address can follow its page (a draft published, a title changed).
"""

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Snapshot:
    """One finished build, as the server answers from it (never changed once made)."""

    number: int = 0
    findings: tuple = ()  # sitekit Findings, in report order
    addresses: dict = field(default_factory=dict)  # source -> address, built or would-be
    built: frozenset = frozenset()  # sources that got a page
    history: dict = field(default_factory=dict)  # every address seen -> its source
    failed: bool = False  # the last build broke: what is served is from the one before

    def findings_of(self, source):
        return [f for f in self.findings if f.path == source]

    def source_at(self, address):
        """The source whose page is (or would be) at address, or None."""
        return next((s for s, a in self.addresses.items() if a == address), None)

    def unbuilt_at(self, address):
        """The source that has (or last had) its page at address but could not be built
        this time, or None: then its problems are shown there."""
        for source, at in self.addresses.items():
            if at == address and source not in self.built:
                return source
        source = self.history.get(address)  # e.g. the title is broken: no address now
        if source is not None and source not in self.built and self.findings_of(source):
            return source
        return None

    def moved_to(self, address):
        """The new address of a page that was at address in an earlier build, or None."""
        source = self.history.get(address)
        new = self.addresses.get(source)
        return new if source in self.built and new != address else None


def next_snapshot(previous, ledger):
    """The snapshot after a build with this ledger (None: the build broke; keep what was)."""
    if ledger is None:
        return replace(previous, number=previous.number + 1, failed=True)
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
