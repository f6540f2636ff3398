"""Pelican glue: facts, pages and feeds into the plain values schema.py takes."""

import posixpath

from markupsafe import Markup
from pelican.contents import Article

from sitekit.layouts import LAYOUTS, address, is_public

from . import schema
from . import settings as options


def configure(pelican):
    """Receiver of `initialized`: validate the settings, offer the `json_ld` filter."""
    options.read(pelican.settings)
    pelican.settings["JINJA_FILTERS"] = {
        **pelican.settings.get("JINJA_FILTERS", {}),
        "json_ld": schema.serialize,
    }


def _plain(html):
    return Markup(html or "").striptags()


def _layout(content):
    return LAYOUTS.get(str(content.metadata.get("layout", "")).lower())


def sharing_image(content):
    """The absolute address of the page's sharing image (the cards plugin's choice, the
    same as its og:image: its 1200-px photo or its drawn card), or ""."""
    image = getattr(content, "sharing_image", None)
    return image.url if image else ""


def association(settings):
    """The association as schema.org NGO, from verein.toml (settings["VEREIN"])."""
    site = settings.get("SITEURL", "")
    facts = settings.get("VEREIN") or {}
    where = facts.get("anschrift") or {}
    logo = options.read(settings)["STRUCTURED_DATA_LOGO"]
    return schema.organization(
        settings["SITENAME"],
        f"{site}/",
        f"{site}/{settings['THEME_STATIC_DIR']}/{logo}",
        email=(facts.get("kontakt") or {}).get("email", ""),
        address=schema.postal_address(where.get("strasse"), where.get("plz"), where.get("ort")),
        description=facts.get("beschreibung", ""),
    )


def feeds(settings, categories):
    """(the full feed or None, {category name: its feed}): exactly the feeds Pelican
    writes (generate_feeds: FEED_ALL_ATOM, and CATEGORY_FEED_ATOM for each category that
    has a published article), at the address it gives them."""
    domain, name = settings.get("FEED_DOMAIN") or "", settings["SITENAME"]
    every = None
    if settings.get("FEED_ALL_ATOM"):
        url = settings.get("FEED_ALL_ATOM_URL") or settings["FEED_ALL_ATOM"]
        every = schema.Feed(f"{name}: alle Beiträge", f"{domain}/{url}")
    by_kind = {}
    if settings.get("CATEGORY_FEED_ATOM"):
        pattern = settings.get("CATEGORY_FEED_ATOM_URL") or settings["CATEGORY_FEED_ATOM"]
        for category, _articles in categories:
            url = str(pattern).format(slug=category.slug)
            by_kind[category.name] = schema.Feed(f"{name}: {category.name}", f"{domain}/{url}")
    return every, by_kind


def title_feed(context, feed):
    """Receiver of `feed_generated`: a feed's own title is the German one its links show
    ("Bunte Lebenswelten e.V.: Aufrufe"; Pelican would write "… - Aufrufe")."""
    known = [context.get("FEED_ALL"), *(context.get("FEEDS") or {}).values()]
    for announced in known:
        if announced and announced.url == feed.feed.get("feed_url"):
            feed.feed["title"] = announced.title


def attach(generators):
    """Receiver of `all_generators_finalized`, before any page is written: each article's
    and page's breadcrumbs, feeds and JSON-LD; FEED_ALL and FEEDS for the list pages."""
    settings = generators[0].settings
    context = generators[0].context
    site = settings.get("SITEURL", "")
    categories = next((g.categories for g in generators if hasattr(g, "categories")), [])
    every, by_kind = feeds(settings, categories)
    context["FEED_ALL"], context["FEEDS"] = every, by_kind

    contents = [c for c in context["generated_content"].values() if c.save_as]
    pages = {address(c): c for c in contents if not isinstance(c, Article) and is_public(c)}
    listing = {}  # article layout -> the public page that lists those articles
    for page in pages.values():
        layout = _layout(page)
        if layout and layout.lists:
            listing.setdefault(layout.lists, page)
    organization = association(settings)
    by = schema.reference(organization)

    for content in contents:
        layout = _layout(content)
        kind = None
        if isinstance(content, Article):
            kind = content.category.name
        elif layout and layout.lists:
            kind = LAYOUTS[layout.lists].category
        content.feeds = [feed for feed in (every, by_kind.get(kind)) if feed]

        here = f"{site}/{address(content)}"
        steps = _steps(content, layout, pages, listing, site)
        content.breadcrumbs = schema.trail(f"{site}/", steps)
        blocks = []
        if layout and layout.schema == "NGO":
            blocks.append(organization)
        elif layout and layout.schema == "Article":
            blocks.append(
                schema.article(
                    _plain(content.title),
                    here,
                    content.date,
                    getattr(content, "modified", None),
                    by,
                    description=_plain(getattr(content, "summary", "")),
                    image=sharing_image(content),
                )
            )
        blocks.append(schema.breadcrumb_list(content.breadcrumbs))
        content.json_ld = [block for block in blocks if block]


def _steps(content, layout, pages, listing, site):
    """(name, url) from below the start page to the content itself; [] for the start
    page and the error page, which show no trail."""
    own = address(content)
    if not own or (layout and layout.name in ("home", "error")):
        return []
    steps = []
    if isinstance(content, Article):
        over = listing.get(layout.name) if layout else None
        if over is not None:
            steps.append((_plain(over.title), f"{site}/{address(over)}"))
        else:
            steps.append((content.category.name, f"{site}/{content.category.url}"))
    else:  # the pages above it by address: mitglied-werden/ above mitglied-werden/antrag/
        parts = own.strip("/").split("/")
        for depth in range(1, len(parts)):
            above = pages.get(posixpath.join(*parts[:depth]) + "/")
            if above is not None:
                steps.append((_plain(above.title), f"{site}/{address(above)}"))
    steps.append((_plain(content.title), f"{site}/{own}"))
    return steps
