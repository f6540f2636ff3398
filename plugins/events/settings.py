"""EVENTS_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Number, Text, declare

OPTIONS = {
    # The subscribable calendar of all public events, below the site's address.
    "EVENTS_FEED_SAVE_AS": Text("termine.ics"),
    # How many next dates a repeating event shows on its page and on the Termine page.
    "EVENTS_NEXT_DATES": Number(3, 1, 20),
    # How many upcoming events the start page shows (0: none).
    "EVENTS_ON_HOME": Number(3, 0, 10),
}

read = declare("events", "EVENTS_", OPTIONS)
