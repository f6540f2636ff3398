"""Deploy settings: DEPLOY_* variables from the environment and the project's `.env`.

`read_environment(env_file)` merges `.env` (python-dotenv, values taken literally)
with the real environment, which wins. An empty value counts as unset, so an
undefined CI secret (which CI expands to "") never hides a value from `.env`. It also
returns names that look like a misspelt setting (any case of DEPLOY…, or in `.env`
close to a real name), so that `load_config(values)` can name them: a silently ignored
DEPLOY_KEPP would delete what it should keep. `load_config` validates everything at
once and raises one DeployError (German) that lists every missing or bad variable.
"""

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values
from dotenv.parser import parse_stream

from sitekit.german import ERROR, report

from .errors import DeployError

METHODS = ("rsync", "sftp")
DEFAULT_PORT = 22
DEFAULT_MAX_DELETE = 0.5
DEFAULT_KEEP = ()  # dot paths such as .well-known/ are never deleted anyway (plan.py)
DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts"
VARIABLES = (
    "DEPLOY_METHOD",
    "DEPLOY_HOST",
    "DEPLOY_USER",
    "DEPLOY_PATH",
    "DEPLOY_PORT",
    "DEPLOY_SSH_KEY",
    "DEPLOY_SSH_KEY_FILE",
    "DEPLOY_KNOWN_HOSTS",
    "DEPLOY_KNOWN_HOSTS_FILE",
    "DEPLOY_MAX_DELETE",
    "DEPLOY_KEEP",
    "DEPLOY_CHECK_URL",
    "DEPLOY_ALLOW_UNREACHABLE",
)
CI_ONLY = ("DEPLOY_SSH_KEY_BASE64",)  # GitLab: decoded into DEPLOY_SSH_KEY by .gitlab-ci.yml
# A public key line: "ssh-ed25519 AAAA… comment".
PUBLIC_KEY_LINE = re.compile(
    r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+@openssh\.com)"
    r"\s+AAAA"
)
HOST_WITH_PORT = re.compile(r"([^:\[\]]+):(\d+)|\[(.+)\]:(\d+)")  # ssh.example.de:2222
# A host name, an IPv4 address or an IPv6 address; never an ssh option ("-oProxyCommand=…").
HOST = re.compile(r"^(?!-)[A-Za-z0-9._-]+$|^[0-9A-Fa-f:.]+$|^\[[0-9A-Fa-f:.]+\]$")
USER = re.compile(r"^(?!-)[^\s:/\\'\"`$;&|<>]+$")
# Remote paths are passed through rsync's remote shell: letters (also umlauts), digits
# and a few punctuation marks only, no spaces, quotes or shell syntax.
REMOTE_PATH = re.compile(r"^[\w.~/+@=,-]+$")
CHECK_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
KEEP_PATH = re.compile(r"^[\w.~/+@=,-]+$")
WHERE = (
    "Auf dem eigenen Rechner in der Datei .env im Projektordner eintragen "
    "(Vorlage: .env.example, Erklärung in der README); in CI als Secrets bzw. Variablen "
    "des Repositorys."
)


@dataclass(frozen=True)
class DeployConfig:
    """Validated settings. Paths in keep have no leading or trailing slash."""

    method: str
    host: str
    user: str
    path: str
    port: int = DEFAULT_PORT
    ssh_key: str | None = None  # private key text (DEPLOY_SSH_KEY)
    ssh_key_file: Path | None = None  # DEPLOY_SSH_KEY_FILE
    known_hosts: str = ""  # known_hosts lines, from whichever source
    known_hosts_source: str = DEFAULT_KNOWN_HOSTS  # for messages: where they came from
    max_delete: float = DEFAULT_MAX_DELETE
    keep: tuple = DEFAULT_KEEP
    check_url: str = ""  # where DEPLOY_PATH is served, if not the build's SITEURL
    allow_unreachable: bool = False  # go on when that address cannot be checked (probe.py)

    @property
    def target(self):
        """user@host:path as people write it, with the port if it is not 22."""
        port = f" (Port {self.port})" if self.port != DEFAULT_PORT else ""
        return f"{self.user}@{self.host}:{self.path}{port}"

    @property
    def host_key_name(self):
        """The name under which known_hosts lists this server: host, or [host]:port."""
        host = self.host.strip("[]")
        return host if self.port == DEFAULT_PORT else f"[{host}]:{self.port}"

    def is_kept(self, relpath):
        """True for a remote path inside DEPLOY_KEEP (never deleted, never counted)."""
        return any(relpath == keep or relpath.startswith(keep + "/") for keep in self.keep)


def read_environment(env_file, environ=None):
    """{name: value} of every non-empty DEPLOY_* variable (and look-alikes); environment wins."""
    environ = os.environ if environ is None else environ
    values = {}
    env_file = Path(env_file) if env_file else None
    if env_file and env_file.is_file():
        values.update(
            {
                name: value
                for name, value in _read_env_file(env_file).items()
                if _is_setting(name, close=True) and value and value.strip()
            }
        )
    values.update(
        {
            name: value
            for name, value in environ.items()
            if _is_setting(name) and value and value.strip()
        }
    )
    return values


def _is_setting(name, close=False):
    """DEPLOY… in any case; with close, also names close to a setting (DEPOLY_HOST)."""
    return name.upper().startswith("DEPLOY") or (
        close and bool(difflib.get_close_matches(name.upper(), VARIABLES, n=1, cutoff=0.8))
    )


def _read_env_file(env_file):
    try:
        with open(env_file, encoding="utf-8") as stream:
            bad = [binding.original.line for binding in parse_stream(stream) if binding.error]
    except UnicodeDecodeError:
        raise DeployError(
            report(
                ERROR,
                f"Die Datei {env_file} ist nicht als UTF-8 gespeichert; es wurde nichts "
                "hochgeladen.",
                "Die Datei im Editor als UTF-8 speichern.",
            )
        ) from None
    except OSError as error:
        raise DeployError(
            report(
                ERROR,
                f"Die Datei {env_file} lässt sich nicht lesen "
                f"({error.strerror}); es wurde nichts hochgeladen.",
            )
        ) from None
    if bad:
        raise DeployError(
            report(
                ERROR,
                f"In {env_file} ist Zeile {', '.join(map(str, bad))} nicht lesbar; es "
                "wurde nichts hochgeladen.",
                "Jede Zeile hat die Form NAME=Wert; Werte mit Leerzeichen oder "
                "über mehrere Zeilen (wie ein Schlüssel) stehen in doppelten Anführungszeichen. "
                "Vorlage: .env.example",
            )
        )
    return dotenv_values(env_file, interpolate=False)


def load_config(values, home=None, notes=()):
    """DeployConfig from {name: value}; DeployError listing every problem at once, under
    where to set them, followed by notes (e.g. how to start a .env)."""
    problems = []

    def get(name):
        return (values.get(name) or "").strip()

    method = get("DEPLOY_METHOD").lower() or "rsync"
    if method not in METHODS:
        problems.append(
            f"DEPLOY_METHOD „{get('DEPLOY_METHOD')}“ ist unbekannt; möglich sind "
            "rsync (Standard) und sftp."
        )

    host = get("DEPLOY_HOST")
    with_port = HOST_WITH_PORT.fullmatch(host)
    if not host:
        problems.append(
            "DEPLOY_HOST fehlt: der Name des Servers, z. B. ssh.example.de "
            "(steht in den Zugangsdaten des Hosters)."
        )
    elif with_port:
        name, port = with_port[1] or with_port[3], with_port[2] or with_port[4]
        problems.append(
            f"DEPLOY_HOST „{host}“: Der Port gehört nicht in DEPLOY_HOST, sondern "
            f"in DEPLOY_PORT={port} (also DEPLOY_HOST={name} und "
            f"DEPLOY_PORT={port})."
        )
    elif not HOST.match(host):
        problems.append(
            f"DEPLOY_HOST „{host}“ ist kein gültiger Servername; nur der Name, "
            "ohne Benutzer, Pfad oder „ssh://“, z. B. ssh.example.de"
        )

    user = get("DEPLOY_USER")
    if not user:
        problems.append("DEPLOY_USER fehlt: der SSH-/SFTP-Benutzername beim Hoster.")
    elif not USER.match(user):
        problems.append(
            f"DEPLOY_USER „{user}“ enthält Zeichen, die in einem Benutzernamen "
            "nicht vorkommen (Leerzeichen, Anführungszeichen, „:“, „/“ …)."
        )

    path = _remote_path(get("DEPLOY_PATH"), problems)

    port = DEFAULT_PORT
    if get("DEPLOY_PORT"):
        text = get("DEPLOY_PORT")
        if text.isdigit() and 1 <= int(text) <= 65535:
            port = int(text)
        else:
            problems.append(
                f"DEPLOY_PORT „{text}“ ist keine gültige Portnummer; eine Zahl "
                "von 1 bis 65535, meist 22."
            )

    ssh_key = None
    ssh_key_file = None
    if get("DEPLOY_SSH_KEY") and get("DEPLOY_SSH_KEY_FILE"):
        problems.append(
            "DEPLOY_SSH_KEY und DEPLOY_SSH_KEY_FILE sind beide gesetzt; nur eins "
            "von beiden angeben (in CI den Schlüssel als Text, auf dem eigenen "
            "Rechner die Datei)."
        )
    elif get("DEPLOY_SSH_KEY"):
        ssh_key = _key_text(get("DEPLOY_SSH_KEY"), problems)
    elif get("DEPLOY_SSH_KEY_FILE"):
        ssh_key_file = Path(get("DEPLOY_SSH_KEY_FILE")).expanduser()
        if not ssh_key_file.is_file():
            problems.append(f"DEPLOY_SSH_KEY_FILE: Die Datei {ssh_key_file} gibt es nicht.")
        elif not os.access(ssh_key_file, os.R_OK):
            problems.append(f"DEPLOY_SSH_KEY_FILE: Die Datei {ssh_key_file} ist nicht lesbar.")
        elif ssh_key_file.suffix == ".pub" or _is_public_key(ssh_key_file):
            private = ssh_key_file.with_suffix("") if ssh_key_file.suffix == ".pub" else None
            problems.append(
                f"DEPLOY_SSH_KEY_FILE: {ssh_key_file} ist der öffentliche "
                "Schlüssel; hier gehört die Datei ohne .pub hin (der private "
                "Schlüssel)"
                + (f", also {private}." if private else ".")
                + " Der öffentliche gehört zum Hoster."
            )

    known_hosts, known_hosts_source = _known_hosts(get, home, problems)

    max_delete = DEFAULT_MAX_DELETE
    if get("DEPLOY_MAX_DELETE"):
        max_delete = _share(get("DEPLOY_MAX_DELETE"), problems)

    keep = DEFAULT_KEEP
    if get("DEPLOY_KEEP"):
        keep = _keep(get("DEPLOY_KEEP"), problems)

    check_url = get("DEPLOY_CHECK_URL").rstrip("/")
    if check_url and not CHECK_URL.match(check_url):
        problems.append(
            f"DEPLOY_CHECK_URL „{check_url}“ ist keine Web-Adresse; gemeint ist "
            "die Adresse, unter der DEPLOY_PATH im Browser erscheint, z. B. "
            "https://kunde123.hoster.de"
        )

    allow_unreachable = get("DEPLOY_ALLOW_UNREACHABLE")
    if allow_unreachable not in ("", "0", "1"):
        problems.append(
            f"DEPLOY_ALLOW_UNREACHABLE „{allow_unreachable}“: nur 1 (an) oder 0 (aus, Standard)."
        )

    problems += _unknown(values)
    if problems:
        raise DeployError(
            report(
                ERROR,
                "Die Einstellungen zum Veröffentlichen sind unvollständig oder falsch; es "
                "wurde nichts hochgeladen.",
                WHERE,
                notes=[*problems, *notes],
            )
        )
    return DeployConfig(
        method=method,
        host=host,
        user=user,
        path=path,
        port=port,
        ssh_key=ssh_key,
        ssh_key_file=ssh_key_file,
        known_hosts=known_hosts,
        known_hosts_source=known_hosts_source,
        max_delete=max_delete,
        keep=keep,
        check_url=check_url,
        allow_unreachable=allow_unreachable == "1",
    )


def _unknown(values):
    """A problem for every name that is no setting: most likely a typo."""
    problems = []
    for name in sorted(set(values) - set(VARIABLES) - set(CI_ONLY)):
        match = difflib.get_close_matches(name.upper(), VARIABLES, n=1, cutoff=0.8)
        problems.append(
            f"Unbekannt: {name}. "
            + (
                f"Meinten Sie {match[0]}?"
                if match
                else "Diese Einstellung gibt es nicht (Tippfehler?)."
            )
        )
    return problems


def _is_public_key(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return bool(PUBLIC_KEY_LINE.match(handle.read(200).strip()))
    except OSError:
        return False


def _remote_path(text, problems):
    """The web root as the server resolves it: "~/html" and "html" both mean html in home."""
    if not text:
        problems.append(
            "DEPLOY_PATH fehlt: der Ordner auf dem Server, in den die Website "
            "gehört (das Web-Verzeichnis, z. B. html oder /www/htdocs/w0123456)."
        )
        return ""
    path = text
    if path == "~" or path.startswith("~/"):
        path = path[2:] or "."
    # "/." and "//" are the server root too, "html/.." is the home folder: normalise first.
    path = posixpath.normpath(path)
    if path.startswith("//"):
        path = path[1:]
    if not REMOTE_PATH.match(text) or path.startswith("-") or "~" in path:
        problems.append(
            f"DEPLOY_PATH „{text}“ enthält Zeichen, die hier nicht gehen "
            "(Leerzeichen, Anführungszeichen, „:“, „*“ …); nur Buchstaben, "
            "Ziffern und . _ - / sind erlaubt."
        )
    elif path == "/" or ".." in text.split("/"):
        problems.append(
            f"DEPLOY_PATH „{text}“ geht nicht: Das wäre die oberste Ebene des "
            "Servers oder ein Ordner außerhalb; das Web-Verzeichnis angeben."
        )
    elif path == ".":
        problems.append(
            f"DEPLOY_PATH „{text}“ geht nicht: Das wäre der Heimatordner selbst, "
            "nicht das Web-Verzeichnis darin; den Ordner angeben, z. B. html. Ist "
            "der Heimatordner wirklich das Web-Verzeichnis, seinen vollen Pfad "
            "angeben (z. B. /home/verein)."
        )
    return path


def _key_text(text, problems):
    """Key text as OpenSSH wants it: LF line ends and a final newline."""
    text = text.replace("\r\n", "\n").strip()
    if "\\n" in text and "\n" not in text:  # pasted with literal \n escapes
        text = text.replace("\\n", "\n")
    lines = text.splitlines()
    if PUBLIC_KEY_LINE.match(text):
        problems.append(
            "DEPLOY_SSH_KEY ist kein privater Schlüssel, sondern der öffentliche "
            "(eine Zeile „ssh-ed25519 AAAA…“ aus der .pub-Datei); der gehört zum "
            "Hoster. Hierher gehört der private Schlüssel: der ganze Inhalt der "
            "Datei ohne .pub, von „-----BEGIN OPENSSH PRIVATE KEY-----“ bis "
            "„-----END OPENSSH PRIVATE KEY-----“."
        )
    elif not (
        lines
        and lines[0].startswith("-----BEGIN ")
        and lines[0].endswith("PRIVATE KEY-----")
        and lines[-1].startswith("-----END ")
    ):
        problems.append(
            "DEPLOY_SSH_KEY ist kein privater Schlüssel: Er beginnt mit "
            "„-----BEGIN OPENSSH PRIVATE KEY-----“ und endet mit „-----END … "
            "PRIVATE KEY-----“; den ganzen Inhalt der Schlüsseldatei einfügen "
            "(nicht die .pub-Datei)."
        )
    return "\n".join(line.strip() for line in lines) + "\n"


def _known_hosts(get, home, problems):
    """(known_hosts text, where it came from); the host key check itself is in ssh.py."""
    if get("DEPLOY_KNOWN_HOSTS") and get("DEPLOY_KNOWN_HOSTS_FILE"):
        problems.append(
            "DEPLOY_KNOWN_HOSTS und DEPLOY_KNOWN_HOSTS_FILE sind beide gesetzt; nur "
            "eins von beiden angeben."
        )
        return "", ""
    if get("DEPLOY_KNOWN_HOSTS"):
        return get("DEPLOY_KNOWN_HOSTS").replace("\r\n", "\n") + "\n", "DEPLOY_KNOWN_HOSTS"
    if get("DEPLOY_KNOWN_HOSTS_FILE"):
        path = Path(get("DEPLOY_KNOWN_HOSTS_FILE")).expanduser()
        source = f"DEPLOY_KNOWN_HOSTS_FILE ({path})"
        name = "DEPLOY_KNOWN_HOSTS_FILE"
    else:
        path = (Path(home) if home else Path.home()) / ".ssh" / "known_hosts"
        source = str(path)
        name = "DEPLOY_KNOWN_HOSTS"
    try:
        return path.read_text(encoding="utf-8", errors="replace"), source
    except OSError as error:
        if name == "DEPLOY_KNOWN_HOSTS_FILE":
            problems.append(
                f"DEPLOY_KNOWN_HOSTS_FILE: Die Datei {path} lässt sich nicht lesen "
                f"({error.strerror})."
            )
        else:
            problems.append(
                f"DEPLOY_KNOWN_HOSTS fehlt, und {path} gibt es nicht: Ohne den "
                "öffentlichen Schlüssel des Servers wird keine Verbindung aufgebaut. "
                "Wie man ihn sicher bekommt: README, „Automatisch veröffentlichen "
                "(CI)“ → „Einmal einrichten“, Schritt 2."
            )
        return "", source


def _share(text, problems):
    """0.5, 0,5 or 50 % → 0.5; a share from 0 to 1."""
    cleaned = text.replace(" ", "").replace(",", ".")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.rstrip("%")) / (100 if percent else 1)
    except ValueError:
        value = -1
    if not 0 <= value <= 1:
        problems.append(
            f"DEPLOY_MAX_DELETE „{text}“ ist kein Anteil von 0 bis 1, z. B. 0.5 "
            "(= höchstens die Hälfte der veröffentlichten Dateien löschen)."
        )
        return DEFAULT_MAX_DELETE
    return value


def _keep(text, problems):
    keep = []
    for item in text.split():
        path = item.strip("/")
        if not path or not KEEP_PATH.match(item) or ".." in path.split("/"):
            problems.append(
                f"DEPLOY_KEEP: „{item}“ ist kein Pfad im Web-Verzeichnis; Pfade "
                "ohne Platzhalter wie * angeben, durch Leerzeichen getrennt, z. B. "
                "„.well-known/ statistik/“."
            )
        else:
            keep.append(path)
    return tuple(keep)
