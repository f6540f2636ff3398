"""What a file's `Layout` means for Pelican: template, category, lists, expiry."""

import datetime

from sitekit.layouts import LAYOUTS, LIST_KEYS


def split_list(value):
    """"Social Media; CRM" → ["Social Media", "CRM"]"""
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
    if layout.name == "error":
        added["status"] = "hidden"  # in no listing; the unpublished plugin still writes it
    if layout.name == "call" and "ends" in metadata:
        ends = added["ends"] = _date_or_none(metadata["ends"])
        added["ended"] = bool(ends) and ends < today
        if added["ended"]:
            # Hidden articles keep their own page but leave every listing and feed.
            added["status"] = "hidden"
    return added


def _date_or_none(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:  # empty or a [[placeholder]]: content_check reports it
        return None
