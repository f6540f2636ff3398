"""E-mail addresses and phone numbers in plain text become links (mailto:, tel:)."""

import re
from html import escape

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d /()-]{4,}\d")
CONTACT = re.compile(f"{EMAIL.pattern}|{PHONE.pattern}")


def contact_links(text):
    """Escaped HTML of text, with every e-mail address and phone number linked."""

    def link(match):
        value = match[0]
        if EMAIL.fullmatch(value):
            return f'<a href="mailto:{value}">{value}</a>'
        return f'<a href="tel:{re.sub(r"[^0-9+]", "", value)}">{value}</a>'

    return CONTACT.sub(link, escape(str(text), quote=False))
