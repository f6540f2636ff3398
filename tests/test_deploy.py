"""`make deploy`: publish to a real OpenSSH server on 127.0.0.1, with rsync and with SFTP.

The "remote" web root is a folder on this machine, so every test looks at exactly
what a visitor's Apache would serve. The fault-injection tests kill a running deploy
(SIGKILL to its whole process group) at chosen moments and check what the site
looks like then, and that the next deploy repairs everything. Their outcomes and
the transfer figures go to test-artifacts/deploy-report.txt (and stdout with -s).
"""

import contextlib
import getpass
import hashlib
import os
import random
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import webserver
from sshd import SshServer, free_port, keygen, processes_in

from sitetools.deploy import DeployError, deploy, load_config, read_environment
from sitetools.deploy.config import VARIABLES
from sitetools.deploy.plan import listing
from sitetools.deploy.rsync import LOCAL_READ_ERROR, check_local_rsync, rsync_version
from sitetools.deploy.sftp import SftpBackend
from sitetools.manifest import MANIFEST_NAME, read_manifest, write_manifest

ROOT = Path(__file__).resolve().parent.parent
METHODS = ["rsync", "sftp"]
REPORT = ROOT / "test-artifacts" / "deploy-report.txt"
FIGURES = []  # lines for REPORT, written when the module ends


# --- servers, configs, remote folders ---------------------------------------------------


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    server = SshServer(tmp_path_factory.mktemp("sshd")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module", autouse=True)
def figures_report():
    yield
    if FIGURES:
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text("\n".join(FIGURES) + "\n", encoding="utf-8")
        print("\n" + "\n".join(FIGURES))


def record(line):
    FIGURES.append(line)
    print(line)


@pytest.fixture
def remote(tmp_path):
    """An empty web root on the "server"."""
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


def settings(server, remote, method="rsync", **overrides):
    """DEPLOY_* variables for server and remote; overrides with value None are left out."""
    env = {
        "DEPLOY_METHOD": method,
        "DEPLOY_HOST": server.host,
        "DEPLOY_PORT": str(server.port),
        "DEPLOY_USER": getpass.getuser(),
        "DEPLOY_PATH": str(remote),
        "DEPLOY_SSH_KEY": server.client_key_text,
        "DEPLOY_KNOWN_HOSTS": server.host_key_line,
        # The probe fetches its test page here (a plain web server serving remote).
        "DEPLOY_CHECK_URL": webserver.url_for(remote),
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def publish(server, remote, output, method="rsync", **options):
    lines = []
    report = deploy(
        load_config(settings(server, remote, method)), output, say=lines.append, **options
    )
    return report, lines


# --- synthetic sites --------------------------------------------------------------------


def fake_bytes(seed, size):
    return random.Random(seed).randbytes(size)


def page(title, css, images=(), text=""):
    pictures = "".join(f'<img src="/{image}" alt="">' for image in images)
    return (
        f'<!doctype html><html lang="de"><head><title>{title}</title>'
        f'<link rel="stylesheet" href="/theme/css/site.{css}.css"></head>'
        f"<body><h1>{title}</h1>{pictures}<p>{text}</p></body></html>\n"
    )


def write_files(folder, files):
    """files: {relpath: str | bytes}; replaces folder; writes the build manifest."""
    shutil.rmtree(folder, ignore_errors=True)
    for rel, data in files.items():
        path = Path(folder) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    write_manifest(folder)
    return Path(folder)


SMALL_PAGES = {
    "index.html": "Start",
    "kontakt/index.html": "Kontakt",
    "neuigkeiten/index.html": "Neuigkeiten",
    "neuigkeiten/sommerfest/index.html": "Sommerfest",
    "404.html": "Nicht gefunden",
}


def small_site(folder, kontakt="Schreiben Sie uns.", without=(), css="0123456789"):
    """5 pages, a fingerprinted stylesheet, a photo, .htaccess: 8 files plus the manifest."""
    files = {
        rel: page(title, css, ["bilder/foto.jpg"], kontakt if "kontakt" in rel else "")
        for rel, title in SMALL_PAGES.items()
        if rel not in without
    }
    files[f"theme/css/site.{css}.css"] = f"/* {css} */ body {{ margin: 0 }}\n"
    files["bilder/foto.jpg"] = fake_bytes(1, 3000)
    files[".htaccess"] = "ErrorDocument 404 /404.html\n"
    return write_files(folder, files)


def big_site(folder, version):
    """~300 files: 150 article pages with a content-named image each, CSS, home, .htaccess.

    From version 1 to 2 every page changes, the stylesheet gets a new name, 120 images
    get new content (so new names), articles 0-9 go and 150-159 come.
    """
    css = "0123456789" if version == 1 else "abcdef0123"
    numbers = range(150) if version == 1 else range(10, 160)
    files = {}
    for n in numbers:
        generation = 2 if version == 2 and n % 5 else 1  # 4 of 5 images change
        data = fake_bytes(n * 10 + generation, 8000)
        image = f"bilder/{hashlib.sha256(data).hexdigest()[:20]}-640.webp"
        files[image] = data
        files[f"artikel/{n}/index.html"] = page(
            f"Artikel {n}", css, [image], f"Fassung {version}. " + "Text " * 1500
        )
    files["index.html"] = page("Start", css, [], f"Fassung {version}")
    files[f"theme/css/site.{css}.css"] = f"/* {css} */ " + "p { color: #222 } " * 400
    files[".htaccess"] = "ErrorDocument 404 /404.html\n"
    return write_files(folder, files)


# --- looking at the remote folder -------------------------------------------------------


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def is_temporary(rel):
    """Names a deploy uses while it runs; Apache's .htaccess hides all of them."""
    name = rel.rsplit("/", 1)[-1]
    return (
        ".~tmp~" in rel.split("/")
        or rel.endswith(".~deploy~")
        or re.fullmatch(r"\..+\.[A-Za-z0-9]{6}", name) is not None
        and name != MANIFEST_NAME
    )


def remote_files(remote):
    return {
        path.relative_to(remote).as_posix(): path for path in remote.rglob("*") if not path.is_dir()
    }


def expected(output):
    files = {rel: entry.sha256 for rel, entry in read_manifest(output / MANIFEST_NAME).items()}
    files[MANIFEST_NAME] = sha(output / MANIFEST_NAME)
    return files


def parent_folders(paths):
    return {"/".join(rel.split("/")[:i]) for rel in paths for i in range(1, rel.count("/") + 1)}


def assert_published(remote, output, keep=(".well-known",)):
    """The remote folder holds exactly output's files (same SHA-256), 644/755, no leftovers;
    besides them only the keep paths and the folders they are in."""

    def kept(rel):
        return any(rel == k or rel.startswith(k + "/") for k in keep)

    actual = {rel: sha(path) for rel, path in remote_files(remote).items() if not kept(rel)}
    assert actual == expected(output)
    folders = {p.relative_to(remote).as_posix() for p in remote.rglob("*") if p.is_dir()}
    wanted = parent_folders(actual)
    holding_kept = parent_folders(rel for rel in remote_files(remote) if kept(rel))
    assert {f for f in folders if not kept(f)} - (holding_kept - wanted) == wanted, (
        "missing or left-over folders"
    )
    for rel in actual:
        assert stat.S_IMODE((remote / rel).stat().st_mode) == 0o644, rel
    for rel in wanted:
        assert stat.S_IMODE((remote / rel).stat().st_mode) == 0o755, rel


def snapshot(remote):
    """Everything a deploy could change: contents, modes, times, folders."""
    return {
        path.relative_to(remote).as_posix(): (
            path.is_dir() or path.read_bytes(),
            path.stat().st_mode,
            path.stat().st_mtime_ns,
        )
        for path in remote.rglob("*")
    }


# --- settings -----------------------------------------------------------------------------


def test_missing_settings_are_all_named_with_where_to_set_them():
    with pytest.raises(DeployError) as error:
        load_config({"DEPLOY_HOSTNAME": "ssh.example.de"})
    message = str(error.value)
    for name in ("DEPLOY_HOST fehlt", "DEPLOY_USER fehlt", "DEPLOY_PATH fehlt"):
        assert name in message
    assert "nichts hochgeladen" in message
    assert ".env" in message and ".env.example" in message and "Secrets" in message
    assert "Unbekannt: DEPLOY_HOSTNAME. Meinten Sie DEPLOY_HOST?" in message


def test_env_example_is_a_valid_template_that_asks_for_the_server():
    values = read_environment(ROOT / ".env.example", {})
    assert set(values) <= set(VARIABLES)
    with pytest.raises(DeployError) as error:
        load_config(values)
    # Under the headline and the "So beheben" line: the missing settings, in this order.
    assert [line.split()[0] for line in str(error.value).splitlines()[2:5]] == [
        "DEPLOY_HOST",
        "DEPLOY_USER",
        "DEPLOY_PATH",
    ]


def test_bad_values_are_all_named_at_once(tmp_path):
    with pytest.raises(DeployError) as error:
        load_config(
            {
                "DEPLOY_METHOD": "ftp",
                "DEPLOY_HOST": "-oProxyCommand=evil",
                "DEPLOY_USER": "verein",
                "DEPLOY_PATH": "html; rm -rf ~",
                "DEPLOY_PORT": "22a",
                "DEPLOY_MAX_DELETE": "1.5",
                "DEPLOY_SSH_KEY": "ssh-ed25519 AAAA… (the public key by mistake)",
                "DEPLOY_KNOWN_HOSTS_FILE": str(tmp_path / "fehlt"),
            }
        )
    message = str(error.value)
    for part in (
        "DEPLOY_METHOD „ftp“ ist unbekannt",
        "DEPLOY_HOST „-oProxyCommand=evil“",
        "DEPLOY_PATH „html; rm -rf ~“",
        "DEPLOY_PORT „22a“",
        "DEPLOY_MAX_DELETE „1.5“",
        "DEPLOY_SSH_KEY ist kein privater Schlüssel",
        "DEPLOY_KNOWN_HOSTS_FILE: Die Datei",
    ):
        assert part in message
    assert "Traceback" not in message


def test_defaults_and_accepted_spellings(tmp_path):
    known = tmp_path / "known_hosts"
    known.write_text("ssh.example.de ssh-ed25519 AAAA\n")
    config = load_config(
        {
            "DEPLOY_HOST": "ssh.example.de",
            "DEPLOY_USER": "verein",
            "DEPLOY_PATH": "~/html/",
            "DEPLOY_MAX_DELETE": "0,25",
            "DEPLOY_KNOWN_HOSTS_FILE": str(known),
        }
    )
    assert (config.method, config.port, config.path) == ("rsync", 22, "html")
    assert config.max_delete == 0.25 and config.keep == ()  # dot paths are kept anyway
    assert config.ssh_key is None and config.ssh_key_file is None  # ssh agent / default keys
    config = load_config(
        {
            "DEPLOY_HOST": "h",
            "DEPLOY_USER": "u",
            "DEPLOY_PATH": "/www/htdocs",
            "DEPLOY_METHOD": "SFTP",
            "DEPLOY_PORT": "2222",
            "DEPLOY_KEEP": "/.well-known/ statistik",
            "DEPLOY_KNOWN_HOSTS": "x",
        }
    )
    assert (config.method, config.port, config.keep) == ("sftp", 2222, (".well-known", "statistik"))
    assert config.is_kept("statistik/2026.html") and not config.is_kept("statistik-alt.html")


def test_env_file_is_read_and_real_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DEPLOY_HOST=ssh.example.de\nDEPLOY_PATH=falsch\nDEPLOY_USER=verein\n"
        'DEPLOY_SSH_KEY="-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n'
        '-----END OPENSSH PRIVATE KEY-----"\nOTHER=1\n',
        encoding="utf-8",
    )
    values = read_environment(env_file, {"DEPLOY_PATH": "html", "DEPLOY_USER": "", "HOME": "/"})
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----"
    assert values == {
        "DEPLOY_HOST": "ssh.example.de",
        "DEPLOY_PATH": "html",
        "DEPLOY_USER": "verein",
        "DEPLOY_SSH_KEY": key,
    }
    env_file.write_text('DEPLOY_HOST=ssh.example.de\nDEPLOY_SSH_KEY="unterminated\n')
    with pytest.raises(DeployError, match=r"In .*\.env ist Zeile 2 nicht lesbar"):
        read_environment(env_file, {})


def test_misspelt_names_are_named_with_a_suggestion(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DEPOLY_HOST=ssh.example.de\nDEPLOY_USER=verein\nOTHER=1\n"
        "DEPLOY_KNOWN_HOSTS=ssh.example.de ssh-ed25519 AAAA\n"
    )
    values = read_environment(
        env_file,
        {
            "deploy_path": "html",
            "DEPLOY_PAHT": "html",
            "DEPLOY_SSH_KEY_BASE64": "eA==",
            "HOME": "/",
        },
    )
    with pytest.raises(DeployError) as error:
        load_config(values)
    message = str(error.value)
    for name, meant in (
        ("DEPOLY_HOST", "DEPLOY_HOST"),
        ("deploy_path", "DEPLOY_PATH"),
        ("DEPLOY_PAHT", "DEPLOY_PATH"),
    ):
        assert f"    Unbekannt: {name}. Meinten Sie {meant}?" in message.splitlines()
    assert "OTHER" not in message and "BASE64" not in message  # GitLab's key, decoded by CI
    assert "DEPLOY_HOST fehlt" in message

    # Everything else right: a misspelt optional setting must not be ignored silently.
    with pytest.raises(DeployError, match="Unbekannt: DEPLOY_KEPP. Meinten Sie DEPLOY_KEEP?"):
        load_config(
            {
                "DEPLOY_HOST": "ssh.example.de",
                "DEPLOY_USER": "verein",
                "DEPLOY_PATH": "html",
                "DEPLOY_KNOWN_HOSTS": "x",
                "DEPLOY_KEPP": "statistik",
            }
        )


@pytest.mark.parametrize(
    "host, name, port",
    [
        ("ssh.example.de:2222", "ssh.example.de", "2222"),
        ("127.0.0.1:35225", "127.0.0.1", "35225"),
        ("[::1]:2222", "::1", "2222"),
    ],
)
def test_port_in_host_is_refused(host, name, port):
    with pytest.raises(DeployError) as error:
        load_config(
            {
                "DEPLOY_HOST": host,
                "DEPLOY_USER": "verein",
                "DEPLOY_PATH": "html",
                "DEPLOY_KNOWN_HOSTS": "x",
            }
        )
    assert (
        f"DEPLOY_HOST „{host}“: Der Port gehört nicht in DEPLOY_HOST, sondern in "
        f"DEPLOY_PORT={port} (also DEPLOY_HOST={name} und DEPLOY_PORT={port})."
    ) in str(error.value)
    config = load_config(
        {
            "DEPLOY_HOST": "::1",
            "DEPLOY_PORT": port,
            "DEPLOY_USER": "verein",
            "DEPLOY_PATH": "html",
            "DEPLOY_KNOWN_HOSTS": "x",
        }
    )
    assert config.host_key_name == f"[::1]:{port}"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/.",
        "/./",
        "//",
        "//.",
        "///",
        "/www/..",
        "/../",
        ".",
        "./",
        "~",
        "~/",
        "~/.",
        "html/..",
        "html/./..",
        "..",
        "../www",
        "html/../../www",
        "/www/../etc",
    ],
)
def test_deploy_path_of_the_server_root_the_home_folder_or_outside_is_refused(path):
    with pytest.raises(DeployError) as error:
        load_config(
            {"DEPLOY_HOST": "h", "DEPLOY_USER": "u", "DEPLOY_PATH": path, "DEPLOY_KNOWN_HOSTS": "x"}
        )
    assert f"DEPLOY_PATH „{path}“ geht nicht: Das wäre " in str(error.value)


@pytest.mark.parametrize(
    "path, normal",
    [
        ("/www/./htdocs/", "/www/htdocs"),
        ("./html", "html"),
        ("~/html/.", "html"),
        ("//www//htdocs", "/www/htdocs"),
        ("/home/verein", "/home/verein"),
    ],
)
def test_deploy_path_is_normalised(path, normal):
    config = load_config(
        {"DEPLOY_HOST": "h", "DEPLOY_USER": "u", "DEPLOY_PATH": path, "DEPLOY_KNOWN_HOSTS": "x"}
    )
    assert config.path == normal


@pytest.mark.parametrize(
    "text, version",
    [
        ("rsync  version 3.2.7  protocol version 31\nCopyright (C) 1996-2022 …\n", (3, 2)),
        ("rsync  version v3.1.0  protocol version 31\n", (3, 1)),
        ("rsync  version 3.0.9  protocol version 30\n", (3, 0)),
        ("rsync  version 2.6.9  protocol version 29\n", (2, 6)),  # macOS up to 14
        ("openrsync: protocol version 29\nrsync version 2.6.9 compatible\n", None),  # macOS 15
        ("", None),
    ],
)
def test_rsync_version_is_read_from_rsync_version(text, version):
    assert rsync_version(text) == version


@pytest.mark.sshd
def test_this_machines_rsync_is_new_enough():
    check_local_rsync()  # the real local client


def test_dry_run_lists_up_to_200_paths():
    assert (
        listing("Würde löschen", [f"seite-{n}.html" for n in range(200)])[-1]
        == "    seite-199.html"
    )
    lines = listing("Würde löschen", [f"seite-{n}.html" for n in range(204)])
    assert lines[0] == "Würde löschen (204):" and len(lines) == 202
    assert lines[-1] == "    … und 4 weitere"


# --- refusing output that is not a production build --------------------------------------


@pytest.mark.parametrize("damage", ["no manifest", "edited file"])
def test_output_that_does_not_match_its_manifest_is_refused(tmp_path, damage):
    output = small_site(tmp_path / "output")
    if damage == "no manifest":
        (output / MANIFEST_NAME).unlink()
    else:
        (output / "kontakt" / "index.html").write_text("von Hand geändert")
    # Port 1 refuses connections: a message about that would mean the server was contacted.
    config = load_config(
        {
            "DEPLOY_HOST": "127.0.0.1",
            "DEPLOY_PORT": "1",
            "DEPLOY_USER": "u",
            "DEPLOY_PATH": "www",
            "DEPLOY_KNOWN_HOSTS": "[127.0.0.1]:1 x y",
        }
    )
    with pytest.raises(DeployError) as error:
        deploy(config, output, say=lambda line: None)
    message = str(error.value)
    assert "make publish-build" in message
    assert (
        "fehlt die Datei .build-manifest.json" in message
        if damage == "no manifest"
        else "geändert: kontakt/index.html" in message
    )
    assert "Verbindungen" not in message


# --- both backends: the normal cycle ------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_deploy_change_delete_cycle(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    (output / "bilder" / "foto.jpg").chmod(0o600)  # visitors must still be able to load it
    first, lines = publish(sshd, remote, output, method)
    assert_published(remote, output)
    assert (first.files, first.deleted) == (9, 0)
    assert lines[-1].startswith("Fertig: 9 Dateien hochgeladen (")

    second, lines = publish(sshd, remote, output, method)
    assert_published(remote, output)
    assert (second.files, second.deleted) == (0, 0)
    assert lines[-1].startswith("Fertig: 0 Dateien hochgeladen (")
    record(
        f"small site, {method}: first deploy {first.files} files / {first.bytes} bytes; "
        f"unchanged second deploy {second.files} files / {second.bytes} bytes"
    )

    small_site(output, kontakt="Neue Telefonnummer: 0551 123456")
    changed, _ = publish(sshd, remote, output, method)
    assert_published(remote, output)
    assert (changed.files, changed.deleted) == (2, 0)  # the page and the manifest
    assert "0551 123456" in (remote / "kontakt" / "index.html").read_text()

    small_site(
        output,
        kontakt="Neue Telefonnummer: 0551 123456",
        without=["neuigkeiten/sommerfest/index.html"],
    )
    removed, lines = publish(sshd, remote, output, method)
    assert_published(remote, output)  # also: the emptied folder is gone
    assert (removed.files, removed.deleted) == (1, 1)
    assert ", 1 Datei gelöscht, " in lines[-1]


@pytest.mark.parametrize("method", METHODS)
def test_a_file_can_become_a_folder_and_a_folder_a_file(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    (output / "termine").write_text("Termine als Textdatei")
    (output / "presse").mkdir()
    (output / "presse" / "index.html").write_text(page("Presse", "0123456789"))
    write_manifest(output)
    publish(sshd, remote, output, method)
    (output / "termine").unlink()
    (output / "termine").mkdir()
    (output / "termine" / "index.html").write_text(
        page("Termine", "0123456789", ["termine/plakat.jpg"])
    )
    (output / "termine" / "plakat.jpg").write_bytes(fake_bytes(2, 500))
    shutil.rmtree(output / "presse")
    (output / "presse").write_text("Presse als Textdatei")
    write_manifest(output)
    publish(sshd, remote, output, method)
    assert_published(remote, output)


@pytest.mark.parametrize("method", METHODS)
def test_dry_run_lists_changes_and_changes_nothing(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    publish(sshd, remote, output, method)
    before = snapshot(remote)
    small_site(output, kontakt="Neu", without=["neuigkeiten/sommerfest/index.html"])
    report, lines = publish(sshd, remote, output, method, dry_run=True)
    assert snapshot(remote) == before
    assert report.dry_run and (report.files, report.deleted) == (2, 1)
    text = "\n".join(lines)
    assert (
        "Würde hochladen (2):\n    .build-manifest.json\n    kontakt/index.html\n"
        "Würde löschen (1):\n    neuigkeiten/sommerfest/index.html\n"
    ) in text
    assert lines[-1].startswith("Probelauf beendet (") and "nichts geändert" in lines[-1]


@pytest.mark.parametrize("method", METHODS)
def test_deletion_guard_stops_before_any_change_and_force_proceeds(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    publish(sshd, remote, output, method)
    before = snapshot(remote)
    write_files(output, {"index.html": page("Start", "0123456789")})  # 4 of 5 pages would go
    with pytest.raises(DeployError) as error:
        publish(sshd, remote, output, method)
    message = str(error.value)
    assert (
        f"Dieser Lauf würde in „{remote}“ auf 127.0.0.1 4 von 5 Seiten (.html) löschen "
        "(mehr als 50 %, DEPLOY_MAX_DELETE), z. B. 404.html, kontakt/index.html, "
        "neuigkeiten/index.html und 1 weitere; insgesamt 7 Dateien."
    ) in message
    assert_guard_advice(message)
    assert snapshot(remote) == before

    _, lines = publish(sshd, remote, output, method, dry_run=True)  # lists, warns, no error
    assert any(line.startswith(f"Achtung: Dieser Lauf würde in „{remote}“") for line in lines)
    assert snapshot(remote) == before

    report, _ = publish(sshd, remote, output, method, force=True)
    assert report.deleted == 7
    assert_published(remote, output)


@pytest.mark.parametrize("method", METHODS)
def test_keep_paths_survive_and_do_not_count(sshd, remote, tmp_path, method):
    token = remote / ".well-known" / "acme-challenge" / "token"
    token.parent.mkdir(parents=True)
    token.write_text("lets-encrypt")
    stats = remote / "statistik" / "index.html"
    stats.parent.mkdir()
    stats.write_text("vom Hoster")
    env = settings(sshd, remote, method, DEPLOY_KEEP=".well-known/ statistik/")
    output = small_site(tmp_path / "output")
    report = deploy(load_config(env), output, say=lambda line: None)
    assert report.deleted == 0 and report.plan.remote_files == []  # a first deploy
    write_files(output, {"index.html": page("Start", "0123456789")})
    deploy(load_config(env), output, force=True, say=lambda line: None)
    assert token.read_text() == "lets-encrypt" and stats.read_text() == "vom Hoster"
    assert_published(remote, output, keep=(".well-known", "statistik"))


def test_names_that_are_not_utf8_on_the_server(sshd, remote, tmp_path):
    """Latin-1 names from an old FTP upload: rsync removes them, SFTP explains in German."""
    latin1 = os.fsencode(str(remote)) + b"/Gr\xfc\xdfe.html"
    with open(latin1, "wb") as handle:
        handle.write(b"alt")
    output = small_site(tmp_path / "output")
    before = snapshot(remote)
    with pytest.raises(DeployError) as error:
        publish(sshd, remote, output, "sftp")
    message = str(error.value)
    assert "deren Name nicht als UTF-8 gespeichert ist" in message
    assert "DEPLOY_METHOD=rsync" in message and "Traceback" not in message
    assert snapshot(remote) == before

    publish(sshd, remote, output, "rsync", force=True)
    assert not os.path.exists(latin1)
    assert_published(remote, output)


@pytest.mark.parametrize(
    "stderr, local",
    [
        (
            'rsync: [sender] send_files failed to open "/p/.output-hochladen-x/a.html": '
            "Permission denied (13)",
            True,
        ),
        ('file has vanished: "/p/.output-hochladen-x/b.html"', True),
        ('rsync: [receiver] mkstemp "/www/.a.html.Xy12ab" failed: Permission denied (13)', False),
        (
            'rsync: [generator] recv_generator: mkdir "/www/neu" failed: Permission denied (13)',
            False,
        ),
    ],
)
def test_rsync_tells_a_local_read_error_from_a_server_write_error(stderr, local):
    """Running as root (CI), an unreadable local file cannot be produced for real."""
    assert bool(LOCAL_READ_ERROR.search(stderr)) is local


HOME_DOT_FILES = {
    ".ssh/authorized_keys": "ssh-ed25519 AAAA… admin",
    ".bash_history": "ls\n",
    ".well-known/acme-challenge/token": "lets-encrypt",
    "kontakt/.DS_Store": "finder",
    "alt/.htpasswd": "admin:x",
}


@pytest.mark.parametrize("method", METHODS)
def test_dot_paths_survive_and_leftovers_go(sshd, remote, tmp_path, method):
    """A login folder that is also the web folder: dot paths stay, temporary names go."""
    for rel, text in HOME_DOT_FILES.items():
        (remote / rel).parent.mkdir(parents=True, exist_ok=True)
        (remote / rel).write_text(text)
    leftovers = [
        "bilder/.~tmp~/foto.jpg",  # rsync, killed before its rename pass
        "kontakt/.index.html.Ab12Cd",  # rsync, killed while receiving the file
        "index.html.~deploy~",
        ".htaccess.~deploy~",  # SFTP
        # a deploy killed while its probe folder was on the server
        "_deploy-probe-0123456789abcdef/index.html",
        "_deploy-probe-0123456789abcdef/.htaccess",
    ]
    for rel in leftovers:
        (remote / rel).parent.mkdir(parents=True, exist_ok=True)
        (remote / rel).write_text("halb")
    (remote / "alt" / "index.html").write_text("alte Seite")
    keep = (".ssh", ".bash_history", ".well-known", "kontakt/.DS_Store", "alt/.htpasswd")

    output = small_site(tmp_path / "output")
    report, _ = publish(sshd, remote, output, method, force=True)  # alt/index.html: foreign
    assert sorted(report.plan.leftovers) == sorted(leftovers)
    assert report.plan.deletions == ["alt/index.html"]
    assert report.plan.remote_files == ["alt/index.html"]  # dot paths never count
    assert_published(remote, output, keep=keep)
    assert not list(remote.glob("_deploy-probe-*"))
    small_site(output, without=["kontakt/index.html"])  # its folder holds .DS_Store: stays
    (output / ".htaccess").unlink()  # the site's own dot files do go with the site
    write_manifest(output)
    report, _ = publish(sshd, remote, output, method)
    assert report.plan.deletions == [".htaccess", "kontakt/index.html"]
    assert_published(remote, output, keep=keep)
    assert {rel: (remote / rel).read_text() for rel in HOME_DOT_FILES} == HOME_DOT_FILES


def volunteer_site(folder, photos=(1, 2, 3), news=True):
    """70 files like the volunteer's site: 12 pages (9 without the news item); the news item
    has 3 photos in 12 variants each (4 widths × AVIF, WebP, JPEG, named by content)."""
    css = "0123456789"
    variants = {}
    for seed in photos if news else ():
        data = fake_bytes(seed, 600)
        digest = hashlib.sha256(data).hexdigest()[:12]
        for width in (320, 640, 960, 1280):
            for kind in ("avif", "webp", "jpg"):
                variants[f"bilder/{digest}-{width}.{kind}"] = data + f"{width}{kind}".encode()
    titles = {
        "index.html": "Start",
        "404.html": "Nicht gefunden",
        "kontakt/index.html": "Kontakt",
        "ueber-uns/index.html": "Über uns",
        "impressum/index.html": "Impressum",
        "datenschutz/index.html": "Datenschutz",
        "aufrufe/index.html": "Aufrufe",
        "neuigkeiten/index.html": "Neuigkeiten",
        "neuigkeiten/flohmarkt/index.html": "Flohmarkt",
    }
    if news:
        titles.update(
            {
                "neuigkeiten/sommerfest/index.html": "Sommerfest",
                "neuigkeiten/2/index.html": "Neuigkeiten, Seite 2",
                "schlagwort/fest/index.html": "Schlagwort Fest",
            }
        )
    logo = [
        f"bilder/logo-{width}.{kind}"
        for width in (64, 128, 256, 512, 1024)
        for kind in ("webp", "png")
    ]
    files = {
        rel: page(
            title,
            css,
            logo[:1] + (sorted(variants) if "sommerfest" in rel else []),
            "Neu: Sommerfest" if news else "",
        )
        for rel, title in titles.items()
    }
    files.update(variants)
    files.update({rel: fake_bytes(n, 200) for n, rel in enumerate(logo)})
    files.update(
        {
            f"dokumente/{name}.pdf": fake_bytes(name, 400)
            for name in (
                "satzung",
                "beitrittserklaerung",
                "jahresbericht",
                "flyer",
                "spendenquittung",
            )
        }
    )
    files.update(
        {
            f"theme/css/site.{css}.css": "body { margin: 0 }\n",
            "theme/icon.svg": "<svg/>\n",
            ".htaccess": "ErrorDocument 404 /404.html\n",
            "robots.txt": "User-agent: *\n",
            "sitemap.xml": f"<urlset>{news}</urlset>\n",
            "feeds/alle.atom.xml": f"<feed>{news}</feed>\n",
        }
    )
    return write_files(folder, files)


@pytest.mark.parametrize("method", METHODS)
def test_guard_lets_normal_edits_through(sshd, remote, tmp_path, method):
    output = volunteer_site(tmp_path / "output")
    first, _ = publish(sshd, remote, output, method)
    assert first.files == 70

    volunteer_site(output, photos=(4, 5, 6))  # the news item gets 3 other photos
    swap, _ = publish(sshd, remote, output, method)
    assert (swap.deleted, len(swap.plan.remote_files)) == (36, 70)
    assert_published(remote, output)

    volunteer_site(output, photos=(4, 5, 6), news=False)  # the news item goes
    removed, _ = publish(sshd, remote, output, method)
    assert (removed.deleted, len(removed.plan.remote_files)) == (39, 70)
    assert_published(remote, output)


def assert_guard_advice(message):
    """What every guard message says, in this order: what, likely cause, the way out."""
    assert "Auf dem Server wurde nichts geändert." in message
    cause = message.index("Meist heißt das: DEPLOY_PATH zeigt auf den falschen Ordner")
    check = message.index("So beheben: DEPLOY_PATH mit den Zugangsdaten des Hosters vergleichen")
    force = message.index(
        "Nur wenn das Löschen wirklich gewollt ist: einmal make deploy FORCE=1; "
        "in der CI vorübergehend die Variable DEPLOY_MAX_DELETE=1 setzen"
    )
    assert cause < check < force
    assert "make deploy DRY_RUN=1" in message


@pytest.mark.parametrize("method", METHODS)
def test_guard_stops_a_deploy_into_a_folder_of_someone_elses_files(sshd, remote, tmp_path, method):
    for n in range(40):  # a wrong DEPLOY_PATH: the home folder, full of documents
        (remote / "Dokumente").mkdir(exist_ok=True)
        (remote / "Dokumente" / f"brief-{n:02}.odt").write_text(f"Brief {n}")
    for n in range(10):
        (remote / "Fotos").mkdir(exist_ok=True)
        (remote / "Fotos" / f"urlaub-{n}.jpg").write_bytes(fake_bytes(n, 100))
    before = snapshot(remote)
    output = small_site(tmp_path / "output")
    with pytest.raises(DeployError) as error:
        publish(sshd, remote, output, method)
    message = str(error.value)
    assert (
        f"Dieser Lauf würde in „{remote}“ auf 127.0.0.1 50 Dateien löschen, z. B. "
        "Dokumente/brief-00.odt, Dokumente/brief-01.odt, Dokumente/brief-02.odt und 47 "
        "weitere. 50 von 50 Dateien stammen nicht von einer früheren Veröffentlichung "
        "(mehr als 50 %, DEPLOY_MAX_DELETE)."
    ) in message
    assert_guard_advice(message)
    assert snapshot(remote) == before


@pytest.mark.parametrize("method", METHODS)
def test_guard_trips_once_over_an_old_website(sshd, remote, tmp_path, method):
    old = {f"seite{n}.html": page(f"Alt {n}", "alt", [f"img/bild{n}.gif"]) for n in range(10)}
    old.update({f"img/bild{n}.gif": fake_bytes(n, 300) for n in range(10)})
    old["index.html"] = page("Alte Startseite", "alt")
    write_files(remote, old)
    (remote / MANIFEST_NAME).unlink()  # the old website was not published by make deploy
    before = snapshot(remote)
    output = small_site(tmp_path / "output")
    with pytest.raises(DeployError) as error:
        publish(sshd, remote, output, method)
    message = str(error.value)
    assert "20 von 21 Dateien stammen nicht von einer früheren Veröffentlichung" in message
    assert (
        "Liegt dort noch eine alte Website, die durch diese ersetzt werden soll, ist das "
        "beim ersten Veröffentlichen einmal so." in message
    )
    assert_guard_advice(message)
    assert snapshot(remote) == before

    publish(sshd, remote, output, method, force=True)
    assert_published(remote, output)
    small_site(output, without=["neuigkeiten/sommerfest/index.html"])
    report, _ = publish(sshd, remote, output, method)  # from now on: no FORCE needed
    assert report.deleted == 1


# --- both backends: refusing to connect or to start ---------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_wrong_host_key_is_refused_and_nothing_uploaded(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    publish(sshd, remote, output, method)
    before = snapshot(remote)
    small_site(output, kontakt="Neu")
    other = keygen(tmp_path / "other_host_key", "impostor").with_suffix(".pub").read_text().split()
    env = settings(
        sshd, remote, method, DEPLOY_KNOWN_HOSTS=f"[127.0.0.1]:{sshd.port} {other[0]} {other[1]}"
    )
    with pytest.raises(DeployError) as error:
        deploy(load_config(env), output, say=lambda line: None)
    message = str(error.value)
    assert f"Der Server [127.0.0.1]:{sshd.port} hat nicht den erwarteten Schlüssel" in message
    assert "Die Verbindung wurde sofort beendet. Es wurde nichts hochgeladen." in message
    assert "DEPLOY_KNOWN_HOSTS" in message
    assert snapshot(remote) == before


def refused_before_connecting(sshd, remote, output, method="rsync", **overrides):
    """The DeployError message of a deploy that must stop before it contacts the server."""
    connections = sshd.log.read_text().count("Connection from")
    with pytest.raises(DeployError) as error:
        deploy(
            load_config(settings(sshd, remote, method, **overrides)), output, say=lambda line: None
        )
    assert list(remote.iterdir()) == []
    assert sshd.log.read_text().count("Connection from") == connections
    return str(error.value)


@pytest.mark.parametrize("method", METHODS)
def test_unknown_host_key_is_refused_before_connecting(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    key = sshd.host_key_line.split(" ", 1)[1]
    message = refused_before_connecting(
        sshd, remote, output, method, DEPLOY_KNOWN_HOSTS=f"ssh.example.de {key}"
    )
    assert (
        f"Für den Server [127.0.0.1]:{sshd.port} ist in DEPLOY_KNOWN_HOSTS kein "
        "Schlüssel hinterlegt" in message
    )
    assert f"ssh-keyscan -p {sshd.port} 127.0.0.1" in message
    assert "„Einmal einrichten“, Schritt 2" in message


def test_wrong_port_with_the_right_key_line_asks_about_the_port(sshd, remote, tmp_path):
    output = small_site(tmp_path / "output")
    wrong = free_port()
    message = refused_before_connecting(sshd, remote, output, DEPLOY_PORT=str(wrong))
    assert (
        f"In DEPLOY_KNOWN_HOSTS ist ein Schlüssel für [127.0.0.1]:{sshd.port} eingetragen, "
        f"aber DEPLOY_PORT ist {wrong}. Stimmt der Port?"
    ) in message
    assert f"DEPLOY_PORT={sshd.port} setzen" in message
    assert "kein Schlüssel hinterlegt" not in message


def test_key_line_without_brackets_for_another_port(sshd, remote, tmp_path):
    output = small_site(tmp_path / "output")  # the right key, but written as for port 22
    line = sshd.host_key_line.replace(f"[127.0.0.1]:{sshd.port}", "127.0.0.1")
    message = refused_before_connecting(sshd, remote, output, DEPLOY_KNOWN_HOSTS=line)
    assert (
        "steht der Schlüssel für „127.0.0.1“ ohne Port, also für Port 22; DEPLOY_PORT ist "
        f"aber {sshd.port}. Stimmt der Port?"
    ) in message
    assert f"muss die Zeile mit „[127.0.0.1]:{sshd.port}“ beginnen" in message


def test_pasted_fingerprint_or_key_without_host_name(sshd, remote, tmp_path):
    output = small_site(tmp_path / "output")
    public = sshd.folder / "host_key.pub"
    fingerprint = subprocess.run(
        ["ssh-keygen", "-lf", str(public)], capture_output=True, text=True, check=True
    ).stdout.strip()  # "256 SHA256:… (ED25519)"
    for pasted in (fingerprint, fingerprint.split()[1]):
        message = refused_before_connecting(sshd, remote, output, DEPLOY_KNOWN_HOSTS=pasted)
        assert "Das ist ein Fingerabdruck, keine Schlüsselzeile" in message
        assert f"ssh-keyscan -p {sshd.port} 127.0.0.1" in message

    bare = sshd.host_key_line.split(" ", 1)[1]  # "ssh-ed25519 AAAA…"
    message = refused_before_connecting(sshd, remote, output, DEPLOY_KNOWN_HOSTS=bare)
    assert (
        "beginnt eine Zeile mit „ssh-ed25519 AAAA…“. Vor dem Schlüssel fehlt der "
        "Servername" in message
    )
    assert f"„[127.0.0.1]:{sshd.port} ssh-ed25519 AAAA…“" in message


@pytest.mark.parametrize("method", METHODS)
def test_authentication_failure(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    stranger = keygen(tmp_path / "stranger", "not authorized").read_text()
    env = settings(sshd, remote, method, DEPLOY_SSH_KEY=stranger)
    with pytest.raises(DeployError) as error:
        deploy(load_config(env), output, say=lambda line: None)
    message = str(error.value)
    assert "hat die Anmeldung als" in message
    assert "Der Schlüssel aus DEPLOY_SSH_KEY ist dort nicht freigeschaltet" in message
    # The public key goes to the host, the private one into the settings; not the reverse.
    assert (
        "Beim Hoster (Kundenbereich, „SSH-Schlüssel“) gehört der öffentliche Schlüssel "
        "hin: die Datei mit .pub" in message
    )
    assert (
        "In DEPLOY_SSH_KEY bzw. DEPLOY_SSH_KEY_FILE gehört der private: die Datei ohne "
        ".pub." in message
    )
    assert list(remote.iterdir()) == []


def test_public_key_as_key_file_is_a_settings_error(sshd, remote, tmp_path):
    public = sshd.client_key.with_suffix(".pub")
    copy = tmp_path / "mein-schluessel"  # a public key under a name without .pub
    copy.write_text(public.read_text())
    for path, hint in ((public, f", also {sshd.client_key}."), (copy, ".")):
        with pytest.raises(DeployError) as error:
            load_config(settings(sshd, remote, DEPLOY_SSH_KEY=None, DEPLOY_SSH_KEY_FILE=str(path)))
        assert (
            f"DEPLOY_SSH_KEY_FILE: {path} ist der öffentliche Schlüssel; hier gehört die "
            f"Datei ohne .pub hin (der private Schlüssel){hint}"
        ) in str(error.value)
    config = load_config(
        settings(sshd, remote, DEPLOY_SSH_KEY=None, DEPLOY_SSH_KEY_FILE=str(sshd.client_key))
    )
    assert config.ssh_key_file == sshd.client_key


@pytest.mark.parametrize("method", METHODS)
def test_connection_refused(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    port = free_port()
    env = settings(
        sshd,
        remote,
        method,
        DEPLOY_PORT=str(port),
        DEPLOY_KNOWN_HOSTS=sshd.host_key_line.replace(str(sshd.port), str(port)),
    )
    with pytest.raises(DeployError, match=f"nimmt auf Port {port} keine Verbindungen an"):
        deploy(load_config(env), output, say=lambda line: None)


@pytest.mark.parametrize("method", METHODS)
def test_missing_remote_folder_is_not_created(sshd, tmp_path, method):
    output = small_site(tmp_path / "output")
    missing = tmp_path / "www-tippfehler"
    with pytest.raises(DeployError) as error:
        publish(sshd, missing, output, method)
    assert f"Den Ordner „{missing}“ gibt es auf dem Server 127.0.0.1 nicht" in str(error.value)
    assert not missing.exists()


def test_rsync_missing_on_the_server_suggests_sftp(sshd, remote, tmp_path):
    # A host whose shell has no rsync (the command runs with a PATH without it).
    server = SshServer(
        tmp_path / "sshd-no-rsync",
        extra_config=('ForceCommand PATH=/nonexistent; export PATH; eval "$SSH_ORIGINAL_COMMAND"'),
    ).start()
    try:
        output = small_site(tmp_path / "output")
        with pytest.raises(DeployError) as error:
            publish(server, remote, output, "rsync")
    finally:
        server.stop()
    assert "lässt sich rsync nicht starten" in str(error.value)
    assert "DEPLOY_METHOD=sftp" in str(error.value)
    assert list(remote.iterdir()) == []


@pytest.mark.parametrize(
    "version",
    [
        "rsync  version 2.6.9  protocol version 29",
        "openrsync: protocol version 29\nrsync version 2.6.9 compatible",
    ],
)
def test_old_local_rsync_is_refused_before_connecting(sshd, remote, tmp_path, monkeypatch, version):
    """macOS ships rsync 2.6.9 or openrsync: no --delete-delay; --max-delete=0 unlimited."""
    fake = tmp_path / "bin" / "rsync"
    fake.parent.mkdir()
    fake.write_text(
        f"#!/bin/sh\nif [ \"$1\" = --version ]; then cat <<'EOF'\n{version}\nEOF\n"
        "exit 0; fi\necho 'rsync: --delete-delay: unknown option' >&2; exit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    output = small_site(tmp_path / "output")
    message = refused_before_connecting(sshd, remote, output)
    first_line = " ".join(version.splitlines()[0].split())
    assert (
        f"Das rsync auf diesem Rechner ist zu alt („{first_line}“); nötig ist "
        "Version 3.1 oder neuer. Es wurde nichts hochgeladen." in message
    )
    assert "brew install rsync" in message and "DEPLOY_METHOD=sftp" in message


def key_with_passphrase(folder):
    key = Path(folder) / "mit_passphrase"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "geheim", "-C", "passphrase", "-f", str(key)],
        check=True,
    )
    return key


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("source", ["DEPLOY_SSH_KEY_FILE", "DEPLOY_SSH_KEY"])
def test_key_with_passphrase_and_no_agent_is_named_before_connecting(
    sshd, remote, tmp_path, monkeypatch, method, source
):
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    key = key_with_passphrase(tmp_path)
    value = str(key) if source == "DEPLOY_SSH_KEY_FILE" else key.read_text()
    output = small_site(tmp_path / "output")
    message = refused_before_connecting(
        sshd, remote, output, method, **{"DEPLOY_SSH_KEY": None, source: value}
    )
    assert f"Der Schlüssel aus {source}" in message
    assert "ist mit einer Passphrase geschützt, und kein ssh-agent ist erreichbar" in message
    assert "mit „ssh-add“ laden" in message and "nicht freigeschaltet" not in message


@pytest.mark.parametrize("method", METHODS)
def test_key_with_passphrase_works_through_the_ssh_agent(
    sshd, remote, tmp_path, monkeypatch, method
):
    key = key_with_passphrase(tmp_path)
    askpass = tmp_path / "askpass"
    askpass.write_text("#!/bin/sh\necho geheim\n")
    askpass.chmod(0o700)
    agent_socket = tmp_path / "agent.sock"
    agent = subprocess.Popen(
        ["ssh-agent", "-D", "-a", str(agent_socket)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    authorized = sshd.folder / "authorized_keys"
    before = authorized.read_text()
    try:
        # The agent prints its settings once the socket listens.
        assert agent.stdout.readline().startswith(f"SSH_AUTH_SOCK={agent_socket};")
        subprocess.run(
            ["ssh-add", "-q", str(key)],
            stdin=subprocess.DEVNULL,
            check=True,
            capture_output=True,
            env={
                **os.environ,
                "SSH_AUTH_SOCK": str(agent_socket),
                "SSH_ASKPASS": str(askpass),
                "SSH_ASKPASS_REQUIRE": "force",
            },
        )
        authorized.write_text(before + key.with_suffix(".pub").read_text())
        monkeypatch.setenv("SSH_AUTH_SOCK", str(agent_socket))
        output = small_site(tmp_path / "output")
        deploy(
            load_config(
                settings(sshd, remote, method, DEPLOY_SSH_KEY=None, DEPLOY_SSH_KEY_FILE=str(key))
            ),
            output,
            say=lambda line: None,
        )
    finally:
        authorized.write_text(before)
        agent.terminate()
        agent.communicate()
    assert_published(remote, output)


def hashed(line, folder):
    """A known_hosts line with its host name hashed, as with HashKnownHosts yes."""
    path = Path(folder) / "zu_hashen"
    path.write_text(line + "\n")
    subprocess.run(["ssh-keygen", "-H", "-f", str(path)], check=True, capture_output=True)
    return path.read_text().strip()


@pytest.mark.parametrize("method", METHODS)
def test_default_known_hosts_with_marker_lines_and_hashed_names(sshd, remote, tmp_path, method):
    """A normal ~/.ssh/known_hosts: a CA and a revoked key for other hosts, hashed names."""
    other = keygen(tmp_path / "other", "other").with_suffix(".pub").read_text().split()
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    hashed_line = hashed(sshd.host_key_line, tmp_path)
    assert hashed_line.startswith("|1|")
    (home / ".ssh" / "known_hosts").write_text(
        f"@cert-authority *.example.org {other[0]} {other[1]}\n"
        f"@revoked alt.example.org {other[0]} {other[1]}\n"
        f"{hashed_line}\n"
    )
    config = load_config(settings(sshd, remote, method, DEPLOY_KNOWN_HOSTS=None), home=home)
    assert config.known_hosts_source == str(home / ".ssh" / "known_hosts")
    output = small_site(tmp_path / "output")
    deploy(config, output, say=lambda line: None)
    assert_published(remote, output)


@pytest.mark.parametrize("method", METHODS)
def test_revoked_host_key_is_refused(sshd, remote, tmp_path, method):
    output = small_site(tmp_path / "output")
    name, key = sshd.host_key_line.split(" ", 1)
    # Its only key is revoked: refused before any contact.
    message = refused_before_connecting(
        sshd,
        remote,
        output,
        method,
        DEPLOY_KNOWN_HOSTS=f"{sshd.host_key_line}\n@revoked {name} {key}",
    )
    assert (
        f"Für den Server {name} ist in DEPLOY_KNOWN_HOSTS kein Schlüssel hinterlegt "
        "(Schlüssel aus einer @revoked-Zeile zählen nicht)." in message
    )

    # A key of another type is listed too, and the revoked one for all hosts: the server
    # shows its revoked key, and the connection is refused (OpenSSH: revoked, so unknown;
    # paramiko: not the listed one).
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", str(tmp_path / "ecdsa")], check=True
    )
    ecdsa = " ".join((tmp_path / "ecdsa.pub").read_text().split()[:2])
    env = settings(
        sshd,
        remote,
        method,
        DEPLOY_KNOWN_HOSTS=(f"{sshd.host_key_line}\n{name} {ecdsa}\n@revoked * {key}"),
    )
    with pytest.raises(DeployError) as error:
        deploy(load_config(env), output, say=lambda line: None)
    assert (
        f"Für den Server {name} passt kein Schlüssel aus DEPLOY_KNOWN_HOSTS"
        if method == "rsync"
        else f"Der Server {name} hat nicht den erwarteten Schlüssel"
    ) in str(error.value)
    assert list(remote.iterdir()) == []


def test_sftp_names_a_local_read_error_as_local(sshd, remote, tmp_path, monkeypatch):
    output = small_site(tmp_path / "output")
    publish(sshd, remote, output, "sftp")
    old = visible(remote)
    small_site(output, kontakt="Neue Telefonnummer")
    plan = SftpBackend.plan

    def plan_then_lose_a_file(self):  # e.g. deleted or unreadable in the meantime
        result = plan(self)
        (output / "kontakt" / "index.html").unlink()
        return result

    monkeypatch.setattr(SftpBackend, "plan", plan_then_lose_a_file)
    with pytest.raises(DeployError) as error:
        publish(sshd, remote, output, "sftp")
    message = str(error.value)
    assert message.startswith(
        "FEHLER: Die Datei output/kontakt/index.html konnte hier auf dem "
        "Rechner nicht gelesen werden (No such file or directory). "
        "Besucher sehen weiter die bisherige Fassung der Website"
    )
    assert "make publish-build" in message and "Server" not in message
    assert visible(remote) == old

    monkeypatch.undo()
    small_site(output, kontakt="Neue Telefonnummer")
    publish(sshd, remote, output, "sftp")
    assert_published(remote, output)


# --- make deploy as volunteers and CI run it ---------------------------------------------


def run_invoke(project, env, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_invoke_deploy_with_env_file_and_environment(sshd, remote, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(
        ROOT / "plugins", project / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    # make deploy hints at sources newer than the build; these are older.
    for name in ("pelicanconf.py", "publishconf.py"):
        (project / name).write_text("# older than the build\n")
        os.utime(project / name, (1, 1))
    output = small_site(project / "output")
    # A volunteer's .env: the key as quoted multi-line text, like the CI secret.
    (project / ".env").write_text(
        f"DEPLOY_HOST=127.0.0.1\nDEPLOY_PORT={sshd.port}\nDEPLOY_USER={getpass.getuser()}\n"
        "DEPLOY_PATH=falscher-ordner\n"
        f'DEPLOY_SSH_KEY="{sshd.client_key_text}"\n'
        f'DEPLOY_KNOWN_HOSTS="{sshd.host_key_line}"\n',
        encoding="utf-8",
    )
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {name: value for name, value in os.environ.items() if not name.startswith("DEPLOY_")}
    env.update(
        HOME=str(tmp_path),
        TMPDIR=str(temp),
        DEPLOY_PATH=str(remote),  # env wins
        DEPLOY_CHECK_URL=webserver.url_for(remote),
    )

    dry = run_invoke(project, env, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Würde hochladen (9):\n    .build-manifest.json\n    .htaccess\n" in dry.stdout
    assert list(remote.iterdir()) == []

    first = run_invoke(project, env)
    assert first.returncode == 0, first.stderr
    assert "Fertig: 9 Dateien hochgeladen (" in first.stdout
    assert_published(remote, output)
    again = run_invoke(project, env)
    assert "Fertig: 0 Dateien hochgeladen (" in again.stdout
    assert list(temp.iterdir()) == []  # the key's temporary file is gone

    (project / ".env").unlink()
    env.pop("CI", None)  # in CI the settings come from its variables, not from a .env
    refused = run_invoke(project, {**env, "DEPLOY_PATH": "", "DEPLOY_CHECK_URL": ""})
    assert refused.returncode == 1
    assert "DEPLOY_HOST fehlt" in refused.stderr and "DEPLOY_PATH fehlt" in refused.stderr
    assert refused.stderr.rstrip().endswith(
        "Es gibt noch keine .env: cp .env.example .env und ausfüllen (siehe README, "
        "„Veröffentlichen“)."
    )
    assert "Traceback" not in refused.stderr + refused.stdout


# --- fault injection: kill a running deploy -----------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    return big_site(folder / "v1", 1), big_site(folder / "v2", 2)


@pytest.fixture(scope="module")
def published_v1(sshd, big, tmp_path_factory):
    """{method: web root with version 1 deployed by that method}, plus the figures."""
    roots = {}
    for method in METHODS:
        root = tmp_path_factory.mktemp(f"v1-{method}") / "www"
        root.mkdir()
        first, _ = publish(sshd, root, big[0], method)
        second, _ = publish(sshd, root, big[0], method)
        assert second.files == 0
        record(
            f"300-file site, {method}: first deploy {first.files} files / {first.bytes} "
            f"bytes in {first.seconds:.2f} s; unchanged second deploy {second.files} files "
            f"/ {second.bytes} bytes in {second.seconds:.2f} s"
        )
        roots[method] = root
    return roots


def visible(remote):
    """{relpath: sha256} of what a visitor can fetch (no temporary names, no manifest)."""
    return {
        rel: sha(path)
        for rel, path in remote_files(remote).items()
        if not is_temporary(rel) and rel != MANIFEST_NAME
    }


def assets_missing(remote, files):
    """(page, asset) pairs where a visible page uses an asset that is not there."""
    missing = []
    for rel in files:
        if rel.endswith(".html"):
            for ref in re.findall(r'(?:href|src)="/([^"]+)"', (remote / rel).read_text()):
                if ref not in files:
                    missing.append((rel, ref))
    return missing


def is_page(rel):
    return rel.endswith(".html")


def outcome(state, old, new):
    """Name the state a kill left; assert every visible file is its old or new version."""
    for rel, digest in state.items():
        assert digest in (old.get(rel), new.get(rel)), f"{rel} is neither old nor new"
    if state == old:
        return "old site"
    if state == new:
        return "new site"
    if all(state.get(rel) == digest for rel, digest in new.items()):
        return f"new site + {len(state) - len(new)} old files not yet deleted"
    assert old.keys() <= state.keys(), "an old file was deleted before every new one was in place"
    changed = [rel for rel, digest in new.items() if digest != old.get(rel)]
    pages = [rel for rel in changed if is_page(rel)]
    assets = [rel for rel in changed if not is_page(rel)]
    new_pages = sum(state.get(rel) == new[rel] for rel in pages)
    new_assets = sum(state.get(rel) == new[rel] for rel in assets)
    if new_pages == 0:
        return f"old pages + {new_assets} of {len(assets)} new assets"
    return f"mixed: {new_pages} of {len(pages)} new pages, {new_assets} of {len(assets)} new assets"


def kill_at_step(process, signal_fd, server=None, remote=None, timeout=60):
    """Wait until the deploy has stopped itself at its step, then SIGKILL it; False if it
    ended first.

    With server (an SshServer) the server side of the connection dies at the same moment,
    as when the connection drops; without, the server finishes what it has received.
    """
    ready, _, _ = select.select([signal_fd], [], [], timeout)
    if not ready:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("deploy hung")
    if not os.read(signal_fd, 1):  # the deploy ended without reaching the step
        process.wait()
        return False
    if server:
        for pid in processes_in(remote) + server.sessions():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return True


# A deploy that stops itself, its rsync and its ssh (its whole process group) the
# count-th time deploy()'s on_step hook tells of step for a file of kind, and says so on
# the file descriptor it was given.
DEPLOY_SCRIPT = """
import os, signal, sys
from sitetools.deploy import deploy_from_env

output, fd, step, kind, count = sys.argv[1:]
heard = 0

def on_step(name, relpath):
    global heard
    page = (relpath or "").endswith(".html")
    if name == step and kind in ("any", "page" if page else "asset"):
        heard += 1
        if heard == int(count):
            os.write(int(fd), b"!")
            os.killpg(0, signal.SIGSTOP)

deploy_from_env(output, None, on_step=on_step)
"""
# Moments of a deploy, each a step of its on_step hook: (step, kind of file, how many
# times, from the files to upload and the assets among them).
MOMENTS = {
    "first file sent": ("uploaded", "any", lambda uploads, assets: 1),
    "half of the uploads sent": ("uploaded", "any", lambda uploads, assets: len(uploads) // 2),
    "half of the assets sent": ("uploaded", "asset", lambda uploads, assets: len(assets) // 2),
    "assets in place": ("assets in place", "any", lambda uploads, assets: 1),
    "first page sent": ("uploaded", "page", lambda uploads, assets: 1),
    "first asset renamed": ("renamed", "asset", lambda uploads, assets: 1),
    "first page renamed": ("renamed", "page", lambda uploads, assets: 1),
    "first old file deleted": ("deleted", "any", lambda uploads, assets: 1),
}
OLD = ("old site", "old pages + ")
ALL_ASSETS = "old pages + {assets} of {assets} "
# (backend, moment, also kill the server side?, what a visitor may see then).
KILL_POINTS = [
    # rsync renames a pass's files inside the remote rsync at the end of the pass; its
    # moments are where rsync reports a file sent, a pass ended, a file deleted.
    ("rsync", "first file sent", True, OLD),
    ("rsync", "half of the assets sent", True, OLD),
    ("rsync", "assets in place", True, (ALL_ASSETS,)),
    ("rsync", "first page sent", True, (ALL_ASSETS,)),
    # The remote rsync deletes in one batch; by the time the first deletion is reported
    # back, it may have deleted them all.
    ("rsync", "first old file deleted", True, ("new site",)),
    # Without its server side killed, the remote rsync may still finish its pass.
    ("rsync", "half of the assets sent", False, (*OLD, "mixed: ", "new site")),
    ("sftp", "first file sent", True, ("old site",)),
    ("sftp", "half of the uploads sent", True, ("old site",)),
    ("sftp", "first asset renamed", True, ("old pages + 1 of {assets} ",)),
    ("sftp", "first page renamed", True, ("mixed: 1 of ",)),
    ("sftp", "first old file deleted", True, ("new site + ",)),
    ("sftp", "half of the uploads sent", False, ("old site",)),
]


@pytest.mark.parametrize("method, point, server, expect", KILL_POINTS)
def test_killed_deploy_leaves_a_whole_site_and_a_rerun_completes(
    sshd, big, published_v1, tmp_path, method, point, server, expect
):
    v1, v2 = big
    remote = tmp_path / "www"
    shutil.copytree(published_v1[method], remote, symlinks=True)
    old, new = visible(remote), expected(v2)
    new.pop(MANIFEST_NAME)
    assert old == {rel: d for rel, d in expected(v1).items() if rel != MANIFEST_NAME}
    uploads = sorted(rel for rel, digest in new.items() if digest != old.get(rel))
    assets = [rel for rel in uploads if not is_page(rel)]
    step, kind, count = MOMENTS[point]
    env = {name: value for name, value in os.environ.items() if not name.startswith("DEPLOY_")}
    env.update(
        settings(
            sshd, remote, method, DEPLOY_SSH_KEY=None, DEPLOY_SSH_KEY_FILE=str(sshd.client_key)
        )
    )
    env.update(TMPDIR=str(tmp_path))
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", DEPLOY_SCRIPT, str(v2), str(write_end), step, kind]
        + [str(count(uploads, assets))],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        pass_fds=[write_end],
    )
    os.close(write_end)
    try:
        assert kill_at_step(process, read_end, sshd if server else None, remote), (
            f"the deploy ended before '{point}'"
        )
    finally:
        os.close(read_end)
    sshd.wait_idle(remote)  # the server side of the killed deploy has stopped too

    state = visible(remote)
    result = outcome(state, old, new)
    assert result.startswith(tuple(e.format(assets=len(assets)) for e in expect)), result
    broken = assets_missing(remote, state)
    # Only an old page that no new page links to may lose an asset (rsync's deletions).
    assert all(page in old.keys() - new.keys() for page, _ in broken), broken
    manifest = remote / MANIFEST_NAME
    if method == "sftp":
        assert broken == []
        # The remote manifest never vouches for a file that is not what it says.
        listed = read_manifest(manifest)
        assert all(state.get(rel) == entry.sha256 for rel, entry in listed.items() if rel in state)
    else:
        assert sha(manifest) in (sha(v1 / MANIFEST_NAME), sha(v2 / MANIFEST_NAME))
    temps = sum(1 for rel in remote_files(remote) if is_temporary(rel))

    rerun, _ = publish(sshd, remote, v2, method)
    assert_published(remote, v2)
    if method == "sftp" and result.startswith("new site"):
        assert rerun.files == 0  # the manifest was already in place: only deletions left
    who = "deploy and server side" if server else "local deploy only"
    record(
        f"kill {method} at '{point}' ({who}): {result}; {temps} temporary files left; "
        f"pages with a missing asset: {len(broken)}; rerun uploaded {rerun.files} files "
        f"({rerun.bytes} bytes), deleted {rerun.deleted}"
    )
