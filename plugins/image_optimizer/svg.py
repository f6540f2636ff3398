"""SVG files are published unchanged, but only without scripts, and with their size."""

import re

_DANGEROUS = re.compile(r"<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b", re.IGNORECASE)
_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_NUMBER = r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*"


def inspect_svg(text):
    """(has scripts or event handlers, width, height); sizes are None where unknown."""
    dangerous = bool(_DANGEROUS.search(text))
    root = _ROOT.search(text)
    if not root:
        return dangerous, None, None
    tag = root[0]
    width = re.search(rf'\swidth\s*=\s*["\']{_NUMBER}["\']', tag)
    height = re.search(rf'\sheight\s*=\s*["\']{_NUMBER}["\']', tag)
    if width and height:
        return dangerous, round(float(width[1])), round(float(height[1]))
    box = re.search(r'viewBox\s*=\s*["\'][-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)', tag)
    if box:
        return dangerous, round(float(box[1])), round(float(box[2]))
    return dangerous, None, None
