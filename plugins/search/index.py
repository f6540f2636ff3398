"""Run the bundled Pagefind binary on a finished site and check what it wrote."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sitekit.german import count, seconds

from . import cache

# Pagefind's default folder below the site; search.html loads pagefind/pagefind.js from it.
BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"  # Pagefind's summary: version, languages, pages per language
# Pagefind's ready-made interfaces and its highlighter. The site has its own (suche.js):
# theirs inject styles, which the Content-Security-Policy forbids, so they would only be
# published unused.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TAIL = 10  # lines of Pagefind's own output shown with a failure


@dataclass
class Failed(Exception):
    """Pagefind could not index the site: a German message and Pagefind's last lines."""

    message: str
    output: str = ""

    def __str__(self):
        return self.message

    def notes(self):
        lines = [line for line in self.output.splitlines() if line.strip()][-TAIL:]
        return tuple(f"Pagefind: {line}" for line in lines)


def executable():
    """The binary of the installed pagefind-bin package."""
    from pagefind_bin import get_executable

    return get_executable()


def command(binary, site):
    return [str(binary), "--site", str(site), "--output-subdir", BUNDLE]


def run(site, timeout, cache_dir=None):
    """Index site (a folder of final HTML) into site/pagefind; return Pagefind's entry
    data. Raises Failed (and leaves no bundle behind) when anything goes wrong. With a
    cache_dir, an index of the very same HTML is taken from there (search.cache)."""
    bundle = Path(site) / BUNDLE
    if cache_dir is None:
        return _index(site, bundle, timeout)
    key = cache.site_key(site, BUNDLE, command("pagefind", "."))
    if cache.restore(cache_dir, key, bundle):
        return read_entry(bundle)
    entry = _index(site, bundle, timeout)
    cache.store(cache_dir, key, bundle)
    return entry


def _index(site, bundle, timeout):
    shutil.rmtree(bundle, ignore_errors=True)
    try:
        result = _run(site, timeout)
        if result.returncode != 0:
            raise Failed(
                f"Pagefind hat mit einem Fehler abgebrochen (Exit-Code {result.returncode}).",
                result.stdout,
            )
        entry = read_entry(bundle, result.stdout)
    except Failed:
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return entry


def _run(site, timeout):
    try:
        binary = executable()
    except (ImportError, FileNotFoundError) as error:
        raise Failed(f"Das Programm Pagefind fehlt in der Arbeitsumgebung ({error}).") from None
    try:
        return subprocess.run(
            command(binary, Path(site).resolve()),
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as error:
        output = error.output or ""  # bytes on POSIX, where run() does not decode it
        if isinstance(output, bytes):
            output = output.decode("utf-8", "replace")
        message = f"Pagefind ist nach {seconds(timeout, 0)} nicht fertig geworden."
        raise Failed(message, output) from None
    except OSError as error:
        raise Failed(f"Pagefind ließ sich nicht starten ({error}).") from None


def read_entry(bundle, output=""):
    try:
        return json.loads((Path(bundle) / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        message = f"Pagefind hat keinen lesbaren Suchindex geschrieben ({error})."
        raise Failed(message, output) from None


def pages_by_language(entry):
    """{"de": 12} from Pagefind's entry data."""
    return {code: info.get("page_count", 0) for code, info in entry.get("languages", {}).items()}


def problems(entry, expected, language):
    """What is wrong with an index, as (message, fix) in German ([] when nothing is): every
    one of the expected pages indexed, all of them in the site's language (its stemming)."""
    found = pages_by_language(entry)
    wrong = sorted(code for code in found if code != language)
    found_text = ", ".join(f"„{code}“" for code in wrong)
    messages = []
    if wrong:
        messages.append(
            (
                f"Pagefind hat Seiten in einer anderen Sprache als „{language}“ erkannt "
                f"({found_text}); für sie passt die Suche nach Wortstämmen nicht.",
                f'Jede Seite mit <html lang="{language}"> schreiben '
                "(theme/templates/base.html, Block „lang“).",
            )
        )
    total = sum(found.values())
    if total != expected:
        messages.append(
            (
                f"Im Suchindex stehen {count(total, 'Seite', 'Seiten')}, durchsuchbar sind "
                f"aber {count(expected, 'Seite', 'Seiten')}.",
                "In theme/templates/base.html muss <main> jeder durchsuchbaren Seite "
                "data-pagefind-body tragen (Test „searchable“) und keine andere Seite.",
            )
        )
    return messages


def size(bundle):
    """Bytes of every file of the bundle."""
    return sum(path.stat().st_size for path in Path(bundle).rglob("*") if path.is_file())
