"""Mitglied werden, the printable application form, "Barriere melden" and the legal pages."""

import io
import re
import tomllib
import unicodedata
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import support
from browser import open_page, site_paths
from support import ROOT, build, make_site, publish, soup

from association.contacts import mailto
from sitekit.findings import BuildError

FACTS = tomllib.loads((ROOT / "content" / "verein.toml").read_text(encoding="utf-8"))
FORM = "mitglied-werden/antrag/index.html"
SUBJECT = "Barriere auf der Website von "


def decode_mailto(href):
    """(recipient, {"subject": …, "body": …}) of a mailto: URL."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    fields = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return unquote(parts.path), fields


# --- the mailto filter ----------------------------------------------------------------------


def test_mailto_encodes_subject_and_body_for_an_email_program():
    href = mailto("info@example.org", "Barriere & Co?", "Seite: /a b/\nText")
    assert href == (
        "mailto:info@example.org?subject=Barriere%20%26%20Co%3F&body=Seite%3A%20%2Fa%20b%2F%0D%0AText"
    )
    assert decode_mailto(href) == (
        "info@example.org",
        {"subject": "Barriere & Co?", "body": "Seite: /a b/\r\nText"},
    )


def test_mailto_is_empty_for_a_placeholder_or_no_address():
    assert mailto("[[E-Mail-Adresse des Vereins]]", "Betreff") == ""
    assert mailto("info(at)example.org", "Betreff") == ""


# --- "Barriere melden" in the footer --------------------------------------------------------


def report_link(site, rel):
    links = soup(site, rel).find("footer").find_all("a", string="Barriere melden")
    assert len(links) == 1, f"{rel}: {len(links)} links „Barriere melden“ in the footer"
    return decode_mailto(links[0]["href"])


def page_address(rel):
    return "/" + rel.removesuffix("index.html")


def test_preview_footer_reports_a_barrier_with_the_page_address(tmp_path):
    error_page = (ROOT / "content" / "pages" / "404.md").read_text(encoding="utf-8")
    output = build(make_site(tmp_path, {"pages/404.md": error_page}))
    for rel in ("kontakt/index.html", "beitraege/index.html"):
        recipient, fields = report_link(output, rel)
        assert recipient == "info@example.org"
        assert fields["subject"] == SUBJECT + "Testverein e.V."
        assert fields["body"].splitlines()[0] == f"Seite: {page_address(rel)}"
    _recipient, fields = report_link(output, "404.html")  # served at any address
    assert "bitte die Adresse der Seite hier einfügen" in fields["body"]


def test_footer_shows_a_placeholder_address_as_text_not_as_a_broken_link(built_site):
    # The real content/ still has [[E-Mail-Adresse des Vereins]] (preview only).
    for rel in ("index.html", "kontakt/index.html", FORM):
        footer = soup(built_site, rel).find("footer")
        assert "Barriere melden: [[E-Mail-Adresse des Vereins]]" in footer.get_text(" ")
        assert not footer.select('a[href^="mailto:"]'), rel


@pytest.fixture(scope="module")
def production(filled_project, tmp_path_factory):
    """The real site with its placeholders filled, built for production."""
    return publish(
        filled_project, tmp_path_factory.mktemp("membership-prod"), SITEURL="https://verein.example"
    )


def test_every_published_page_reports_a_barrier_with_its_absolute_address(production):
    pages = sorted(p.relative_to(production).as_posix() for p in production.rglob("*.html"))
    assert FORM in pages and "impressum/index.html" in pages
    for rel in pages:
        recipient, fields = report_link(production, rel)
        assert recipient == support.placeholder_value("E-Mail-Adresse des Vereins"), rel
        assert fields["subject"] == SUBJECT + FACTS["name"], rel
        if rel != "404.html":
            assert f"Seite: https://verein.example{page_address(rel)}" in fields["body"], rel


# --- Mitglied werden -------------------------------------------------------------------------


def test_membership_page_shows_the_fees_from_verein_toml_and_links_the_form(built_site):
    page = soup(built_site, "mitglied-werden/index.html")
    rows = page.select(".bl-fees tbody tr")
    kinds = list(FACTS["mitgliedschaft"]["arten"].values())
    assert [row.find("td").get_text(strip=True) for row in rows] == [k["beitrag"] for k in kinds]
    for row, kind in zip(rows, kinds, strict=True):
        assert row.find("th").get_text(" ", strip=True).startswith(kind["name"])
    assert FACTS["mitgliedschaft"]["wer"] in page.main.get_text()
    form_link = page.main.find("a", string="Mitgliedsantrag")
    assert form_link["href"] == "/mitglied-werden/antrag/"
    menu = page.find("nav", attrs={"aria-label": "Hauptnavigation"})
    assert menu.find("a", string="Mitglied werden")["aria-current"] == "page"


def test_form_is_a_paper_form_with_visible_labels(built_site):
    page = soup(built_site, FORM)
    # No data entry on the website (the header's search field is the site's, not the form's).
    assert not page.find("main").find_all(["form", "input", "select", "textarea", "button"])
    sheets = page.select(".bl-form__sheet")
    assert [s.find("h2").get_text(strip=True) for s in sheets] == [
        "Antrag auf Mitgliedschaft",
        "SEPA-Lastschriftmandat",
    ]
    labels = [[label.get_text(strip=True) for label in s.select(".bl-form__label")] for s in sheets]
    assert {"Vorname", "Nachname", "Geburtsdatum", "E-Mail", "Unterschrift"} <= set(labels[0])
    assert {"Kreditinstitut", "BIC", "IBAN", "Ort, Datum"} <= set(labels[1])
    assert len(sheets[1].select(".bl-form__digit")) == 22  # a German IBAN
    choices = [li.get_text(" ", strip=True) for li in sheets[0].select(".bl-form__choice")]
    assert len(choices) == len(FACTS["mitgliedschaft"]["arten"])
    mandate = sheets[1].get_text(" ", strip=True)
    assert FACTS["mitgliedschaft"]["glaeubiger_id"] in mandate
    assert FACTS["mitgliedschaft"]["mandatsreferenz"] in mandate
    assert "Ich ermächtige den Zahlungsempfänger" in mandate
    assert "innerhalb von acht Wochen, beginnend mit dem Belastungsdatum" in mandate


def pdf_pages(pdf):
    """Text of each page of a PDF, ligatures resolved ("ﬁ" → "fi"), whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [
        (page.mediabox, " ".join(unicodedata.normalize("NFKC", page.extract_text()).split()))
        for page in reader.pages
    ]


A4 = (595, 842)  # points; Chromium writes 594.96 × 841.92


def test_printed_form_is_one_a4_page_per_section_with_every_field(new_page, site_server):
    page = new_page()
    open_page(page, site_server + "/" + FORM.removesuffix("index.html"))
    sections = page.locator(".bl-form__sheet").evaluate_all(
        """sheets => sheets.map(s => ({
            heading: s.querySelector('h2').textContent.trim(),
            labels: [...s.querySelectorAll('.bl-form__label')].map(l => l.textContent.trim()),
        }))"""
    )
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))

    assert len(pages) == len(sections) == 2, (
        f"{len(pages)} printed pages for {len(sections)} sections: a section does not fit "
        "on its A4 page"
    )
    for (box, text), section in zip(pages, sections, strict=True):
        assert (round(float(box.width)), round(float(box.height))) == A4
        assert section["heading"] in text
        for other in sections:
            if other is not section:
                assert other["heading"] not in text.replace(section["heading"], "")
        missing = [label for label in section["labels"] if label not in text]
        assert not missing, f"labels not printed on the page of {section['heading']}: {missing}"
    # The screen-only parts stay on the screen.
    assert not any("Als PDF speichern" in text or "Impressum" in text for _box, text in pages)


# --- legal pages ----------------------------------------------------------------------------


def test_impressum_names_ddg_and_the_mstv_person_with_address(production):
    page = soup(production, "impressum/index.html")
    headings = [h.get_text(strip=True) for h in page.main.find_all("h2")]
    assert "Angaben gemäß § 5 DDG" in headings
    mstv = page.main.find("h2", string="Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV")
    person = mstv.find_next("p").get_text(" ", strip=True)
    assert person == "Erika Muster Musterstraße 12, 37073 Göttingen"


def test_accessibility_statement_names_the_feedback_channel(built_site):
    text = soup(built_site, "barrierefreiheit/index.html").main.get_text(" ", strip=True)
    assert "„Barriere melden“" in text
    assert re.search(r"innerhalb eines Monats.*§ 12b", text)


def test_new_pages_are_in_the_checked_site(built_site):
    # axe (light, dark), the Nu HTML Checker and the request guard walk site_paths().
    assert {"/mitglied-werden/", "/mitglied-werden/antrag/"} <= set(site_paths(built_site))


def test_a_membership_page_without_its_facts_stops_production_and_says_what_to_paste(tmp_path):
    page = "Title: Mitglied werden\nLayout: membership\n\nWerden Sie Mitglied.\n"
    content = make_site(tmp_path, {"pages/mitglied-werden.md": page})  # FACTS: no [mitgliedschaft]
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert (
        "FEHLER in content/verein.toml: Der Abschnitt „[mitgliedschaft]“ fehlt; die Website "
        "braucht daraus „mitgliedschaft.wer“"
    ) in str(error.value)
    assert "(Seite content/pages/mitglied-werden.md)" in str(error.value)
    assert '        [mitgliedschaft]\n        wer = "[[mitgliedschaft.wer]]"' in str(error.value)
    assert not (tmp_path / "output").exists()  # nothing published
