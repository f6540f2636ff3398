"""The preview's own pages, as HTML from plain data: the problem page of a page that could
not be built, the overview of every open finding, the banner on every preview page.

Never written to output/: the preview server answers with them while it runs. German, like
everything a volunteer reads; accessible like the site (headings, lists, a labelled region).
"""

from html import escape

from sitekit.constants import PREVIEW_OVERVIEW, PREVIEW_PREFIX
from sitekit.findings import ERROR
from sitekit.german import FIX, count, place
from sitekit.placeholders import RULE as PLACEHOLDER

STYLESHEET = PREVIEW_PREFIX + "vorschau.css"
# What a finding means for publishing, in the preview's words.
KINDS = {ERROR: "Verhindert die Veröffentlichung"}
HINT_KIND = "Hinweis"


def page(title, body, build, site_css):
    """A whole preview page; it reloads itself after the next build (reload.js)."""
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(title)} – Vorschau</title>
<link rel="stylesheet" href="{escape(site_css)}">
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body class="bl-body">
<main id="main-content" class="bl-main bl-preview">
<div class="bl-width">
{body}
</div>
</main>
{reload_script(build)}
</body>
</html>
"""


def reload_script(build):
    return f'<script src="{PREVIEW_PREFIX}reload.js" data-build="{build}"></script>'


def finding_item(finding, with_place=True):
    """One finding as a list item: what it means, where, what is wrong, how to fix it, and
    the lines to paste exactly as they stand."""
    kind = KINDS.get(finding.severity, HINT_KIND)
    where = place(finding.path, finding.line) if with_place else _line(finding.line)
    parts = [
        f'<li class="bl-preview__finding bl-preview__finding--{escape(finding.severity)}">',
        f'<p><strong class="bl-preview__kind">{kind}</strong> – {escape(where)}</p>',
        f"<p>{escape(finding.message)}</p>",
    ]
    if finding.fix:
        parts.append(f"<p><strong>{FIX}</strong> {escape(finding.fix)}</p>")
    if finding.snippet:
        parts.append(f"<pre><code>{escape(finding.snippet)}</code></pre>")
    parts += [f'<p class="bl-preview__note">{escape(note)}</p>' for note in finding.notes]
    parts.append("</li>")
    return "\n".join(parts)


def _line(line):
    return "ganze Datei" if line is None else f"Zeile {line}"


def problem_page(source, findings, build, site_css):
    """A page that could not be built: at its own address, with what to fix."""
    items = "\n".join(finding_item(f, with_place=False) for f in findings)
    body = f"""<h1 class="bl-title">Diese Seite konnte nicht gebaut werden</h1>
<p>Die Datei <code>{escape(source)}</code> hat {_problems(findings)}. Sobald sie behoben und
gespeichert ist, erscheint hier von selbst die Seite.</p>
<ul class="bl-preview__list">
{items}
</ul>
<p><a href="{PREVIEW_OVERVIEW}">Alle offenen Probleme der Website</a></p>"""
    return page("Seite konnte nicht gebaut werden", body, build, site_css)


def _problems(findings):
    return count(len(findings), "Problem", "Probleme")


def _open_counts(findings):
    """ "2 Stellen verhindern die Veröffentlichung, 1 Hinweis" (each part only if any)."""
    blocking = sum(f.severity == ERROR for f in findings)
    hints = len(findings) - blocking
    parts = []
    if blocking:
        parts.append(
            f"{count(blocking, 'Stelle verhindert', 'Stellen verhindern')} die Veröffentlichung"
        )
    if hints:
        parts.append(count(hints, "Hinweis", "Hinweise"))
    return ", ".join(parts)


def overview_page(snapshot, site_css):
    """Every open finding of the site, grouped by file, each file with a link to its page."""
    findings = list(snapshot.findings)
    if not findings:
        summary = (
            "<p>Zurzeit gibt es nichts zu beheben. Die Website kann veröffentlicht werden.</p>"
        )
    else:
        summary = (
            f"<p>{_open_counts(findings)}. Die Liste ist nach Dateien geordnet und "
            "aktualisiert sich nach jedem Speichern; was die Veröffentlichung verhindert, "
            "meldet <code>make publish-build</code> mit denselben Worten als Fehler.</p>"
        )
    sections = []
    for source in dict.fromkeys(f.path for f in findings):
        of_file = [f for f in findings if f.path == source]
        address = snapshot.addresses.get(source)
        link = ""
        if address is not None:
            label = "Seite ansehen" if source in snapshot.built else "Problemseite ansehen"
            link = f'<p><a href="/{escape(address)}">{label}: /{escape(address)}</a></p>'
        ordinary = [f for f in of_file if f.rule != PLACEHOLDER]
        placeholders = [f for f in of_file if f.rule == PLACEHOLDER]
        items = [finding_item(f, with_place=False) for f in ordinary]
        if placeholders:
            listed = ", ".join(f"{escape(f.message)} ({_line(f.line)})" for f in placeholders)
            kind = KINDS.get(placeholders[0].severity, HINT_KIND)
            items.append(
                f'<li class="bl-preview__finding"><p><strong class="bl-preview__kind">{kind}'
                f"</strong> – {count(len(placeholders), 'Platzhalter', 'Platzhalter')} noch "
                f"auszufüllen: {listed}</p><p><strong>{FIX}</strong> Die echte Angabe an "
                "ihre Stelle schreiben (ohne die eckigen Klammern).</p></li>"
            )
        sections.append(
            f'<section class="bl-preview__file" aria-labelledby="datei-{len(sections)}">\n'
            f'<h2 id="datei-{len(sections)}"><code>{escape(source)}</code></h2>\n{link}\n'
            f'<ul class="bl-preview__list">\n' + "\n".join(items) + "\n</ul>\n</section>"
        )
    body = (
        '<h1 class="bl-title">Vorschau: offene Probleme</h1>\n'
        + summary
        + "\n"
        + "\n".join(sections)
        + '\n<p><a href="/">Zur Startseite der Vorschau</a></p>'
    )
    return page("Offene Probleme", body, snapshot.number, site_css)


FAILED = (
    "Der letzte Bau ist fehlgeschlagen; was zu tun ist, steht im Fenster von „make serve“. "
    "Hier steht noch der Stand davor; die Seite lädt sich neu, sobald der Bau gelingt."
)


def banner(snapshot, source):
    """The small note on every preview page while anything is open, or "" (nothing open)."""
    findings = snapshot.findings
    if not findings and not snapshot.failed:
        return ""
    parts = [FAILED] if snapshot.failed else []
    if findings:
        here = [f for f in findings if f.path == source] if source else []
        text = f"Vorschau: {_open_counts(findings)}"
        if here:
            text += f"; auf dieser Seite: {len(here)}"
        parts.append(f"{text}.")
    return (
        '<aside class="bl-width" aria-label="Vorschau"><div class="bl-preview-banner">'
        f"<p>{escape(' '.join(parts))} "
        f'<a href="{PREVIEW_OVERVIEW}">Alle Probleme ansehen</a></p></div></aside>'
    )


def waiting_page(build, site_css):
    """No site yet (the first build broke): what to do, and a reload once it is there."""
    body = """<h1 class="bl-title">Die Vorschau ist noch nicht gebaut</h1>
<p>Der Bau ist fehlgeschlagen; was zu tun ist, steht im Fenster von „make serve“. Diese Seite
lädt sich von selbst neu, sobald der Bau gelingt.</p>"""
    return page("Noch nicht gebaut", body, build, site_css)


def not_found_page(build, site_css):
    """An address the preview does not know (and the site has no 404 page of its own)."""
    body = f"""<h1 class="bl-title">Seite nicht gefunden</h1>
<p>Diese Adresse gibt es in der Vorschau nicht. <a href="/">Zur Startseite</a> ·
<a href="{PREVIEW_OVERVIEW}">Alle offenen Probleme</a></p>"""
    return page("Seite nicht gefunden", body, build, site_css)
