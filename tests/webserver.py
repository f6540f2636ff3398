"""A plain static web server on 127.0.0.1 for the deploy tests that need no Apache.

`url_for(folder)` is the address at which folder is served, so a deploy's probe
(sitetools/deploy/probe.py) can fetch its test page from the "remote" web root. Python's
own http.server, in a thread of the test process, started on first use; it serves
only the folders handed to url_for (never the rest of the disk, e.g. the test keys),
and knows no .htaccess, so it sends no security headers (the tests' synthetic sites set
none). tests/test_deploy_probe.py uses a real Apache.
"""

import functools
import http.server
import posixpath
import threading
import urllib.parse
from pathlib import Path

FOLDERS = []  # URL /<n>/… serves FOLDERS[n]


class _Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        parts = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(path).path))
        first, _, rest = parts.lstrip("/").partition("/")
        if not first.isdigit() or int(first) >= len(FOLDERS):
            return "/nonexistent"
        return str(FOLDERS[int(first)] / rest)

    def list_directory(self, path):  # a folder without index.html: 404, as on our hosts
        self.send_error(404)

    def log_message(self, *args):
        pass


@functools.cache
def _server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_for(folder):
    """http://127.0.0.1:port/<n> (no trailing slash), serving folder."""
    folder = Path(folder).resolve()
    if folder not in FOLDERS:
        FOLDERS.append(folder)
    return f"http://127.0.0.1:{_server().server_port}/{FOLDERS.index(folder)}"
