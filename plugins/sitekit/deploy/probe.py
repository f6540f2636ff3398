"""Prove the new .htaccess on the real host before the site switches to it.

One wrong directive in .htaccess turns every page of the site into "500 Internal Server
Error", and which directives a host allows (AllowOverride) cannot be seen from outside.
So before any visible file changes, the deploy uploads the new .htaccess together with
a tiny test page into a probe folder with a random name (`_deploy-probe-<hex>/`, no dot:
the live .htaccess answers 404 for dot paths), requests the page at the site's address
and removes the folder again. It goes on only if the answer is 200, shows the test
page (so the address really serves DEPLOY_PATH) and carries the headers the new file
sets. After the switch it asks for the start page and one changed page.

This module holds the plain parts: the probe's files, the headers a .htaccess promises,
one HTTP request, and the judgement with its German message. run.py calls them, the
backends upload and remove the folder.
"""

import secrets
import shlex
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from .errors import DeployError

PROBE_PREFIX = "_deploy-probe-"
PAGE = "index.html"
TIMEOUT = 20  # seconds for one request
USER_AGENT = "bunte-lebenswelten-deploy (Probe vor dem Veröffentlichen)"
ASK_HOST = ("    So beheben: Den Hoster bitten, für das Web-Verzeichnis „AllowOverride "
            "FileInfo“ zu erlauben und mod_headers einzuschalten (mehr braucht die .htaccess "
            "nicht). Hilft der Hoster nicht, in pelicanconf.py HTACCESS_HEADERS = False setzen "
            "und neu bauen: Dann geht die Website ohne Sicherheits-Header online (README, "
            "„Veröffentlichen“).")


def is_probe_path(relpath):
    """True for a file or folder of a probe folder (a leftover if a deploy was killed)."""
    return relpath.split("/", 1)[0].startswith(PROBE_PREFIX)


@dataclass
class Probe:
    """A probe folder: its name at the web root, the token its page shows, its files."""

    name: str
    token: str
    files: dict = field(default_factory=dict)  # relpath inside the folder -> bytes


def new_probe(htaccess):
    """A probe folder with a random name holding a test page and htaccess (bytes or None)."""
    token = secrets.token_hex(8)
    page = (f'<!doctype html><html lang="de"><meta charset="utf-8"><title>Probe</title>'
            f"<p>Probe {token}</p></html>\n").encode()
    files = {PAGE: page}
    if htaccess is not None:
        files[".htaccess"] = htaccess
    return Probe(PROBE_PREFIX + token, token, files)


def expected_headers(htaccess_text):
    """{name: value} of the headers every response gets from this .htaccess.

    Only unconditional "Header always set" lines outside <Files…> blocks count (the
    others depend on the file or the request, e.g. caching or HSTS over HTTPS).
    """
    headers = {}
    in_files = 0
    for line in htaccess_text.splitlines():
        line = line.strip()
        if line.lower().startswith("<files"):
            in_files += 1
        elif line.lower().startswith("</files"):
            in_files -= 1
        elif line.startswith("Header ") and not in_files:
            try:
                words = shlex.split(line)
            except ValueError:
                continue
            if len(words) == 5 and [w.lower() for w in words[1:3]] == ["always", "set"]:
                headers[words[3]] = words[4]
    return headers


@dataclass
class Answer:
    status: int
    headers: dict  # names in lower case
    body: bytes


class Unreachable(Exception):
    """The address did not answer at all (name, connection, TLS, time-out)."""


def fetch(url, timeout=TIMEOUT):
    """One GET (redirects followed, e.g. http → https); an Answer for any HTTP status."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, _lower(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, _lower(error.headers), error.read())
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise Unreachable(why(getattr(error, "reason", None) or error)) from None


def why(reason):
    """A German phrase for why a request got no answer."""
    if isinstance(reason, socket.gaierror):
        return "der Name der Adresse ist unbekannt"
    if isinstance(reason, ConnectionRefusedError):
        return "Verbindung abgelehnt"
    if isinstance(reason, TimeoutError):
        return f"keine Antwort in {TIMEOUT} Sekunden"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"das HTTPS-Zertifikat ist ungültig: {reason.verify_message}"
    if isinstance(reason, ssl.SSLError):
        return "die HTTPS-Verbindung ist gescheitert"
    return f"Fehler: {reason}"


def _lower(headers):
    return {name.lower(): value for name, value in headers.items()}


def page_url(base, relpath):
    """The address of an output file: "kontakt/index.html" → base + "/kontakt/"."""
    path = relpath[: -len(PAGE)] if relpath == PAGE or relpath.endswith("/" + PAGE) else relpath
    return f"{base.rstrip('/')}/{urllib.request.quote(path)}"


# --- the judgement ----------------------------------------------------------------------

NOTHING = "Auf der Website wurde nichts geändert."
ONLY_IF_INTENDED = ("    Nur wenn die Adresse von hier aus absichtlich nicht erreichbar ist: einmal "
                    "make deploy FORCE=1, oder (z. B. in CI) DEPLOY_ALLOW_UNREACHABLE=1 setzen.")


@dataclass
class Verdict:
    """Why the probe did not prove the new .htaccess.

    kind: "broken" (the new file breaks the site; nothing overrides that), "unchecked"
    (the address cannot be reached or does not show DEPLOY_PATH: FORCE=1 or
    DEPLOY_ALLOW_UNREACHABLE=1 go on), "headers" (the host ignores the file's headers:
    FORCE=1 goes on) or "already-broken" (the live site fails without the new file too:
    the deploy goes on, it may be the cure). text: what happened; fix: "So beheben" lines.
    """

    kind: str
    text: str
    fix: str = ""

    def error(self):
        return f"Fehler: {self.text} {NOTHING}\n{self.fix}".rstrip()

    def warning(self, reason):
        return f"Warnung: {self.text} {reason}"


def unreachable(url, reason):
    """url "" : the build names no address (no SITEURL in its manifest)."""
    where = (f"Die Website ist unter {url} von hier aus nicht zu erreichen ({reason})" if url
             else "Der Bau nennt keine Adresse der Website (SITEURL)")
    return Verdict("unchecked", (
        f"{where}. Deshalb lässt sich nicht prüfen, ob der Server die neue .htaccess "
        "verträgt."), (
        "    So beheben: SITEURL (beim „make publish-build“) muss die Adresse sein, unter der "
        "DEPLOY_PATH im Browser erscheint. Zeigt sie noch nicht auf diesen Server (z. B. vor "
        "einem Umzug), DEPLOY_CHECK_URL auf die Adresse setzen, die der Hoster für das "
        "Verzeichnis nennt.\n" + ONLY_IF_INTENDED))


def judge(url, answer, probe, expected, control=None):
    """None if the probe page arrived as it should, else a Verdict.

    control: the Answer for the same kind of page without the new .htaccess, asked for
    only after a 5xx (None if there was none).
    """
    if answer.status >= 500:
        if control is not None and control.status >= 500:
            return Verdict("already-broken", (
                f"Unter {url} antwortet der Server auch ohne die neue .htaccess mit HTTP "
                f"{control.status}: Die Website ist schon jetzt gestört (etwa durch eine "
                "ältere .htaccess). Die neue Fassung wird trotzdem hochgeladen; ob sie hilft, "
                "zeigt die Prüfung danach."))
        return Verdict("broken", (
            f"Mit der neuen .htaccess antwortet der Server mit HTTP {answer.status} (getestet "
            f"unter {url}). So online gestellt, zeigte jede Seite der Website nur eine "
            "Fehlerseite; deshalb wurde abgebrochen."), (
            "    Meist heißt das: Der Hoster erlaubt in .htaccess-Dateien eine ihrer "
            "Anweisungen nicht (Einstellung „AllowOverride“ des Servers); welche, steht im "
            "Fehlerprotokoll (error.log) im Kundenbereich des Hosters. Wurde "
            "theme/templates/htaccess.html geändert, liegt es meist an dieser Änderung.\n"
            + ASK_HOST))
    if answer.status != 200 or probe.token.encode() not in answer.body:
        what = (f"HTTP {answer.status}" if answer.status != 200
                else "HTTP 200, aber mit einer anderen Seite")
        return Verdict("unchecked", (
            f"Die Testseite, die gerade nach DEPLOY_PATH hochgeladen wurde, ist unter {url} "
            f"nicht zu sehen ({what}): Die Adresse zeigt nicht auf dieses Verzeichnis, oder "
            "sie ist geschützt."), (
            "    So beheben: DEPLOY_PATH mit den Angaben des Hosters vergleichen. Zeigt die "
            "Adresse (SITEURL) noch auf einen anderen Server, DEPLOY_CHECK_URL auf die "
            "Adresse setzen, unter der der Hoster DEPLOY_PATH zeigt.\n" + ONLY_IF_INTENDED))
    wrong = [name for name, value in expected.items()
             if answer.headers.get(name.lower()) != value]
    if wrong:
        return Verdict("headers", (
            f"Die Testseite unter {url} kommt ohne die Sicherheits-Header der .htaccess an "
            f"(es fehlen: {', '.join(wrong)}). Der Server liest die .htaccess nicht "
            "(„AllowOverride None“) oder hat mod_headers nicht; Besucher hätten nicht den "
            "Schutz, den die .htaccess verspricht."),
            ASK_HOST + "\n    Einmalig trotzdem veröffentlichen: make deploy FORCE=1")
    return None


def overridden(verdict, force, allow_unreachable):
    """The reason the deploy may go on despite verdict, or None if it must stop."""
    if verdict.kind == "already-broken":
        return ""
    if force and verdict.kind in ("unchecked", "headers"):
        return "Weiter ohne diese Prüfung, weil FORCE=1 gesetzt ist."
    if allow_unreachable and verdict.kind == "unchecked":
        return "Weiter ohne diese Prüfung, weil DEPLOY_ALLOW_UNREACHABLE=1 gesetzt ist."
    return None


def prove(backend, htaccess, base, *, force=False, allow_unreachable=False, say=print):
    """Probe htaccess (bytes or None) at base through backend; DeployError if it must stop.

    backend: put_probe(name, files) and remove_probe(name). Returns True if proven.
    """
    probe = new_probe(htaccess)
    expected = expected_headers(htaccess.decode("utf-8", "replace")) if htaccess else {}
    url = page_url(base, f"{probe.name}/{PAGE}") if base else ""
    put = []
    try:
        if not base:
            verdict = unreachable("", "")
        else:
            backend.put_probe(probe.name, probe.files)
            put.append(probe.name)
            try:
                answer = fetch(url)
            except Unreachable as error:
                verdict = unreachable(base, error)
            else:
                control = None
                if answer.status >= 500 and htaccess is not None:
                    plain = new_probe(None)
                    backend.put_probe(plain.name, plain.files)
                    put.append(plain.name)
                    try:
                        control = fetch(page_url(base, f"{plain.name}/{PAGE}"))
                    except Unreachable:
                        control = None
                verdict = judge(url, answer, probe, expected, control)
    finally:
        for name in put:
            backend.remove_probe(name)
    if verdict is None:
        checked = "mit allen Sicherheits-Headern" if expected else "ohne Sicherheits-Header"
        say(f"Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 "
            f"{checked}).")
        return True
    reason = overridden(verdict, force, allow_unreachable)
    if reason is None:
        raise DeployError(verdict.error())
    say(verdict.warning(reason).rstrip())
    return False


def check_pages(base, relpaths):
    """After the switch: [(url, status or None if unreachable)] for the given pages."""
    results = []
    for rel in relpaths:
        url = page_url(base, rel)
        try:
            results.append((url, fetch(url).status))
        except Unreachable:
            results.append((url, None))
    return results


def pages_to_check(uploads):
    """The start page and one changed page (the shallowest), as output paths."""
    changed = sorted((rel for rel in uploads if rel.endswith("/" + PAGE)),
                     key=lambda rel: (rel.count("/"), rel))
    return [PAGE] + changed[:1]


def page_report(base, uploads):
    """After the switch: (German line with the status of the start page and one changed
    page, the DeployError to raise or None if each answered 200 or could not be asked)."""
    results = check_pages(base, pages_to_check(uploads))
    line = "Die Website antwortet: " + "; ".join(
        f"{url} → {'nicht erreichbar' if status is None else f'HTTP {status}'}"
        for url, status in results) + "."
    bad = [f"{url}: HTTP {status}" for url, status in results if status not in (200, None)]
    if not bad:
        return line, None
    return line, DeployError(
        "Fehler: Die neue Fassung ist hochgeladen, aber nicht jede Seite antwortet "
        f"richtig ({'; '.join(bad)}).\n"
        "    So beheben: Im Fehlerprotokoll (error.log) im Kundenbereich des Hosters "
        "nachsehen und die Meldung an die IT-Gruppe schicken. Die vorige Fassung kommt "
        "zurück, indem man die letzte Änderung rückgängig macht („git revert“) und "
        "„make publish-build“ und „make deploy“ ausführt.")
