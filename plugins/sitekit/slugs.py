"""Slugs exactly as Pelican makes them from a title, with our settings."""


def slugifier(settings):
    """A function title -> slug using the site's SLUG_REGEX_SUBSTITUTIONS."""
    from pelican.utils import slugify

    def slug(title):
        return slugify(
            title,
            regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )

    return slug


# Umlauts spelled out, for page addresses (SLUG_REGEX_SUBSTITUTIONS) and heading anchors.
GERMAN_LETTERS = (
    ("ä", "ae"),
    ("ö", "oe"),
    ("ü", "ue"),
    ("ß", "ss"),
    ("Ä", "Ae"),
    ("Ö", "Oe"),
    ("Ü", "Ue"),
)


def heading_id(text, separator):
    """Anchors of headings like page slugs: "Fähigkeiten?" → "faehigkeiten" (Markdown toc)."""
    from markdown.extensions.toc import slugify

    for letter, spelled in GERMAN_LETTERS:
        text = text.replace(letter, spelled)
    return slugify(text, separator)
