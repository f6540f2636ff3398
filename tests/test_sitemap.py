"""sitemap.xml and robots.txt: every public page for search engines, nothing else."""

import datetime
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import skip_or_fail
from support import publish

from sitemap.files import NAMESPACE, robots_txt, sitemap_xml

LOC = f"{{{NAMESPACE}}}url/{{{NAMESPACE}}}loc"
SITE = "https://verein.example"
# The sitemaps.org 0.9 schema, written from the protocol (see the comment at its top).
SCHEMA = Path(__file__).parent / "data" / "sitemap-0.9.xsd"


def schema_errors(sitemap):
    """xmllint's complaints about a sitemap file against the 0.9 schema ("" when valid)."""
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        skip_or_fail("xmllint fehlt: sudo apt-get install libxml2-utils")
    result = subprocess.run(
        [xmllint, "--noout", "--schema", str(SCHEMA), str(sitemap)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return "" if result.returncode == 0 else result.stderr


def test_sitemap_lists_each_address_with_its_last_change():
    data = sitemap_xml([(f"{SITE}/", None), (f"{SITE}/a/", datetime.date(2026, 11, 27))])
    root = ET.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}urlset"
    assert [loc.text for loc in root.findall(LOC)] == [f"{SITE}/", f"{SITE}/a/"]
    assert [m.text for m in root.iter(f"{{{NAMESPACE}}}lastmod")] == ["2026-11-27"]
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_an_address_with_an_ampersand_stays_valid_xml():
    root = ET.fromstring(sitemap_xml([(f"{SITE}/?a=1&b=2", None)]))
    assert root.find(LOC).text == f"{SITE}/?a=1&b=2"


def test_robots_txt_allows_everything_and_names_the_sitemap():
    assert robots_txt(f"{SITE}/sitemap.xml").decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        f"Sitemap: {SITE}/sitemap.xml",
    ]


@pytest.fixture(scope="module")
def production(filled_project, tmp_path_factory):
    return publish(filled_project, tmp_path_factory.mktemp("sitemap-prod"), SITEURL=SITE)


def test_the_production_sitemap_lists_every_public_page_and_no_draft(production):
    locs = [loc.text for loc in ET.parse(production / "sitemap.xml").getroot().findall(LOC)]
    paths = {loc.removeprefix(SITE) for loc in locs}
    assert len(paths) == len(locs)  # no address twice
    for path in paths:  # every address is a page that was written
        assert (production / path.lstrip("/") / "index.html").is_file(), path
    assert {
        "/",
        "/beitraege/",
        "/interview-mit-stephan-ueber-die-it-gruppe/",
        "/die-it-gruppe-sucht-verstaerkung/",
        "/termine/",
        "/spenden/",
        "/impressum/",
    } <= paths
    # exactly the HTML pages written, the lists by topic and date included; not the 404 page
    written = {
        "/" + p.relative_to(production).as_posix().removesuffix("index.html")
        for p in production.rglob("*.html")
        if p.name != "404.html"
    }
    assert paths == written
    assert not any("entwurf" in p or "quartalssitzung" in p for p in paths)  # drafts
    assert "404" not in " ".join(paths)
    robots = (production / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_the_preview_writes_no_sitemap(built_site):
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "robots.txt").exists()


def test_the_production_sitemap_validates_against_the_sitemaps_org_schema(production):
    assert schema_errors(production / "sitemap.xml") == ""


def test_the_schema_check_rejects_a_broken_sitemap(tmp_path):
    broken = tmp_path / "sitemap.xml"
    broken.write_bytes(sitemap_xml([("/relativ/", datetime.date(2026, 11, 27))]))
    assert "loc" in schema_errors(broken)  # a sitemap lists absolute addresses only
    broken.write_bytes(
        sitemap_xml([(f"{SITE}/", None)]).replace(b"<loc>", b"<lastmod>gestern</lastmod><loc>")
    )
    assert "lastmod" in schema_errors(broken)
