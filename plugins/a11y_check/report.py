"""Findings as JSON and as a German HTML page for reviewers (the terminal gets them
through the build's ledger, build_report)."""

import dataclasses
import json
from collections import Counter
from html import escape

from sitekit.german import FIX, count, place

from .rules import ERROR, RULES


def write(findings, folder):
    """report.json and index.html in folder (outside output/, never published)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = [dataclasses.asdict(f) for f in findings]
    (folder / "report.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    counts = Counter(f.rule for f in findings)
    rows = "".join(
        f"<tr><td>{escape(rule)}</td><td>{RULES[rule].wcag if rule in RULES else '–'}</td>"
        f"<td>{count}</td></tr>"
        for rule, count in counts.most_common()
    )
    items = "".join(
        f"<li><strong>{'Fehler' if f.severity == ERROR else 'Hinweis'}</strong> in "
        f"{escape(place(f.source, f.line or None))}: {escape(f.message)} "
        f"<em>{FIX}</em> {escape(f.fix)}"
        + (f" (Seite /{escape(f.page.removesuffix('index.html'))})" if f.page else "")
        + "</li>"
        for f in findings
    )
    errors = sum(f.severity == ERROR for f in findings)
    (folder / "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Barrierefreiheit: Prüfbericht</title></head>
<body>
<main>
<h1>Barrierefreiheit: Prüfbericht</h1>
<p>{errors} Fehler, {count(len(findings) - errors, "Hinweis", "Hinweise")}.</p>
<h2>Nach Regel</h2>
<table><thead><tr><th scope="col">Regel</th><th scope="col">WCAG</th><th scope="col">Anzahl</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Alle Funde</h2>
<ul>{items}</ul>
</main>
</body>
</html>
""",
        encoding="utf-8",
    )
