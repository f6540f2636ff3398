"""Accessibility rules over one parsed page (lxml), all run on that one parse.

Each rule has an id, the WCAG 2.2 success criterion it serves, a severity and a
German message with a fix. A check yields Hits: rule id, element, values for the
message. No Pelican here: tested on small HTML snippets.
"""

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyphen
from lxml import etree

from sitekit.german import ERROR, WARNING


@dataclass(frozen=True)
class Rule:
    id: str
    wcag: str
    severity: str
    message: str
    fix: str


RULES = {
    rule.id: rule
    for rule in (
        Rule(
            "img-alt",
            "1.1.1",
            ERROR,
            "Das Bild „{name}“ hat keinen Alternativtext.",
            "Beschreiben, was zu sehen ist: ![Drei Menschen am Tisch](bild.jpg). Reine Schmuckbilder "
            "bekommen eine leere Beschreibung: ![](bild.jpg).",
        ),
        Rule(
            "img-alt-empty",
            "1.1.1",
            ERROR,
            "Das Bild „{name}“ hat eine leere Beschreibung.",
            "Beschreiben, was zu sehen ist: ![Drei Menschen am Tisch](bild.jpg). Ein reines "
            "Schmuckbild so kennzeichnen: ![](bild.jpg){{: .dekorativ}}",
        ),
        Rule(
            "img-alt-filename",
            "1.1.1",
            ERROR,
            "Der Alternativtext „{alt}“ ist ein Dateiname, keine Beschreibung.",
            "In eckige Klammern schreiben, was auf dem Bild zu sehen ist.",
        ),
        Rule(
            "img-alt-filler",
            "1.1.1",
            ERROR,
            "Der Alternativtext „{alt}“ sagt nicht, was zu sehen ist.",
            "Statt „Bild“ oder „Foto“ beschreiben, was das Bild zeigt.",
        ),
        Rule(
            "img-alt-long",
            "1.1.1",
            WARNING,
            "Der Alternativtext hat {length} Zeichen; mehr als 150 sind zum Vorlesen zu lang.",
            "Kürzer beschreiben; Einzelheiten gehören in den Text oder die Bildunterschrift.",
        ),
        Rule(
            "og-image-alt",
            "1.1.1",
            ERROR,
            "Das Vorschaubild (og:image) hat keine Beschreibung.",
            "Zur Angabe „Image:“ eine Zeile „Image_alt: …“ schreiben.",
        ),
        Rule(
            "link-name",
            "2.4.4",
            ERROR,
            "Ein Link hat keinen Text, den ein Screenreader vorlesen kann.",
            "Dem Link einen Text geben, der sagt, wohin er führt.",
        ),
        Rule(
            "link-text",
            "2.4.4",
            ERROR,
            "Der Linktext „{text}“ sagt nicht, wohin der Link führt.",
            "Den Linktext so schreiben, dass er allein verständlich ist: „[Mehr über die IT-Gruppe]"
            "(…)“ statt „[hier](…)“.",
        ),
        Rule(
            "link-same-text",
            "2.4.4",
            WARNING,
            "Der Linktext „{text}“ führt auf dieser Seite zu verschiedenen Zielen: dieser Link "
            "zu {here}, der gleichnamige {where} zu {other}.",
            "Die Linktexte so unterscheiden, dass jedes Ziel erkennbar ist: diesen Link so "
            "nennen, dass er sein eigenes Ziel sagt.",
        ),
        Rule(
            "link-new-window",
            "3.2.5",
            WARNING,
            "Der Link „{text}“ öffnet ein neues Fenster, ohne das anzukündigen.",
            '„(öffnet in neuem Fenster)“ in den Linktext schreiben oder target="_blank" weglassen.',
        ),
        Rule(
            "heading-h1",
            "1.3.1",
            ERROR,
            "Die Seite hat {count} Hauptüberschriften (h1); richtig ist genau eine.",
            "Im Text Überschriften mit ## beginnen; die Hauptüberschrift ist der Titel.",
        ),
        Rule(
            "heading-order",
            "1.3.1",
            ERROR,
            "Auf eine Überschrift der Ebene {before} folgt eine der "
            "Ebene {level}; dazwischen fehlt eine Ebene.",
            "Überschriften ohne Lücke abstufen: nach ## folgt ###, nicht ####.",
        ),
        Rule(
            "heading-empty",
            "2.4.6",
            ERROR,
            "Eine Überschrift ist leer.",
            "Der Überschrift einen Text geben oder die Zeile löschen.",
        ),
        Rule(
            "document-title",
            "2.4.2",
            ERROR,
            "Die Seite hat keinen Titel.",
            "In der Vorlage ein nicht leeres <title> ausgeben.",
        ),
        Rule(
            "title-duplicate",
            "2.4.2",
            WARNING,
            "Der Seitentitel „{title}“ steht auch auf {other}.",
            "Jeder Seite einen eigenen Titel geben.",
        ),
        Rule(
            "html-lang",
            "3.1.1",
            ERROR,
            "Die Sprache der Seite fehlt oder ist ungültig („{lang}“).",
            '<html lang="de"> in der Vorlage angeben.',
        ),
        Rule(
            "lang-valid",
            "3.1.2",
            ERROR,
            'Die Sprachangabe lang="{lang}" ist ungültig.',
            'Einen Sprachcode verwenden, z. B. lang="en" für Englisch.',
        ),
        Rule(
            "meta-viewport",
            "1.4.4",
            ERROR,
            "Die Seite verhindert das Vergrößern ({content}).",
            'user-scalable=no und maximum-scale aus <meta name="viewport"> entfernen.',
        ),
        Rule(
            "meta-refresh",
            "2.2.1",
            ERROR,
            "Die Seite lädt sich selbst neu oder leitet weiter.",
            '<meta http-equiv="refresh"> entfernen; Weiterleitungen macht der Webserver.',
        ),
        Rule(
            "landmark-main",
            "1.3.1",
            ERROR,
            "Die Seite hat keinen Hauptbereich (<main>).",
            'Den Inhalt in der Vorlage in <main id="main-content"> setzen.',
        ),
        Rule(
            "skip-link",
            "2.4.1",
            ERROR,
            "Der Sprunglink zeigt auf „#{target}“, das es nicht gibt.",
            "Das Ziel mit dieser id anlegen oder den Link korrigieren.",
        ),
        Rule(
            "duplicate-id",
            "1.3.1",
            ERROR,
            "Die id „{id}“ kommt mehrfach vor.",
            "Jede id nur einmal pro Seite vergeben.",
        ),
        Rule(
            "tabindex",
            "2.4.3",
            ERROR,
            'tabindex="{value}" verändert die Reihenfolge beim Tabben.',
            "tabindex nur mit 0 oder -1 verwenden.",
        ),
        Rule(
            "table-headers",
            "1.3.1",
            ERROR,
            "Eine Tabelle hat keine Kopfzellen.",
            "Die erste Zeile als Kopfzeile schreiben: | Spalte | Spalte | und darunter |---|---|.",
        ),
        Rule(
            "aria-role",
            "4.1.2",
            ERROR,
            'Die Rolle role="{role}" gibt es nicht.',
            "Eine gültige ARIA-Rolle verwenden oder das Attribut entfernen.",
        ),
        Rule(
            "aria-redundant-role",
            "4.1.2",
            ERROR,
            'role="{role}" wiederholt nur, was <{tag}> ohnehin ist.',
            "Das role-Attribut entfernen.",
        ),
        Rule(
            "aria-attr",
            "4.1.2",
            ERROR,
            "Das Attribut „{attr}“ gibt es in ARIA nicht.",
            "Den Namen prüfen (z. B. aria-label, aria-describedby) oder das Attribut entfernen.",
        ),
        Rule(
            "frame-title",
            "4.1.2",
            ERROR,
            "Ein eingebetteter Rahmen (<iframe>) hat keinen Titel.",
            'title="…" angeben, der sagt, was eingebettet ist.',
        ),
        Rule(
            "media-autoplay",
            "1.4.2",
            ERROR,
            "Ein <{tag}> startet von selbst (autoplay).",
            "autoplay entfernen; Besucherinnen und Besucher starten selbst.",
        ),
        Rule(
            "video-captions",
            "1.2.2",
            WARNING,
            "Ein Video hat keine Untertitel.",
            'Eine Untertiteldatei einbinden: <track kind="captions" src="….vtt" srclang="de">.',
        ),
        Rule(
            "form-label",
            "1.3.1",
            ERROR,
            "Ein Eingabefeld hat keine Beschriftung.",
            'Ein <label for="…"> oder aria-label angeben.',
        ),
        Rule(
            "inline-color",
            "1.4.3",
            WARNING,
            "Eine Farbe ist direkt im Text gesetzt ({style}); ihr "
            "Kontrast wird nicht geprüft und passt nicht zur dunklen Darstellung.",
            "Die Farbangabe entfernen; die Gestaltung macht das Stylesheet.",
        ),
        Rule(
            "long-sentence",
            "3.1.5",
            WARNING,
            "Ein Satz hat {words} Wörter: „{start} …“.",
            "In zwei oder mehr Sätze teilen; bis {limit} Wörter sind gut lesbar.",
        ),
        Rule(
            "readability",
            "3.1.5",
            WARNING,
            "Der Text ist schwer zu lesen (Lesbarkeit {score} von 100; "
            "ab {limit} gilt er als verständlich).",
            "Kürzere Sätze und kürzere Wörter verwenden.",
        ),
        Rule(
            "gender-form",
            "3.1.5",
            WARNING,
            "„{word}“: Doppelpunkt und Unterstrich lesen Screenreader "
            "oft als Pause oder Zeichen vor.",
            "Den Stern verwenden („{star}“, Empfehlung des DBSV) oder eine neutrale Form.",
        ),
    )
}

FILE_NAME = re.compile(
    r"^\S+\.(jpe?g|png|gif|webp|avif|svg|heic)$|^(dsc|img|dcim|pxl|p)[_-]?\d+", re.IGNORECASE
)
FILLERS = {"bild", "foto", "image", "photo", "grafik", "picture", "img", "abbildung", "bild:"}
VAGUE = {
    "hier",
    "mehr",
    "weiter",
    "weiterlesen",
    "mehr lesen",
    "klicken sie hier",
    "hier klicken",
    "klick hier",
    "link",
    "click here",
    "here",
    "read more",
    "more",
    "mehr erfahren",
}
LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
ROLES = set(
    """alert alertdialog application article banner blockquote button caption cell checkbox
code columnheader combobox complementary contentinfo definition deletion dialog document emphasis
feed figure form generic grid gridcell group heading img insertion link list listbox listitem log
main marquee math menu menubar menuitem menuitemcheckbox menuitemradio meter navigation none note
option paragraph presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar
search searchbox separator slider spinbutton status strong subscript superscript switch tab table
tablist tabpanel term textbox time timer toolbar tooltip tree treegrid treeitem""".split()
)
ARIA_ATTRIBUTES = {
    f"aria-{name}"
    for name in """activedescendant atomic autocomplete braillelabel
brailleroledescription busy checked colcount colindex colindextext colspan controls current
describedby description details disabled dropeffect errormessage expanded flowto grabbed haspopup
hidden invalid keyshortcuts label labelledby level live modal multiline multiselectable orientation
owns placeholder posinset pressed readonly relevant required roledescription rowcount rowindex
rowindextext rowspan selected setsize sort valuemax valuemin valuenow valuetext""".split()
}
# Element → the role it has anyway; repeating it as role="…" is redundant.
IMPLICIT_ROLES = {
    "article": "article",
    "aside": "complementary",
    "button": "button",
    "main": "main",
    "nav": "navigation",
    "ol": "list",
    "ul": "list",
    "li": "listitem",
    "table": "table",
    "hr": "separator",
    "dialog": "dialog",
    "textarea": "textbox",
    **{f"h{n}": "heading" for n in range(1, 7)},
}
NEEDS_LABEL = {"input", "select", "textarea"}
NO_LABEL_TYPES = {"hidden", "submit", "reset", "button", "image"}
GENDER = re.compile(r"\b(\w+)[:_](innen|in)\b")


@dataclass
class Hit:
    rule: str
    element: object  # lxml element, or None for the whole page
    values: dict = field(default_factory=dict)
    # Another element the message speaks of (the other link of the same text); values
    # has "where" for it, which the plugin makes a file and line when it is in the text.
    related: object = None


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def text_content(element):
    return "".join(element.itertext())


def accessible_name(element, page):
    """A simplified accessible name: aria-labelledby, aria-label, text with image alts, title."""
    labelledby = element.get("aria-labelledby")
    if labelledby:
        names = [text_of(page.ids[i][0]) for i in labelledby.split() if i in page.ids]
        if any(names):
            return " ".join(names)
    if (element.get("aria-label") or "").strip():
        return element.get("aria-label").strip()
    text = (
        text_content(element)
        if len(element) == 0
        else " ".join([text_content(element), *element.xpath(".//img/@alt")])
    )
    return " ".join(text.split()) or (element.get("title") or "").strip()


WANTED_TAGS = {
    "img",
    "a",
    "meta",
    "title",
    "table",
    "iframe",
    "video",
    "audio",
    "label",
    "input",
    "select",
    "textarea",
    "main",
}


class Page:
    """One parse of a page; rules ask it for elements (lxml finds them in C)."""

    def __init__(self, root):
        self.root = root
        self.ids, self.by_tag = {}, {}
        self.with_role_or_tabindex, self.with_lang, self.with_aria = [], [], []
        for element in root.iter(etree.Element):  # one walk; plain lxml elements are cheap
            if element.tag in WANTED_TAGS:
                self.by_tag.setdefault(element.tag, []).append(element)
            names = element.keys()
            if not names:
                continue
            if "id" in names:
                self.ids.setdefault(element.get("id"), []).append(element)
            if "role" in names or "tabindex" in names:
                self.with_role_or_tabindex.append(element)
            if "lang" in names:
                self.with_lang.append(element)
            if any(name.startswith("aria-") for name in names):
                self.with_aria.append(element)

    def tags(self, *names):
        if len(names) == 1:
            return self.by_tag.get(names[0], [])
        return [e for e in self.root.iter(*names)]  # several kinds: in document order


def check_images(page):
    for img in page.tags("img"):
        alt = img.get("alt")
        if img.get("role") in ("presentation", "none") or img.get("aria-hidden") == "true":
            continue
        if alt is None:
            yield Hit("img-alt", img, {"name": (img.get("src") or "").rsplit("/", 1)[-1]})
        elif alt.strip() and FILE_NAME.search(alt.strip()):
            yield Hit("img-alt-filename", img, {"alt": alt})
        elif alt.strip().lower().rstrip(".:") in FILLERS:
            yield Hit("img-alt-filler", img, {"alt": alt})
        elif len(alt) > 150:
            yield Hit("img-alt-long", img, {"length": len(alt)})
    metas = {m.get("property"): m for m in page.tags("meta") if m.get("property")}
    if "og:image" in metas and not (
        metas.get("og:image:alt") is not None and metas["og:image:alt"].get("content", "").strip()
    ):
        yield Hit("og-image-alt", metas["og:image"])


def check_links(page):
    targets = {}
    for link in page.tags("a"):
        if link.get("href") is None:
            continue
        name = accessible_name(link, page)
        if not name:
            yield Hit("link-name", link)
            continue
        normalized = name.lower().strip(" .:!»›→")
        if normalized in VAGUE:
            yield Hit("link-text", link, {"text": name})
        targets.setdefault(normalized, {}).setdefault(link.get("href"), link)  # the first
        if link.get("target") == "_blank" and not re.search(
            r"neue[mn]? (fenster|tab)", name.lower()
        ):
            yield Hit("link-new-window", link, {"text": name})
    for text, hrefs in targets.items():
        if len(hrefs) > 1 and text not in VAGUE:
            links = list(hrefs.values())
            # The link of the page's own content, if one is: the one a volunteer can rename.
            here = next((link for link in links if _landmark(link) == "main"), links[1])
            other = next(link for link in links if link is not here)
            values = {
                "text": accessible_name(here, page),
                "here": here.get("href"),
                "other": other.get("href"),
                "where": where_on_page(other),
            }
            yield Hit("link-same-text", here, values, related=other)


def _landmark(element):
    """The nearest of main, header, footer and nav around element (its tag), or None."""
    for ancestor in element.iterancestors("main", "header", "footer", "nav"):
        return ancestor.tag
    return None


def where_on_page(element):
    """Where a visitor sees an element, in German words: "im Menü oben", "in der
    Fußzeile", "im Text der Seite" …"""
    ancestors = {a.tag for a in element.iterancestors("main", "header", "footer", "nav")}
    if "footer" in ancestors:
        return "in der Fußzeile"
    if "header" in ancestors:
        return "im Menü oben" if "nav" in ancestors else "im Kopf der Seite"
    if "main" in ancestors:
        return "im Text der Seite"
    if "nav" in ancestors:
        return "in der Navigation über dem Text"
    return "auf der Seite"


def check_headings(page):
    headings = page.root.xpath("//h1|//h2|//h3|//h4|//h5|//h6")  # in document order
    h1s = [h for h in headings if h.tag == "h1"]
    if len(h1s) != 1:
        yield Hit("heading-h1", h1s[1] if len(h1s) > 1 else None, {"count": len(h1s)})
    previous = 0
    for heading in headings:
        level = int(heading.tag[1])
        if not accessible_name(heading, page):
            yield Hit("heading-empty", heading)
        if previous and level > previous + 1:
            yield Hit("heading-order", heading, {"before": previous, "level": level})
        previous = level


def check_document(page):
    html = page.root
    lang = html.get("lang")
    if not lang or not LANG.match(lang):
        yield Hit("html-lang", html, {"lang": lang or ""})
    for element in page.with_lang:
        if element is not html and not LANG.match(element.get("lang")):
            yield Hit("lang-valid", element, {"lang": element.get("lang")})
    titles = page.tags("title")
    if not titles or not text_of(titles[0]):
        yield Hit("document-title", None)
    for meta in page.tags("meta"):
        name, content = (meta.get("name") or "").lower(), (meta.get("content") or "").lower()
        if name == "viewport":
            scale = re.search(r"maximum-scale\s*=\s*([\d.]+)", content)
            if re.search(r"user-scalable\s*=\s*(no|0)", content) or (scale and float(scale[1]) < 2):
                yield Hit("meta-viewport", meta, {"content": meta.get("content")})
        if (meta.get("http-equiv") or "").lower() == "refresh":
            yield Hit("meta-refresh", meta)


def check_structure(page):
    if not page.tags("main") and not any(
        e.get("role") == "main" for e in page.with_role_or_tabindex
    ):
        yield Hit("landmark-main", None)
    body_links = [a for a in page.tags("a") if a.get("href")]
    if (
        body_links
        and body_links[0].get("href").startswith("#")
        and len(body_links[0].get("href")) > 1
    ):
        target = body_links[0].get("href")[1:]
        if target not in page.ids:
            yield Hit("skip-link", body_links[0], {"target": target})
    for identifier, elements in page.ids.items():
        if len(elements) > 1:
            yield Hit("duplicate-id", elements[1], {"id": identifier})
    for element in page.with_role_or_tabindex:
        tabindex = element.get("tabindex")
        if tabindex and tabindex.strip().lstrip("+").isdigit() and int(tabindex) > 0:
            yield Hit("tabindex", element, {"value": tabindex})
        role = element.get("role")
        if role:
            first = role.split()[0]
            if first not in ROLES and not first.startswith("doc-"):
                yield Hit("aria-role", element, {"role": role})
            elif IMPLICIT_ROLES.get(element.tag) == first:
                yield Hit("aria-redundant-role", element, {"role": first, "tag": element.tag})
    for element in page.with_aria:
        for attribute in element.attrib:
            if attribute.startswith("aria-") and attribute not in ARIA_ATTRIBUTES:
                yield Hit("aria-attr", element, {"attr": attribute})
    for table in page.tags("table"):
        if table.get("role") in ("presentation", "none"):
            continue
        if not any(cell.tag == "th" for cell in table.iter("th")):
            yield Hit("table-headers", table)


def check_media_and_forms(page):
    for frame in page.tags("iframe"):
        if not (frame.get("title") or "").strip():
            yield Hit("frame-title", frame)
    for media in page.tags("video", "audio"):
        if media.get("autoplay") is not None:
            yield Hit("media-autoplay", media, {"tag": media.tag})
    for video in page.tags("video"):
        if not any(track.get("kind") in ("captions", "subtitles") for track in video.iter("track")):
            yield Hit("video-captions", video)
    labelled = {label.get("for") for label in page.tags("label") if label.get("for")}
    for control in page.tags(*NEEDS_LABEL):
        if control.tag == "input" and (control.get("type") or "text").lower() in NO_LABEL_TYPES:
            continue
        wrapped = any(parent.tag == "label" for parent in control.iterancestors())
        named = control.get("aria-label") or control.get("aria-labelledby") or control.get("title")
        if not (wrapped or named or (control.get("id") and control.get("id") in labelled)):
            yield Hit("form-label", control)


def check_prose(region, max_words, min_score):
    """German language hints on the author's text (warnings only).

    The whole text is scanned once; only where something is found are the paragraphs
    looked at one by one, to point at the right one."""
    for element in region.xpath(".//*[@style]"):
        if re.search(r"(^|;)\s*(background-)?colou?r\s*:", element.get("style")):
            yield Hit("inline-color", element, {"style": element.get("style").strip()})
    text = " ".join(text_content(region).split())
    sentences = SENTENCE_END.split(text)
    long_sentence = any(s.count(" ") >= max_words for s in sentences)
    if long_sentence or ((":in" in text or "_in" in text) and GENDER.search(text)):
        for paragraph in region.iter("p", "li"):
            paragraph_text = text_of(paragraph)
            for word in GENDER.finditer(paragraph_text):
                yield Hit(
                    "gender-form", paragraph, {"word": word[0], "star": f"{word[1]}*{word[2]}"}
                )
            for sentence in SENTENCE_END.split(paragraph_text) if long_sentence else ():
                words = sentence.count(" ") + 1
                if words > max_words:
                    yield Hit(
                        "long-sentence",
                        paragraph,
                        {
                            "words": words,
                            "limit": max_words,
                            "start": " ".join(sentence.split()[:6]),
                        },
                    )
    score = readability(text, len(sentences))
    if score is not None and score < min_score:
        yield Hit("readability", region, {"score": round(score), "limit": min_score})


SENTENCE_END = re.compile(r"[.!?]\s+")
WORD = re.compile(r"[^\W\d_]+")  # a run of letters (umlauts and ß included)


LANGUAGE = "de_DE"


@functools.cache
def _hyphenator():
    """The German hyphenation dictionary (LibreOffice's, shipped with pyphen), loaded on
    first use. left/right 1, so that "aber" counts as "a-ber" (hyphenation itself would
    keep two letters on each side)."""
    return pyphen.Pyphen(lang=LANGUAGE, left=1, right=1)


def prepare_hyphenation(cache_dir):
    """Load the dictionary's patterns from a JSON copy in cache_dir (about 0.05 s) instead
    of parsing the dictionary (about 0.9 s, once per build); write the copy if there is
    none for this pyphen version. Any problem with the copy: parse as usual."""
    source = pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)]
    if source in pyphen.hdcache:
        return
    copy = Path(cache_dir) / f"hyph_{LANGUAGE}-{pyphen.__version__}-{source.stat().st_size}.json"
    try:
        # {pattern: [start, [values]]}: pyphen reads lists as it reads its own tuples.
        patterns = json.loads(copy.read_text(encoding="utf-8"))
        if not isinstance(patterns, dict) or not patterns:
            raise ValueError(copy)
        loaded = object.__new__(pyphen.HyphDict)  # what HyphDict.__init__ would set up
        loaded.patterns, loaded.cache = patterns, {}
        loaded.maxlen = max(len(key) for key in patterns)
        pyphen.hdcache[source] = loaded
    except (OSError, ValueError, TypeError, AttributeError):
        parsed = pyphen.hdcache[source] = pyphen.HyphDict(source)
        if all(type(v) is int for _start, values in parsed.patterns.values() for v in values):
            copy.parent.mkdir(parents=True, exist_ok=True)
            temp = copy.with_suffix(".tmp")
            temp.write_text(json.dumps(parsed.patterns), encoding="utf-8")
            temp.replace(copy)  # never a half-written copy


@functools.lru_cache(maxsize=1 << 16)
def syllables(word):
    """Syllables of one German word, from its hyphenation points: "Verstärkung" → 3."""
    return len(_hyphenator().positions(word.lower())) + 1


def readability(text, sentences=None):
    """Amstad's Flesch reading ease for German (0 hard … 100 easy); None for short texts.

    Syllables come from the hyphenation dictionary, cached per word (texts repeat their
    words, so a thousand pages cost little more than their vocabulary)."""
    words = WORD.findall(text)
    if len(words) < 100:
        return None
    sentences = sentences or len(SENTENCE_END.split(text))
    per_word = sum(map(syllables, words)) / len(words)
    return 180 - len(words) / sentences - 58.5 * per_word


PAGE_CHECKS = (
    check_images,
    check_links,
    check_headings,
    check_document,
    check_structure,
    check_media_and_forms,
)


def check_page(page):
    for check in PAGE_CHECKS:
        yield from check(page)
