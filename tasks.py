"""Tasks for the homepage: `invoke --list` shows them, the Makefile calls them.

Every task that builds calls Pelican in-process through `build_site()`, which
also makes sure every plugin in PLUGINS really loaded (Pelican itself only logs
a plugin that fails: getpelican/pelican#3172).
"""

import datetime
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from invoke import Exit, task

from sitekit.constants import PREVIEW_ADDRESS, PREVIEW_ADDRESS_KEY, PREVIEW_PORT
from sitekit.german import ERROR, WARNING, report

ROOT = Path(__file__).resolve().parent
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"


class PluginLoadError(Exception):
    """A plugin listed in PLUGINS did not load or register."""

    exitcode = 1


def build_site(settings_file=DEV_SETTINGS, before_swap=None, **overrides):
    """Build the site with Pelican in-process and return the Pelican object.

    Pelican writes into a fresh folder next to OUTPUT_PATH, which replaces OUTPUT_PATH only
    when the whole build succeeded: a build that stops (a production build with errors, a
    crash, Ctrl+C) leaves the previous output exactly as it was, and the preview server
    never serves a half-written site. before_swap(folder) runs last, e.g. for the manifest.
    """
    from pelican.log import LimitFilter, console
    from pelican.settings import read_settings

    from sitetools.staging import staged_folder

    console.quiet = True  # Pelican's English "Done: …" line; _build prints a German one
    # Pelican drops a message it has logged before in this process; every build
    # (e.g. each rebuild of `make serve`) must show its warnings again.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()

    settings = read_settings(str(settings_file), override=overrides)
    with staged_folder(settings["OUTPUT_PATH"]) as staging:
        settings["OUTPUT_PATH"] = str(staging)
        pelican = _run(settings)
        if before_swap:
            before_swap(staging)
    return pelican


def _run(settings):
    """Pelican.run() with every plugin of PLUGINS loaded (Pelican itself only logs a
    plugin that fails to register). Errors Pelican logs are findings (build_report)."""
    from pelican import Pelican

    wanted = list(settings["PLUGINS"])
    pelican = Pelican(settings)
    missing = [name for name in wanted if name not in pelican.settings["PLUGINS"]]
    if missing:
        raise PluginLoadError(
            report(
                ERROR,
                f"Das Plugin „{'“, „'.join(missing)}“ konnte nicht geladen werden; "
                "der Bau wird abgebrochen. Die Meldung darüber steht weiter oben.",
            )
        )
    pelican.run()
    return pelican


def _build(settings_file, before_swap=None, **overrides):
    """Run build_site for a task: (seconds, Pelican object). A known build error becomes a
    German message and exit code."""
    from pelican.settings import read_settings

    logging.basicConfig(level=logging.WARNING, format="%(message)s", force=True)
    # Our plugins' summaries (the PLUGINS of the settings file); Pelican's stay quiet.
    for plugin in read_settings(str(settings_file), override=overrides)["PLUGINS"]:
        logging.getLogger(plugin).setLevel(logging.INFO)
    started = time.monotonic()
    try:
        pelican = build_site(settings_file, before_swap, **overrides)
    except Exception as error:  # our plugins' errors carry an exit code, like Pelican's own
        if hasattr(error, "exitcode"):
            print(error, file=sys.stderr)
            raise Exit(code=error.exitcode) from None
        if os.environ.get("DEBUG"):
            raise
        print(
            f"Interner Fehler beim Bauen: {type(error).__name__}: {error}\n"
            "    Das liegt am Programm, nicht an Ihrem Text. Bitte diese Meldung an die "
            "IT-Gruppe schicken. Mit allen Details: DEBUG=1 make build",
            file=sys.stderr,
        )
        raise Exit(code=2) from None
    return time.monotonic() - started, pelican


def _report_done(output, seconds, label="output/"):
    pages = sum(1 for _ in Path(output).rglob("*.html"))
    from sitekit.german import seconds as german_seconds

    print(f"Fertig: {pages} Seiten in {label} geschrieben ({german_seconds(seconds)}).")


@task
def build(c):
    """Build the development site from content/ into output/."""
    _report_done(ROOT / "output", _build(DEV_SETTINGS)[0])
    # Opened as a file, output/index.html has no styles: the site's links start at "/".
    print(
        f"Ansehen: „make serve“ ausführen und {PREVIEW_ADDRESS} im Browser öffnen "
        "(die Vorschau lädt sich nach jeder Änderung selbst neu)."
    )


@task(name="publish-build")
def publish_build(c):
    """Build the production site into output/ only if every check passes; adds the manifest."""
    from pelican.settings import read_settings

    from sitetools.manifest import MANIFEST_NAME, write_manifest

    site_url = read_settings(str(PUBLISH_SETTINGS))["SITEURL"]
    try:
        seconds, _pelican = _build(
            PUBLISH_SETTINGS, before_swap=lambda staging: write_manifest(staging, site_url)
        )
    except KeyboardInterrupt:
        print("Abgebrochen (Strg+C). output/ ist unverändert.", file=sys.stderr)
        raise Exit(code=130) from None
    _report_done(ROOT / "output", seconds, f"output/ (mit {MANIFEST_NAME} für „make deploy“)")


@task(
    help={
        "dry_run": "only list what would be uploaded and deleted",
        "force": "skip the deletion guard (DEPLOY_MAX_DELETE)",
    }
)
def deploy(c, dry_run=False, force=False):
    """Publish output/ of `make publish-build` to the web host (settings: .env or environment)."""
    from sitetools.deploy import DeployError, deploy_from_env
    from sitetools.manifest import ManifestError, read_site_url, verify_manifest
    from sitetools.staging import frozen_copy

    output = ROOT / "output"
    try:
        verify_manifest(output)
        with frozen_copy(output) as frozen:  # a preview build meanwhile cannot get mixed in
            print(
                f"Website für {read_site_url(output) or 'unbekannte Adresse'}, gebaut mit "
                "„make publish-build“."
            )
            _warn_if_changed_since(output)
            deploy_from_env(frozen, ROOT / ".env", dry_run=dry_run, force=force)
    except (DeployError, ManifestError) as error:
        print(error, file=sys.stderr)
        raise Exit(code=error.exitcode) from None


def _warn_if_changed_since(output):
    """A hint if a source changed after the build: that change would not be published."""
    from sitetools.manifest import changed_since_build

    sources = [ROOT / "pelicanconf.py", ROOT / "publishconf.py"]
    for folder in ("content", "theme"):
        sources += [ROOT / folder, *(ROOT / folder).rglob("*")]
    newer = sorted(
        p.relative_to(ROOT).as_posix() + ("/" if p.is_dir() else "")
        for p in changed_since_build(output, sources)
    )
    if newer:
        shown = ", ".join(newer[:3]) + (" …" if len(newer) > 3 else "")
        print(
            f"Hinweis: Seit dem letzten „make publish-build“ hat sich etwas geändert ({shown}); "
            "das wird nicht mit hochgeladen. Dafür zuerst „make publish-build“ ausführen."
        )


@task
def links(c):
    """Check the external links in content/ (never part of build, test or publish)."""
    from pelican.settings import read_settings

    from sitetools.links import Options, run

    site_url = read_settings(str(PUBLISH_SETTINGS))["SITEURL"]
    options = Options(user_agent=f"BunteLebenswelten-Linkpruefung/1.0 (+{site_url})")
    try:
        code = run(
            ROOT,
            ROOT / "content",
            read_settings(str(DEV_SETTINGS)),
            options,
            cache_path=ROOT / "cache" / "links.json",
            report_path=ROOT / "reports" / "links" / "bericht.md",
        )
    except KeyboardInterrupt:
        print(
            "Abgebrochen (Strg+C). Was dieser Lauf schon geprüft hatte, fragt der nächste noch "
            "einmal.",
            file=sys.stderr,
        )
        raise Exit(code=130) from None
    raise Exit(code=code)


@task
def clean(c):
    """Delete output/ (the generated site)."""
    shutil.rmtree(ROOT / "output", ignore_errors=True)
    print("output/ gelöscht.")


@task(
    help={
        "port": f"Port (default {PREVIEW_PORT})",
        "lan": "also serve to other devices in the local network (phones), not only 127.0.0.1",
    }
)
def serve(c, port=str(PREVIEW_PORT), lan=False):
    """Preview at http://127.0.0.1:<port>; every saved change shows in the open browser."""
    from sitekit.findings import ledger
    from sitetools.lan import lan_address, print_qr
    from sitetools.preview import serve as serve_preview

    if not str(port).isdigit() or not 1024 <= int(port) <= 65535:
        print(
            report(
                ERROR,
                f"„{port}“ ist kein gültiger Port. Eine Zahl von 1024 bis 65535 angeben, "
                "z. B. make serve PORT=8001",
            ),
            file=sys.stderr,
        )
        raise Exit(code=1)

    url = f"http://127.0.0.1:{port}/"
    if lan:
        url = f"http://{lan_address()}:{port}/"

    def rebuild():
        """The build's ledger for the preview server; None if the build broke."""
        try:
            # The build's report names this server's address, not the default port's.
            seconds, pelican = _build(DEV_SETTINGS, **{PREVIEW_ADDRESS_KEY: url})
        except Exit:  # _build has said why; the preview keeps running while it is fixed
            print(
                "Die Vorschau zeigt weiter den Stand davor und baut nach dem nächsten Speichern "
                "neu.",
                file=sys.stderr,
            )
            return None
        _report_done(ROOT / "output", seconds)
        return ledger(pelican.settings)

    def ready():
        print(
            f"Vorschau: {url}  – Änderungen erscheinen nach dem Speichern von selbst im "
            "Browser. Beenden mit Strg+C."
        )
        if lan:
            print(
                report(
                    WARNING,
                    "Die Vorschau ist jetzt für alle Geräte in diesem Netzwerk sichtbar, "
                    "auch mit allen Entwürfen. Nur in einem vertrauten Netz verwenden (nicht im "
                    "Café-WLAN); ohne LAN=1 sieht sie nur dieser Rechner.",
                )
            )
            print("Mit dem Handy diesen Code scannen (gleiches WLAN):")
            print_qr(url)

    watched = [ROOT / "content", ROOT / "theme", DEV_SETTINGS]
    try:
        serve_preview(
            ROOT / "output",
            int(port),
            rebuild,
            watched,
            ready=ready,
            host="0.0.0.0" if lan else "127.0.0.1",
        )
    except OSError as error:
        print(
            report(
                ERROR,
                f"Die Vorschau kann Port {port} nicht öffnen ({error.strerror}). Läuft "
                "„make serve“ schon in einem anderen Fenster? Sonst einen anderen Port wählen: "
                f"make serve PORT={int(port) + 1}",
            ),
            file=sys.stderr,
        )
        raise Exit(code=1) from None
    except KeyboardInterrupt:
        print("Vorschau beendet.")


@task(help={"kind": "interview, call, news, event or page", "title": "Title of the new text"})
def new(c, kind="", title=""):
    """Create a Markdown file for a new interview, call, news item, event or page."""
    from pelican.settings import read_settings

    from sitekit.slugs import slug
    from sitetools.newcontent import NewContentError, new_content_file

    settings = read_settings(str(DEV_SETTINGS))
    try:
        path = new_content_file(ROOT / "content", kind, title, datetime.date.today(), slug)
    except NewContentError as error:
        print(error, file=sys.stderr)
        raise Exit(code=1) from None
    kind_url = settings["DRAFT_PAGE_URL" if kind.strip().lower() == "page" else "DRAFT_URL"]
    print(f"Neue Datei angelegt: {path.relative_to(ROOT)}")
    print(
        "Jetzt die Stellen in [[doppelten eckigen Klammern]] ausfüllen. Bis dahin ist der Text "
        f"ein Entwurf, nur in der Vorschau: /{kind_url.format(slug=path.stem)}\n"
        "Ist er fertig, oben die Zeile „Status: draft“ löschen; dann wird er veröffentlicht."
    )
    if kind.strip().lower() == "page":
        print(
            "Soll die Seite ins Menü? Oben eine Zeile „Menu: 7“ einfügen (die Zahl ist die "
            "Position; optional „Menu_label: Kurzname“). Für die Fußzeile: „Footer: 5“."
        )


@task
def test(c):
    """Lint and format check (ruff), then the whole test suite (browser tests need chromium)."""
    ruff = [sys.executable, "-m", "ruff"]
    for check in (["check", "."], ["format", "--check", "."]):
        if subprocess.run([*ruff, *check], cwd=ROOT).returncode != 0:
            raise Exit(
                "ruff meldet Probleme im Code; `.venv/bin/ruff check --fix .` und "
                "`.venv/bin/ruff format .` beheben das meiste.",
                code=1,
            )
    install_lighthouse()
    result = subprocess.run([sys.executable, "-m", "pytest"], cwd=ROOT)
    raise Exit(code=result.returncode)


def install_lighthouse():
    """Install the pinned Lighthouse (tests/lighthouse/) with npm when Node.js is there and
    the lock file is newer than the installation; without npm its tests skip and say why."""
    folder = ROOT / "tests" / "lighthouse"
    installed = folder / "node_modules" / ".package-lock.json"  # written by npm ci
    lock = folder / "package-lock.json"
    npm = shutil.which("npm")
    if not npm or (installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime):
        return
    print("Lighthouse wird für die Tests eingerichtet (npm ci, nur beim ersten Mal) …")
    command = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    if subprocess.run(command, cwd=folder).returncode != 0:
        print("Lighthouse ließ sich nicht einrichten; seine Tests werden übersprungen.")


@task(
    help={
        "preset": "small (50 articles, 20 photos) or large (1,000 articles, 200 photos)",
        "repeat": "runs per measurement; the report shows medians",
    }
)
def bench(c, preset="small", repeat=3):
    """Benchmark make build against plain Pelican, images against the Pillow floor and
    image-process, and the preview's reload time."""
    c.run(f"{sys.executable} {ROOT / 'bench/run.py'} {preset} {int(repeat)}", pty=False)


@task
def lock(c):
    """Re-pin requirements.lock from pyproject.toml (installs pip-tools on first use)."""
    c.run(f"{sys.executable} -m pip install --quiet pip-tools")
    c.run(
        f"{sys.executable} -m piptools compile --quiet --extra test --strip-extras "
        "--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml"
    )
