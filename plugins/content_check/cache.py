"""Texts checked before: a source whose bytes did not change is not parsed and checked again.

What content_check finds in one file alone (its metadata, headings, [[placeholders]],
references to facts, an event's details) depends on that file's bytes and place, the facts
of verein.toml, today's date (a fix may show it) and the checking code. One pickle file in
CONTENT_CHECK_CACHE_DIR maps a hash of all of that to the parsed source and its findings.
Checks across files (addresses, links, menus) run on every build. A build keeps only the
entries it used, so the file never grows stale.
"""

import datetime
import hashlib
import os
import pickle
from pathlib import Path

FILE = "sources.pickle"
PLUGINS = Path(__file__).resolve().parent.parent


def code_key(facts_text, facts_path):
    """What every file's result depends on besides the file: this plugin's and sitekit's
    code, the facts and today."""
    digest = hashlib.sha256()
    for folder in ("content_check", "sitekit"):
        for path in sorted((PLUGINS / folder).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    described = f"\0{facts_path}\0{facts_text}\0{datetime.date.today().isoformat()}"
    digest.update(described.encode())
    return digest.hexdigest()


class SourceCache:
    """key -> (source, findings, usable) of one text, kept in folder/sources.pickle."""

    def __init__(self, folder, code):
        self.path = Path(folder) / FILE
        self.code = code
        self.used = {}
        try:
            with self.path.open("rb") as stored:
                known = pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            known = {}
        fitting = isinstance(known, dict) and known.get("code") == code
        self.known = known.get("entries", {}) if fitting else {}

    def key(self, path, rel, kind, data):
        head = f"{self.code}\0{path}\0{rel}\0{kind}\0".encode()
        return hashlib.sha256(head + data).hexdigest()

    def get(self, key):
        entry = self.known.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key, entry):
        self.used[key] = entry

    def save(self):
        if self.used.keys() == self.known.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{FILE}.{os.getpid()}.tmp")
        with partial.open("wb") as stored:
            pickle.dump({"code": self.code, "entries": self.used}, stored, pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)  # never a half-written cache
