"""minify: smaller pages and a cacheable stylesheet for the production build.

After every other plugin has run (the accessibility check reads the readable
HTML), the CSS files are minified with rcssmin and get a content hash in their
name, every HTML page's references are rewritten, and the pages are minified
with htmlmin. `<pre>`, `<textarea>`, scripts and styles keep every byte.
Off while previewing; publishconf.py switches it on (MINIFY_ENABLED).
"""

from pelican import signals

from .plugin import minify_output


def register():
    signals.finalized.connect(minify_output)
