"""`make new`: a new Markdown file with the right metadata for its layout."""

from sitekit.german import ERROR, report
from sitekit.layouts import LAYOUTS

KINDS = ("interview", "call", "news", "event", "page")

# The body each kind starts with. [[…]] marks what the author still has to fill
# in; the production build refuses to publish while any is left. Like `hugo new`,
# a new file is a draft: an unfinished text never blocks everyone else's changes.
_TEMPLATES = {
    "interview": """\
Title: {title}
Date: {date}
Layout: interview
Status: draft
Interviewee: [[Vorname der interviewten Person]]
Role: [[Rolle, z. B. Mitglied der IT-Gruppe]]
Summary: [[Ein Satz: Worum geht es im Interview?]]

[[Einleitung: Wer wird interviewt, und warum?]]

## [[Erste Frage?]]

[[Antwort]]

## [[Zweite Frage?]]

[[Antwort]]
""",
    "call": """\
Title: {title}
Date: {date}
Layout: call
Status: draft
Skills: [[Gesuchte Fähigkeit]]; [[weitere Fähigkeit]]
Offer: [[Was Ehrenamtliche bei uns bekommen]]; [[weiteres]]
Contact: [[E-Mail-Adresse oder Telefonnummer für Rückfragen]]
Ends: [[Datum, bis wann gesucht wird, z. B. 2027-03-31 – oder diese Zeile löschen]]
Summary: [[Ein Satz: Wen suchen wir wofür?]]

[[Worum geht es? Was macht die Gruppe, und wobei brauchen wir Hilfe?]]
""",
    "news": """\
Title: {title}
Date: {date}
Layout: news
Status: draft
Summary: [[Ein Satz: Was ist neu?]]

[[Text der Neuigkeit]]
""",
    # No date is invented: Start stays a [[placeholder]] until the author knows it.
    "event": """\
Title: {title}
Date: {date}
Layout: event
Status: draft
Start: [[Beginn als Jahr-Monat-Tag Stunde:Minute, z. B. 2027-03-28 19:00; ganztägig nur das Datum]]
End: [[Ende, z. B. 21:00 – oder diese Zeile löschen]]
Repeat: [[z. B. vierteljährlich, alle 2 Wochen donnerstags – oder diese Zeile löschen]]
Place: [[Ort: ein Name aus content/verein.toml wie zak, oder eine Anschrift mit Komma]]
Online: [[z. B. Zugangsdaten auf Anfrage per E-Mail – oder diese Zeile löschen]]
Contact: [[E-Mail-Adresse für Rückfragen]]
Summary: [[Ein Satz: Was passiert bei dem Termin?]]

[[Worum geht es? Wer ist eingeladen, was muss man mitbringen?]]
""",
    "page": """\
Title: {title}
Layout: page
Status: draft
Summary: [[Ein Satz: Worum geht es auf dieser Seite?]]

[[Text der Seite]]
""",
}


class NewContentError(Exception):
    """A German message for the author; nothing was written."""


def new_content_file(content, kind, title, today, slugify):
    """Write content/<folder>/<slug>.md and return its path. Never overwrites."""
    kind = kind.strip().lower()
    if not kind:
        raise NewContentError(
            report(
                ERROR,
                f"Welche Art von Text? KIND angeben, eines von: {', '.join(KINDS)}.",
                notes=['Beispiel: make new KIND=news TITLE="Neue Öffnungszeiten im Büro"'],
            )
        )
    if kind not in KINDS:
        raise NewContentError(
            report(
                ERROR,
                f"Unbekannte Art „{kind}“. Möglich sind: {', '.join(KINDS)}.",
                notes=['Beispiel: make new KIND=interview TITLE="Interview mit …"'],
            )
        )
    if not title.strip():
        raise NewContentError(
            report(
                ERROR,
                "Der Titel fehlt.",
                notes=[f'Beispiel: make new KIND={kind} TITLE="Die IT-Gruppe sucht Verstärkung"'],
            )
        )
    slug = slugify(title)
    if not slug:
        raise NewContentError(
            report(
                ERROR,
                f"Aus dem Titel „{title.strip()}“ lässt sich kein Dateiname bilden (er enthält "
                "keine Buchstaben oder Ziffern, die in einem Dateinamen stehen können).",
                notes=[f'Beispiel: make new KIND={kind} TITLE="Sommerfest 2027"'],
            )
        )
    path = content / LAYOUTS[kind].folder / f"{slug}.md"
    if path.exists():
        raise NewContentError(
            report(
                ERROR,
                f"{path.relative_to(content.parent)} gibt es schon; nichts wurde überschrieben.",
                "einen anderen Titel wählen oder die vorhandene Datei bearbeiten.",
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _TEMPLATES[kind].format(title=title.strip(), date=today.isoformat())
    path.write_text(text, encoding="utf-8")
    return path
