"""link_check end to end: a broken anchor and a link to a deleted page in a fixture site, a
warning in the preview and the same words stopping production; the real site has none.
The rules themselves are tested on small inputs in test_link_check.py."""

import html
import logging
import shutil

import pytest
from support import ROOT, copy_project, make_site

import tasks
from sitekit.findings import BuildError, ledger
from sitetools.preview.pages import overview_page
from sitetools.preview.state import Snapshot, next_snapshot

NEWS = """\
Title: Sommerfest
Date: 2026-07-01
Layout: news
Summary: Wir feiern.

## Programm

Der Weg steht auf der Seite [Anfahrt](/anfahrt/), die es nicht mehr gibt.
Fragen beantwortet [das Team](/kontakt/#team), das Programm steht [oben](#programm).
Alles über [Mitmachen](../pages/mitmachen.md#aufgabe) und [den Plan](entwurf.md).
"""

MITMACHEN = "Title: Mitmachen\nLayout: page\n\n## Aufgaben\n\n## Termine\n\nText.\n"
DRAFT = "Title: Plan\nDate: 2026-07-02\nLayout: news\nStatus: draft\n\n[Mehr](/gibt-es-nicht/)\n"

DELETED = (
    "in content/neuigkeiten/fest.md, Zeile 8: Der Link „/anfahrt/“ führt ins Leere: die "
    "Adresse /anfahrt/ gibt es auf der Website nicht.\n"
    "    So beheben: Die Adresse im Link berichtigen oder den Link entfernen."
)
ANCHOR = (
    "in content/neuigkeiten/fest.md, Zeile 9: Den Anker „#team“ gibt es auf /kontakt/ nicht; "
    "der Link „/kontakt/#team“ springt an keine Stelle.\n"
    "    So beheben: „#team“ aus dem Link löschen: /kontakt/ hat keine Überschrift mit Anker."
)
FILE_ANCHOR = (
    "in content/neuigkeiten/fest.md, Zeile 10: Den Anker „#aufgabe“ gibt es auf /mitmachen/ "
    "nicht; der Link „../pages/mitmachen.md#aufgabe“ springt an keine Stelle. Meinten Sie "
    "„#aufgaben“ (Überschrift „Aufgaben“)?\n"
    "    So beheben: Einen Anker nehmen, den es auf /mitmachen/ gibt: „#aufgaben“ (Überschrift "
    "„Aufgaben“), „#termine“ (Überschrift „Termine“); oder „#aufgabe“ aus dem Link löschen."
)
LINK_RULES = {"link-broken", "anchor-missing"}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("links")
    return make_site(
        root,
        {
            "neuigkeiten/fest.md": NEWS,
            "neuigkeiten/entwurf.md": DRAFT,
            "pages/mitmachen.md": MITMACHEN,
        },
    )


def link_findings(pelican):
    return [f for f in ledger(pelican.settings).findings if f.rule in LINK_RULES]


@pytest.fixture(scope="module")
def preview(fixture_site):
    """The preview build: (its findings of broken links, every text it logged)."""
    handler = Collect()
    logging.getLogger().addHandler(handler)
    try:
        pelican = tasks.build_site(
            tasks.DEV_SETTINGS,
            PATH=str(fixture_site),
            OUTPUT_PATH=str(fixture_site.parent / "output"),
            IMAGE_OPTIMIZER_CACHE_DIR=str(fixture_site.parent / "cache"),
            CACHE_PATH=str(fixture_site.parent / "pelican-cache"),
            A11Y_CHECK_REPORT_DIR=str(fixture_site.parent / "a11y-report"),
        )
    finally:
        logging.getLogger().removeHandler(handler)
    return link_findings(pelican), "\n".join(handler.texts), ledger(pelican.settings)


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.texts = []

    def emit(self, record):
        self.texts.append(record.getMessage())


@pytest.mark.parametrize("expected", [DELETED, ANCHOR, FILE_ANCHOR])
def test_preview_warns_at_the_markdown_line(preview, expected):
    _findings, logged, _ledger = preview
    assert "WARNUNG " + expected in logged


def test_preview_accepts_what_works(preview):
    """#programm exists; the draft's own broken link is only a hint (it is not published);
    the link to the draft is content_check's (it names the draft), not a second finding."""
    findings, logged, _ledger = preview
    assert sorted((f.path, f.line, f.severity, f.message[:20]) for f in findings) == [
        ("content/neuigkeiten/entwurf.md", 6, "hint", "Der Link „/gibt-es-n"),
        ("content/neuigkeiten/fest.md", 8, "error", "Der Link „/anfahrt/“"),
        ("content/neuigkeiten/fest.md", 9, "error", "Den Anker „#team“ gi"),
        ("content/neuigkeiten/fest.md", 10, "error", "Den Anker „#aufgabe“"),
        ("content/neuigkeiten/fest.md", 10, "error", "Der Link „entwurf.md"),  # content_check's
    ]
    assert logged.count("„entwurf.md“") == 1


def test_make_serve_lists_them_on_its_problem_page(preview):
    """The preview server's page of open problems (http://127.0.0.1:8000/__vorschau/probleme/)."""
    _findings, _logged, build_ledger = preview
    page = html.unescape(overview_page(next_snapshot(Snapshot(), build_ledger), "/site.css"))
    assert "Der Link „/anfahrt/“ führt ins Leere" in page
    assert "Den Anker „#team“ gibt es auf /kontakt/ nicht" in page


def test_production_refuses_with_the_same_words(fixture_site, tmp_path):
    output = tmp_path / "output"
    with pytest.raises(BuildError) as error:
        tasks.build_site(
            tasks.PUBLISH_SETTINGS,
            PATH=str(fixture_site),
            OUTPUT_PATH=str(output),
            IMAGE_OPTIMIZER_CACHE_DIR=str(fixture_site.parent / "cache"),
            A11Y_CHECK_REPORT_DIR=str(tmp_path / "a11y-report"),
        )
    text = str(error.value)
    for expected in (DELETED, ANCHOR, FILE_ANCHOR):
        assert "FEHLER " + expected in text
    # In production the draft is not written: its link is reported once, by content_check.
    assert text.count("„entwurf.md“") == 1
    assert "gibt-es-nicht" not in text
    assert not output.exists()


def test_the_real_site_has_no_broken_links(tmp_path):
    project = copy_project(tmp_path)
    pelican = tasks.build_site(
        tasks.DEV_SETTINGS,
        PATH=str(project / "content"),
        OUTPUT_PATH=str(tmp_path / "output"),
        IMAGE_OPTIMIZER_CACHE_DIR=str(tmp_path / "cache"),
        CACHE_PATH=str(tmp_path / "pelican-cache"),
        A11Y_CHECK_REPORT_DIR=str(tmp_path / "a11y-report"),
    )
    assert link_findings(pelican) == []


def test_a_broken_link_of_the_theme_names_the_templates_once(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace(
            '<nav class="bl-footer__nav"',
            '<a href="/alt/impressum/">Alt</a><nav class="bl-footer__nav"',
        ),
        encoding="utf-8",
    )
    content = make_site(tmp_path, {"pages/mitmachen.md": MITMACHEN})
    pelican = tasks.build_site(
        tasks.DEV_SETTINGS,
        PATH=str(content),
        THEME=str(theme),
        OUTPUT_PATH=str(tmp_path / "output"),
        IMAGE_OPTIMIZER_CACHE_DIR=str(tmp_path / "cache"),
        CACHE_PATH=str(tmp_path / "pelican-cache"),
        A11Y_CHECK_REPORT_DIR=str(tmp_path / "a11y-report"),
    )
    (finding,) = link_findings(pelican)
    assert finding.path == "theme/templates"
    assert finding.message.startswith(
        "Der Link „/alt/impressum/“ führt ins Leere: die Adresse /alt/impressum/ gibt es auf der "
        "Website nicht. Der Link kommt aus den Vorlagen "
    )
    assert "page.html" in finding.message
    assert "oder einer Teilvorlage in theme/templates/partials/, nicht aus einem Text" in (
        finding.message
    )
    assert finding.notes == ("Auf 5 Seiten: /archiv/, /beitraege/, / …",)
