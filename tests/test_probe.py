"""The probe of a new .htaccess (sitetools/deploy/probe.py): its plain parts on small
inputs. tests/test_deploy_probe.py runs it against a real sshd and Apache."""

import pytest
import webserver

from sitetools.deploy import DeployError, probe
from sitetools.deploy.plan import is_leftover


@pytest.mark.parametrize(
    "base, rel, url",
    [
        ("https://x.de/", "index.html", "https://x.de/"),
        ("https://x.de", "kontakt/index.html", "https://x.de/kontakt/"),
        ("https://x.de/", "404.html", "https://x.de/404.html"),
        ("https://x.de", "über-uns/index.html", "https://x.de/%C3%BCber-uns/"),
        ("https://www.müller.de/verein/", "a/index.html", "https://www.xn--mller-kva.de/verein/a/"),
        ("http://127.0.0.1:8080/ö", "index.html", "http://127.0.0.1:8080/%C3%B6/"),
    ],
)
def test_page_url(base, rel, url):
    assert probe.page_url(base, rel) == url


def test_after_the_switch_the_start_page_and_the_shallowest_changed_page_are_asked():
    uploads = [
        "bilder/a.avif",
        "neuigkeiten/fest/index.html",
        "kontakt/index.html",
        "index.html",
        "404.html",
    ]
    assert probe.pages_to_check(uploads) == ["index.html", "kontakt/index.html"]
    assert probe.pages_to_check(["bilder/a.avif"]) == ["index.html"]


def test_verdicts():
    token, other = "a1b2", "c3d4"
    page = probe.Answer(200, {"a": ["1"]}, b"<p>Probe a1b2</p>")
    plain = probe.Answer(200, {}, b"<p>Probe c3d4</p>")
    error, missing = probe.Answer(500, {}, b""), probe.Answer(404, {}, b"")
    assert probe.judge("u", page, token, {"A": "1"}) is None
    assert probe.judge("u", page, token, {"A": "2"}).kind == "headers"
    assert (
        probe.judge("u", probe.Answer(200, {"a": ["0", "1"]}, page.body), token, {"A": "1"}) is None
    )  # a proxy added a second value
    # The test page arrives without the new file, not with it: the file is to blame,
    # whatever the status.
    for answer in (error, missing, probe.Answer(200, {}, b"andere Seite")):
        assert probe.judge("u", answer, token, {}, plain, other).kind == "broken"
    assert probe.judge("u", error, token, {}, error, other).kind == "already-broken"
    assert probe.judge("u", missing, token, {}, missing, other).kind == "elsewhere"
    assert probe.judge("u", missing, token, {}).kind == "elsewhere"
    verdicts = {kind: probe.Verdict(kind, "x") for kind in probe.OVERRIDES}
    assert probe.overridden(verdicts["broken"], force=True, allow_unreachable=True) is None
    assert probe.overridden(verdicts["headers"], force=False, allow_unreachable=True) is None
    assert "FORCE=1" in probe.overridden(verdicts["headers"], force=True, allow_unreachable=False)
    assert "DEPLOY_ALLOW_UNREACHABLE" in probe.overridden(
        verdicts["elsewhere"], force=False, allow_unreachable=True
    )
    assert probe.overridden(verdicts["already-broken"], force=False, allow_unreachable=False) == ""


def test_the_probes_htaccess_unsets_the_headers_it_must_prove():
    sample = probe.new_probe(b'Header always set A "1"\n', {"A": "1"})
    assert sample.files[".htaccess"].decode() == (
        '<IfModule mod_headers.c>\n  Header always unset A\n</IfModule>\nHeader always set A "1"\n'
    )
    assert probe.new_probe(b"x\n").files[".htaccess"] == b"x\n"


def test_after_the_switch_a_failing_start_page_fails_the_deploy(tmp_path):
    (tmp_path / "kontakt").mkdir()
    (tmp_path / "kontakt" / "index.html").write_text("Kontakt")
    base = webserver.url_for(tmp_path)  # no index.html: the start page answers 404
    line, problem = probe.page_report(base, ["kontakt/index.html"], {})
    assert line == f"Die Website antwortet: {base}/ → HTTP 404; {base}/kontakt/ → HTTP 200."
    assert isinstance(problem, DeployError)
    assert str(problem).startswith(
        "FEHLER: Die neue Fassung ist hochgeladen, aber die "
        f"Prüfung danach ist gescheitert: {base}/ antwortet mit "
        "HTTP 404."
    )
    (tmp_path / "index.html").write_text("Start")
    assert probe.page_report(base, ["kontakt/index.html"], {})[1] is None
    line, problem = probe.page_report(base, [], {"Content-Security-Policy": "x"})
    assert f"{base}/ kommt ohne Content-Security-Policy" in str(problem)


def test_probe_folders_are_leftovers_and_look_random():
    first, second = probe.new_probe(None), probe.new_probe(b"x")
    assert first.name != second.name and not first.name.startswith(".")
    assert set(first.files) == {"index.html"} and set(second.files) == {"index.html", ".htaccess"}
    assert is_leftover(f"{first.name}/index.html", set())
    assert not is_leftover("kontakt/index.html", {"kontakt/index.html"})
