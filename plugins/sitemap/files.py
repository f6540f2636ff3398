"""sitemap.xml and robots.txt as bytes, from plain values."""

import xml.etree.ElementTree as ET

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(entries):
    """entries: (absolute address, date of the last change or None), in the order given."""
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for address, changed in entries:
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = address
        if changed is not None:
            ET.SubElement(url, "lastmod").text = changed.isoformat()
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap_address):
    """Everything may be read; the sitemap says where the pages are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_address}\n".encode()
