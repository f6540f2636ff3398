"""Which links of the written pages lead nowhere: plain functions on HTML, no Pelican.

A page is read once with lxml (libxml2's HTML parser, the one a11y_check uses): its ids
(anchors) and every linking attribute (href, src, srcset, poster, data-src, xlink:href …).
A link inside the site resolves to a file of the output folder ("/kontakt/" →
"kontakt/index.html"), its #fragment to an id of that page.
"""

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from sitekit.constants import CONTENT_CLASS, LINK_MARKER
from sitekit.links import is_markdown_link

HTML_PARSER = etree.HTMLParser()
# The author's text and its headings, read again only on a page with a broken link.
IN_TEXT = etree.XPath(
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {CONTENT_CLASS} ')]//@*"
)
HEADINGS = etree.XPath(
    "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][@id]"
)
WRITTEN = etree.XPath(
    f"ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' {CONTENT_CLASS} ')]"
)
# "#top" scrolls to the top of any page (HTML: "indicated part of the document").
TOP = "top"


@dataclass(frozen=True)
class PageLinks:
    """What one page links to (addresses as written in its HTML, in order) and the anchors
    it has (id, and the old <a name>)."""

    links: tuple
    ids: frozenset


@dataclass(frozen=True)
class Heading:
    """A heading with an anchor, as a volunteer sees it: its id, its words, and whether it
    is in the author's text (a Markdown heading) or the theme's (e.g. „Auf einen Blick“)."""

    id: str
    words: str
    in_text: bool


@dataclass(frozen=True)
class Broken:
    """One link of one page that leads nowhere."""

    page: str  # output file of the page with the link: "neuigkeiten/x/index.html"
    href: str  # as the HTML has it
    target: str  # output file it means: "kontakt/index.html"
    fragment: str  # "" or the #anchor (without "#")
    missing: str  # "file": no such file; "anchor": the page has no such id


# <meta> whose content is an address of the site (sharing previews); read like a link.
META_ADDRESSES = frozenset(
    {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"}
)


def is_link_name(name):
    """href, src, srcset, data-src, xlink:href, poster, a form's action — not hreflang or
    srclang."""
    return name.endswith(("href", "src", "srcset")) or name in ("poster", "action", "formaction")


ID, LINK, SRCSET = 1, 2, 3


_KINDS = {}  # attribute name -> its kind: a memo of the few names there are


def _kind(name):
    """ID, LINK, SRCSET or None for an attribute name."""
    kind = _KINDS.get(name, 0)
    if kind == 0:
        kind = _KINDS[name] = (
            ID
            if name == "id"
            else SRCSET
            if name.endswith("srcset")
            else LINK
            if is_link_name(name)
            else None
        )
    return kind


def _root(html):
    return etree.fromstring(html, HTML_PARSER) if html.strip() else None


def read_page(html):
    """PageLinks of one page's HTML (bytes or text): one parse, one walk over its elements
    (a walk in Python beat an XPath over attribute names fourfold)."""
    root = _root(html)
    links, ids = [], set()
    if root is None:
        return PageLinks((), frozenset())
    for element in root.iter(etree.Element):
        for name, value in element.items():
            kind = _kind(name)
            if kind is None:
                if name == "name" and element.tag == "a":
                    ids.add(value)
                elif name == "content" and _meta_name(element) in META_ADDRESSES:
                    links.append(value)
            elif kind == LINK:
                links.append(value)
            elif kind == ID:
                ids.add(value)
            else:
                links += _srcset(value)
    return PageLinks(tuple(link for link in links if link.strip()), frozenset(ids))


def _meta_name(element):
    return (element.get("property") or element.get("name") or "").lower()


def text_links(html):
    """The addresses inside the author's text (CONTENT_CLASS) of a page's HTML."""
    root = _root(html)
    values = [] if root is None else IN_TEXT(root)
    found = set()
    for value in values:
        if is_link_name(value.attrname):
            found.update(_srcset(value) if value.attrname.endswith("srcset") else [str(value)])
    return found


def headings(html):
    """The headings of a page that have an id, in order (Heading)."""
    root = _root(html)
    return [
        Heading(
            element.get("id"), " ".join("".join(element.itertext()).split()), bool(WRITTEN(element))
        )
        for element in ([] if root is None else HEADINGS(root))
    ]


def _srcset(value):
    """The addresses of a srcset: "a.jpg 1x, b.jpg 2x" → ["a.jpg", "b.jpg"]."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def site_path(href, page, site_url=""):
    """(output file, fragment) a link of page means, or None for what is not this check's:
    another site, mailto:, tel:, webcal:, data:, Pelican's unresolved {filename} forms and
    links to Markdown files (content_check reports those at their line).

    page: output file of the page ("kontakt/index.html"); site_url: SITEURL ("" while
    previewing, "https://example.org" in production). The file of an address ending in "/"
    is its index.html; "x" stays "x" (resolve() also tries "x/index.html").
    """
    href = href.strip()
    if not href or LINK_MARKER.match(href) or is_markdown_link(href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:  # e.g. "http://[" — not an address of ours
        return None
    site = urlsplit(site_url)
    if parts.scheme or parts.netloc:
        same_host = parts.netloc.lower() == site.netloc.lower() and site.netloc
        if not same_host or parts.scheme not in ("", "http", "https"):
            return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        base = site.path.rstrip("/")
        if base and not (path + "/").startswith(base + "/"):
            return None  # above the site's folder: another site on the same host
        path = path[len(base) :].lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    folder = path.endswith("/") or path.endswith("/.") or path in ("", ".")
    path = posixpath.normpath(path) if path else "."
    if folder or path == ".":
        path = "index.html" if path == "." else path + "/index.html"
    return path, parts.fragment


def resolve(target, files):
    """The output file target means, or None if there is none: "x" is also "x/index.html"
    (the web server answers /x with /x/)."""
    if target.startswith("../"):
        return None  # above the site
    if target in files:
        return target
    if target + "/index.html" in files:
        return target + "/index.html"
    return None


def find_broken(pages, files, site_url=""):
    """Every link that leads nowhere. pages: output file -> PageLinks of each HTML page;
    files: every file in the output folder (relative, "/" separated)."""
    broken = []
    meanings = {}  # (folder of the page or "", href) -> site_path(): most links repeat
    for page, read in pages.items():
        folder = posixpath.dirname(page)
        for href in read.links:
            if href.lstrip().startswith(("#", "?")):  # this page, whatever its folder
                meant = site_path(href, page, site_url)
            else:
                key = ("" if href.startswith(("/", "http:", "https:")) else folder, href)
                if key not in meanings:
                    meanings[key] = site_path(href, page, site_url)
                meant = meanings[key]
            if meant is None:
                continue
            target, fragment = meant
            found = resolve(target, files)
            if found is None:
                broken.append(Broken(page, href, target, fragment, "file"))
            elif fragment and not has_anchor(pages.get(found), fragment):
                broken.append(Broken(page, href, found, fragment, "anchor"))
    return broken


def has_anchor(read, fragment):
    """Does the page (PageLinks, None for a file that is no page) have this #fragment?"""
    if read is None:
        return True  # a PDF's #page=2, an SVG's #id: not ours to know
    return fragment in read.ids or unquote(fragment) in read.ids or fragment.lower() == TOP
