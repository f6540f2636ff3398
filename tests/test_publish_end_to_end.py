"""What the association does: `make publish-build`, then `make deploy` with a `.env`.

The real content (placeholders filled with test values) goes to a real sshd on
127.0.0.1, through the Makefile targets a volunteer and CI use. A real Apache serves the
web root, so the deploy's probe of the new .htaccess and its check of the pages after
the switch talk to a real web server (at DEPLOY_CHECK_URL: the build is for
https://verein.example, which does not point here).
"""

import getpass
import hashlib
import os
import shutil
import subprocess
import time

import apache
import pytest
from sshd import SshServer
from support import ROOT

from sitetools.manifest import MANIFEST_NAME, read_manifest


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = SshServer(tmp_path_factory.mktemp("sshd-e2e")).start()
    yield server
    server.stop()


@pytest.fixture
def web():
    """An empty web root (DEPLOY_PATH) that a real Apache serves while the test runs."""
    docroot = apache.empty_docroot()
    try:
        with apache.Apache(docroot, docroot.parent / "run") as server:
            yield docroot, server.url
    finally:
        shutil.rmtree(docroot.parent, ignore_errors=True)


def make(project, *args):
    """`make <args>` in the project copy, using this checkout's .venv (READY= skips the
    setup step, which would otherwise reinstall a virtual environment it shares)."""
    return subprocess.run(
        ["make", f"VENV={ROOT / '.venv'}", "READY=", *args],
        cwd=project,
        text=True,
        capture_output=True,
        env={**os.environ, "SITEURL": "https://verein.example"},
    )


def tree(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.sshd
@pytest.mark.apache
@pytest.mark.parametrize("method", ["rsync", "sftp"])
def test_make_publish_build_then_make_deploy_publishes_the_site(
    filled_project, server, web, method
):
    shutil.copy(ROOT / "Makefile", filled_project / "Makefile")
    remote, url = web
    (filled_project / ".env").write_text(
        f"DEPLOY_METHOD={method}\nDEPLOY_HOST={server.host}\nDEPLOY_PORT={server.port}\n"
        f"DEPLOY_USER={getpass.getuser()}\nDEPLOY_PATH={remote}\nDEPLOY_CHECK_URL={url}\n"
        f"DEPLOY_SSH_KEY_FILE={server.client_key}\n"
        f'DEPLOY_KNOWN_HOSTS="{server.host_key_line}"\n',
        encoding="utf-8",
    )

    past = time.time() - 3600  # sources older than the build (another test may touch them)
    for path in [filled_project / "content", *(filled_project / "content").rglob("*")]:
        os.utime(path, (past, past))
    built = make(filled_project, "publish-build")
    assert built.returncode == 0, built.stderr
    output = filled_project / "output"
    manifest = read_manifest(output / MANIFEST_NAME)
    assert {"index.html", "404.html", ".htaccess", "kontakt/index.html"} <= set(manifest)

    trial = make(filled_project, "deploy", "DRY_RUN=1")
    assert trial.returncode == 0, trial.stderr
    assert "Probelauf" in trial.stdout and not any(remote.iterdir())
    assert "Geprüft: Die neue .htaccess funktioniert auf dem Server" in trial.stdout

    first = make(filled_project, "deploy")
    assert first.returncode == 0, first.stderr
    published = tree(remote)
    assert published == {
        **{n: e.sha256 for n, e in manifest.items()},
        MANIFEST_NAME: tree(output)[MANIFEST_NAME],
    }
    assert "Fertig: " in first.stdout and "Bytes übertragen" in first.stdout, first.stdout
    assert (
        "Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 "
        "mit allen Sicherheits-Headern)."
    ) in first.stdout
    assert f"Die Website antwortet: {url}/ → HTTP 200; {url}/" in first.stdout, first.stdout

    assert "Website für https://verein.example, gebaut mit „make publish-build“." in first.stdout

    # An edit after the build is not in it: deploy says so (and still uploads the build).
    edited = filled_project / "content" / "pages" / "kontakt.md"
    os.utime(edited, (edited.stat().st_atime, (output / MANIFEST_NAME).stat().st_mtime + 60))
    again = make(filled_project, "deploy")
    assert again.returncode == 0, again.stderr
    assert "Fertig: 0 Dateien hochgeladen" in again.stdout, again.stdout
    assert (
        "Hinweis: Seit dem letzten „make publish-build“ hat sich etwas geändert "
        "(content/pages/kontakt.md); das wird nicht mit hochgeladen."
    ) in again.stdout
    assert tree(remote) == published
    # A deleted file is noticed too (by its folder's time).
    (filled_project / "content" / "pages" / "weg.md").write_text("x")
    (filled_project / "content" / "pages" / "weg.md").unlink()
    folder = filled_project / "content" / "pages"
    os.utime(folder, (folder.stat().st_atime, (output / MANIFEST_NAME).stat().st_mtime + 60))
    trial = make(filled_project, "deploy", "DRY_RUN=1")
    assert "hat sich etwas geändert (content/pages/, content/pages/kontakt.md)" in trial.stdout
    print(
        f"\n{method}: first: {first.stdout.strip().splitlines()[-1]}\n"
        f"{method}: again: {again.stdout.strip().splitlines()[-1]}"
    )


@pytest.mark.parametrize(
    "arguments, expected",
    [
        (["FORCE=1"], "--force"),
        (["FORCE=0"], ""),
        (["FORCE=no"], ""),
        (["FORCE=yes"], ""),
        (["DRY_RUN=1"], "--dry-run"),
        (["DRY_RUN=0"], ""),
    ],
)
def test_only_the_value_1_switches_force_and_dry_run_on(arguments, expected):
    # --no-print-directory: under `make test` this make is nested and would say so.
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "deploy", "READY=", *arguments],
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=True,
    )
    flags = result.stdout.split("invoke deploy", 1)[1].split()
    assert flags == ([expected] if expected else [])
