"""German dates without relying on the machine's locale."""

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def german_date(value):
    """27. November 2026"""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
