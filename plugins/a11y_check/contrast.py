"""Static contrast check of the theme's colour pairs, light and dark (WCAG 1.4.3, 1.4.11).

Which tokens are compared follows from their names (documented at the top of site.css),
so a new hue or role in the stylesheet is checked without touching this file."""

import re

from sitekit.theme import colours

# (foreground, background, minimum): regular expressions over the custom properties'
# names; a background may use the foreground's named groups ("{name}"). 4.5 for text,
# 3 for borders, focus rings and a button's edge.
_READING = r"--bl-(text|muted|link|link-hover|hue-[a-z]+-text)"
_PAGE = r"--bl-(bg|surface)"
PAIRS = (
    (_READING, _PAGE, 4.5),
    # Text, links and small print in boxes on a tint (inset text, tags, notices).
    (r"--bl-(text|muted|link)", r"--bl-notice-bg|--bl-hue-[a-z]+-tint", 4.5),
    (r"--bl-(?P<name>[a-z-]+)-text", r"--bl-{name}|--bl-{name}-bg|--bl-{name}-tint", 4.5),
    (r"--bl-(border|focus-ring|button-bg)", _PAGE, 3),
)
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def schemes(css):
    """{"hell": {variable: (colour, line)}, "dunkel": {…}}: the `#rrggbb` custom properties
    a page sees in the light and in the dark scheme (sitekit.theme reads the stylesheet)."""
    return {
        scheme: {name: found for name, found in colours(css, dark).items() if _HEX.match(found[0])}
        for scheme, dark in (("hell", False), ("dunkel", True))
    }


def pairs(names, rules=PAIRS):
    """[(foreground, background, minimum)] of the names present, each pair once (the
    strictest minimum)."""
    found = {}
    for foreground_rule, background_rule, minimum in rules:
        for foreground in names:
            match = re.fullmatch(foreground_rule, foreground)
            if not match:
                continue
            wanted = background_rule.format(**match.groupdict())
            for background in names:
                if background != foreground and re.fullmatch(wanted, background):
                    key = (foreground, background)
                    found[key] = max(found.get(key, 0), minimum)
    return [(fore, back, minimum) for (fore, back), minimum in found.items()]


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(first, second):
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def weak_pairs(css, rules=PAIRS):
    """(scheme, foreground, background, ratio, minimum, line) for every pair below its
    minimum; line: where the foreground's colour is declared (in that scheme). A pair the
    dark scheme does not change is reported once, as scheme "beide"."""
    found = {}
    light = schemes(css)["hell"]
    for scheme, values in schemes(css).items():
        for foreground, background, minimum in pairs(list(values), rules):
            value = ratio(values[foreground][0], values[background][0])
            if value >= minimum:
                continue
            line = values[foreground][1]
            same = all(values[name] == light.get(name) for name in (foreground, background))
            if scheme == "dunkel" and same:
                found[("hell", foreground, background)][0] = "beide"
                continue
            found[(scheme, foreground, background)] = [
                scheme,
                foreground,
                background,
                round(value, 2),
                minimum,
                line,
            ]
    return [tuple(finding) for finding in found.values()]
