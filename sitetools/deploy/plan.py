"""What a deploy changes on the server, what it never touches, the deletion guard, and
the German report lines.

Never deleted and never counted: DEPLOY_KEEP paths and every name that starts with a
dot, at any depth (.ssh/, .bash_history, .well-known/ …: on many hosts the login
folder is the web folder). Exceptions: the site's own .htaccess and manifest, and the
temporary names of an interrupted deploy (both backends), which are cleaned up.
rsync.py expresses the same rule as filter rules.

The deletion guard stops a deploy before it changes anything if it would delete
(a) more than DEPLOY_MAX_DELETE of the HTML pages on the server, or
(b) files that no earlier deploy put there (not listed in the server's manifest), and
    those are more than DEPLOY_MAX_DELETE of the files on the server.
Normal edits (new photos: many image variants; a page or two) pass; a wrong
DEPLOY_PATH (another website, a home folder) trips, and so does, once, the first
deploy into a folder that still holds an old website. A deploy killed after it
replaced the manifest leaves its remaining deletions unlisted; the rerun trips only if
they outnumber the new site's files.
"""

import re
from dataclasses import dataclass, field

from sitekit.german import ERROR, count, label, number, seconds
from sitetools.manifest import MANIFEST_NAME

from .errors import DeployError, failure
from .probe import is_probe_path

LIST_LIMIT = 200  # entries shown per list in a dry run
EXAMPLES = 3  # example paths in the guard's message
MANAGED_DOT_FILES = (".htaccess",)  # dot files of the site itself (at any depth)
TEMP_DIR = ".~tmp~"  # rsync --delay-updates: finished files wait here for the rename
TEMP_SUFFIX = ".~deploy~"  # SFTP: a file is uploaded as name.~deploy~, then renamed
# rsync receives a file as ".name.XXXXXX" beside its final place.
IN_TRANSFER = re.compile(r"^(.*/)?\.([^/]+)\.[A-Za-z0-9]{6}$")
PAGE_SUFFIX = ".html"


def is_leftover(relpath, local):
    """A temporary file an interrupted deploy (rsync or SFTP) left; local: the site's files.

    Probe folders (probe.py) count too: a deploy killed while probing leaves one.
    """
    if (
        TEMP_DIR in relpath.split("/")[:-1]
        or relpath.endswith(TEMP_SUFFIX)
        or is_probe_path(relpath)
    ):
        return True
    match = IN_TRANSFER.match(relpath)
    return bool(match and (match.group(1) or "") + match.group(2) in local)


def is_dot_path(relpath):
    """True for a dot name at any depth (never deleted), except the site's own dot files."""
    *folders, name = relpath.split("/")
    if any(folder.startswith(".") for folder in folders):
        return True
    return name.startswith(".") and name not in MANAGED_DOT_FILES and relpath != MANIFEST_NAME


@dataclass
class Plan:
    """Paths relative to the web root. Temporary leftovers are neither uploads nor deletions;
    dot paths and DEPLOY_KEEP paths appear nowhere."""

    uploads: list = field(default_factory=list)  # new or changed files
    deletions: list = field(default_factory=list)  # files on the server that are not in output
    remote_files: list = field(default_factory=list)  # files on the server that count
    leftovers: list = field(default_factory=list)  # temporary files of an interrupted deploy
    listed: set = field(default_factory=set)  # files the server's manifest lists


@dataclass
class Report:
    """What a deploy did (or, in a dry run, would do)."""

    files: int  # files uploaded
    bytes: int  # bytes sent (rsync: "Total bytes sent"; SFTP: sizes of the files)
    deleted: int  # files deleted
    seconds: float
    dry_run: bool = False
    plan: Plan = None

    def summary(self):
        if self.dry_run:
            return (
                f"Probelauf beendet ({seconds(self.seconds)}): Auf dem Server "
                "wurde nichts geändert."
            )
        return (
            f"Fertig: {files(self.files)} hochgeladen ({number(self.bytes)} Bytes "
            f"übertragen), {files(self.deleted)} gelöscht, {seconds(self.seconds)}."
        )


def files(value):
    """ "1 Datei", "1.234 Dateien"."""
    return count(value, "Datei", "Dateien")


def listing(title, paths):
    """Lines of a dry-run list: "Würde hochladen (3):" and the paths, capped."""
    lines = [f"{title} ({number(len(paths))}):" + ("" if paths else " nichts")]
    lines += [f"    {path}" for path in paths[:LIST_LIMIT]]
    if len(paths) > LIST_LIMIT:
        lines.append(f"    … und {number(len(paths) - LIST_LIMIT)} weitere")
    return lines


def dry_run_lines(plan, config, force):
    lines = listing("Würde hochladen", plan.uploads) + listing("Würde löschen", plan.deletions)
    if plan.leftovers:
        lines.append(
            f"Würde {files(len(plan.leftovers))} aufräumen, die ein abgebrochener "
            "Lauf hinterlassen hat (für Besucher unsichtbar)."
        )
    problem = deletion_problem(plan, config, force)
    if problem:
        lines.append("Achtung: " + problem.removeprefix(f"{label(ERROR)}: "))
    return lines


def deletion_problem(plan, config, force):
    """The guard's German message if the plan deletes too much (see the module doc), else None."""
    if force or not plan.deletions:
        return None
    limit = f"mehr als {number(config.max_delete * 100)} %, DEPLOY_MAX_DELETE"
    where = f"in „{config.path}“ auf {config.host}"
    foreign = [rel for rel in plan.deletions if rel not in plan.listed]
    if len(foreign) > config.max_delete * len(plan.remote_files):
        what = (
            f"Dieser Lauf würde {where} {files(len(plan.deletions))} löschen, "
            f"z. B. {examples(foreign)}. {number(len(foreign))} von "
            f"{number(len(plan.remote_files))} Dateien stammen nicht von einer früheren "
            f"Veröffentlichung ({limit})."
        )
        cause = (
            "DEPLOY_PATH zeigt auf den falschen Ordner, etwa auf eine andere Website "
            "oder den Heimatordner mit eigenen Dateien."
        )
        check = "DEPLOY_PATH mit den Zugangsdaten des Hosters vergleichen."
        first = [
            "Liegt dort noch eine alte Website, die durch diese ersetzt werden soll, "
            "ist das beim ersten Veröffentlichen einmal so."
        ]
    else:
        pages = [rel for rel in plan.remote_files if rel.endswith(PAGE_SUFFIX)]
        deleted = [rel for rel in plan.deletions if rel.endswith(PAGE_SUFFIX)]
        if len(deleted) <= config.max_delete * len(pages):
            return None
        what = (
            f"Dieser Lauf würde {where} {number(len(deleted))} von {number(len(pages))} "
            f"Seiten (.html) löschen ({limit}), z. B. {examples(deleted)}; insgesamt "
            f"{files(len(plan.deletions))}."
        )
        cause = (
            "DEPLOY_PATH zeigt auf den falschen Ordner (eine andere Website), oder "
            "output/ enthält nicht die ganze Website."
        )
        check = (
            "DEPLOY_PATH mit den Zugangsdaten des Hosters vergleichen und "
            "„make publish-build“ erneut ausführen."
        )
        first = []
    return failure(
        what,
        f"{check} Die ganze Liste zeigt: make deploy DRY_RUN=1",
        "Auf dem Server wurde nichts geändert.",
        cause=cause,
        notes=[
            *first,
            "Nur wenn das Löschen wirklich gewollt ist: einmal make deploy FORCE=1; in der "
            "CI vorübergehend die Variable DEPLOY_MAX_DELETE=1 setzen und danach wieder "
            "entfernen.",
        ],
    )


def examples(paths):
    """Up to three paths, then the rest as a count: "a, b, c und 4 weitere"."""
    more = f" und {number(len(paths) - EXAMPLES)} weitere" if len(paths) > EXAMPLES else ""
    return ", ".join(paths[:EXAMPLES]) + more


def check_deletions(plan, config, force):
    """The deletion guard: DeployError before anything changes if too much would go."""
    problem = deletion_problem(plan, config, force)
    if problem:
        raise DeployError(problem)
