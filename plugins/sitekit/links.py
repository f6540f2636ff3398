"""Which file a link in a text means: one rule for the association plugin (which turns links
to Markdown files into page addresses), content_check (which reports those that lead
nowhere) and unpublished (which keeps files only drafts link out of production)."""

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitekit.constants import LINK_MARKER, LINK_MARKERS
from sitekit.prose import prose_lines

# The file names Pelican's Markdown reader reads (pelicanconf.py switches its other readers
# off, so these are all the texts there are).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")

# Pelican's own link forms: {filename}…, {static}…, {attach}… (also |filename|…).
MARKED_LINK = re.compile(r"[{|](" + "|".join(LINK_MARKERS) + r")[}|]([^\s)\"'>]+)")
# Every other link target: inline ](target), ](<target with spaces>), reference definitions
# [name]: target, and href="…" or src="…" of a tag written as HTML in the Markdown.
PLAIN_LINK = re.compile(
    r"\]\(\s*(?:<([^>]+)>|([^\s)>]+))|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)"
    r"|\b(?:href|src)=[\"']([^\"']+)"
)
# The start of a web address as a volunteer may mistype it: "htps://", "http//", "http:/",
# "https:\\", "http:" – a scheme of the letters of https, then its colon and two slashes
# or not – before a host name with a dot ("example.org/…"); or a bare "www.example.org".
WEB_START = re.compile(r"(?i)^([hpst]{3,6})(:?)([/\\]*)(\w[\w-]*\.[\w.-]*\w(?:[/?#:].*)?)$")
BARE_WWW = re.compile(r"(?i)^www\.[\w-]+\.[\w.-]*\w(?:[/?#].*)?$")


def written_links(text, body_from=1):
    """(line, link) of every link written in a Markdown text, in order, as written: Pelican's
    marked forms ("{filename}/pages/x.md#a") and every other target ("/kontakt/", "x.md",
    "#anker", href="…" of raw HTML). Links shown as code are examples and left out."""
    for number, line in prose_lines(text, body_from):
        found = [(m.start(), m[0]) for m in MARKED_LINK.finditer(line)]
        for match in PLAIN_LINK.finditer(line):
            link = next(group for group in match.groups() if group)
            if not _marked(link):  # ]({filename}…) is in the list already
                found.append((match.start(), link))
        for _start, link in sorted(found):
            yield number, link


def mistyped_web_address(link):
    """The web address a mistyped link means, or None: "htps://example.org/a" →
    "https://example.org/a", "http//example.org" → "http://example.org", "www.example.org"
    → "https://www.example.org". A browser reads such a link as a page of this site, or
    not at all. Other schemes (mailto:, tel:, ftp://) and addresses of the site are no typo."""
    link = str(link).strip()
    if BARE_WWW.match(link):
        return "https://" + link
    start = WEB_START.match(link)
    if not start:
        return None
    scheme, colon, slashes, rest = start.groups()
    scheme = scheme.lower()
    if not {"h", "t", "p"} <= set(scheme) and not scheme.startswith("ttp"):
        return None
    if scheme in ("http", "https") and colon and slashes == "//":
        return None
    if not (colon or slashes):
        return None  # "https.example.org" is a host name, not a typo of its start
    return ("https" if scheme.endswith("s") else "http") + "://" + rest


def _marked(link):
    return bool(LINK_MARKER.match(link))


def text_folder_files(content, settings):
    """(path relative to content/, "article" or "page", is it Markdown?) of every file in
    the text folders (ARTICLE_PATHS, PAGE_PATHS), in order; hidden files left out."""
    folders = [(p, "article") for p in settings["ARTICLE_PATHS"]]
    folders += [(p, "page") for p in settings["PAGE_PATHS"]]
    for folder, kind in folders:
        for path in sorted((Path(content) / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                rel = path.relative_to(content).as_posix()
                yield rel, kind, path.suffix in MARKDOWN_SUFFIXES


def markdown_sources(content, settings):
    """(path relative to content/, kind) of every text Pelican reads."""
    return [(rel, kind) for rel, kind, markdown in text_folder_files(content, settings) if markdown]


def content_path(value, source_dir):
    """The path below content/ that a link names, or None (another site, mailto:, only an
    #anchor, above content/). "/x" starts at content/, anything else at source_dir
    ("neuigkeiten"); Pelican's {filename}, {static} and {attach} markers are read alike."""
    value = str(value).strip()
    marked = LINK_MARKER.match(value)
    if marked:
        value = value[marked.end() :]
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    path = posixpath.normpath(
        path.lstrip("/") if path.startswith("/") else posixpath.join(source_dir, path)
    )
    return None if path.startswith("..") else path


def is_markdown_link(value):
    """True for a plain link to a Markdown file, as any Markdown editor writes one:
    "../pages/mitmachen.md", "/pages/mitmachen.md", "mitmachen.md#anker"."""
    value = str(value).strip()
    if LINK_MARKER.match(value):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc and parts.path.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_target(value, source_dir, sources):
    """The source (path below content/) a link to a Markdown file means, or None.

    Like a link in any Markdown editor it is read from the file's folder ("../pages/x.md")
    or, with a leading "/", from content/. A bare file name that is not in the folder
    ("mitmachen.md" in an interview) means the one source of that name anywhere.
    """
    path = content_path(value, source_dir)
    if path in sources:
        return path
    name = unquote(urlsplit(str(value).strip()).path)
    if "/" not in name:
        same_name = [s for s in sources if posixpath.basename(s) == name]
        if len(same_name) == 1:
            return same_name[0]
    return None


def as_filename_link(value, target):
    """Pelican's own form of a link to the source target, keeping its #anchor:
    "{filename}/pages/mitmachen.md#termine"."""
    fragment = urlsplit(str(value).strip()).fragment
    return f"{{filename}}/{target}" + (f"#{fragment}" if fragment else "")
