"""Asking the servers: does each external link still lead to a page?

Like lychee and linkchecker: HEAD first, GET where a server refuses HEAD; redirects
followed hop by hop, so a permanent one (301/308) can be reported with the new address;
429 and 503 tried again after the server's Retry-After (bounded) or a growing pause; a
timeout for a server that never answers; at most one request per host per interval, a
few hosts at a time; a User-Agent that names the site.

The standard library's urllib does all of this with a five-line redirect handler that hands
each redirect back to us. requests would save only that handler (its response.history) and
add five packages to requirements.lock; the pacing, retries and cache are ours either way.
"""

import email.utils
import http.client
import json
import queue
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

# Hosts reserved for examples and tests (RFC 2606, RFC 6761) and this computer: a link to
# them never leads anywhere on the internet, e.g. "http://127.0.0.1:8000" in a how-to.
SKIP_HOSTS = frozenset(
    {"localhost", "127.0.0.1", "example", "example.org", "example.com", "example.net", "test",
     "invalid"}
)  # fmt: skip


@dataclass(frozen=True)
class Options:
    user_agent: str  # names the site, so a webmaster knows who asks
    timeout: float = 15.0  # seconds a server may take to connect and to answer
    host_interval: float = 1.0  # seconds at least between two requests to one host
    workers: int = 4  # hosts checked at the same time
    retries: int = 2  # further tries after 429, 503 or a dropped connection
    backoff: float = 2.0  # seconds before the first retry without Retry-After; doubles
    max_retry_after: float = 60.0  # a server that asks for a longer pause is not waited for
    max_redirects: int = 10
    cache_days: float = 7.0  # how long a good result is trusted; failures are asked again
    skip_hosts: frozenset = SKIP_HOSTS  # these hosts and their subdomains are not checked


OK = "ok"
MOVED = "moved"  # works, through a permanent redirect: moved_to is the address to paste
BROKEN = "broken"  # an error: the page or the host is gone
UNSURE = "unsure"  # a warning: no clear answer (timeout, server error, access refused …)

HEAD_REFUSED = {403, 405, 501}  # servers that answer HEAD so mostly answer GET properly
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
TRY_AGAIN = {429, 503}


@dataclass(frozen=True)
class Result:
    state: str  # OK, MOVED, BROKEN or UNSURE
    status: int | None = None  # the last HTTP status, if any
    problem: str = ""  # why it is not OK: see report.py for each
    moved_to: str = ""


def status_result(status, moved_to=""):
    """The Result of the last answer of a redirect chain."""
    if 200 <= status < 300:
        return Result(MOVED, status, moved_to=moved_to) if moved_to else Result(OK, status)
    if status in (404, 410):
        return Result(BROKEN, status, "not-found")
    if status in (401, 403):
        return Result(UNSURE, status, "forbidden")
    if status in TRY_AGAIN:
        return Result(UNSURE, status, "busy")
    return Result(UNSURE, status, "server" if status >= 500 else "http")


def error_result(error):
    """The Result of a request that got no HTTP answer."""
    # urllib wraps connection errors in URLError; a timeout while waiting for the answer not
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.gaierror) and reason.errno in (
        socket.EAI_NONAME,
        getattr(socket, "EAI_NODATA", socket.EAI_NONAME),
    ):
        return Result(BROKEN, problem="dns")
    if isinstance(reason, TimeoutError):
        return Result(UNSURE, problem="timeout")
    if isinstance(reason, ConnectionRefusedError):
        return Result(UNSURE, problem="refused")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return Result(UNSURE, problem="certificate")
    if isinstance(reason, http.client.InvalidURL | ValueError) and not isinstance(reason, OSError):
        return Result(BROKEN, problem="invalid")  # e.g. "https://verein.de:80a/"
    return Result(UNSURE, problem="network")


def retry_after(value, now=None):
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Pacer:
    """At most one request per host per interval, for any number of threads: a caller waits
    until the host's last request is interval ago, and its own starts the next interval (when
    it really starts: a busy machine that wakes a thread late never shortens the pause)."""

    def __init__(self, interval):
        self.interval = interval
        self.last = {}  # host -> time.monotonic() of its last request
        self.locks = defaultdict(threading.Lock)  # one per host, so hosts never wait on others
        self.lock = threading.Lock()

    def __call__(self, host):
        with self.lock:
            host_lock = self.locks[host]
        with host_lock:
            if host in self.last:
                time.sleep(max(0.0, self.last[host] + self.interval - time.monotonic()))
            self.last[host] = time.monotonic()


class _HandBack(urllib.request.HTTPRedirectHandler):
    """Every redirect comes back as its 3xx answer: the checker follows it itself."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_HandBack)


# Characters a URL may carry as they are; everything else (an "ö", a space) is
# percent-encoded, and what already is stays as it is.
URL_SAFE = "%/:=&?~+!$,;'@()*"


def as_sent(url):
    """The address as it goes over the wire: ".../wiki/Göttingen" as ".../wiki/G%C3%B6ttingen".
    (A host name like "bürgerverein.de" is encoded by http.client and the resolver.)"""
    parts = urlsplit(url)
    return parts._replace(
        path=quote(parts.path, safe=URL_SAFE), query=quote(parts.query, safe=URL_SAFE)
    ).geturl()


def _request(url, method, options):
    """(status, headers) of one request, the body left unread."""
    request = urllib.request.Request(
        as_sent(url), method=method, headers={"User-Agent": options.user_agent, "Accept": "*/*"}
    )
    try:
        with _OPENER.open(request, timeout=options.timeout) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as answer:  # 3xx, 4xx and 5xx are answers too
        answer.close()
        return answer.code, answer.headers


def _ask(url, options, pace):
    """(status, headers) of url, or a Result when no answer came. HEAD, GET where HEAD is
    refused; after 429, 503 or a dropped connection tried again (options.retries)."""
    method, attempt = "HEAD", 0
    while True:
        pace(urlsplit(url).hostname)
        try:
            status, headers = _request(url, method, options)
        except (OSError, http.client.HTTPException, ValueError) as error:
            result = error_result(error)
            if result.problem != "network" or attempt >= options.retries:
                return result
            wait = options.backoff * 2**attempt
        else:
            if method == "HEAD" and status in HEAD_REFUSED:
                method = "GET"
                continue
            if status not in TRY_AGAIN or attempt >= options.retries:
                return status, headers
            asked = retry_after(headers.get("Retry-After"))
            wait = options.backoff * 2**attempt if asked is None else asked
            if wait > options.max_retry_after:
                return status, headers
        attempt += 1
        time.sleep(wait)


def check_url(url, options, pace):
    """The Result for one address (without #fragment)."""
    current, moved_to, permanent = url, "", True
    for _hop in range(options.max_redirects + 1):
        answer = _ask(current, options, pace)
        if isinstance(answer, Result):
            return answer
        status, headers = answer
        target = urljoin(current, headers.get("Location", ""))
        if status not in REDIRECTS or urlsplit(target).scheme not in ("http", "https"):
            return status_result(status, moved_to)
        permanent = permanent and status in PERMANENT
        if permanent:
            moved_to = target  # the new address, up to the first temporary redirect
        current = target
    return Result(UNSURE, problem="redirects")


def skipped(url, skip_hosts):
    host = (urlsplit(url).hostname or "").lower()
    return any(host == skip or host.endswith("." + skip) for skip in skip_hosts)


def looks_offline(results):
    """True when no server answered at all and at least two hosts were "unknown": then the
    computer has no internet (or no name server), not every website is gone."""
    unknown = {urlsplit(url).hostname for url, r in results.items() if r.problem == "dns"}
    return len(unknown) >= 2 and all(r.status is None for r in results.values())


def check_all(urls, options, known=None):
    """{url: Result} for every url; known results (the cache) are not asked again. Hosts
    are checked side by side (options.workers), each host's addresses one after the other."""
    known = known or {}
    by_host = defaultdict(list)
    for url in sorted(set(urls) - set(known)):
        by_host[urlsplit(url).hostname].append(url)
    pace = Pacer(options.host_interval)
    waiting = queue.SimpleQueue()
    for host_urls in by_host.values():
        waiting.put(host_urls)
    results = {url: known[url] for url in urls if url in known}
    failed = []

    def worker():
        try:
            while not failed:
                for url in waiting.get_nowait():
                    results[url] = check_url(url, options, pace)
        except queue.Empty:
            pass
        except Exception as error:  # a bug: the main thread raises it
            failed.append(error)

    # Daemon threads: Ctrl+C ends the run at once, not after the requests under way.
    workers = [
        threading.Thread(target=worker, daemon=True)
        for _ in range(min(options.workers, len(by_host)))
    ]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    if failed:
        raise failed[0]
    return results


@dataclass
class Cache:
    """Good results (OK, MOVED) of earlier runs, each trusted options.cache_days."""

    path: Path
    entries: dict = field(default_factory=dict)  # url -> {"checked": ISO time, **Result}

    @classmethod
    def load(cls, path):
        try:
            entries = json.loads(Path(path).read_text(encoding="utf-8"))["links"]
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            entries = {}  # no cache yet, or a damaged one: everything is asked again
        return cls(Path(path), entries)

    def fresh(self, days, now):
        """{url: Result} of the entries younger than days."""
        fresh = {}
        for url, entry in self.entries.items():
            try:
                checked = datetime.fromisoformat(entry["checked"])
                result = Result(**{k: v for k, v in entry.items() if k != "checked"})
            except (KeyError, TypeError, ValueError):
                continue
            if now - checked < timedelta(days=days) and result.state in (OK, MOVED):
                fresh[url] = result
        return fresh

    def save(self, results, days, now):
        """Keep the fresh entries and the good results just asked; failures are dropped."""
        keep = {url: self.entries[url] for url in self.fresh(days, now)}
        for url, result in results.items():
            if result.state in (OK, MOVED) and url not in keep:
                keep[url] = {"checked": now.isoformat(), **asdict(result)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps({"links": dict(sorted(keep.items()))}, indent=1, ensure_ascii=False),
            encoding="utf-8",
        )
        temporary.replace(self.path)
