"""Development settings for the Bunte Lebenswelten homepage.

`make build` and `make serve` use this file; `publishconf.py` imports it and
overrides only what the production build needs. Facts about the association
(name, address, board, register entry) are not here: they live once in
`content/verein.toml`, which the `association` plugin reads.
"""

import os
from pathlib import Path

# The plugins' shared content model (plugins/sitekit), installed by `make setup`.
try:
    from sitekit import slugs
    from sitekit.constants import CSS_HASH_LENGTH, IMAGE_HASH_LENGTH  # noqa: F401  (.htaccess)
    from sitekit.theme import content_width_rem, rem
except ImportError:  # Pelican run outside .venv, e.g. a system-wide `pelican`
    raise SystemExit(
        "FEHLER: Die Arbeitsumgebung fehlt. So beheben: im Projektordner „make build“ "
        "ausführen (richtet .venv ein) statt „pelican“ direkt aufzurufen."
    ) from None

ROOT = Path(__file__).resolve().parent

SITENAME = "Bunte Lebenswelten e.V."  # replaced by `name` from content/verein.toml
SITEURL = ""  # root-relative links while previewing; publishconf.py sets the real one
PATH = "content"
OUTPUT_PATH = "output"
# Every build writes into a fresh folder that replaces output/ when it succeeded
# (tasks.build_site), so no page of a deleted or skipped file is left over.
DELETE_OUTPUT_DIRECTORY = True
THEME = "theme"
THEME_STATIC_DIR = "theme"
# Pelican's Jinja options, plus: every build makes its own Jinja environment, so no
# template changes while it runs, and Jinja need not look at each template's modification
# time on every include (13,000 looks in a build of 1,000 pages).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "auto_reload": False,
}
TIMEZONE = "Europe/Berlin"
# The one "today" of the build (sitekit/today.py): what counts as past, for calls and
# events alike. None: the real date. `SITE_TODAY=2027-04-01 make build` pretends to be that
# day (tests, CI, or to preview the site as it will look then).
SITE_TODAY = os.environ.get("SITE_TODAY") or None
DEFAULT_LANG = "de"
# Dates are rendered by the `german_date` filter, independent of the machine's locale.
LOCALE = ("C.UTF-8", "C")

PLUGIN_PATHS = ["plugins"]
# Order matters: receivers of one signal run in this order.
PLUGINS = [
    # 1. Reads content/verein.toml (facts used by pages and templates), maps each
    #    file's `Layout` to its template and category, hides expired calls, builds the
    #    menu from the pages, turns links to .md files into page addresses.
    #    First, because content_check validates against the facts it loaded.
    "association",
    # 2. Names the folder of Pelican's content cache (below) by a fingerprint of the
    #    settings, the plugins' code and the library versions: any change there starts an
    #    empty cache. Right after association, so the facts it put into the settings
    #    count too (its Markdown extension writes them into the cached HTML).
    "content_cache",
    # 3. Production only (UNPUBLISHED_KEEP_OUT): hidden pages get no address, like
    #    drafts, and files only drafts or hidden pages link to are not copied.
    #    Before image_optimizer, which then skips the photos of those pages.
    "unpublished",
    # 4. Checks every Markdown source before Pelican reads it and reports
    #    problems in German with file and line (to build_report; files it cannot
    #    build are skipped).
    "content_check",
    # 5. Turns every image into a responsive <picture> (AVIF, WebP, JPEG/PNG) without
    #    EXIF/GPS. Runs after all content is read and before any page is written.
    "image_optimizer",
    # 5b. The sharing image of every page (og:image): its photo's 1200-px variant, or a card
    #     drawn with its title in the site's font and colours (also the list thumbnail of a
    #     page without photo). After image_optimizer, whose photos it takes; before any
    #     page is written.
    "cards",
    # 6. The calendar: each event's dates on the build's today (SITE_TODAY), the lists
    #    for the Termine page and the start page (before any page is written), the .ics
    #    files (at the end). After association, whose facts (the places) it reads.
    "events",
    # 7. Checks every written page for accessibility problems, on the final HTML
    #    (after image_optimizer rewrote the images); its findings go to build_report.
    "a11y_check",
    # 8. Production only (MINIFY_ENABLED): minifies HTML and CSS and fingerprints the
    #    CSS. After the checks, so every check above reads the readable HTML.
    "minify",
    # 9. Checks IBAN and BIC of [spenden] in content/verein.toml (findings at their line)
    #    and writes the GiroCode SVG for the Spenden page. After association, whose facts
    #    it reads; before build_report, which reports its findings.
    "girocode",
    # 10. Production only (an absolute SITEURL): sitemap.xml of every public page
    #     (sitekit.layouts.is_public) and robots.txt that names it.
    "sitemap",
    # 10a. What machines read about a page: schema.org JSON-LD (NGO, Article,
    #      BreadcrumbList), the breadcrumb trail and the feeds it announces. After
    #      image_optimizer (the sharing image) and before any page is written.
    "structured_data",
    # 11. Full-text search: Pagefind indexes the main content of every searchable page
    #     (sitekit.layouts.is_searchable) into output/pagefind/. At `finalized` after
    #     minify, so it reads the final HTML; before build_report, which reports a failure.
    "search",
    # 12. Every link inside the site leads to a written file, every #anchor to an id: on
    #     the final HTML, so after minify and every plugin that writes files at the end
    #     (calendars, GiroCode, sitemap); findings at the Markdown line, to build_report.
    "link_check",
    # 13. Prints what every plugin above found, grouped by file, once at the end; in
    #     production (BUILD_REPORT_STRICT) an error stops the build. Last, so it sees all.
    "build_report",
]

# Texts are Markdown only: Pelican would also publish .html and .rst files, unchecked.
READERS = {"html": None, "htm": None, "rst": None}

# Pelican's content cache: a Markdown file that did not change is not read and converted
# again (that was 40 % of a warm build). At the reader level, so plugins still see every
# file's metadata on every build (a call's end date is compared with today) and
# image_optimizer rewrites fresh HTML each time. A file counts as changed when its
# modification time does (Pelican's default; "sha256" would also hash every photo on every
# build, since Pelican stamps static files too). The content_cache plugin adds a folder
# named by a fingerprint of the settings, facts and code below CACHE_PATH (git-ignored).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "mtime"
CACHE_PATH = str(ROOT / "cache" / "pelican")
# Pelican rewrites the cache after every build; gzip at level 9 cost more than it saved.
GZIP_CACHE = False

# Content layout: pages in content/pages/, articles (interviews, calls, news)
# in their own folders. The category follows from the layout, not the folder.
ARTICLE_PATHS = ["interviews", "aufrufe", "neuigkeiten", "termine"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Neuigkeiten"

# Addresses in plain ASCII, the German way: "Verstärkung" becomes "verstaerkung" (not
# "verstarkung"), "Nähcafé" "naehcafe", "Łódź" "lodz"; letters of other scripts drop out.
# Pelican would run Unidecode before any substitution (ä → a), so it keeps Unicode and
# the substitutions spell each letter: sitekit/slugs.py's table, for every page, article,
# tag and category, for `make new`'s file names and for heading anchors alike.
SLUGIFY_USE_UNICODE = True
SLUG_REGEX_SUBSTITUTIONS = slugs.SLUG_REGEX_SUBSTITUTIONS

# Short, readable URLs without ".html".
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "thema/{slug}/"
CATEGORY_SAVE_AS = "thema/{slug}/index.html"
TAG_URL = "schlagwort/{slug}/"
TAG_SAVE_AS = "schlagwort/{slug}/index.html"
ARCHIVES_SAVE_AS = "archiv/index.html"
ARCHIVES_URL = "archiv/"  # for the templates
# The start page is content/pages/start.md; the list of all articles lives here.
INDEX_SAVE_AS = "beitraege/index.html"
INDEX_URL = "beitraege/"  # for the templates
DRAFT_URL = "entwurf/{slug}/"
DRAFT_SAVE_AS = "entwurf/{slug}/index.html"
DRAFT_PAGE_URL = "entwurf/seite/{slug}/"
DRAFT_PAGE_SAVE_AS = "entwurf/seite/{slug}/index.html"
# Pages nobody needs on a small association site.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# Apache configuration for the web host (theme/templates/htaccess.html): error page,
# security headers incl. Content-Security-Policy, caching, compression.
DIRECT_TEMPLATES = ["index", "archives", "htaccess"]
HTACCESS_SAVE_AS = ".htaccess"
# Strict-Transport-Security max-age in seconds; 0 sends no HSTS header. Only switch
# it on once the site works over HTTPS on every address (browsers remember it).
HSTS_MAX_AGE = 0
# False leaves the security and caching headers out of .htaccess: only for a host whose
# Apache cannot take them (make deploy says when; README.md, "Veröffentlichen").
HTACCESS_HEADERS = True

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{base_name}/", "{base_name}/index.html"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)

# Feeds are written by the production build (publishconf.py), where SITEURL is absolute.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Gives every heading an id, so each interview question can be linked.
        "markdown.extensions.toc": {"slugify": slugs.heading_id},
    },
    "output_format": "html5",
}

# Our plugins report these in German, with file and line; Pelican would repeat
# them in English (and its empty-alt warning is wrong for decorative images).
LOG_FILTER = [
    (30, "Unable to find '%s', skipping url replacement."),  # content_check: links
    (30, "Empty alt attribute for image %s in %s"),  # alt="" marks a decorative image
    (30, "Cannot get modification stamp for %s\n\t%s"),  # image_optimizer: missing images
]

# Development: every problem that would stop the production build is shown as a warning,
# and the rest of the site still builds (build_report; publishconf.py makes them errors).
BUILD_REPORT_STRICT = False
# The accessibility report for reviewers (git-ignored, never published).
A11Y_CHECK_REPORT_DIR = str(ROOT / "reports" / "a11y")
A11Y_CHECK_CACHE_DIR = str(ROOT / "cache" / "a11y")
# Image variants are cached here (outside output/, git-ignored; CI may restore it).
IMAGE_OPTIMIZER_CACHE_DIR = str(ROOT / "cache" / "images")
# Production's minified pages (minify runs only there): an unchanged page is taken from here.
MINIFY_CACHE_DIR = str(ROOT / "cache" / "minify")
# The drawn sharing cards are cached here too (plugins/cards).
CARDS_CACHE_DIR = str(ROOT / "cache" / "cards")
# Each page's links and ids, by a hash of its bytes (plugins/link_check).
LINK_CHECK_CACHE_DIR = str(ROOT / "cache" / "link_check")
# Each text's own content_check findings, by a hash of its bytes (plugins/content_check).
CONTENT_CHECK_CACHE_DIR = str(ROOT / "cache" / "content_check")
# Search indexes of earlier builds, by a hash of the site's HTML (plugins/search).
SEARCH_CACHE_DIR = str(ROOT / "cache" / "search")
# The text column's width: max-width of .bl-width in the stylesheet, its one source.
# Templates use CONTENT_WIDTH in `sizes`; content images fill the column less its 1rem
# padding on each side.
_COLUMN = content_width_rem(ROOT / "theme" / "static" / "css" / "site.css")
CONTENT_WIDTH = rem(_COLUMN)
IMAGE_OPTIMIZER_SIZES = f"(min-width: {CONTENT_WIDTH}) {rem(_COLUMN - 2)}, calc(100vw - 2rem)"

# The menu and the footer links come from the pages themselves (`Menu: 3`, `Footer: 1`,
# optionally `Menu_label: …`); lists without a page of their own are placed here:
# (label, address below SITEURL, position in the menu).
ASSOCIATION_MENU_LISTS = [("Beiträge", INDEX_URL, 5)]
