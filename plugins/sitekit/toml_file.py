"""Reading a volunteer's TOML file (verein.toml, bildnachweise.toml): every problem a German
finding with the file and line, never Python's English parser message."""

import re
import tomllib
from pathlib import Path

from sitekit.findings import ERROR, Finding

# tomllib's English reasons → what a volunteer understands.
_REASONS = (
    ("Unterminated string", 'Am Ende eines Werts fehlt das Anführungszeichen ".'),
    ("Illegal character", 'Am Ende eines Werts fehlt das Anführungszeichen ".'),
    (
        "Invalid value",
        'Ein Wert steht nicht in geraden Anführungszeichen " (typografische „“ gehen hier nicht).',
    ),
    ("Cannot overwrite a value", "Eine Angabe steht doppelt."),
    ("Cannot declare", "Ein Abschnitt steht doppelt."),
    (
        "Expected ']'",
        "Eine Abschnittsüberschrift ist nicht richtig geschrieben (mit „]“ geschlossen, ein "
        "Pfad in Anführungszeichen).",
    ),
    ("Expected '=' after a key", "Nach dem Namen einer Angabe fehlt das Gleichheitszeichen „=“."),
    (
        "Expected newline or end of document",
        "Zwei Angaben stehen in einer Zeile; jede Angabe braucht eine eigene Zeile.",
    ),
)
FORM = (
    'Jede Angabe in eine eigene Zeile als „name = "Wert"“ schreiben, mit geraden '
    'Anführungszeichen " am Anfang und Ende des Werts; Abschnitte als „[abschnitt]“.'
)


# A section heading with a path but no quotes, as in [images/foto.jpg].
UNQUOTED_HEADING = re.compile(r"^\s*\[([^\]\"\[]*[/.][^\]\"]*)\]\s*$")


class TomlProblem(Exception):
    """The file cannot be read; finding says why, in German."""

    def __init__(self, finding):
        super().__init__(finding.message)
        self.finding = finding


def read_toml(path, shown, what, rule="toml-invalid", form=FORM):
    """(data, text) of a UTF-8 TOML file; TomlProblem if it cannot be read or parsed,
    FileNotFoundError if it is missing.

    shown: the path as the author sees it ("content/verein.toml"); what: German words for
    its content, e.g. "Die Vereinsdaten" ("… können nicht gelesen werden").
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TomlProblem(
            Finding(
                shown,
                data.count(b"\n", 0, error.start) + 1,
                f"{what} sind nicht als UTF-8 gespeichert.",
                "Die Datei im Editor mit der Zeichenkodierung „UTF-8“ speichern.",
                ERROR,
                "encoding",
            )
        ) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        line = _line(str(error), text)
        fix, snippet = form, ""
        heading = UNQUOTED_HEADING.match(text.splitlines()[line - 1]) if line else None
        if heading:  # [images/foto.jpg]: a path needs quotes
            fix, snippet = "Die Zeile ersetzen durch:", f'["{heading[1].strip()}"]'
        raise TomlProblem(
            Finding(
                shown,
                line,
                f"{what} können nicht gelesen werden: {_reason(str(error))}",
                fix,
                ERROR,
                rule,
                snippet,
            )
        ) from None


def _reason(message):
    return next(
        (german for english, german in _REASONS if english in message),
        'Die Zeile hat nicht die Form „name = "Wert"“.',
    )


def _line(message, text):
    """The line tomllib names; "at end of document" means the last line with text."""
    found = re.search(r"line (\d+)", message)
    if found:
        return int(found[1])
    lines = text.splitlines()
    return next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
