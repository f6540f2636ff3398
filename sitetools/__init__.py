"""Tooling around the site that is not a Pelican plugin: what `tasks.py` (and so the
Makefile) runs besides Pelican.

- deploy/: `make deploy` (rsync or SFTP to shared hosting, the .htaccess probe)
- manifest.py: the build manifest that `make publish-build` writes and deploy checks
- staging.py: every build goes into a side folder, swapped in when it succeeded; a frozen
  copy for uploads
- preview/: `make serve` (the site with live reload, each build's problems in the browser)
- lan.py: `make serve LAN=1` (the machine's address in the local network, a QR code)
- newcontent.py: `make new` (a new Markdown file from a layout)

It may use the content model in plugins/sitekit (layouts, slugs, findings), never a
plugin's internals; no plugin imports anything from here.
"""
