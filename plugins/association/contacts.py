"""E-mail addresses and phone numbers in plain text become links (mailto:, tel:)."""

import re
from html import escape
from urllib.parse import quote, urlencode

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


def first_email(text):
    """The first e-mail address in a contact text ("it@x.org oder 0551 1234"), or ""."""
    found = EMAIL.search(str(text))
    return found[0] if found else ""


def mailto(address, subject, body=""):
    """A mailto: URL that opens a prepared e-mail (RFC 6068): subject and body
    percent-encoded (spaces as %20, line breaks as %0D%0A). "" when address is not an
    e-mail address, e.g. still a [[placeholder]]: the caller shows it as text instead."""
    address = str(address).strip()
    if not EMAIL.fullmatch(address):
        return ""
    fields = {"subject": subject}
    if body:
        fields["body"] = "\r\n".join(str(body).splitlines())
    return f"mailto:{address}?{urlencode(fields, quote_via=quote)}"
