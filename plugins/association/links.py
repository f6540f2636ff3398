"""Links to Markdown files, as any Markdown editor writes them, become page addresses.

`[Mitmachen](../pages/mitmachen.md)`, `(/pages/mitmachen.md)` or `(mitmachen.md#termine)`
are rewritten to Pelican's own `{filename}/pages/mitmachen.md#termine`, which Pelican then
turns into the page's address exactly as if the author had written it. A link that leads
to no source stays as written; content_check reports it with file and line.
"""

from html import escape

from sitekit.html import attribute_values, start_tags
from sitekit.links import as_filename_link, is_markdown_link, markdown_target


def rewrite_markdown_links(html, source_dir, sources):
    """html with every <a href> to a known Markdown source in {filename} form; every other
    byte as it was."""
    if not any(is_markdown_link(value) for value in attribute_values(html)):
        return html  # most texts: lxml's quick look spares the tokenizer (1 ms a page)
    for tag in reversed(start_tags(html, {"a"})):  # from the end: positions stay valid
        href = tag.attrs.get("href")
        if not href or not is_markdown_link(href):
            continue
        target = markdown_target(href, source_dir, sources)
        if target is None:
            continue
        attrs = {**tag.attrs, "href": as_filename_link(href, target)}
        written = " ".join(
            name if value is None else f'{name}="{escape(value)}"' for name, value in attrs.items()
        )
        html = html[: tag.start] + f"<a {written}>" + html[tag.end :]
    return html
