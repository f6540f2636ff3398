"""Addresses, heading anchors and file names in plain ASCII: "Über ł und é" → "ueber-l-und-e".

One table, TRANSLITERATION, says how each letter is written: the German umlauts and ß
spelled out (ä → ae, ß → ss), every other letter of Europe's scripts (Latin, Greek,
Cyrillic) as Unidecode writes it (é → e, ł → l, æ → ae, ı → i, ж → zh). Letters of other
scripts, marks and symbols are left out. Pelican gets the table as
SLUG_REGEX_SUBSTITUTIONS (pelicanconf.py), so every page, article, tag and category
address follows it, and so do Pelican's own comparisons of tag and category names;
`slug` does the same in one pass for the association plugin (which hands each title, tag,
category and author its slug), content_check and `make new`; `heading_id` uses the table
for the anchors of headings.
"""

import functools
import re
import unicodedata

from markupsafe import Markup
from unidecode import unidecode

# Spelled out the German way; Unidecode alone would write ä as "a".
GERMAN_LETTERS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}

# The Unicode blocks of the letters of Europe's languages.
SCRIPTS = (
    (0x00C0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese ễ, German ẞ)
)


def _transliteration():
    table = {}
    for first, last in SCRIPTS:
        for letter in map(chr, range(first, last + 1)):
            # Titles are NFKC-normalised first (Pelican does), so other forms never occur.
            if not letter.isalpha() or unicodedata.normalize("NFKC", letter) != letter:
                continue
            # Addresses are lowercase; spelling the lowercase letter keeps both cases alike
            # (Unidecode writes Ξ as "Ks" but ξ as "x").
            lower = letter.lower()
            spelled = (GERMAN_LETTERS.get(lower) or unidecode(lower)).lower()
            if spelled.isascii() and spelled.isalpha():
                table[letter] = spelled
    return table


# How each letter is written in addresses and anchors: {"ä": "ae", "Ä": "ae", "é": "e",
# "ł": "l", "ж": "zh", …}, lowercase like them.
TRANSLITERATION = _transliteration()
_BY_ORDINAL = str.maketrans(TRANSLITERATION)


def _letter_substitutions():
    """TRANSLITERATION as (pattern, replacement) pairs for Pelican's slugify.

    Pelican applies each pair case-insensitively, so one character class per spelling
    is enough: 64 passes over a title (about 0.2 ms) instead of one per letter (880).
    """
    letters = {}
    for letter, spelled in TRANSLITERATION.items():
        letters.setdefault(spelled, []).append(letter)
    return [(f"[{''.join(group)}]", spelled) for spelled, group in sorted(letters.items())]


# Pelican's slugify with use_unicode=True: NFKC, then each pair in order (ignoring case),
# then lowercase. After the letters come Pelican's default pairs, the first one limited
# to ASCII (the `a` flag) so that letters of other scripts drop out.
SLUG_REGEX_SUBSTITUTIONS = [
    *_letter_substitutions(),
    (r"(?a)[^\w\s-]", ""),  # keep ASCII letters, digits, _, whitespace and -
    (r"(?u)\A\s*", ""),  # strip leading whitespace
    (r"(?u)\s*\Z", ""),  # strip trailing whitespace
    (r"[-\s]+", "-"),  # whitespace and runs of - become one -
]


# As Pelican reads the table: ignoring case, also where a letter's other case lies outside
# the table's blocks (ȿ and Ȿ).
_ANY_CASE = str.maketrans(
    {
        variant: spelled
        for letter, spelled in TRANSLITERATION.items()
        for variant in (letter, letter.upper(), letter.lower())
        if len(variant) == 1
    }
)
_NOT_IN_ADDRESS = re.compile(r"(?a)[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")


@functools.lru_cache(maxsize=8192)
def slug(text):
    """The address of a title, tag or category: "Die IT-Gruppe sucht Verstärkung" →
    "die-it-gruppe-sucht-verstaerkung". The one rule for addresses and `make new`'s file
    names: exactly what Pelican's slugify makes with SLUG_REGEX_SUBSTITUTIONS (tested
    letter by letter), in one pass instead of its 68 (0.02 instead of 0.23 ms a title;
    a build makes thousands), and the association plugin hands it to Pelican."""
    text = unicodedata.normalize("NFKC", Markup(text).striptags()).translate(_ANY_CASE)
    text = _NOT_IN_ADDRESS.sub("", text).strip()
    return _SEPARATORS.sub("-", text).lower().strip()


def transliterate(text):
    """The letters of TRANSLITERATION spelled in ASCII: "Über Łódź" → "ueber lodz"."""
    return unicodedata.normalize("NFKC", text).translate(_BY_ORDINAL)


def heading_id(text, separator):
    """Anchors of headings spelled like addresses: "Über ł und é" → "ueber-l-und-e".

    Markdown's toc slugify would drop letters that do not decompose (ł, ø, ß) and
    write ä as "a", so it gets the transliterated text.
    """
    from markdown.extensions.toc import slugify

    return slugify(transliterate(text), separator)
