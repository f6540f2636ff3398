"""HTML for an optimized image, rendered from plain data (as eleventy-img does)."""

from html import escape

MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
# The fallback <img> loads this width where srcset is not understood.
FALLBACK_WIDTH = 800
# Attributes of the author's <img> that carry over to the new one.
KEPT_ATTRIBUTES = ("id", "class", "title")


def srcset(variants, url):
    return ", ".join(f"{url(name)} {width}w" for width, name, _size in variants)


def picture(result, formats, url, alt, sizes, eager=False, attrs=None):
    """<picture> with one <source> per modern format and a fallback <img> with width/height."""
    if alt is None:
        raise ValueError("alt is required; use alt='' for a purely decorative image")
    fallback = result.variants[result.fallback]
    chosen = next((v for v in fallback if v[0] >= FALLBACK_WIDTH), fallback[-1])
    largest = fallback[-1][0]
    height = round(result.height * largest / result.width)
    lines = ["<picture>"]
    for fmt in formats:
        if fmt in result.variants:
            lines.append(
                f'<source type="{MIME[fmt]}" srcset="{srcset(result.variants[fmt], url)}" '
                f'sizes="{escape(sizes)}">'
            )
    loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    extra = "".join(
        f' {name}="{escape(value)}"'
        for name, value in (attrs or {}).items()
        if name in KEPT_ATTRIBUTES and value
    )
    lines.append(
        f'<img src="{url(chosen[1])}" srcset="{srcset(fallback, url)}" sizes="{escape(sizes)}" '
        f'width="{largest}" height="{height}" alt="{escape(alt)}" {loading}{extra}>'
    )
    lines.append("</picture>")
    return "".join(lines)


def plain_img(src, alt, width, height, eager=False, attrs=None):
    """An image published unchanged (animated GIF/WebP, SVG), still with its size."""
    loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    size = f' width="{width}" height="{height}"' if width and height else ""
    extra = "".join(
        f' {name}="{escape(value)}"'
        for name, value in (attrs or {}).items()
        if name in KEPT_ATTRIBUTES and value
    )
    return f'<img src="{escape(src)}" alt="{escape(alt)}"{size} {loading}{extra}>'
