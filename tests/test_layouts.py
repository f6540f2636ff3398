"""The content model's rules, on plain values: what production publishes."""

import datetime
from types import SimpleNamespace

import pytest

from sitekit.german import short_month
from sitekit.layouts import DRAFT, HIDDEN, PUBLIC, call_ended, kind_of, listed_on, visibility

TODAY = datetime.date(2026, 12, 4)


@pytest.mark.parametrize(
    "layout, status, ends, expected",
    [
        ("news", "", None, PUBLIC),
        ("news", "published", None, PUBLIC),
        ("news", "Draft", None, DRAFT),
        ("page", "hidden", None, HIDDEN),
        ("error", "hidden", None, PUBLIC),  # in no listing, but the web server shows it
        ("error", "draft", None, DRAFT),
        ("call", "", "2026-12-03", HIDDEN),  # past its end date
        ("call", "", "2026-12-04", PUBLIC),  # ends today: still open
        ("call", "", "[[Datum]]", PUBLIC),  # no date yet: content_check reports it
        ("news", "", "2026-12-03", PUBLIC),  # only calls end
    ],
)
def test_visibility(layout, status, ends, expected):
    assert visibility(layout, status, ends, TODAY) == expected


def test_without_today_only_the_status_counts():
    """Pelican content: the association plugin has already hidden ended calls."""
    assert visibility("call", "", "2020-01-01") == PUBLIC
    assert call_ended("Call", "2020-01-01", TODAY) and not call_ended("news", "2020-01-01", TODAY)


def test_each_kind_has_one_name_for_one_item_and_one_for_its_list():
    call = kind_of(SimpleNamespace(layout="call"))
    assert (call.label, call.heading) == ("Aufruf", "Offene Aufrufe")
    # A category page finds its kind by the category's name.
    assert kind_of(SimpleNamespace(name="Interviews")).label == "Interview"
    assert kind_of(SimpleNamespace(name="Termine")).label == "Termin"
    assert kind_of(SimpleNamespace(name="Unbekannt")) is None
    assert kind_of(SimpleNamespace(layout="page")).label == ""


def test_calls_and_termine_have_a_page_of_their_own_other_kinds_not():
    assert (listed_on("call"), listed_on("event")) == ("calls", "events")
    assert listed_on("interview") is None and listed_on("news") is None


def test_the_date_leaf_shows_the_month_as_german_calendars_abbreviate_it():
    assert [short_month(datetime.date(2027, m, 1)) for m in (1, 3, 6, 9, 12)] == [
        "Jan.",
        "März",
        "Juni",
        "Sept.",
        "Dez.",
    ]
