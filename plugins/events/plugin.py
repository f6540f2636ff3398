"""Pelican glue for the events plugin."""

import datetime
import posixpath
import zoneinfo
from pathlib import Path

from markupsafe import Markup

from sitekit.events import KEYS, known_places, read_event, where
from sitekit.layouts import is_public
from sitekit.today import today

from . import settings as options
from .calendar import Entry, absolute, calendar, json_ld, schedule, uid

# Settings key (lower case: not a user setting): {path below the output: .ics bytes}.
STATE = "events_calendars"
KINDS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts")


def _stamp(article):
    """When the source was last revised (Modified, else Date), as an aware datetime."""
    moment = getattr(article, "modified", None) or article.date
    if moment.tzinfo is None:
        zone = zoneinfo.ZoneInfo(article.settings.get("TIMEZONE") or "UTC")
        moment = moment.replace(tzinfo=zone)
    return datetime.datetime.fromtimestamp(moment.timestamp(), datetime.UTC)


def _plain(html):
    return Markup(html or "").striptags()


def _ics_address(address, slug):
    """ "sommerfest/" → "sommerfest/sommerfest.ics" (beside the event's page)."""
    folder = address if address.endswith("/") else posixpath.dirname(address) + "/"
    return f"{folder.lstrip('/')}{slug}.ics"


def plan(generators):
    """Receiver of `all_generators_finalized`, before any page is written: each event's
    schedule on the build's today (article.schedule), the lists for the templates and
    the calendars to write at the end."""
    settings = generators[0].settings
    context = generators[0].context
    values = options.read(settings)
    day = today(settings)
    site_url = settings.get("SITEURL", "")
    site_name = settings["SITENAME"]
    places = known_places(settings.get("VEREIN"))
    files, entries, seen = {}, {}, set()
    for generator in generators:
        for article in (a for kind in KINDS for a in getattr(generator, kind, [])):
            if id(article) in seen or article.metadata.get("layout") != "event":
                continue
            seen.add(id(article))
            meta = {k: str(v) for k, v in article.metadata.items() if k in KEYS}
            event, _problems = read_event(meta, places)  # content_check reports them
            article.schedule = None
            # Where and how to join: shown even before the date is known.
            article.event_place, article.event_online, article.event_contact = (
                (event.place, event.online, event.contact) if event else where(meta, places)
            )
            if event is None:  # e.g. a draft whose Start is still a [[placeholder]]
                continue
            found = schedule(event, day, values["EVENTS_NEXT_DATES"])
            entry = Entry(
                event,
                uid(article.slug, site_url),
                _plain(article.title),
                _plain(getattr(article, "summary", "")),
                absolute(site_url, article.url),
                _stamp(article),
            )
            found.json_ld = json_ld(entry, found.shown, site_name, absolute(site_url, ""))
            if article.save_as:  # a page is written: its .ics goes beside it
                found.ics_url = _ics_address(article.url, article.slug)
                saved = _ics_address(posixpath.dirname(article.save_as) + "/", article.slug)
                files[saved] = calendar([entry], f"{entry.title} – {site_name}", site_name)
            article.schedule = found
            entries[id(article)] = entry
    # Listed and in termine.ics: public events only, drafts and hidden ones never.
    listed = [
        a for a in context.get("articles", []) if getattr(a, "schedule", None) and is_public(a)
    ]
    upcoming = sorted((a for a in listed if not a.schedule.past), key=lambda a: a.schedule.sort_key)
    past = sorted((a for a in listed if a.schedule.past), key=lambda a: a.schedule.sort_key)
    context["EVENTS_UPCOMING"] = upcoming
    context["EVENTS_PAST"] = past[::-1]  # the most recent first
    context["EVENTS_HOME"] = upcoming[: values["EVENTS_ON_HOME"]]
    feed = values["EVENTS_FEED_SAVE_AS"]
    context["EVENTS_FEED"] = feed
    files[feed] = calendar(
        [entries[id(a)] for a in listed],
        f"Termine – {site_name}",
        site_name,
        absolute(site_url, feed),
    )
    settings[STATE] = files


def write_calendars(pelican):
    """Receiver of `finalized`: write the .ics files planned above into the output."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    for rel, data in sorted(pelican.settings.pop(STATE, {}).items()):
        path = output / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
