"""The variant cache: keyed by content, not by file dates, so it survives a fresh checkout."""

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import re
from pathlib import Path

import PIL
import pillow_heif

from sitekit.constants import IMAGE_HASH_LENGTH

from .encode import Result

# Bump when encode.py changes what it makes from the same input.
RECIPE_VERSION = 3
INDEX = "index.json"
VARIANT_FILE = re.compile(
    rf"^[0-9a-f]{{{IMAGE_HASH_LENGTH}}}-(\d+|original)\.(avif|webp|jpg|png|gif|svg)$"
)


def fingerprint(values):
    """Hash of everything that shapes the variants: a settings change makes new ones."""
    shaping = {
        "version": RECIPE_VERSION,
        "pillow": PIL.__version__,
        "pillow_heif": pillow_heif.__version__,  # its libheif decodes HEIC photos
        "widths": values["IMAGE_OPTIMIZER_WIDTHS"],
        "formats": values["IMAGE_OPTIMIZER_FORMATS"],
        "quality": values["IMAGE_OPTIMIZER_QUALITY"],
        "avif_speed": values["IMAGE_OPTIMIZER_AVIF_SPEED"],
        "max_pixels": values["IMAGE_OPTIMIZER_MAX_PIXELS"],
        "originals": values["IMAGE_OPTIMIZER_PUBLISH_ORIGINALS"],
    }
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:12]


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def result_files(result):
    """The cache file names a Result refers to."""
    names = [name for variants in result.variants.values() for _w, name, _s in variants]
    return names + ([result.original[1]] if result.original else [])


class Cache:
    """index.json remembers, per source file, its digest (by size and mtime, so unchanged
    files are not even read), and per key the finished Result."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._loaded = (self.folder / INDEX).read_text(encoding="utf-8")
            data = json.loads(self._loaded)
        except (OSError, ValueError):
            self._loaded, data = "", {}
        if not isinstance(data, dict):
            data = {}
        self._digests = data.get("digests", {})
        self._results = data.get("results", {})
        self.used = set()

    def key(self, path, settings_fingerprint):
        """Cache key of a source: its content hash combined with the settings."""
        stat = path.stat()
        remembered = self._digests.get(str(path))
        if remembered and remembered[:2] == [stat.st_size, stat.st_mtime_ns]:
            digest = remembered[2]
        else:
            digest = file_digest(path)
            self._digests[str(path)] = [stat.st_size, stat.st_mtime_ns, digest]
        return hashlib.sha256(f"{digest}:{settings_fingerprint}".encode()).hexdigest()[
            :IMAGE_HASH_LENGTH
        ]

    @contextlib.contextmanager
    def locked(self):
        """One build at a time uses (and prunes) the cache."""
        with open(self.folder / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def get(self, key):
        """The finished Result for key, if every one of its files is still there."""
        self.used.add(key)
        stored = self._results.get(key)
        if not stored:
            return None
        result = Result(**stored)
        names = result_files(result)
        if all((self.folder / name).is_file() for name in names):
            return result
        return None

    def put(self, result):
        self.used.add(result.key)
        if not result.problem:
            self._results[result.key] = dataclasses.asdict(result)

    def prune_and_save(self):
        """Forget and delete what this build did not use, then write the index."""
        self._results = {key: value for key, value in self._results.items() if key in self.used}
        self._digests = {
            path: value for path, value in self._digests.items() if os.path.exists(path)
        }
        keep = {INDEX} | {
            name for value in self._results.values() for name in result_files(Result(**value))
        }
        for file in self.folder.iterdir():  # only files this cache made: never anyone else's
            if VARIANT_FILE.match(file.name) and file.name not in keep and file.is_file():
                file.unlink()
        text = json.dumps({"digests": self._digests, "results": self._results})
        if text != self._loaded:  # a warm build writes nothing
            temporary = self.folder / f".{INDEX}.{os.getpid()}.tmp"
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.folder / INDEX)
