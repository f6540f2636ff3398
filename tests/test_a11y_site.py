"""a11y_check in a real build: messages point at the volunteer's Markdown line."""

import json
import logging

import pytest
from images import photo, png_bytes
from support import build, make_site

from sitekit.findings import BuildError

MISTAKES = """\
Title: Sommerfest
Date: 2026-07-01
Layout: news
Summary: Bilder vom Fest.

Alle Infos gibt es [hier](/kontakt/).

![](../images/fest.png)

![](../images/rahmen.png){: .dekorativ}
"""
FILES = {
    "neuigkeiten/fest.md": MISTAKES,
    "images/fest.png": png_bytes(photo(400, 300)),
    "images/rahmen.png": png_bytes(photo(400, 20)),
}
# Without the label: FEHLER in production, WARNUNG in the preview, in the same words.
LINK = (
    " in content/neuigkeiten/fest.md, Zeile 6: Der Linktext „hier“ sagt nicht, wohin der Link "
    "führt.\n"
    "    So beheben: Den Linktext so schreiben, dass er allein verständlich ist: „[Mehr über die "
    "IT-Gruppe](…)“ statt „[hier](…)“.\n"
    "    Barrierefreiheit, Regel link-text (WCAG 2.4.4), Seite /sommerfest/: "
    '<a href="/kontakt/">hier'
)
IMAGE = (
    " in content/neuigkeiten/fest.md, Zeile 8: Das Bild „fest.png“ hat eine leere Beschreibung.\n"
    "    So beheben: Beschreiben, was zu sehen ist: ![Drei Menschen am Tisch](bild.jpg). Ein "
    "reines Schmuckbild so kennzeichnen: ![](bild.jpg){: .dekorativ}\n"
    "    Barrierefreiheit, Regel img-alt-empty (WCAG 1.1.1)"
)


def test_preview_shows_each_problem_with_file_and_line_as_a_warning(tmp_path, caplog):
    content = make_site(tmp_path, FILES)
    with caplog.at_level(logging.WARNING):
        output = build(content)
    text = caplog.text
    assert "WARNUNG" + LINK in text
    assert "WARNUNG" + IMAGE in text
    assert text.count("img-alt-empty") == 1  # the image marked .dekorativ is fine
    assert (output / "sommerfest/index.html").is_file()


def test_production_stops_on_accessibility_errors(tmp_path):
    content = make_site(tmp_path, FILES)
    with pytest.raises(BuildError) as error:
        build(content, strict=True, IMAGE_OPTIMIZER_REQUIRE_CREDITS=False)
    assert "FEHLER" + LINK in str(error.value)
    assert str(error.value).endswith(
        "Der Bau wurde abgebrochen: 2 Fehler. Es wurde nichts veröffentlicht und nichts nach "
        "output/ geschrieben."
    )


def test_a_reasoned_suppression_silences_one_rule_and_a_bare_one_is_an_error(tmp_path, caplog):
    reasoned = MISTAKES.replace(
        "Layout: news\n",
        "Layout: news\nA11y-Ignore: link-text — Grund: "
        "Der Link steht direkt hinter der Erklärung.\n",
    )
    content = make_site(tmp_path, {**FILES, "neuigkeiten/fest.md": reasoned})
    with caplog.at_level(logging.WARNING):
        build(content)
    assert "link-text" not in caplog.text and "img-alt-empty" in caplog.text

    bare = MISTAKES.replace("Layout: news\n", "Layout: news\nA11y-Ignore: link-text\n")
    content = make_site(tmp_path / "bare", {**FILES, "neuigkeiten/fest.md": bare})
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        "„A11y-Ignore: link-text“ schaltet eine Prüfung ohne Begründung oder mit unbekannter "
        "Regel ab."
    ) in caplog.text


def test_report_for_reviewers_stays_out_of_the_site(tmp_path):
    content = make_site(tmp_path, FILES)
    output = build(content)
    report = tmp_path / "a11y-report"
    findings = json.loads((report / "report.json").read_text(encoding="utf-8"))
    assert {f["rule"] for f in findings} == {"link-text", "img-alt-empty"}
    assert findings[0]["source"] == "content/neuigkeiten/fest.md"
    html = (report / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in html and "Barrierefreiheit: Prüfbericht" in html
    assert "(Seite /sommerfest/)" in html
    assert not list(output.rglob("report.json"))


def test_the_real_site_has_no_findings(built_site):
    report = built_site.parent / "a11y-report" / "report.json"
    assert json.loads(report.read_text(encoding="utf-8")) == []


def test_parallel_checking_finds_the_same_as_serial(tmp_path):
    """The two-process path (used for large sites) gives exactly the serial results."""
    from a11y_check.plugin import CHUNK, PageInfo, Run
    from a11y_check.settings import OPTIONS

    content = make_site(tmp_path, FILES)
    output = build(content)
    source = str(content / "neuigkeiten/fest.md")
    pages = [
        PageInfo(
            str(output / "sommerfest/index.html"),
            "sommerfest/index.html",
            str(content),
            source,
            "article",
            "",
        )
    ] * (CHUNK + 5)
    pages += [
        PageInfo(str(p), p.relative_to(output).as_posix(), str(content), None, None, "")
        for p in sorted(output.rglob("*.html"))
        if "sommerfest" not in str(p)
    ]
    values = {key: option.default for key, option in OPTIONS.items()}

    def check(parallel, cache="cold"):
        run = Run(
            {**values, "A11Y_CHECK_CACHE_DIR": str(tmp_path / f"{parallel}-{cache}")}, parallel
        )
        for info in pages:
            run.page_written(info)
        assert (run.pool is not None) == parallel
        return run.results()

    serial = check(parallel=False)
    assert check(parallel=True) == serial
    assert len(serial) == len(pages)
    assert [f.rule for f in serial[0][0]] == ["link-text", "img-alt-empty"]


def test_unchanged_pages_are_not_checked_again(tmp_path, monkeypatch):
    """A warm build takes each unchanged page's findings from the cache, starts no worker
    pool and loads no dictionary; a changed page or source is checked again."""
    from a11y_check import plugin
    from a11y_check.plugin import CHUNK, PageInfo, Run
    from a11y_check.settings import OPTIONS

    content = make_site(tmp_path, FILES)
    output = build(content)
    source = content / "neuigkeiten/fest.md"
    page = output / "sommerfest/index.html"
    info = PageInfo(str(page), "sommerfest/index.html", str(content), str(source), "article", "")
    values = {key: option.default for key, option in OPTIONS.items()}
    values["A11Y_CHECK_CACHE_DIR"] = str(tmp_path / "a11y-cache")
    checked, prepared = [], []
    monkeypatch.setattr(plugin, "check_file", lambda i, v: checked.append(i) or ([], ""))
    monkeypatch.setattr(plugin, "prepare_hyphenation", prepared.append)

    def run_once(pages):
        checked.clear()
        prepared.clear()
        run = Run(values, parallel=True)
        for one in pages:
            run.page_written(one)
        return run, run.results()

    run, first = run_once([info])
    assert checked == [info]
    run, second = run_once([info] * (CHUNK + 1))
    assert checked == [] and prepared == [] and run.pool is None
    assert second == first * (CHUNK + 1)

    source.write_text(source.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", "utf-8")
    run_once([info])
    assert checked == [info]  # the source's lines may have moved: checked again
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>Neu</p></main>"))
    run_once([info])
    assert checked == [info]
    run_once([info])
    assert checked == []


def test_findings_in_list_pages_name_their_template(tmp_path):
    from sitekit.layouts import listing_template

    settings = {
        "INDEX_SAVE_AS": "beitraege/index.html",
        "CATEGORY_SAVE_AS": "thema/{slug}/index.html",
        "TAG_SAVE_AS": "schlagwort/{slug}/index.html",
        "ARCHIVES_SAVE_AS": "archiv/index.html",
    }
    assert listing_template("beitraege/seite/2/index.html", settings) == "index"
    assert listing_template("thema/interviews/index.html", settings) == "category"
    assert listing_template("archiv/index.html", settings) == "archives"
    assert listing_template("404.html", settings) is None


SAME_TEXT = """\
Title: Sommerfest
Date: 2026-07-01
Layout: news
Summary: Kontakt und Anmeldung zum Fest.

Anmeldung bei [Kontakt](mailto:info@example.org), Programm im [Überblick](/).
Mehr im [Überblick](/kontakt/).
"""


def test_a_link_text_with_two_targets_names_both_and_where_the_other_is(tmp_path, caplog):
    content = make_site(tmp_path, {"neuigkeiten/fest.md": SAME_TEXT})
    with caplog.at_level(logging.WARNING):
        build(content)
    # The other "Kontakt" is the theme's menu link: said in words, not a line of this file.
    assert (
        "HINWEIS in content/neuigkeiten/fest.md, Zeile 6: Der Linktext „Kontakt“ führt auf dieser "
        "Seite zu verschiedenen Zielen: dieser Link zu mailto:info@example.org, der gleichnamige "
        "im Menü oben zu /kontakt/." in caplog.text
    )
    # Both in the text: one at its line, the other one named by its file and line.
    assert (
        "HINWEIS in content/neuigkeiten/fest.md, Zeile 6: Der Linktext „Überblick“ führt auf "
        "dieser Seite zu verschiedenen Zielen: dieser Link zu /, der gleichnamige in "
        "content/neuigkeiten/fest.md, Zeile 7 zu /kontakt/." in caplog.text
    )
