"""Photo credits and consent (§ 22 KUG), one TOML table per image:

    ["images/sommerfest.jpg"]
    bildnachweis = "Anna Beispiel"
    einwilligung = "Alle abgebildeten Personen haben zugestimmt (Formular im Büro)."

The credit appears in the caption ("Foto: Anna Beispiel"); the consent note is for
the association's records. Every published image needs both: the preview warns, the
production build stops.
"""

import re

from sitekit.placeholders import placeholder_findings
from sitekit.toml_file import TomlProblem, read_toml

FIELDS = ("bildnachweis", "einwilligung")


class Credits(dict):
    """Credits by image path relative to the content folder.

    readable: False when the file could not be read (then each image's missing credit is
    not named on its own); placeholders: (image key or None, finding) of every [[…]] in a
    value, so that only those of published images stop the production build.
    """

    readable = True
    placeholders = ()


FORM = (
    "Jedes Bild als Abschnitt mit dem Pfad in Anführungszeichen, darunter jede Angabe in "
    'einer eigenen Zeile: ["images/foto.jpg"], bildnachweis = "Name", einwilligung = "…".'
)
SECTION = re.compile(r'^\s*\[\s*"([^"]+)"\s*\]')


def read_credits(path, shown):
    """(Credits, findings): a file that cannot be read is one finding, in German."""
    try:
        data, text = read_toml(path, shown, "Die Bildnachweise", "credits", FORM)
    except FileNotFoundError:
        return Credits(), []
    except TomlProblem as error:
        credits = Credits()
        credits.readable = False
        return credits, [error.finding]
    credits = Credits({key: value for key, value in data.items() if isinstance(value, dict)})
    placeholders, section = [], None
    for number, line in enumerate(text.splitlines(), 1):
        if found := SECTION.match(line):
            section = found[1]
        for finding in placeholder_findings(shown, [(number, line)], comment="#"):
            placeholders.append((section, finding))
    credits.placeholders = placeholders
    return credits, []


def missing_fields(entry):
    return [field for field in FIELDS if not str((entry or {}).get(field, "")).strip()]


def credit_snippet(key, entry):
    """(where, what to paste) for an image's missing credit fields: a whole new section,
    or only the missing lines when the section is there."""
    lines = {
        "bildnachweis": 'bildnachweis = "[[Name der Fotografin oder des Fotografen]]"',
        "einwilligung": 'einwilligung = "[[Wer ist zu sehen, und liegt die Einwilligung vor?]]"',
    }
    missing = missing_fields(entry)
    if entry is None:
        return "ans Ende anfügen und ausfüllen", "\n".join([f'["{key}"]', *lines.values()])
    pasted = "\n".join(lines[field] for field in missing)
    empty = [field for field in missing if field in entry]  # there, but empty
    if empty:
        lines_ = "die Zeile" if len(empty) == 1 else "die Zeilen"
        named = " und ".join(f"„{field} = …“" for field in empty)
        return f'im Abschnitt ["{key}"] {lines_} {named} durch diese ersetzen und ausfüllen', pasted
    return f'im Abschnitt ["{key}"] einfügen und ausfüllen', pasted
