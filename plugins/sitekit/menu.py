"""The menu and the footer links, from the pages themselves.

A page puts itself into a menu with its position, optionally with a short label:

    Menu: 3
    Menu_label: Über uns
    Footer: 2

Lists the site makes itself (all articles) have no page; ASSOCIATION_MENU_LISTS places
them. One module for the rule, used by the association plugin (which builds the menus)
and content_check (which reports what is wrong with an entry).
"""

from dataclasses import dataclass

from .layouts import listed_on

# Metadata key -> where an entry stands, as German messages say it.
MENUS = {"menu": "im Menü", "footer": "in der Fußzeile"}
MAX_LABEL = 20  # characters: more breaks the menu into lines on a phone


@dataclass(frozen=True)
class Entry:
    menu: str  # "menu" or "footer"
    position: int
    label: str
    address: str  # below SITEURL: "" for the start page, "kontakt/"
    source: str = ""  # the page's file, "" for a list


def position(value):
    """A menu position: a whole number from 1 ("3" → 3), else None."""
    text = str(value).strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def label(metadata, menu):
    """The label of a page's entry in menu: its Menu_label (Footer_label), else its title."""
    return str(metadata.get(f"{menu}_label") or metadata.get("title") or "").strip()


def page_entries(metadata, address, source=""):
    """The entries a page asks for with its metadata (keys lower case)."""
    return [
        Entry(menu, found, label(metadata, menu), address, source)
        for menu in MENUS
        if menu in metadata and (found := position(metadata[menu])) is not None
    ]


def list_entries(lists):
    """Entries of ASSOCIATION_MENU_LISTS: (label, address, position) in the main menu."""
    return [Entry("menu", spot, label, address) for label, address, spot in lists]


def menus(entries):
    """{"menu": [(label, address), …], "footer": […]}, each in the order of its positions."""
    ordered = sorted(entries, key=lambda e: (e.position, e.label))
    return {menu: [(e.label, e.address) for e in ordered if e.menu == menu] for menu in MENUS}


def section(kind, listing, lister_addresses, index_address):
    """The address of the menu entry (or the header's Mitmachen button) a page belongs to
    without being it, so the menu marks its section: an article or a category goes to the
    page that lists its kind (a call to Mitmachen, a Termin to Termine), any other article
    and every list of posts (category, tag, archive) to all posts (index_address).

    kind: the Layout of the article or category shown, None elsewhere; listing: True on a
    list of posts; lister_addresses: {layout name: address} of the published pages.
    None for a page that is no article and no list (it is in the menu itself, or not).
    """
    if kind is None and not listing:
        return None
    return lister_addresses.get(listed_on(kind.name) if kind else None, index_address)
