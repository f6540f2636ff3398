"""Minify one HTML page without changing how it renders."""

import html

import htmlmin
from htmlmin import escape as htmlmin_escape
from htmlmin import parser as htmlmin_parser


def _escape_attribute(value, double_quote=False):
    """Python's HTMLParser hands htmlmin unescaped attribute values, and htmlmin
    re-escapes only "ambiguous" ampersands: title="&amp;lt;" would come out as
    title="&lt;", i.e. "<". Escape every &, < , > and quote instead; always quote."""
    return html.escape(value, quote=True), htmlmin_escape.DOUBLE_QUOTE


# htmlmin has no option for this; its parser looks the function up on this module.
htmlmin_parser.escape.escape_attr_value = _escape_attribute


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
