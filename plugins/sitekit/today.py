"""The one "today" of a build: what counts as past (a call's end, an event's end) is
decided against it, by every plugin and template alike.

SITE_TODAY in the settings (pelicanconf.py takes it from the environment variable of the
same name): None means the real date; "2027-04-01" pretends to be that day, so tests and CI
can move "today" without waiting (`SITE_TODAY=2027-04-01 make build`).
"""

import datetime

from sitekit.german import ERROR, fix_line, label
from sitekit.settings import SettingsError

SETTING = "SITE_TODAY"


def parse(value):
    """None, a date or "YYYY-MM-DD" → the date it means (None: the real date);
    SettingsError in German for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SettingsError(
            f"{label(ERROR)} in den Einstellungen: „{SETTING} = {value!r}“ ist kein Datum.\n"
            + fix_line(
                f"das Datum als Jahr-Monat-Tag angeben, z. B. {SETTING}=2027-04-01, oder die "
                "Variable weglassen (dann gilt das echte Datum)."
            )
        ) from None


def today(settings=None):
    """The build's today: SITE_TODAY of the settings, else the real date."""
    return parse((settings or {}).get(SETTING)) or datetime.date.today()
