"""Deploy over SFTP with paramiko, for hosts without rsync.

The remote state is the listing of the web root (recursively) plus the remote copy
of `.build-manifest.json`, which the last deploy uploaded: a file counts as up to date
when that manifest has the local SHA-256 and the remote size matches.

Order of work, and what a visitor sees if the deploy is killed in each phase:
1. Leftover `*.~deploy~` files of an interrupted run are removed; needed folders are
   created (mode 755); new and changed files are uploaded under temporary names in
   their final folder (`index.html.~deploy~`, mode 644). Killed here: the old site is
   complete, plus hidden temporary files (Apache answers 404 for them) and perhaps
   new, still empty folders.
2. The remote manifest is replaced by one that lists only the files this run does not
   touch, so that an interrupted run never leaves a manifest that vouches for a file
   in an unknown state (the next run re-uploads those files).
3. Rename pass with posix-rename (an atomic replace): assets first, then HTML pages
   (deepest first, the home page last), then files that point at pages (.htaccess,
   feeds, sitemaps). Killed here: every visible file is its old or its new version,
   every old file still exists, and every page, old or new, finds its assets.
4. The new manifest, uploaded under a temporary name and renamed. It lists only
   files of the new build, and all of them are in place now.
5. Deletions: pages first, then assets, then emptied folders. Killed here: the new
   site is complete; some old files remain (old pages still find their assets) until
   the next run deletes them without uploading anything again.
A file that is not in the remote manifest, or whose size differs, is uploaded again;
so after a run killed in step 2 or 3 the next run uploads the touched files once more.
Dot paths are never deleted and not even looked into, unless the site has files there
(plan.py); leftovers of an interrupted rsync deploy (.~tmp~ folders, ".name.XXXXXX")
are removed like the SFTP ones.
Rare exception: a path that changes between file and folder is removed right before
its replacement goes in (not atomic). A server without the posix-rename extension
gets remove-then-rename (a page is missing for a moment).
"""

import contextlib
import io
import json
import posixpath
import stat

import paramiko

from sitekit.german import ERROR, report
from sitetools.manifest import MANIFEST_NAME, VERSION, FileEntry, file_entry

from .errors import NOTHING, DeployError, failure
from .plan import TEMP_DIR, TEMP_SUFFIX, Plan, is_dot_path, is_leftover
from .ssh import IO_TIMEOUT, connect_paramiko, missing_path, not_a_folder

PAGE_SUFFIXES = (".html", ".htm")
# Files that point at pages: renamed after the pages, deleted with them.
POINTER_SUFFIXES = (".xml", ".atom", ".rss", ".txt", ".webmanifest")


def rename_order(relpath):
    """Sort key of the rename pass: assets, then pages (deepest first), then pointers."""
    name = posixpath.basename(relpath)
    if name.endswith(PAGE_SUFFIXES):
        rank = 1
    elif name == ".htaccess" or name.endswith(POINTER_SUFFIXES):
        rank = 2
    else:
        rank = 0
    return rank, -relpath.count("/"), relpath


def deletion_order(relpath):
    """Pages (and what points at them) go before the assets they use."""
    return rename_order(relpath)[0] == 0, relpath


def parents(relpath):
    """ "a/b/c.html" → ["a", "a/b"]."""
    parts = relpath.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


class SftpBackend:
    def __init__(self, config, creds, output_dir, manifest):
        self.config = config
        self.creds = creds
        self.output_dir = output_dir
        self.local = dict(manifest)
        self.local[MANIFEST_NAME] = file_entry(output_dir / MANIFEST_NAME)
        self.manifest_bytes = (output_dir / MANIFEST_NAME).read_bytes()
        self.say = print
        self.client = self.sftp = None
        self.state = NOTHING
        self.replaced = set()  # remote paths this run replaced by one of the other type

    # --- connection -------------------------------------------------------------------

    def __enter__(self):
        self.client = connect_paramiko(self.config, self.creds)
        try:
            with self._errors():
                try:
                    self.sftp = self.client.open_sftp()
                except paramiko.SSHException:
                    raise DeployError(
                        failure(
                            f"Der Server {self.config.host} bietet kein SFTP an.",
                            "Im Kundenbereich des Hosters SFTP/SSH einschalten "
                            "oder DEPLOY_METHOD=rsync versuchen.",
                        )
                    ) from None
                self.sftp.get_channel().settimeout(IO_TIMEOUT)
                try:
                    self.root = self.sftp.normalize(self.config.path)
                    is_dir = stat.S_ISDIR(self.sftp.stat(self.root).st_mode)
                except FileNotFoundError:
                    raise DeployError(missing_path(self.config)) from None
                if not is_dir:
                    raise DeployError(not_a_folder(self.config))
        except BaseException:
            self.client.close()
            raise
        return self

    def __exit__(self, *exc):
        self.client.close()
        return False

    def _abs(self, relpath):
        return posixpath.join(self.root, relpath) if relpath else self.root

    @contextlib.contextmanager
    def _errors(self):
        """Turn what the server or the connection reports into a German DeployError."""
        try:
            yield
        except DeployError:
            raise
        except PermissionError as error:
            raise DeployError(
                failure(
                    f"Der Server {self.config.host} verweigert den Zugriff{_on(error)}.",
                    "DEPLOY_PATH und DEPLOY_USER prüfen; in diesen Ordner muss der Benutzer "
                    "schreiben dürfen.",
                    self.state,
                )
            ) from None
        except (TimeoutError, EOFError, paramiko.SSHException, ConnectionError) as error:
            reason = str(error) or "Zeitüberschreitung"
            raise DeployError(
                failure(
                    f"Die Verbindung zu {self.config.host} ist abgebrochen ({reason}).",
                    "Erneut veröffentlichen.",
                    self.state,
                )
            ) from None
        except OSError as error:
            raise DeployError(
                failure(
                    f"Der Server {self.config.host} hat einen Schritt abgelehnt{_on(error)} "
                    f"({error.strerror or error}).",
                    "Erneut versuchen; bleibt es dabei, beim Hoster nachsehen, ob der "
                    "Speicherplatz voll ist.",
                    self.state,
                )
            ) from None

    # --- plan ---------------------------------------------------------------------------

    def plan(self):
        with self._errors():
            self.remote_files, self.remote_dirs = self._scan()
            remote_manifest, remote_manifest_bytes = self._remote_manifest()
        leftovers = {rel for rel in self.remote_files if is_leftover(rel, self.local)}
        uploads = []
        for rel, entry in self.local.items():
            attrs = self.remote_files.get(rel)
            if rel == MANIFEST_NAME or (
                attrs is not None
                and stat.S_ISREG(attrs.st_mode)
                and attrs.st_size == entry.size
                and remote_manifest.get(rel) == entry
            ):
                continue
            uploads.append(rel)
        if uploads or remote_manifest_bytes != self.manifest_bytes:
            uploads.append(MANIFEST_NAME)
        counted = [
            rel
            for rel in self.remote_files
            if rel not in leftovers and not is_dot_path(rel) and not self.config.is_kept(rel)
        ]
        return Plan(
            uploads=sorted(uploads),
            deletions=sorted(rel for rel in counted if rel not in self.local),
            remote_files=sorted(counted),
            leftovers=sorted(leftovers),
            listed=set(remote_manifest),
        )

    def _scan(self):
        """({relpath: SFTPAttributes} of files and links, {relpath} of folders).

        Dot folders are skipped (never deleted; a home folder's .cache may be huge),
        unless the site has files in them or they are rsync's leftover .~tmp~.
        """
        wanted = {folder for rel in self.local for folder in parents(rel)}
        files, dirs = {}, set()
        pending = [""]
        while pending:
            folder = pending.pop()
            for attrs in self._list(folder):
                relpath = f"{folder}/{attrs.filename}" if folder else attrs.filename
                if stat.S_ISDIR(attrs.st_mode):  # a link to a folder is a file here
                    if (
                        is_dot_path(relpath)
                        and relpath not in wanted
                        and attrs.filename != TEMP_DIR
                    ):
                        continue
                    dirs.add(relpath)
                    pending.append(relpath)
                else:
                    files[relpath] = attrs
        return files, dirs

    def _list(self, folder):
        """paramiko decodes names strictly as UTF-8; an old FTP upload may have Latin-1 ones."""
        try:
            return self.sftp.listdir_attr(self._abs(folder))
        except UnicodeDecodeError:
            shown = f"„{folder}/“" if folder else "dem Web-Verzeichnis"
            raise DeployError(
                report(
                    ERROR,
                    f"In {shown} auf dem Server liegt eine Datei, deren Name nicht als "
                    "UTF-8 gespeichert ist (z. B. „Grüße.html“ aus einem alten FTP-Upload unter "
                    "Windows). Mit SFTP lässt sich dieser Ordner so nicht lesen; es wurde nichts "
                    "geändert.",
                    "Die Datei im Kundenbereich des Hosters umbenennen oder löschen, "
                    "oder mit DEPLOY_METHOD=rsync veröffentlichen (rsync räumt solche Dateien "
                    "auf).",
                )
            ) from None

    def _remote_manifest(self):
        """({relpath: FileEntry}, raw bytes) of the server's manifest; ({}, None) if unusable."""
        if MANIFEST_NAME not in self.remote_files:
            return {}, None
        with self.sftp.open(self._abs(MANIFEST_NAME), "rb") as handle:
            raw = handle.read()
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("version") != VERSION:
                return {}, raw
            return {
                name: FileEntry(int(e["size"]), str(e["sha256"]))
                for name, e in data["files"].items()
            }, raw
        except (ValueError, KeyError, TypeError, AttributeError):
            return {}, raw  # a damaged manifest only means: upload everything once more

    # --- probe (probe.py) -----------------------------------------------------------------

    def put_probe(self, name, files):
        """Upload a probe folder name/ with files {relpath: bytes} at the web root."""
        with self._errors():
            self.sftp.mkdir(self._abs(name), 0o755)
            self.sftp.chmod(self._abs(name), 0o755)
            for rel, data in files.items():
                self.sftp.putfo(
                    io.BytesIO(data), self._abs(f"{name}/{rel}"), file_size=len(data), confirm=True
                )
                self.sftp.chmod(self._abs(f"{name}/{rel}"), 0o644)

    def remove_probe(self, name):
        with self._errors():
            with contextlib.suppress(FileNotFoundError):
                self._remove_tree(name)
        self.replaced.discard(name)

    # --- apply ----------------------------------------------------------------------------

    def apply(self, plan):
        """Upload, rename, delete, manifest; returns (files, bytes, deleted)."""
        content = sorted((rel for rel in plan.uploads if rel != MANIFEST_NAME), key=rename_order)
        sent = 0
        self.state = (
            "Besucher sehen weiter die bisherige Fassung der Website; ein neuer Lauf "
            "räumt die halb hochgeladenen Dateien auf."
        )
        with self._errors():
            reused = {rel + TEMP_SUFFIX for rel in plan.uploads}
            for rel in plan.leftovers:
                if rel not in reused:
                    self.sftp.remove(self._abs(rel))
            self._make_folders(content)
            for rel in content:
                sent += self._upload(rel, self.output_dir / rel)
                self.step("uploaded", rel)

            self.state = (
                "Abbruch mitten im Austausch: Ein Teil der Dateien ist schon neu, "
                "alle Seiten finden ihre Bilder und Stylesheets. Erneut "
                "veröffentlichen, dann ist alles neu."
            )
            if content:
                self._put_bytes(MANIFEST_NAME, self._interim_manifest(content))
            for rel in content:
                if rel in self.remote_dirs:  # a folder became a file: rare, not atomic
                    self._remove_tree(rel)
                self._replace(rel + TEMP_SUFFIX, rel)
                self.step("renamed", rel)

            if MANIFEST_NAME in plan.uploads:  # every file it lists is in place now
                sent += self._put_bytes(MANIFEST_NAME, self.manifest_bytes)

            self.state = (
                "Die neue Fassung ist online; einige alte Dateien sind noch da. "
                "Erneut veröffentlichen, dann werden sie gelöscht."
            )
            for rel in sorted(plan.deletions, key=deletion_order):
                if rel not in self.replaced and not set(parents(rel)) & self.replaced:
                    self.sftp.remove(self._abs(rel))
                    self.step("deleted", rel)
            self._remove_empty_folders()
        return len(plan.uploads), sent, len(plan.deletions)

    def _make_folders(self, content):
        needed = sorted(
            {p for rel in content for p in parents(rel)} - self.remote_dirs,
            key=lambda p: p.count("/"),
        )
        for folder in needed:
            if folder in self.remote_files:  # a file became a folder: rare, not atomic
                self.sftp.remove(self._abs(folder))
                self.replaced.add(folder)
            self.sftp.mkdir(self._abs(folder), 0o755)
            self.sftp.chmod(self._abs(folder), 0o755)  # mkdir's mode is reduced by the umask
            self.remote_dirs.add(folder)

    def _upload(self, rel, local_path):
        try:  # read here, so that a local error is not taken for the server's
            data = local_path.read_bytes()
        except OSError as error:
            raise DeployError(
                failure(
                    f"Die Datei output/{rel} konnte hier auf dem Rechner nicht gelesen "
                    f"werden ({error.strerror or error}).",
                    "„make publish-build“ erneut ausführen, währenddessen nichts in output/ "
                    "ändern, und dann erneut veröffentlichen.",
                    self.state,
                )
            ) from None
        temp = self._abs(rel + TEMP_SUFFIX)
        self.sftp.putfo(io.BytesIO(data), temp, file_size=len(data), confirm=True)
        self.sftp.chmod(temp, 0o644)
        return len(data)

    def _put_bytes(self, rel, data):
        """Replace one file with data: temporary name, then an atomic rename."""
        temp = self._abs(rel + TEMP_SUFFIX)
        with self.sftp.open(temp, "wb") as handle:
            handle.write(data)
        self.sftp.chmod(temp, 0o644)
        self._replace(rel + TEMP_SUFFIX, rel)
        return len(data)

    def _interim_manifest(self, content):
        """The new manifest without the files this run is about to replace."""
        data = json.loads(self.manifest_bytes.decode("utf-8"))
        touched = set(content)
        data["files"] = {
            name: entry for name, entry in data["files"].items() if name not in touched
        }
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()

    def _replace(self, temp_rel, rel):
        try:
            self.sftp.posix_rename(self._abs(temp_rel), self._abs(rel))
        except OSError as error:
            if "unsupported" not in str(error).lower():
                raise
            # A server without the posix-rename extension: remove, then rename (not atomic:
            # for a moment the file is missing).
            with contextlib.suppress(FileNotFoundError):
                self.sftp.remove(self._abs(rel))
            self.sftp.rename(self._abs(temp_rel), self._abs(rel))

    def _remove_tree(self, rel):
        for attrs in self.sftp.listdir_attr(self._abs(rel)):
            child = f"{rel}/{attrs.filename}"
            if stat.S_ISDIR(attrs.st_mode):
                self._remove_tree(child)
            else:
                self.sftp.remove(self._abs(child))
        self.sftp.rmdir(self._abs(rel))
        self.remote_dirs.discard(rel)
        self.replaced.add(rel)

    def _remove_empty_folders(self):
        needed = {p for rel in self.local for p in parents(rel)}
        for folder in sorted(self.remote_dirs - needed, key=lambda p: -p.count("/")):
            if not self.config.is_kept(folder):
                with contextlib.suppress(OSError):  # not empty: holds a DEPLOY_KEEP path
                    self.sftp.rmdir(self._abs(folder))


def _on(error):
    return f" bei „{error.filename}“" if getattr(error, "filename", None) else ""
