"""German text in one place: numbers, sizes, durations and counts, dates and times, and the
layout of every problem report a volunteer reads (label, where, what, what it usually means, what to do).

Plugins, sitetools and tasks.py format numbers and write "FEHLER"/"So beheben" only
through this module. Numbers follow CLDR's de_DE rules through Babel (grouping with
".", decimal comma), so no code builds them from string replacements.
"""

from babel.dates import get_day_names, get_month_names
from babel.numbers import format_decimal

LOCALE = "de_DE"

ERROR = "error"
WARNING = "warning"
HINT = "hint"
LABELS = {ERROR: "FEHLER", WARNING: "WARNUNG", HINT: "HINWEIS"}
ERROR_LABEL = LABELS[ERROR]  # for messages that name no file: "FEHLER: …"

INDENT = "    "  # continuation lines of a report
FIX = "So beheben:"
CAUSE = "Meist heißt das:"


def number(value, decimals=0):
    """1234567 → "1.234.567"; number(2.5, 1) → "2,5"."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def count(value, one, many):
    """count(1, "Datei", "Dateien") → "1 Datei"; count(1234, …) → "1.234 Dateien"."""
    return f"{number(value)} {one if value == 1 else many}"


def kilobytes(size):
    """120300 → "120,3 kB" (1 kB = 1000 bytes)."""
    return f"{number(size / 1000, 1)} kB"


def megabytes(size):
    """1234567 → "1,2 MB"."""
    return f"{number(size / 1_000_000, 1)} MB"


def seconds(value, decimals=1):
    """2.54 → "2,5 Sekunden"."""
    return f"{number(value, decimals)} Sekunden"


# Month and weekday names from CLDR (Babel), like the numbers above.
MONTHS = tuple(get_month_names("wide", locale=LOCALE)[month] for month in range(1, 13))
WEEKDAYS = tuple(get_day_names("wide", locale=LOCALE)[day] for day in range(7))  # Monday first
# "Jan.", "März", "Dez.": the month on the start page's date leaves.
MONTHS_SHORT = tuple(get_month_names("abbreviated", locale=LOCALE)[m] for m in range(1, 13))
WEEKDAYS_SHORT = tuple(get_day_names("abbreviated", locale=LOCALE)[day] for day in range(7))


def date(value):
    """27. November 2026 (independent of the machine's locale)."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def short_month(value):
    """Dez. (the month of a date, abbreviated as German calendars print it)."""
    return MONTHS_SHORT[value.month - 1]


def weekday_date(value):
    """Freitag, 27. November 2026"""
    return f"{WEEKDAYS[value.weekday()]}, {date(value)}"


def short_weekday_date(value):
    """Fr., 27. November 2026 (a Termin's badge)"""
    return f"{WEEKDAYS_SHORT[value.weekday()]}, {date(value)}"


def clock(value):
    """19:00 (a datetime or time; the reader adds "Uhr" where a sentence needs it)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def label(severity, preview=False):
    """ "FEHLER", "WARNUNG" or "HINWEIS". While previewing an error is a "WARNUNG": the
    preview builds anyway, but the production build would stop there."""
    return LABELS[WARNING] if preview and severity == ERROR else LABELS[severity]


def fix_line(fix):
    """The indented "So beheben: …" line under a report."""
    return f"{INDENT}{FIX} {fix}"


SNIPPET_INDENT = INDENT * 2


def snippet_lines(snippet):
    """Text to paste, one more level in: every line as it must be pasted (TOML and the
    Markdown header both ignore the indentation)."""
    return [f"{SNIPPET_INDENT}{line}" if line else "" for line in snippet.splitlines()]


def report(
    severity,
    message,
    fix=None,
    *,
    where=None,
    cause=None,
    notes=(),
    snippet="",
    preview=False,
):
    """One problem as the volunteer reads it:

    FEHLER in content/pages/kontakt.md, Zeile 3: <message>
        Meist heißt das: <cause>
        So beheben: <fix>
            <snippet, line by line, exactly as it must be pasted>
        <each note>
    """
    lines = [f"{label(severity, preview)}{f' in {where}' if where else ''}: {message}"]
    if cause:
        lines.append(f"{INDENT}{CAUSE} {cause}")
    if fix:
        lines.append(fix_line(fix))
    lines += snippet_lines(snippet)
    lines += [f"{INDENT}{note}" for note in notes]
    return "\n".join(lines)


def place(path, line=None):
    """ "content/pages/kontakt.md, Zeile 3" (or only the path)."""
    return path if line is None else f"{path}, Zeile {line}"


def reading_time(minutes):
    """4 → "etwa 4 Minuten"; 1 → "etwa 1 Minute" (sitekit.reading counts the minutes)."""
    return f"etwa {count(minutes, 'Minute', 'Minuten')}"
