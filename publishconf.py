"""Production settings: everything from pelicanconf.py, plus what going public needs."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

# The public address of the site. CI or a volunteer's .env may set another one,
# e.g. SITEURL=https://test.example.org for a staging copy.
SITEURL = os.environ.get("SITEURL", "https://www.bunte-lebenswelten.de").rstrip("/")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Start from an empty output folder so nothing stale is published.
DELETE_OUTPUT_DIRECTORY = True

# Production: any content problem (including an unfilled [[placeholder]]) stops the build.
CONTENT_CHECK_STRICT = True
IMAGE_OPTIMIZER_STRICT = True
