"""Fixture pages for a11y_check: one page per rule that breaks it, and clean counterparts.

Each case: name -> (the rule ids a11y_check must report, the page). The clean pages hold the
tricky correct cases: decorative alt="", a full link text that starts with "mehr", an English
quotation marked lang="en", a table with header cells, labelled form fields.
"""


def page(body, head="", lang="de", title="Testseite", h1="Überschrift"):
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>{head}</head><body>"
        f'<a href="#inhalt">Zum Inhalt springen</a>'
        f'<main id="inhalt">{heading}{body}</main></body></html>'
    )


IMG = '<img src="punkt.png" width="10" height="10"'

CASES = {
    "img-alt": ({"img-alt"}, page(f"<p>{IMG}></p>")),
    "img-alt-filename": ({"img-alt-filename"}, page(f'<p>{IMG} alt="DSC_1234.jpg"></p>')),
    "img-alt-filler": ({"img-alt-filler"}, page(f'<p>{IMG} alt="Foto"></p>')),
    "img-alt-long": (
        {"img-alt-long"},
        page(f'<p>{IMG} alt="{"Sehr lange Beschreibung " * 7}"></p>'),
    ),
    "og-image-alt": (
        {"og-image-alt"},
        page("<p>Text</p>", head='<meta property="og:image" content="/a.jpg">'),
    ),
    "link-name": ({"link-name"}, page('<p><a href="/kontakt/"></a></p>')),
    "link-name-image": ({"link-name"}, page(f'<p><a href="/kontakt/">{IMG} alt=""></a></p>')),
    "link-text": ({"link-text"}, page('<p>Infos gibt es <a href="/it/">hier</a>.</p>')),
    "link-text-english": ({"link-text"}, page('<p><a href="/it/">read more</a></p>')),
    "link-same-text": (
        {"link-same-text"},
        page('<p><a href="/a/">Programm</a> und <a href="/b/">Programm</a></p>'),
    ),
    "link-new-window": (
        {"link-new-window"},
        page('<p><a href="/a/" target="_blank">Satzung</a></p>'),
    ),
    "heading-h1-none": ({"heading-h1"}, page("<h2>Nur Unterpunkt</h2>", h1="")),
    "heading-h1-two": ({"heading-h1"}, page("<h1>Noch eine</h1>")),
    "heading-order": ({"heading-order"}, page("<h2>A</h2><h4>B</h4>")),
    "heading-empty": ({"heading-empty"}, page("<h2></h2>")),
    "document-title": ({"document-title"}, page("<p>Text</p>", title="")),
    "html-lang": ({"html-lang"}, page("<p>Text</p>", lang="")),
    "html-lang-invalid": ({"html-lang"}, page("<p>Text</p>", lang="deutsch_de")),
    "lang-valid": ({"lang-valid"}, page('<p lang="englisch!">Hello</p>')),
    "meta-viewport": (
        {"meta-viewport"},
        page(
            "<p>Text</p>",
            head=('<meta name="viewport" content="width=device-width, user-scalable=no">'),
        ),
    ),
    "meta-refresh": (
        {"meta-refresh"},
        page("<p>Text</p>", head=('<meta http-equiv="refresh" content="5; url=/neu/">')),
    ),
    "landmark-main": (
        {"landmark-main"},
        page("<p>Text</p>")
        .replace('<main id="inhalt">', '<div id="inhalt">')
        .replace("</main>", "</div>"),
    ),
    "skip-link": ({"skip-link"}, page("<p>Text</p>").replace('<main id="inhalt">', "<main>")),
    "duplicate-id": ({"duplicate-id"}, page('<p id="x">A</p><p id="x">B</p>')),
    "tabindex": ({"tabindex"}, page('<p><a href="/a/" tabindex="3">Satzung</a></p>')),
    "table-headers": (
        {"table-headers"},
        page("<table><tr><td>Tag</td><td>Zeit</td></tr><tr><td>Mo</td><td>10</td></tr></table>"),
    ),
    "aria-role": ({"aria-role"}, page('<div role="knopf">A</div>')),
    "aria-redundant-role": (
        {"aria-redundant-role"},
        page('<nav role="navigation" aria-label="Extra"><a href="/a/">Satzung</a></nav>'),
    ),
    "aria-attr": ({"aria-attr"}, page('<p aria-lable="Text">A</p>')),
    "frame-title": ({"frame-title"}, page('<iframe src="/karte.html"></iframe>')),
    "media-autoplay": (
        {"media-autoplay", "video-captions"},
        page('<video src="/film.mp4" autoplay muted></video>'),
    ),
    "video-captions": ({"video-captions"}, page('<video src="/film.mp4" controls></video>')),
    "form-label": ({"form-label"}, page('<form><input type="text" name="q"></form>')),
    "clean-decorative-image": (set(), page(f'<p>{IMG} alt="">Text</p>')),
    "clean-full-link-text": (
        set(),
        page(
            '<p><a href="/it/">mehr über die IT-Gruppe</a> und '
            '<a href="/b/">Mehr<span class="bl-visually-hidden"> über den Verein</span></a></p>'
        ),
    ),
    "clean-english-quotation": (set(), page('<p>Sie sagte: <q lang="en">Keep it simple.</q></p>')),
    "clean-structure": (
        set(),
        page(
            '<h2>Zeiten</h2><table><tr><th scope="col">Tag</th><th scope="col">Zeit</th></tr>'
            "<tr><td>Mo</td><td>10</td></tr></table><h3>Mehr</h3>"
            '<form><label for="q">Suche</label><input id="q" type="text">'
            '<label>Name <input type="text"></label><input type="submit" value="Los"></form>'
            '<iframe src="/karte.html" title="Karte mit dem Weg zum Büro"></iframe>'
            '<video src="/film.mp4" controls><track kind="captions" src="/film.vtt" srclang="de">'
            '</video><nav aria-label="Weiteres"><a href="/a/" target="_blank">Satzung (öffnet in '
            "neuem Fenster)</a></nav>"
        ),
    ),
}
