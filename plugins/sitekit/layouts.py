"""The layouts an author can choose with `Layout:`, and the metadata each one takes.

One table, read by the association plugin (template and category), by
content_check (validation) and by `make new` (the file it writes).
"""

import datetime
from dataclasses import dataclass

# Metadata every file may carry (keys are case-insensitive, as in Pelican).
# "a11y-ignore": silence one accessibility rule for a stated reason (a11y_check).
COMMON_KEYS = {
    "title",
    "date",
    "modified",
    "layout",
    "slug",
    "summary",
    "status",
    "tags",
    "a11y-ignore",
}


# What a page (not an article) may say about itself: its own file name or address, and its
# place in the menu and the footer (sitekit/menu.py).
PAGE_KEYS = ("save_as", "url", "menu", "menu_label", "footer", "footer_label")


@dataclass(frozen=True)
class Layout:
    name: str
    kind: str  # "article" or "page"
    folder: str  # where `make new` puts it, below content/
    template: str  # Jinja template in theme/templates/, without .html
    category: str | None  # articles only: the category it is listed under
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    description: str = ""  # German, shown in error messages
    # Facts of verein.toml the layout's template shows; missing ones are findings
    # (content_check), so no page goes online with an empty gap.
    facts: tuple[str, ...] = ()
    # The schema.org type of the page's JSON-LD (plugin structured_data; "Event": events).
    schema: str | None = None
    # A page that lists articles: the layout of the articles it lists (its feed, and the
    # step before those articles in the breadcrumb trail).
    lists: str | None = None
    # False: its pages are never in the site search (the search page, the 404 page).
    searchable: bool = True
    # Articles only, German: the kind of one article as its tag on cards ("Aufruf"), and
    # the heading and one-line intro of the list of all of them (its category page, the
    # start page's section).
    label: str = ""
    heading: str = ""
    intro: str = ""

    @property
    def keys(self):
        return COMMON_KEYS | set(self.required) | set(self.optional)


# [mitgliedschaft] as the membership page and the application form show it; one kind of
# membership at least (further kinds are optional).
MEMBERSHIP_FACTS = (
    "mitgliedschaft.wer",
    "mitgliedschaft.datenschutz",
    "mitgliedschaft.glaeubiger_id",
    "mitgliedschaft.mandatsreferenz",
    "mitgliedschaft.arten.mitglied.name",
    "mitgliedschaft.arten.mitglied.beitrag",
)

LAYOUTS = {
    layout.name: layout
    for layout in (
        Layout(
            "interview",
            "article",
            "interviews",
            "interview",
            "Interviews",
            required=("interviewee",),
            optional=("role", "image", "image_alt"),
            description="Interview mit Fragen als Überschriften",
            schema="Article",
            label="Interview",
            heading="Interviews",
            intro="Menschen aus dem Verein erzählen, was sie tun und warum.",
        ),
        Layout(
            "call",
            "article",
            "aufrufe",
            "call",
            "Aufrufe",
            required=("contact", "skills"),
            optional=("offer", "ends", "image", "image_alt"),
            description="Aufruf zum Mitmachen",
            schema="Article",
            label="Aufruf",
            heading="Offene Aufrufe",
            intro="Hier suchen wir Ehrenamtliche. Jeder Aufruf sagt, was gefragt ist und wie Sie sich melden.",
        ),
        Layout(
            "news",
            "article",
            "neuigkeiten",
            "article",
            "Neuigkeiten",
            optional=("image", "image_alt"),
            description="Neuigkeit",
            schema="Article",
            label="Neuigkeit",
            heading="Neuigkeiten",
            intro="Was im Verein passiert ist und was ansteht.",
        ),
        # Termine: when, where, how often (sitekit/events.py reads the metadata).
        Layout(
            "event",
            "article",
            "termine",
            "event",
            "Termine",
            required=("start",),
            optional=(
                "end",
                "repeat",
                "except",
                "until",
                "count",
                "place",
                "online",
                "contact",
                "image",
                "image_alt",
            ),
            description="Termin (Treffen, Sitzung, Veranstaltung)",
            schema="Event",
            label="Termin",
            heading="Alle Termine",
            intro="Treffen, Sitzungen und Veranstaltungen des Vereins.",
        ),
        Layout(
            "page",
            "page",
            "pages",
            "page",
            None,
            optional=PAGE_KEYS,
            description="einfache Seite",
        ),
        Layout(
            "home",
            "page",
            "pages",
            "home",
            None,
            optional=(*PAGE_KEYS, "claim", "regular"),
            description="Startseite mit neuesten Beiträgen und offenen Aufrufen",
            schema="NGO",
        ),
        Layout(
            "calls",
            "page",
            "pages",
            "calls",
            None,
            optional=PAGE_KEYS,
            description="Seite mit allen offenen Aufrufen (Mitmachen)",
            lists="call",
        ),
        Layout(
            "events",
            "page",
            "pages",
            "events",
            None,
            optional=PAGE_KEYS,
            description="Seite mit allen Terminen (kommende zuerst, dann vergangene)",
            lists="event",
        ),
        Layout(
            "contact",
            "page",
            "pages",
            "contact",
            None,
            optional=PAGE_KEYS,
            description="Seite mit den Kontaktdaten des Vereins",
        ),
        Layout(
            "donate",
            "page",
            "pages",
            "donate",
            None,
            optional=PAGE_KEYS,
            description="Spendenseite mit dem Spendenkonto und dem GiroCode aus verein.toml",
        ),
        # Mitglied werden: who can join, the fees and how to apply, from [mitgliedschaft]
        # in verein.toml; links the printable application form (the next layout).
        Layout(
            "membership",
            "page",
            "pages",
            "membership",
            None,
            optional=PAGE_KEYS,
            description="Seite „Mitglied werden“ mit Beiträgen aus verein.toml",
            facts=MEMBERSHIP_FACTS,
        ),
        Layout(
            "membership-form",
            "page",
            "pages",
            "membership-form",
            None,
            optional=PAGE_KEYS,
            description="Mitgliedsantrag mit SEPA-Lastschriftmandat zum Ausdrucken",
            facts=MEMBERSHIP_FACTS,
        ),
        # The site search (plugin search, theme/static/js/suche.js); never in its own index.
        Layout(
            "search",
            "page",
            "pages",
            "search",
            None,
            optional=PAGE_KEYS,
            description="Suchseite: Volltextsuche über alle veröffentlichten Seiten",
            searchable=False,
        ),
        # Never listed (status hidden), but unlike other hidden pages it is published:
        # the web server shows it for unknown addresses (.htaccess ErrorDocument).
        Layout(
            "error",
            "page",
            "pages",
            "error",
            None,
            optional=("save_as", "url"),
            description="Fehlerseite, z. B. „Seite nicht gefunden“ (404)",
            searchable=False,
        ),
    )
}

# Metadata keys whose value is a date.
DATE_KEYS = ("date", "modified", "ends")
# Metadata keys whose value is a list, separated by semicolons.
LIST_KEYS = ("skills", "offer")


def kind_of(value):
    """The Layout of an article or page (its `layout`), or of a category (its name, e.g.
    "Aufrufe"); None for anything else. Templates: `{{ (article | kind).label }}`."""
    name = getattr(value, "name", None)
    if name is not None and getattr(value, "layout", None) is None:
        return next((layout for layout in LAYOUTS.values() if layout.category == name), None)
    return LAYOUTS.get(str(getattr(value, "layout", "") or "").lower())


def listed_on(kind):
    """The layout of the page that lists articles of layout `kind` ("call" → "calls",
    "event" → "events"), or None (they are only in the list of all posts)."""
    return next((layout.name for layout in LAYOUTS.values() if layout.lists == kind), None)


def layouts_for(kind):
    """Names of the layouts for "article" or "page"."""
    return [name for name, layout in LAYOUTS.items() if layout.kind == kind]


def parse_date(value):
    """ "2026-11-27" (or a longer ISO date-time) → date; None if empty or not a date."""
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:  # empty or a [[placeholder]]: content_check reports it
        return None


DRAFT, HIDDEN, PUBLIC = "draft", "hidden", "public"


def call_ended(layout, ends, today):
    """True for a call whose `Ends` date lies before today (it leaves every listing)."""
    return str(layout).lower() == "call" and (parse_date(ends) or datetime.date.max) < today


def visibility(layout, status, ends=None, today=None):
    """What production does with a file: the one rule, for sources, Pelican content
    (content_visibility) and templates (the `visibility` filter, the `public` test).

    DRAFT (`Status: draft`): never published. HIDDEN (`Status: hidden`, or with today a
    call past its `Ends`): only in the preview. PUBLIC: published. The error page is in
    no listing (its status is hidden), but it is always published.
    """
    status, layout = str(status or "").lower(), str(layout or "").lower()
    if status == "draft":
        return DRAFT
    if layout == "error":
        return PUBLIC
    if status == "hidden" or (today is not None and call_ended(layout, ends, today)):
        return HIDDEN
    return PUBLIC


def content_visibility(content):
    """visibility() of a Pelican article or page (the association plugin has already
    turned an ended call's status into hidden)."""
    return visibility(content.metadata.get("layout"), getattr(content, "status", ""))


def is_public(content):
    """True if a Pelican article or page is published in production."""
    return content_visibility(content) == PUBLIC


def is_searchable(content):
    """True if the site search indexes a Pelican article or page: published in production,
    and of a layout that is searchable (not the search page, not the 404 page)."""
    layout = LAYOUTS.get(str(content.metadata.get("layout", "")).lower())
    return is_public(content) and (layout is None or layout.searchable)


def address(content):
    """Where a visitor finds a written article or page, below SITEURL: the file it is
    saved as, without "index.html" ("" for the start page, "kontakt/" for the contact
    page). Its `url` may differ (a page saved as index.html keeps its own url)."""
    return content.save_as.removesuffix("index.html")


def listing_template(output_file, settings):
    """The template of a list page (all articles, a category, a tag, the archive) by its
    output file ("thema/x/index.html" → "category"), or None."""
    for key, template in (
        ("CATEGORY_SAVE_AS", "category"),
        ("TAG_SAVE_AS", "tag"),
        ("ARCHIVES_SAVE_AS", "archives"),
        ("INDEX_SAVE_AS", "index"),
    ):
        prefix = str(settings.get(key) or "").split("{")[0].removesuffix("index.html")
        if prefix and output_file.startswith(prefix):
            return template
    return None
