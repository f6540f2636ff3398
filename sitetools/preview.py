"""Local preview for `make serve`: serve output/ on 127.0.0.1, rebuild on every
change and reload the open browser pages.

Small on purpose: watchfiles (also what Pelican's own --autoreload uses) notices
changes, http.server serves the files, and Server-Sent Events tell the pages to
reload. Each served HTML page carries the build number it shows, so an edit that
lands while a page is still loading is not missed.
"""

import functools
import http.server
import re
import threading
from pathlib import Path

from watchfiles import watch

from sitekit.html import end_tag_position

EVENTS = "/__preview/events"
SCRIPT = "/__preview/reload.js"
# Reload as soon as the server reports a build newer than the one this page shows.
RELOAD_JS = b"""\
(function () {
  var shown = document.currentScript.dataset.build;
  var events = new EventSource("/__preview/events?build=" + shown);
  events.onmessage = function () { events.close(); location.reload(); };
})();
"""
KEEPALIVE_SECONDS = 10


class Builds:
    """A counter of finished builds that threads can wait on."""

    def __init__(self):
        self.number = 0
        self._changed = threading.Condition()

    def finished(self):
        with self._changed:
            self.number += 1
            self._changed.notify_all()

    def wait_newer_than(self, number, timeout):
        with self._changed:
            self._changed.wait_for(lambda: self.number > number, timeout=timeout)
            return self.number


class _Handler(http.server.SimpleHTTPRequestHandler):
    builds = None  # set by serve()

    def log_message(self, format, *args):
        pass  # no access log: the volunteer only needs build messages

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == SCRIPT:
            return self._send(200, "text/javascript", RELOAD_JS)
        if path == EVENTS:
            return self._stream_events()
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return self._send(200, "text/html; charset=utf-8", self._with_script(file))
        if not file.exists() and Path(self.directory, "404.html").is_file():
            # Like the web host's ErrorDocument: the site's own 404 page.
            return self._send(
                404, "text/html; charset=utf-8", self._with_script(Path(self.directory, "404.html"))
            )
        return super().do_GET()

    def _with_script(self, file):
        tag = f'<script src="{SCRIPT}" data-build="{self.builds.number}"></script>'
        html = file.read_text(encoding="utf-8")
        at = end_tag_position(html, "body")
        at = len(html) if at is None else at
        return (html[:at] + tag + html[at:]).encode("utf-8")

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _stream_events(self):
        match = re.search(r"build=(\d+)", self.path)
        shown = int(match[1]) if match else self.builds.number
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while self.builds.wait_newer_than(shown, KEEPALIVE_SECONDS) <= shown:
                self.wfile.write(b": still here\n\n")  # fails once the page is gone
                self.wfile.flush()
            self.wfile.write(b"data: reload\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(output, port, rebuild, watched, ready=None):
    """Serve `output` on 127.0.0.1:port; call rebuild() after changes in `watched` paths."""
    builds = Builds()
    handler = functools.partial(
        type("Handler", (_Handler,), {"builds": builds}), directory=str(output)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    stop = threading.Event()

    def rebuild_on_change():
        for _changes in watch(*watched, stop_event=stop):
            rebuild()
            builds.finished()

    watcher = threading.Thread(target=rebuild_on_change, daemon=True)
    watcher.start()
    if ready:
        ready()
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
