"""schema.org JSON-LD as plain data, and the one way it is written into a page.

Pure functions on plain values (strings, dates): plugin.py hands them in. Every block a
page carries (NGO, Article, BreadcrumbList here; Event from the events plugin) is a dict
until the template partial partials/structured-data.html writes it with `serialize`.
"""

import json
from typing import NamedTuple

from markupsafe import Markup

CONTEXT = "https://schema.org"
LANGUAGE = "de"
HOME = "Startseite"  # the first step of every breadcrumb trail


class Crumb(NamedTuple):
    """One step of a breadcrumb trail: what the link says, where it goes."""

    name: str
    url: str


class Feed(NamedTuple):
    """An Atom feed a page announces: its German title and its address."""

    title: str
    url: str


def serialize(data):
    """JSON text for <script type="application/ld+json">: json.dumps (never string
    concatenation), then "<", ">" and "&" as \\u escapes, so neither "</script>" nor "<!--"
    in a title can end or change the block (stricter than escaping "</" as "<\\/" alone).
    A JSON parser reads the escapes back as the same characters. Compact: without indent,
    json uses its C encoder (five times faster) and the pages get smaller."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(escaped)  # already safe for its place: Jinja must not escape it again


def postal_address(street, postcode, town, country="DE"):
    """A PostalAddress, leaving out what is empty."""
    data = {
        "@type": "PostalAddress",
        "streetAddress": street,
        "postalCode": postcode,
        "addressLocality": town,
        "addressCountry": country,
    }
    return {key: value for key, value in data.items() if value}


def organization(name, url, logo, email="", address=None, description=""):
    """The association as schema.org NGO (for the start page)."""
    data = {"@context": CONTEXT, "@type": "NGO", "name": name, "url": url, "logo": logo}
    if email:
        data["email"] = email
    if address:
        data["address"] = address
    if description:
        data["description"] = description
    return data


def reference(organization_data):
    """The association as author or publisher inside another block: who, where, its logo."""
    data = {key: organization_data[key] for key in ("@type", "name", "url")}
    data["logo"] = {"@type": "ImageObject", "url": organization_data["logo"]}
    return data


def article(headline, url, published, modified, by, description="", image=""):
    """A schema.org Article (interview, news, call) written by the association (by: the
    reference above). published, modified: datetimes or dates."""
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": headline,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "author": by,
        "publisher": by,
        "inLanguage": LANGUAGE,
    }
    if description:
        data["description"] = description
    if image:
        data["image"] = image
    return data


def trail(home_url, steps):
    """The crumbs of a page: the start page, then steps ((name, url) pairs, the page
    itself last). No steps: no trail (the start page needs none)."""
    if not steps:
        return []
    return [Crumb(HOME, home_url), *(Crumb(name, url) for name, url in steps)]


def breadcrumb_list(crumbs):
    """A schema.org BreadcrumbList of the same crumbs the page shows; None without any."""
    if not crumbs:
        return None
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.name, "item": crumb.url}
            for number, crumb in enumerate(crumbs, start=1)
        ],
    }
