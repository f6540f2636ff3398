"""`make links` (sitetools/links): the external link check, against a web server on 127.0.0.1
that answers like the servers out there do (200, 301, 404, 429, HEAD refused, a hang).
Nothing outside 127.0.0.1 is asked: every name lookup is watched (local_only)."""

import datetime
import http.client
import socket
import threading
import time
import urllib.error
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

import pytest

from sitetools.links import Options, run
from sitetools.links.check import (
    BROKEN,
    MOVED,
    OK,
    UNSURE,
    Cache,
    Pacer,
    Result,
    as_sent,
    error_result,
    looks_offline,
    retry_after,
    skipped,
    status_result,
)
from sitetools.links.collect import markdown_links, toml_links, urls_in
from sitetools.links.report import moved_link

SETTINGS = {"ARTICLE_PATHS": ["aufrufe"], "PAGE_PATHS": ["pages"]}
GONE_HOST = "gibt-es-nicht.invalid"  # the DNS "knows" no such name (local_only)
INTERVAL = 0.2  # seconds between two requests to one host, small for the tests
TIMEOUT = 0.5


# --- finding the links -------------------------------------------------------------------


def test_urls_in_a_line_end_where_the_link_ends():
    line = (
        'Siehe [Verein](https://a.de/x?y=1 "Titel"), <https://b.de/>, '
        '<a href="https://c.de/z">c</a> und (https://d.de/wiki/A_(B)). Oder https://e.de.'
    )
    assert urls_in(line) == [
        "https://a.de/x?y=1",
        "https://b.de/",
        "https://c.de/z",
        "https://d.de/wiki/A_(B)",
        "https://e.de",
    ]
    assert urls_in("[Wiki](https://de.wikipedia.org/wiki/Verein_(Recht))") == [
        "https://de.wikipedia.org/wiki/Verein_(Recht)"
    ]
    assert urls_in("ftp://x.de und mailto:a@b.de und http://") == []


def test_links_in_code_examples_and_toml_comments_are_not_checked():
    text = "Title: T\n\nText https://a.de/\n\n```\nhttps://b.de/\n```\n\n`https://c.de/`\n"
    assert [(link.url, link.line) for link in markdown_links("p.md", text)] == [
        ("https://a.de/", 3)
    ]
    toml = '# siehe https://a.de/\nseite = "https://b.de/"\n'
    assert [(link.url, link.line) for link in toml_links("v.toml", toml)] == [("https://b.de/", 2)]


def test_reserved_hosts_are_not_asked():
    assert skipped("http://127.0.0.1:8000/", {"127.0.0.1"})
    assert skipped("https://www.example.org/x", {"example.org"})
    assert not skipped("https://example.org.evil.de/", {"example.org"})


# --- what an answer means ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "state"),
    [(200, OK), (204, OK), (404, BROKEN), (410, BROKEN), (403, UNSURE), (429, UNSURE)]
    + [(500, UNSURE), (400, UNSURE)],
)
def test_status_results(status, state):
    assert status_result(status).state == state


def test_a_permanent_redirect_to_a_working_page_is_moved():
    assert status_result(200, moved_to="https://a.de/neu") == Result(
        MOVED, 200, moved_to="https://a.de/neu"
    )


@pytest.mark.parametrize(
    ("error", "state", "problem"),
    [
        (socket.gaierror(socket.EAI_NONAME, "unknown"), BROKEN, "dns"),
        (urllib.error.URLError(socket.gaierror(socket.EAI_NONAME, "unknown")), BROKEN, "dns"),
        (urllib.error.URLError(socket.gaierror(socket.EAI_AGAIN, "no net")), UNSURE, "network"),
        (TimeoutError(), UNSURE, "timeout"),
        (urllib.error.URLError(ConnectionRefusedError()), UNSURE, "refused"),
        (http.client.RemoteDisconnected(), UNSURE, "network"),
        (http.client.IncompleteRead(b""), UNSURE, "network"),
        (http.client.InvalidURL("nonnumeric port"), BROKEN, "invalid"),
    ],
)
def test_what_a_request_without_answer_means(error, state, problem):
    assert error_result(error) == Result(state, problem=problem)


def test_addresses_go_over_the_wire_percent_encoded():
    assert as_sent("https://de.wikipedia.org/wiki/Göttingen") == (
        "https://de.wikipedia.org/wiki/G%C3%B6ttingen"
    )
    assert as_sent("https://a.de/x%20y?q=ä&r=1#teil") == "https://a.de/x%20y?q=%C3%A4&r=1#teil"


def test_retry_after_as_seconds_or_date():
    now = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC)
    assert retry_after("7") == 7
    assert retry_after("Sun, 06 Dec 2026 12:00:30 GMT", now) == 30
    assert retry_after("Sun, 06 Dec 2026 11:00:00 GMT", now) == 0
    assert retry_after("bald") is None
    assert retry_after(None) is None


def test_a_moved_link_keeps_its_anchor():
    assert moved_link("http://a.de/x#teil", "https://a.de/y") == "https://a.de/y#teil"
    assert moved_link("http://a.de/x", "https://a.de/y") == "https://a.de/y"


def test_pacer_spaces_requests_to_one_host_but_not_to_others():
    pace = Pacer(0.2)
    started = time.monotonic()
    pace("a.de")
    pace("b.de")
    assert time.monotonic() - started < 0.1
    pace("a.de")
    assert time.monotonic() - started >= 0.2


def test_cache_keeps_good_results_for_some_days_and_never_failures(tmp_path):
    now = datetime.datetime(2026, 12, 6, tzinfo=datetime.UTC)
    cache = Cache.load(tmp_path / "links.json")
    good, gone = Result(OK, 200), Result(BROKEN, 404, "not-found")
    cache.save({"https://a.de/": good, "https://b.de/": gone}, 7, now)
    cache = Cache.load(tmp_path / "links.json")
    assert cache.fresh(7, now + datetime.timedelta(days=6)) == {"https://a.de/": good}
    assert cache.fresh(7, now + datetime.timedelta(days=8)) == {}
    (tmp_path / "links.json").write_text("kaputt")
    assert Cache.load(tmp_path / "links.json").entries == {}


# --- against a web server on 127.0.0.1 -----------------------------------------------------


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests = []  # (method, path, monotonic time, User-Agent)
        self.lock = threading.Lock()

    def seen(self, path):
        return [r for r in self.requests if r[1] == path]


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        with self.server.lock:
            self.server.requests.append(
                (self.command, self.path, time.monotonic(), self.headers["User-Agent"])
            )
            tries = len(self.server.seen(self.path))
        headers = {}
        if self.path == "/ok":
            status = 200
        elif self.path in ("/alt", "/alt-mit-anker"):
            status, headers = 301, {"Location": "/ok"}
        elif self.path == "/voll":  # busy at first, fine after the pause it asked for
            status, headers = (429, {"Retry-After": "1"}) if tries == 1 else (200, {})
        elif self.path == "/gr%C3%BC%C3%9Fe":
            status = 200
        elif self.path == "/lange-pause":  # asks for an hour: not waited for
            status, headers = 503, {"Retry-After": "3600"}
        elif self.path == "/nur-get":
            status = 405 if self.command == "HEAD" else 200
        else:
            status = 404
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = Server()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def hanging():
    """A server that takes the connection and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()  # the kernel completes the connection; nobody ever reads it
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.fixture
def local_only(monkeypatch):
    """Every name lookup (each connection starts with one), recorded with its moment;
    GONE_HOST is unknown, any other name outside 127.0.0.1 fails the test before a packet
    leaves the machine."""
    looked_up = []
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        looked_up.append((host, time.monotonic()))
        if host == GONE_HOST:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        assert host == "127.0.0.1", f"the link check asked {host}"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
    return looked_up


def page(base, hang):
    return f"""Title: Links
Layout: page

Der Verein im Netz: [Start]({base}/ok) und [Satzung]({base}/weg).
Umgezogen: [alt]({base}/alt), mit Anker: <{base}/alt-mit-anker#kontakt>
Erst überlastet: {base}/voll, nur GET: <a href="{base}/nur-get">x</a>
Hängt: [Server]({hang}/seite)
Vertippt: [Adresse](https://{GONE_HOST}/) und ein Beispiel: https://example.org/x
Umlaute: [Grüße]({base}/grüße), lange Pause: {base}/lange-pause, kaputt: http://127.0.0.1:80a/x

```
{base}/nur-im-beispiel
```

Kein Server: [Mail](mailto:info@verein.test), [Telefon](tel:+495511234), [vertippt](htps://verein.test/)
"""


@pytest.fixture
def project(tmp_path, server, hanging):
    base = f"http://127.0.0.1:{server.server_port}"
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "links.md").write_text(page(base, hanging))
    (tmp_path / "content" / "verein.toml").write_text(
        f'name = "Verein"\nwebseite_alt = "{base}/alte-seite"\n'
    )
    return tmp_path, base, hanging


def check(root, now=None, **options):
    printed = []
    options = {
        "timeout": TIMEOUT,
        "host_interval": INTERVAL,
        "backoff": 0.05,
        "skip_hosts": frozenset({"example.org"}),
        **options,
    }
    code = run(
        root,
        root / "content",
        SETTINGS,
        Options(user_agent="BunteLebenswelten-Linkpruefung/1.0 (+https://verein.test)", **options),
        cache_path=root / "cache" / "links.json",
        report_path=root / "reports" / "links" / "bericht.md",
        out=printed.append,
        now=now,
    )
    return code, "\n".join(printed)


def test_make_links_reports_each_broken_link_at_its_file_and_line(project, server, local_only):
    root, base, hang = project
    started = time.monotonic()
    code, text = check(root)
    took = time.monotonic() - started

    assert code == 1  # a broken link fails the run
    md = "content/pages/links.md"
    assert (
        f"FEHLER in {md}, Zeile 4: Der Link „{base}/weg“ führt ins Leere: Die Seite gibt es "
        "dort nicht (mehr) (HTTP 404)." in text
    )
    assert (
        f"FEHLER in content/verein.toml, Zeile 2: Der Link „{base}/alte-seite“ führt ins Leere"
        in text
    )
    assert (
        f"FEHLER in {md}, Zeile 8: Der Link „https://{GONE_HOST}/“ führt ins Leere: Die Adresse "
        f"„{GONE_HOST}“ gibt es nicht." in text
    )
    # A permanent redirect: a hint with the new address to paste (the anchor kept).
    assert f"HINWEIS in {md}, Zeile 5: Die Seite hinter dem Link „{base}/alt“ ist dauerhaft" in text
    assert f"So beheben: Den Link durch die neue Adresse ersetzen:\n        {base}/ok\n" in text
    assert f"\n        {base}/ok#kontakt" in text
    # The hanging server: given up after the timeout, a warning (it may only be slow).
    assert (
        f"WARNUNG in {md}, Zeile 7: Der Server von „127.0.0.1“ hat auf den Link „{hang}/seite“ "
        "nicht innerhalb von 0,5 Sekunden geantwortet." in text
    )
    assert (
        f"WARNUNG in {md}, Zeile 9: Der Server von „127.0.0.1“ ist überlastet oder bittet, später "
        f"wiederzukommen (HTTP 503; Link „{base}/lange-pause“)." in text
    )
    assert f"FEHLER in {md}, Zeile 9: Der Link „http://127.0.0.1:80a/x“ ist keine gültige" in text
    assert took < 8  # 14 requests to one host, one timeout, one Retry-After of 1 s
    # Fine in the end, so not reported: 429 then 200, HEAD refused but GET answered.
    assert "/voll" not in text and "/nur-get" not in text and "/ok“" not in text
    assert "grüße" not in text
    reported = text.split("Nicht bei einem Server nachgefragt")[0]
    assert "Beispiel" not in reported and "example.org" not in reported
    assert "nur-im-beispiel" not in text
    # Grouped by file, in line order; the summary last.
    assert text.index("Zeile 4") < text.index("Zeile 5") < text.index("Zeile 8")
    assert text.index(md) < text.index("content/verein.toml")
    assert text.rstrip().endswith("Bericht gespeichert: reports/links/bericht.md")
    assert "4 Fehler, 2 Warnungen, 2 Hinweise" in text
    # At the end: what was not asked, and why.
    assert text.rstrip().splitlines()[-2] == (
        "Nicht bei einem Server nachgefragt: 1 Link zu Beispiel-Adressen wie example.org oder "
        "127.0.0.1, die es im Internet nicht gibt; 1 E-Mail-Link (mailto:) und 1 Telefon-Link "
        "(tel:), hinter denen kein Server steht; 1 vertippte Webadresse, die „make build“ mit "
        "Datei und Zeile nennt."
    )

    report = (root / "reports" / "links" / "bericht.md").read_text()
    assert report.startswith("# Externe Links: Bericht vom ")
    assert f"## {md}\n\n```text\nFEHLER in {md}, Zeile 4:" in report
    assert "## content/verein.toml" in report

    # What the servers saw: HEAD first, GET where HEAD was refused; the 429 waited for.
    assert [r[0] for r in server.seen("/nur-get")] == ["HEAD", "GET"]
    busy, fine = server.seen("/voll")
    assert fine[2] - busy[2] >= 0.9  # Retry-After: 1 (the backoff alone would be 0,05 s)
    assert len(server.seen("/nur-im-beispiel")) == 0
    assert {r[3] for r in server.requests} == {
        "BunteLebenswelten-Linkpruefung/1.0 (+https://verein.test)"
    }
    # At most one request per host per interval: the moments the checker connected to
    # 127.0.0.1. On a busy machine a thread may connect a little after its turn, which
    # shortens the gap to the next one but never the spacing of all of them.
    times = [when for host, when in local_only if host == "127.0.0.1"]
    assert len(times) == len(server.requests) + 1  # and the hanging server
    gaps = [later - earlier for earlier, later in pairwise(times)]
    assert min(gaps) >= INTERVAL / 2, gaps
    assert times[-1] - times[0] >= (len(times) - 1) * INTERVAL - 0.05, gaps
    # Nobody outside 127.0.0.1 was asked; the mistyped name only reached the "DNS".
    assert {host for host, _when in local_only} == {"127.0.0.1", GONE_HOST}


def test_a_second_run_asks_only_for_what_was_not_fine(project, server, local_only):
    root, base, _hang = project
    now = datetime.datetime.now(datetime.UTC)
    fast = {"host_interval": 0.02}  # the spacing is the first test's business
    check(root, now=now, **fast)
    asked = len(server.seen("/ok")), len(server.seen("/weg"))  # /ok: also after the 301s

    code, text = check(root, now=now + datetime.timedelta(days=1), **fast)
    assert code == 1
    assert len(server.seen("/ok")) == asked[0]  # the cached good answer is trusted
    assert len(server.seen("/weg")) == asked[1] + 1  # a failure is asked again
    assert f"Der Link „{base}/weg“ führt ins Leere" in text
    assert f"„{base}/alt“ ist dauerhaft umgezogen" in text  # the hint stays until fixed
    # /ok, /alt, /alt-mit-anker, /voll …
    assert "nachgefragt: 6 Adressen, die in den letzten 7 Tagen funktioniert haben" in text
    assert '"' + base + '/ok"' in (root / "cache" / "links.json").read_text()

    check(root, now=now + datetime.timedelta(days=8), **fast)  # a week later, everything again
    assert len(server.seen("/ok")) == 2 * asked[0]


def test_offline_means_no_answer_at_all_and_several_unknown_hosts():
    gone = Result(BROKEN, problem="dns")
    assert looks_offline({"https://a.de/": gone, "https://b.de/x": gone})
    assert not looks_offline({"https://a.de/": gone, "https://a.de/x": gone})  # one host
    assert not looks_offline(
        {"https://a.de/": gone, "https://b.de/": gone, "https://c.de/": Result(OK, 200)}
    )


def test_without_internet_no_link_is_called_broken(tmp_path, monkeypatch):
    def no_name_server(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_name_server)
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "a.md").write_text(
        "Title: A\n\n[Stadt](https://www.goettingen.de/) und [Wiki](https://de.wikipedia.org/)\n"
    )
    code, text = check(tmp_path)
    assert code == 1
    assert "keine Internetverbindung" in text and "Bitte keinen Link löschen." in text
    assert "führt ins Leere" not in text and "FEHLER" not in text
    assert not (tmp_path / "cache" / "links.json").exists()  # nothing learnt from it
    assert "Bitte keinen Link löschen." in (tmp_path / "reports/links/bericht.md").read_text()


def test_all_links_fine_exits_0(tmp_path, server, local_only):
    base = f"http://127.0.0.1:{server.server_port}"
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "a.md").write_text(f"Title: A\n\n[x]({base}/ok)\n")
    code, text = check(tmp_path)
    assert code == 0
    assert "1 Link in 1 Datei geprüft" in text and "Alle Links funktionieren." in text
