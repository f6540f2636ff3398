"""`make deploy` proves the new .htaccess on the real host before the site switches.

A real sshd on 127.0.0.1 receives the production build of the real content into a web
root that a real Apache serves, with the AllowOverride value a host would set. A
.htaccess that the host cannot take (here: the "Options" line that took sites down)
must never go live: the deploy stops before any visible change, the old site keeps
answering and no probe folder is left.
"""

import getpass
import hashlib
import http.client
import shutil

import apache
import pytest
import support
import test_apache
from browser import site_paths
from sshd import SshServer

from sitetools.deploy import DeployError, deploy, load_config, probe
from sitetools.manifest import read_site_url, write_manifest

pytestmark = [pytest.mark.sshd, pytest.mark.apache]  # every test here needs both

METHODS = ["rsync", "sftp"]
# The line that answered 500 on FileInfo-only hosts (issue: never answer 500).
FORBIDDEN = "Options -Indexes -MultiViews\n"
PROVEN = (
    "Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 mit "
    "allen Sicherheits-Headern)."
)


class Host:
    """An sshd whose DEPLOY_PATH (docroot) Apache serves at url when started."""

    def __init__(self, sshd, docroot, port):
        self.sshd = sshd
        self.docroot = docroot
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def apache(self, allow_override="FileInfo", docroot=None):
        docroot = docroot or self.docroot
        return apache.Apache(
            docroot,
            docroot.parent / f"run-{allow_override.replace(' ', '-')}",
            self.port,
            allow_override=allow_override,
        )

    def settings(self, method="rsync", **overrides):
        env = {
            "DEPLOY_METHOD": method,
            "DEPLOY_HOST": self.sshd.host,
            "DEPLOY_PORT": str(self.sshd.port),
            "DEPLOY_USER": getpass.getuser(),
            "DEPLOY_PATH": str(self.docroot),
            "DEPLOY_SSH_KEY": self.sshd.client_key_text,
            "DEPLOY_KNOWN_HOSTS": self.sshd.host_key_line,
            **overrides,
        }
        return load_config({name: value for name, value in env.items() if value is not None})

    def deploy(self, output, method="rsync", dry_run=False, force=False, **overrides):
        lines = []
        deploy(
            self.settings(method, **overrides),
            output,
            dry_run=dry_run,
            force=force,
            say=lines.append,
        )
        return lines

    def tree(self):
        return {
            p.relative_to(self.docroot).as_posix(): hashlib.sha256(p.read_bytes()).digest()
            for p in self.docroot.rglob("*")
            if p.is_file()
        }

    def clear(self):
        for child in self.docroot.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()

    def probes(self):
        return sorted(p.name for p in self.docroot.glob("_deploy-probe-*"))


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    sshd = SshServer(tmp_path_factory.mktemp("sshd-probe")).start()
    docroot = apache.empty_docroot()
    yield Host(sshd, docroot, apache.free_port())
    sshd.stop()
    shutil.rmtree(docroot.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def builds(host, tmp_path_factory):
    """(good, forbidden, headerless): production builds for host.url; the second one's
    .htaccess has a directive FileInfo-only hosts refuse, the third is built with
    HTACCESS_HEADERS = False."""
    project = support.copy_project(tmp_path_factory.mktemp("probe-project"))
    support.fill_placeholders(project / "content")
    good = support.publish(project, project / "good", SITEURL=host.url)
    write_manifest(good, host.url)
    headerless = support.publish(
        project, project / "headerless", SITEURL=host.url, HTACCESS_HEADERS=False
    )
    write_manifest(headerless, host.url)
    template = project / "theme" / "templates" / "htaccess.html"
    template.write_text(template.read_text(encoding="utf-8") + FORBIDDEN, encoding="utf-8")
    forbidden = support.publish(
        project, project / "forbidden", SITEURL=host.url, THEME=str(project / "theme")
    )
    assert FORBIDDEN.strip() in (forbidden / ".htaccess").read_text(encoding="utf-8")
    write_manifest(forbidden, host.url)
    return good, forbidden, headerless


def statuses(host, output):
    """{path: HTTP status} of every page of output, as the host's Apache answers now."""
    answers = {}
    for path in site_paths(output):
        connection = http.client.HTTPConnection("127.0.0.1", host.port, timeout=10)
        try:
            connection.request("GET", path)
            answers[path] = connection.getresponse().status
        finally:
            connection.close()
    return answers


def test_expected_headers_are_the_unconditional_ones_of_the_file(builds):
    good, *_ = builds
    expected = probe.expected_headers((good / ".htaccess").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(test_apache.SECURITY_HEADERS)
    assert expected["Referrer-Policy"] == "no-referrer"
    assert "'self'" in expected["Content-Security-Policy"]
    text = (
        'Header always set A "1"\n<FilesMatch "x">\n  Header always set B "2"\n'
        '</FilesMatch>\nHeader set C "3"\n'
        'Header always set D "4" "expr=%{HTTPS} == \'on\'"\n'
    )
    assert probe.expected_headers(text) == {"A": "1"}


# --- against the real host -------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_deploy_proves_the_htaccess_then_switches_and_checks_pages(host, builds, method):
    good, *_ = builds
    host.clear()
    with host.apache("FileInfo"):
        lines = host.deploy(good, method)
        assert PROVEN in lines, "\n".join(lines)
        report = next(line for line in lines if line.startswith("Die Website antwortet: "))
        assert report.startswith(f"Die Website antwortet: {host.url}/ → HTTP 200; {host.url}/")
        assert report.count("HTTP 200") == 2, report
        assert lines[-1].startswith("Fertig: ")
        assert set(statuses(host, good).values()) == {200}
    assert host.probes() == []


@pytest.mark.parametrize("method", METHODS)
def test_a_htaccess_the_host_refuses_never_goes_live(host, builds, method):
    good, forbidden, _ = builds
    host.clear()
    with host.apache("FileInfo"):
        host.deploy(good, method)
        before = host.tree()
        for dry_run in (True, False):
            with pytest.raises(DeployError) as stopped:
                host.deploy(forbidden, method, dry_run=dry_run)
            message = str(stopped.value)
            assert message.startswith(
                "FEHLER: Mit der neuen .htaccess antwortet der Server "
                "auf eine Testseite mit HTTP 500; ohne die neue "
                ".htaccess zeigt er sie richtig an"
            ), message
            assert "Auf der Website wurde nichts geändert." in message
            assert "AllowOverride" in message and "HTACCESS_HEADERS = False" in message
            assert host.tree() == before
            assert host.probes() == []
            assert set(statuses(host, good).values()) == {200}
        # FORCE=1 is for the deletion guard and an unreachable address, never for a 500.
        with pytest.raises(DeployError, match="HTTP 500"):
            host.deploy(forbidden, method, force=True)
        assert host.tree() == before


def test_a_live_htaccess_that_already_breaks_the_site_is_replaced(host, builds):
    """Sites published before the fix carry the fatal line: the deploy must still get
    the cure onto them, and then the pages answer again."""
    good, forbidden, _ = builds
    host.clear()
    with host.apache("FileInfo"):
        host.deploy(good)
        shutil.copy(forbidden / ".htaccess", host.docroot / ".htaccess")
        assert set(statuses(host, good).values()) == {500}
        lines = host.deploy(good)
        assert any(
            line.startswith(
                "Warnung: Der Server antwortet auch ohne die neue .htaccess mit HTTP 500"
            )
            for line in lines
        ), "\n".join(lines)
        assert set(statuses(host, good).values()) == {200}
    assert host.probes() == []


def test_a_host_that_ignores_htaccess_is_named_and_force_goes_on(host, builds):
    good, *_ = builds
    host.clear()
    with host.apache("None"):
        with pytest.raises(DeployError) as stopped:
            host.deploy(good)
        message = str(stopped.value)
        assert "kommt ohne die Sicherheits-Header der neuen .htaccess an" in message, message
        assert "Content-Security-Policy" in message and "AllowOverride None" in message
        assert host.tree() == {}
        lines = host.deploy(good, force=True)
        assert any(
            line.startswith("Warnung: Die Testseite") and "FORCE=1" in line for line in lines
        ), "\n".join(lines)
        assert set(statuses(host, good).values()) == {200}
    assert host.probes() == []


def test_an_unreachable_address_stops_unless_allowed(host, builds):
    good, *_ = builds
    host.clear()
    closed = f"http://127.0.0.1:{apache.free_port()}"  # nothing listens there
    with pytest.raises(DeployError) as stopped:
        host.deploy(good, DEPLOY_CHECK_URL=closed)
    message = str(stopped.value)
    assert message.startswith(
        f"FEHLER: Die Website ist unter {closed} von hier aus nicht zu erreichen"
    ), message
    assert "DEPLOY_ALLOW_UNREACHABLE=1" in message and "FORCE=1" in message
    assert host.tree() == {} and host.probes() == []
    lines = host.deploy(good, DEPLOY_CHECK_URL=closed, force=True)
    assert any("weil FORCE=1 gesetzt ist" in line for line in lines)
    host.clear()
    lines = host.deploy(good, DEPLOY_CHECK_URL=closed, DEPLOY_ALLOW_UNREACHABLE="1")
    assert any("weil DEPLOY_ALLOW_UNREACHABLE=1 gesetzt ist" in line for line in lines)
    assert f"Die Website antwortet: {closed}/ → nicht erreichbar" in "\n".join(lines)
    assert host.probes() == [] and "index.html" in host.tree()


def test_an_address_that_serves_another_folder_is_named(host, builds):
    good, *_ = builds
    host.clear()
    other = apache.empty_docroot()  # SITEURL shows another folder than DEPLOY_PATH
    try:
        (other / "index.html").write_text("andere Website")
        other.joinpath("index.html").chmod(0o644)
        with host.apache("FileInfo", docroot=other):
            with pytest.raises(DeployError) as stopped:
                host.deploy(good, "sftp")
        message = str(stopped.value)
        assert "ist unter" in message and "nicht zu sehen (HTTP 404)" in message, message
        assert "DEPLOY_PATH mit den Angaben des Hosters vergleichen" in message
        assert host.tree() == {} and host.probes() == []
    finally:
        shutil.rmtree(other.parent, ignore_errors=True)


def test_without_the_header_block_a_host_that_ignores_htaccess_passes(host, builds):
    """The README's way out for a host that cannot be asked: HTACCESS_HEADERS = False."""
    *_, headerless = builds
    text = (headerless / ".htaccess").read_text(encoding="utf-8")
    assert "Header " not in text and probe.expected_headers(text) == {}
    host.clear()
    with host.apache("None"):
        lines = host.deploy(headerless)
        assert (
            "Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 "
            "ohne Sicherheits-Header)."
        ) in lines
        assert set(statuses(host, headerless).values()) == {200}


def variant(output, tmp_path, name, edit):
    """A copy of output whose .htaccess edit(text) changed, with a fresh manifest."""
    copy = tmp_path / name
    shutil.copytree(output, copy)
    htaccess = copy / ".htaccess"
    htaccess.write_text(edit(htaccess.read_text(encoding="utf-8")), encoding="utf-8")
    write_manifest(copy, read_site_url(output))
    return copy


@pytest.mark.parametrize("method", METHODS)
def test_a_htaccess_that_hides_every_page_is_broken_even_with_force(host, builds, tmp_path, method):
    """Not every broken .htaccess answers 500: one that answers 404 for every address
    must not pass as "wrong address" (which FORCE=1 would let through)."""
    good, *_ = builds
    hiding = variant(good, tmp_path, "hiding", lambda text: text + "\nRedirectMatch 404 .\n")
    host.clear()
    with host.apache("FileInfo"):
        host.deploy(good, method)
        before = host.tree()
        with pytest.raises(DeployError) as stopped:
            host.deploy(hiding, method, force=True, DEPLOY_ALLOW_UNREACHABLE="1")
        assert "antwortet der Server auf eine Testseite mit HTTP 404" in str(stopped.value)
        assert host.tree() == before and host.probes() == []


def test_headers_of_the_live_htaccess_do_not_count_for_the_new_one(host, builds, tmp_path):
    good, *_ = builds
    typo = variant(
        good,
        tmp_path,
        "typo",
        lambda text: text.replace("<IfModule mod_headers.c>", "<IfModule mod_header.c>"),
    )
    host.clear()
    with host.apache("FileInfo"):
        host.deploy(good)  # the live .htaccess at the web root sets every header
        with pytest.raises(DeployError) as stopped:
            host.deploy(typo)
        assert "kommt ohne die Sicherheits-Header der neuen .htaccess an" in str(stopped.value)
        assert "Content-Security-Policy" in str(stopped.value)


@pytest.mark.parametrize("method", METHODS)
def test_a_dry_run_leaves_the_web_root_as_it_was(host, builds, method):
    good, *_ = builds
    host.clear()
    host.docroot.chmod(0o711)  # Apache only needs to pass through; the host chose this
    before = host.docroot.stat()
    try:
        with host.apache("FileInfo"):
            lines = host.deploy(good, method, dry_run=True)
        assert PROVEN in lines
        # (Its time does change: a folder was added and removed in it.)
        assert host.docroot.stat().st_mode == before.st_mode
        assert host.tree() == {} and host.probes() == []
    finally:
        host.docroot.chmod(0o755)
