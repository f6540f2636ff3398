"""Pelican glue: every written page gets its sharing image, its photo or a drawn card."""

import contextlib
import fcntl
import logging
import mimetypes
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from PIL import Image

from sitekit import german
from sitekit.constants import IMAGE_HASH_LENGTH, SHARING_HEIGHT, SHARING_WIDTH
from sitekit.settings import value

from . import settings as options
from .render import card_key, design_from, forget_fonts, palette, render, save_png

logger = logging.getLogger(__name__)

STYLESHEET = Path("static") / "css" / "site.css"  # below THEME: colours and fonts
FOLDER = "bilder"  # where the cards go without image_optimizer; beside the photos with it
# A card's files: the sharing size only. Lists draw a page without a photo with CSS
# (macros.tile), not with a small copy of its card.
WIDTHS = (SHARING_WIDTH,)
CARD_FILE = re.compile(rf"^[0-9a-f]{{{IMAGE_HASH_LENGTH}}}-({'|'.join(map(str, WIDTHS))})\.png$")
# Pelican's context: the site's own card, for pages without a text (lists, archive, 404).
SITE_SHARING_IMAGE = "SITE_SHARING_IMAGE"


@dataclass(frozen=True)
class SharingImage:
    """The image a shared link to a page shows: og:image, and the Article's image in
    JSON-LD. At least SHARING_WIDTH × SHARING_HEIGHT."""

    url: str  # absolute in production (SITEURL), root-relative in the preview
    width: int
    height: int
    alt: str  # never empty: what the image shows
    type: str  # MIME type, "image/png" or "image/jpeg"


@dataclass(frozen=True)
class Card:
    """A drawn card: the sharing image of a page without a large enough photo."""

    key: str
    url: object  # file name -> URL
    alt: str

    def file(self, width):
        return f"{self.key}-{width}.png"

    @property
    def sharing(self):
        url = self.url(self.file(SHARING_WIDTH))
        return SharingImage(url, SHARING_WIDTH, SHARING_HEIGHT, self.alt, "image/png")


def configure(pelican):
    """Receiver of `initialized`: validate settings, offer `sharing_image()` to templates."""
    options.read(pelican.settings)
    pelican.settings["JINJA_GLOBALS"] = {
        **pelican.settings.get("JINJA_GLOBALS", {}),
        "sharing_image": sharing_image,
    }


@pass_context
def sharing_image(context, content=None):
    """Template helper: {{ sharing_image(article).url }}, …width, …height, …alt, …type.
    The page's own image; for a page without a text (or none given) the site's card."""
    return getattr(content, "sharing_image", None) or context.get(SITE_SHARING_IMAGE)


def make_cards(generators):
    """Receiver of `all_generators_finalized`, after image_optimizer (whose `teaser_image`
    of a page is its photo) and before any page is written."""
    settings = generators[0].settings
    values = options.read(settings)
    started = time.monotonic()
    forget_fonts()
    design = design_from(Path(settings["THEME"]) / STYLESHEET)
    shaping = design.fingerprint()
    folder = value(settings, "IMAGE_OPTIMIZER_OUTPUT_DIR") or FOLDER
    site_url = settings["SITEURL"]

    def url(name):
        return f"{site_url}/{folder}/{name}"

    name = settings["SITENAME"]
    facts = settings.get("VEREIN") or {}
    contents = [
        c
        for c in generators[0].context["generated_content"].values()
        if c is not None and c.save_as
    ]
    store = Store(values["CARDS_CACHE_DIR"])
    with store.locked():
        wanted = {}  # key -> title
        for content in contents:
            content.card = None
            content.sharing_image = photo(getattr(content, "teaser_image", None))
            if content.sharing_image is None:
                title = plain(content.title)
                content.card = Card(
                    card_key(title, name, shaping, IMAGE_HASH_LENGTH), url, alt(title, name)
                )
                content.sharing_image = content.card.sharing
                wanted[content.card.key] = title
        site_title = str(facts.get("beschreibung") or "").strip() or name
        site_card = Card(
            card_key(site_title, name, shaping, IMAGE_HASH_LENGTH), url, alt(site_title, name)
        )
        wanted[site_card.key] = site_title
        made = store.make(wanted, lambda title: render(title, name, design), palette(design))
        store.publish(wanted, Path(settings["OUTPUT_PATH"]) / folder)
        store.prune(wanted)
    generators[0].context[SITE_SHARING_IMAGE] = site_card.sharing
    logger.info(
        "Vorschaukarten: %s, %s neu gezeichnet (%s)",
        german.count(len(wanted), "Karte", "Karten"),
        german.number(made),
        german.seconds(time.monotonic() - started, 2),
    )


def photo(image):
    """The SharingImage of a page's photo (image_optimizer's PublishedImage: its `social`
    variant and its alt text), or None if it has none of at least 1200×630."""
    variant = getattr(image, "social", None)
    if not variant or not image.alt:
        return None
    address, width, height = variant
    if width < SHARING_WIDTH or height < SHARING_HEIGHT:
        return None
    kind = mimetypes.guess_type(address)[0] or "image/jpeg"
    return SharingImage(address, width, height, image.alt, kind)


def plain(title):
    """A title as text: Pelican's may hold markup or entities ("Kaffee &amp; Kuchen")."""
    return " ".join(Markup(str(title)).striptags().split())


def alt(title, name):
    """What a card shows, for og:image:alt: "Die IT-Gruppe sucht Verstärkung – Bunte …"."""
    return f"{title.rstrip('.')} – {name}"


class Store:
    """The cards' cache: one PNG per card and width, named by the card's content address,
    so a file that exists is right and a warm build only links it into output/."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.present = set(os.listdir(self.folder))  # one look instead of one per file

    @contextlib.contextmanager
    def locked(self):
        """One build at a time uses (and prunes) the cache."""
        with open(self.folder / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self.present = set(os.listdir(self.folder))  # as the previous build left it
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def names(self, key):
        return [f"{key}-{width}.png" for width in WIDTHS]

    def files(self, key):
        return [self.folder / name for name in self.names(key)]

    def make(self, wanted, draw, colours):
        """Draw the cards whose files are missing (draw(title) → RGB image), save them in
        the palette colours; how many were drawn."""
        made = 0
        for key, title in wanted.items():
            if all(name in self.present for name in self.names(key)):
                continue
            image = draw(title)
            for path, width in zip(self.files(key), WIDTHS, strict=True):
                if width != image.width:
                    height = round(image.height * width / image.width)
                    scaled = image.resize((width, height), Image.Resampling.LANCZOS)
                    save_png(scaled, path, colours)
                else:
                    save_png(image, path, colours)
                self.present.add(path.name)
            made += 1
        return made

    def publish(self, wanted, target):
        """Hard links (copies where that fails) of the cards' files in target."""
        target.mkdir(parents=True, exist_ok=True)
        source, folder = str(self.folder), str(target)  # strings: 1,000s of files, no Paths
        for key in wanted:
            for name in self.names(key):
                try:
                    os.link(f"{source}/{name}", f"{folder}/{name}")
                except FileExistsError:
                    pass
                except OSError:  # another file system, or links not allowed
                    shutil.copyfile(f"{source}/{name}", f"{folder}/{name}")

    def prune(self, wanted):
        """Delete the cards this build did not use (only files named as cards)."""
        keep = {name for key in wanted for name in self.names(key)}
        for name in self.present - keep:
            if CARD_FILE.match(name):
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / name).unlink()
        self.present &= keep | {n for n in self.present if not CARD_FILE.match(n)}
