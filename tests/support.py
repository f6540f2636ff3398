"""Helpers for tests: tiny fixture sites built with the real config, theme and plugins."""

import re
import shutil
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

import tasks

ROOT = Path(__file__).resolve().parent.parent

# Facts file for fixture sites: complete, no placeholders.
FACTS = """\
name = "Testverein e.V."
sitz = "Göttingen"
beschreibung = "Ein Verein zum Testen."
[anschrift]
strasse = "Teststraße 1"
plz = "37073"
ort = "Göttingen"
[kontakt]
email = "info@example.org"
telefon = "0551 000000"
[it_gruppe]
email = "it@example.org"
"""

# Every site has a start page (the logo links to it; link_check reports a site without one).
START = """\
Title: Willkommen
Layout: home
Slug: start
Save_as: index.html

Willkommen beim Testverein.
"""

PAGE = """\
Title: Kontakt
Layout: contact
Menu: 1
Footer: 1
Summary: So erreichen Sie uns.

Schreiben Sie uns.
"""


def make_site(root, files, facts=FACTS):
    """Write content/ below root: {"pages/x.md": text, …} plus verein.toml, a start page and a
    contact page."""
    content = Path(root) / "content"
    defaults = {"verein.toml": facts, "pages/start.md": START, "pages/kontakt.md": PAGE}
    for rel, text in {**defaults, **files}.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def build(content, strict=False, **overrides):
    """Build a fixture site into content/../output with the project's settings; return output."""
    output = content.parent / "output"
    settings = tasks.PUBLISH_SETTINGS if strict else tasks.DEV_SETTINGS
    overrides.setdefault("IMAGE_OPTIMIZER_CACHE_DIR", str(content.parent / "cache"))
    overrides.setdefault("CARDS_CACHE_DIR", str(content.parent / "cards-cache"))
    overrides.setdefault("CACHE_PATH", str(content.parent / "pelican-cache"))
    overrides.setdefault("A11Y_CHECK_REPORT_DIR", str(content.parent / "a11y-report"))
    overrides.setdefault("SEARCH_CACHE_DIR", str(content.parent / "search-cache"))
    overrides.setdefault("CONTENT_CHECK_CACHE_DIR", str(content.parent / "content-check-cache"))
    tasks.build_site(settings, PATH=str(content), OUTPUT_PATH=str(output), **overrides)
    return output


def copy_project(target):
    """The project's files in a temporary folder, so tests never touch the real content/."""
    for name in ("content", "theme", "plugins"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, target / name)
    return target


# Plausible values for the [[placeholders]] that the real content/ still contains. A placeholder
# not listed here gets a value from PLACEHOLDER_FALLBACKS (first matching keyword).
PLACEHOLDER_VALUES = {
    "Straße und Hausnummer des Vereins": "Musterstraße 12",
    "Postleitzahl": "37073",
    "E-Mail-Adresse des Vereins": "info@example.org",
    "Telefonnummer des Vereins": "0551 1234567",
    "E-Mail-Adresse der IT-Gruppe": "it@example.org",
    "Vorname Name (Funktion), Vorname Name (Funktion)": "Erika Muster (Vorsitzende), Max Beispiel (Kassenwart)",
    "Registergericht": "Amtsgericht Göttingen",
    "Vereinsregisternummer": "VR 123456",
    "Vorname Name der verantwortlichen Person": "Erika Muster",
    "Anschrift der verantwortlichen Person: Straße Hausnummer, PLZ Ort": "Musterstraße 12, "
    "37073 Göttingen",
    "Jahresbeitrag für Mitglieder in Euro": "36 €",
    "Ermäßigter Jahresbeitrag in Euro": "12 €",
    "Jahresbeitrag für Fördermitglieder in Euro": "ab 60 €",
    "Gläubiger-Identifikationsnummer des Vereins": "DE98ZZZ09999999999",
    "Name und Anschrift des Webhosters": "Beispiel-Hosting GmbH, Hostweg 1, 10115 Berlin",
    "Speicherdauer der Server-Protokolle laut Webhoster": "7 Tage",
    "Vereinszweck laut Satzung": "Der Verein fördert das Miteinander von Menschen "
    "aus verschiedenen Lebenswelten.",
    "Gründungsjahr": "2020",
    "Datum der Erstellung dieser Erklärung": "1. November 2026",
    # [spenden]: the well-known example IBAN of a German test account and its bank's BIC
    "Kontoinhaber laut Bank": "Bunte Lebenswelten e.V.",
    "IBAN des Spendenkontos": "DE89 3704 0044 0532 0130 00",
    "BIC der Bank": "COBADEFFXXX",
    "Name der Bank": "Commerzbank",
    "Verwendungszweck für Spenden": "Spende Bunte Lebenswelten",
    "Wie Spendende den Beleg des Vereins und eine Zuwendungsbestätigung bekommen": "Schreiben "
    "Sie uns Ihre Anschrift, dann schicken wir Ihnen Beleg oder Bestätigung per Post.",
}
PLACEHOLDER_FALLBACKS = [
    ("E-Mail", "info@example.org"),
    ("Telefon", "0551 1234567"),
    ("Datum", "1. November 2026"),
    ("jahr", "2020"),
    ("", "Testwert"),
]
PLACEHOLDER = re.compile(r"\[\[(.+?)\]\]")


def placeholder_value(name):
    if name in PLACEHOLDER_VALUES:
        return PLACEHOLDER_VALUES[name]
    return next(
        value for keyword, value in PLACEHOLDER_FALLBACKS if keyword.lower() in name.lower()
    )


def fill_placeholders(content):
    """Replace every [[…]] in content/ with a plausible test value, as the association
    will with its real facts (production refuses unfilled placeholders)."""
    for path in sorted(Path(content).rglob("*")):
        if path.suffix not in (".md", ".toml"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":  # comments explain placeholders; only values are content
            lines = [
                line
                if line.lstrip().startswith("#")
                else PLACEHOLDER.sub(lambda m: placeholder_value(m[1]), line)
                for line in text.splitlines(keepends=True)
            ]
            filled = "".join(lines)
        else:
            filled = PLACEHOLDER.sub(lambda m: placeholder_value(m[1]), text)
        if filled != text:
            path.write_text(filled, encoding="utf-8")
    return content


def publish(project, output, **overrides):
    """Production build of a project copy (see copy_project) into output; returns output."""
    tasks.build_site(
        tasks.PUBLISH_SETTINGS,
        PATH=str(project / "content"),
        OUTPUT_PATH=str(output),
        FEED_DOMAIN=overrides.get("SITEURL", ""),
        IMAGE_OPTIMIZER_CACHE_DIR=str(project / "cache"),
        CARDS_CACHE_DIR=str(project / "cards-cache"),
        A11Y_CHECK_REPORT_DIR=str(project / "reports"),
        **overrides,
    )
    return output


def soup(site, rel):
    """The parsed HTML of one built page."""
    return BeautifulSoup((Path(site) / rel).read_text(encoding="utf-8"), "html.parser")


def slugifier(settings):
    """A function title -> slug exactly as Pelican's own slugify makes it with these
    settings (to compare sitekit.slugs.slug with Pelican)."""
    from pelican.utils import slugify

    def slug(title):
        return slugify(
            title,
            regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )

    return slug


def sharing_problems(output, site_url):
    """What is wrong with the link previews of a built site: every page's og:image must be
    an absolute URL below site_url of a file in output of at least 1200×630 (as its
    og:image:width/height say), with an og:image:alt; no "Platzhalter" in any src, srcset,
    alt or og:image. An empty list when all is well."""
    from PIL import Image

    problems = []
    for html in sorted(Path(output).rglob("*.html")):
        rel = html.relative_to(output).as_posix()
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        meta = {
            tag["property"]: tag.get("content", "") for tag in page.find_all("meta", property=True)
        }
        image = meta.get("og:image", "")
        if not image.startswith(f"{site_url}/"):
            problems.append(f"{rel}: og:image {image!r} is not below {site_url}/")
            continue
        file = Path(output) / image.removeprefix(f"{site_url}/")
        if not file.is_file():
            problems.append(f"{rel}: og:image {image} is no file of the site")
            continue
        with Image.open(file) as opened:
            size = opened.size
        said = (int(meta.get("og:image:width", 0)), int(meta.get("og:image:height", 0)))
        if size[0] < 1200 or size[1] < 630 or size != said:
            problems.append(f"{rel}: og:image is {size}, the page says {said}")
        if not meta.get("og:image:alt", "").strip():
            problems.append(f"{rel}: og:image without og:image:alt")
        shown = [image, meta.get("og:image:alt", "")] + [
            tag.get(name, "")
            for tag in page.find_all(["img", "source"])
            for name in ("src", "srcset", "alt")
        ]
        if any("platzhalter" in text.lower() for text in shown):
            problems.append(f"{rel}: a placeholder picture")
    return problems


INTERVIEW = "interviews/interview-stephan-it-gruppe.md"
INTERVIEW_PHOTO_CREDIT = """
["images/it-gruppe.jpg"]
bildnachweis = "Erika Muster"
einwilligung = "Alle Abgebildeten haben zugestimmt."
"""


def add_interview_photo(content, jpeg):
    """Put the photo (JPEG bytes) over Stephan's interview in content/, with credit and
    consent: the real content has none yet. Returns the interview's path."""
    (Path(content) / "images/it-gruppe.jpg").write_bytes(jpeg)
    with open(Path(content) / "images/bildnachweise.toml", "a", encoding="utf-8") as credits:
        credits.write(INTERVIEW_PHOTO_CREDIT)
    interview = Path(content) / INTERVIEW
    interview.write_text(
        interview.read_text(encoding="utf-8").replace(
            "Layout: interview\n",
            "Layout: interview\nImage: ../images/it-gruppe.jpg\n"
            "Image_alt: Die IT-Gruppe am Tisch im Z.a.K.\n",
            1,
        ),
        encoding="utf-8",
    )
    return interview
