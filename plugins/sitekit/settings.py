"""Prefixed plugin settings: declared once with defaults, validated on load."""

import difflib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    default: Any
    kind: type | tuple  # what isinstance() must accept
    doc: str  # English, for developers


class SettingsError(Exception):
    """A plugin setting is unknown or has a wrong value. Stops the build."""

    exitcode = 1


def read_options(settings, prefix, options):
    """Return {NAME: value} for all options, taking values from settings.

    Unknown keys with the prefix and values of the wrong type raise SettingsError.
    """
    for key in settings:
        if key.startswith(prefix) and key not in options:
            close = difflib.get_close_matches(key, list(options), n=1)
            hint = f" Meinten Sie „{close[0]}“?" if close else ""
            raise SettingsError(
                f"Fehler in den Einstellungen: „{key}“ gibt es nicht.{hint} "
                f"Bekannt sind: {', '.join(sorted(options))}."
            )
    values = {}
    for key, option in options.items():
        value = settings.get(key, option.default)
        if not isinstance(value, option.kind):
            raise SettingsError(
                f"Fehler in den Einstellungen: „{key} = {value!r}“ hat den falschen "
                f"Typ. Erwartet: {option.doc}"
            )
        values[key] = value
    return values
