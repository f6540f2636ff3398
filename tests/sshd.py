"""A real OpenSSH server on 127.0.0.1 for the deploy tests.

`SshServer(folder).start()` runs Debian's /usr/sbin/sshd as the current user on a
free port, with a throwaway host key and a throwaway client key in `folder`. It
serves shell commands (so rsync can run on the "remote" side) and SFTP
(internal-sftp). Everything it serves is this machine's file system, so a test
can look at the "remote" folder directly.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")
TOOLS = {"sshd": SSHD, "ssh": "ssh", "ssh-keygen": "ssh-keygen", "rsync": "rsync"}


def missing_tools():
    """Names of the programs the deploy tests need but this machine lacks."""
    missing = []
    for name, program in TOOLS.items():
        found = Path(program).is_file() if isinstance(program, Path) else shutil.which(program)
        if not found:
            missing.append(name)
    return missing


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keygen(path, comment):
    """A new ed25519 key pair without passphrase: path (private) and path.pub."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)], check=True
    )
    return Path(path)


class SshServer:
    """sshd on 127.0.0.1:port; attributes host_key_line, client_key, client_key_text, user."""

    def __init__(self, folder, extra_config=""):
        self.folder = Path(folder)
        self.extra_config = extra_config
        self.host = "127.0.0.1"
        self.port = None
        self.process = None
        self.log = self.folder / "sshd.log"

    def start(self, timeout=15):
        self.folder.mkdir(parents=True, exist_ok=True)
        host_key = keygen(self.folder / "host_key", "deploy-test-host")
        self.client_key = keygen(self.folder / "client_key", "deploy-test-client")
        self.client_key_text = self.client_key.read_text()
        authorized = self.folder / "authorized_keys"
        shutil.copy(self.client_key.with_suffix(".pub"), authorized)
        authorized.chmod(0o600)
        public = host_key.with_suffix(".pub").read_text().split()
        if os.geteuid() == 0:
            # sshd refuses to start without its privilege separation folder.
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        for _attempt in range(5):  # another process may grab the free port first
            self.port = free_port()
            self.host_key_line = f"[{self.host}]:{self.port} {public[0]} {public[1]}"
            config = self.folder / "sshd_config"
            config.write_text(self._config(host_key, authorized))
            with open(self.log, "ab") as log:
                self.process = subprocess.Popen(
                    [str(SSHD), "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
                )
            if self._wait_for_banner(timeout):
                return self
            self.stop()
        raise RuntimeError(f"sshd did not start; its log:\n{self.log.read_text()}")

    def _config(self, host_key, authorized):
        lines = [
            f"ListenAddress {self.host}",
            f"Port {self.port}",
            f"HostKey {host_key}",
            f"PidFile {self.folder / 'sshd.pid'}",
            f"AuthorizedKeysFile {authorized}",
            "StrictModes no",
            "UsePAM no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password" if os.geteuid() == 0 else "",
            "Subsystem sftp internal-sftp",
            "PrintMotd no",
            "PrintLastLog no",
            "UseDNS no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "MaxStartups 50",
            "LogLevel VERBOSE",
            self.extra_config,
        ]
        return "\n".join(line for line in lines if line) + "\n"

    def _wait_for_banner(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection((self.host, self.port), timeout=2) as conn:
                    if conn.recv(64).startswith(b"SSH-2.0-"):
                        return True
            except OSError:
                time.sleep(0.02)
        return False

    def sessions(self):
        """Process ids of the per-connection sshd processes (children of the listener)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # "pid (comm) state ppid …"; comm may contain spaces, so split after ")".
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid:
                pids.append(int(entry.name))
        return pids

    def wait_idle(self, folder=None, timeout=15):
        """Wait until no connection is served and no process works in folder.

        A killed client's server side may go on for a moment: sshd ends with the
        connection, but the remote rsync it started is not killed with it and finishes
        what is already in its pipes (it runs in the destination folder).
        """
        deadline = time.monotonic() + timeout
        while self.sessions() or (folder and processes_in(folder)):
            if time.monotonic() > deadline:
                raise RuntimeError("the server side of a connection is still running")
            time.sleep(0.01)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def processes_in(folder):
    """Process ids whose working directory is folder or inside it."""
    folder = str(Path(folder).resolve())
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cwd = os.readlink(entry / "cwd")
            except OSError:
                continue
            if cwd == folder or cwd.startswith(folder + "/"):
                pids.append(int(entry.name))
    return pids
