"""What the Spenden page shows, from the [spenden] table of verein.toml: pure functions.

assess() checks the bank details and decides whether a GiroCode can be made: only from a
real account holder, a valid IBAN and a real purpose (and a valid BIC, if one is given).
While any of them is a [[placeholder]] or wrong, the page says what is missing instead
(the preview; the production build stops on placeholders and errors anyway).
"""

import hashlib
from dataclasses import dataclass, field

from sitekit.constants import IMAGE_HASH_LENGTH
from sitekit.findings import ERROR, WARNING
from sitekit.placeholders import PLACEHOLDER

from . import bank, epc

SECTION = "spenden"
# Keys of [spenden] in the order the page lists them, with the label a visitor reads.
LABELS = {
    "kontoinhaber": "Kontoinhaber",
    "iban": "IBAN",
    "bic": "BIC",
    "bank": "Bank",
    "verwendungszweck": "Verwendungszweck",
}
REQUIRED = ("kontoinhaber", "iban", "verwendungszweck")  # what every transfer needs
# The SVG is named by its content like every image variant ("bilder/<20 hex>-<width>.svg"):
# a new IBAN gets a new address at once, and .htaccess lets browsers keep it for a year.
FOLDER = "bilder"


@dataclass(frozen=True)
class Issue:
    key: str  # the key in [spenden] the problem is about
    severity: str
    problem: bank.Problem


@dataclass(frozen=True)
class Donation:
    """For the template (GIROCODE): the account rows, the code's file, or why it is missing."""

    rows: tuple = ()  # (label, value, key) of every filled-in key, in LABELS order
    code: str | None = None  # the SVG's address below SITEURL
    size: int = 0  # its width and height in CSS pixels
    alt: str = ""
    missing: tuple = ()  # labels of what keeps the code away
    note: str = ""  # the preview's sentence about them, where the code would be
    issues: tuple = ()
    svg: bytes = field(default=b"", repr=False)


def text(section, key):
    value = section.get(key)
    return value.strip() if isinstance(value, str) else ""


def is_real(value):
    """True for a filled-in value without [[…]]."""
    return bool(value) and not PLACEHOLDER.search(value)


def assess(section, facts_path="content/verein.toml", folder=FOLDER):
    """The Donation for a [spenden] table (a dict; empty when the table is missing)."""
    values = {key: text(section, key) for key in LABELS}
    issues = []
    if is_real(values["iban"]) and (problem := bank.iban_problem(values["iban"])):
        issues.append(Issue("iban", ERROR, problem))
    if is_real(values["bic"]):
        if problem := bank.bic_problem(values["bic"]):
            issues.append(Issue("bic", ERROR, problem))
        elif problem := bank.bic_mismatch(values["bic"], values["iban"]):
            # The Bundesbank's list may lag behind a bank's merger: say it, do not stop.
            issues.append(Issue("bic", WARNING, problem))
    transfer = epc.Transfer(
        name=values["kontoinhaber"],
        iban=bank.compact(values["iban"]),
        text=values["verwendungszweck"],
        bic=bank.compact(values["bic"]) if is_real(values["bic"]) else "",
    )
    issues += _length_issues(values, transfer)
    wrong = {issue.key for issue in issues if issue.severity == ERROR}
    unusable = [k for k in REQUIRED if not is_real(values[k]) or k in wrong]
    if values["bic"] and (not is_real(values["bic"]) or "bic" in wrong):
        unusable.append("bic")  # the code carries no BIC it cannot vouch for
    rows = tuple(
        (label, bank.grouped(values[key]) if key == "iban" else values[key], key)
        for key, label in LABELS.items()
        if values[key]
    )
    missing = tuple(LABELS[key] for key in LABELS if key in unusable)
    if missing:
        note = missing_note(missing, facts_path)
        return Donation(rows, missing=missing, note=note, issues=tuple(issues))
    code = epc.qr_code(epc.payload(transfer))
    svg = epc.svg(code)
    digest = hashlib.sha256(svg).hexdigest()[:IMAGE_HASH_LENGTH]
    size = code.symbol_size(scale=epc.SCALE, border=epc.BORDER)[0]
    return Donation(
        rows,
        code=f"{folder}/{digest}-{size}.svg",
        size=size,
        alt=f"GiroCode für eine Überweisung an {transfer.name}",
        issues=tuple(issues),
        svg=svg,
    )


def _length_issues(values, transfer):
    """What exceeds the EPC code: name 70 and purpose 140 characters, 331 bytes in all."""
    issues = []
    for key, limit in (("kontoinhaber", epc.MAX_NAME), ("verwendungszweck", epc.MAX_TEXT)):
        if len(values[key]) > limit:
            problem = bank.Problem(
                f"Die Angabe „{LABELS[key]}“ hat {len(values[key])} Zeichen; in den GiroCode "
                f"passen höchstens {limit}.",
                "Die Angabe kürzen.",
            )
            issues.append(Issue(key, ERROR, problem))
    if not issues and len(epc.payload(transfer)) > epc.MAX_BYTES:  # many letters like ä, ß
        problem = bank.Problem(
            "Kontoinhaber und Verwendungszweck sind zusammen zu lang für den GiroCode.",
            "Den Verwendungszweck kürzen.",
        )
        issues.append(Issue("verwendungszweck", ERROR, problem))
    return issues


def missing_note(missing, facts_path):
    """The preview's sentence where the code would be."""
    return (
        f"Vorschau: Hier erscheint der GiroCode, sobald in {facts_path} im Abschnitt "
        f"[{SECTION}] diese Angaben stimmen: {', '.join(missing)}."
    )
