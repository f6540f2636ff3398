"""`make serve`: a preview on 127.0.0.1 that reloads the open page after an edit."""

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, start_serve, wait_until_served
from support import copy_project


def listening_addresses(port):
    """IPv4 addresses a local socket listens on for `port`, read from /proc/net/tcp."""
    addresses = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, local_port = local.split(":")
        if state == "0A" and int(local_port, 16) == port:  # 0A = LISTEN
            addresses.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return addresses


def test_preview_listens_on_loopback_only(preview):
    _, _, port = preview
    assert listening_addresses(port) == ["127.0.0.1"]


@pytest.mark.browser
def test_edits_show_in_the_open_browser_without_restarting(preview, browser):
    project, base, _ = preview
    page = browser.new_page()
    page.goto(f"{base}/kontakt/")

    markdown = project / "content/pages/kontakt.md"
    markdown.write_text(
        markdown.read_text(encoding="utf-8") + "\nEin frisch ergänzter Satz über Quittengelee.\n",
        encoding="utf-8",
    )
    page.get_by_text("Ein frisch ergänzter Satz über Quittengelee.").wait_for(timeout=20000)
    # The rebuild indexed it too (plugin search): the search page finds the new word.
    search = browser.new_page()
    search.goto(f"{base}/suche/?q=Quittengelee")
    search.get_by_role("status").filter(has_text="Ein Treffer").wait_for(timeout=20000)
    assert search.locator(".bl-search__hit").get_by_role("link").all_inner_texts() == ["Kontakt"]
    search.close()

    footer = project / "theme/templates/partials/footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace(
            "Diese Website setzt keine Cookies", "Geänderte Vorlage: keine Cookies"
        ),
        encoding="utf-8",
    )
    page.get_by_text("Geänderte Vorlage: keine Cookies").wait_for(timeout=20000)
    page.close()


def test_unknown_address_gets_the_sites_404_page(preview):
    _, base, _ = preview
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{base}/gibt-es-nicht/")
    assert error.value.code == 404
    assert "Seite nicht gefunden" in error.value.read().decode("utf-8")


def test_a_busy_port_gets_a_german_message(preview, tmp_path):
    project, _, port = preview
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"Die Vorschau kann Port {port} nicht öffnen" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_messages_name_the_port_the_preview_runs_on(tmp_path):
    project = copy_project(tmp_path)  # its placeholders: a warning pointing at the list
    port = free_port()
    process = start_serve(project, port)
    try:
        wait_until_served(f"http://127.0.0.1:{port}/kontakt/", process)
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"Vorschau: http://127.0.0.1:{port}/" in output
    assert f"„make serve“ unter http://127.0.0.1:{port}/__vorschau/probleme/" in output
    assert ":8000" not in output


def test_lan_preview_serves_the_network_with_a_qr_code_and_a_warning(tmp_path):
    from sitetools.lan import lan_address

    project = copy_project(tmp_path)
    port = free_port()
    process = start_serve(project, port, "--lan")
    try:
        wait_until_served(f"http://127.0.0.1:{port}/kontakt/", process)
        assert listening_addresses(port) == ["0.0.0.0"]
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"Vorschau: http://{lan_address()}:{port}/" in output
    assert "auch mit allen Entwürfen" in output
    assert "▄" in output and "█" in output  # the QR code, in half blocks
