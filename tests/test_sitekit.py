"""The shared content model's small parts, on small inputs: German text, theme values."""

import pytest

from sitekit import german
from sitekit import settings as validators
from sitekit.constants import IMAGE_SUFFIXES, LINK_MARKER
from sitekit.html import attribute_values, end_tag_position, start_tags
from sitekit.theme import content_width_rem, rem


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (2.54, 1, "2,5"),
        (0.5, 2, "0,50"),
        (-3, 0, "-3"),
    ],
)
def test_numbers_are_written_the_german_way(value, decimals, text):
    assert german.number(value, decimals) == text


def test_counts_sizes_and_durations():
    assert german.count(1, "Datei", "Dateien") == "1 Datei"
    assert german.count(0, "Datei", "Dateien") == "0 Dateien"
    assert german.count(1500, "Hinweis", "Hinweise") == "1.500 Hinweise"
    assert german.kilobytes(120_300) == "120,3 kB"
    assert german.megabytes(1_234_567) == "1,2 MB"
    assert german.seconds(2.54) == "2,5 Sekunden"


def test_a_report_has_label_place_cause_fix_and_notes_in_this_order():
    text = german.report(
        german.ERROR,
        "Das Datum fehlt.",
        "„Date: 2026-12-04“ ergänzen.",
        where=german.place("content/x.md", 3),
        cause="Tippfehler.",
        notes=["Mehr dazu: README."],
    )
    assert text.splitlines() == [
        "FEHLER in content/x.md, Zeile 3: Das Datum fehlt.",
        "    Meist heißt das: Tippfehler.",
        "    So beheben: „Date: 2026-12-04“ ergänzen.",
        "    Mehr dazu: README.",
    ]
    assert german.report(german.WARNING, "Nur ein Hinweis.") == "WARNUNG: Nur ein Hinweis."


def test_the_content_width_comes_from_the_stylesheet(tmp_path):
    css = tmp_path / "site.css"
    css.write_text("/* .bl-width { max-width: 1rem } */\n.bl-width{margin:0;max-width : 40.5rem}")
    assert content_width_rem(css) == 40.5 and rem(40.5) == "40.5rem" and rem(46.0) == "46rem"
    css.write_text(".other { max-width: 46rem }")
    with pytest.raises(ValueError):
        content_width_rem(css)


def test_shared_constants():
    assert {".jfif", ".heic", ".svg", ".jxl"} <= IMAGE_SUFFIXES
    assert LINK_MARKER.sub("", "{static}/images/a.jpg") == "/images/a.jpg"
    assert LINK_MARKER.sub("", "|filename|a.md") == "a.md"


@pytest.mark.parametrize(
    "option, good, bad, reason",
    [
        (validators.Flag(False), True, 1, "erwartet wird True oder False"),
        (validators.Number(3, 0, 10), 10, True, "erwartet wird eine ganze Zahl von 0 bis 10"),
        (validators.Number(3, 0, 10), 0, 11, "erwartet wird eine ganze Zahl von 0 bis 10"),
        (validators.Number(3, 5), 5, 2.5, "erwartet wird eine ganze Zahl ab 5"),
        (validators.Text("a", choices=("a", "b")), "b", "c", "möglich sind a, b"),
        (validators.Text("a"), "x", "  ", "erwartet wird ein nicht leerer Text"),
        (validators.Folder("bilder", inside=True), "fotos", "../x", "innerhalb von output/"),
        (
            validators.Items((1,), validators.Number(1, 1)),
            [2, 1],
            [1, 1],
            "ein Eintrag steht doppelt",
        ),
        (validators.Table({"a": 1}, validators.Number(1, 0)), {"a": 0}, {"b": 1}, "die Angaben a"),
        (
            validators.Row(("Beiträge", 5), (validators.Text("x"), validators.Number(1, 1))),
            ["Archiv", 2],
            ("Archiv",),
            "erwartet wird ein Eintrag wie",
        ),
        (
            validators.Row(("Beiträge", 5), (validators.Text("x"), validators.Number(1, 1))),
            ("Archiv", 2),
            ("Archiv", 0),
            "erwartet wird eine ganze Zahl ab 1",
        ),
    ],
)
def test_validators(option, good, bad, reason):
    assert option.check(good) == (tuple(good) if isinstance(good, list) else good)
    with pytest.raises(validators.Invalid, match=reason):
        option.check(bad)


def test_another_plugins_setting_comes_from_its_declaration():
    import unpublished.settings  # noqa: F401  (the owner declares UNPUBLISHED_*)

    assert validators.value({}, "UNPUBLISHED_KEEP_OUT") is False  # the owner's default
    assert validators.value({"UNPUBLISHED_KEEP_OUT": True}, "UNPUBLISHED_KEEP_OUT") is True
    assert validators.value({}, "NIEMAND_DEKLARIERT_DAS") is None


def test_the_html_tokenizer_finds_real_tags_only_and_their_exact_place():
    html = (
        '<p>Text</p>\n<img alt="Pfeil > rechts" src="a.jpg">\n'
        '<!-- <img src="alt.jpg"> -->\n<pre>&lt;img src="b.jpg"&gt;</pre>\n'
        "<script>let s = '<img src=\"c.jpg\">';</script>\n<IMG SRC='d.jpg'/>"
    )
    tags = start_tags(html, {"img"})
    assert [t.attrs["src"] for t in tags] == ["a.jpg", "d.jpg"]
    assert html[tags[0].start : tags[0].end] == '<img alt="Pfeil > rechts" src="a.jpg">'
    assert html[tags[1].start : tags[1].end] == "<IMG SRC='d.jpg'/>"
    assert tags[0].attrs["alt"] == "Pfeil > rechts"
    assert attribute_values('<a href="x.pdf">x</a> <img src="y.jpg"> href="no"') == [
        "x.pdf",
        "y.jpg",
    ]
    page = "<html><body><p>&lt;/body&gt;</p></body></html>"
    assert page[end_tag_position(page, "body") :] == "</body></html>"
