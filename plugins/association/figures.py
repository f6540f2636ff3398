"""An image alone in its paragraph with a title becomes a captioned <figure>."""

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class _FigureTreeprocessor(Treeprocessor):
    def run(self, root):
        for paragraph in list(root.iter("p")):
            children = list(paragraph)
            if len(children) != 1 or children[0].tag != "img":
                continue
            image = children[0]
            if (paragraph.text or "").strip() or (image.tail or "").strip():
                continue
            title = image.attrib.pop("title", "")
            if not title:
                continue
            paragraph.tag = "figure"
            paragraph.set("class", "bl-figure")
            image.tail = None
            caption = etree.SubElement(paragraph, "figcaption")
            caption.set("class", "bl-figure__caption")
            caption.text = title


class FigureExtension(Extension):
    """![Beschreibung](bild.jpg "Bildunterschrift") → <figure> with <figcaption>."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_FigureTreeprocessor(md), "verein_figures", 5)
