"""Production settings: everything from pelicanconf.py, plus what going public needs."""

import os
from pathlib import Path

from pelican.settings import load_source

# Every setting of pelicanconf.py beside this file, as `from pelicanconf import *` would
# give them; loaded by its path, so this works from any folder and needs no import path.
_development = load_source("pelicanconf", str(Path(__file__).with_name("pelicanconf.py")))
globals().update({name: value for name, value in vars(_development).items() if name.isupper()})

# The public address of the site; set SITEURL in the environment for another one,
# e.g. SITEURL=https://test.example.org for a staging copy.
# An empty SITEURL (a CI variable that is not set) counts as not set.
SITEURL = (os.environ.get("SITEURL") or "https://www.bunte-lebenswelten.de").rstrip("/")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Pelican's content cache stays on (pelicanconf.py): its folder is named by a fingerprint
# of these settings (plugins/content_cache), so production never reads what a preview
# cached, and tests/test_content_cache.py shows a cached build writes the same bytes.

# Drafts (Status: draft) are never published, not even at a hidden address; nor are
# hidden pages (e.g. calls past their end date) or files only such pages link to.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
UNPUBLISHED_KEEP_OUT = True

# Production: any error of any check (content, images and their credits, accessibility,
# an unfilled [[placeholder]], an error Pelican itself logs) stops the build, after all of them have run. The preview
# shows exactly these as warnings.
BUILD_REPORT_STRICT = True
# Smaller pages; the stylesheet gets a content hash in its name (cached for a year).
MINIFY_ENABLED = True
