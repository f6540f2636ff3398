"""The production build's .htaccess, served by a real Apache (Debian's apache2) on 127.0.0.1.

The real content/ with its [[placeholders]] filled in is built with publishconf.py once
per module; Apache gets a minimal configuration of our own (tests/apache.py) that allows
only what shared hosting typically allows in .htaccess files.
"""

import gzip
import re
import shutil

import apache
import pytest
import support
from browser import site_paths
from bs4 import BeautifulSoup
from images import jpeg_bytes, photo

YEAR = "public, max-age=31536000, immutable"
HASHED_IMAGE = re.compile(r"/bilder/[0-9a-f]{20}-\d+\.(avif|webp|jpg|png|gif|svg)$")
HASHED_CSS = re.compile(r"/site\.[0-9a-f]{10}\.css$")
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
]
UNKNOWN = "/diese-seite-gibt-es-nicht/"

# Leftovers of a build or an interrupted deploy in the served folder: path -> content.
# None of them may ever be served (the secret shows if one is).
INTERNALS = {
    ".build-manifest.json": '{"secret": "GEHEIM-manifest"}',
    ".~tmp~/kontakt/index.html": "<p>GEHEIM-rsync-tmp</p>",
    "kontakt/index.html.~deploy~": "<p>GEHEIM-sftp-upload</p>",
    "x.html.~deploy~": "<p>GEHEIM-sftp-upload</p>",
    ".env": "DEPLOY_PASSWORD=GEHEIM-env",
    "bilder/.DS_Store": "GEHEIM-dotfile",
}


@pytest.fixture(scope="module")
def apache_installed():
    """Marks every test that uses it "apache" (conftest.TOOL_FIXTURES)."""


def add_leftovers(docroot):
    """What the served folder may hold besides the build: INTERNALS, .well-known/, a file
    someone copied there by hand (no content hash in its name)."""
    for rel, text in INTERNALS.items():
        path = docroot / rel
        if rel == ".build-manifest.json" and path.exists():
            continue  # the build wrote a real one
        path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copy(next((docroot / "bilder").glob("*.jpg")), docroot / "bilder" / "vereinslogo.jpg")
    shutil.copy(
        next((docroot / "theme" / "css").glob("site.*.css")), docroot / "theme" / "css" / "site.css"
    )
    (docroot / "statistik").mkdir(mode=0o755)  # a tool the host runs, kept by DEPLOY_KEEP
    (docroot / "statistik" / "index.php").write_text("<?php // Statistik\n")
    (docroot / ".well-known").mkdir(mode=0o755)
    (docroot / ".well-known" / "security.txt").write_text("Contact: mailto:info@example.org\n")
    for path in docroot.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # Apache's www-data must read them


def served(project, output_name, **overrides):
    """Production build of project with the leftovers, served by its own Apache."""
    return apache.served(project, output_name, prepare=add_leftovers, **overrides)


@pytest.fixture(scope="module")
def photo_project(tmp_path_factory):
    """The real site, placeholders filled, with a photo over Stephan's interview: the real
    content has none yet, and the image variants' headers need one to be checked."""
    root = support.copy_project(tmp_path_factory.mktemp("apache-project"))
    content = support.fill_placeholders(root / "content")
    support.add_interview_photo(content, jpeg_bytes(photo(1600, 1200)))
    return root


@pytest.fixture(scope="module")
def site(apache_installed, photo_project):
    with served(photo_project, "apache-output") as site:
        yield site


@pytest.fixture(scope="module")
def hsts_site(apache_installed, photo_project):
    """The same site built with HSTS_MAX_AGE = one year."""
    with served(photo_project, "apache-output-hsts", HSTS_MAX_AGE=31536000) as site:
        yield site


def stylesheet_path(site):
    links = site.html("index.html").select('link[rel="stylesheet"]')
    assert len(links) == 1, "the start page should link exactly one stylesheet"
    return site.local_path(links[0]["href"])


def image_variant_paths(site):
    """Every image URL (src and srcset) on any page of the build, as a local path; not the
    theme's own files (the logo): they keep their names, so they are cached for a day."""
    urls = set()
    for html_file in site.output.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("img[src], img[srcset], source[srcset]"):
            if tag.get("src"):
                urls.add(tag["src"])
            for candidate in tag.get("srcset", "").split(","):
                if candidate.strip():
                    urls.add(candidate.split()[0])
    return sorted(site.local_path(url) for url in urls if "/theme/" not in url)


def not_found_page(site):
    """The bytes of the build's German 404 page, which Apache must answer with."""
    page = site.output / "404.html"
    assert page.exists(), "the production build wrote no 404.html (content/pages/404.md)"
    return page.read_bytes()


def csp_directives(value):
    return {part.split()[0]: part.split()[1:] for part in value.split(";") if part.strip()}


# --- Security headers ----------------------------------------------------------------


def test_pages_files_and_the_404_page_carry_the_security_headers(site):
    paths = [
        "/",
        "/kontakt/",
        "/404.html",
        stylesheet_path(site),
        image_variant_paths(site)[0],
        "/feeds/atom.xml",
        "/termine.ics",
        UNKNOWN,
    ]
    for path in paths:
        status, headers, _ = site.get(path)
        assert status in (200, 404), f"{path}: HTTP {status}"
        for name in SECURITY_HEADERS:
            assert len(headers.get_all(name, [])) == 1, f"{path}: {name} missing or sent twice"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert headers["Referrer-Policy"] == "no-referrer"
        permissions = headers["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
            assert f"{feature}=()" in permissions, f"{path}: {feature} not denied"


def test_content_security_policy_allows_only_our_own_files(site):
    _, headers, _ = site.get("/")
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    directives = csp_directives(policy)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    # The one addition: the site search compiles its WebAssembly (test_search.py).
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    for name, sources in directives.items():
        allowed = {"'self'", "'none'"} | ({"'wasm-unsafe-eval'"} if name == "script-src" else set())
        assert set(sources) <= allowed, f"{name} allows other sources: {sources}"


# --- Error page, types, listings -----------------------------------------------------


@pytest.mark.parametrize("path", [UNKNOWN, "/gibt/es/nicht.html", "/kontakt/nicht-da"])
def test_unknown_address_gets_the_german_404_page(site, path):
    status, headers, body = site.get(path)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == not_found_page(site)
    text = body.decode("utf-8")
    assert "Seite nicht gefunden" in text and "Diese Seite gibt es leider nicht" in text
    assert "Not Found" not in text  # not Apache's English page


@pytest.mark.parametrize("path", sorted(INTERNALS) + ["/.htaccess", "/.~tmp~/", "/.env/"])
def test_build_and_deploy_internals_are_never_served(site, path):
    path = path if path.startswith("/") else "/" + path
    status, _, body = site.get(path)
    assert status == 404, f"{path}: HTTP {status}"
    assert body == not_found_page(site), f"{path}: not the normal 404 page"
    assert b"GEHEIM" not in body


def test_a_folder_with_the_hosts_own_index_page_stays_reachable(site):
    status, _, body = site.get("/statistik/")
    assert status == 200 and b"Statistik" in body


def test_well_known_stays_reachable(site):
    status, _, body = site.get("/.well-known/security.txt")
    assert status == 200 and body.startswith(b"Contact:")


@pytest.mark.parametrize("path", ["/bilder/", "/theme/css/", "/feeds/", "/.well-known/"])
def test_folders_without_a_page_show_no_listing(site, path):
    status, headers, body = site.get(path)
    assert status in (403, 404), f"{path}: HTTP {status}"
    assert body == not_found_page(site), f"{path}: not the German 404 page"
    assert b"Index of" not in body


def test_guessed_addresses_show_at_most_the_file_they_abbreviate(site):
    """The test host has MultiViews on, and .htaccess cannot switch it off without risking
    a 500 elsewhere. Every file name is unique in its folder, so a guessed address never
    shows anything but the one file it abbreviates (or the 404 page)."""
    for path, rel in (
        ("/404", "404.html"),
        ("/kontakt/index", "kontakt/index.html"),
        ("/feeds/atom", "feeds/atom.xml"),
    ):
        status, _, body = site.get(path)
        assert status in (200, 404), f"{path}: HTTP {status}"
        assert body == (
            (site.output / rel).read_bytes() if status == 200 else not_found_page(site)
        ), path


def test_files_have_the_right_types_and_charset(site):
    expected = {
        "/": "text/html; charset=utf-8",
        stylesheet_path(site): "text/css; charset=utf-8",
        # Calendar apps subscribe to it; a wrong type and they refuse.
        "/termine.ics": "text/calendar; charset=utf-8",
    }
    feeds = sorted((site.output / "feeds").glob("*.xml"))
    assert feeds, "the production build has no feeds"
    for feed in feeds:  # feeds/atom.xml and feeds/<topic>.atom.xml
        expected[f"/feeds/{feed.name}"] = "application/atom+xml; charset=utf-8"
    for path in image_variant_paths(site):
        kind = path.rsplit(".", 1)[1]
        expected[path] = {"jpg": "image/jpeg", "svg": "image/svg+xml; charset=utf-8"}.get(
            kind, f"image/{kind}"
        )
    for path, content_type in expected.items():
        status, headers, _ = site.get(path)
        assert status == 200, f"{path}: HTTP {status}"
        assert headers["Content-Type"] == content_type, path


# --- Caching ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/kontakt/",
        "/404.html",
        "/feeds/atom.xml",
        "/termine.ics",
        UNKNOWN,
        # not there (yet, e.g. mid-deploy): its 404 must not stick
        "/bilder/0123456789abcdef0123-480.avif",
    ],
)
def test_pages_feeds_and_404s_are_always_revalidated(site, path):
    _, headers, _ = site.get(path)
    assert headers.get_all("Cache-Control") == ["no-cache"], path


def test_image_variants_are_cached_for_a_year(site):
    paths = image_variant_paths(site)
    assert any(path.endswith(".avif") for path in paths), "the build has no image variants"
    for path in paths:
        assert HASHED_IMAGE.search(path), f"{path} is not named by its content"
        status, headers, _ = site.get(path)
        assert status == 200, f"{path}: HTTP {status}"
        assert headers.get_all("Cache-Control") == [YEAR], path


def test_the_fingerprinted_stylesheet_is_cached_for_a_year(site):
    path = stylesheet_path(site)
    assert HASHED_CSS.search(path), f"production links an unfingerprinted stylesheet: {path}"
    _, headers, _ = site.get(path)
    assert headers.get_all("Cache-Control") == [YEAR], path


def test_a_stylesheet_without_a_hash_is_cached_for_a_day_only(site):
    """A hand-copied site.css must reach visitors within a day."""
    _, headers, _ = site.get("/theme/css/site.css")
    assert headers.get_all("Cache-Control") == ["public, max-age=86400"]


def test_other_files_are_cached_for_a_day(site):
    _, headers, _ = site.get("/bilder/vereinslogo.jpg")  # no content hash in the name
    assert headers.get_all("Cache-Control") == ["public, max-age=86400"]


@pytest.mark.parametrize("encoding", ["gzip", "br", None])
def test_unchanged_page_is_revalidated_without_download(site, encoding):
    """A returning visitor's browser asks "changed?" and gets a short 304, also for
    compressed pages (Apache's "-gzip" ETag suffix would otherwise defeat it)."""
    accept = {"Accept-Encoding": encoding} if encoding else {}
    status, headers, _ = site.get("/kontakt/", accept)
    assert status == 200 and headers["ETag"]
    if encoding != "br" or site.server.has_module("mod_brotli.so"):  # a CI machine never skips
        assert headers.get("Content-Encoding") == encoding
    status, _, body = site.get("/kontakt/", {**accept, "If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""


# --- Compression -------------------------------------------------------------------------


def test_text_is_compressed_images_are_not(site):
    gz = {"Accept-Encoding": "gzip"}
    for path, original in [
        ("/", site.output / "index.html"),
        (stylesheet_path(site), site.output / stylesheet_path(site)[1:]),
        ("/feeds/atom.xml", site.output / "feeds" / "atom.xml"),
    ]:
        status, headers, body = site.get(path, gz)
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in headers["Vary"], path
        assert gzip.decompress(body) == original.read_bytes(), path
        _, headers, body = site.get(path)
        assert "Content-Encoding" not in headers and body == original.read_bytes(), path
    for path in image_variant_paths(site):
        if path.endswith((".avif", ".jpg", ".webp")):
            _, headers, _ = site.get(path, gz)
            assert "Content-Encoding" not in headers, f"{path} compressed twice"


def test_brotli_where_the_host_has_it_else_gzip(site):
    status, headers, body = site.get("/", {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200
    if site.server.has_module("mod_brotli.so"):
        assert headers["Content-Encoding"] == "br"
        assert len(body) < (site.output / "index.html").stat().st_size / 2
    else:  # the .htaccess guards mod_brotli; gzip still works
        assert headers["Content-Encoding"] == "gzip"


# --- HSTS ----------------------------------------------------------------------------------


def test_no_hsts_by_default(site):
    for headers in ({}, {"X-Forwarded-Proto": "https"}):
        _, response, _ = site.get("/", headers)
        assert "Strict-Transport-Security" not in response


def test_hsts_with_configured_max_age_on_https_only(hsts_site):
    for path in ("/", UNKNOWN):
        _, headers, _ = hsts_site.get(path, {"X-Forwarded-Proto": "https"})  # TLS at a proxy
        assert headers.get_all("Strict-Transport-Security") == ["max-age=31536000"], path
    _, headers, _ = hsts_site.get("/")  # plain HTTP: HSTS there would be ignored anyway
    assert "Strict-Transport-Security" not in headers


# --- Every host's AllowOverride, and hosts with fewer modules ------------------------------

# (name, AllowOverride, modules or None for the usual ones): the hosts the .htaccess must
# never break (no "500 Internal Server Error", ever).
HOSTS = [(f"AllowOverride {value}", value, None) for value in apache.ALLOW_OVERRIDE] + [
    (f"without {name}", apache.DEFAULT_ALLOW_OVERRIDE, name)
    for name in ("mod_headers.so", "mod_brotli.so", "mod_deflate.so", "mod_alias.so")
]


@pytest.mark.parametrize(
    "allow_override, module", [host[1:] for host in HOSTS], ids=[host[0] for host in HOSTS]
)
def test_every_host_serves_every_page(site, allow_override, module):
    """Each page 200, never 500; the security headers wherever AllowOverride lets
    .htaccess set them and mod_headers exists; the build manifest hidden wherever the
    host reads .htaccess at all (and has mod_alias)."""
    modules = apache.without(module) if module else None
    reads_htaccess = allow_override != "None"
    slug = re.sub(r"\W+", "-", f"{allow_override}-{module}")
    with apache.Apache(
        site.docroot,
        site.docroot.parent / f"run-{slug}",
        modules=modules,
        allow_override=allow_override,
    ) as server:
        host = apache.Site(server, site.output, site.docroot)
        problems = []
        for path in site_paths(site.output):
            status, headers, _ = host.get(path)
            if status != 200:
                problems.append(f"{path}: HTTP {status}")
            elif reads_htaccess and module != "mod_headers.so":
                problems += [
                    f"{path}: no {name}" for name in SECURITY_HEADERS if name not in headers
                ]
            elif "Content-Security-Policy" in headers:
                problems.append(f"{path}: headers although .htaccess cannot set them")
        status, _, body = host.get(UNKNOWN)
        if status != 404:
            problems.append(f"{UNKNOWN}: HTTP {status}")
        status, _, body = host.get("/bilder/")  # no listing where the file can say so
        if status >= 500 or (reads_htaccess and module != "mod_alias.so" and status != 404):
            problems.append(f"/bilder/: HTTP {status}")
        status, _, body = host.get("/.build-manifest.json")
        if reads_htaccess and module != "mod_alias.so" and status != 404:
            problems.append(f"/.build-manifest.json: HTTP {status}, not 404")
        assert not problems, "\n".join(problems) + "\n" + server.log()[-2000:]
        assert "not allowed here" not in server.log()


def test_site_still_works_on_a_host_without_optional_modules(site):
    """Without mod_headers, mod_deflate, mod_alias …: no "500 Internal Server Error"."""
    workdir = site.docroot.parent / "run-bare"
    with apache.Apache(site.docroot, workdir, modules=apache.BARE_MODULES) as server:
        bare = apache.Site(server, site.output, site.docroot)
        status, headers, _ = bare.get("/kontakt/")
        assert status == 200, server.log()
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        status, _, body = bare.get(UNKNOWN)
        assert status == 404 and body == not_found_page(site)


# --- In the browser --------------------------------------------------------------------------

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
                              + ` (${event.sourceFile || ""}:${event.lineNumber || ""})`);
});
"""

# Scrolls every image into view (lazy ones load then) and reports how each one ended up.
IMAGE_STATES = """
async () => {
  const states = [];
  for (const img of Array.from(document.images)) {
    img.scrollIntoView();
    try { await img.decode(); } catch (error) { /* reported as naturalWidth 0 */ }
    states.push({src: img.currentSrc || img.src, width: img.naturalWidth});
  }
  window.scrollTo(0, 0);
  return states;
}
"""


@pytest.mark.browser
def test_every_page_works_in_chromium_under_the_policy(site, new_page):
    page = new_page()
    page.add_init_script(CSP_LISTENER)
    missing = site.url + UNKNOWN  # the one address that should answer 404
    console, requests, failed = [], [], []
    page.on(
        "console",
        lambda message: console.append(
            (message.type, message.location.get("url", ""), message.text)
        ),
    )
    page.on("request", lambda request: requests.append(request.url))
    # ERR_ABORTED: the test went on to the next page before the browser fetched the icon;
    # that is no failure (each page's images are checked to have loaded, below).
    page.on(
        "requestfailed",
        lambda request: (
            request.failure == "net::ERR_ABORTED"
            or failed.append(f"{request.url}: {request.failure}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.url != missing
            and failed.append(f"{response.url}: HTTP {response.status}")
        ),
    )
    problems = []
    paths = site_paths(site.output)
    assert "/" in paths and "/404.html" in paths
    for path in [p for p in paths if p != "/404.html"] + [UNKNOWN]:
        console.clear()
        response = page.goto(site.url + path, wait_until="load")
        expected_status = 404 if path == UNKNOWN else 200
        if response is None or response.status != expected_status:
            problems.append(f"{path}: HTTP {response.status if response else '-'}")
            continue
        if "Content-Security-Policy" not in {k.title(): v for k, v in response.headers.items()}:
            problems.append(f"{path}: served without Content-Security-Policy")
        styled = page.evaluate("""() => ({
            margin: getComputedStyle(document.body).marginTop,
            link: getComputedStyle(document.documentElement).getPropertyValue("--bl-link").trim(),
        })""")
        if styled["margin"] != "0px" or not styled["link"]:
            problems.append(f"{path}: the stylesheet is not applied ({styled})")
        for image in page.evaluate(IMAGE_STATES):
            if image["width"] == 0:
                problems.append(f"{path}: image did not load: {image['src']}")
        problems += [f"{path}: CSP violation: {v}" for v in page.evaluate("window.__cspViolations")]
        # The 404 of the unknown address itself is expected, any other message is not
        # (the theme's own icon means Chromium never asks for /favicon.ico).
        problems += [
            f"{path}: console {kind}: {text} ({url})"
            for kind, url, text in console
            if kind in ("error", "warning") and url != missing
        ]
    problems += [f"request failed: {line}" for line in failed]
    problems += [
        f"request to another server: {url}"
        for url in requests
        if not url.startswith(site.url + "/")
    ]
    assert not problems, "\n".join(problems)
