"""Pelican glue for the association plugin."""

import posixpath
from html import escape
from pathlib import Path

from jinja2 import pass_context
from pelican.contents import Page
from pelican.urlwrappers import Author, Category, URLWrapper

from sitekit import menu
from sitekit.facts import LOADED, read_facts, with_required
from sitekit.german import reading_time, short_month
from sitekit.html import attribute_values, split_before, wrap
from sitekit.layouts import (
    LAYOUTS,
    address,
    content_visibility,
    is_public,
    is_searchable,
    kind_of,
    listing_template,
)
from sitekit.links import content_path, markdown_sources
from sitekit.reading import headings, reading_minutes
from sitekit.slugs import slug
from sitekit.today import today

from . import settings as options
from .contacts import contact_links, first_email, mailto
from .dates import german_date
from .facts import FactsExtension
from .figures import FigureExtension
from .layout import layout_metadata
from .links import rewrite_markdown_links


def configure(pelican):
    """Receiver of `initialized`: facts into settings, Jinja filters, Markdown extensions."""
    settings = pelican.settings
    facts_file = options.read(settings)["ASSOCIATION_FACTS_FILE"]
    loaded = read_facts(
        Path(settings["PATH"]) / facts_file, f"{Path(settings['PATH']).name}/{facts_file}"
    )
    settings[LOADED] = loaded  # content_check reports its problems
    facts = with_required(loaded.facts or {})
    settings["VEREIN"] = facts
    settings["SITENAME"] = facts.get("name", settings["SITENAME"])
    settings[SOURCES] = {rel for rel, _kind in markdown_sources(settings["PATH"], settings)}
    settings["AUTHOR"] = facts["name"]  # the feed's author of every article
    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "german_date": german_date,
        "contact_links": contact_links,
        "mailto": mailto,  # footer: "Barriere melden"; a call's "Jetzt melden" button
        "first_email": first_email,  # the address a call's button writes to
        # interview.html: "Lesezeit: etwa 4 Minuten", the questions (its <h2>s) as jump
        # links, the intro before the first question.
        "reading_time": reading_time_of,
        "headings": headings,
        "split_before": split_before,
        "pull_quotes": pull_quotes,  # an interview's `> ` quote, with the interviewee's name
        "visibility": content_visibility,  # "draft", "hidden" or "public"
        # The Layout of an article, page or category: its tag ("Aufruf"), its list's heading.
        "kind": kind_of,
        "short_month": short_month,  # home.html: "Dez." on a Termin's date leaf
    }
    # nav.html, header.html: which menu entry (or the Mitmachen button) this page belongs to.
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "menu_section": menu_section}
    settings["JINJA_TESTS"] = {
        **settings.get("JINJA_TESTS", {}),
        "public": is_public,
        "searchable": is_searchable,  # base.html: the main content the site search indexes
    }
    markdown = dict(settings["MARKDOWN"])
    extensions = [
        e
        for e in markdown.get("extensions", [])
        if not isinstance(e, (FactsExtension, FigureExtension))
    ]
    markdown["extensions"] = [*extensions, FactsExtension(facts), FigureExtension()]
    settings["MARKDOWN"] = markdown


def reading_time_of(html):
    """ "etwa 4 Minuten" for a text's HTML (a module-level function: settings are pickled
    for the content cache, a lambda cannot be)."""
    return reading_time(reading_minutes(html))


@pass_context
def menu_section(context):
    """Template global: the address of the menu entry or button of this page's section
    (sitekit.menu.section), e.g. "beitraege/" on an interview; None on other pages."""
    shown = context.get("article") or context.get("category")
    listing = listing_template(context.get("output_file") or "", context) is not None
    listers = {}
    for page in context.get("pages") or ():
        listers.setdefault(page.metadata.get("layout"), address(page))
    kind = kind_of(shown) if shown is not None else None
    return menu.section(kind, listing, listers, context.get("INDEX_URL", ""))


def pull_quotes(html, name):
    """Every outermost <blockquote> of html as a pull quote: a <figure> whose caption
    names who said it ("– Stephan"; the figure/figcaption pattern of the HTML standard)."""
    caption = f'<figcaption class="bl-quote__by">– {escape(name)}</figcaption>' if name else ""
    return wrap(html, "blockquote", '<figure class="bl-quote">', caption + "</figure>")


# Settings key (lower case: not a user setting): every Markdown source of this build.
SOURCES = "association_sources"


def link_markdown_files(content):
    """Receiver of `content_object_init`: links to .md files become {filename} links."""
    if "href=" in (content._content or ""):
        folder = posixpath.dirname(content.relative_source_path)
        content._content = rewrite_markdown_links(
            content._content, folder, content.settings.get(SOURCES, ())
        )


def build_menus(generators):
    """Receiver of `all_generators_finalized`, before any page is written: MENU and FOOTER
    for the templates, from the published pages' `Menu:`/`Footer:` and the lists."""
    context = generators[0].context
    entries = menu.list_entries(options.read(generators[0].settings)["ASSOCIATION_MENU_LISTS"])
    for content in context["generated_content"].values():
        if isinstance(content, Page) and content.save_as and is_public(content):
            entries += menu.page_entries(content.metadata, address(content))
    built = menu.menus(entries)
    context["MENU"], context["FOOTER"] = built["menu"], built["footer"]


def apply_layout(generator, metadata):
    """Receiver of `*_generator_context`: template, category and call state from `Layout`,
    and the addresses of the content, its category, tags and author (sitekit.slugs.slug:
    what Pelican's slugify would make, in a fraction of its time)."""
    settings = generator.settings
    added = layout_metadata(metadata, today(settings))
    metadata.update(added)
    if metadata.get("title") and "slug" not in metadata:
        metadata["slug"] = slug(str(metadata["title"]))
    layout = LAYOUTS.get(added.get("layout", ""))
    if layout and layout.category:
        metadata["category"] = Category(layout.category, settings)
    if "author" not in metadata and "authors" not in metadata and settings.get("AUTHOR"):
        metadata["author"] = Author(settings["AUTHOR"], settings)
    for wrapper in (
        metadata.get("category"),
        metadata.get("author"),
        *metadata.get("authors", ()),
        *metadata.get("tags", ()),
    ):
        if isinstance(wrapper, URLWrapper):
            wrapper.slug = slug(wrapper.name)


def relate_calls(generators):
    """Receiver of `all_generators_finalized`: each interview's `related_calls`, the
    published calls whose text links to it (the call names its interview, so the
    interview can end with the call), and CALLS_PAGE for the templates, the published
    page of the layout `calls` (Mitmachen), or None."""
    context = generators[0].context
    contents = [content for content in context["generated_content"].values() if content]
    interviews = {
        content.relative_source_path: content
        for content in contents
        if content.metadata.get("layout") == "interview"
    }
    for interview in interviews.values():
        interview.related_calls = []
    context["CALLS_PAGE"] = None
    for content in contents:
        layout = content.metadata.get("layout")
        if layout == "calls" and isinstance(content, Page) and is_public(content):
            context["CALLS_PAGE"] = context["CALLS_PAGE"] or content
        if layout != "call" or not is_public(content):
            continue
        folder = posixpath.dirname(content.relative_source_path)
        linked = {content_path(value, folder) for value in attribute_values(content._content or "")}
        for source in sorted(linked & interviews.keys()):
            interviews[source].related_calls.append(content)
