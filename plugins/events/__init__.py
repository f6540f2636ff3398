"""events: the site's calendar (`Layout: event` in content/termine/).

- each event's dates on the build's one "today" (sitekit.today): the next few of a
  repeating event, whether it is past; EVENTS_UPCOMING, EVENTS_PAST and EVENTS_HOME for
  the templates (the Termine page, the start page);
- one .ics per event ("In meinen Kalender") and termine.ics of all public events, written
  with icalendar: stable UIDs, VTIMEZONE Europe/Berlin, RRULE/EXDATE;
- schema.org Event as JSON-LD for each event page.

The metadata rules live in sitekit/events.py (content_check reports the same problems).
"""

from pelican import signals

from .plugin import plan, write_calendars


def register():
    signals.all_generators_finalized.connect(plan)
    signals.finalized.connect(write_calendars)
