"""SSH for both backends: credentials, the host key check, OpenSSH options, paramiko.

The server's host key is always verified against the configured known_hosts lines
(DEPLOY_KNOWN_HOSTS, DEPLOY_KNOWN_HOSTS_FILE or ~/.ssh/known_hosts) and nothing else:
OpenSSH runs with StrictHostKeyChecking=yes and no global known_hosts file, paramiko
with RejectPolicy. paramiko cannot read marker lines (@cert-authority, @revoked), so it
gets the lines without them, and without every key that a @revoked line names. A key
given as text is written to a 0600 file in a private temporary folder that is removed
when the deploy ends. Before any contact, for both backends, the private key is read
with paramiko, so that a passphrase without a running ssh-agent is named as such.
"""

import contextlib
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

import paramiko
from cryptography.exceptions import UnsupportedAlgorithm

from .config import PUBLIC_KEY_LINE
from .errors import DeployError, failure

CONNECT_TIMEOUT = 20  # seconds until an unreachable server counts as down
IO_TIMEOUT = 120  # seconds without any progress on an open connection

HOW_TO_GET_THE_KEY = (
    "README, „Automatisch veröffentlichen (CI)“ → „Einmal einrichten“, "
    "Schritt 2: „Den Schlüssel des Servers sicher ermitteln“"
)


class Credentials:
    """What the ssh tools need: key_file (or None: agent/default keys), pkey (key_file
    loaded by paramiko; None: only the agent can use it), known_hosts (file, for OpenSSH)
    and paramiko_known_hosts (the same without marker lines)."""

    def __init__(self, key_file, pkey, known_hosts, paramiko_known_hosts):
        self.key_file = key_file
        self.pkey = pkey
        self.known_hosts = known_hosts
        self.paramiko_known_hosts = paramiko_known_hosts


@contextlib.contextmanager
def credentials(config):
    """Credentials in a private temporary folder; checks key and host key before any contact."""
    folder = Path(tempfile.mkdtemp(prefix="sitetools-deploy-"))  # mode 0700
    try:
        key_file = config.ssh_key_file
        if config.ssh_key:
            key_file = _write_private(folder / "deploy_key", config.ssh_key)
        pkey = _private_key(config, key_file) if key_file else None
        known_hosts = _write_private(folder / "known_hosts", config.known_hosts)
        for_paramiko = _write_private(
            folder / "known_hosts_paramiko", without_markers(config.known_hosts)
        )
        _check_host_known(config, for_paramiko)
        yield Credentials(
            str(key_file) if key_file else None, pkey, str(known_hosts), str(for_paramiko)
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _private_key(config, key_file):
    """The key as a paramiko PKey, checked here for both backends; None if only the
    ssh-agent can use it (a passphrase; the agent may hold it, as with ssh -i) or, for
    rsync, if OpenSSH knows a type that paramiko does not (OpenSSH decides then)."""
    try:
        return paramiko.PKey.from_path(key_file)
    except (paramiko.PasswordRequiredException, TypeError):  # TypeError: the same, newer
        if os.environ.get("SSH_AUTH_SOCK"):
            return None
        raise DeployError(passphrase(config)) from None
    except (paramiko.UnknownKeyType, UnsupportedAlgorithm):  # e.g. DSA, a security key
        if config.method == "rsync":
            return None
        raise DeployError(bad_key(config)) from None
    except (paramiko.SSHException, ValueError, OSError):
        raise DeployError(bad_key(config)) from None


def without_markers(text):
    """known_hosts lines for paramiko, which cannot parse marker lines (@cert-authority,
    @revoked) and stops at them. A key that a @revoked line names is left out for every
    host (fail closed: OpenSSH refuses it for the hosts the line names)."""
    rows = [line.split() for line in text.splitlines()]
    revoked = {row[3] for row in rows if len(row) > 3 and row[0] == "@revoked"}
    return "".join(
        " ".join(row) + "\n"
        for row in rows
        if row and not row[0].startswith("@") and not set(row[2:3]) & revoked
    )


def _write_private(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _check_host_known(config, known_hosts):
    """DeployError before any contact if the known_hosts lines lack this server."""
    try:
        keys = paramiko.HostKeys(str(known_hosts))
    except (paramiko.hostkeys.InvalidHostKey, ValueError) as error:
        line = getattr(error, "line", "")
        raise DeployError(
            known_hosts_mistake(config)
            or failure(
                f"In {config.known_hosts_source} steht eine kaputte Zeile"
                f"{f' („{line[:60]}…“)' if line else ''}.",
                "Die Zeilen genau so übernehmen, wie ssh-keyscan sie ausgibt "
                f"(siehe {HOW_TO_GET_THE_KEY}).",
            )
        ) from None
    if keys.lookup(config.host_key_name) is None:
        revoked = (
            " (Schlüssel aus einer @revoked-Zeile zählen nicht)"
            if "@revoked" in config.known_hosts
            else ""
        )
        raise DeployError(
            known_hosts_mistake(config)
            or failure(
                f"Für den Server {config.host_key_name} ist in "
                f"{config.known_hosts_source} kein Schlüssel hinterlegt{revoked}. Ohne ihn lässt "
                "sich nicht prüfen, ob wirklich der richtige Server antwortet; daher wird keine "
                "Verbindung aufgebaut.",
                "Den öffentlichen Schlüssel des Servers einmalig mit "
                f"„{keyscan(config)}“ holen, den Fingerabdruck mit den Angaben des Hosters "
                f"vergleichen und die Zeilen in DEPLOY_KNOWN_HOSTS eintragen (siehe "
                f"{HOW_TO_GET_THE_KEY}). Sie beginnen mit „{config.host_key_name} “.",
            )
        )


def keyscan(config):
    return f"ssh-keyscan -p {config.port} {config.host.strip('[]')}"


def known_hosts_mistake(config):
    """German message for a typical mistake in the known_hosts lines, or None.

    A key for this host on another port (or written without [host]:port), a pasted
    fingerprint, a key line without the host name in front.
    """
    host = config.host.strip("[]").lower()
    fingerprint = bare_key = None
    for line in config.known_hosts.splitlines():
        fields = line.split()
        if fields and fields[0].startswith("@"):  # @cert-authority, @revoked
            fields = fields[1:]
        if not fields or fields[0].startswith("#"):
            continue
        if re.search(r"\b(SHA256|MD5):", line):
            fingerprint = fingerprint or line.strip()
            continue
        if PUBLIC_KEY_LINE.match(" ".join(fields)):
            bare_key = bare_key or fields[0]
            continue
        for name in fields[0].lower().split(","):
            bracketed = re.fullmatch(r"\[(.+)\]:(\d+)", name)
            name_host, port = (bracketed[1], int(bracketed[2])) if bracketed else (name, 22)
            if name_host != host or port == config.port:
                continue
            if bracketed:
                return failure(
                    f"In {config.known_hosts_source} ist ein Schlüssel für "
                    f"[{name_host}]:{port} eingetragen, aber DEPLOY_PORT ist "
                    f"{config.port}. Stimmt der Port?",
                    "Beim Hoster nachsehen, welcher SSH-Port gilt, und "
                    f"DEPLOY_PORT={port} setzen, falls das der richtige ist. Ist "
                    f"{config.port} richtig, den Schlüssel für diesen Port mit "
                    f"„{keyscan(config)}“ holen und prüfen (siehe {HOW_TO_GET_THE_KEY}).",
                )
            return failure(
                f"In {config.known_hosts_source} steht der Schlüssel für "
                f"„{name_host}“ ohne Port, also für Port 22; DEPLOY_PORT ist aber "
                f"{config.port}. Stimmt der Port?",
                "Ist der SSH-Port des Hosters 22, DEPLOY_PORT=22 setzen. "
                f"Ist es {config.port}, muss die Zeile mit „[{name_host}]:{config.port}“ "
                f"beginnen (mit eckigen Klammern); genau so gibt „{keyscan(config)}“ sie "
                f"aus (siehe {HOW_TO_GET_THE_KEY}).",
            )
    if fingerprint:
        return failure(
            f"In {config.known_hosts_source} steht „{fingerprint[:60]}“. Das ist "
            "ein Fingerabdruck, keine Schlüsselzeile; damit lässt sich der Server nicht "
            "prüfen.",
            f"Die Zeilen eintragen, die „{keyscan(config)}“ ausgibt; sie "
            f"beginnen mit „{config.host_key_name} ssh-ed25519 AAAA…“. Den Fingerabdruck "
            f"(„ssh-keygen -lf“) braucht man nur zum Vergleich mit den Angaben des "
            f"Hosters (siehe {HOW_TO_GET_THE_KEY}).",
        )
    if bare_key:
        return failure(
            f"In {config.known_hosts_source} beginnt eine Zeile mit "
            f"„{bare_key} AAAA…“. Vor dem Schlüssel fehlt der Servername; so gilt er für "
            "keinen Server.",
            f"Die Zeilen genau so eintragen, wie „{keyscan(config)}“ sie "
            f"ausgibt: „{config.host_key_name} {bare_key} AAAA…“ (siehe "
            f"{HOW_TO_GET_THE_KEY}). Ist es Ihr eigener öffentlicher Schlüssel aus einer "
            ".pub-Datei: Der gehört nicht hierher, sondern zum Hoster.",
        )
    return None


def _config_value(path):
    """A path as an ssh -o value; ssh splits unquoted values at spaces."""
    return f'"{path}"' if any(c.isspace() for c in path) else path


def openssh_command(config, creds):
    """The `ssh` command line (list) both rsync and error checks use."""
    command = [
        "ssh",
        "-F",
        "none",  # no ~/.ssh/config: the same behaviour on every laptop and in CI
        "-p",
        str(config.port),
        "-l",
        config.user,
        "-o",
        "BatchMode=yes",  # never wait for a password or a question
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        f"UserKnownHostsFile={_config_value(creds.known_hosts)}",
        "-o",
        "GlobalKnownHostsFile=/dev/null",
        "-o",
        "UpdateHostKeys=no",
        "-o",
        f"ConnectTimeout={CONNECT_TIMEOUT}",
        "-o",
        "ServerAliveInterval=15",
        "-o",
        "ServerAliveCountMax=4",
    ]
    if creds.key_file:
        command += ["-i", creds.key_file, "-o", "IdentitiesOnly=yes"]
    return command


def explain_openssh(stderr, config):
    """German DeployError text for a failed ssh connection, or None if it is no ssh failure."""
    if "REMOTE HOST IDENTIFICATION HAS CHANGED" in stderr or "has changed and you have" in stderr:
        return host_key_mismatch(config)
    if "Host key verification failed" in stderr:
        return host_key_unknown(config)
    if "Could not resolve hostname" in stderr:
        return unknown_host(config)
    if "Connection refused" in stderr:
        return refused(config)
    if "timed out" in stderr or "No route to host" in stderr or "unreachable" in stderr:
        return unreachable(config)
    if "Load key" in stderr and ("invalid format" in stderr or "libcrypto" in stderr):
        return bad_key(config)
    # "Permission denied (publickey)." from ssh, not rsync's "Permission denied (13)".
    if (
        re.search(r"Permission denied \([a-z-]+[,)]", stderr)
        or "Too many authentication failures" in stderr
    ):
        return auth_failed(config)
    return None


def host_key_mismatch(config):
    return failure(
        f"Der Server {config.host_key_name} hat nicht den erwarteten Schlüssel "
        f"(laut {config.known_hosts_source}). Die Verbindung wurde sofort beendet.",
        "Den aktuellen Fingerabdruck beim Hoster nachsehen (Kundenbereich "
        "oder Support). Nur wenn er mit „ssh-keyscan“ übereinstimmt, die neue Zeile in "
        f"DEPLOY_KNOWN_HOSTS eintragen (siehe {HOW_TO_GET_THE_KEY}).",
        cause="Entweder hat der Hoster den Schlüssel des Servers geändert, oder jemand "
        "fängt die Verbindung ab.",
    )


def host_key_unknown(config):
    return failure(
        f"Für den Server {config.host_key_name} passt kein Schlüssel aus "
        f"{config.known_hosts_source}; die Verbindung wurde nicht aufgebaut.",
        f"Den Schlüssel mit „{keyscan(config)}“ holen, mit dem "
        "Fingerabdruck des Hosters vergleichen und in DEPLOY_KNOWN_HOSTS eintragen (siehe "
        f"{HOW_TO_GET_THE_KEY}).",
    )


def unknown_host(config):
    return failure(
        f"Den Server „{config.host}“ gibt es nicht (der Name ist unbekannt).",
        "DEPLOY_HOST prüfen (Zugangsdaten des Hosters) und "
        "ob dieser Rechner mit dem Internet verbunden ist.",
    )


def refused(config):
    return failure(
        f"Der Server {config.host} nimmt auf Port {config.port} keine Verbindungen an.",
        "DEPLOY_HOST und DEPLOY_PORT prüfen (beim Hoster "
        "nachsehen, welcher SSH-Port gilt) und ob SSH-Zugang im Kundenbereich "
        "eingeschaltet ist.",
    )


def unreachable(config, notes=()):
    return failure(
        f"Der Server {config.host} (Port {config.port}) antwortet nicht.",
        "Internetverbindung, DEPLOY_HOST und DEPLOY_PORT prüfen; später erneut versuchen.",
        notes=notes,
    )


def bad_key(config):
    source = "DEPLOY_SSH_KEY" if config.ssh_key else f"DEPLOY_SSH_KEY_FILE ({config.ssh_key_file})"
    return failure(
        f"Der Schlüssel aus {source} lässt sich nicht lesen.",
        "Den vollständigen privaten Schlüssel eintragen, von „-----BEGIN“ "
        "bis „-----END … PRIVATE KEY-----“, ohne Passphrase (für CI).",
    )


def passphrase(config):
    source = "DEPLOY_SSH_KEY" if config.ssh_key else f"DEPLOY_SSH_KEY_FILE ({config.ssh_key_file})"
    return failure(
        f"Der Schlüssel aus {source} ist mit einer Passphrase geschützt, und kein "
        "ssh-agent ist erreichbar (SSH_AUTH_SOCK ist nicht gesetzt).",
        "Den ssh-agent starten und den Schlüssel mit „ssh-add“ laden "
        "(dann DEPLOY_SSH_KEY_FILE leer lassen), oder fürs Veröffentlichen einen eigenen "
        "Schlüssel ohne Passphrase anlegen (für die CI immer ohne Passphrase).",
    )


def auth_failed(config):
    if config.ssh_key:
        key = "Der Schlüssel aus DEPLOY_SSH_KEY ist dort nicht freigeschaltet"
    elif config.ssh_key_file:
        key = (
            f"Der Schlüssel aus DEPLOY_SSH_KEY_FILE ({config.ssh_key_file}) ist dort nicht "
            "freigeschaltet"
        )
    else:
        key = "Keiner Ihrer SSH-Schlüssel (ssh-agent oder ~/.ssh/id_*) ist dort freigeschaltet"
    return failure(
        f"Der Server {config.host} hat die Anmeldung als „{config.user}“ abgelehnt. {key}.",
        "DEPLOY_USER prüfen. Beim Hoster (Kundenbereich, „SSH-Schlüssel“) "
        "gehört der öffentliche Schlüssel hin: die Datei mit .pub, eine Zeile „ssh-ed25519 "
        "AAAA…“. In DEPLOY_SSH_KEY bzw. DEPLOY_SSH_KEY_FILE gehört der private: die Datei "
        "ohne .pub. Ein Schlüssel mit Passphrase geht nur über ssh-agent (ssh-add), ohne "
        "DEPLOY_SSH_KEY_FILE.",
    )


def not_a_folder(config):
    return failure(
        f"„{config.path}“ auf {config.host} ist eine Datei, kein Ordner.",
        "DEPLOY_PATH prüfen: das Web-Verzeichnis, wie es in den Zugangsdaten des Hosters steht.",
    )


def connect_paramiko(config, creds):
    """An SSHClient connected with the host key verified (RejectPolicy); DeployError on failure."""
    client = paramiko.SSHClient()
    client.load_system_host_keys(creds.paramiko_known_hosts)  # only these; never saved back
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    try:
        client.connect(
            config.host.strip("[]"),
            port=config.port,
            username=config.user,
            pkey=creds.pkey,
            allow_agent=creds.pkey is None,
            look_for_keys=creds.key_file is None,
            timeout=CONNECT_TIMEOUT,
            banner_timeout=CONNECT_TIMEOUT,
            auth_timeout=CONNECT_TIMEOUT,
        )
    except (paramiko.SSHException, OSError) as error:
        client.close()
        raise DeployError(_explain_paramiko(error, config)) from None
    return client


def _explain_paramiko(error, config):
    if isinstance(error, paramiko.BadHostKeyException):
        return host_key_mismatch(config)
    if isinstance(error, paramiko.AuthenticationException):
        return auth_failed(config)
    if isinstance(error, socket.gaierror):
        return unknown_host(config)
    if isinstance(error, paramiko.ssh_exception.NoValidConnectionsError):
        refused_all = all(isinstance(e, ConnectionRefusedError) for e in error.errors.values())
        return refused(config) if refused_all else unreachable(config)
    if isinstance(error, ConnectionRefusedError):
        return refused(config)
    if isinstance(error, TimeoutError):
        return unreachable(config)
    if isinstance(error, paramiko.SSHException):
        text = str(error)
        if "not found in known_hosts" in text:
            return host_key_unknown(config)
        if "No authentication methods available" in text:
            return auth_failed(config)
        return failure(
            f"Die SSH-Verbindung zu {config.host} (Port {config.port}) ist gescheitert ({text}).",
            "DEPLOY_HOST und DEPLOY_PORT prüfen: Antwortet dort wirklich ein SSH-Server?",
        )
    return unreachable(config, notes=[f"Meldung: {error}"])


def missing_path(config):
    return failure(
        f"Den Ordner „{config.path}“ gibt es auf dem Server {config.host} nicht.",
        "DEPLOY_PATH prüfen: das Web-Verzeichnis, wie es in den "
        "Zugangsdaten des Hosters steht. Ein neuer Ordner muss zuerst beim Hoster "
        "angelegt werden; „make deploy“ legt ihn nicht selbst an, damit ein Tippfehler "
        "nicht eine zweite Website erzeugt.",
    )
