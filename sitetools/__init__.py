"""Tooling around the site that is not a Pelican plugin: what `tasks.py` (and so the
Makefile) runs besides Pelican.

- deploy/: `make deploy` (rsync or SFTP to shared hosting, the .htaccess probe)
- manifest.py: the build manifest that `make publish-build` writes and deploy checks
- staging.py: build into a side folder and swap it in; a frozen copy for uploads
- preview.py: `make serve` (static server with live reload)
- newcontent.py: `make new` (a new Markdown file from a layout)

It may use the content model in plugins/sitekit (layouts, slugs, findings), never a
plugin's internals; no plugin imports anything from here.
"""
