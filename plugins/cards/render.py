"""A sharing card: the page's title in the site's font on the site's colours, 1200×630.

Plain functions, no Pelican: the layout (which size, which lines) is decided on any
`measure(text, size)`, so it is tested without fonts; `render` draws it with Pillow.
"""

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features
from unidecode import unidecode

from sitekit.constants import SHARING_HEIGHT, SHARING_WIDTH
from sitekit.german import ERROR, report
from sitekit.theme import colours as theme_colours
from sitekit.theme import font_files

# Bump when render() draws something else from the same input.
RECIPE_VERSION = 2
MARGIN = 80  # px left and right of the text, and below the name
STRIPE = 18  # px: the colourful stripe at the top, as in the site's header
TITLE_SIZES = tuple(range(96, 51, -4))  # px, largest first: a short title is set large
NAME_SIZE = 36  # px: the association's name at the bottom
LINE_HEIGHT = 1.15  # of the font size, for the title's lines
MAX_LINES = 4
ELLIPSIS = "…"
PALETTE = 32  # colours of the PNG


@dataclass(frozen=True)
class Design:
    """What a card looks like, read from the site's stylesheet (plugin.design)."""

    background: str  # "#3d1f6e"
    text: str
    stripe: tuple  # colours, left to right
    title_font: str  # path of the bold font file
    name_font: str  # path of the regular one

    def fingerprint(self):
        """Everything besides title and name that shapes the pixels: colours, the fonts'
        bytes, the renderer and its version. Computed once per build."""
        fonts = [_digest(self.title_font), _digest(self.name_font)]
        return [
            RECIPE_VERSION,
            [self.background, self.text, list(self.stripe), fonts],
            [SHARING_WIDTH, SHARING_HEIGHT],
            PIL.__version__,
            features.version("freetype2"),
        ]


# The site's colours a card takes: the association's purple with its text colour (checked
# for contrast by a11y_check) and the stripe (--bl-stripe-1, --bl-stripe-2, … in order).
BACKGROUND, TEXT, STRIPE_PREFIX = "--bl-brand", "--bl-brand-text", "--bl-stripe-"
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TITLE_WEIGHT, NAME_WEIGHT = 700, 400


def design_from(stylesheet):
    """The Design of the theme's stylesheet: colours of its `:root`, fonts of its
    `@font-face` rules. ValueError (a German message) if one is missing."""
    stylesheet = Path(stylesheet)
    colours = {
        name: value for name, (value, _line) in theme_colours(stylesheet.read_text("utf-8")).items()
    }
    fonts = font_files(stylesheet)
    stripe = []
    while COLOUR.match(colours.get(f"{STRIPE_PREFIX}{len(stripe) + 1}", "")):
        stripe.append(colours[f"{STRIPE_PREFIX}{len(stripe) + 1}"])
    missing = [name for name in (BACKGROUND, TEXT) if not COLOUR.match(colours.get(name, ""))]
    missing += [] if stripe else [f"{STRIPE_PREFIX}1"]
    missing += [
        f"@font-face mit font-weight: {weight}"
        for weight in (TITLE_WEIGHT, NAME_WEIGHT)
        if weight not in fonts or not fonts[weight].is_file()
    ]
    if missing:
        raise ValueError(
            report(
                ERROR,
                "Für die Vorschaukarten fehlt im Stylesheet: " + ", ".join(missing) + ".",
                "Die Angaben in :root (Farben als #rrggbb) bzw. die @font-face-Regeln mit "
                "ihrer Schriftdatei wiederherstellen.",
                where=str(stylesheet),
            )
        )
    return Design(
        colours[BACKGROUND],
        colours[TEXT],
        tuple(stripe),
        str(fonts[TITLE_WEIGHT]),
        str(fonts[NAME_WEIGHT]),
    )


def card_key(title, name, fingerprint, length):
    """Content address of a card: the same title, name and design (Design.fingerprint)
    give the same name, any change a new one."""
    text = json.dumps([title, name, fingerprint], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def wrap(text, fits):
    """Greedy line breaking at spaces: as many words on each line as `fits(line)` allows.
    A word too long for a line of its own is broken after its hyphens
    ("Customer-Relationship-Management"), else between letters with a hyphen added."""
    lines = []
    for word in text.split():
        for piece, glue in _pieces(word, fits):
            if lines and glue is not None and fits(lines[-1] + glue + piece):
                lines[-1] += glue + piece
            else:
                lines.append(piece)
    return lines


def _pieces(word, fits):
    """(piece, glue) for a word: glue " " before the word, "" after one of its hyphens,
    None after a break the word does not have (the next piece starts a line)."""
    if fits(word):
        return [(word, " ")]
    pieces = []
    for part in re.findall(r"[^-]+-*|-+", word):
        glue = "" if pieces else " "
        while not fits(part) and len(part) > 1:
            cut = max((n for n in range(1, len(part)) if fits(part[:n] + "-")), default=1)
            pieces.append((part[:cut] + "-", glue))
            part, glue = part[cut:], None
        pieces.append((part, glue))
    return pieces


def fit(title, measure, width, sizes=TITLE_SIZES, max_lines=MAX_LINES):
    """(size, lines): the largest size at which every word fits on a line and the title
    needs at most max_lines lines; else the smallest size, too long words broken, and
    what does not fit cut off with "…"."""
    for size in sizes:
        fits = lambda line, size=size: measure(line, size) <= width  # noqa: E731
        if all(fits(word) for word in title.split()):
            lines = wrap(title, fits)
            if len(lines) <= max_lines:
                return size, lines
    size = sizes[-1]
    lines = wrap(title, lambda line: measure(line, size) <= width)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and measure(last + ELLIPSIS, size) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + ELLIPSIS]
    return size, lines


@cache
def _font(path, size):
    return ImageFont.truetype(path, size)


NOT_A_LETTER = "\ue000"  # a private-use code point: no font has a glyph for it


@cache
def _has_glyph(path, char):
    """True if the font draws char with a glyph of its own, not the box it draws for
    letters it lacks (the site's font is a Latin subset: no ł, no ẞ)."""
    if char.isascii():
        return True

    def drawn(text):
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), text, font=_font(path, 40), fill=255)
        return image.tobytes()

    return drawn(char) != drawn(NOT_A_LETTER)


def drawable(text, path):
    """text with each letter the font lacks spelt in Latin letters it has (Unidecode:
    "Łódź" → "Lódź", "ẞ" → "SS"), so a card never shows an empty box."""
    return "".join(c if _has_glyph(path, c) else unidecode(c) for c in text)


def _measure(path):
    return lambda text, size: _font(path, size).getlength(text)


def render(title, name, design):
    """The card as an RGB image of SHARING_WIDTH × SHARING_HEIGHT."""
    image = Image.new("RGB", (SHARING_WIDTH, SHARING_HEIGHT), design.background)
    draw = ImageDraw.Draw(image)
    segment = SHARING_WIDTH / len(design.stripe)
    for number, colour in enumerate(design.stripe):
        left, right = round(number * segment), round((number + 1) * segment)
        draw.rectangle((left, 0, right - 1, STRIPE - 1), fill=colour)

    title, name = drawable(title, design.title_font), drawable(name, design.name_font)
    name_font = _font(design.name_font, NAME_SIZE)
    name_top = SHARING_HEIGHT - MARGIN - NAME_SIZE
    draw.text((MARGIN, name_top), name, font=name_font, fill=design.text, anchor="lt")

    width = SHARING_WIDTH - 2 * MARGIN
    size, lines = fit(title, _measure(design.title_font), width)
    title_font = _font(design.title_font, size)
    step = round(size * LINE_HEIGHT)
    block = step * (len(lines) - 1) + size
    area_top, area_bottom = STRIPE + 48, name_top - 48
    top = area_top + max(0, (area_bottom - area_top - block) // 2)
    for number, line in enumerate(lines):
        draw.text(
            (MARGIN, top + number * step), line, font=title_font, fill=design.text, anchor="lt"
        )
    return image


def palette(design):
    """The card's colours as a palette image: background, text, the stripe, and the steps
    between background and text that smooth the letters' edges."""
    ends = [_rgb(design.background), _rgb(design.text)]
    steps = PALETTE - 2 - len(design.stripe)
    blends = [
        tuple(round(b + (t - b) * n / (steps + 1)) for b, t in zip(*ends, strict=True))
        for n in range(1, steps + 1)
    ]
    colours = [*ends, *map(_rgb, design.stripe), *blends]
    image = Image.new("P", (1, 1))
    image.putpalette([channel for colour in colours for channel in colour])
    return image


def save_png(image, path, colours):
    """A card's PNG in the palette `colours` (see palette), a third of the bytes of full
    colour; the stripe and background keep their exact colours. Written atomically, so a
    build that is killed leaves no half file behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    image.quantize(palette=colours, dither=Image.Dither.NONE).save(temporary, format="PNG")
    temporary.replace(path)
    return path.stat().st_size


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def forget_fonts():
    """Open the font files anew: the preview server builds again and again in one process,
    and a font file may have changed in between."""
    _font.cache_clear()
    _has_glyph.cache_clear()


def _digest(path):
    """SHA-256 of a font file, read once while its size and modification time stay."""
    stat = Path(path).stat()
    return _digest_of(str(path), stat.st_size, stat.st_mtime_ns)


@cache
def _digest_of(path, _size, _mtime):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
