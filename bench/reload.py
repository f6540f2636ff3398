"""How long the preview takes to show a saved edit: `make serve` on a copy of the project.

The copy (bench/.work/serve-<preset>/) has the project's tasks.py, settings, theme and
plugins and the corpus as content/; its image cache starts as a copy of the bench's, so
the server's first build does not encode photos. The server runs exactly as `make serve`
runs it (`invoke serve`, which rebuilds in-process). Each round changes one word of an
article, then times until the page's Server-Sent-Events connection says "reload" AND the
page, fetched again, has the new word. A Python client on 127.0.0.1 stands in for the
browser: it does what reload.js does (the same events URL with the shown build number).
"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from scenario import ENV

from sitetools.preview import EVENTS

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PROJECT_FILES = ("tasks.py", "pelicanconf.py", "publishconf.py")
PROJECT_FOLDERS = ("theme", "plugins")
ARTICLE = "neuigkeiten/beitrag-0000.md"
MARK = "Messwort{}"
SLUG = "neu-laden-messung"
BUILD = re.compile(r'data-build="(\d+)"')
TIMEOUT = 300  # seconds for the first build or one round; only a broken server takes that long


def _copy_or_link(source, target):
    """Texts are copied (they are edited); photos are hard links (never edited)."""
    if Path(source).suffix in (".md", ".toml"):
        return shutil.copy2(source, target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def prepare(project, content, image_cache):
    """A fresh project copy with the corpus and a copy of the image cache."""
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(content, project / "content", copy_function=_copy_or_link)
    if image_cache.is_dir():
        shutil.copytree(image_cache, project / "cache" / "images", copy_function=_copy_or_link)
    article = project / "content" / ARTICLE
    text = article.read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    # The word the rounds change: a sentence of its own at the start of the text; a slug
    # of its own, so the page's address is known.
    article.write_text(
        f"{head}\nSlug: {SLUG}\n\nDas {MARK.format(0)} steht hier.\n{body}", encoding="utf-8"
    )
    return article


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`invoke serve` in the project copy; its output is kept for a failure message."""

    def __init__(self, project):
        self.port = _free_port()
        self.lines = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "serve", "--port", str(self.port)],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            env=ENV,
        )
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(TIMEOUT):
            self.stop()
            raise SystemExit("Vorschau startet nicht:\n" + "".join(self.lines[-20:]))

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("Vorschau: http"):
                self.ready.set()

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        connection.close()
        return response.status, body

    def events(self, build):
        """An open events stream, as reload.js opens it for a page showing `build`."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        connection.request("GET", f"{EVENTS}?build={build}")
        response = connection.getresponse()
        return connection, response

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # Ctrl+C, as a volunteer stops it
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _wait_for_reload(response):
    for line in response:
        if line.startswith(b"data: reload"):
            return
    raise SystemExit("Der Ereignisstrom endete ohne „reload“.")


def measure(project_dir, content, image_cache, rounds=5):
    """Seconds from saving an edit to the reloaded page with the edit, per round."""
    article = prepare(project_dir, content, image_cache)
    server = Server(project_dir)
    try:
        address = f"/{SLUG}/"
        seconds = []
        for number in range(1, rounds + 1):
            status, html = server.get(address)
            build = BUILD.search(html)[1]
            connection, response = server.events(build)  # the open page listens
            text = article.read_text(encoding="utf-8")
            new = text.replace(MARK.format(number - 1), MARK.format(number))
            started = time.monotonic()
            article.write_text(new, encoding="utf-8")  # the volunteer saves
            while True:
                _wait_for_reload(response)
                connection.close()
                status, html = server.get(address)
                if status == 200 and MARK.format(number) in html:
                    break
                # A rebuild that began before the save: wait for the next one.
                connection, response = server.events(BUILD.search(html)[1])
            seconds.append(time.monotonic() - started)
            print(f"  Neu laden nach dem Speichern: {seconds[-1]:.2f} s", flush=True)
            time.sleep(1)  # let the watcher settle before the next save
        return seconds
    finally:
        server.stop()
