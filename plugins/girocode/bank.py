"""IBAN and BIC checks in German (schwifty): pure functions, tested without Pelican.

schwifty checks in the order a volunteer needs the answer: the country code, the length
for that country, the characters, then the check digits (ISO 13616, mod 97). It also knows
which BIC belongs to a German bank code (the Bundesbank's list), so a BIC that belongs to
another bank is noticed.
"""

from dataclasses import dataclass

from schwifty import BIC, IBAN
from schwifty import exceptions as invalid

# What to do about any IBAN problem: the volunteer has the real one in front of them.
IBAN_FIX = (
    "Die IBAN Zeichen für Zeichen mit dem Kontoauszug oder der Banking-App vergleichen und "
    "berichtigen. Leerzeichen zwischen den Vierergruppen sind erlaubt."
)
BIC_FIX = (
    "Die BIC mit dem Kontoauszug oder der Banking-App vergleichen und berichtigen, oder die "
    'Zeile leer lassen (bic = ""): Für Überweisungen im Euro-Raum genügt die IBAN.'
)


@dataclass(frozen=True)
class Problem:
    message: str  # German: what is wrong
    fix: str  # German: what to do


def compact(value):
    """ "de89 3704 0044 0532 0130 00" → "DE89370400440532013000"."""
    return "".join(str(value).split()).upper()


def grouped(value):
    """An IBAN in groups of four, as printed on paper (DIN 5008): easier to read aloud and
    to compare. Any text that is not an IBAN is returned as it is."""
    text = compact(value)
    if len(text) < 5 or not text[:2].isalpha() or not text[2:4].isdigit():
        return str(value)
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def iban_problem(value):
    """None for a valid IBAN, else a Problem saying what is wrong with it."""
    text = compact(value)
    shown = f"„{grouped(value)}“"
    try:
        iban = IBAN(text, allow_invalid=True)
        iban.validate()
    except invalid.InvalidCountryCode:
        return Problem(
            f"Die IBAN {shown} beginnt nicht mit einem Ländercode; "
            "eine IBAN aus Deutschland beginnt mit „DE“.",
            IBAN_FIX,
        )
    except invalid.InvalidLength:
        expected = iban.spec.iban_length
        return Problem(
            f"Die IBAN {shown} hat {len(text)} Zeichen; eine IBAN, die mit „{text[:2]}“ "
            f"beginnt, hat {expected}. Meist fehlt eine Ziffer oder eine ist doppelt.",
            IBAN_FIX,
        )
    except invalid.InvalidStructure:
        return Problem(
            f"Die IBAN {shown} enthält ein Zeichen, das an seiner Stelle nicht stehen darf, "
            "zum Beispiel den Buchstaben O statt der Ziffer 0.",
            IBAN_FIX,
        )
    except invalid.InvalidChecksumDigits:
        return Problem(
            f"Die IBAN {shown} stimmt nicht: Ihre Prüfziffern ({text[2:4]}) passen nicht zu den "
            "übrigen Ziffern. Meist ist das ein Tippfehler oder ein Zahlendreher.",
            IBAN_FIX,
        )
    except invalid.SchwiftyException:
        return Problem(f"Die IBAN {shown} ist ungültig.", IBAN_FIX)
    return None


def bic_problem(value):
    """None for a BIC of the right form (ISO 9362), else a Problem."""
    text = compact(value)
    try:
        BIC(text)
    except invalid.InvalidLength:
        return Problem(
            f"Die BIC „{text}“ hat {len(text)} Zeichen; eine BIC hat 8 oder 11.", BIC_FIX
        )
    except invalid.SchwiftyException:
        return Problem(
            f"Die BIC „{text}“ ist nicht richtig aufgebaut: 4 Buchstaben für die Bank, 2 für "
            "das Land (DE), dann 2 und eventuell 3 weitere Zeichen, z. B. COBADEFFXXX.",
            BIC_FIX,
        )
    return None


def bic_mismatch(bic, iban):
    """A Problem when a well-formed BIC belongs to another bank than the valid IBAN (by the
    Bundesbank's list of bank codes); None when it fits or when that cannot be known."""
    if bic_problem(bic) or iban_problem(iban):
        return None
    account = IBAN(compact(iban))
    try:
        expected = account.bic
    except invalid.SchwiftyException:
        return None
    # The first 8 characters name the bank and its place; the last 3 only a branch.
    if expected is None or compact(bic)[:8] == str(expected)[:8]:
        return None
    return Problem(
        f"Die BIC „{compact(bic)}“ passt nicht zur IBAN: Zur Bankleitzahl {account.bank_code} "
        f"gehört laut Bundesbank die BIC „{expected}“.",
        BIC_FIX,
    )
