"""image_optimizer in a real Pelican build of a small fixture site."""

import logging
import re

import pytest
from bs4 import BeautifulSoup
from images import (
    animated_gif,
    has_private_metadata,
    heic_bytes,
    jpeg_bytes,
    photo,
    transparent_png,
)
from support import build, make_site, soup

from sitekit.findings import BuildError

ARTICLE = """\
Title: Sommerfest
Date: 2026-07-01
Layout: news
Summary: Bilder vom Fest.

![Viele Menschen auf der Wiese](../images/fest.jpg "Das Sommerfest im Z.a.K.")

Unser Logo: ![Logo von Bunte Lebenswelten](../images/logo.png)

![Tanzende Punkte]({static}/images/tanz.gif)

![Lageplan](/images/plan.svg)

![Noch einmal das Fest](images/fest.jpg)
"""
GOOD_FILES = {
    "neuigkeiten/fest.md": ARTICLE,
    "images/fest.jpg": jpeg_bytes(photo(2000, 1500)),
    "neuigkeiten/images/fest.jpg": jpeg_bytes(photo(900, 600), orientation=6),
    "images/logo.png": transparent_png(),
    "images/tanz.gif": animated_gif(),
    "images/plan.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"></svg>',
}


def page_of(output):
    return BeautifulSoup(
        (output / "sommerfest/index.html").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    return build(make_site(root, GOOD_FILES)), root


def test_every_photo_becomes_a_picture_with_sources_and_size(site):
    output, _ = site
    pictures = page_of(output).main.find_all("picture")
    assert len(pictures) == 3  # fest.jpg, logo.png and the portrait fest.jpg beside the text
    first = pictures[0]
    assert [s["type"] for s in first.find_all("source")] == ["image/avif", "image/webp"]
    img = first.img
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert img["alt"] == "Viele Menschen auf der Wiese"
    assert img["sizes"] == "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
    assert [w.split()[1] for w in img["srcset"].split(", ")] == ["480w", "800w", "1200w", "1600w"]
    assert img["src"].endswith("-800.jpg")
    assert first.parent.name == "figure"
    assert first.parent.figcaption.get_text() == "Das Sommerfest im Z.a.K."


def test_first_image_loads_first_the_others_lazily(site):
    output, _ = site
    images = page_of(output).main.find_all("img")
    assert images[0]["fetchpriority"] == "high" and not images[0].get("loading")
    assert all(img["loading"] == "lazy" and img["decoding"] == "async" for img in images[1:])


def test_transparency_keeps_png_and_small_sources_are_not_enlarged(site):
    output, _ = site
    logo = page_of(output).main.find_all("picture")[1].img
    assert logo["src"].endswith(".png")
    assert [w.split()[1] for w in logo["srcset"].split(", ")] == ["300w"]
    assert (logo["width"], logo["height"]) == ("300", "200")


def test_portrait_photo_is_upright(site):
    output, _ = site
    portrait = page_of(output).main.find_all("picture")[2].img
    assert (portrait["width"], portrait["height"]) == ("600", "900")


def test_animated_gif_and_svg_are_published_unchanged_with_their_size(site):
    output, root = site
    images = {img["alt"]: img for img in page_of(output).main.find_all("img")}
    gif, svg = images["Tanzende Punkte"], images["Lageplan"]
    assert (gif["src"], gif["width"], gif["height"]) == ("/images/tanz.gif", "120", "80")
    assert (svg["src"], svg["width"], svg["height"]) == ("/images/plan.svg", "300", "200")
    from PIL import Image

    with Image.open(output / "images/tanz.gif") as published:  # re-saved, without metadata
        assert published.n_frames == 3


def test_every_referenced_file_exists_and_none_carries_gps(site):
    output, _ = site
    page = page_of(output)
    urls = {img["src"] for img in page.find_all("img")}
    for tag in page.find_all(["img", "source"]):
        urls |= {part.split()[0] for part in tag.get("srcset", "").split(", ") if part}
    for url in urls:
        assert (output / url.lstrip("/")).is_file(), url
    for file in (output / "bilder").iterdir():
        assert not has_private_metadata(file.read_bytes()), file.name


def test_originals_are_not_published(site):
    output, _ = site
    assert not (output / "images/fest.jpg").exists()
    assert not (output / "images/logo.png").exists()


def test_second_build_takes_everything_from_the_cache(site, caplog):
    _, root = site
    cache_files = {p: p.stat().st_mtime_ns for p in (root / "cache").iterdir()}
    with caplog.at_level(logging.INFO, logger="image_optimizer"):
        output = build(root / "content")
    assert "Bilder: 3 Quellen, 0 Varianten neu erzeugt, 21 aus dem Zwischenspeicher" in caplog.text
    assert {p: p.stat().st_mtime_ns for p in (root / "cache").iterdir()} == cache_files
    assert page_of(output).main.find_all("picture")


def test_stale_cache_entries_are_pruned(tmp_path):
    content = make_site(tmp_path, GOOD_FILES)
    build(content)
    (content / "images/logo.png").write_bytes(transparent_png(200, 100))  # new content, new key
    build(content)
    keys = {
        p.name.split("-")[0]
        for p in (tmp_path / "cache").iterdir()
        if p.name != "index.json" and not p.name.startswith(".")
    }
    assert len(keys) == 4  # fest.jpg, the portrait, the new logo and the re-saved GIF


BAD = """\
Title: Pannen
Date: 2026-07-02
Layout: news

![Fehlt](../images/fehlt.jpg)

![Kaputt](../images/kaputt.jpg)

![Kein Bild](../images/text.jpg)

![Riesig](../images/riesig.png)

![Fremd](https://example.org/bild.jpg)

![Böse](../images/boese.svg)
"""
BAD_FILES = {
    "neuigkeiten/pannen.md": BAD,
    "images/kaputt.jpg": jpeg_bytes(photo(400, 300))[:2000],
    "images/text.jpg": b"Das ist kein Bild.",
    "images/riesig.png": jpeg_bytes(photo(1200, 1000)),
    "images/boese.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
}
BAD_MESSAGES = [
    (
        "Zeile 5: Das Bild „../images/fehlt.jpg“ gibt es nicht (gesucht: content/images/fehlt.jpg).",
        "So beheben: Den Dateinamen prüfen (Groß- und Kleinschreibung zählen) oder das Bild nach "
        "content/images/ legen und so einbinden: ![Beschreibung](../images/name.jpg)",
    ),
    (
        "Zeile 7: Das Bild „../images/kaputt.jpg“ ist beschädigt oder unvollständig",
        "So beheben: Das Bild noch einmal vom Handy oder der Kamera kopieren bzw. neu exportieren.",
    ),
    (
        "Zeile 9: Das Bild „../images/text.jpg“ hat ein Format, das die Website nicht verarbeiten "
        "kann.",
        "So beheben: Das Bild als JPEG oder PNG speichern",
    ),
    (
        "Zeile 11: Das Bild „../images/riesig.png“ hat zu viele Pixel (erlaubt sind höchstens 1 Mio. Pixel).",
        "So beheben: Das Bild vorher verkleinern, z. B. auf 4000 Pixel Breite.",
    ),
    (
        "Zeile 13: Das Bild „https://example.org/bild.jpg“ wird von einem fremden Server geladen.",
        "So beheben: Das Bild (mit Erlaubnis) herunterladen, nach content/images/ legen",
    ),
    (
        "Zeile 15: Die SVG-Grafik „../images/boese.svg“ enthält Skripte, Ereignis-Attribute",
        "So beheben: Die Grafik ohne Skripte speichern",
    ),
]


def test_bad_images_are_reported_in_german_and_left_as_written(tmp_path, caplog):
    content = make_site(tmp_path, BAD_FILES)
    with caplog.at_level(logging.WARNING):
        output = build(content, IMAGE_OPTIMIZER_MAX_PIXELS=1_000_000)
    for message, fix in BAD_MESSAGES:
        assert f"WARNUNG in content/neuigkeiten/pannen.md, {message}" in caplog.text
        assert fix in caplog.text
    assert "Die Stelle bleibt unverändert, bis das behoben ist." in caplog.text
    assert "Traceback" not in caplog.text
    html = (output / "pannen/index.html").read_text(encoding="utf-8")
    assert '<img alt="Fehlt" src="../images/fehlt.jpg"' in html
    assert "<picture>" not in html
    assert not (output / "images/boese.svg").exists()


def test_bad_images_stop_the_production_build(tmp_path):
    content = make_site(tmp_path, BAD_FILES)
    with pytest.raises(BuildError) as error:
        build(content, strict=True, IMAGE_OPTIMIZER_MAX_PIXELS=1_000_000)
    text = str(error.value)
    for message, _fix in BAD_MESSAGES:
        assert f"FEHLER in content/neuigkeiten/pannen.md, {message}" in text
    assert text.endswith(
        "Der Bau wurde abgebrochen: 6 Fehler. Es wurde nichts veröffentlicht und nichts nach "
        "output/ geschrieben."
    )


def test_metadata_image_needs_its_description(tmp_path, caplog):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\nLayout: news\n"
            "Image: ../images/fest.jpg\n\nText.\n",
            "images/fest.jpg": jpeg_bytes(photo(800, 600)),
        },
    )
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        "WARNUNG in content/neuigkeiten/fest.md, Zeile 4: Zum Bild „../images/fest.jpg“ in "
        "„Image:“ fehlt die Angabe „Image_alt:“."
    ) in caplog.text


def test_metadata_image_is_shown_first_and_as_social_preview(tmp_path):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\nLayout: news\n"
            "Image: ../images/fest.jpg\nImage_alt: Die Wiese im Sommer\n\n"
            "Text.\n\n![Noch ein Bild](../images/fest.jpg)\n",
            "images/fest.jpg": jpeg_bytes(photo(1600, 1200)),
        },
    )
    output = build(content, SITEURL="https://verein.example")
    page = BeautifulSoup((output / "fest/index.html").read_text(encoding="utf-8"), "html.parser")
    header, in_text = page.main.find_all("img")
    assert header["alt"] == "Die Wiese im Sommer" and header["fetchpriority"] == "high"
    assert in_text["loading"] == "lazy"
    og_image = page.find("meta", property="og:image")["content"]
    assert re.fullmatch(r"https://verein\.example/bilder/\w+-1200\.jpg", og_image)
    assert page.find("meta", property="og:image:alt")["content"] == "Die Wiese im Sommer"


CREDITS = """\
["images/fest.jpg"]
bildnachweis = "Anna Beispiel"
einwilligung = "Alle Abgebildeten haben zugestimmt."
"""


def test_credit_goes_into_the_caption_or_after_the_image(tmp_path):
    content = make_site(tmp_path, {**GOOD_FILES, "images/bildnachweise.toml": CREDITS})
    page = page_of(build(content))
    figure = page.main.find("figure")
    assert (
        figure.figcaption.get_text(" ", strip=True)
        == "Das Sommerfest im Z.a.K. Foto: Anna Beispiel"
    )
    assert [c.get_text() for c in page.main.select(".bl-figure__credit")] == ["Foto: Anna Beispiel"]


def test_a_missing_credit_stops_production_and_the_preview_says_so_first(tmp_path, caplog):
    content = make_site(tmp_path, {**GOOD_FILES, "images/bildnachweise.toml": CREDITS})
    with pytest.raises(BuildError) as error:
        build(content, strict=True)
    missing = (
        "in content/neuigkeiten/fest.md, Zeile 8: Für das Bild „../images/logo.png“ "
        "fehlen „bildnachweis“ und „einwilligung“ in content/images/bildnachweise.toml.\n"
        "    So beheben: In content/images/bildnachweise.toml ans Ende anfügen und ausfüllen:\n"
        '        ["images/logo.png"]\n'
        '        bildnachweis = "[[Name der Fotografin oder des Fotografen]]"\n'
        '        einwilligung = "[[Wer ist zu sehen, und liegt die Einwilligung vor?]]"'
    )
    assert "FEHLER " + missing in str(error.value)
    assert "„../images/fest.jpg“ fehlt" not in str(error.value)  # that one has both
    with caplog.at_level(logging.WARNING):
        build(content)  # the preview: the same words, as a warning
    assert "WARNUNG " + missing in caplog.text


@pytest.mark.parametrize(
    "credits",
    [
        "",  # no entry: a whole section
        '["images/logo.png"]\nbildnachweis = "Anna Beispiel"\n',  # one line missing
        '["images/logo.png"]\nbildnachweis = "Anna"\neinwilligung = ""\n',  # an empty line
    ],
)
def test_the_printed_credit_snippet_pasted_as_printed_is_valid(tmp_path, caplog, credits):
    """Pasted as printed, the lines give a valid credits file: the photo then only waits for
    its [[placeholders]], and no other photo loses its credit."""
    credits_file = tmp_path / "content/images/bildnachweise.toml"
    content = make_site(tmp_path, {**GOOD_FILES, "images/bildnachweise.toml": CREDITS + credits})
    with caplog.at_level(logging.WARNING):
        build(content)
    printed = next(r.getMessage() for r in caplog.records if "logo.png“ fehl" in r.getMessage())
    fix = printed.splitlines()[1]
    pasted = [line[8:] for line in printed.splitlines()[2:]]
    lines = credits_file.read_text(encoding="utf-8").splitlines()
    if "ans Ende" in fix:
        lines += pasted
    else:  # into the section, instead of an empty line if there is one
        empty = [n for n, line in enumerate(lines) if line.endswith('= ""')]
        at = empty[0] if empty else len(lines)
        lines[at : at + len(empty[:1])] = pasted
    credits_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        page = page_of(build(content))
    assert "logo.png“ fehl" not in caplog.text and "gelesen" not in caplog.text, caplog.text
    assert re.search(
        r"WARNUNG: \d Platzhalter \[\[…\]\] (ist|sind) noch nicht ausgefüllt "
        r"\(content/images/bildnachweise.toml\)",
        caplog.text,
    ), caplog.text
    credits = [c.get_text() for c in page.main.select(".bl-figure__credit")]
    assert "Foto: Anna Beispiel" in credits  # the other photo keeps its credit


def test_a_broken_credits_file_is_one_german_message_with_its_line(tmp_path, caplog):
    broken = '["images/fest.jpg"]\nbildnachweis = "Anna"  einwilligung = "ja"\n'
    content = make_site(tmp_path, {**GOOD_FILES, "images/bildnachweise.toml": broken})
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        "WARNUNG in content/images/bildnachweise.toml, Zeile 2: Die Bildnachweise können nicht "
        "gelesen werden: Zwei Angaben stehen in einer Zeile; jede Angabe braucht eine eigene Zeile."
    ) in caplog.text
    assert "fehlen „bildnachweis“" not in caplog.text  # one cause, one message


def test_published_originals_are_cleaned_full_size_copies(tmp_path):
    content = make_site(tmp_path, GOOD_FILES)
    output = build(content, IMAGE_OPTIMIZER_PUBLISH_ORIGINALS=True)
    from PIL import Image

    published = output / "neuigkeiten/images/fest.jpg"  # where a {static} link expects it
    assert not has_private_metadata(published.read_bytes())
    with Image.open(published) as image:
        assert image.size == (600, 900)  # the sideways portrait, now upright
    assert not has_private_metadata((output / "images/fest.jpg").read_bytes())


def test_private_files_never_reach_the_site(tmp_path):
    """Consent records, drafts' photos in production, uploads with unusual names."""
    content = make_site(
        tmp_path,
        {
            **GOOD_FILES,
            "images/bildnachweise.toml": CREDITS,
            "images/IMG-20260701-WA0003.jfif": jpeg_bytes(photo(300, 200)),
            "neuigkeiten/entwurf.md": "Title: Entwurf\nDate: 2026-07-03\nLayout: news\nStatus: draft\n\n"
            "![Geheim](../images/geheim.jpg)\n",
            "images/geheim.jpg": jpeg_bytes(photo(300, 200)),
        },
    )
    output = build(
        content,
        strict=True,
        SITEURL="https://verein.example",
        IMAGE_OPTIMIZER_REQUIRE_CREDITS=False,
    )
    published = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert not any(
        name.endswith((".toml", ".jfif", ".jpg")) and name.startswith("images/")
        for name in published
    ), published
    consent = "Alle Abgebildeten haben zugestimmt"  # for the association's records only
    assert all(consent not in (output / name).read_text(errors="ignore") for name in published)
    cards = {  # the pages' drawn sharing cards (plugins/cards) lie beside the photos
        meta["content"].rsplit("/", 1)[1].split("-")[0]
        for html in output.rglob("*.html")
        for meta in soup(output, html.relative_to(output)).find_all("meta", property="og:image")
        if meta["content"].endswith(".png")
    }
    variants = len([p for p in (output / "bilder").iterdir() if p.name[:20] not in cards])
    assert variants == 21  # only the published article's photos, not the draft's


def test_images_outside_content_and_unusable_header_images(tmp_path, caplog):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\nLayout: news\nImage: ../images/weg.jpg\n"
            "Image_alt: Fehlt\n\n![Urlaub](../../urlaub.jpg)\n",
        },
    )
    (tmp_path / "urlaub.jpg").write_bytes(jpeg_bytes(photo(100, 80)))
    with caplog.at_level(logging.WARNING):
        output = build(content)
    assert (
        "Zeile 7: Das Bild „../../urlaub.jpg“ liegt außerhalb des Ordners content/" in caplog.text
    )
    html = (output / "fest/index.html").read_text(encoding="utf-8")
    assert "<figure" not in html
    page = BeautifulSoup(html, "html.parser")  # shared with its drawn card instead
    assert page.find("meta", property="og:image")["content"].endswith("-1200.png")


def test_the_cache_deletes_only_its_own_files(tmp_path):
    cache = tmp_path / "mein-ordner"
    cache.mkdir()
    (cache / "Urlaub.jpg").write_bytes(b"privat")
    (cache / "unterordner").mkdir()
    build(make_site(tmp_path, GOOD_FILES), IMAGE_OPTIMIZER_CACHE_DIR=str(cache))
    assert (cache / "Urlaub.jpg").read_bytes() == b"privat" and (cache / "unterordner").is_dir()


def test_links_to_an_upload_lead_to_a_cleaned_image(tmp_path):
    article = ARTICLE + "\n[Das Fest in groß]({static}/images/fest.jpg)\n"
    content = make_site(tmp_path, {**GOOD_FILES, "neuigkeiten/fest.md": article})
    page = page_of(build(content))
    link = page.main.find("a", string="Das Fest in groß")
    assert link["href"].startswith("/bilder/") and link["href"].endswith("-1600.jpg")
    output = build(content, IMAGE_OPTIMIZER_PUBLISH_ORIGINALS=True)
    link = page_of(output).main.find("a", string="Das Fest in groß")
    assert link["href"] == "/images/fest.jpg"
    assert not has_private_metadata((output / "images/fest.jpg").read_bytes())


def test_every_use_of_a_bad_image_is_named_with_its_own_line(tmp_path, caplog):
    text = (
        "Title: Zwei\nDate: 2026-07-01\nLayout: news\n\n![A](../images/ab.jpg)\n\n"
        "![B](../images/b.jpg)\n\n![Noch mal B](../images/b.jpg)\n"
    )
    content = make_site(
        tmp_path, {"neuigkeiten/zwei.md": text, "images/ab.jpg": jpeg_bytes(photo(200, 100))}
    )
    with caplog.at_level(logging.WARNING):
        build(content)
    assert "zwei.md, Zeile 7: Das Bild „../images/b.jpg“ gibt es nicht" in caplog.text
    assert "zwei.md, Zeile 9: Das Bild „../images/b.jpg“ gibt es nicht" in caplog.text


IPHONE = """\
Title: Ausflug
Date: 2026-07-04
Layout: news
Summary: Fotos vom Ausflug.

![Beschreibung](../images/foto.heic)

![Der Bus am See](../images/bus.HEIF)

[Das Foto in groß](../images/foto.heic)
"""
IPHONE_CREDITS = """\
["images/foto.heic"]
bildnachweis = "Anna Beispiel"
einwilligung = "Alle Abgebildeten haben zugestimmt."

["images/bus.HEIF"]
bildnachweis = "Ben Beispiel"
einwilligung = "Niemand ist zu erkennen."
"""


def test_iphone_photos_are_published_like_jpegs(tmp_path):
    """HEIC as an iPhone saves it (sideways pixels, Orientation 6, GPS), encoded in two worker
    processes; the production build with credits required and originals published."""
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/ausflug.md": IPHONE,
            "images/foto.heic": heic_bytes(photo(1000, 750), orientation=6),
            "images/bus.HEIF": heic_bytes(photo(900, 600)),
            "images/bildnachweise.toml": IPHONE_CREDITS,
        },
    )
    output = build(
        content,
        strict=True,
        SITEURL="https://verein.example",
        IMAGE_OPTIMIZER_WORKERS=2,
        IMAGE_OPTIMIZER_PUBLISH_ORIGINALS=True,
    )
    page = BeautifulSoup((output / "ausflug/index.html").read_text(encoding="utf-8"), "html.parser")
    pictures = page.main.find_all("picture")
    assert len(pictures) == 2
    for picture in pictures:
        assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
        assert picture.img["src"].endswith(".jpg")
    portrait = pictures[0].img  # stored sideways, shown upright
    assert (portrait["width"], portrait["height"]) == ("750", "1000")
    assert portrait["alt"] == "Beschreibung"
    credits = [c.get_text() for c in page.main.select(".bl-figure__credit")]
    assert credits == ["Foto: Anna Beispiel", "Foto: Ben Beispiel"]
    link = page.main.find("a", string="Das Foto in groß")
    assert link["href"] == "https://verein.example/images/foto.jpg"  # a JPEG every browser shows
    from PIL import Image

    with Image.open(output / "images/foto.jpg") as original:
        assert (original.format, original.size) == ("JPEG", (750, 1000))
    files = [p for p in output.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix.lower() in (".heic", ".heif")]
    assert [p.name for p in files if has_private_metadata(p.read_bytes())] == []


def test_without_image_the_first_photo_is_thumbnail_and_sharing_image(tmp_path):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/fest.md": "Title: Fest\nDate: 2026-07-01\nLayout: news\n\n"
            "![](../images/linie.png){: .dekorativ}\n\n"
            "![Die Band auf der Bühne](../images/band.jpg)\n\n"
            "![Der Kuchentisch](../images/kuchen.jpg)\n",
            "images/linie.png": transparent_png(),
            "images/band.jpg": jpeg_bytes(photo(1600, 1200)),
            "images/kuchen.jpg": jpeg_bytes(photo(1600, 1200)),
        },
    )
    output = build(content, SITEURL="https://verein.example")
    article = BeautifulSoup((output / "fest/index.html").read_text(encoding="utf-8"), "html.parser")
    og_image = article.find("meta", property="og:image")["content"]
    assert re.fullmatch(r"https://verein\.example/bilder/\w+-1200\.jpg", og_image)
    assert article.find("meta", property="og:image:alt")["content"] == "Die Band auf der Bühne"
    assert len(article.main.find_all("picture")) == 3  # the three in the text, no header image
    listing = BeautifulSoup(
        (output / "beitraege/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    thumbnail = listing.select_one(".bl-tile__picture img")
    assert thumbnail["alt"] == "Die Band auf der Bühne"
    assert og_image.rsplit("/", 1)[1].split("-")[0] in thumbnail["src"]


def test_a_credit_section_written_without_quotes_gets_the_line_to_paste(tmp_path, caplog):
    broken = '[images/fest.jpg]\nbildnachweis = "Anna"\neinwilligung = "ja"\n'
    content = make_site(tmp_path, {**GOOD_FILES, "images/bildnachweise.toml": broken})
    with caplog.at_level(logging.WARNING):
        build(content)
    assert (
        "WARNUNG in content/images/bildnachweise.toml, Zeile 1: Die Bildnachweise können nicht "
        "gelesen werden: Eine Abschnittsüberschrift ist nicht richtig geschrieben (mit „]“ "
        "geschlossen, ein Pfad in Anführungszeichen).\n"
        "    So beheben: Die Zeile ersetzen durch:\n"
        '        ["images/fest.jpg"]'
    ) in caplog.text


def test_a_drafts_photo_with_open_credit_placeholders_does_not_stop_publishing(tmp_path):
    credits = (
        '["images/geheim.jpg"]\nbildnachweis = "[[Name]]"\neinwilligung = "[[Wer ist zu sehen]]"\n'
    )
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/entwurf.md": "Title: Entwurf\nDate: 2026-07-03\nLayout: news\n"
            "Status: draft\n\n![Das Team](../images/geheim.jpg)\n",
            "images/geheim.jpg": jpeg_bytes(photo(300, 200)),
            "images/bildnachweise.toml": credits,
        },
    )
    output = build(content, strict=True, SITEURL="https://verein.example")  # no BuildError
    assert (output / "kontakt/index.html").is_file()
