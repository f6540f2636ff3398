"""Static contrast check of the theme's colour pairs, light and dark (WCAG 1.4.3, 1.4.11)."""

import re

from sitekit.theme import custom_properties

# (text or UI colour, background, minimum ratio): 4.5 for text, 3 for borders and focus rings.
PAIRS = (
    ("--bl-text", "--bl-bg", 4.5),
    ("--bl-muted", "--bl-bg", 4.5),
    ("--bl-link", "--bl-bg", 4.5),
    ("--bl-text", "--bl-surface", 4.5),
    ("--bl-muted", "--bl-surface", 4.5),
    ("--bl-link", "--bl-surface", 4.5),
    ("--bl-text", "--bl-notice-bg", 4.5),
    ("--bl-header-text", "--bl-header-bg", 4.5),
    ("--bl-focus-text", "--bl-focus", 4.5),
    ("--bl-border", "--bl-bg", 3),
    ("--bl-focus-ring", "--bl-bg", 3),
)
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def schemes(css):
    """{"hell": {variable: colour}, "dunkel": {…}}: the `#rrggbb` custom properties of the
    light `:root` and, over them, of the dark one (sitekit.theme reads the stylesheet)."""
    light = _colours(custom_properties(css))
    return {"hell": light, "dunkel": {**light, **_colours(custom_properties(css, dark=True))}}


def _colours(properties):
    return {name: value for name, value in properties.items() if _HEX.match(value)}


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(first, second):
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def weak_pairs(css, pairs=PAIRS):
    """(scheme, foreground, background, ratio, minimum) for every pair below its minimum."""
    found = []
    for scheme, colours in schemes(css).items():
        for foreground, background, minimum in pairs:
            if foreground in colours and background in colours:
                value = ratio(colours[foreground], colours[background])
                if value < minimum:
                    found.append((scheme, foreground, background, round(value, 2), minimum))
    return found
