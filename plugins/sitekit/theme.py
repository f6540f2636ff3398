"""Design values that Python needs, read from the theme's stylesheet (the one source).

The text column's width is `max-width` of `.bl-width` in theme/static/css/site.css;
templates (image `sizes`) and image_optimizer need it too. The sharing cards (plugins/cards)
take the light scheme's colours (`--bl-…` custom properties of `:root`) and the font files
of its `@font-face` rules. Read with tinycss2, a real CSS parser, so comments and
formatting in the stylesheet do not matter.
"""

import functools
from pathlib import Path

import tinycss2

from sitekit.german import ERROR, report

WIDTH_RULE = ".bl-width"
_DARK = "(prefers-color-scheme:dark)"
FIX_WIDTH = "Die Regel „.bl-width { max-width: 46rem; }“ wiederherstellen (eine Angabe in rem)."


def content_width_rem(stylesheet):
    """46.0 for `.bl-width { max-width: 46rem }` in the stylesheet at path stylesheet."""
    return _width(Path(stylesheet).read_text(encoding="utf-8"), str(stylesheet))


@functools.lru_cache(maxsize=4)
def _rules(css):
    """The stylesheet's top-level rules, parsed once per text in a process (a tenth of a
    second each time): the settings, the cards and the contrast check all read it."""
    return tuple(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


@functools.lru_cache(maxsize=4)
def _width(css, stylesheet):
    """Once per stylesheet text: a build reads its settings file more than once."""
    for rule in _rules(css):
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != WIDTH_RULE:
            continue
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True):
            if declaration.type == "declaration" and declaration.lower_name == "max-width":
                value = [t for t in declaration.value if t.type != "whitespace"]
                if len(value) == 1 and value[0].type == "dimension" and value[0].unit == "rem":
                    return float(value[0].value)
    raise ValueError(
        f"{report(ERROR, 'Die Breite der Textspalte fehlt.', FIX_WIDTH, where=str(stylesheet))}"
    )


def rem(value):
    """46.0 → "46rem", 44.5 → "44.5rem" (CSS, not German: a dot)."""
    return f"{value:g}rem"


def custom_properties(css, dark=False):
    """{"--bl-text": "#1d1b22", …}: the custom properties of the `:root` rules of the light
    scheme (top level), or with dark=True those of `@media (prefers-color-scheme: dark)`
    only. Other media (print) are left out."""
    rules = _rules(css)
    if dark:
        rules = [
            rule
            for media in rules
            if media.type == "at-rule"
            and media.lower_at_keyword == "media"
            and media.content
            and _DARK in "".join(tinycss2.serialize(media.prelude).lower().split())
            for rule in tinycss2.parse_rule_list(
                media.content, skip_comments=True, skip_whitespace=True
            )
        ]
    found = {}
    for rule in rules:
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True):
            if declaration.type == "declaration" and declaration.name.startswith("--"):
                found[declaration.name] = tinycss2.serialize(declaration.value).strip()
    return found


def font_files(stylesheet):
    """{400: Path, 700: Path}: the first url() of each upright `@font-face` by its weight,
    resolved against the stylesheet's folder (as a browser does)."""
    stylesheet = Path(stylesheet)
    found = {}
    for rule in _rules(stylesheet.read_text(encoding="utf-8")):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or not rule.content:
            continue
        values = {
            d.lower_name: [t for t in d.value if t.type not in ("whitespace", "comment")]
            for d in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
            if d.type == "declaration"
        }
        style = values.get("font-style", [])
        if style and getattr(style[0], "lower_value", "") != "normal":
            continue
        weight = values.get("font-weight", [])
        urls = [_url(token) for token in values.get("src", [])]
        urls = [url for url in urls if url]
        if weight and weight[0].type == "number" and urls:
            found.setdefault(int(weight[0].value), (stylesheet.parent / urls[0]).resolve())
    return found


def _url(token):
    """The address of a `url(…)` token or function, else None."""
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name == "url":
        strings = [t.value for t in token.arguments if t.type == "string"]
        return strings[0] if strings else None
    return None
