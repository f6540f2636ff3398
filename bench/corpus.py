"""A deterministic benchmark corpus: German-like articles and phone-sized photos.

    python bench/corpus.py small /tmp/corpus     # 50 articles, 20 photos
    python bench/corpus.py large /tmp/corpus     # 1,000 articles, 200 photos

Photos are 4000×3000 JPEGs with EXIF (camera, GPS), every fifth one a portrait
stored sideways with an EXIF orientation; every tenth image is a PNG with
transparency. The same preset always gives the same bytes.
"""

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PRESETS = {"small": (50, 20), "large": (1000, 200)}
WORDS = (
    "Verein Göttingen Ehrenamt Gruppe Treffen Mitglieder Homepage Drucker Sitzung Quartal "
    "Kontakt Büro Hilfe Kanban Zusammenarbeit Verständnis Lösung Technik Computer Fragen "
    "Antworten gemeinsam offen ehrlich motiviert verbessern organisieren unterstützen "
    "kennenlernen besprechen einrichten regelmäßig hybrid online zwischenmenschlich"
).split()
FACTS = """\
name = "Benchmark-Verein e.V."
sitz = "Göttingen"
beschreibung = "Ein Verein für Messungen."
[anschrift]
strasse = "Messweg 1"
plz = "37073"
ort = "Göttingen"
[kontakt]
email = "info@example.org"
telefon = "0551 000000"
"""
CONTACT = "Title: Kontakt\nLayout: contact\nSlug: kontakt\n\nSchreiben Sie uns.\n"


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."


def photo(rng, width=4000, height=3000):
    """Smooth areas, edges and fine texture, like a photo: JPEG and AVIF have real work."""
    small = Image.new("RGB", (40, 30))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(40 * 30)])
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randrange(100, 900)
        draw.ellipse((x, y, x + size, y + size), fill=tuple(rng.randrange(256) for _ in range(3)))
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    return Image.blend(image.filter(ImageFilter.GaussianBlur(2)), noise, 0.12)


def exif(rng, orientation):
    data = Image.Exif()
    data[0x010F], data[0x0110], data[0x0112] = "Handyhersteller", "Telefon 12", orientation
    data[0x8825] = {1: "N", 2: (51.0, 32.0, rng.random() * 60), 3: "E", 4: (9.0, 56.0, 1.0)}
    return data


def write(root, preset):
    articles, photos = PRESETS[preset]
    rng = random.Random(f"bunte-lebenswelten-{preset}")
    content = Path(root) / "content"
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "neuigkeiten").mkdir(exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    (content / "verein.toml").write_text(FACTS, encoding="utf-8")
    (content / "pages/kontakt.md").write_text(CONTACT, encoding="utf-8")
    names = []
    for number in range(photos):
        if number % 10 == 9:
            name = f"grafik-{number:03d}.png"
            image = photo(rng, 1600, 1200).convert("RGBA")
            image.putalpha(Image.linear_gradient("L").resize(image.size))
            image.save(content / "images" / name)
        else:
            name = f"foto-{number:03d}.jpg"
            portrait = number % 5 == 4  # stored sideways, upright by EXIF orientation 6
            photo(rng).save(
                content / "images" / name, quality=92, exif=exif(rng, 6 if portrait else 1)
            )
        names.append(name)
    for number in range(articles):
        paragraphs = [
            "\n".join(sentence(rng) for _ in range(rng.randint(3, 7)))
            for _ in range(rng.randint(4, 10))
        ]
        if number < len(names):  # each photo appears in one article
            paragraphs.insert(
                1, f"![{sentence(rng)[:60]}](../images/{names[number]}){{: .image-process-bench}}"
            )
        day = 1 + number % 28
        text = (
            f"Title: Beitrag {number:04d} {rng.choice(WORDS)}\n"
            f"Date: 2026-{1 + number % 12:02d}-{day:02d}\nLayout: news\n"
            f"Summary: {sentence(rng)}\n\n"
            + "\n\n".join(
                f"## {sentence(rng)[:-1]}\n\n{p}" if i % 3 == 2 else p
                for i, p in enumerate(paragraphs)
            )
            + "\n"
        )
        (content / "neuigkeiten" / f"beitrag-{number:04d}.md").write_text(text, encoding="utf-8")
    return content


if __name__ == "__main__":
    print(write(sys.argv[2], sys.argv[1]))
