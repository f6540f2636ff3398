"""content_cache: Pelican's own content cache, kept correct with our plugins.

pelicanconf.py switches on Pelican's reader cache (CACHE_CONTENT): a Markdown file
that did not change is not converted again. Pelican only looks at each file's own
modification time; what else shapes the HTML it caches — the settings, the association's
facts from verein.toml (its Markdown extension writes them into the text), our plugins'
code, Pelican's and Markdown's versions — names the cache's folder here, so any change
there starts an empty cache. Compiled templates are kept in the same folder.
A plugin whose Markdown extension reads other data must put that data into the settings.

Once every text is read, each text's address is fixed, so templates and plugins do not
have Pelican format it again on each use (fix_addresses).
"""

from pelican import signals

from .plugin import configure, fix_addresses


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(fix_addresses)
