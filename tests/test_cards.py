"""The sharing cards' plain functions: line breaking, sizing, drawing, the cache, and
reading colours and fonts from the stylesheet (plugins/cards, sitekit.theme)."""

import shutil
from pathlib import Path

import pytest
from PIL import Image

from cards.plugin import WIDTHS, Card, Store, alt, photo, plain
from cards.render import (
    MARGIN,
    MAX_LINES,
    TITLE_SIZES,
    _measure,
    card_key,
    design_from,
    drawable,
    fit,
    palette,
    render,
    save_png,
    wrap,
)
from sitekit.constants import SHARING_HEIGHT, SHARING_WIDTH
from sitekit.theme import custom_properties, font_files

ROOT = Path(__file__).resolve().parents[1]
STYLESHEET = ROOT / "theme/static/css/site.css"
COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"


def letters(width):
    """fits(line) for a monospace font: at most width characters."""
    return lambda line: len(line) <= width


def test_wrap_fills_lines_greedily_at_spaces():
    assert wrap("Die IT-Gruppe sucht Verstärkung", letters(15)) == [
        "Die IT-Gruppe",
        "sucht",
        "Verstärkung",
    ]


def test_wrap_breaks_a_too_long_word_after_its_hyphens_first():
    assert wrap("Customer-Relationship-Management (CRM)", letters(14)) == [
        "Customer-",
        "Relationship-",
        "Management",
        "(CRM)",
    ]
    # A word that ends with its hyphen keeps its space: "Kinder- und Jugendarbeit".
    assert wrap("Kinder- und Jugendarbeit", letters(12)) == ["Kinder- und", "Jugendarbeit"]


def test_wrap_breaks_a_long_compound_between_letters_with_a_hyphen():
    lines = wrap(COMPOUND, letters(20))
    assert all(len(line) <= 20 for line in lines)
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines) == COMPOUND


def monospace(text, size):
    return len(text) * size * 0.5


def test_fit_sets_a_short_title_large_and_a_longer_one_smaller():
    width = SHARING_WIDTH - 2 * MARGIN
    short = fit("Sommerfest", monospace, width)
    longer = fit(" ".join(["Sommerfest"] * 12), monospace, width)
    assert short == (TITLE_SIZES[0], ["Sommerfest"])
    assert longer[0] < short[0] and len(longer[1]) <= MAX_LINES


def test_fit_prefers_a_smaller_size_to_breaking_a_word():
    width = 1150  # 44 letters: only the smallest size takes the word whole
    size, lines = fit("Grundstücksverkehrsgenehmigungszuständigkeit", monospace, width)
    assert lines == ["Grundstücksverkehrsgenehmigungszuständigkeit"]
    assert monospace(lines[0], size) <= width


def test_fit_cuts_a_title_that_cannot_fit_with_an_ellipsis():
    size, lines = fit(" ".join([COMPOUND] * 6), monospace, 1040)
    assert size == TITLE_SIZES[-1] and len(lines) == MAX_LINES
    assert lines[-1].endswith("…")
    assert all(monospace(line, size) <= 1040 for line in lines)


def test_a_long_german_title_fits_the_card_in_the_real_font():
    design = design_from(STYLESHEET)
    measure = _measure(design.title_font)
    title = f"{COMPOUND} und die Rechtsschutzversicherungsgesellschaften im Nähcafé"
    size, lines = fit(title, measure, SHARING_WIDTH - 2 * MARGIN)
    assert all(measure(line, size) <= SHARING_WIDTH - 2 * MARGIN for line in lines)
    assert len(lines) <= MAX_LINES


def text_pixels(image, colour):
    """How many pixels of the title area have the text's colour."""
    area = image.crop((MARGIN, 40, SHARING_WIDTH - MARGIN, SHARING_HEIGHT - 140))
    rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return {colour: count for count, colour in area.getcolors(1 << 20)}.get(rgb, 0)


def test_a_card_is_1200_by_630_in_the_site_colours_with_the_title_drawn():
    design = design_from(STYLESHEET)
    card = render("Die IT-Gruppe sucht Verstärkung", "Testverein e.V.", design)
    other = render("Sommerfest im Nähcafé", "Testverein e.V.", design)
    assert card.size == (SHARING_WIDTH, SHARING_HEIGHT) and card.mode == "RGB"
    background = tuple(int(design.background[i : i + 2], 16) for i in (1, 3, 5))
    assert card.getpixel((SHARING_WIDTH - 5, SHARING_HEIGHT - 5)) == background
    assert text_pixels(card, design.text) > 5000  # the letters are there …
    assert card.tobytes() != other.tobytes()  # … and they are the title's


def test_letters_the_font_lacks_are_spelt_in_letters_it_has():
    design = design_from(STYLESHEET)
    assert drawable("Łódź, GROẞ, Nähcafé „ja“ – 5 €", design.title_font) == (
        "Lódź, GROSS, Nähcafé „ja“ – 5 €"  # ź: z and the accent, which the font has
    )
    assert render("Łódź", "V", design).tobytes() == render("Lódź", "V", design).tobytes()


def test_the_png_keeps_the_exact_colours_and_is_small(tmp_path):
    design = design_from(STYLESHEET)
    card = render("Die IT-Gruppe sucht Verstärkung", "Testverein e.V.", design)
    size = save_png(card, tmp_path / "card.png", palette(design))
    with Image.open(tmp_path / "card.png") as saved:
        saved = saved.convert("RGB")
    stripe = [saved.getpixel((round((n + 0.5) * SHARING_WIDTH / 6), 5)) for n in range(6)]
    assert stripe == [card.getpixel((round((n + 0.5) * SHARING_WIDTH / 6), 5)) for n in range(6)]
    assert saved.getpixel((600, 600)) == card.getpixel((600, 600))
    assert size < 25_000


def test_drawing_is_deterministic():
    design = design_from(STYLESHEET)
    assert render("Fest", "Verein", design).tobytes() == render("Fest", "Verein", design).tobytes()


def changed_stylesheet(tmp_path, old, new):
    """A copy of the theme's stylesheet (and its fonts) with one value replaced."""
    shutil.copytree(ROOT / "theme/static", tmp_path / "static")
    path = tmp_path / "static/css/site.css"
    css = path.read_text(encoding="utf-8")
    assert old in css
    path.write_text(css.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_colours_come_from_the_stylesheet(tmp_path):
    design = design_from(STYLESHEET)
    assert design.background == custom_properties(STYLESHEET.read_text())["--bl-brand"]
    changed = design_from(
        changed_stylesheet(tmp_path, f"--bl-brand: {design.background}", "--bl-brand: #00563b")
    )
    assert changed.background == "#00563b"
    assert render("Fest", "Verein", changed).getpixel((600, 600)) == (0, 0x56, 0x3B)
    assert card_key("Fest", "Verein", changed.fingerprint(), 20) != card_key(
        "Fest", "Verein", design.fingerprint(), 20
    )


def test_a_missing_colour_is_named_in_german(tmp_path):
    with pytest.raises(ValueError) as error:
        design_from(changed_stylesheet(tmp_path, "--bl-brand-text:", "--bl-marke-text:"))
    assert "FEHLER in " in str(error.value) and "--bl-brand-text" in str(error.value)


def test_the_key_changes_with_title_name_and_fonts(tmp_path):
    design = design_from(STYLESHEET)
    key = card_key("Fest", "Verein", design.fingerprint(), 20)
    assert len(key) == 20 and key == card_key("Fest", "Verein", design.fingerprint(), 20)
    assert key != card_key("Fest!", "Verein", design.fingerprint(), 20)
    assert key != card_key("Fest", "Anderer Verein", design.fingerprint(), 20)
    font = tmp_path / "font.woff2"
    font.write_bytes(Path(design.title_font).read_bytes() + b"\0")
    moved = design.__class__(
        design.background, design.text, design.stripe, str(font), design.name_font
    )
    assert key != card_key("Fest", "Verein", moved.fingerprint(), 20)


def test_stylesheet_readers_on_a_small_stylesheet(tmp_path):
    css = """
    @font-face { font-family: X; font-weight: 700; src: url("../f/b.woff2") format("woff2"); }
    @font-face { font-family: X; font-style: italic; font-weight: 400; src: url(i.woff2); }
    @font-face { font-family: X; font-weight: 400; src: url(../f/r.woff2), url(r.woff); }
    :root { --a: #112233; /* note */ --b: 1rem; }
    @media (prefers-color-scheme: dark) { :root { --a: #000000; } }
    """
    (tmp_path / "css").mkdir()
    (tmp_path / "css/site.css").write_text(css, encoding="utf-8")
    assert custom_properties(css) == {"--a": "#112233", "--b": "1rem"}
    assert font_files(tmp_path / "css/site.css") == {
        700: (tmp_path / "f/b.woff2").resolve(),
        400: (tmp_path / "f/r.woff2").resolve(),
    }


def test_the_theme_stylesheet_names_both_font_files_and_they_exist():
    fonts = font_files(STYLESHEET)
    assert set(fonts) == {400, 700} and all(path.is_file() for path in fonts.values())


def test_the_store_draws_once_and_keeps_the_files(tmp_path):
    store = Store(tmp_path / "cards")
    drawn = []

    def draw(title):
        drawn.append(title)
        return Image.new("RGB", (SHARING_WIDTH, SHARING_HEIGHT), "#3d1f6e")

    wanted = {"a" * 20: "Fest", "b" * 20: "Markt"}
    colours = palette(design_from(STYLESHEET))
    assert store.make(wanted, draw, colours) == 2
    stamps = {p: p.stat().st_mtime_ns for key in wanted for p in store.files(key)}
    assert store.make(wanted, draw, colours) == 0 and drawn == ["Fest", "Markt"]
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps  # not written again
    with Image.open(store.files("a" * 20)[0]) as card:
        assert card.size == (SHARING_WIDTH, SHARING_HEIGHT) and WIDTHS == (SHARING_WIDTH,)
    (tmp_path / "cards/notes.txt").write_text("not ours")
    store.prune({"a" * 20: "Fest"})
    assert sorted(p.name for p in (tmp_path / "cards").iterdir()) == sorted(
        ["notes.txt", *(p.name for p in store.files("a" * 20))]
    )
    store.publish({"a" * 20: "Fest"}, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in store.files("a" * 20)
    )


class FakePhoto:
    def __init__(self, social, alt="Die Band"):
        self.social, self.alt = social, alt


def test_a_photo_is_shared_only_from_1200_by_630():
    big = photo(FakePhoto(("https://v.example/bilder/x-1200.jpg", 1200, 800)))
    assert (big.url, big.width, big.height, big.alt, big.type) == (
        "https://v.example/bilder/x-1200.jpg",
        1200,
        800,
        "Die Band",
        "image/jpeg",
    )
    assert photo(FakePhoto(None)) is None  # narrower than 1200 px: no such variant
    assert photo(FakePhoto(("/bilder/x-1200.jpg", 1200, 400))) is None  # a panorama
    assert photo(FakePhoto(("/bilder/x-1200.jpg", 1200, 800), alt="")) is None
    assert photo(None) is None


def test_card_markup_and_texts():
    card = Card("k" * 20, lambda name: f"/bilder/{name}", alt("Fest.", "Verein"))
    assert card.alt == "Fest – Verein"
    assert card.sharing.url == f"/bilder/{'k' * 20}-1200.png"
    assert plain("Kaffee &amp; <em>Kuchen</em>") == "Kaffee & Kuchen"
