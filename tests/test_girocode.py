"""The Spenden page: bank details checked at build time, and a GiroCode that banking apps read.

Pure functions on small inputs first; then builds: a wrong check digit stops production at
its line of verein.toml, and the real site's code, rendered by Chromium and decoded by
zbarimg (Debian's zbar-tools), carries exactly the account of verein.toml.
"""

import logging
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET

import pytest
import segno.helpers
from browser import SCREENSHOTS, WCAG_TAGS, describe_findings, open_page, run_axe, vnu_problems
from conftest import serving, skip_or_fail
from support import FACTS, build, make_site, publish

from girocode import bank, epc
from girocode.donation import assess
from sitekit.findings import BuildError

EXAMPLE_IBAN = "DE89 3704 0044 0532 0130 00"  # the well-known example of a German IBAN


# ---- IBAN and BIC ---------------------------------------------------------------------


def test_an_iban_is_shown_in_groups_of_four():
    assert bank.grouped("de89370400440532013000") == EXAMPLE_IBAN
    assert bank.grouped("[[IBAN des Spendenkontos]]") == "[[IBAN des Spendenkontos]]"


def test_a_valid_iban_has_no_problem_with_or_without_spaces():
    assert bank.iban_problem(EXAMPLE_IBAN) is None
    assert bank.iban_problem("DE89370400440532013000") is None


@pytest.mark.parametrize(
    "iban, says",
    [
        ("DE88 3704 0044 0532 0130 00", "Ihre Prüfziffern (88) passen nicht"),
        ("DE89 3704 0044 0523 0130 00", "Ihre Prüfziffern (89) passen nicht"),  # 32 → 23
        ("DE89 3704 0044 0532 0130 0", "hat 21 Zeichen; eine IBAN, die mit „DE“ beginnt, hat 22"),
        ("DE89 3704 0044 0532 0130 O0", "den Buchstaben O statt der Ziffer 0"),
        ("XX89 3704 0044 0532 0130 00", "beginnt nicht mit einem Ländercode"),
    ],
)
def test_a_wrong_iban_is_explained_in_german(iban, says):
    problem = bank.iban_problem(iban)
    assert problem is not None and says in problem.message
    assert "Kontoauszug" in problem.fix


def test_a_bic_must_have_8_or_11_characters_and_fit_the_iban():
    assert bank.bic_problem("COBADEFFXXX") is None and bank.bic_problem("COBADEFF") is None
    assert "hat 7 Zeichen" in bank.bic_problem("COBADEF").message
    assert bank.bic_mismatch("COBADEFF", EXAMPLE_IBAN) is None
    mismatch = bank.bic_mismatch("DEUTDEFFXXX", EXAMPLE_IBAN)
    assert "Zur Bankleitzahl 37040044 gehört laut Bundesbank die BIC „COBADEFFXXX“" in (
        mismatch.message
    )


# ---- the EPC payload ------------------------------------------------------------------

TRANSFER = epc.Transfer(
    name="Bunte Lebenswelten e.V.",
    iban="DE89370400440532013000",
    text="Spende für die IT-Gruppe",
    bic="COBADEFFXXX",
)


def test_the_payload_has_the_fields_of_epc069_12_and_leaves_the_amount_to_the_donor():
    fields = epc.fields(epc.payload(TRANSFER))
    assert fields == {
        "service": "BCD",
        "version": "002",
        "charset": "1",  # UTF-8: "für" arrives as written
        "identification": "SCT",
        "bic": "COBADEFFXXX",
        "name": "Bunte Lebenswelten e.V.",
        "iban": "DE89370400440532013000",
        "amount": "",
        "purpose": "",
        "reference": "",
        "text": "Spende für die IT-Gruppe",
    }


def test_with_an_amount_the_code_is_exactly_segnos_epc_code():
    """Our payload is segno.helpers.make_epc_qr's apart from the optional amount."""
    ours = epc.qr_code(epc.payload(epc.Transfer(**{**vars(TRANSFER), "amount": "EUR10"})))
    segnos = segno.helpers.make_epc_qr(
        name=TRANSFER.name,
        iban=TRANSFER.iban,
        amount=10,
        text=TRANSFER.text,
        bic=TRANSFER.bic,
        encoding="utf-8",
    )
    assert ours == segnos
    assert ours.error == "M" and ours.version <= 13


def test_the_svg_has_no_style_and_no_script_for_the_content_security_policy():
    root = ET.fromstring(epc.svg(epc.qr_code(epc.payload(TRANSFER))))
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert names <= {"svg", "g", "path"}
    assert not any("style" in element.attrib for element in root.iter())


# ---- what the page gets ---------------------------------------------------------------

SPENDEN = {
    "kontoinhaber": "Testverein e.V.",
    "iban": EXAMPLE_IBAN,
    "bic": "COBADEFFXXX",
    "bank": "Commerzbank",
    "verwendungszweck": "Spende",
}


def test_a_complete_account_gets_a_code_and_its_rows():
    donation = assess(SPENDEN)
    assert re.fullmatch(rf"bilder/[0-9a-f]{{20}}-{donation.size}\.svg", donation.code)
    assert ("IBAN", EXAMPLE_IBAN, "iban") in donation.rows
    assert donation.alt == "GiroCode für eine Überweisung an Testverein e.V."
    assert not donation.issues and not donation.missing


def test_without_a_bic_the_code_carries_none():
    donation = assess({**SPENDEN, "bic": ""})
    assert donation.code and "BIC" not in [label for label, _value, _key in donation.rows]


def test_placeholders_or_a_wrong_iban_keep_the_code_away_and_the_page_says_why():
    donation = assess({**SPENDEN, "kontoinhaber": "[[Kontoinhaber laut Bank]]"})
    assert donation.code is None and donation.missing == ("Kontoinhaber",)
    assert donation.note == (
        "Vorschau: Hier erscheint der GiroCode, sobald in content/verein.toml im Abschnitt "
        "[spenden] diese Angaben stimmen: Kontoinhaber."
    )
    wrong = assess({**SPENDEN, "iban": "DE88 3704 0044 0532 0130 00"})
    assert wrong.code is None and wrong.missing == ("IBAN",)
    assert [issue.key for issue in wrong.issues] == ["iban"]


def test_a_purpose_longer_than_the_code_allows_is_a_problem():
    donation = assess({**SPENDEN, "verwendungszweck": "x" * 141})
    assert donation.code is None
    assert "hat 141 Zeichen; in den GiroCode passen höchstens 140" in (
        donation.issues[0].problem.message
    )


# ---- builds ---------------------------------------------------------------------------

DONATE_PAGE = """\
Title: Spenden
Layout: donate
Footer: 2
Summary: So unterstützen Sie uns.

Danke für Ihre Spende.
"""


def account(iban):
    return f"""\
[spenden]
# Das Spendenkonto
kontoinhaber = "Testverein e.V."
iban = "{iban}"
bic = "COBADEFFXXX"
bank = "Commerzbank"
verwendungszweck = "Spende Testverein"
bescheinigung = "Schreiben Sie uns."
"""


WRONG_IBAN = (
    " in content/verein.toml, Zeile 16: Die IBAN „DE88 3704 0044 0532 0130 00“ stimmt nicht: "
    "Ihre Prüfziffern (88) passen nicht zu den übrigen Ziffern. Meist ist das ein Tippfehler "
    "oder ein Zahlendreher.\n"
    "    So beheben: Die IBAN Zeichen für Zeichen mit dem Kontoauszug oder der Banking-App "
    "vergleichen und berichtigen."
)


def test_a_wrong_check_digit_stops_production_at_its_line_of_verein_toml(tmp_path):
    facts = FACTS + account("DE88 3704 0044 0532 0130 00")
    assert facts.splitlines()[15].startswith("iban = ")  # line 16
    content = make_site(tmp_path, {"pages/spenden.md": DONATE_PAGE}, facts=facts)
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    assert "FEHLER" + WRONG_IBAN in str(error.value)
    assert not (tmp_path / "output").exists()  # nothing published


def test_the_preview_warns_about_a_wrong_iban_and_shows_no_code(tmp_path, caplog):
    facts = FACTS + account("DE88 3704 0044 0532 0130 00")
    content = make_site(tmp_path, {"pages/spenden.md": DONATE_PAGE}, facts=facts)
    with caplog.at_level(logging.WARNING):
        output = build(content)
    assert "WARNUNG" + WRONG_IBAN in caplog.text
    page = (output / "spenden/index.html").read_text(encoding="utf-8")
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<img" not in main and "diese Angaben stimmen: IBAN." in page
    assert not list((output / "bilder").glob("*.svg"))  # no code written


def test_a_donate_page_without_the_section_names_what_to_paste(tmp_path, caplog):
    content = make_site(tmp_path, {"pages/spenden.md": DONATE_PAGE})
    with caplog.at_level(logging.WARNING):
        build(content)
    assert "WARNUNG in content/verein.toml: Der Abschnitt „[spenden]“ fehlt" in caplog.text
    assert 'iban = "[[IBAN]]"' in caplog.text


def test_the_real_site_says_in_the_preview_what_the_code_still_needs(built_site):
    page = (built_site / "spenden/index.html").read_text(encoding="utf-8")
    assert "Vorschau: Hier erscheint der GiroCode" in page
    assert "<img" not in page.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.fixture(scope="module")
def published(filled_project, tmp_path_factory):
    """The real site, its placeholders filled with a test account, built for production
    and served; yields (folder, base URL, the [spenden] table it was built from)."""
    folder = tmp_path_factory.mktemp("spenden-site")
    facts = tomllib.loads((filled_project / "content/verein.toml").read_text(encoding="utf-8"))
    with serving(folder) as url:
        publish(filled_project, folder, SITEURL=url)
        yield folder, url, facts["spenden"]


def zbarimg(image):
    """The raw bytes of the one QR code zbarimg finds in image."""
    if shutil.which("zbarimg") is None:
        skip_or_fail("zbarimg fehlt (zum Lesen des GiroCodes): sudo apt-get install zbar-tools")
    result = subprocess.run(
        ["zbarimg", "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", "-Sbinary", str(image)],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, f"zbarimg found no QR code in {image}: {result.stderr!r}"
    return result.stdout.removesuffix(b"\n")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_code_in_the_browser_decodes_to_the_account_of_verein_toml(new_page, published, scheme):
    folder, url, spenden = published
    page = new_page(color_scheme=scheme)
    open_page(page, url + "/spenden/")
    image = page.locator("main img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"spenden-1280-{scheme}.png", full_page=True)
    shot = SCREENSHOTS / f"spenden-girocode-{scheme}.png"
    image.screenshot(path=shot)

    fields = epc.fields(zbarimg(shot))
    assert fields["service"] == "BCD" and fields["identification"] == "SCT"
    assert fields["name"] == spenden["kontoinhaber"]
    assert fields["iban"] == bank.compact(spenden["iban"])
    assert fields["bic"] == spenden["bic"]
    assert fields["text"] == spenden["verwendungszweck"]
    assert fields["amount"] == ""

    # The text alternative beside the code: the same IBAN and purpose, to read and copy.
    details = page.locator(".bl-donate__details")
    assert bank.grouped(spenden["iban"]) in details.inner_text()
    assert spenden["verwendungszweck"] in details.inner_text()
    assert image.get_attribute("alt") == f"GiroCode für eine Überweisung an {fields['name']}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_with_its_code_passes_axe(new_page, published, scheme):
    _folder, url, _spenden = published
    page = new_page(color_scheme=scheme)
    open_page(page, url + "/spenden/")
    results = run_axe(
        page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    assert not results["violations"], "\n".join(
        describe_findings("/spenden/", results["violations"])
    )


def test_the_page_with_its_code_is_valid_html(java, published, tmp_path):
    folder, _url, _spenden = published
    (tmp_path / "spenden").mkdir()
    shutil.copy(folder / "spenden/index.html", tmp_path / "spenden/index.html")
    assert not vnu_problems(java, tmp_path)
