"""The site's calendar from events (sitekit.events.Event): what is upcoming and what is
past on a given day, the dates in German, the .ics files (icalendar) and schema.org's
Event as JSON-LD. Plain functions, no Pelican: the glue in plugin.py hands in plain values.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from icalendar import Calendar, Timezone, vRecur
from icalendar import Event as VEvent

from sitekit.events import TIMEZONE_NAME, aware, duration, rule_text, starts
from sitekit.german import clock, short_weekday_date, weekday_date

DEFAULT_DOMAIN = "localhost"  # UIDs while previewing, where SITEURL is empty


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: aware start, aware end (None: no End given)."""

    start: datetime.datetime
    end: datetime.datetime | None
    all_day: bool

    @property
    def text(self):
        """ "Donnerstag, 28. März 2027, 19:00 bis 21:00 Uhr" """
        return when_text(self.start, self.end, self.all_day)

    @property
    def day_text(self):
        """ "Donnerstag, 28. März 2027": the day only (a series' first and last)."""
        return weekday_date(self.start)

    @property
    def hours_text(self):
        """ "19:00 bis 21:00 Uhr", "19:00 Uhr" without an end; "" all day or over several
        days (text says those). Kept on one line on the start page."""
        if self.all_day or (self.end is not None and self.end.date() != self.start.date()):
            return ""
        if self.end is None:
            return f"{clock(self.start)} Uhr"
        return f"{clock(self.start)} bis {clock(self.end)} Uhr"

    @property
    def short_day_text(self):
        """ "Do., 28. März 2027": the day, short (a Termin's badge)."""
        return short_weekday_date(self.start)

    @property
    def iso(self):
        """For <time datetime>: "2027-03-28T19:00+02:00", all day "2027-03-28"."""
        if self.all_day:
            return self.start.date().isoformat()
        return self.start.isoformat(timespec="minutes")

    @property
    def last_day(self):
        """The calendar day on which this date ends (local)."""
        if self.end is None:
            return self.start.date()
        if self.all_day:
            return (self.end - datetime.timedelta(days=1)).date()
        return self.end.date()


def when_text(start, end, all_day):
    """German date and time of one occurrence, as a sentence part."""
    if all_day:
        last = (end - datetime.timedelta(days=1)).date() if end else start.date()
        if last == start.date():
            return f"{weekday_date(start)}, ganztägig"
        return f"{weekday_date(start)} bis {weekday_date(last)}"
    if end is None:
        return f"{weekday_date(start)}, {clock(start)} Uhr"
    if end.date() == start.date():
        return f"{weekday_date(start)}, {clock(start)} bis {clock(end)} Uhr"
    return f"{weekday_date(start)}, {clock(start)} Uhr, bis {weekday_date(end)}, {clock(end)} Uhr"


def _occurrence(event, start):
    if event.all_day:
        return Occurrence(start, start + duration(event), True)
    return Occurrence(start, start + duration(event) if event.end else None, False)


def upcoming(event, today, limit):
    """The next occurrences (at most limit) that have not ended before today."""
    since = aware(today) - duration(event) - datetime.timedelta(days=1)
    dates = (_occurrence(event, s) for s in starts(event).xafter(since, inc=True))
    return list(itertools.islice((o for o in dates if o.last_day >= today), limit))


def last(event):
    """The last occurrence of an event that ends, else None (a series without an end)."""
    if event.repeat is not None and event.until is None and event.count is None:
        if "UNTIL=" not in event.repeat.raw and "COUNT=" not in event.repeat.raw:
            return None
    every = list(starts(event))
    return _occurrence(event, every[-1]) if every else None


@dataclass
class Schedule:
    """What the templates show of one event on the build's today."""

    event: object  # sitekit.events.Event
    next: list  # upcoming Occurrences, soonest first
    past: bool  # every date lies before today
    first: Occurrence  # the first date (the Start)
    final: Occurrence | None  # the last date; None for an open-ended series
    ics_url: str = ""  # the event's own .ics, below SITEURL
    json_ld: dict | None = None  # schema.org Event as plain data (partials/structured-data.html)
    extra: dict = field(default_factory=dict)

    @property
    def repeat(self):
        """ "jeden Donnerstag", or "" for a single event."""
        return self.event.repeat.text if self.event.repeat else ""

    @property
    def hours(self):
        """ "19:00 bis 21:00 Uhr", "19:00 Uhr" or "ganztägig": the time of every date."""
        first = self.first
        if first.all_day:
            return "ganztägig"
        if first.end is None:
            return f"{clock(first.start)} Uhr"
        return f"{clock(first.start)} bis {clock(first.end)} Uhr"

    @property
    def shown(self):
        """The date to show first: the next one, else (past) the last one."""
        return self.next[0] if self.next else (self.final or self.first)

    @property
    def sort_key(self):
        return self.shown.start


def schedule(event, today, limit):
    first = _occurrence(event, aware(event.start))
    final = last(event)
    nexts = upcoming(event, today, limit)
    return Schedule(event, nexts, not nexts, first, final)


# --- identity and addresses --------------------------------------------------------------


def domain(site_url):
    """The host of SITEURL ("www.bunte-lebenswelten.de"), DEFAULT_DOMAIN without one."""
    return urlsplit(site_url or "").hostname or DEFAULT_DOMAIN


def uid(slug, site_url):
    """The event's UID: the same in every build as long as its address stays (RFC 5545
    wants it globally unique: the site's domain makes it so)."""
    return f"termin-{slug}@{domain(site_url)}"


def absolute(site_url, address):
    """An absolute URL, or "" while previewing (SITEURL empty: no address to give)."""
    return f"{site_url.rstrip('/')}/{address}" if urlsplit(site_url or "").scheme else ""


# --- iCalendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """Everything the calendar says about one event, as plain values."""

    event: object  # sitekit.events.Event
    uid: str
    title: str
    summary: str  # plain text
    url: str  # absolute, or "" while previewing
    stamp: datetime.datetime  # DTSTAMP: when the source was last revised (aware)


def _location(event):
    if event.place:
        return ", ".join(p for p in (event.place.name, event.place.address) if p)
    return "Online" if event.online else ""


def vevent(entry):
    """One VEVENT with RRULE and EXDATE; DTSTART/DTEND with TZID Europe/Berlin (all-day
    events as dates, DTEND the day after the last, as RFC 5545 counts)."""
    event = entry.event
    component = VEvent()
    component.add("uid", entry.uid)
    component.add("dtstamp", entry.stamp.astimezone(datetime.UTC))
    component.add("summary", entry.title)
    if event.all_day:
        component.add("dtstart", event.start)
        component.add("dtend", (event.end or event.start) + datetime.timedelta(days=1))
    else:
        component.add("dtstart", aware(event.start))
        if event.end is not None:
            component.add("dtend", aware(event.end))
    if event.repeat is not None:
        text = rule_text(event.repeat, event.until, event.count, all_day=event.all_day)
        component.add("rrule", vRecur.from_ical(text))
        if event.exceptions:
            if event.all_day:
                component.add("exdate", list(event.exceptions))
            else:
                time = event.start.time()
                component.add(
                    "exdate",
                    [aware(datetime.datetime.combine(d, time)) for d in event.exceptions],
                )
    if location := _location(event):
        component.add("location", location)
    lines = [entry.summary] if entry.summary else []
    if event.online:
        lines.append(f"Online: {event.online}")
    if event.contact:
        lines.append(f"Kontakt: {event.contact}")
    if entry.url:
        lines.append(f"Mehr dazu: {entry.url}")
        component.add("url", entry.url)
    if lines:
        component.add("description", "\n".join(lines))
    return component


def calendar(entries, name, site_name, feed_url=""):
    """A VCALENDAR with the entries and the VTIMEZONE of Europe/Berlin, as bytes. Without
    entries it still carries the VTIMEZONE: RFC 5545 wants at least one component."""
    cal = Calendar()
    cal.add("prodid", f"-//{site_name}//Termine//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)  # RFC 7986
    cal.add("x-wr-calname", name)  # the same for Google, Apple and Outlook
    cal.add("x-wr-timezone", TIMEZONE_NAME)
    # Subscribed calendars ask again once a day (the nightly build keeps it current).
    cal.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    if feed_url:
        cal.add("source", feed_url, parameters={"VALUE": "URI"})
    for entry in sorted(entries, key=lambda e: e.uid):
        cal.add_component(vevent(entry))
    # The time zone's rules from a year before the first event on (not from 1970: shorter).
    first = min((e.event.start.year for e in entries), default=2026)
    since = datetime.date(first - 1, 1, 1)
    if entries:
        cal.add_missing_timezones(first_date=since)
    else:
        cal.add_component(Timezone.from_tzid(TIMEZONE_NAME, first_date=since))
    return cal.to_ical()


# --- schema.org ----------------------------------------------------------------------------

_FREQUENCIES = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}


def json_ld(entry, shown, organizer, organizer_url=""):
    """schema.org Event as plain data; the template partial partials/structured-data.html
    writes it like every other JSON-LD block of the site (json.dumps, escaped for its place)."""
    event = entry.event
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": entry.title,
        "startDate": shown.iso,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{event.attendance}",
        "organizer": {"@type": "Organization", "name": organizer},
    }
    if organizer_url:
        data["organizer"]["url"] = organizer_url
    if shown.end is not None:
        end = shown.end - datetime.timedelta(days=1) if shown.all_day else shown.end
        data["endDate"] = end.date().isoformat() if shown.all_day else end.isoformat("T", "minutes")
    if entry.summary:
        data["description"] = entry.summary
    if entry.url:
        data["url"] = entry.url
    locations = []
    if event.place:
        place = {"@type": "Place", "name": event.place.name}
        if event.place.address:
            place["address"] = event.place.address
        locations.append(place)
    if event.online:
        virtual = {"@type": "VirtualLocation", "name": event.online}
        if entry.url:
            virtual["url"] = entry.url  # the page says how to get access; never the link
        locations.append(virtual)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.repeat is not None and event.repeat.parts:
        parts = dict(event.repeat.parts)
        every = f"P{parts.get('INTERVAL', '1')}{_FREQUENCIES[parts['FREQ']]}"
        data["eventSchedule"] = {
            "@type": "Schedule",
            "repeatFrequency": every,
            "scheduleTimezone": TIMEZONE_NAME,
            "startDate": event.start.isoformat()[:10],
        }
        if event.until:
            data["eventSchedule"]["endDate"] = event.until.isoformat()
        if event.count:
            data["eventSchedule"]["repeatCount"] = event.count
    return data
