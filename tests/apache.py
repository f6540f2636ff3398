"""Helpers for the .htaccess tests: a production build of the real content, served by a real
Apache (Debian's apache2) on 127.0.0.1 with a minimal configuration of our own.

The fixtures that use these helpers live in test_apache.py and test_performance.py.
"""

import contextlib
import ctypes
import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import support
from bs4 import BeautifulSoup

APACHE = Path("/usr/sbin/apache2")
MODULES = Path("/usr/lib/apache2/modules")

# (module identifier, file in MODULES): only what the .htaccess and a static site need.
REQUIRED_MODULES = [
    ("mpm_event_module", "mod_mpm_event.so"),
    ("authz_core_module", "mod_authz_core.so"),  # "Require all granted" below
    ("mime_module", "mod_mime.so"),  # types and charsets from TypesConfig and AddCharset
    ("dir_module", "mod_dir.so"),  # DirectoryIndex index.html
    ("alias_module", "mod_alias.so"),  # RedirectMatch 404 for build/deploy internals
    ("headers_module", "mod_headers.so"),  # security and caching headers
    ("filter_module", "mod_filter.so"),  # AddOutputFilterByType
    ("deflate_module", "mod_deflate.so"),  # gzip
]
# Loaded when installed, as on most hosts: the .htaccess guards them with <IfModule>.
# autoindex and negotiation make a careless host: listings and MultiViews would be on
# if the .htaccess did not switch them off.
OPTIONAL_MODULES = [
    ("brotli_module", "mod_brotli.so"),
    ("autoindex_module", "mod_autoindex.so"),
    ("negotiation_module", "mod_negotiation.so"),
]
# The least a host can have: the .htaccess must not break the site there (no 500).
BARE_MODULES = REQUIRED_MODULES[:4]  # mpm_event, authz_core, mime, dir


def world_readable_copy(source):
    """Copy source into a new folder below the system temp dir that any user can read.

    As root, Apache's workers run as www-data, which cannot enter pytest's 0700 tmp dirs.
    The caller removes the returned folder.
    """
    root = Path(tempfile.mkdtemp(prefix="bl-apache-"))
    docroot = root / "htdocs"
    shutil.copytree(source, docroot)
    root.chmod(0o755)
    for folder, _dirs, files in os.walk(docroot):
        Path(folder).chmod(0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)
    return docroot


def empty_docroot():
    """A new empty web root below the system temp dir that Apache's www-data can enter
    (also the deploy tests' DEPLOY_PATH). The caller removes its parent folder."""
    root = Path(tempfile.mkdtemp(prefix="bl-apache-"))
    docroot = root / "htdocs"
    docroot.mkdir()
    root.chmod(0o755)
    docroot.chmod(0o755)
    return docroot


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop_with_parent():
    """In the child before exec: Linux sends it SIGTERM when pytest dies, so no Apache
    outlives a killed test run."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def without(*names):
    """The usual modules less the given files, e.g. without("mod_headers.so")."""
    return [
        m
        for m in REQUIRED_MODULES + OPTIONAL_MODULES
        if m[1] not in names and (MODULES / m[1]).exists()
    ]


def missing_modules():
    """Required module files that are not installed (empty when Apache can run)."""
    return [name for _, name in REQUIRED_MODULES if not (MODULES / name).exists()]


# The AllowOverride values shared hosts use for the web root. With "None" Apache ignores
# .htaccess files; with "FileInfo Options" any "Options -MultiViews" line is fatal
# (plain "Options" means Options=All, which excludes MultiViews).
ALLOW_OVERRIDE = [
    "All",
    "None",
    "FileInfo Options=Indexes,MultiViews",
    "FileInfo Options",
    "FileInfo",
    "FileInfo Indexes",
    "AuthConfig FileInfo Indexes Limit",  # hardened hosts that forbid Options
]
# What the tests use unless they say otherwise: the least the .htaccess may need.
DEFAULT_ALLOW_OVERRIDE = "FileInfo"


class Apache:
    """apache2 -DFOREGROUND on 127.0.0.1:port serving docroot, with .htaccess files enabled.

    allow_override is the web root's AllowOverride line (see ALLOW_OVERRIDE); the default
    grants only FileInfo, so the tests fail if the .htaccess needs more.
    """

    def __init__(
        self, docroot, workdir, port=None, modules=None, allow_override=DEFAULT_ALLOW_OVERRIDE
    ):
        self.allow_override = allow_override
        self.modules = (
            modules
            if modules is not None
            else REQUIRED_MODULES + [m for m in OPTIONAL_MODULES if (MODULES / m[1]).exists()]
        )
        self.docroot = Path(docroot)
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def has_module(self, name):
        """True if this server loads the module file name, e.g. "mod_brotli.so"."""
        return any(file == name for _, file in self.modules)

    @property
    def error_log(self):
        return self.workdir / "error.log"

    def config(self):
        lines = [
            f"ServerRoot {self.workdir}",
            f"DefaultRuntimeDir {self.workdir}",
            f"PidFile {self.workdir}/apache.pid",
            f"ErrorLog {self.error_log}",
            "LogLevel warn",
            f'CustomLog {self.workdir}/access.log "%h %>s %r"',
            f"Listen 127.0.0.1:{self.port}",
            "ServerName 127.0.0.1",
        ]
        lines += [f"LoadModule {ident} {MODULES / name}" for ident, name in self.modules]
        if os.geteuid() == 0:  # as root Apache refuses to serve as root; CI runs as root
            lines += ["User www-data", "Group www-data"]
        lines += [
            "TypesConfig /etc/mime.types",
            "DirectoryIndex index.html index.htm index.php",  # as on shared hosts
            # One small process: enough for the tests, gentle on shared CI machines.
            "StartServers 1",
            "ServerLimit 1",
            "ThreadsPerChild 16",
            "MaxRequestWorkers 16",
            "MinSpareThreads 1",
            "MaxSpareThreads 16",
            f'DocumentRoot "{self.docroot}"',
            "<Directory />",
            "  AllowOverride None",
            "  Require all denied",
            "</Directory>",
            f'<Directory "{self.docroot}">',
            "  Options FollowSymLinks Indexes MultiViews",  # what a careless host enables
            f"  AllowOverride {self.allow_override}",
            "  Require all granted",
            "</Directory>",
        ]
        return "\n".join(lines) + "\n"

    def start(self, timeout=20):
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workdir.chmod(0o755)
        conf = self.workdir / "httpd.conf"
        conf.write_text(self.config(), encoding="utf-8")
        check = subprocess.run([str(APACHE), "-f", str(conf), "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"apache2 -t rejected {conf}:\n{check.stderr}")
        with open(self.workdir / "stderr.log", "wb") as stderr:  # the child keeps its own copy
            self.process = subprocess.Popen(
                [str(APACHE), "-f", str(conf), "-DFOREGROUND"],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                preexec_fn=_stop_with_parent,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"apache2 exited with {self.process.returncode}:\n{self.log()}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).close()
                return self
            except urllib.error.HTTPError:
                return self  # it answers; the status is for the tests to judge
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"apache2 did not answer on {self.url} in {timeout} s:\n{self.log()}")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM to the parent: it stops its children and exits
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self):
        """Apache's error log and anything it wrote to stderr (for failure messages)."""
        return "\n".join(
            path.read_text(errors="replace")
            for path in (self.workdir / "stderr.log", self.error_log)
            if path.exists()
        )

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Site:
    """A production build served by Apache: url, the build's output and the served copy."""

    def __init__(self, server, output, docroot):
        self.server = server
        self.url = server.url
        self.output = output
        self.docroot = docroot

    def get(self, path, headers=None, method="GET"):
        """(status, headers, raw body) of one request, without following redirects or
        decoding: exactly what a browser receives."""
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def html(self, rel):
        return BeautifulSoup((self.output / rel).read_text(encoding="utf-8"), "html.parser")

    def local_path(self, url):
        """ "http://127.0.0.1:port/theme/css/x.css" -> "/theme/css/x.css" (must be ours)."""
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == self.url, f"{url} is not on {self.url}"
        return parts.path


@contextlib.contextmanager
def served(project, output_name, prepare=None, **overrides):
    """Production build of project (a support.copy_project copy), served by its own Apache
    while in the block: a Site. prepare(docroot) may add files before Apache starts."""
    port = free_port()
    output = support.publish(
        project, project / output_name, SITEURL=f"http://127.0.0.1:{port}", **overrides
    )
    docroot = world_readable_copy(output)
    try:
        if prepare:
            prepare(docroot)
        with Apache(docroot, docroot.parent / "run", port) as server:
            yield Site(server, output, docroot)
    finally:
        shutil.rmtree(docroot.parent, ignore_errors=True)
