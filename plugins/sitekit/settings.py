"""Prefixed plugin settings: declared once, with defaults, by small declarative validators.

Each plugin's settings.py declares its options and gets its reader:

    OPTIONS = {"A11Y_CHECK_REPORT_DIR": Folder("reports/a11y"), "A11Y_CHECK_MIN_READABILITY": Number(30)}
    read = declare("a11y_check", "A11Y_CHECK_", OPTIONS)

read(settings) returns {NAME: value} with defaults filled in. It validates the settings
of every declared plugin in PLUGINS together, so one build reports every bad setting at once
(unknown names with "Meinten Sie …?"), in German, and stops. Another plugin never reads
these settings with a copied default: value(settings, NAME) asks the owner's declaration.
"""

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitekit.german import ERROR, INDENT, fix_line, label, number


class SettingsError(Exception):
    """A plugin setting is unknown or has a bad value. Stops the build."""

    exitcode = 1


class Invalid(ValueError):
    """One value does not fit; the message says in German what is expected."""


# --- validators ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    default: bool

    def check(self, value):
        if not isinstance(value, bool):
            raise Invalid("erwartet wird True oder False")
        return value


@dataclass(frozen=True)
class Number:
    """A whole number (never True or False) from minimum to maximum."""

    default: int
    minimum: int | None = None
    maximum: int | None = None

    def expected(self):
        low, high = (None if v is None else number(v) for v in (self.minimum, self.maximum))
        if low is not None and high is not None:
            return f"eine ganze Zahl von {low} bis {high}"
        if low is not None:
            return f"eine ganze Zahl ab {low}"
        if high is not None:
            return f"eine ganze Zahl bis {high}"
        return "eine ganze Zahl"

    def check(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"erwartet wird {self.expected()}")
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise Invalid(f"erwartet wird {self.expected()}")
        return value


@dataclass(frozen=True)
class Text:
    """A non-empty string, one of choices if given."""

    default: str
    choices: tuple = ()

    def check(self, value):
        if not isinstance(value, str) or not value.strip():
            raise Invalid("erwartet wird ein nicht leerer Text in Anführungszeichen")
        if self.choices and value not in self.choices:
            raise Invalid(f"möglich sind {', '.join(self.choices)}")
        return value


@dataclass(frozen=True)
class Folder:
    """A folder path. inside=True: relative, below its base (no "..", no leading "/")."""

    default: str
    inside: bool = False

    def check(self, value):
        if not isinstance(value, str | os.PathLike) or not str(value).strip():
            raise Invalid('erwartet wird ein Ordner, z. B. "bilder"')
        text = str(value)
        if self.inside and (text.startswith("/") or ".." in Path(text).parts):
            raise Invalid('erwartet wird ein Ordner innerhalb von output/, z. B. "bilder"')
        return text


@dataclass(frozen=True)
class Items:
    """A list or tuple of items, each checked by item, as a tuple. Empty only with
    empty=True; a repeated entry is an error unless unique=False."""

    default: tuple
    item: Any
    empty: bool = False
    unique: bool = True

    def check(self, value):
        if not isinstance(value, list | tuple):
            raise Invalid(f"erwartet wird eine Liste, z. B. {self.default!r}")
        if not value and not self.empty:
            raise Invalid(f"erwartet wird mindestens ein Eintrag, z. B. {self.default!r}")
        checked = tuple(self.item.check(entry) for entry in value)
        if self.unique and len(set(checked)) != len(checked):
            raise Invalid("ein Eintrag steht doppelt")
        return checked


@dataclass(frozen=True)
class Row:
    """A list or tuple of fixed length, each place checked by its own validator."""

    example: tuple
    places: tuple

    def check(self, value):
        if not isinstance(value, list | tuple) or len(value) != len(self.places):
            raise Invalid(f"erwartet wird ein Eintrag wie {self.example!r}")
        return tuple(place.check(entry) for place, entry in zip(self.places, value, strict=True))


@dataclass(frozen=True)
class Table:
    """A dict with exactly the keys of the default, each value checked by value."""

    default: dict
    value: Any

    def check(self, value):
        keys = sorted(self.default)
        if not isinstance(value, dict) or sorted(value) != keys:
            raise Invalid(f"erwartet werden die Angaben {', '.join(keys)}, z. B. {self.default!r}")
        return {key: self.value.check(entry) for key, entry in value.items()}


# Settings that were replaced: an old pelicanconf.py or publishconf.py is told the new name.
REPLACED = {
    "CONTENT_CHECK_STRICT": "BUILD_REPORT_STRICT",
    "IMAGE_OPTIMIZER_STRICT": "BUILD_REPORT_STRICT",
    "A11Y_CHECK_STRICT": "BUILD_REPORT_STRICT",
}

# --- declaration and reading -----------------------------------------------------------------

_DECLARED = {}  # prefix -> (plugin, options) of every plugin whose settings were imported


def declare(plugin, prefix, options):
    """Register a plugin's options (plugin: its name in PLUGINS); returns its reader,
    read(settings) -> {NAME: value}."""
    _DECLARED[prefix] = plugin, options

    def read(settings):
        check_all(settings)
        return _values(settings, prefix, options)[0]

    return read


def _active(settings):
    """(prefix, options) of the declared plugins this build uses (settings["PLUGINS"])."""
    plugins = settings.get("PLUGINS")
    return [
        (prefix, options)
        for prefix, (plugin, options) in _DECLARED.items()
        if plugins is None or plugin in plugins
    ]


def value(settings, name):
    """The validated value of another plugin's setting, with that plugin's default.
    None if no plugin in PLUGINS declares it."""
    for prefix, options in _active(settings):
        if name in options:
            values, problems = _values(settings, prefix, options)
            if problems:
                check_all(settings)
            return values[name]
    return None


def check_all(settings):
    """SettingsError listing every unknown name and every bad value of all declared plugins."""
    problems = []
    for prefix, options in _active(settings):
        problems += _values(settings, prefix, options)[1]
    if problems:
        raise SettingsError(
            f"{label(ERROR)} in den Einstellungen (pelicanconf.py bzw. publishconf.py):\n"
            + "\n".join(f"{INDENT}{problem}" for problem in problems)
            + "\n"
            + fix_line("Die genannten Einstellungen dort berichtigen (oder entfernen).")
        )


def _values(settings, prefix, options):
    """({NAME: value}, [German problem]) for one plugin's options."""
    problems = []
    for key in sorted(settings):
        if key.startswith(prefix) and key not in options:
            close = difflib.get_close_matches(key, list(options), n=1)
            hint = f" Meinten Sie „{close[0]}“?" if close else ""
            known = f" Bekannt sind: {', '.join(sorted(options))}." if options else ""
            if key in REPLACED:
                hint, known = f" Stattdessen gilt jetzt {REPLACED[key]}.", ""
            problems.append(f"„{key}“ gibt es nicht.{hint}{known}")
    values = {}
    for key, option in options.items():
        given = settings.get(key, option.default)
        try:
            values[key] = option.check(given)
        except Invalid as reason:
            problems.append(f"„{key} = {given!r}“: {reason}.")
            values[key] = option.default
    return values, problems
