"""Pages minified before: a page whose HTML did not change is not parsed again.

htmlmin is pure Python and the slowest step of a production build (about 20 ms a page);
most pages are the same as in the last build. The cache is a folder of minified pages,
each file named by a hash of everything its bytes depend on: the page's HTML, the CSS
renames, and the code of this plugin with the versions of htmlmin and rcssmin. A stale
entry is never found; a build keeps only the entries it used.
"""

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path


def code_key(renames):
    """Hash of what every page's result depends on besides the page itself."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    versions = {name: version(name) for name in ("htmlmin2", "rcssmin")}
    digest.update(json.dumps([versions, renames], sort_keys=True).encode())
    return digest.hexdigest()


class PageCache:
    """key -> minified bytes, one file per page in folder."""

    def __init__(self, folder, code):
        self.folder = Path(folder)
        self.code = code
        self.used = set()

    def key(self, page_bytes):
        return hashlib.sha256(self.code.encode() + b"\0" + page_bytes).hexdigest()

    def get(self, key):
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        self.used.add(key)
        return data

    def put(self, key, data):
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_bytes(data)
        temporary.replace(self.folder / key)  # never a half-written entry
        self.used.add(key)

    def prune(self):
        """Delete every entry this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)
