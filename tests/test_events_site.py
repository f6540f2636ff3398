"""Termine in real builds: the Termine page and the start page on the build's "today",
the .ics files, production's absolute links, findings at file:line, and the pages in a
browser (axe light and dark, Nu HTML Checker, screenshots)."""

import datetime
import json
import logging
import zoneinfo

import icalendar
import ics
import pytest
from browser import SCREENSHOTS, WCAG_TAGS, describe_findings, open_page, run_axe, vnu_problems
from conftest import serving
from support import FACTS, build, make_site, soup

from sitekit.findings import BuildError

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PLACES = """\
[orte.zak]
name = "Z.a.K."
strasse = "Musterweg 3"
plz = "37073"
ort = "Göttingen"
"""
START = """\
Title: Willkommen
Layout: home
Menu: 2
Slug: start
Save_as: index.html

Schön, dass Sie da sind.
"""
TERMINE = """\
Title: Termine
Layout: events
Menu: 3

Unsere Treffen.
"""
SWITCH_DAY = """\
Title: Treffen am Umstellungstag
Date: 2026-12-01
Layout: event
Start: 2027-03-28 19:00
End: 21:00
Place: zak
Summary: Am Tag der Zeitumstellung.

Wir treffen uns.
"""
SERIES = """\
Title: Quartalssitzung der IT-Gruppe
Date: 2026-12-01
Layout: event
Start: 2027-03-25 19:00
End: 21:00
Repeat: vierteljährlich am 4. Donnerstag
Except: 2027-09-23
Place: zak
Online: Zugangsdaten auf Anfrage per E-Mail an it@example.org
Contact: it@example.org
Summary: Die IT-Gruppe trifft sich, vor Ort und online.

Neue Gesichter sind willkommen.
"""
FEST = """\
Title: Sommerfest
Date: 2026-12-01
Layout: event
Start: 2027-07-03
End: 2027-07-04
Place: Stadtpark, Am Teich 1, 37073 Göttingen
Summary: Zwei Tage feiern.

Mit Kuchen.
"""
DRAFT = """\
Title: Geheime Planung
Date: 2026-12-01
Layout: event
Status: draft
Start: 2027-04-01 18:00
Place: zak

Noch nicht öffentlich.
"""
HIDDEN = DRAFT.replace("Geheime Planung", "Verborgenes Treffen").replace("draft", "hidden")
FILES = {
    "pages/start.md": START,
    "pages/termine.md": TERMINE,
    "termine/umstellung.md": SWITCH_DAY,
    "termine/sitzung.md": SERIES,
    "termine/fest.md": FEST,
    "termine/planung.md": DRAFT,
    "termine/verborgen.md": HIDDEN,
}


def site(tmp_path, files=FILES):
    return make_site(tmp_path, files, facts=FACTS + PLACES)


def titles(section):
    return [h.get_text(strip=True) for h in section.find_all("h3")] if section else []


def section(page, heading_id):
    heading = page.find(id=heading_id)
    return heading.find_parent("section") if heading else None


def test_moving_today_across_an_events_end_moves_it_to_the_past(tmp_path):
    content = site(tmp_path)
    cache = str(tmp_path / "one-cache")  # the same reader cache for both days
    before = build(content, SITE_TODAY="2027-03-28", CACHE_PATH=cache)
    termine = soup(before, "termine/index.html")
    upcoming = titles(section(termine, "kommende-termine"))
    # Soonest first: the series' next date is in June (its March date has passed).
    assert upcoming == ["Treffen am Umstellungstag", "Quartalssitzung der IT-Gruppe", "Sommerfest"]
    assert section(termine, "vergangene-termine") is None
    home = section(soup(before, "index.html"), "naechste-termine")
    assert "Treffen am Umstellungstag" in titles(home)

    after = build(content, SITE_TODAY="2027-03-29", CACHE_PATH=cache)
    termine = soup(after, "termine/index.html")
    assert titles(section(termine, "kommende-termine")) == [
        "Quartalssitzung der IT-Gruppe",
        "Sommerfest",
    ]
    assert titles(section(termine, "vergangene-termine")) == ["Treffen am Umstellungstag"]
    assert "Treffen am Umstellungstag" not in titles(
        section(soup(after, "index.html"), "naechste-termine")
    )
    page = soup(after, "treffen-am-umstellungstag/index.html")
    assert "Dieser Termin liegt in der Vergangenheit." in page.get_text()
    # The series shows its next dates from the new today on; September is cancelled.
    dates = [
        t["datetime"]
        for t in soup(after, "quartalssitzung-der-it-gruppe/index.html").select(
            ".bl-event__dates time"
        )
    ]
    assert dates == ["2027-06-24T19:00+02:00", "2027-12-23T19:00+01:00", "2028-03-23T19:00+01:00"]


def test_the_environment_variable_moves_today_too(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_TODAY", "2027-08-01")
    output = build(site(tmp_path))
    termine = soup(output, "termine/index.html")
    assert titles(section(termine, "kommende-termine")) == ["Quartalssitzung der IT-Gruppe"]
    assert titles(section(termine, "vergangene-termine")) == [
        "Sommerfest",
        "Treffen am Umstellungstag",
    ]


def events_of(data):
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_calendar_files_parse_twice_alike_and_keep_their_uids(tmp_path):
    content = site(tmp_path)
    first = build(content, SITE_TODAY="2027-03-01")
    feed = (first / "termine.ics").read_bytes()
    mine = events_of(feed)
    # Drafts and hidden events are never in the subscribable calendar.
    assert sorted(mine) == [
        "Quartalssitzung der IT-Gruppe",
        "Sommerfest",
        "Treffen am Umstellungstag",
    ]
    switch = mine["Treffen am Umstellungstag"].decoded("DTSTART")
    assert switch == datetime.datetime(2027, 3, 28, 19, 0, tzinfo=BERLIN)
    assert switch.astimezone(BERLIN).strftime("%H:%M %Z") == "19:00 CEST"
    series = mine["Quartalssitzung der IT-Gruppe"]
    assert series["RRULE"].to_ical() == b"FREQ=MONTHLY;INTERVAL=3;BYDAY=4TH"
    assert series["EXDATE"].to_ical() == b"20270923T190000"

    other = {e.name: e for e in ics.Calendar(feed.decode("utf-8")).events}
    assert {name: e.begin.datetime for name, e in other.items() if not e.all_day} == {
        name: e.decoded("DTSTART") for name, e in mine.items() if name != "Sommerfest"
    }

    # One file per event, linked from its page ("In meinen Kalender").
    page = soup(first, "treffen-am-umstellungstag/index.html")
    # Above the title: what it is and when, as a badge.
    badge = page.select_one("header .bl-event__badge")
    assert " ".join(badge.get_text().split()) == "Termin · So., 28. März 2027"
    assert badge.find_next("h1") is not None
    link = page.find("a", string="In meinen Kalender (Kalenderdatei .ics)")
    own = first / link["href"].lstrip("/")
    (only,) = ics.Calendar(own.read_text(encoding="utf-8")).events
    assert only.begin.datetime == switch
    assert (
        events_of(own.read_bytes())["Treffen am Umstellungstag"]["UID"]
        == (mine["Treffen am Umstellungstag"]["UID"])
    )

    second = build(content, SITE_TODAY="2027-03-01", CACHE_PATH=str(tmp_path / "other-cache"))
    assert {
        n: str(e["UID"]) for n, e in events_of((second / "termine.ics").read_bytes()).items()
    } == {n: str(e["UID"]) for n, e in mine.items()}
    assert (second / "termine.ics").read_bytes() == feed


def test_production_links_are_absolute_and_leave_out_drafts(tmp_path):
    content = site(tmp_path)
    output = build(
        content,
        strict=True,
        SITE_TODAY="2027-03-01",
        SITEURL="https://www.example.org",
        FEED_DOMAIN="https://www.example.org",
    )
    mine = events_of((output / "termine.ics").read_bytes())
    assert "Geheime Planung" not in mine and "Verborgenes Treffen" not in mine
    assert str(mine["Sommerfest"]["URL"]) == "https://www.example.org/sommerfest/"
    assert str(mine["Sommerfest"]["UID"]) == "termin-sommerfest@www.example.org"
    assert not (output / "entwurf").exists()
    assert not list(output.rglob("geheime-planung*")) and not list(output.rglob("verborgen*"))
    page = soup(output, "quartalssitzung-der-it-gruppe/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["url"] == "https://www.example.org/quartalssitzung-der-it-gruppe/"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["address"] == "Musterweg 3, 37073 Göttingen"
    # beside it, in the same partial: the trail from the start page over the Termine page
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert [block["@type"] for block in blocks] == ["Event", "BreadcrumbList"]
    assert [item["item"] for item in blocks[1]["itemListElement"]] == [
        "https://www.example.org/",
        "https://www.example.org/termine/",
        "https://www.example.org/quartalssitzung-der-it-gruppe/",
    ]
    feed_link = soup(output, "termine/index.html").find(
        "a", href="https://www.example.org/termine.ics"
    )
    assert feed_link is not None
    assert soup(output, "termine/index.html").find("a", href="webcal://www.example.org/termine.ics")


MISTAKES = """\
Title: Falscher Termin
Date: 2026-12-01
Layout: event
Start: 2027-03-28 19:00
End: 2027-03-28 18:00
Place: zack
Online: https://meet.example.org/geheim
Summary: Voller Fehler.

Text.
"""


def test_findings_name_file_and_line_in_german(tmp_path, caplog):
    files = {"pages/termine.md": TERMINE, "termine/falsch.md": MISTAKES}
    content = site(tmp_path, files)
    with caplog.at_level(logging.WARNING):
        output = build(content, SITE_TODAY="2027-03-01")
    text = caplog.text
    assert (
        "WARNUNG in content/termine/falsch.md, Zeile 5: Der Termin endet (2027-03-28 18:00) nicht "
        "nach seinem Beginn (2027-03-28 19:00). Die Datei wird übersprungen, bis das behoben ist."
    ) in text
    assert (
        "WARNUNG in content/termine/falsch.md, Zeile 6: Den Ort „zack“ gibt es nicht in "
        "content/verein.toml. Meinten Sie „zak“? Bekannt sind: „zak“."
    ) in text
    assert "WARNUNG in content/termine/falsch.md, Zeile 7: Unter „Online“ steht ein Link" in text
    assert not (output / "falscher-termin").exists()  # a Termin without a valid end is skipped

    with pytest.raises(BuildError) as error:
        build(content, strict=True, SITE_TODAY="2027-03-01", SITEURL="https://www.example.org")
    assert "FEHLER in content/termine/falsch.md, Zeile 5: Der Termin endet" in str(error.value)


def test_the_termine_page_says_honestly_when_nothing_is_planned(tmp_path):
    output = build(site(tmp_path, {"pages/start.md": START, "pages/termine.md": TERMINE}))
    empty = section(soup(output, "termine/index.html"), "kommende-termine")
    assert empty.get_text(" ", strip=True) == (
        "Kommende Termine Zurzeit sind keine Termine geplant. Wann wir uns das nächste Mal "
        "treffen, erfahren Sie per E-Mail an info@example.org ."
    )
    assert empty.find("a", href="mailto:info@example.org")
    assert soup(output, "index.html").find(id="naechste-termine") is None
    assert icalendar.Calendar.from_ical((output / "termine.ics").read_bytes()).walk("VTIMEZONE")


# --- in the browser --------------------------------------------------------------------

PAGES = {
    "termine": "/termine/",
    "termin": "/quartalssitzung-der-it-gruppe/",
    "termin-start": "/",
}


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("events-site")
    output = build(
        site(
            root,
            {
                **FILES,
                "termine/vergangen.md": FEST.replace("Sommerfest", "Frühlingsfest")
                .replace("2027-07-03", "2027-02-03")
                .replace("2027-07-04", "2027-02-04"),
            },
        ),
        SITE_TODAY="2027-03-01",
    )
    with serving(output) as url:
        yield output, url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_termine_pages_pass_axe_and_look_tidy(new_page, events_site, scheme):
    output, url = events_site
    problems = []
    for name, path in PAGES.items():
        for width in (375, 1280):
            page = new_page(color_scheme=scheme, viewport={"width": width, "height": 800})
            open_page(page, url + path)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} scrolls sideways at {width} px"
        results = run_axe(
            page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        )
        problems += describe_findings(path, results["violations"])
    assert not problems, "axe-core found accessibility problems:\n" + "\n".join(problems)


def test_termine_pages_pass_the_nu_html_checker(java, events_site):
    output, _url = events_site
    problems = vnu_problems(java, output)
    assert not problems, "Nu HTML Checker:\n" + "\n".join(problems)


CALL = """\
Title: Wir suchen Hilfe
Date: 2026-12-01
Layout: call
Skills: Kuchen backen
Contact: info@example.org
Ends: 2027-03-31

Text.
"""
CALLS = """\
Title: Mitmachen
Layout: calls
Menu: 4

Alle Aufrufe.
"""


def test_calls_end_on_the_same_today(tmp_path):
    content = site(tmp_path, {"pages/mitmachen.md": CALLS, "aufrufe/hilfe.md": CALL})
    cache = str(tmp_path / "one-cache")
    last_day = soup(
        build(content, SITE_TODAY="2027-03-31", CACHE_PATH=cache), "mitmachen/index.html"
    )
    assert "Wir suchen Hilfe" in titles(section(last_day, "offene-aufrufe"))
    after = soup(build(content, SITE_TODAY="2027-04-01", CACHE_PATH=cache), "mitmachen/index.html")
    assert "Wir suchen Hilfe" not in titles(section(after, "offene-aufrufe"))
