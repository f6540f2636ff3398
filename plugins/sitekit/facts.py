"""The association's facts (content/verein.toml): read once, checked, referred to from Markdown
as {{ verein.kontakt.email }} and from templates as VEREIN.kontakt.email."""

import re
from dataclasses import dataclass, field

from sitekit.findings import ERROR, Finding
from sitekit.toml_file import FORM, TomlProblem, read_toml

DEFAULT_FILE = "verein.toml"  # relative to the content folder (ASSOCIATION_FACTS_FILE)
# The settings key under which the association plugin leaves what it read (a FactsFile),
# so content_check reports its problems without reading the file again.
LOADED = "VEREIN_FILE"


@dataclass(frozen=True)
class FactsFile:
    """verein.toml as read once: the facts (None if unreadable), the problems, the text."""

    shown: str  # as the author sees it, e.g. "content/verein.toml"
    facts: dict | None
    findings: list = field(default_factory=list)
    text: str | None = None


REFERENCE = re.compile(r"\{\{\s*verein\.([\w.]+)\s*\}\}")


def lookup(facts, dotted):
    """The value at "kontakt.email" in the facts table, or None."""
    value = facts
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


# Facts the theme shows (header, footer, contact card) and § 5 DDG requires:
# content_check reports a missing one, the association plugin shows it as a [[placeholder]].
REQUIRED = ("name", "anschrift.strasse", "anschrift.plz", "anschrift.ort", "kontakt.email")


THEME_NEEDS = "Kopf, Fußzeile, Kontaktseite oder Impressum"


def missing_required(facts, required=REQUIRED):
    """Required facts that are missing, empty or not text."""
    return [
        dotted
        for dotted in required
        if not isinstance(lookup(facts, dotted), str) or not lookup(facts, dotted).strip()
    ]


def require(facts, text, shown, required, needed_by):
    """Findings for the required facts (dotted names) that are missing, empty or not text,
    each with the line to paste; a missing section once, with all its lines.
    needed_by says who needs them, e.g. "Kopf, Fußzeile, Kontaktseite oder Impressum"."""

    def problem(line, message, fix, rule, snippet):
        return [Finding(shown, line, message, fix, ERROR, rule, snippet)]

    findings, missing_sections = [], {}
    for dotted in missing_required(facts, required):
        section, _, key = dotted.rpartition(".")
        value = lookup(facts, dotted)
        if value is not None and not isinstance(value, str):  # plz = 37073: a number
            findings += problem(
                line_of(text, section, key),
                f"Die Angabe „{dotted}“ ist kein Text (es fehlen die Anführungszeichen).",
                "Die Zeile so schreiben, mit Anführungszeichen:",
                "facts-invalid",
                f'{key} = "{value}"',
            )
            continue
        line = f'{key} = "[[{dotted}]]"'
        if section and lookup(facts, section) is None:
            missing_sections.setdefault(section, []).append((dotted, line))
            continue
        at = None
        if value is not None:  # there, but empty
            at = line_of(text, section, key)
            where = "die Zeile ersetzen durch diese"
        elif not section:
            where = "ganz oben diese Zeile einfügen"
        else:
            where = f"im Abschnitt „[{section}]“ diese Zeile einfügen"
        findings += problem(
            at,
            f"Die Angabe „{dotted}“ fehlt oder ist leer; die Website braucht sie ({needed_by}).",
            f"In {shown} {where} und ausfüllen:",
            "facts-missing",
            line,
        )
    for section, entries in missing_sections.items():  # one section, pasted once
        names = ", ".join(f"„{dotted}“" for dotted, _line in entries)
        findings += problem(
            None,
            f"Der Abschnitt „[{section}]“ fehlt; die Website braucht daraus {names} ({needed_by}).",
            f"In {shown} am Ende einfügen und ausfüllen:",
            "facts-missing",
            "\n".join([f"[{section}]", *(line for _dotted, line in entries)]),
        )
    return findings


def with_required(facts):
    """A copy of facts where each missing required fact is a visible [[placeholder]]."""
    filled = {
        key: dict(value) if isinstance(value, dict) else value for key, value in facts.items()
    }
    for dotted in missing_required(facts):
        *parents, last = dotted.split(".")
        table = filled
        for part in parents:
            if not isinstance(table.get(part), dict):
                table[part] = {}
            table = table[part]
        table[last] = f"[[{dotted}]]"
    return filled


def read_facts(path, shown):
    """A FactsFile; its facts are None when the file cannot be read at all.

    shown is the path as the author sees it, e.g. "content/verein.toml".
    """

    def problem(line, message, fix=FORM, rule="facts-invalid", snippet=""):
        return [Finding(shown, line, message, fix, ERROR, rule, snippet)]

    facts, text, findings = _read(path, shown, problem)
    return FactsFile(shown, facts, findings, text)


def _read(path, shown, problem):
    """(facts, text, findings); facts and text are None if the file is unreadable."""
    try:
        facts, text = read_toml(path, shown, "Die Vereinsdaten", "facts-invalid")
    except OSError:
        return (
            None,
            None,
            problem(
                None,
                "Die Datei mit den Vereinsdaten fehlt.",
                "Die Datei anlegen; welche Angaben hineingehören, steht im README "
                "unter „Vereinsdaten“.",
                "facts-missing",
            ),
        )
    except TomlProblem as error:
        return None, None, [error.finding]
    return facts, text, require(facts, text, shown, REQUIRED, THEME_NEEDS)


def line_of(text, section, key):
    """1-based line of `key = …` in [section] of a TOML text (None if not found)."""
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped.strip("[]").strip()
        elif current == section and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None
