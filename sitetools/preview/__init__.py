"""Local preview for `make serve`: serve output/, rebuild on every change, reload the open
browser pages, and show in the browser what the build found.

Small on purpose: watchfiles (also what Pelican's own --autoreload uses) notices changes,
http.server serves the files, Server-Sent Events tell the pages to reload. Each served HTML
page carries the build number it shows, so an edit that lands while a page is still loading
is not missed. Besides the site the server answers, never from output/:
- at the address of a page that could not be built, a page naming each of its problems;
- at the old address of a page that moved (a draft published, a title changed), a redirect;
- at /__vorschau/probleme/, every open finding of the site, grouped by file;
- on every page, a small banner while anything is open.
"""

import functools
import http.server
import re
import threading
from pathlib import Path

from watchfiles import watch

from sitekit.constants import PREVIEW_OVERVIEW, PREVIEW_PREFIX
from sitekit.html import end_tag_position, start_tags

from . import pages
from .state import Snapshot, next_snapshot

EVENTS = PREVIEW_PREFIX + "events"
STATIC = Path(__file__).with_name("static")
ASSETS = {
    PREVIEW_PREFIX + "reload.js": ("reload.js", "text/javascript"),
    PREVIEW_PREFIX + "vorschau.css": ("vorschau.css", "text/css"),
}
SITE_CSS = "/theme/css/site.css"
KEEPALIVE_SECONDS = 10


class Builds:
    """The latest Snapshot, and a way for threads to wait for the next one."""

    def __init__(self):
        self.snapshot = Snapshot()
        self._changed = threading.Condition()

    @property
    def number(self):
        return self.snapshot.number

    def finished(self, ledger):
        """A build ended; ledger is its sitekit Ledger (None if the build broke)."""
        with self._changed:
            self.snapshot = next_snapshot(self.snapshot, ledger)
            self._changed.notify_all()

    def wait_other_than(self, number, timeout):
        with self._changed:
            # != and not >: a tab still open from before a restart of `make serve` shows
            # a higher number than the new server's first build.
            self._changed.wait_for(lambda: self.number != number, timeout=timeout)
            return self.number


class _Handler(http.server.SimpleHTTPRequestHandler):
    builds = None  # set by serve()

    def log_message(self, format, *args):
        pass  # no access log: the volunteer only needs build messages

    def do_GET(self):
        path = self.path.split("?")[0]
        snapshot = self.builds.snapshot
        if path in ASSETS:
            name, content_type = ASSETS[path]
            return self._send(200, content_type, (STATIC / name).read_bytes())
        if path == EVENTS:
            return self._stream_events()
        if path.rstrip("/") == PREVIEW_OVERVIEW.rstrip("/"):
            return self._send_html(200, pages.overview_page(snapshot, SITE_CSS))
        if not Path(self.directory).is_dir():  # the first build broke, or a swap is under way
            return self._send_html(503, pages.waiting_page(snapshot.number, SITE_CSS))
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return self._send_html(200, self._with_preview(file, snapshot))
        if not file.exists():
            address = path.lstrip("/")
            for candidate in dict.fromkeys([address, address.rstrip("/") + "/"]):
                if source := snapshot.unbuilt_at(candidate):
                    return self._send_html(
                        200,
                        pages.problem_page(
                            source, snapshot.findings_of(source), snapshot.number, SITE_CSS
                        ),
                    )
                if (moved := snapshot.moved_to(candidate)) is not None:
                    return self._redirect("/" + moved)
            # Like the web host's ErrorDocument: the site's own 404 page.
            not_found = Path(self.directory, "404.html")
            if not_found.is_file():
                return self._send_html(404, self._with_preview(not_found, snapshot))
            return self._send_html(404, pages.not_found_page(snapshot.number, SITE_CSS))
        return super().do_GET()

    def _with_preview(self, file, snapshot):
        """The page as written, plus the preview's stylesheet, banner and reload script."""
        html = file.read_text(encoding="utf-8")
        address = file.relative_to(self.directory).as_posix()
        source = snapshot.source_at(address.removesuffix("index.html"))
        for position, insert in sorted(
            [
                (
                    end_tag_position(html, "head"),
                    f'<link rel="stylesheet" href="{pages.STYLESHEET}">',
                ),
                (_after_start_tag(html, "main"), pages.banner(snapshot, source)),
                (end_tag_position(html, "body"), pages.reload_script(snapshot.number)),
            ],
            key=lambda item: -(item[0] if item[0] is not None else len(html)),
        ):
            at = len(html) if position is None else position
            html = html[:at] + insert + html[at:]
        return html

    def _send_html(self, status, html):
        self._send(status, "text/html; charset=utf-8", html.encode("utf-8"))

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _stream_events(self):
        match = re.search(r"build=(\d+)", self.path)
        shown = int(match[1]) if match else self.builds.number
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while self.builds.wait_other_than(shown, KEEPALIVE_SECONDS) == shown:
                self.wfile.write(b": still here\n\n")  # fails once the page is gone
                self.wfile.flush()
            self.wfile.write(b"data: reload\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _after_start_tag(html, name):
    """Where the content of the first <name> begins, or None."""
    tags = start_tags(html, {name})
    return tags[0].end if tags else None


def serve(output, port, rebuild, watched, ready=None, host="127.0.0.1"):
    """Build once, then serve `output` on host:port; rebuild after changes in `watched`.

    rebuild() returns the build's sitekit Ledger, or None when the build broke.
    """
    builds = Builds()
    builds.finished(rebuild())
    handler = functools.partial(
        type("Handler", (_Handler,), {"builds": builds}), directory=str(output)
    )
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    stop = threading.Event()

    def rebuild_on_change():
        for _changes in watch(*watched, stop_event=stop):
            builds.finished(rebuild())

    watcher = threading.Thread(target=rebuild_on_change, daemon=True)
    watcher.start()
    if ready:
        ready()
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
