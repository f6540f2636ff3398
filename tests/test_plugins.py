"""Plugin building blocks on small inputs, and plugins that fail to load."""

import datetime
import logging
import sys

import markdown
import pytest
from pelican import signals
from support import build, make_site

import tasks
from association.dates import german_date
from association.facts import FactsExtension, fill_in
from association.figures import FigureExtension
from association.layout import layout_metadata, split_list
from content_check.source import NotUtf8, decode, parse
from sitekit.findings import BuildError
from sitekit.german import short_weekday_date
from sitekit.settings import SettingsError

TODAY = datetime.date(2026, 11, 28)


def test_german_date_for_every_month():
    names = [german_date(datetime.date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert names == [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ]
    assert german_date(datetime.date(2026, 11, 27)) == "27. November 2026"
    assert short_weekday_date(datetime.date(2027, 3, 25)) == "Do., 25. März 2027"


def test_layout_gives_template_and_lists():
    added = layout_metadata(
        {"layout": "Call", "skills": "Social Media; CRM ;", "ends": "2026-11-28"}, TODAY
    )
    assert added == {
        "template": "call",
        "layout": "call",
        "skills": ["Social Media", "CRM"],
        "ends": datetime.date(2026, 11, 28),
        "ended": False,
    }


def test_call_past_its_end_date_is_hidden():
    added = layout_metadata({"layout": "call", "ends": "2026-11-27"}, TODAY)
    assert added["ended"] and added["status"] == "hidden"


def test_unknown_layout_adds_nothing():
    assert layout_metadata({"layout": "blog"}, TODAY) == {}


def test_split_list_ignores_empty_items():
    assert split_list(" a ;; b ") == ["a", "b"]


FACTS = {
    "name": "Testverein e.V.",
    "kontakt": {"email": "info@example.org"},
    "vorstand": {"mitglieder": ["A (Vorsitz)", "B (Kasse)"]},
}


def test_fill_in_replaces_known_facts_and_keeps_unknown_ones():
    text = "{{ verein.name }} · {{verein.kontakt.email}} · {{ verein.vorstand.mitglieder }} · {{ verein.x }}"
    assert (
        fill_in(text, FACTS)
        == "Testverein e.V. · info@example.org · A (Vorsitz), B (Kasse) · {{ verein.x }}"
    )


def test_facts_reach_markdown_metadata_too():
    md = markdown.Markdown(extensions=[FactsExtension(FACTS), "meta"])
    html = md.convert("Contact: {{ verein.kontakt.email }}\n\nSchreiben an {{ verein.name }}")
    assert md.Meta["contact"] == ["info@example.org"]
    assert html == "<p>Schreiben an Testverein e.V.</p>"


def test_titled_image_alone_becomes_a_captioned_figure():
    md = markdown.Markdown(extensions=[FigureExtension()])
    html = md.convert(
        '![Drei Menschen am Tisch](a.jpg "Die IT-Gruppe")\n\nText ![x](b.jpg "t") Text'
    )
    assert html.startswith(
        '<figure class="bl-figure"><img alt="Drei Menschen am Tisch" src="a.jpg" />'
        '<figcaption class="bl-figure__caption">Die IT-Gruppe</figcaption></figure>'
    )
    assert '<p>Text <img alt="x" src="b.jpg" title="t" /> Text</p>' in html


def test_source_metadata_keeps_line_numbers():
    source = parse(
        "content/x.md",
        "x.md",
        "article",
        "Title: Fest\nSummary: Ein\n    langer Satz\nTitle: Zwei\n\nText: kein Key\n",
    )
    assert source.meta == {"title": ("Fest", 1), "summary": ("Ein langer Satz", 2)}
    assert source.duplicates == [("title", 1, 4)]


def test_decode_names_the_line_of_a_bad_byte():
    assert decode("Title: Ä\n".encode()) == "Title: Ä\n"
    with pytest.raises(NotUtf8) as error:
        decode(b"Title: x\n\nGr\xfc\xdfe\n")
    assert error.value.line == 3


def test_a_plugin_that_cannot_be_imported_fails_the_build(tmp_path):
    content = make_site(tmp_path, {})
    with pytest.raises(
        tasks.PluginLoadError, match="Das Plugin „gibt_es_nicht“ konnte nicht geladen"
    ):
        build(content, PLUGINS=["association", "content_check", "gibt_es_nicht"])
    assert not (tmp_path / "output").exists()


def test_a_plugin_whose_register_fails_fails_the_build(tmp_path):
    plugin = tmp_path / "extra_plugins" / "kaputt"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text("def register():\n    raise RuntimeError('kaputt')\n")
    content = make_site(tmp_path, {})
    with pytest.raises(tasks.PluginLoadError, match="„kaputt“"):
        build(
            content,
            PLUGINS=["association", "content_check", "kaputt"],
            PLUGIN_PATHS=[str(tmp_path / "extra_plugins"), "plugins"],
        )


def test_a_misspelt_plugin_setting_stops_the_build(tmp_path):
    content = make_site(tmp_path, {})
    with pytest.raises(SettingsError, match="„CONTENT_CHECK_STRIKT“ gibt es nicht"):
        build(content, CONTENT_CHECK_STRIKT=True)


def test_errors_pelican_logs_are_findings_that_fail_the_production_build(tmp_path, caplog):
    plugin = tmp_path / "extra_plugins" / "laut"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(
        "import logging\nfrom pelican import signals\n\n"
        "def shout(generators):\n"
        "    logging.getLogger('pelican.generators').error('Could not process %s', 'x.md')\n\n"
        "def register():\n    signals.all_generators_finalized.connect(shout)\n"
    )
    content = make_site(tmp_path, {})
    plugins = ["association", "content_check", "laut", "build_report"]
    paths = [str(tmp_path / "extra_plugins"), "plugins"]
    message = "in Pelican: Pelican meldet beim Bauen einen Fehler: Could not process x.md"
    try:
        with caplog.at_level(logging.WARNING):
            build(content, PLUGINS=plugins, PLUGIN_PATHS=paths)  # previewing: a warning
        assert "WARNUNG " + message in caplog.text
        with pytest.raises(BuildError, match="FEHLER " + message):
            build(content, strict=True, PLUGINS=plugins, PLUGIN_PATHS=paths)
    finally:  # signals are global: later builds in this process must not hear it
        signals.all_generators_finalized.disconnect(sys.modules["laut"].shout)


def test_only_markdown_is_read_an_html_file_is_named_not_published(tmp_path, caplog):
    content = make_site(tmp_path, {"pages/alt.html": "<html><head></head><body>x</body></html>"})
    with caplog.at_level(logging.WARNING):
        output = build(content)
    assert "HINWEIS in content/pages/alt.html: Diese Datei ist kein Markdown-Text" in caplog.text
    assert not (output / "alt.html").exists() and not (output / "pages/alt.html").exists()


@pytest.mark.parametrize(
    "setting, value, message",
    [
        ("IMAGE_OPTIMIZER_WIDTHS", (0, 800), "erwartet wird eine ganze Zahl von 16 bis 8.000"),
        ("IMAGE_OPTIMIZER_FORMATS", ("avif", "jxl"), "möglich sind avif, webp"),
        ("IMAGE_OPTIMIZER_QUALITY", {"avif": 55, "webp": 80}, "erwartet werden die Angaben"),
        ("IMAGE_OPTIMIZER_WORKERS", "2", "„IMAGE_OPTIMIZER_WORKERS = '2'“: erwartet wird"),
        ("IMAGE_OPTIMIZER_WORKERS", True, "„IMAGE_OPTIMIZER_WORKERS = True“: erwartet wird"),
        ("A11Y_CHECK_MIN_READABILITY", -500, "eine ganze Zahl von -100 bis 100"),
        (
            "IMAGE_OPTIMIZER_WIDHTS",
            (480,),
            "„IMAGE_OPTIMIZER_WIDHTS“ gibt es nicht. Meinten Sie „IMAGE_OPTIMIZER_WIDTHS“?",
        ),
    ],
)
def test_bad_plugin_settings_stop_the_build_with_a_german_message(
    tmp_path, setting, value, message
):
    content = make_site(tmp_path, {})
    with pytest.raises(SettingsError, match=message):
        build(content, **{setting: value})


def test_every_bad_setting_of_every_plugin_is_named_at_once(tmp_path):
    content = make_site(tmp_path, {})
    with pytest.raises(SettingsError) as error:
        build(
            content,
            A11Y_CHECK_MAX_SENTENCE_WORDS=True,
            MINIFY_ENABLED="ja",
            CONTENT_CHECK_STRIKT=True,
            IMAGE_OPTIMIZER_AVIF_SPEED=11,
        )
    lines = str(error.value).splitlines()
    assert lines[0] == "FEHLER in den Einstellungen (pelicanconf.py bzw. publishconf.py):"
    assert len(lines) == 6 and lines[-1].startswith("    So beheben: "), lines
    assert not (tmp_path / "output").exists()
