"""Deploy with rsync over OpenSSH (the default; needs rsync on the server, and rsync 3.1 or
newer on this computer, checked before any contact).

First an itemized dry run with the options of the real transfer: it gives the plan
(uploads, deletions, the number of files on the server) for the dry-run listing and
the deletion guard, and detects a missing DEPLOY_PATH. Then two transfers, both with
--delay-updates: pass 1 sends the assets (everything but pages and the files that
point at pages: .htaccess, feeds, sitemaps, the manifest) and deletes nothing;
pass 2 sends the rest and deletes, with --max-delete set to what the plan deletes,
so a server that changed in between cannot lose more.

Dot paths are never deleted (plan.py): filter rules protect them, with exceptions for
the site's own .htaccess and manifest and for temporary names of an interrupted deploy.
The guard needs the server's manifest; when the plan deletes anything, it is fetched
with a third, tiny rsync (a missing one is fine: then nothing counts as published).

With --delay-updates, changed files are first written into hidden `.~tmp~` folders
next to their final place (the file in transfer is a hidden `.name.XXXXXX`); at the
end of a pass all of them are renamed into place in one quick pass (milliseconds for
a few hundred files); deletions (--delete-delay) come after pass 2's renames.

What a visitor sees, and what a deploy killed at that point leaves:
- Pass 1 transfer: only the old site. Killed: the old site is complete, plus
  `.~tmp~` leftovers that Apache hides (.htaccess answers 404 for dot-folders); the
  next run reuses and removes them (the "R .~tmp~/" filter the rsync manual advises).
- After pass 1's rename: the old pages, with the new assets already beside the old
  ones (a new name for new content, as the build fingerprints stylesheets and image
  variants; an asset that kept its name shows its new content).
- Pass 2 transfer: the same. Pass 2 rename: each page is its old or its new version,
  never a mixture within a file; every page, old or new, finds its assets.
- Deletions: the new site is complete; old files not yet deleted stay reachable.
  rsync deletes in folder order, so an old page that no new page links to any more
  may lose an image before it goes itself.
A local kill does not stop the server side at once: the remote rsync finishes what
has already arrived, e.g. a rename pass that has begun. A rerun completes everything.
Rare exception: a path that changes between file and folder is replaced in place
(a folder that becomes a file only in pass 2, together with its pages).
"""

import re
import subprocess
import tempfile
from pathlib import Path

from sitetools.manifest import MANIFEST_NAME, ManifestError, read_manifest

from .errors import NOTHING, DeployError, failure
from .plan import (
    MANAGED_DOT_FILES,
    TEMP_DIR,
    TEMP_SUFFIX,
    Plan,
    is_dot_path,
    is_leftover,
)
from .ssh import (
    IO_TIMEOUT,
    explain_openssh,
    missing_path,
    not_a_folder,
    openssh_command,
)

# Pass 1 leaves out pages and files that point at pages (the same split as sftp.py).
ASSETS_ONLY = [
    f"--filter=- {pattern}"
    for pattern in (
        "*.html",
        "*.htm",
        ".htaccess",
        "*.xml",
        "*.atom",
        "*.rss",
        "*.txt",
        "*.webmanifest",
        f"/{MANIFEST_NAME}",
    )
]
# --out-format lines of a transfer, told apart from --stats by a mark no stats line has
# (printable: rsync escapes control characters in its output).
STEP_MARK = "::step:: "
RSYNC_STEPS = {"send": "uploaded", "del.": "deleted"}
ITEM = re.compile(r"^([<>ch.][fdLDS].{9}|\*deleting  ) (.*)$")
# --delete-delay needs 3.0; before 3.1, --max-delete=0 could mean "no limit". macOS ships
# rsync 2.6.9 or openrsync, which know neither.
MIN_VERSION = (3, 1)


def rsync_options(config, local):
    """Options of both the dry run and the real run; local: the site's files."""
    options = [
        "--recursive",
        "--links",
        "--times",
        "--perms",
        "--checksum",
        "--chmod=D755,F644",  # world-readable for Apache, whatever the local umask
        "--omit-dir-times",  # folder times are useless to a website
        "--delay-updates",
        f"--timeout={IO_TIMEOUT}",
        "--8-bit-output",  # umlauts in names stay readable in the itemized list
    ]
    for keep in config.keep:  # DEPLOY_KEEP: never deleted ("P" = protect)
        options += [f"--filter=P /{keep}", f"--filter=P /{keep}/***"]
    # Dot paths are never deleted (plan.is_dot_path); the first matching rule wins.
    # "R" (risk) lets rsync delete what a later "P" would protect. Leftover .~tmp~ folders
    # of an interrupted run may go (the remote side deletes only after the rename pass,
    # so this run's own .~tmp~ are gone by then).
    options += [
        f"--filter=R {TEMP_DIR}/***",
        "--filter=P .*/***",  # dot folders and everything in them
        *(f"--filter=R {escape_pattern(name)}" for name in MANAGED_DOT_FILES),
        f"--filter=R /{MANIFEST_NAME}",
        f"--filter=R *{TEMP_SUFFIX}",  # SFTP's temporary names
        *(f"--filter=R {pattern}" for pattern in in_transfer_patterns(local)),
        "--filter=P .*",
    ]
    return options


def in_transfer_patterns(local):
    """Patterns for rsync's name of a file in transfer, ".name.XXXXXX", one per file type.

    "index.html" gives ".*.html.??????"; a name without a type gives the name itself.
    """
    patterns = set()
    for rel in local:
        name = rel.rsplit("/", 1)[-1]
        stem, _, suffix = name.rpartition(".")
        patterns.add(
            f".*.{escape_pattern(suffix)}.??????" if stem else f".{escape_pattern(name)}.??????"
        )
    return sorted(patterns)


def quote_for_rsync(argument):
    """One argument of rsync's -e command: rsync splits at spaces and honours quotes."""
    if argument and re.fullmatch(r"[\w@%+=:,./~-]+", argument):
        return argument
    return "'" + argument.replace("'", "''") + "'"


class RsyncBackend:
    def __init__(self, config, creds, output_dir, manifest):
        self.config = config
        self.output_dir = output_dir
        self.local = set(manifest) | {MANIFEST_NAME}
        self.ssh = " ".join(quote_for_rsync(arg) for arg in openssh_command(config, creds))
        host = config.host if ":" not in config.host.strip("[]") else f"[{config.host.strip('[]')}]"
        self.destination = f"{host}:{config.path}/"
        self.all_deletions = 0
        self.to_files = set()  # remote folders that become files: done in pass 2

    def __enter__(self):
        check_local_rsync()
        return self

    def __exit__(self, *exc):
        return False

    def _run(self, extra):
        return self._rsync(self._arguments(extra))

    def _arguments(self, extra):
        """rsync's arguments for output/ to the server, with extra options."""
        return [
            *rsync_options(self.config, self.local),
            *extra,
            f"{self.output_dir}/",
            self.destination,
        ]

    def _rsync(self, arguments):
        return subprocess.run(
            ["rsync", "-e", self.ssh, *arguments],
            capture_output=True,
            text=True,
            errors="surrogateescape",
            check=False,
        )

    def plan(self):
        result = self._run(
            [
                "--dry-run",
                "--delete-delay",
                "--itemize-changes",
                "--itemize-changes",
                "--out-format=%i %n",
            ]
        )
        if result.returncode != 0:
            raise DeployError(self._explain(result, changed=False))
        plan = Plan()
        for line in result.stdout.splitlines():
            match = ITEM.match(line)
            if not match:
                continue  # e.g. "created directory …", only seen when DEPLOY_PATH is missing
            flags, name = match.groups()
            if flags.startswith("*deleting"):
                self.all_deletions += 1
                parts = name.rstrip("/").split("/")
                for i in range(1, len(parts)):  # a folder that becomes a file
                    if "/".join(parts[:i]) in self.local:
                        self.to_files.add("/".join(parts[:i]))
                if name.endswith("/"):
                    continue
                if is_leftover(name, self.local):
                    plan.leftovers.append(name)
                elif not is_dot_path(name) and not self.config.is_kept(name):
                    plan.deletions.append(name)
                    plan.remote_files.append(name)
            elif name == "./" and "+" in flags:
                raise DeployError(missing_path(self.config))
            elif flags[1] in "fL":
                if not flags[2:].startswith("+++") and not self.config.is_kept(name):
                    plan.remote_files.append(name)
                if flags[0] == "<" or (flags[1] == "L" and flags[0] == "c"):
                    plan.uploads.append(name)
        plan.uploads.sort()
        plan.deletions.sort()
        if plan.deletions:
            plan.listed = self._remote_manifest()
        return plan

    def put_probe(self, name, files):
        """Upload a probe folder name/ with files {relpath: bytes} at the web root.

        The source is the folder itself (no trailing slash), so the web root keeps its
        permissions and times.
        """
        with tempfile.TemporaryDirectory(prefix="sitetools-probe-") as folder:
            for rel, data in files.items():
                path = Path(folder, name, rel)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            self._probe_rsync(["--perms", "--chmod=D755,F644", f"{folder}/{name}"])

    def remove_probe(self, name):
        """Delete the probe folder name/: an empty source, --delete, only name/ included;
        no attribute of the web root itself is sent (--no-perms, --omit-dir-times)."""
        with tempfile.TemporaryDirectory(prefix="sitetools-probe-") as folder:
            self._probe_rsync(
                [
                    "--delete",
                    "--no-perms",
                    "--omit-dir-times",
                    f"--filter=+ /{escape_pattern(name)}/***",
                    "--filter=- *",
                    f"{folder}/",
                ]
            )

    def _probe_rsync(self, arguments):
        result = self._rsync(
            ["--recursive", f"--timeout={IO_TIMEOUT}", *arguments, self.destination]
        )
        if result.returncode != 0:
            raise DeployError(self._explain(result, changed=False))

    def _remote_manifest(self):
        """The files the server's manifest lists; empty if it has none (or a damaged one)."""
        with tempfile.TemporaryDirectory(prefix="sitetools-deploy-") as folder:
            result = self._rsync(
                [f"--timeout={IO_TIMEOUT}", self.destination + MANIFEST_NAME, f"{folder}/"]
            )
            if result.returncode != 0:
                if re.search(r"link_stat .* failed: No such file or directory", result.stderr):
                    return set()
                raise DeployError(self._explain(result, changed=False))
            try:
                return set(read_manifest(Path(folder) / MANIFEST_NAME))
            except ManifestError:
                return set()

    def apply(self, plan):
        """Two transfers, assets first; returns (files, bytes, deleted) from rsync's --stats.

        Pass 1 sends everything but pages and what points at them, without deleting; pass
        2 sends the rest and deletes. Each pass renames its files into place at its end,
        so a new page never appears before the stylesheet and images it uses.
        """
        files = sent = 0
        # A folder that becomes a file can only go once its pages may go too.
        later = [f"--filter=- /{escape_pattern(name)}" for name in sorted(self.to_files)]
        assets = ["--prune-empty-dirs", *ASSETS_ONLY, *later]
        rest = ["--delete-delay", f"--max-delete={self.all_deletions}"]
        for extra in (assets, rest):
            result = self._transfer(extra)
            if result.returncode != 0:
                raise DeployError(self._explain(result, changed=True))
            stats = parse_stats(result.stdout)
            files += stats.get("Number of regular files transferred", 0)
            sent += stats.get("Total bytes sent", 0)
            if extra is assets:
                self.step("assets in place", None)
        return files, sent, len(plan.deletions)

    def _transfer(self, extra):
        """One pass, telling self.step of each file sent and deleted as rsync reports it."""
        extra = [f"--out-format={STEP_MARK}%o %n", "--stats", *extra]
        command = ["rsync", "-e", self.ssh, *self._arguments(extra)]
        with tempfile.TemporaryFile("w+", errors="surrogateescape") as stderr:
            with subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=stderr, text=True, errors="surrogateescape"
            ) as process:
                stats = []
                for line in process.stdout:
                    if not line.startswith(STEP_MARK):
                        stats.append(line)
                        continue
                    operation, _, name = line[len(STEP_MARK) :].rstrip("\n").partition(" ")
                    if operation in RSYNC_STEPS and not name.endswith("/"):  # not folders
                        self.step(RSYNC_STEPS[operation], name)
            stderr.seek(0)
            return subprocess.CompletedProcess(
                command, process.returncode, "".join(stats), stderr.read()
            )

    def _explain(self, result, changed):
        stderr = result.stderr
        state = (
            NOTHING
            if not changed
            else (
                "Die Übertragung ist abgebrochen. Besucher sehen die bisherige Fassung der Website, "
                "falls rsync noch nicht fertig war, sonst schon die neue; ein neuer Lauf bringt "
                "alles in Ordnung."
            )
        )
        ssh_problem = explain_openssh(stderr, self.config)
        if ssh_problem:  # e.g. the connection of pass 2 failed after pass 1 went through
            return ssh_problem.replace(NOTHING, state)
        if result.returncode == 127 or re.search(
            r"rsync: (command )?not found|"
            r"rsync: No such file or directory",
            stderr,
        ):
            return rsync_missing(self.config)
        if "cannot stat destination" in stderr and "Not a directory" in stderr:
            return not_a_folder(self.config)
        if re.search(
            r"change_dir.*failed: No such file or directory|"
            r"mkdir .* failed: No such file or directory",
            stderr,
        ):
            return missing_path(self.config)
        if result.returncode == 25:
            return failure(
                f"Auf dem Server {self.config.host} lagen beim Hochladen mehr "
                "überzählige Dateien als kurz zuvor geplant; die zusätzlichen wurden "
                "nicht gelöscht.",
                "Läuft gerade ein zweites Veröffentlichen (CI oder jemand anderes)? Danach "
                "„make deploy DRY_RUN=1“ ansehen und erneut veröffentlichen.",
                state,
            )
        if LOCAL_READ_ERROR.search(stderr):  # [sender] is this computer
            return failure(
                "Eine Datei des Baus konnte hier auf dem Rechner nicht gelesen werden.",
                "„make publish-build“ erneut ausführen, dann erneut veröffentlichen.",
                state,
                notes=details(stderr),
            )
        if "Permission denied (13)" in stderr:
            return failure(
                f"In „{self.config.path}“ auf {self.config.host} darf "
                f"„{self.config.user}“ nicht schreiben.",
                "DEPLOY_PATH und DEPLOY_USER prüfen; die Rechte legt der Hoster fest.",
                state,
                notes=details(stderr),
            )
        if "No space left on device" in stderr or "Disk quota exceeded" in stderr:
            return failure(
                f"Der Speicherplatz auf {self.config.host} ist voll.",
                "Beim Hoster Platz schaffen oder den Tarif erweitern, dann erneut veröffentlichen.",
                state,
            )
        if result.returncode == 12 and "0 bytes received so far" in stderr:
            return rsync_missing(self.config, notes=details(stderr))
        if result.returncode in (30, 35) or "timeout" in stderr:
            return failure(
                f"Die Verbindung zu {self.config.host} ist hängen geblieben.",
                "Später erneut versuchen.",
                state,
            )
        return failure(
            f"rsync ist mit Code {result.returncode} abgebrochen.",
            "Die Meldung unten prüfen und erneut versuchen; bleibt es "
            "dabei, sie an die IT-Gruppe schicken.",
            state,
            notes=details(stderr),
        )


# rsync's sender (the local side) could not read a file of the build.
LOCAL_READ_ERROR = re.compile(
    r"rsync: \[sender\] .*(Permission denied|No such file)|"
    r"send_files failed to open|file has vanished"
)


def check_local_rsync():
    """DeployError before any contact if this computer's rsync is missing or too old."""
    try:
        text = subprocess.run(
            ["rsync", "--version"], capture_output=True, text=True, errors="replace", check=False
        ).stdout
    except FileNotFoundError:
        problem = "Das Programm rsync fehlt auf diesem Rechner"
    else:
        version = rsync_version(text)
        if version and version >= MIN_VERSION:
            return
        found = " ".join(text.split("\n", 1)[0].split()) or "keine Versionsangabe"
        problem = (
            f"Das rsync auf diesem Rechner ist zu alt („{found}“); nötig ist "
            f"Version {MIN_VERSION[0]}.{MIN_VERSION[1]} oder neuer"
        )
    raise DeployError(
        failure(
            f"{problem}.",
            "Ein aktuelles rsync installieren (macOS: brew install rsync, danach "
            "ein neues Terminal öffnen; Debian/Ubuntu: sudo apt-get install rsync "
            "openssh-client) oder DEPLOY_METHOD=sftp setzen.",
        )
    )


def rsync_version(text):
    """(3, 2) from the output of `rsync --version`; None for openrsync or unknown output."""
    match = re.search(r"^rsync\s+version\s+v?(\d+)\.(\d+)", text, re.MULTILINE)
    if "openrsync" in text or not match:
        return None
    return int(match[1]), int(match[2])


def escape_pattern(name):
    """A literal path in an rsync filter rule."""
    return re.sub(r"([*?\[\\])", r"\\\1", name)


def rsync_missing(config, notes=()):
    return failure(
        f"Auf dem Server {config.host} lässt sich rsync nicht starten (nicht "
        "installiert oder nicht erlaubt).",
        "DEPLOY_METHOD=sftp setzen (in .env oder als CI-Variable); das "
        "geht mit jedem Hoster, der SFTP anbietet.",
        notes=notes,
    )


def details(stderr):
    """The last three lines rsync wrote, as notes under a message."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()][-3:]
    return [f"Meldung: {line}" for line in lines]


def parse_stats(stdout):
    """{"Total bytes sent": 1234, …} from rsync --stats, whatever digit grouping it uses."""
    stats = {}
    for line in stdout.splitlines():
        name, sep, value = line.partition(":")
        match = re.match(r"\s*([\d.,']+)", value)
        if sep and match:
            digits = re.sub(r"\D", "", match.group(1))
            if digits:
                stats[name.strip()] = int(digits)
    return stats
