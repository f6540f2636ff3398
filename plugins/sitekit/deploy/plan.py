"""What a deploy changes on the server, the deletion guard, and the German report lines."""

from dataclasses import dataclass, field

from .errors import DeployError

LIST_LIMIT = 30  # entries shown per list in a dry run


@dataclass
class Plan:
    """Paths relative to the web root. Temporary leftovers are neither uploads nor deletions."""

    uploads: list = field(default_factory=list)      # new or changed files
    deletions: list = field(default_factory=list)    # files on the server that are not in output
    remote_files: int = 0                            # files on the server outside DEPLOY_KEEP
    leftovers: list = field(default_factory=list)    # temporary files of an interrupted deploy


@dataclass
class Report:
    """What a deploy did (or, in a dry run, would do)."""

    files: int          # files uploaded
    bytes: int          # bytes sent (rsync: "Total bytes sent"; SFTP: sizes of the files)
    deleted: int        # files deleted
    seconds: float
    dry_run: bool = False
    plan: Plan = None

    def summary(self):
        if self.dry_run:
            return (f"Probelauf beendet ({german(self.seconds, 1)} Sekunden): Auf dem Server "
                    "wurde nichts geändert.")
        return (f"Fertig: {files(self.files)} hochgeladen ({german(self.bytes)} Bytes "
                f"übertragen), {files(self.deleted)} gelöscht, {german(self.seconds, 1)} "
                "Sekunden.")


def german(number, decimals=0):
    """1234567 → "1.234.567"; 2.25 with decimals=1 → "2,2"."""
    text = f"{number:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def files(count):
    return "1 Datei" if count == 1 else f"{german(count)} Dateien"


def listing(title, paths):
    """Lines of a dry-run list: "Würde hochladen (3):" and the paths, capped."""
    lines = [f"{title} ({german(len(paths))}):" + ("" if paths else " nichts")]
    lines += [f"    {path}" for path in paths[:LIST_LIMIT]]
    if len(paths) > LIST_LIMIT:
        lines.append(f"    … und {german(len(paths) - LIST_LIMIT)} weitere")
    return lines


def dry_run_lines(plan, config, force):
    lines = listing("Würde hochladen", plan.uploads) + listing("Würde löschen", plan.deletions)
    if plan.leftovers:
        lines.append(f"Würde {files(len(plan.leftovers))} aufräumen, die ein abgebrochener "
                     "Lauf hinterlassen hat (für Besucher unsichtbar).")
    problem = deletion_problem(plan, config, force)
    if problem:
        lines.append("Achtung: " + problem.removeprefix("Fehler: "))
    return lines


def deletion_problem(plan, config, force):
    """The guard's German message if the plan deletes too much, else None."""
    if force or not plan.deletions or plan.remote_files == 0:
        return None
    share = len(plan.deletions) / plan.remote_files
    if share <= config.max_delete:
        return None
    return (f"Fehler: Dieser Lauf würde {german(len(plan.deletions))} von "
            f"{files(plan.remote_files)} in „{config.path}“ auf {config.host} löschen "
            f"({german(share * 100)} %; ohne Rückfrage erlaubt sind "
            f"{german(config.max_delete * 100)} %, DEPLOY_MAX_DELETE). Auf dem Server wurde "
            "nichts geändert.\n"
            "    So beheben: Prüfen, ob DEPLOY_PATH der richtige Ordner ist und output/ die "
            "ganze Website enthält (make publish-build). Die Liste zeigt: make deploy DRY_RUN=1\n"
            "    Ist das Löschen so gewollt: make deploy FORCE=1")


def check_deletions(plan, config, force):
    """The deletion guard: DeployError before anything changes if too much would go."""
    problem = deletion_problem(plan, config, force)
    if problem:
        raise DeployError(problem)
