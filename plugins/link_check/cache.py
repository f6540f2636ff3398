"""What pages read before link to: a page whose bytes did not change is not parsed again.

One JSON file in LINK_CHECK_CACHE_DIR: a hash of the page's bytes -> its links and ids.
The file also names a hash of check.py and the lxml version; when either changes, it
starts empty. A build keeps only the pages it read, so the file never grows stale.
"""

import hashlib
import json
import os
from pathlib import Path

import lxml

from .check import PageLinks, read_page

FILE = "pages.json"


def code_key():
    """What reading a page depends on besides its bytes: the reading code and lxml."""
    digest = hashlib.sha256(Path(__file__).with_name("check.py").read_bytes())
    digest.update(lxml.__version__.encode())
    return digest.hexdigest()


class PageCache:
    def __init__(self, folder):
        self.path = Path(folder) / FILE
        self.code = code_key()
        self.known = {}
        self.used = {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        if isinstance(stored, dict) and stored.get("code") == self.code:
            self.known = stored.get("pages", {})

    def read(self, data):
        """PageLinks of a page's bytes, from the cache or read now."""
        key = hashlib.blake2b(data, digest_size=16).hexdigest()
        entry = self.known.get(key)
        if entry is None:
            page = read_page(data)
            entry = [list(page.links), sorted(page.ids)]
        else:
            page = PageLinks(tuple(entry[0]), frozenset(entry[1]))
        self.used[key] = entry
        return page

    def save(self):
        if self.used.keys() == self.known.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps({"code": self.code, "pages": self.used}), encoding="utf-8")
        os.replace(partial, self.path)
