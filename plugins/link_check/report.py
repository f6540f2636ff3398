"""Broken links as German findings at the Markdown line that wrote them: plain functions.

The line is found by reading the page's Markdown source with sitekit.links (the same
reading content_check does) and resolving each written link as the page's HTML does.
A link to a Markdown file that leads nowhere is content_check's (it names the missing
file before the build, with "Meinten Sie …?"); this check owns addresses and anchors.
"""

import difflib
import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sitekit.constants import LINK_MARKER
from sitekit.findings import ERROR, Finding, as_unpublished
from sitekit.german import count
from sitekit.links import content_path, is_markdown_link, markdown_target, written_links

from .check import site_path

FEW_ANCHORS = 8  # a page with at most this many heading anchors gets all of them listed
SHOWN_PAGES = 3  # a template's broken link: this many of its pages named

ADDRESS_FIX = (
    "Die Adresse im Link berichtigen oder den Link entfernen. Eigene Texte am besten über "
    "ihre Datei verlinken, z. B. „../pages/kontakt.md“: dann stimmt der Link auch, wenn "
    "sich die Adresse der Seite ändert."
)
HEADING_ANCHORS = (
    "Jede Überschrift hat einen Anker aus ihrem Text: „## Unsere Termine“ → „#unsere-termine“."
)


@dataclass(frozen=True)
class PageSource:
    """Where a written page came from (plain data, filled by the plugin's glue)."""

    shown: str | None = None  # "content/pages/x.md"; None for lists and overviews
    rel: str | None = None  # "pages/x.md", below content/
    text: str = ""  # the Markdown source
    body_from: int = 1  # first line after the metadata
    template: str | None = None  # "page", "category" …
    public: bool = True  # production publishes it


@dataclass
class Site:
    """What resolving a written link needs: SITEURL, and the address of every source."""

    site_url: str = ""
    url_of: dict = field(default_factory=dict)  # "pages/x.md" -> "x/" (statics: their url)

    def meaning(self, link, source_rel, page):
        """(output file, fragment, written as a link to a file below content/?) of a link
        written in the Markdown of page, or None."""
        folder = posixpath.dirname(source_rel)
        if LINK_MARKER.match(link) or is_markdown_link(link):
            rel = (
                content_path(link, folder)
                if LINK_MARKER.match(link)
                else markdown_target(link, folder, self.url_of)
            )
            url = self.url_of.get(rel)
            if url is None:
                return None
            fragment = urlsplit(link).fragment
            meant = site_path("/" + url + (f"#{fragment}" if fragment else ""), page)
            return None if meant is None else (*meant, True)
        meant = site_path(link, page, self.site_url)
        return None if meant is None else (*meant, False)


def locate(brokens, source, site):
    """For each broken link of one page (in order): (line, link as written, written as a
    link to a file?) in the page's Markdown, or None when its text has no such link."""
    if source.rel is None:
        return [None] * len(brokens)
    written = [
        (line, link, site.meaning(link, source.rel, broken_page))
        for broken_page in {b.page for b in brokens}
        for line, link in written_links(source.text, source.body_from)
    ]
    used, found = set(), []
    for broken in brokens:
        meant = site_path(broken.href, broken.page, site.site_url)
        matches = [
            (index, line, link, meaning[2])
            for index, (line, link, meaning) in enumerate(written)
            if meaning is not None and meaning[:2] == meant
        ]
        fresh = [m for m in matches if m[0] not in used] or matches
        if fresh:
            index, line, link, to_file = fresh[0]
            used.add(index)
            found.append((line, link, to_file))
        else:
            found.append(None)
    return found


def line_written(source, href, site_url=""):
    """The line of the source's metadata (the lines before the first empty one) that has
    href as it stands, also without SITEURL, e.g. "Link: /alte-seite/" that a template
    shows; None if none has."""
    forms = {href, href.removeprefix(site_url)} if site_url else {href}
    forms = {form for form in forms if len(form) > 1}
    for number, line in enumerate(source.text.splitlines(), start=1):
        if not line.strip():
            return None
        if any(form in line for form in forms):
            return number
    return None


def address(target):
    """ "kontakt/index.html" → "/kontakt/"; "termine.ics" → "/termine.ics"."""
    return "/" + target.removesuffix("index.html")


def _close(word, choices, cutoff):
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def named(heading):
    """An anchor with the words a visitor sees: „#aufgaben“ (Überschrift „Aufgaben“)."""
    anchor = f"„#{heading.id}“"
    return f"{anchor} (Überschrift „{heading.words}“)" if heading.words else anchor


def describe(broken, written, addresses, headings):
    """(message, fix) of a broken link in German. written: the link as the author wrote it;
    addresses: every page's address (for "Meinten Sie"); headings: the linked page's
    headings with an anchor (check.Heading; for a missing anchor). Only anchors a volunteer
    can see are suggested: the headings of its text, else those of the page (a list), each
    with its words; never an id of the theme's code."""
    if broken.missing == "file":
        where = address(broken.target)
        close = _close(where, addresses, 0.75)
        meant = f" Meinten Sie „{close}“?" if close else ""
        return (
            f"Der Link „{written}“ führt ins Leere: die Adresse {where} gibt es auf der "
            f"Website nicht.{meant}",
            ADDRESS_FIX,
        )
    fragment, page = broken.fragment, address(broken.target)
    offered = [h for h in headings if h.in_text] or list(headings)
    by_id = {heading.id: heading for heading in offered}
    close = _close(fragment, by_id, 0.6)
    meant = f" Meinten Sie {named(by_id[close])}?" if close else ""
    message = (
        f"Den Anker „#{fragment}“ gibt es auf {page} nicht; der Link „{written}“ springt an "
        f"keine Stelle.{meant}"
    )
    if not offered:
        return (
            message,
            f"„#{fragment}“ aus dem Link löschen: {page} hat keine Überschrift mit Anker.",
        )
    shown = (
        offered
        if len(offered) <= FEW_ANCHORS
        else [by_id[i] for i in difflib.get_close_matches(fragment, by_id, n=3, cutoff=0)]
    )
    listed = ", ".join(named(heading) for heading in shown)
    more = ", …" if len(shown) < len(offered) else ""
    return (
        message,
        f"Einen Anker nehmen, den es auf {page} gibt: {listed}{more}; oder „#{fragment}“ "
        f"aus dem Link löschen. {HEADING_ANCHORS}",
    )


def rule_of(broken):
    return "link-broken" if broken.missing == "file" else "anchor-missing"


def source_finding(broken, source, line, text):
    """The finding at the Markdown file (and line) that wrote the link."""
    message, fix = text
    finding = Finding(source.shown, line, message, fix, ERROR, rule_of(broken))
    return finding if source.public else as_unpublished(finding)


def template_finding(broken, templates, pages, text):
    """One finding for a link the theme writes, on all the pages that have it.
    templates: the templates of those pages ("page", "article"; None: unknown)."""
    message, fix = text
    names = sorted({f"{t}.html" for t in templates if t})
    path = f"theme/templates/{names[0]}" if len(names) == 1 else "theme/templates"
    if len(names) == 1:
        where = f"der Vorlage {path}"
    elif names:
        where = "den Vorlagen " + ", ".join(names)
    else:
        where = "einer Vorlage"
    if broken.missing == "file":
        fix = (
            START_FIX
            if broken.target == "index.html"
            else "Die Adresse im Link berichtigen oder den Link entfernen."
        )
    shown = ", ".join(address(page) for page in pages[:SHOWN_PAGES])
    more = " …" if len(pages) > SHOWN_PAGES else ""
    return Finding(
        path,
        None,
        f"{message} Der Link kommt aus {where} oder einer Teilvorlage in "
        "theme/templates/partials/, nicht aus einem Text.",
        fix,
        ERROR,
        rule_of(broken),
        notes=(f"Auf {count(len(pages), 'Seite', 'Seiten')}: {shown}{more}",),
    )


START_FIX = (
    "Die Website hat keine Startseite: eine Seite mit „Layout: home“ und „Save_as: index.html“ "
    "anlegen, wie content/pages/start.md."
)
