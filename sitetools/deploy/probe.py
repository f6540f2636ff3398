"""Prove the new .htaccess on the real host before the site switches to it.

One wrong directive in .htaccess turns every page of the site into "500 Internal Server
Error", and which directives a host allows (AllowOverride) cannot be seen from outside.
So before any visible file changes, the deploy uploads the new .htaccess together with
a tiny test page into a probe folder with a random name (`_deploy-probe-<hex>/`, no dot:
the live .htaccess answers 404 for dot paths), requests the page at the site's address
and removes the folder again. It goes on only if the answer is 200, shows the test
page (so the address really serves DEPLOY_PATH) and carries the headers the new file
sets. The probe's copy of the file first unsets those headers, so headers that the live
.htaccess of the web root sets cannot stand in for missing ones. When the test page
does not arrive, the same page without the new file tells whether the file is to blame.
After the switch the deploy asks for the start page and one changed page.

This module holds the plain parts (the probe's files, the headers a .htaccess promises,
one HTTP request, the judgement with its German message) and `prove()`, which runs them
through a backend's put_probe(name, files) and remove_probe(name).
"""

import http.client
import secrets
import shlex
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from sitekit.german import ERROR, report

from .errors import DeployError, failure

PROBE_PREFIX = "_deploy-probe-"
PAGE = "index.html"
TIMEOUT = 20  # seconds for one request
USER_AGENT = "bunte-lebenswelten-deploy (check before publishing)"  # ASCII: a header


def is_probe_path(relpath):
    """True for a file or folder of a probe folder (a leftover if a deploy was killed)."""
    return relpath.split("/", 1)[0].startswith(PROBE_PREFIX)


@dataclass
class Probe:
    """A probe folder: its name at the web root, the token its page shows, its files."""

    name: str
    token: str
    files: dict = field(default_factory=dict)  # relpath inside the folder -> bytes


def new_probe(htaccess=None, expected=()):
    """A probe folder with a random name holding a test page and, unless None, htaccess
    (bytes) headed by an unset of each expected header name."""
    token = secrets.token_hex(8)
    page = (
        f'<!doctype html><html lang="de"><meta charset="utf-8"><title>Probe</title>'
        f"<p>Probe {token}</p></html>\n"
    ).encode()
    files = {PAGE: page}
    if htaccess is not None:
        unset = "".join(f"  Header always unset {name}\n" for name in expected)
        head = f"<IfModule mod_headers.c>\n{unset}</IfModule>\n" if unset else ""
        files[".htaccess"] = head.encode() + htaccess
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
    headers: dict  # lower-case name -> [values] (a proxy may add a second one)
    body: bytes

    def shows(self, token):
        return self.status == 200 and token.encode() in self.body

    def missing(self, expected):
        """Names of expected headers that did not arrive with their value."""
        return [
            name
            for name, value in expected.items()
            if value not in self.headers.get(name.lower(), [])
        ]


class Unreachable(Exception):
    """The address did not answer at all (name, connection, TLS, time-out)."""


def fetch(url, timeout=TIMEOUT):
    """One GET (redirects followed, e.g. http → https); an Answer for any HTTP status."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Cache-Control": "no-cache"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, _headers(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, _headers(error.headers), error.read())
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        raise Unreachable(why(getattr(error, "reason", None) or error)) from None


def why(reason):
    """A German phrase for why a request got no answer."""
    if isinstance(reason, socket.gaierror):
        return "der Name der Adresse lässt sich nicht auflösen"
    if isinstance(reason, ConnectionRefusedError):
        return "Verbindung abgelehnt"
    if isinstance(reason, TimeoutError):
        return f"keine Antwort in {TIMEOUT} Sekunden"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "das HTTPS-Zertifikat des Servers ist ungültig"
    if isinstance(reason, ssl.SSLError):
        return "die HTTPS-Verbindung ist gescheitert"
    if isinstance(reason, http.client.HTTPException):
        return "der Server hat keine gültige HTTP-Antwort geschickt"
    return "keine Verbindung"


def _headers(message):
    headers = {}
    for name, value in message.items():
        headers.setdefault(name.lower(), []).append(value)
    return headers


def page_url(base, relpath, query=""):
    """The address of an output file: "kontakt/index.html" → base + "/kontakt/".

    base may hold non-ASCII letters (https://verein.de/über-uns); the result is a URI.
    """
    path = relpath[: -len(PAGE)] if relpath == PAGE or relpath.endswith("/" + PAGE) else relpath
    parts = urllib.parse.urlsplit(base.rstrip("/"))
    host = parts.hostname.encode("idna").decode() if parts.hostname else ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    full = urllib.parse.quote(f"{parts.path}/{path}", safe="/%")
    return urllib.parse.urlunsplit((parts.scheme, netloc, full, query, ""))


# --- the judgement ----------------------------------------------------------------------

NOTHING = "Auf der Website wurde nichts geändert."
INTENDED = (
    "Nur wenn die Adresse von hier aus absichtlich nicht erreichbar ist: einmal "
    "make deploy FORCE=1, oder (z. B. in der CI) DEPLOY_ALLOW_UNREACHABLE=1 setzen."
)
CHECK_URL = "DEPLOY_CHECK_URL auf die Adresse setzen, unter der der Hoster DEPLOY_PATH zeigt"
# kind -> what lets the deploy go on anyway (see Verdict)
OVERRIDES = {
    "broken": (),
    "headers": ("force",),
    "unreachable": ("force", "allow_unreachable"),
    "elsewhere": ("force", "allow_unreachable"),
    "already-broken": ("always",),
}


@dataclass
class Verdict:
    """Why the probe did not prove the new .htaccess.

    kind: "broken" (the test page arrives without the new file but not with it: nothing
    overrides that), "unreachable" (no answer) or "elsewhere" (the address does not show
    DEPLOY_PATH): FORCE=1 or DEPLOY_ALLOW_UNREACHABLE=1 go on; "headers" (the host
    ignores the file's headers): FORCE=1 goes on; "already-broken" (the live site fails
    without the new file too): the deploy goes on, it may be the cure.
    text: what happened; cause, fix and notes as sitekit.german.report() lays them out.
    """

    kind: str
    text: str
    fix: str = ""
    cause: str = ""
    notes: tuple = ()

    def error(self):
        return failure(self.text, self.fix, NOTHING, cause=self.cause, notes=self.notes)

    def warning(self, reason):
        return f"Warnung: {self.text} {reason}".rstrip()


def unreachable(url, reason):
    """url "": the build names no address (no SITEURL in its manifest)."""
    where = (
        f"Die Website ist unter {url} von hier aus nicht zu erreichen ({reason})"
        if url
        else "Der Bau nennt keine Adresse der Website (SITEURL)"
    )
    return Verdict(
        "unreachable",
        (f"{where}. Deshalb lässt sich nicht prüfen, ob der Server die neue .htaccess verträgt."),
        (
            "Die Internetverbindung prüfen und später erneut versuchen. SITEURL "
            "(beim „make publish-build“) muss die Adresse sein, unter der DEPLOY_PATH im Browser "
            f"erscheint; zeigt sie noch nicht auf diesen Server (z. B. vor einem Umzug), {CHECK_URL}."
        ),
        notes=(INTENDED,),
    )


def judge(url, answer, token, expected, control=None, control_token="", dry_run=False):
    """None if the test page arrived as it should, else a Verdict.

    control: the Answer for a test page without the new .htaccess (control_token), asked
    for only when the first one did not show its page.
    """
    if answer.shows(token):
        missing = answer.missing(expected)
        if not missing:
            return None
        return Verdict(
            "headers",
            (
                f"Die Testseite unter {url} kommt ohne die Sicherheits-Header der neuen .htaccess "
                f"an (es fehlen: {', '.join(missing)}). Der Server liest .htaccess-Dateien nicht "
                "(„AllowOverride None“) oder hat mod_headers nicht; Besucher hätten nicht den "
                "Schutz, den die .htaccess verspricht."
            ),
            (
                "Den Hoster bitten, für das Web-Verzeichnis „AllowOverride "
                "FileInfo“ zu erlauben und mod_headers einzuschalten. Geht das nicht, in "
                "pelicanconf.py HTACCESS_HEADERS = False setzen und „make publish-build“ "
                "ausführen: Dann geht die Website ohne diese Header online (README, "
                "„Veröffentlichen“)."
            ),
            notes=("Einmalig trotzdem veröffentlichen: make deploy FORCE=1",),
        )
    got = f"HTTP {answer.status}" if answer.status != 200 else "HTTP 200 mit einer anderen Seite"
    if control is not None and control.shows(control_token):
        return Verdict(
            "broken",
            (
                f"Mit der neuen .htaccess antwortet der Server auf eine Testseite mit {got}; "
                "ohne die neue .htaccess zeigt er sie richtig an (getestet unter "
                f"{url}). So online gestellt, würde die neue .htaccess die Website stören; deshalb "
                "wurde abgebrochen."
            ),
            (
                "Den Hoster bitten, für das Web-Verzeichnis „AllowOverride "
                "FileInfo“ zu erlauben (mehr braucht die .htaccess nicht), und die Zeile aus dem "
                "Fehlerprotokoll mitschicken. Wurde theme/templates/htaccess.html geändert, "
                "diese Änderung rückgängig machen. Nennt das Fehlerprotokoll eine „Header“-Zeile "
                "und hilft der Hoster nicht: in pelicanconf.py HTACCESS_HEADERS = False setzen, "
                "dann „make publish-build“ und erneut „make deploy“."
            ),
            cause=(
                "Der Hoster erlaubt in .htaccess-Dateien eine Anweisung darin "
                "nicht (Einstellung „AllowOverride“ des Servers); welche, steht im "
                "Fehlerprotokoll (error.log) im Kundenbereich des Hosters."
            ),
        )
    if answer.status >= 500 and control is not None and control.status >= 500:
        upload = "würde trotzdem hochgeladen" if dry_run else "wird trotzdem hochgeladen"
        return Verdict(
            "already-broken",
            (
                f"Der Server antwortet auch ohne die neue .htaccess mit HTTP {control.status} "
                f"(getestet unter {url}): Die Website ist schon jetzt gestört, etwa durch eine "
                f"ältere .htaccess. Die neue Fassung {upload}; ob sie hilft, zeigt die Prüfung "
                "danach."
            ),
        )
    return Verdict(
        "elsewhere",
        (
            f"Die Testseite, die gerade nach DEPLOY_PATH hochgeladen wurde, ist unter {url} nicht "
            f"zu sehen ({got}): Die Adresse zeigt nicht auf dieses Verzeichnis, oder sie ist "
            "geschützt."
        ),
        (
            "DEPLOY_PATH mit den Angaben des Hosters vergleichen. Zeigt die Adresse "
            f"(SITEURL) noch auf einen anderen Server, {CHECK_URL}."
        ),
        notes=(INTENDED,),
    )


def overridden(verdict, force, allow_unreachable):
    """Why the deploy may go on despite verdict ("" for no reason needed), or None."""
    allowed = OVERRIDES[verdict.kind]
    if "always" in allowed:
        return ""
    if force and "force" in allowed:
        return "Weiter ohne diese Prüfung, weil FORCE=1 gesetzt ist."
    if allow_unreachable and "allow_unreachable" in allowed:
        return "Weiter ohne diese Prüfung, weil DEPLOY_ALLOW_UNREACHABLE=1 gesetzt ist."
    return None


def prove(
    backend, htaccess, base, *, force=False, allow_unreachable=False, dry_run=False, say=print
):
    """Probe htaccess (bytes or None) at base through backend; DeployError if the deploy
    must stop. Every probe folder is removed again, also when something fails."""
    expected = expected_headers(htaccess.decode("utf-8", "replace")) if htaccess else {}
    put = []  # names of the probe folders that may be on the server
    try:
        verdict = _probe(backend, htaccess, expected, base, put, dry_run)
    except BaseException:
        _remove(backend, put)
        raise
    failures = _remove(backend, put)
    if failures:
        raise failures[0]
    if verdict is None:
        checked = "mit allen Sicherheits-Headern" if expected else "ohne Sicherheits-Header"
        say(
            "Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 "
            f"{checked})."
        )
        return True
    reason = overridden(verdict, force, allow_unreachable)
    if reason is None:
        raise DeployError(verdict.error())
    say(verdict.warning(reason))
    return False


def _probe(backend, htaccess, expected, base, put, dry_run):
    if not base:
        return unreachable("", "")
    probe = new_probe(htaccess, expected)
    url = page_url(base, f"{probe.name}/{PAGE}")
    put.append(probe.name)
    backend.put_probe(probe.name, probe.files)
    try:
        answer = fetch(url)
    except Unreachable as error:
        return unreachable(base, error)
    control, plain = None, None
    if not answer.shows(probe.token) and htaccess is not None:
        plain = new_probe()
        put.append(plain.name)
        backend.put_probe(plain.name, plain.files)
        try:
            control = fetch(page_url(base, f"{plain.name}/{PAGE}"))
        except Unreachable:
            control = None
    return judge(url, answer, probe.token, expected, control, plain.token if plain else "", dry_run)


def _remove(backend, names):
    """Remove each probe folder, each on its own; the DeployErrors of those that failed."""
    failures = []
    for name in names:
        try:
            backend.remove_probe(name)
        except DeployError as error:
            failures.append(error)
    return failures


# --- after the switch -----------------------------------------------------------------------


def pages_to_check(uploads):
    """The start page and one changed page (the shallowest), as output paths."""
    changed = sorted(
        (rel for rel in uploads if rel.endswith("/" + PAGE)), key=lambda rel: (rel.count("/"), rel)
    )
    return [PAGE] + changed[:1]


def page_report(base, uploads, expected):
    """After the switch: (German line with the status of the start page and one changed
    page, a DeployError if one is not 200 or the start page lacks expected headers)."""
    check = f"deploy-check={secrets.token_hex(4)}"  # past any cache
    results, problems = [], []
    for rel in pages_to_check(uploads):
        url = page_url(base, rel)
        try:
            answer = fetch(page_url(base, rel, check))
        except Unreachable:
            results.append(f"{url} → nicht erreichbar")
            continue
        results.append(f"{url} → HTTP {answer.status}")
        if answer.status != 200:
            problems.append(f"{url} antwortet mit HTTP {answer.status}")
        elif rel == PAGE and (missing := answer.missing(expected)):
            problems.append(f"{url} kommt ohne {', '.join(missing)}")
    line = "Die Website antwortet: " + "; ".join(results) + "."
    if not problems:
        return line, None
    return line, DeployError(
        report(
            ERROR,
            "Die neue Fassung ist hochgeladen, aber die Prüfung danach ist gescheitert: "
            f"{'; '.join(problems)}.",
            "Die Seite im Browser öffnen; im Fehlerprotokoll (error.log) im "
            "Kundenbereich des Hosters nachsehen und die Meldung an die IT-Gruppe schicken. "
            "Sie kann die vorige Fassung wieder veröffentlichen.",
        )
    )
