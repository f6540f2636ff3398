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

import pytest

import apache
import conftest
import support
from browser import site_paths
import test_apache
from sitekit.deploy import DeployError, deploy, load_config, probe
from sitekit.deploy.plan import is_leftover
from sitekit.manifest import write_manifest
from sshd import SshServer, missing_tools

METHODS = ["rsync", "sftp"]
# The line that answered 500 on FileInfo-only hosts (issue: never answer 500).
FORBIDDEN = "Options -Indexes -MultiViews\n"
PROVEN = ("Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 mit "
          "allen Sicherheits-Headern).")


class Host:
    """An sshd whose DEPLOY_PATH (docroot) Apache serves at url when started."""

    def __init__(self, sshd, docroot, port):
        self.sshd = sshd
        self.docroot = docroot
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def apache(self, allow_override="FileInfo", docroot=None):
        docroot = docroot or self.docroot
        return apache.Apache(docroot, docroot.parent / f"run-{allow_override.replace(' ', '-')}",
                             self.port, allow_override=allow_override)

    def settings(self, method="rsync", **overrides):
        env = {"DEPLOY_METHOD": method, "DEPLOY_HOST": self.sshd.host,
               "DEPLOY_PORT": str(self.sshd.port), "DEPLOY_USER": getpass.getuser(),
               "DEPLOY_PATH": str(self.docroot), "DEPLOY_SSH_KEY": self.sshd.client_key_text,
               "DEPLOY_KNOWN_HOSTS": self.sshd.host_key_line, **overrides}
        return load_config({name: value for name, value in env.items() if value is not None})

    def deploy(self, output, method="rsync", dry_run=False, force=False, **overrides):
        lines = []
        deploy(self.settings(method, **overrides), output, dry_run=dry_run, force=force,
               say=lines.append)
        return lines

    def tree(self):
        return {p.relative_to(self.docroot).as_posix(): hashlib.sha256(p.read_bytes()).digest()
                for p in self.docroot.rglob("*") if p.is_file()}

    def clear(self):
        for child in self.docroot.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()

    def probes(self):
        return sorted(p.name for p in self.docroot.glob("_deploy-probe-*"))


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    if missing := missing_tools():
        conftest.skip_or_fail(f"deploy tests need {', '.join(missing)}: "
                              "sudo apt-get install openssh-server openssh-client rsync")
    apache.require()
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
    headerless = support.publish(project, project / "headerless", SITEURL=host.url,
                                 HTACCESS_HEADERS=False)
    write_manifest(headerless, host.url)
    template = project / "theme" / "templates" / "htaccess.html"
    template.write_text(template.read_text(encoding="utf-8") + FORBIDDEN, encoding="utf-8")
    forbidden = support.publish(project, project / "forbidden", SITEURL=host.url,
                                THEME=str(project / "theme"))
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


# --- the plain parts, on small inputs -----------------------------------------------------

def test_expected_headers_are_the_unconditional_ones_of_the_file(builds):
    good, *_ = builds
    expected = probe.expected_headers((good / ".htaccess").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(test_apache.SECURITY_HEADERS)
    assert expected["Referrer-Policy"] == "no-referrer"
    assert "'self'" in expected["Content-Security-Policy"]
    text = ('Header always set A "1"\n<FilesMatch "x">\n  Header always set B "2"\n'
            '</FilesMatch>\nHeader set C "3"\n'
            'Header always set D "4" "expr=%{HTTPS} == \'on\'"\n')
    assert probe.expected_headers(text) == {"A": "1"}


@pytest.mark.parametrize("rel, url", [
    ("index.html", "https://x.de/"), ("kontakt/index.html", "https://x.de/kontakt/"),
    ("404.html", "https://x.de/404.html"), ("über-uns/index.html", "https://x.de/%C3%BCber-uns/"),
])
def test_page_url(rel, url):
    assert probe.page_url("https://x.de/", rel) == url


def test_after_the_switch_the_start_page_and_the_shallowest_changed_page_are_asked():
    uploads = ["bilder/a.avif", "neuigkeiten/fest/index.html", "kontakt/index.html",
               "index.html", "404.html"]
    assert probe.pages_to_check(uploads) == ["index.html", "kontakt/index.html"]
    assert probe.pages_to_check(["bilder/a.avif"]) == ["index.html"]


def test_verdicts():
    sample = probe.new_probe(b"")
    page = probe.Answer(200, {"a": "1"}, sample.files["index.html"])
    assert probe.judge("u", page, sample, {"A": "1"}) is None
    assert probe.judge("u", page, sample, {"A": "2"}).kind == "headers"
    assert probe.judge("u", probe.Answer(200, {}, b"andere Seite"), sample, {}).kind == "unchecked"
    assert probe.judge("u", probe.Answer(403, {}, b""), sample, {}).kind == "unchecked"
    error = probe.Answer(500, {}, b"")
    assert probe.judge("u", error, sample, {}).kind == "broken"
    assert probe.judge("u", error, sample, {}, control=page).kind == "broken"
    assert probe.judge("u", error, sample, {}, control=error).kind == "already-broken"
    broken, headers = probe.Verdict("broken", "x"), probe.Verdict("headers", "x")
    assert probe.overridden(broken, force=True, allow_unreachable=True) is None
    assert probe.overridden(headers, force=False, allow_unreachable=True) is None
    assert "FORCE=1" in probe.overridden(headers, force=True, allow_unreachable=False)


def test_probe_folders_are_leftovers_and_look_random():
    first, second = probe.new_probe(None), probe.new_probe(b"x")
    assert first.name != second.name and not first.name.startswith(".")
    assert set(first.files) == {"index.html"} and set(second.files) == {"index.html", ".htaccess"}
    assert is_leftover(f"{first.name}/index.html", set())
    assert not is_leftover("kontakt/index.html", {"kontakt/index.html"})


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
            assert message.startswith("Fehler: Mit der neuen .htaccess antwortet der Server "
                                      "mit HTTP 500"), message
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
        assert any(line.startswith("Warnung: Unter ") and "auch ohne die neue .htaccess mit "
                   "HTTP 500" in line for line in lines), "\n".join(lines)
        assert set(statuses(host, good).values()) == {200}
    assert host.probes() == []


def test_a_host_that_ignores_htaccess_is_named_and_force_goes_on(host, builds):
    good, *_ = builds
    host.clear()
    with host.apache("None"):
        with pytest.raises(DeployError) as stopped:
            host.deploy(good)
        message = str(stopped.value)
        assert "kommt ohne die Sicherheits-Header der .htaccess an" in message, message
        assert "Content-Security-Policy" in message and "AllowOverride None" in message
        assert host.tree() == {}
        lines = host.deploy(good, force=True)
        assert any(line.startswith("Warnung: Die Testseite") and "FORCE=1" in line
                   for line in lines), "\n".join(lines)
        assert set(statuses(host, good).values()) == {200}
    assert host.probes() == []


def test_an_unreachable_address_stops_unless_allowed(host, builds):
    good, *_ = builds
    host.clear()
    closed = f"http://127.0.0.1:{apache.free_port()}"  # nothing listens there
    with pytest.raises(DeployError) as stopped:
        host.deploy(good, DEPLOY_CHECK_URL=closed)
    message = str(stopped.value)
    assert message.startswith(f"Fehler: Die Website ist unter {closed} von hier aus nicht zu "
                              "erreichen"), message
    assert "DEPLOY_ALLOW_UNREACHABLE=1" in message and "FORCE=1" in message
    assert host.tree() == {} and host.probes() == []
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
        assert ("Geprüft: Die neue .htaccess funktioniert auf dem Server (Testseite: HTTP 200 "
                "ohne Sicherheits-Header).") in lines
        assert set(statuses(host, headerless).values()) == {200}
