"""Design values that Python needs, read from the theme's stylesheet (the one source).

The text column's width is `max-width` of `.bl-width` in theme/static/css/site.css;
templates (image `sizes`) and image_optimizer need it too. The sharing cards (plugins/cards)
take the light scheme's colours (`--bl-…` custom properties of `:root`) and the font files
of its `@font-face` rules; a11y_check's contrast rule reads the colours of both schemes
with the line of each (`colours`). Read with tinycss2, a real CSS parser, so comments and
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
    return {name: value for name, (value, _line) in _declarations(css, dark).items()}


def colours(css, dark=False):
    """{"--bl-text": ("#1f1a24", 71), …}: every custom property a page in that scheme sees
    (the light `:root`, with dark=True the dark one's over it) with the line of its
    declaration; `var(--other)` is replaced by the other's value and line, as a browser
    resolves it (a name that refers to nothing, or in a circle, is left out)."""
    found = _declarations(css)
    if dark:
        found = {**found, **_declarations(css, dark=True)}
    resolved = {}
    for name in found:
        seen = [name]
        value, line = found[name]
        while (target := _reference(value)) and target in found and target not in seen:
            seen.append(target)
            value, line = found[target]
        if not _reference(value):
            resolved[name] = (value, line)
    return resolved


def _reference(value):
    """ "--bl-text" for "var(--bl-text)", else None."""
    tokens = [t for t in tinycss2.parse_component_value_list(value) if t.type != "whitespace"]
    if len(tokens) == 1 and tokens[0].type == "function" and tokens[0].lower_name == "var":
        names = [t.value for t in tokens[0].arguments if t.type == "ident"]
        return names[0] if len(names) == 1 else None
    return None


def _declarations(css, dark=False):
    """{name: (value, line)} of the custom properties in the `:root` rules of one scheme."""
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
                value = tinycss2.serialize(declaration.value).strip()
                found[declaration.name] = (value, declaration.source_line)
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
