"""Termine on small inputs: reading an event's metadata (sitekit.events), its dates on a
given day and the calendar files (events.calendar), the one "today" (sitekit.today)."""

import datetime
import json
import zoneinfo

import icalendar
import ics
import pytest

from events.calendar import Entry, Occurrence, calendar, json_ld, schedule, uid
from sitekit.events import REPEAT_FORMS, known_places, parse_repeat, read_event, rule_text, starts
from sitekit.settings import SettingsError
from sitekit.today import today
from structured_data.schema import serialize

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PLACES = known_places(
    {
        "orte": {
            "zak": {"name": "Z.a.K.", "strasse": "Musterweg 3", "plz": "37073", "ort": "Göttingen"}
        }
    }
)
THURSDAY = datetime.datetime(2027, 3, 25, 19, 0)  # the 4th Thursday of March 2027
STAMP = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def event(**meta):
    found, problems = read_event({"place": "zak", **meta}, PLACES)
    assert found is not None, [p.message for p in problems]
    return found


def problems(**meta):
    return read_event({"place": "zak", **meta}, PLACES)[1]


@pytest.mark.parametrize(
    "written, rule, shown",
    [
        ("wöchentlich", "FREQ=WEEKLY", "jeden Donnerstag"),
        ("jeden Donnerstag", "FREQ=WEEKLY;BYDAY=TH", "jeden Donnerstag"),
        ("donnerstags", "FREQ=WEEKLY;BYDAY=TH", "jeden Donnerstag"),
        ("alle 2 Wochen", "FREQ=WEEKLY;INTERVAL=2", "alle 2 Wochen donnerstags"),
        (
            "alle zwei Wochen donnerstags",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            "alle 2 Wochen donnerstags",
        ),
        ("monatlich", "FREQ=MONTHLY", "monatlich am 25."),
        ("monatlich am 4. Donnerstag", "FREQ=MONTHLY;BYDAY=4TH", "jeden 4. Donnerstag im Monat"),
        (
            "Monatlich am letzten Donnerstag",
            "FREQ=MONTHLY;BYDAY=-1TH",
            "jeden letzten Donnerstag im Monat",
        ),
        ("vierteljährlich", "FREQ=MONTHLY;INTERVAL=3", "alle 3 Monate am 25."),
        (
            "vierteljährlich am 4. Donnerstag",
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=4TH",
            "alle 3 Monate am 4. Donnerstag",
        ),
        ("halbjährlich", "FREQ=MONTHLY;INTERVAL=6", "alle 6 Monate am 25."),
        ("jährlich", "FREQ=YEARLY", "jährlich am 25. März"),
        ("täglich", "FREQ=DAILY", "täglich"),
        ("FREQ=WEEKLY;BYDAY=TH", "FREQ=WEEKLY;BYDAY=TH", "regelmäßig"),
    ],
)
def test_repetition_forms(written, rule, shown):
    repetition, problem = parse_repeat(written, THURSDAY)
    assert problem is None
    assert rule_text(repetition) == rule
    assert repetition.text == shown


def test_a_repetition_that_cannot_be_understood_lists_the_forms_that_work():
    _, problem = parse_repeat("zweiwöchentlich", THURSDAY)
    assert problem.message == (
        "Die Wiederholung „Repeat: zweiwöchentlich“ ist nicht zu verstehen (diese Form ist unbekannt)."
    )
    assert all(f"„{form}“" in problem.fix for form in REPEAT_FORMS)
    _, problem = parse_repeat("FREQ=SOMETIMES", THURSDAY)
    assert "die iCalendar-Regel ist ungültig" in problem.message


def test_a_repetition_must_fit_its_start():
    _, problem = parse_repeat("alle 2 Wochen mittwochs", THURSDAY)
    assert problem.message == (
        "„Repeat: alle 2 Wochen mittwochs“ passt nicht zum Start: der 25. März 2027 ist ein "
        "Donnerstag."
    )
    _, problem = parse_repeat("monatlich am 2. Donnerstag", THURSDAY)
    assert "der 25. März 2027 ist nicht der 2. Donnerstag im Monat" in problem.message


def test_the_spring_switch_day_keeps_19_00_berlin_time():
    found = event(start="2027-03-28 19:00", end="21:00")
    (first,) = list(starts(found))
    assert first == datetime.datetime(2027, 3, 28, 19, 0, tzinfo=BERLIN)
    assert first.utcoffset() == datetime.timedelta(hours=2)
    # A weekly series across both switches stays at 19:00 local time.
    weekly = event(start="2027-03-21 19:00", repeat="wöchentlich", count="33")
    dates = list(starts(weekly))
    assert {d.astimezone(BERLIN).strftime("%H:%M") for d in dates} == {"19:00"}
    assert {d.utcoffset() for d in dates} == {
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    }


def test_exceptions_until_and_count():
    found = event(
        start="2027-03-25 19:00",
        repeat="wöchentlich",
        **{"except": "2027-04-01; 2027-04-15"},
        until="2027-04-30",
    )
    assert [d.date().isoformat() for d in starts(found)] == [
        "2027-03-25",
        "2027-04-08",
        "2027-04-22",
        "2027-04-29",
    ]
    assert len(list(starts(event(start="2027-03-25 19:00", repeat="monatlich", count="4")))) == 4


@pytest.mark.parametrize(
    "meta, key, message",
    [
        (
            {"start": "2027-03-28 19:00", "end": "18:00"},
            "end",
            "Der Termin endet (2027-03-28 18:00) nicht nach seinem Beginn (2027-03-28 19:00).",
        ),
        (
            {"start": "2027-02-30 19:00"},
            "start",
            "„Start: 2027-02-30 19:00“ ist kein gültiger Zeitpunkt: dieses Datum gibt es nicht.",
        ),
        (
            {"start": "2027-03-28 24:30"},
            "start",
            "„Start: 2027-03-28 24:30“ ist kein gültiger Zeitpunkt: diese Uhrzeit gibt es nicht "
            "(Stunden 0 bis 23, Minuten 0 bis 59).",
        ),
        (
            {"start": "2027-03-28 02:30"},
            "start",
            "Am 28. März 2027 gibt es die Uhrzeit 02:30 nicht: In dieser Nacht werden die Uhren "
            "von 2 auf 3 Uhr vorgestellt (Sommerzeit).",
        ),
        (
            {"start": "2027-03-28", "end": "2027-03-28 21:00"},
            "end",
            "Start und Ende passen nicht zusammen: Das eine hat eine Uhrzeit, das andere nicht. "
            "Ganztägige Termine stehen ohne Uhrzeit, alle anderen mit.",
        ),
        (
            {"start": "2027-03-28 19:00", "place": "zack"},
            "place",
            "Den Ort „zack“ gibt es nicht in content/verein.toml. Meinten Sie „zak“? Bekannt "
            "sind: „zak“.",
        ),
    ],
)
def test_impossible_events_are_named(meta, key, message):
    found = problems(**meta)
    assert [(p.key, p.message) for p in found] == [(key, message)]


def test_a_german_date_gets_the_line_to_paste():
    (problem,) = problems(start="28.3.2027 19:00")
    assert problem.snippet == "Start: 2027-03-28 19:00"


@pytest.mark.parametrize("start", ["2027-07-08 17 Uhr", "31.02.2027", "morgen"])
def test_an_unreadable_date_gets_its_form_never_a_made_up_date(start):
    (problem,) = problems(start=start)
    assert problem.snippet == "Start: JJJJ-MM-TT HH:MM"
    assert "2027-03-28 19:00" in problem.fix  # the example is in the words, not in the paste


def test_a_place_written_by_its_name_is_that_place_with_the_line_to_paste():
    found, (problem,) = read_event({"start": "2027-03-28 19:00", "place": "Z.a.K."}, PLACES)
    assert found.place.address == "Musterweg 3, 37073 Göttingen"
    assert (problem.key, problem.snippet) == ("place", "Place: zak")


@pytest.mark.parametrize(
    "online",
    ["Meeting-ID 855 1234 5678, Kenncode 4711", "zoom.us/j/85512345678", "Passwort: abc123"],
)
def test_meeting_ids_and_passcodes_in_online_are_findings(online):
    (problem,) = problems(start="2027-03-28 19:00", online=online)
    assert problem.key == "online"
    assert not problems(start="2027-03-28 19:00", online="Passwort-Workshop, online per Jitsi")


def test_a_meeting_link_in_online_is_a_finding_and_an_email_is_fine():
    (problem,) = problems(start="2027-03-28 19:00", online="Hier: https://meet.example.org/abc")
    assert problem.key == "online" and "https://meet.example.org/abc" in problem.message
    assert not problems(
        start="2027-03-28 19:00", online="Zugangsdaten per E-Mail an it@example.org"
    )


def test_a_placeholder_start_gives_no_event_and_no_problem():
    found, found_problems = read_event({"start": "[[Beginn]]", "place": "zak"}, PLACES)
    assert found is None and found_problems == []


def test_upcoming_and_past_move_with_today():
    found = event(start="2027-03-28 19:00", end="21:00")
    assert not schedule(found, datetime.date(2027, 3, 28), 3).past
    assert schedule(found, datetime.date(2027, 3, 29), 3).past
    series = event(start="2027-03-25 19:00", repeat="wöchentlich")
    later = schedule(series, datetime.date(2027, 4, 2), 3)
    assert [o.start.date().isoformat() for o in later.next] == [
        "2027-04-08",
        "2027-04-15",
        "2027-04-22",
    ]
    assert not later.past and later.final is None  # an open-ended series is never past
    two_days = event(start="2027-07-03", end="2027-07-04")
    assert not schedule(two_days, datetime.date(2027, 7, 4), 3).past
    assert schedule(two_days, datetime.date(2027, 7, 5), 3).past


def entry(found, slug="sitzung", title="Sitzung"):
    return Entry(
        found,
        uid(slug, "https://www.example.org"),
        title,
        "Kurz",
        "https://www.example.org/sitzung/",
        STAMP,
    )


def test_calendar_parses_in_two_independent_parsers_with_the_same_start_times():
    entries = [
        entry(event(start="2027-03-28 19:00", end="21:00"), "umstellung", "Umstellung"),
        entry(
            event(start="2027-03-25 19:00", repeat="wöchentlich", **{"except": "2027-04-01"}),
            "sitzung",
            "Sitzung",
        ),
        entry(event(start="2027-07-03", end="2027-07-04"), "fest", "Fest"),
    ]
    data = calendar(entries, "Termine", "Testverein")
    parsed = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]
    mine = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in parsed.walk("VEVENT")}
    assert mine["Umstellung"] == datetime.datetime(2027, 3, 28, 19, 0, tzinfo=BERLIN)
    assert mine["Fest"] == datetime.date(2027, 7, 3)
    sitzung = next(e for e in parsed.walk("VEVENT") if e["SUMMARY"] == "Sitzung")
    assert sitzung["RRULE"].to_ical() == b"FREQ=WEEKLY"
    assert sitzung["EXDATE"].to_ical() == b"20270401T190000"

    other = {e.name: e for e in ics.Calendar(data.decode("utf-8")).events}
    assert other["Umstellung"].begin.datetime == mine["Umstellung"]
    assert other["Sitzung"].begin.datetime == mine["Sitzung"]
    assert other["Fest"].all_day and other["Fest"].begin.date() == mine["Fest"]


def test_uids_and_files_are_the_same_on_every_build():
    def build():
        return calendar([entry(event(start="2027-03-28 19:00"))], "Termine", "Testverein")

    assert build() == build()
    assert b"UID:termin-sitzung@www.example.org" in build()
    assert uid("sitzung", "") == "termin-sitzung@localhost"


def test_an_empty_calendar_is_still_a_calendar():
    parsed = icalendar.Calendar.from_ical(calendar([], "Termine", "Testverein"))
    assert not parsed.walk("VEVENT") and parsed.walk("VTIMEZONE")


def test_json_ld_is_event_data_that_cannot_end_its_script():
    found = event(start="2027-03-28 19:00", end="21:00", online="Zugang auf Anfrage")
    data = json_ld(
        entry(found, title="</script><script>alert(1)</script>"),
        schedule(found, datetime.date(2027, 3, 1), 3).shown,
        "Testverein",
    )
    assert "</script>" not in serialize(data)  # written like every JSON-LD block
    assert json.loads(serialize(data)) == data
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["startDate"] == "2027-03-28T19:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    # Where to ask for access: the event's page, never a meeting link.
    assert data["location"][1]["url"] == "https://www.example.org/sitzung/"


def test_today_comes_from_the_setting_or_the_clock():
    assert today({"SITE_TODAY": "2027-04-01"}) == datetime.date(2027, 4, 1)
    assert today({"SITE_TODAY": None}) == datetime.date.today()
    with pytest.raises(SettingsError, match="„SITE_TODAY = '1.4.2027'“ ist kein Datum."):
        today({"SITE_TODAY": "1.4.2027"})


def test_the_hours_of_a_date_for_one_line_on_the_start_page():
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    start = datetime.datetime(2027, 3, 25, 19, tzinfo=berlin)
    assert Occurrence(start, start.replace(hour=21), False).hours_text == "19:00 bis 21:00 Uhr"
    assert Occurrence(start, None, False).hours_text == "19:00 Uhr"
    assert Occurrence(start, start + datetime.timedelta(days=1), False).hours_text == ""
    assert Occurrence(start, None, True).hours_text == ""
