"""SVG graphics are published only without scripts and without metadata, with their size.

Parsed as XML (any namespace, entities not expanded, nothing fetched), so tricks like a
namespaced <s:script> or an entity-encoded javascript: link are seen for what they are.
"""

import re
from dataclasses import dataclass

from lxml import etree

DANGEROUS_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
EDITOR_NAMESPACES = ("sodipodi", "inkscape", "sketch", "illustrator", "adobe")
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


@dataclass
class Svg:
    problem: str = ""  # "script", "corrupt": see messages
    width: int | None = None
    height: int | None = None
    cleaned: bytes = b""  # without <metadata>, comments and editor attributes


def _local(name):
    return etree.QName(name).localname.lower() if isinstance(name, str) else ""


def inspect_svg(data):
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return Svg("corrupt")
    for element in root.iter():
        if _local(element.tag) in DANGEROUS_ELEMENTS:
            return Svg("script")
        for name, value in element.attrib.items():
            local = _local(name)
            if local.startswith("on") or (local == "href" and not value.strip().startswith("#")):
                return Svg("script")  # event handlers, javascript:, data: and outside links
    for element in list(root.iter()):
        namespace = etree.QName(element).namespace or ""
        if _local(element.tag) == "metadata" or any(n in namespace for n in EDITOR_NAMESPACES):
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if any(n in (etree.QName(name).namespace or "") for n in EDITOR_NAMESPACES):
                del element.attrib[name]
    etree.cleanup_namespaces(root)
    width, height = _size(root)
    return Svg("", width, height, etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _size(root):
    width, height = (_NUMBER.match(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            pass
    return None, None
