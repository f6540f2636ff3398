"""What an event's metadata means (`Layout: event`): when, how often, where, how online.

One reading for everyone: content_check turns the problems into findings at file and line,
the events plugin builds the pages' dates and the calendar (.ics) from the same Event.
Plain functions on strings, no Pelican. Times are local to Europe/Berlin, as volunteers
write them:

    Start: 2027-03-28 19:00        End: 21:00 (same day) or 2027-03-28 21:00
    Start: 2027-03-28              all day; End: 2027-03-29 for two days (last day)
    Repeat: alle 2 Wochen donnerstags     (REPEAT_FORMS lists every form)
    Except: 2027-04-08; 2027-12-24        Until: 2027-12-31   or   Count: 6
    Place: zak                     a place of [orte] in verein.toml, or an address text
    Online: Zugangsdaten auf Anfrage per E-Mail     never a meeting link

Repetitions are expanded with dateutil's rrule (which icalendar uses as well) on local
wall-clock times, so a meeting at 19:00 stays at 19:00 across the daylight-saving switches.
"""

import datetime
import difflib
import re
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule

from sitekit.german import MONTHS, WEEKDAYS, clock, weekday_date
from sitekit.german import date as german_date
from sitekit.placeholders import PLACEHOLDER

TIMEZONE_NAME = "Europe/Berlin"
TIMEZONE = zoneinfo.ZoneInfo(TIMEZONE_NAME)
KEYS = ("start", "end", "repeat", "except", "until", "count", "place", "online", "contact")
PLACES = "orte"  # the table of named places in verein.toml: [orte.zak] name = …, strasse = …

# Every form "Repeat:" understands, as the error message and the README list them.
REPEAT_FORMS = (
    "täglich",
    "wöchentlich",
    "jeden Donnerstag",
    "alle 2 Wochen",
    "alle 2 Wochen donnerstags",
    "monatlich",
    "monatlich am 2. Donnerstag",
    "monatlich am letzten Freitag",
    "vierteljährlich",
    "vierteljährlich am 2. Donnerstag",
    "halbjährlich",
    "alle 3 Monate",
    "jährlich",
    "FREQ=… (eine iCalendar-Regel nach RFC 5545, z. B. FREQ=WEEKLY;BYDAY=TH)",
)


@dataclass(frozen=True)
class Place:
    name: str
    address: str = ""  # "" when only a name is known
    key: str = ""  # the key in verein.toml's [orte]; "" for an address written out


@dataclass(frozen=True)
class Repetition:
    """A repetition rule: RRULE parts without UNTIL/COUNT (they come from Until:/Count:),
    or the author's raw RRULE text; text is the German description for the page."""

    parts: tuple = ()  # (("FREQ", "WEEKLY"), ("INTERVAL", "2"), ("BYDAY", "TH"))
    raw: str = ""
    text: str = ""


@dataclass(frozen=True)
class Event:
    start: datetime.date | datetime.datetime  # a date: all day; else naive local time
    end: datetime.date | datetime.datetime | None  # all day: the last day (inclusive)
    repeat: Repetition | None = None
    exceptions: tuple = ()  # dates on which a repetition does not take place
    until: datetime.date | None = None
    count: int | None = None
    place: Place | None = None
    online: str = ""
    contact: str = ""

    @property
    def all_day(self):
        return not isinstance(self.start, datetime.datetime)

    @property
    def attendance(self):
        """schema.org's eventAttendanceMode, without its prefix."""
        if self.place and self.online:
            return "MixedEventAttendanceMode"
        return "OnlineEventAttendanceMode" if self.online else "OfflineEventAttendanceMode"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an event's metadata, in German. key names the line ("" for
    the whole file); blocking: no calendar entry can be built from it."""

    key: str
    message: str
    fix: str
    snippet: str = ""
    blocking: bool = True


# --- dates and times ---------------------------------------------------------------------

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*Uhr)?)?$"
)
_GERMAN = re.compile(
    r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:,?\s+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*Uhr)?)?$"
)
_TIME = re.compile(r"^(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*Uhr)?$")


class _Unreadable(ValueError):
    """A date or time that cannot be read; args[0] says why, in German."""


def _moment(groups):
    """A date (no time given) or a naive datetime from regex groups; _Unreadable if the
    date or the time does not exist."""
    try:
        day = datetime.date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        raise _Unreadable("dieses Datum gibt es nicht") from None
    if groups["H"] is None:
        return day
    hour, minute = int(groups["H"]), int(groups["M"])
    if hour > 23 or minute > 59:
        raise _Unreadable("diese Uhrzeit gibt es nicht (Stunden 0 bis 23, Minuten 0 bis 59)")
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def parse_moment(value):
    """ "2027-03-28 19:00" → naive datetime, "2027-03-28" → date; None if it is not in
    this form; _Unreadable if it is, but the date or time does not exist."""
    match = _ISO.match(value.strip())
    return _moment(match.groupdict()) if match else None


def iso(moment):
    """The form authors write: "2027-03-28 19:00" or "2027-03-28"."""
    if isinstance(moment, datetime.datetime):
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def exists_locally(moment):
    """False for a wall-clock time skipped when the clocks go forward (2:30 on the night
    of the spring switch)."""
    if not isinstance(moment, datetime.datetime):
        return True
    aware = moment.replace(tzinfo=TIMEZONE)
    back = aware.astimezone(datetime.UTC).astimezone(TIMEZONE)
    return back.replace(tzinfo=None) == moment


def _day(moment):
    """The calendar day of a date or datetime."""
    return moment.date() if isinstance(moment, datetime.datetime) else moment


def aware(moment):
    """A naive local datetime (or a date, at midnight) as an aware Europe/Berlin datetime."""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time())
    return moment.replace(tzinfo=TIMEZONE)


# --- repetitions ---------------------------------------------------------------------------

_DAYS = {name.lower(): code for name, code in zip(WEEKDAYS, rrule.weekdays, strict=True)}
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_NUMBERS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "zwölf": 12}
_ORDINALS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "letzten": -1}
_EVERY = {
    "täglich": ("DAILY", 1),
    "jeden tag": ("DAILY", 1),
    "wöchentlich": ("WEEKLY", 1),
    "jede woche": ("WEEKLY", 1),
    "monatlich": ("MONTHLY", 1),
    "jeden monat": ("MONTHLY", 1),
    "vierteljährlich": ("MONTHLY", 3),
    "halbjährlich": ("MONTHLY", 6),
    "jährlich": ("YEARLY", 1),
    "jedes jahr": ("YEARLY", 1),
}
_UNITS = {
    "tag": "DAILY",
    "tage": "DAILY",
    "woche": "WEEKLY",
    "wochen": "WEEKLY",
    "monat": "MONTHLY",
    "monate": "MONTHLY",
    "jahr": "YEARLY",
    "jahre": "YEARLY",
}
_DAY_PATTERN = "|".join(_DAYS)
_REPEAT = re.compile(
    rf"^(?:(?P<every>{'|'.join(_EVERY)})"
    rf"|alle\s+(?P<n>\d+|{'|'.join(_NUMBERS)})\s+(?P<unit>{'|'.join(_UNITS)}))"
    rf"(?:,?\s+(?:am\s+|jeden\s+)?(?:(?P<nth>[1-5]\.|{'|'.join(_ORDINALS)})\s+)?"
    rf"(?P<day>{_DAY_PATTERN})s?)?(?:\s+(?:im\s+monat|des\s+monats))?$"
)
_WEEKDAY_ONLY = re.compile(rf"^(?:jeden\s+)?(?P<day>{_DAY_PATTERN})s?$")


def _forms_fix():
    return "Eine dieser Formen verwenden: " + "; ".join(f"„{f}“" for f in REPEAT_FORMS) + "."


def parse_repeat(value, start=None):
    """ "alle 2 Wochen donnerstags" → (Repetition, None); a raw "FREQ=…" rule is checked
    with dateutil. (None, Problem) if it cannot be understood or does not fit the start."""
    text = " ".join(value.strip().split())
    if text.upper().removeprefix("RRULE:").startswith("FREQ="):
        raw = text.upper().removeprefix("RRULE:")
        try:
            rrule.rrulestr(raw, dtstart=aware(start or datetime.date(2027, 1, 1)))
        except (ValueError, TypeError) as error:
            return None, _repeat_problem(value, f"die iCalendar-Regel ist ungültig: {error}")
        return Repetition(raw=raw, text="regelmäßig"), None
    lowered = text.lower().replace(".", ". ").replace(".  ", ". ").strip()
    lowered = " ".join(lowered.split())
    if match := _WEEKDAY_ONLY.match(lowered):
        lowered = f"wöchentlich {match['day']}"
    match = _REPEAT.match(lowered)
    if not match:
        return None, _repeat_problem(value, "diese Form ist unbekannt")
    if match["every"]:
        freq, interval = _EVERY[match["every"]]
    else:
        number = match["n"]
        interval = int(number) if number.isdigit() else _NUMBERS[number]
        freq = _UNITS[match["unit"]]
        if interval < 1:
            return None, _repeat_problem(value, "die Zahl muss mindestens 1 sein")
    nth = match["nth"]
    nth = None if nth is None else _ORDINALS.get(nth) or int(nth.rstrip("."))
    day = match["day"]
    parts = [("FREQ", freq)] + ([("INTERVAL", str(interval))] if interval > 1 else [])
    if day and freq == "DAILY":
        return None, _repeat_problem(value, "ein Wochentag passt nicht zu „täglich“")
    if day and freq == "YEARLY":
        return None, _repeat_problem(value, "bei jährlichen Terminen gilt das Datum des Starts")
    if day and freq == "WEEKLY" and nth:
        return None, _repeat_problem(
            value, "„am 2. Donnerstag“ gibt es nur bei monatlichen Terminen"
        )
    if day and freq == "MONTHLY" and not nth:
        return None, _repeat_problem(
            value, "welcher Donnerstag im Monat? z. B. „monatlich am 2. Donnerstag“"
        )
    code = _DAY_CODES[list(_DAYS).index(day)] if day else None
    if code:
        parts.append(("BYDAY", f"{nth or ''}{code}"))
    repetition = Repetition(parts=tuple(parts), text=describe(freq, interval, nth, day, start))
    if start is not None and day:
        first = rrule.rrulestr(rule_text(repetition), dtstart=aware(start))[0]
        if first.date() != _day(start):
            wanted = WEEKDAYS[list(_DAYS).index(day)]
            if nth:
                which = f"{'letzte' if nth == -1 else f'{nth}.'} {wanted}"
                why = f"der {german_date(start)} ist nicht der {which} im Monat"
            else:
                why = f"der {german_date(start)} ist ein {WEEKDAYS[start.weekday()]}"
            return None, Problem(
                "repeat",
                f"„Repeat: {value}“ passt nicht zum Start: {why}.",
                "Den Start auf den ersten Termin der Reihe legen oder die Wiederholung anpassen.",
            )
    return repetition, None


def describe(freq, interval, nth, day, start):
    """German description of a repetition for the page: "jeden Donnerstag", "alle 2 Wochen
    donnerstags", "jeden 2. Donnerstag im Monat", "alle 3 Monate am 2. Donnerstag"."""
    if day:
        weekday = WEEKDAYS[list(_DAYS).index(day)]
    else:
        weekday = WEEKDAYS[start.weekday()] if start is not None else None
    units = {"DAILY": "Tage", "WEEKLY": "Wochen", "MONTHLY": "Monate", "YEARLY": "Jahre"}
    every = f"alle {interval} {units[freq]}" if interval > 1 else None
    if freq == "DAILY":
        return every or "täglich"
    if freq == "WEEKLY":
        if every:
            return f"{every} {weekday.lower()}s" if weekday else every
        return f"jeden {weekday}" if weekday else "wöchentlich"
    if freq == "MONTHLY":
        if nth:
            which = f"{'letzten' if nth == -1 else f'{nth}.'} {weekday}"
            return f"{every} am {which}" if every else f"jeden {which} im Monat"
        on = f" am {start.day}." if start is not None else ""
        return f"{every or 'monatlich'}{on}"
    on = f" am {start.day}. {MONTHS[start.month - 1]}" if start is not None else ""
    return f"{every or 'jährlich'}{on}"


def _repeat_problem(value, why):
    return Problem(
        "repeat",
        f"Die Wiederholung „Repeat: {value}“ ist nicht zu verstehen ({why}).",
        _forms_fix(),
    )


def rule_text(repetition, until=None, count=None, all_day=False):
    """The RRULE value: our parts plus UNTIL (the until day's end; in UTC for timed events,
    as RFC 5545 requires with a TZID start; a DATE for all-day ones) or COUNT."""
    if repetition.raw:
        return repetition.raw
    parts = list(repetition.parts)
    if until is not None:
        if all_day:
            parts.append(("UNTIL", until.strftime("%Y%m%d")))
        else:
            last = aware(datetime.datetime.combine(until, datetime.time(23, 59, 59)))
            parts.append(("UNTIL", last.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")))
    if count is not None:
        parts.append(("COUNT", str(count)))
    return ";".join(f"{name}={value}" for name, value in parts)


def starts(event):
    """Every start of the event (aware datetimes; all-day ones at local midnight) as a
    dateutil rruleset: the repetition less the exceptions. Unbounded for a rule without
    an end: take what you need with .between() or .xafter()."""
    first = aware(event.start)
    series = rrule.rruleset()
    if event.repeat is None:
        series.rdate(first)
        return series
    text = rule_text(event.repeat, event.until, event.count)  # UTC UNTIL: aware dtstart
    series.rrule(rrule.rrulestr(text, dtstart=first))
    for day in event.exceptions:
        series.exdate(aware(datetime.datetime.combine(day, first.timetz().replace(tzinfo=None))))
    return series


def duration(event):
    """How long one occurrence lasts (all day: whole days; no End: nothing)."""
    if event.end is None:
        return datetime.timedelta(0) if not event.all_day else datetime.timedelta(days=1)
    if event.all_day:
        return event.end - event.start + datetime.timedelta(days=1)
    return event.end - event.start


# --- places and links --------------------------------------------------------------------

_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


def place_address(table):
    """ "Straße 1, 37073 Göttingen" from a place's table in verein.toml."""
    town = " ".join(str(table.get(k, "")).strip() for k in ("plz", "ort")).strip()
    return ", ".join(p for p in (str(table.get("strasse", "")).strip(), town) if p)


def known_places(facts):
    """{key: Place} of verein.toml's [orte]."""
    table = (facts or {}).get(PLACES)
    if not isinstance(table, dict):
        return {}
    return {
        key.lower(): Place(str(value.get("name") or key), place_address(value), key)
        for key, value in table.items()
        if isinstance(value, dict)
    }


def parse_place(value, places, facts_path="content/verein.toml"):
    """(Place, Problem or None). A single word is a key of [orte]; text with a space or a
    comma is an address written out ("Rathaus, Markt 1, 37073 Göttingen")."""
    text = value.strip()
    if not _KEY.match(text):
        if named := _by_name(text, places):
            return _named_place(text, named)
        name, _, address = text.partition(",")
        return Place(name.strip(), address.strip()), None
    if text.lower() in places:
        return places[text.lower()], None
    if named := _by_name(text, places):
        return _named_place(text, named)
    names = sorted(places)
    close = difflib.get_close_matches(text.lower(), names, n=1)
    meant = f" Meinten Sie „{close[0]}“?" if close else ""
    known = (
        f" Bekannt sind: {', '.join(f'„{n}“' for n in names)}."
        if names
        else f" In {facts_path} steht noch kein Ort."
    )
    return Place(text), Problem(
        "place",
        f"Den Ort „{text}“ gibt es nicht in {facts_path}.{meant}{known}",
        "Einen der bekannten Namen verwenden, eine Anschrift mit Komma schreiben (z. B. "
        "„Place: Rathaus, Markt 1, 37073 Göttingen“) oder den Ort am Ende von "
        f"{facts_path} ergänzen:",
        f'[{PLACES}.{text.lower()}]\nname = "[[Name des Ortes]]"\n'
        'strasse = "[[Straße und Hausnummer]]"\nplz = "[[Postleitzahl]]"\nort = "[[Ort]]"',
        blocking=False,
    )


# What lets anyone into an online meeting: a video-meeting service's link (also without
# https://) or a meeting ID / passcode with its value. Never published with an event.
MEETING_HOSTS = (
    "zoom.us",
    "meet.jit.si",
    "jitsi",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "meet.google.com",
    "bigbluebutton",
    "senfcall.de",
    "whereby.com",
    "gotomeeting.com",
)
_ACCESS_CODE = re.compile(
    r"(?i)\b(?:meeting-?id|konferenz-?id|sitzungs-?id|kenncode|passcode|kennwort|passwort|"
    r"zugangscode)\b\s*:?\s*(?=\S*\d)\S+"
)


def meeting_access(text):
    """The first thing in text that lets anyone into an online meeting (a meeting
    service's link, a meeting ID or passcode with its value), or None."""
    for match in _LINK.finditer(text.replace("@", " @ ")):
        if any(host in match[0].lower() for host in MEETING_HOSTS):
            return match[0]
    code = _ACCESS_CODE.search(text)
    return code[0] if code else None


ACCESS_FIX = (
    "Zugangsdaten nur auf Anfrage weitergeben; in der Datei stattdessen schreiben, wie man "
    "sie bekommt, z. B.:"
)
ACCESS_SNIPPET = "Online: Zugangsdaten auf Anfrage per E-Mail an {{ verein.kontakt.email }}"


def _plain(text):
    return re.sub(r"[\W_]+", "", text).lower()


def _by_name(text, places):
    """The known place whose name (not key) the text is, e.g. "Z.a.K." for zak."""
    return next((p for p in places.values() if _plain(p.name) == _plain(text)), None)


def _named_place(text, place):
    """A place written by its name: the known place, with a hint to write its key."""
    return place, Problem(
        "place",
        f"„{text}“ ist der Name des Ortes „{place.key}“; unter „Place“ steht sein Kurzname.",
        "Die Zeile ersetzen durch:",
        f"Place: {place.key}",
        blocking=False,
    )


def find_link(text):
    """The first web link in text (e-mail addresses are fine), or None."""
    match = _LINK.search(text.replace("@", " @ "))
    return match[0] if match else None


# --- the whole event -----------------------------------------------------------------------


def _is_placeholder(value):
    return bool(PLACEHOLDER.search(value))


# How a date and time are written, for fixes that cannot know the right value.
FORM = "JJJJ-MM-TT HH:MM"
FORM_WORDS = "Jahr-Monat-Tag Stunde:Minute, z. B. 2027-03-28 19:00; ganztägig ohne Uhrzeit"


def _read_moment(meta, key, problems):
    """The date/time under key, or None (missing, a placeholder, or a problem)."""
    value = meta.get(key, "").strip()
    if not value or _is_placeholder(value):
        return None
    try:
        moment = parse_moment(value)
    except _Unreadable as why:
        problems.append(
            Problem(
                key,
                f"„{key.capitalize()}: {value}“ ist kein gültiger Zeitpunkt: {why}.",
                f"Datum und Uhrzeit prüfen und in dieser Form schreiben ({FORM_WORDS}):",
                f"{key.capitalize()}: {FORM}",
            )
        )
        return None
    if moment is None:
        german = _GERMAN.match(value)
        example = None  # never a made-up date: pasted as printed, it would go online
        if german:
            try:
                example = iso(_moment(german.groupdict()))
            except _Unreadable:
                pass
        problems.append(
            Problem(
                key,
                f"„{key.capitalize()}: {value}“ ist kein Zeitpunkt in der Form Jahr-Monat-Tag "
                "mit Uhrzeit (ganztägig ohne Uhrzeit).",
                "Die Zeile ersetzen durch:"
                if example
                else f"Die Zeile in dieser Form schreiben ({FORM_WORDS}):",
                f"{key.capitalize()}: {example or FORM}",
            )
        )
        return None
    if not exists_locally(moment):
        problems.append(
            Problem(
                key,
                f"Am {german_date(moment)} gibt es die Uhrzeit {clock(moment)} nicht: In dieser "
                "Nacht werden die Uhren von 2 auf 3 Uhr vorgestellt (Sommerzeit).",
                "Eine andere Uhrzeit wählen, z. B. 3 Uhr.",
                blocking=False,
            )
        )
    return moment


def _read_end(meta, start, problems):
    value = meta.get("end", "").strip()
    if not value or _is_placeholder(value) or start is None:
        return None
    time_only = _TIME.match(value)
    if time_only and isinstance(start, datetime.datetime):
        hour, minute = int(time_only["H"]), int(time_only["M"])
        if hour > 23 or minute > 59:
            end = None
            problems.append(
                Problem(
                    "end",
                    f"„End: {value}“: diese Uhrzeit gibt es nicht (Stunden 0 bis 23, Minuten "
                    "0 bis 59).",
                    "Die Uhrzeit berichtigen, z. B.:",
                    "End: 21:00",
                )
            )
            return None
        end = datetime.datetime.combine(start.date(), datetime.time(hour, minute))
    else:
        end = _read_moment(meta, "end", problems)
        if end is None:
            return None
    if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
        problems.append(
            Problem(
                "end",
                "Start und Ende passen nicht zusammen: Das eine hat eine Uhrzeit, das andere "
                "nicht. Ganztägige Termine stehen ohne Uhrzeit, alle anderen mit.",
                "Beide mit Uhrzeit schreiben (oder beide ohne); z. B.:",
                f"End: {iso(start.date()) + ' 21:00' if isinstance(start, datetime.datetime) else iso(start)}",
            )
        )
        return None
    if (end <= start) if isinstance(end, datetime.datetime) else (end < start):
        snippet = (
            f"End: {iso(end + datetime.timedelta(days=1))}"
            if isinstance(end, datetime.datetime) and end.date() == start.date()
            else f"End: {iso(start)}"
        )
        problems.append(
            Problem(
                "end",
                f"Der Termin endet ({iso(end)}) nicht nach seinem Beginn ({iso(start)}).",
                "Das Ende prüfen; geht ein Termin über Mitternacht, das Datum dazuschreiben, "
                "z. B.:",
                snippet,
            )
        )
        return None
    return end


def read_event(meta, places, facts_path="content/verein.toml"):
    """(Event or None, [Problem]) from an event's metadata {key (lower case): text}.
    None when no calendar entry can be made (Start missing, a placeholder, or unreadable);
    places: known_places(facts)."""
    problems = []
    start = _read_moment(meta, "start", problems)
    end = _read_end(meta, start, problems)
    repeat = None
    if value := _given(meta, "repeat"):
        repeat, problem = parse_repeat(value, start)
        problems += [problem] if problem else []
    until, count, exceptions = _read_series_end(meta, start, repeat, problems)
    place, online = _read_where(meta, places, facts_path, problems)
    if start is None or any(p.blocking for p in problems):
        return None, problems
    event = Event(
        start, end, repeat, exceptions, until, count, place, online, _given(meta, "contact")
    )
    return event, problems + _exceptions_outside(event)


def _given(meta, key):
    """The value under key, "" when missing or still a [[placeholder]]."""
    value = meta.get(key, "").strip()
    return "" if _is_placeholder(value) else value


def _read_day(value):
    """A date without time ("2027-12-31"), else None."""
    try:
        day = parse_moment(value)
    except _Unreadable:
        return None
    return None if isinstance(day, datetime.datetime) else day


def _read_series_end(meta, start, repeat, problems):
    """(until, count, exceptions) of a repetition: Until, Count and Except."""
    until = count = None
    if value := _given(meta, "until"):
        until = _read_day(value)
        if until is None:
            problems.append(
                Problem(
                    "until",
                    f"„Until: {value}“ ist kein Datum.",
                    "Den letzten Tag der Reihe als Jahr-Monat-Tag schreiben, z. B.:",
                    "Until: 2027-12-31",
                )
            )
        elif start is not None and until < _day(start):
            problems.append(
                Problem(
                    "until",
                    f"„Until: {value}“ liegt vor dem Start.",
                    "Den letzten Tag der Reihe angeben (nach dem Start).",
                )
            )
            until = None
    if value := _given(meta, "count"):
        if value.isdigit() and int(value) > 0:
            count = int(value)
        else:
            problems.append(
                Problem(
                    "count",
                    f"„Count: {value}“ ist keine Anzahl.",
                    "Schreiben, wie oft der Termin insgesamt stattfindet, z. B.:",
                    "Count: 6",
                )
            )
    if until is not None and count is not None:
        problems.append(
            Problem(
                "count",
                "Until und Count stehen beide da; eine Reihe endet nur auf eine Art.",
                "Eine der beiden Zeilen löschen.",
            )
        )
    if repeat and repeat.raw and (until or count) and re.search("UNTIL=|COUNT=", repeat.raw):
        problems.append(
            Problem(
                "repeat",
                "Die iCalendar-Regel hat schon ein Ende (UNTIL oder COUNT), und Until/Count "
                "steht auch da.",
                "Until bzw. Count löschen oder das Ende aus der Regel nehmen.",
            )
        )
    for key in ("until", "count", "except"):
        if meta.get(key, "").strip() and not meta.get("repeat", "").strip():
            problems.append(
                Problem(
                    key,
                    f"„{key.capitalize()}“ gilt nur für Termine, die sich wiederholen; hier fehlt "
                    "„Repeat“.",
                    "Die Zeile löschen oder eine Zeile „Repeat: …“ einfügen.",
                    blocking=False,
                )
            )
    exceptions = []
    for item in (i.strip() for i in re.split("[;,]", _given(meta, "except")) if i.strip()):
        day = _read_day(item)
        if day is None:
            problems.append(
                Problem(
                    "except",
                    f"„{item}“ in „Except“ ist kein Datum.",
                    "Ausfallende Tage als Jahr-Monat-Tag schreiben, mehrere durch „;“ "
                    "getrennt, z. B.:",
                    "Except: 2027-04-08; 2027-12-24",
                )
            )
        else:
            exceptions.append(day)
    return until, count, tuple(exceptions)


def _read_where(meta, places, facts_path, problems):
    """(place, online): a known place or an address, and how to join online (no link)."""
    place = None
    if value := _given(meta, "place"):
        place, problem = parse_place(value, places, facts_path)
        problems += [problem] if problem else []
    online = meta.get("online", "").strip()
    if online and (link := find_link(online)):
        problems.append(
            Problem(
                "online",
                f"Unter „Online“ steht ein Link ({link}). Ein Zugangslink auf der Website lädt "
                "alle in die Sitzung ein, auch Fremde, und lässt sich nicht zurückholen.",
                "Den Link löschen und schreiben, wie man ihn bekommt; z. B. die Zeile ersetzen "
                "durch:",
                ACCESS_SNIPPET,
                blocking=False,
            )
        )
    elif online and (code := meeting_access(online)):
        problems.append(
            Problem(
                "online",
                f"Unter „Online“ stehen Zugangsdaten („{code}“). Auf der Website lesen sie "
                "alle, auch Fremde, und sie lassen sich nicht zurückholen.",
                "Die Zugangsdaten löschen und schreiben, wie man sie bekommt; z. B. die Zeile "
                "ersetzen durch:",
                ACCESS_SNIPPET,
                blocking=False,
            )
        )
    if not meta.get("place", "").strip() and not online:
        problems.append(
            Problem(
                "",
                "Der Termin sagt nicht, wo er stattfindet: Es fehlt „Place“ (Ort) oder „Online“.",
                "Oben eine Zeile mit dem Ort einfügen (ein Name aus content/verein.toml oder eine "
                "Anschrift), bei Online-Terminen „Online: …“:",
                "Place: [[Ort]]",
                blocking=False,
            )
        )
    return place, "" if _is_placeholder(online) else online


def where(meta, places):
    """(place, online, contact) as the page shows them even while Start is still a
    [[placeholder]] (placeholders are shown as they stand; content_check reports them)."""
    value = meta.get("place", "").strip()
    place = parse_place(value, places)[0] if value else None
    return place, meta.get("online", "").strip(), meta.get("contact", "").strip()


def _exceptions_outside(event):
    """A problem for each Except date on which the series has no date anyway."""
    if event.repeat is None or not event.exceptions:
        return []
    plain = Event(event.start, event.end, event.repeat, (), event.until, event.count)
    series = starts(plain)
    problems = []
    for day in event.exceptions:
        low = aware(day)
        if not series.between(low, low + datetime.timedelta(days=1), inc=True):
            problems.append(
                Problem(
                    "except",
                    f"Am {weekday_date(day)} ist ohnehin kein Termin der Reihe; „Except“ "
                    "ändert daran nichts.",
                    "Das Datum prüfen (Tippfehler?) oder aus der Zeile löschen.",
                    blocking=False,
                )
            )
    return problems
