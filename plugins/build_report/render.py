"""The end-of-build report as text: plain functions on findings, tested without Pelican."""

from sitekit import german
from sitekit.constants import PREVIEW_ADDRESS, PREVIEW_OVERVIEW
from sitekit.findings import ERROR, HINT, sort_key
from sitekit.placeholders import RULE as PLACEHOLDER  # listed together, not one by one


def see_overview(address):
    """Where the preview server lists every open problem; address: its base, e.g.
    "http://127.0.0.1:8123/" (`make serve PORT=8123`)."""
    return f"Die Liste zeigt „make serve“ unter {address.rstrip('/')}{PREVIEW_OVERVIEW}"


# Rules two checks find at the same place for the same cause: a second main heading is
# seen by content_check in the Markdown and by a11y_check in the page.
SAME_CAUSE = {"heading-h1"}


def distinct(findings):
    """Each finding once: an exact repeat is dropped, and of two SAME_CAUSE findings at the
    same place the first stays (content_check's, which has the line to paste)."""
    seen, kept = set(), []
    for finding in findings:
        key = (finding.path, finding.line, finding.rule)
        if finding.rule not in SAME_CAUSE:
            key += (finding.message, finding.snippet)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def report_texts(findings, preview, address=PREVIEW_ADDRESS):
    """What to print, in order: each finding by file and line, then the open placeholders
    (while previewing one line about them, naming the preview server's address; for
    publishing the whole list)."""
    ordered = sorted(findings, key=sort_key)
    texts = [f.render(preview) for f in ordered if f.rule != PLACEHOLDER]
    placeholders = [f for f in ordered if f.rule == PLACEHOLDER]
    if placeholders:
        texts += (
            placeholder_summary(placeholders, address)
            if preview
            else placeholder_lists(placeholders)
        )
    return texts


def placeholder_lists(placeholders):
    """All open placeholders as lists to work through, not a wall of messages: one of those
    that stop publishing, one of those in drafts and hidden pages."""
    blocks = []
    for severity, reason in (
        (
            ERROR,
            "Vor der Veröffentlichung jeweils die echte Angabe an ihre Stelle schreiben "
            "(ohne die eckigen Klammern):",
        ),
        (
            HINT,
            "Sie stehen in Entwürfen oder verborgenen Seiten und halten die Veröffentlichung "
            "nicht auf; vor dem Veröffentlichen dieser Texte die echte Angabe an ihre Stelle "
            "schreiben:",
        ),
    ):
        group = [f for f in placeholders if f.severity == severity]
        if group:
            lines = [f"{german.label(severity)}: {_open(len(group))}. {reason}"]
            lines += [f"{german.INDENT}{german.place(f.path, f.line)}: {f.message}" for f in group]
            blocks.append("\n".join(lines))
    return blocks


def placeholder_summary(placeholders, address=PREVIEW_ADDRESS):
    """One line while previewing: how many, in which files, where the list is."""
    blocking = [f for f in placeholders if f.severity == ERROR]
    group = blocking or placeholders
    files = list(dict.fromkeys(f.path for f in group))
    shown = ", ".join(files[:3]) + (" …" if len(files) > 3 else "")
    if blocking:
        text = f"{_open(len(blocking))} ({shown}); vor der Veröffentlichung ausfüllen."
    else:
        text = f"{_open(len(group))} (nur in Entwürfen oder verborgenen Seiten: {shown})."
    return [f"{german.label(group[0].severity, preview=True)}: {text} {see_overview(address)}."]


def _open(number):
    verb = "ist" if number == 1 else "sind"
    return (
        f"{german.count(number, 'Platzhalter', 'Platzhalter')} [[…]] {verb} noch nicht ausgefüllt"
    )


def preview_summary(findings, address=PREVIEW_ADDRESS):
    """The last line while previewing, or None if nothing but placeholders was found
    (their own line says all about them)."""
    findings = [f for f in findings if f.rule != PLACEHOLDER]
    if not findings:
        return None
    errors = sum(f.severity == ERROR for f in findings)
    parts = []
    if errors:
        parts.append(
            f"{german.count(errors, 'Problem', 'Probleme')} würde{'' if errors == 1 else 'n'} "
            "„make publish-build“ stoppen (oben als WARNUNG)"
        )
    if len(findings) > errors:
        parts.append(german.count(len(findings) - errors, "Hinweis", "Hinweise"))
    return f"Zusammen: {', '.join(parts)}. {see_overview(address)}."


def stop_headline(findings):
    errors = sum(f.severity == ERROR for f in findings)
    return (
        f"Der Bau wurde abgebrochen: {german.count(errors, 'Fehler', 'Fehler')}. Es wurde "
        "nichts veröffentlicht und nichts nach output/ geschrieben."
    )
