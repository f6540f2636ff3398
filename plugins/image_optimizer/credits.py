"""Photo credits and consent (§ 22 KUG), one TOML table per image:

    ["images/sommerfest.jpg"]
    bildnachweis = "Anna Beispiel"
    einwilligung = "Alle abgebildeten Personen haben zugestimmt (Formular im Büro)."

The credit appears in the caption ("Foto: Anna Beispiel"); the consent note is for
the association's records. Every published image needs both: the preview warns, the
production build stops.
"""

from sitekit.placeholders import placeholder_findings
from sitekit.toml_file import TomlProblem, read_toml

FIELDS = ("bildnachweis", "einwilligung")


class Credits(dict):
    """Credits by image path relative to the content folder; readable is False when the
    file could not be read (then each image's missing credit is not named on its own)."""

    readable = True


def read_credits(path, shown):
    """(Credits, findings): a file that cannot be read is one finding, in German."""
    try:
        data, text = read_toml(path, shown, "Die Bildnachweise", "credits")
    except FileNotFoundError:
        return Credits(), []
    except TomlProblem as error:
        credits = Credits()
        credits.readable = False
        return credits, [error.finding]
    credits = Credits({key: value for key, value in data.items() if isinstance(value, dict)})
    return credits, placeholder_findings(shown, enumerate(text.splitlines(), 1), comment="#")


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
        named = " und ".join(f"„{field} = …“" for field in empty)
        return f'im Abschnitt ["{key}"] {named} löschen und dafür einfügen und ausfüllen', pasted
    return f'im Abschnitt ["{key}"] einfügen und ausfüllen', pasted
