"""Photo credits and consent (§ 22 KUG), one TOML table per image:

    ["images/sommerfest.jpg"]
    bildnachweis = "Anna Beispiel"
    einwilligung = "Alle abgebildeten Personen haben zugestimmt (Formular im Büro)."

The credit appears in the caption ("Foto: Anna Beispiel"); the consent note is for
the association's records. A production build can require both for every image.
"""

import tomllib

from sitekit.findings import ERROR, Finding

FIELDS = ("bildnachweis", "einwilligung")


def read_credits(path, shown):
    """(credits by image path relative to the content folder, findings)."""
    try:
        with open(path, "rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, [
            Finding(
                shown,
                None,
                f"Die Bildnachweise können nicht gelesen werden ({error}).",
                'Jedes Bild als Abschnitt schreiben: ["images/foto.jpg"], darunter '
                'bildnachweis = "Name" und einwilligung = "…".',
                ERROR,
                "credits",
            )
        ]
    return {key: value for key, value in data.items() if isinstance(value, dict)}, []


def missing_fields(entry):
    return [field for field in FIELDS if not str((entry or {}).get(field, "")).strip()]
