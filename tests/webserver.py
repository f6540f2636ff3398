"""A plain static web server on 127.0.0.1 for the deploy tests that need no Apache.

`url_for(folder)` is the address at which folder (anywhere below the system temp dir)
is served, so a deploy's probe (sitekit/deploy/probe.py) can fetch its test page from
the "remote" web root. Python's own http.server, in a thread of the test process,
started on first use; it knows no .htaccess, so it sends no security headers (the
tests' synthetic sites set none). tests/test_deploy_probe.py uses a real Apache.
"""

import functools
import http.server
import tempfile
import threading
import urllib.parse
from pathlib import Path

ROOT = Path(tempfile.gettempdir()).resolve()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.cache
def _server():
    handler = functools.partial(_Quiet, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_for(folder):
    """http://127.0.0.1:port/<folder below the temp dir> (no trailing slash)."""
    relative = Path(folder).resolve().relative_to(ROOT).as_posix()
    return f"http://127.0.0.1:{_server().server_port}/{urllib.parse.quote(relative)}"
