"""The content model's rules, on plain values: what production publishes."""

import datetime

import pytest

from sitekit.layouts import DRAFT, HIDDEN, PUBLIC, call_ended, visibility

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
