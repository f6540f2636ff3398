"""Minify one HTML page without changing how it renders."""

import htmlmin


def minify_html(text):
    """Collapse whitespace and drop comments; <pre>, <textarea>, <script> and <style>
    stay byte-identical (htmlmin treats them as preformatted)."""
    return htmlmin.minify(
        text,
        remove_comments=True,
        # Whitespace between tags can be a visible space between two inline elements
        # (two links in a sentence); htmlmin still collapses each run to one space.
        remove_empty_space=False,
        # Keep quotes: attributes stay valid and readable in the browser's source view.
        remove_optional_attribute_quotes=False,
        reduce_boolean_attributes=False,
        keep_pre=False,
    )
