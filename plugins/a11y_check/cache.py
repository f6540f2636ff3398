"""Results of pages checked before: a page whose bytes, Markdown source, metadata and
rules did not change is not parsed and checked again.

One JSON file in A11Y_CHECK_CACHE_DIR: key -> (findings, title). The key is a hash of
everything a page's result depends on, so a stale entry is never found: the page's HTML,
its Markdown source (findings carry its line numbers), what the build knows about the
page (address, template, A11y-Ignore, published or not), the rule settings, and the
code of this plugin and of sitekit with the versions of lxml and pyphen.
"""

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import lxml
import pyphen

import sitekit

FILE = "pages.json"


def rules_key(values):
    """Hash of what every page's result depends on besides the page itself."""
    digest = hashlib.sha256()
    for package in (Path(__file__).parent, Path(sitekit.__file__).parent):
        for path in sorted(package.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    rules = {
        "max_words": values["A11Y_CHECK_MAX_SENTENCE_WORDS"],
        "min_readability": values["A11Y_CHECK_MIN_READABILITY"],
        "lxml": lxml.__version__,
        "pyphen": pyphen.__version__,
    }
    digest.update(json.dumps(rules, sort_keys=True).encode())
    return digest.hexdigest()


def page_key(rules, info, page_bytes):
    """Hash of one written page with its source and what the build knows about it
    (info: a PageInfo)."""
    digest = hashlib.sha256(rules.encode())
    # Every field but the file's place on disk (all of them shape the findings).
    described = [getattr(info, f.name) for f in dataclasses.fields(info) if f.name != "path"]
    digest.update(json.dumps(described).encode() + b"\0")
    digest.update(hashlib.sha256(page_bytes).digest())
    source = b""
    if info.source_path is not None:
        try:
            source = Path(info.source_path).read_bytes()
        except OSError:
            source = b"\0missing"
    digest.update(hashlib.sha256(source).digest())
    return digest.hexdigest()


class PageCache:
    """key -> (findings as dicts, title); read once, written once per build if changed."""

    def __init__(self, folder):
        self.path = Path(folder) / FILE
        try:
            self._loaded = self.path.read_text(encoding="utf-8")
            entries = json.loads(self._loaded)
        except (OSError, ValueError):
            self._loaded, entries = "", {}
        self._entries = entries if isinstance(entries, dict) else {}
        self._used = {}

    def get(self, key):
        """(finding dicts, title) or None."""
        entry = self._entries.get(key)
        if isinstance(entry, list) and len(entry) == 2:
            self._used[key] = entry
            return entry
        return None

    def put(self, key, findings, title):
        self._used[key] = [findings, title]

    def save(self):
        """Keep exactly this build's pages; write only when that changed anything."""
        text = json.dumps(self._used, ensure_ascii=False, sort_keys=True)
        if text == self._loaded:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{FILE}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.path)  # never a half-written file
