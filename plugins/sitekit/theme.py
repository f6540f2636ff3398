"""Design values that Python needs, read from the theme's stylesheet (the one source).

The text column's width is `max-width` of `.bl-width` in theme/static/css/site.css;
templates (image `sizes`) and image_optimizer need it too. Read with tinycss2, a real
CSS parser, so comments and formatting in the stylesheet do not matter.
"""

import functools
from pathlib import Path

import tinycss2

from sitekit.german import ERROR, report

WIDTH_RULE = ".bl-width"
FIX_WIDTH = "Die Regel „.bl-width { max-width: 46rem; }“ wiederherstellen (eine Angabe in rem)."


def content_width_rem(stylesheet):
    """46.0 for `.bl-width { max-width: 46rem }` in the stylesheet at path stylesheet."""
    return _width(Path(stylesheet).read_text(encoding="utf-8"), str(stylesheet))


@functools.lru_cache(maxsize=4)
def _width(css, stylesheet):
    """Parsed once per stylesheet text: a build reads its settings file more than once."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
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
