"""A deterministic benchmark corpus that looks like our site: the site's own pages,
interviews, calls and news with our metadata, and phone-sized photos.

    python bench/corpus.py small /tmp/corpus     # 50 articles, 20 photos
    python bench/corpus.py large /tmp/corpus     # 1,000 articles, 200 photos

- content/pages/, the real interview, call and events, their image and verein.toml:
  copied from the project's content/, [[placeholders]] filled in as the tests fill them.
- Articles: 45 % news (with tags), 30 % interviews (questions as headings, Interviewee,
  Role), 25 % calls (Skills, Offer, Contact from verein.toml; every third one has
  ended, so it is hidden). Each links to the last published one before it ({filename})
  and uses facts ({{ verein.name }}); calls link the page Mitmachen.
- Photos: 4000×3000 JPEGs with EXIF (camera, GPS), every fifth a portrait stored
  sideways with an EXIF orientation, every tenth a PNG with transparency. Each photo
  stands in the text of one article, with a caption (written `../images/…` or
  `{static}/images/…`, as the README shows both); every third article names one as
  its `Image:` too (a group photo reused by a call, say). Credits and consent for
  every photo in bildnachweise.toml. Photos in the text carry the class
  `image-process-bench`, so that pelican-image-process (bench/run.py compares it)
  has the same photos to work on; our plugins keep the class and ignore it.

The same preset gives the same bytes, as long as the project's own pages stay the same.
"""

import random
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# Bump when the corpus changes: bench/run.py then writes it anew.
VERSION = 5
PRESETS = {"small": (50, 20), "large": (1000, 200)}
ROOT = Path(__file__).resolve().parent.parent
SITE_CONTENT = ROOT / "content"
# The tests' plausible values for every [[placeholder]] (valid IBAN, dates, …): the corpus
# must pass a production build, and there is one list of such values.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from support import fill_placeholders  # noqa: E402

# Plain German sentences (readable, like the site's texts): subject, verb, object, when.
SUBJECTS = (
    "Wir",
    "Die Mitglieder",
    "Viele Ehrenamtliche",
    "Die Leute aus der IT-Gruppe",
    "Unsere Gäste",
    "Die Nachbarn",
    "Zwei Schülerinnen",
)
VERBS = (
    "planen",
    "besprechen",
    "organisieren",
    "suchen",
    "reparieren",
    "zeigen",
    "sammeln",
    "gestalten",
)
OBJECTS = (
    "ein Fest",
    "neue Ideen",
    "den Drucker",
    "die Homepage",
    "das Sommerfest",
    "alte Computer",
    "Fragen zur Technik",
    "das Nähcafé",
    "den Garten",
    "Kurse für Kinder",
    "einen Flohmarkt",
)
WHEN = (
    "im Büro",
    "in Göttingen",
    "jeden Dienstag",
    "am Wochenende",
    "mit viel Freude",
    "gemeinsam",
    "online und vor Ort",
    "seit dem Frühjahr",
    "im Stadtteil",
    "nach der Arbeit",
)
SHORT = (
    "Das macht Spaß.",
    "Alle sind willkommen.",
    "Wir freuen uns auf Sie.",
    "Kommen Sie gern vorbei.",
    "Das hat gut geklappt.",
    "Es gibt Kaffee und Kuchen.",
    "Fragen sind immer erlaubt.",
)
QUESTIONS = (
    "Wie bist du zum Verein gekommen?",
    "Was machst du in der Gruppe?",
    "Was gefällt dir am meisten?",
    "Wie oft trefft ihr euch?",
    "Was war dein schönstes Erlebnis?",
    "Was wünschst du dir für die Zukunft?",
    "Kann jeder bei euch mitmachen?",
    "Was hast du dabei gelernt?",
    "Wie viel Zeit brauchst du dafür?",
)
NAMES = ("Aylin", "Jonas", "Marta", "Stephan", "Ole", "Fatma", "Lena", "Piotr", "Hanna", "Kemal")
ROLES = ("Mitglied der IT-Gruppe", "Leiterin des Nähcafés", "Ehrenamtlicher im Büro", "Vorstand")
TOPICS = ("das Nähcafé", "die IT-Gruppe", "den Garten", "das Sommerfest", "die Fahrradwerkstatt")
GROUPS = ("Die IT-Gruppe", "Das Nähcafé", "Die Gartengruppe", "Das Büro", "Die Fahrradwerkstatt")
SKILLS = ("Social Media", "Fotografie", "Nähen", "Gartenarbeit", "Buchhaltung", "Fahrräder")
OFFERS = ("nette Leute", "Kaffee und Kuchen", "eine Einarbeitung", "freie Zeiteinteilung")
TAGS = ("Ehrenamt", "Technik", "Feste", "Nachbarschaft", "Kinder", "Garten")
KINDS = ("news",) * 9 + ("interview",) * 6 + ("call",) * 5  # by article number % 20
FOLDERS = {"news": "neuigkeiten", "interview": "interviews", "call": "aufrufe"}


def sentence(rng):
    if rng.random() < 0.2:
        return rng.choice(SHORT)
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WHEN)}"
    if rng.random() < 0.4:
        text += f", weil wir {rng.choice(OBJECTS)} {rng.choice(VERBS)}"
    return text + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


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


def write_photos(images, count, rng):
    names = []
    for number in range(count):
        if number % 10 == 9:
            name = f"grafik-{number:03d}.png"
            image = photo(rng, 1600, 1200).convert("RGBA")
            image.putalpha(Image.linear_gradient("L").resize(image.size))
            image.save(images / name)
        else:
            name = f"foto-{number:03d}.jpg"
            portrait = number % 5 == 4  # stored sideways, upright by EXIF orientation 6
            photo(rng).save(images / name, quality=92, exif=exif(rng, 6 if portrait else 1))
        names.append(name)
    return names


def copy_site(content):
    """The site's own pages, interview, call, events, images and facts, placeholders
    filled in as the tests fill them."""
    for folder in ("pages", "interviews", "aufrufe", "termine", "images"):
        shutil.copytree(SITE_CONTENT / folder, content / folder, dirs_exist_ok=True)
    shutil.copy(SITE_CONTENT / "verein.toml", content / "verein.toml")
    fill_placeholders(content)


def ended(number):
    """Every third call has ended (so it is hidden)."""
    return number % 3 == 0


def article(number, kind, rng, photo_name, image_name, previous):
    """(file name, Markdown text) of one article."""
    date = f"{2023 + number // 365 % 4}-{1 + number % 12:02d}-{1 + number % 28:02d}"
    name, topic, group = rng.choice(NAMES), rng.choice(TOPICS), rng.choice(GROUPS)
    if kind == "interview":
        title = f"Interview mit {name} über {topic} ({number})"
        meta = [f"Interviewee: {name}", f"Role: {rng.choice(ROLES)}"]
    elif kind == "call":
        title = f"{group} sucht Verstärkung ({number})"
        ends = "2024-03-31" if ended(number) else "2035-12-31"  # ended: hidden
        meta = [
            f"Skills: {'; '.join(rng.sample(SKILLS, 2))}",
            f"Offer: {'; '.join(rng.sample(OFFERS, 2))}",
            "Contact: {{ verein.kontakt.email }}",
            f"Ends: {ends}",
        ]
    else:
        title = f"Neues aus dem Verein: {topic} ({number})"
        meta = [f"Tags: {', '.join(rng.sample(TAGS, 2))}"]
    if image_name:
        meta += [
            f"Image: ../images/{image_name}",
            f"Image_alt: Menschen aus dem Verein {rng.choice(WHEN)}",
        ]
    head = [
        f"Title: {title}",
        f"Date: {date}",
        f"Layout: {kind}",
        *meta,
        f"Summary: {sentence(rng)[:-1]} – ein Beitrag von {{{{ verein.name }}}}.",
    ]
    blocks = [paragraph(rng)]
    if kind == "interview":
        for question in rng.sample(QUESTIONS, rng.randint(5, 8)):
            blocks += [f"## {question}", *(paragraph(rng) for _ in range(rng.randint(1, 2)))]
    elif kind == "call":
        blocks += ["## Was wir suchen", paragraph(rng), "## Was wir bieten", paragraph(rng)]
        blocks += [
            "## So melden Sie sich",
            "Schreiben Sie uns an {{ verein.kontakt.email }} oder rufen Sie an: "
            "{{ verein.kontakt.telefon }}. Alle offenen Aufrufe stehen auf der Seite "
            "[Mitmachen]({filename}/pages/mitmachen.md).",
        ]
    else:
        for index in range(rng.randint(3, 8)):
            blocks += ([f"## {sentence(rng)[:-1]}"] if index % 3 == 2 else []) + [paragraph(rng)]
    if previous:
        file, previous_title = previous
        blocks.append(f"Lesen Sie auch: [{previous_title}]({{filename}}/{file}).")
    if photo_name:
        where = "{static}/images" if len(blocks) % 2 else "../images"
        blocks.insert(
            2,
            f"![Menschen aus dem Verein: {sentence(rng)[:-1]}]({where}/{photo_name} "
            f'"{rng.choice(GROUPS)} {rng.choice(WHEN)}"){{: .image-process-bench}}',
        )
    return title, "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n"


def write(root, preset):
    articles, photos = PRESETS[preset]
    rng = random.Random(f"bunte-lebenswelten-{preset}")
    content = Path(root) / "content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "images").mkdir(parents=True)
    copy_site(content)
    names = write_photos(content / "images", photos, rng)
    credits = [(content / "images/bildnachweise.toml").read_text(encoding="utf-8")]
    for number, name in enumerate(names):
        credits.append(
            f'\n["images/{name}"]\nbildnachweis = "{rng.choice(NAMES)} Fotograf"\n'
            f'einwilligung = "Alle Abgebildeten haben zugestimmt (Liste Nr. {number}, Büro)."\n'
        )
    (content / "images/bildnachweise.toml").write_text("".join(credits), encoding="utf-8")
    previous = None
    for number in range(articles):
        kind = KINDS[number % len(KINDS)]
        file = f"{FOLDERS[kind]}/beitrag-{number:04d}.md"
        title, text = article(
            number,
            kind,
            rng,
            names[number] if number < len(names) else None,
            names[(number * 7 + 3) % len(names)] if number % 3 == 1 and names else None,
            previous,
        )
        (content / file).parent.mkdir(exist_ok=True)
        (content / file).write_text(text, encoding="utf-8")
        if not (kind == "call" and ended(number)):  # a hidden page is linked by nobody
            previous = file, title
    (Path(root) / ".version").write_text(str(VERSION), encoding="utf-8")
    return content


def is_current(root):
    """True if root holds a corpus of this VERSION."""
    try:
        return (Path(root) / ".version").read_text(encoding="utf-8") == str(VERSION)
    except OSError:
        return False


if __name__ == "__main__":
    print(write(sys.argv[2], sys.argv[1]))
