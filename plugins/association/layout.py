"""What a file's `Layout` means for Pelican: template, category, lists, expiry."""

from sitekit.layouts import DRAFT, LAYOUTS, LIST_KEYS, call_ended, parse_date, visibility


def split_list(value):
    """ "Social Media; CRM" → ["Social Media", "CRM"]"""
    return [item.strip() for item in str(value).split(";") if item.strip()]


def layout_metadata(metadata, today):
    """The metadata to add for a file's layout (plain values; no Pelican objects)."""
    layout = LAYOUTS.get(str(metadata.get("layout", "")).lower())
    if layout is None:
        return {}
    added = {"template": layout.template, "layout": layout.name}
    for key in LIST_KEYS:
        if key in metadata:
            added[key] = split_list(metadata[key])
    if layout.name == "error" and visibility(layout.name, metadata.get("status")) != DRAFT:
        added["status"] = "hidden"  # in no listing; the unpublished plugin still writes it
    if layout.name == "call" and "ends" in metadata:
        added["ends"] = parse_date(metadata["ends"])
        added["ended"] = call_ended(layout.name, metadata["ends"], today)
        if added["ended"]:
            # Hidden: in no listing or feed; only the preview writes its page (unpublished).
            added["status"] = "hidden"
    return added
