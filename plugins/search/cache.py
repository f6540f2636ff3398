"""Indexes made before: a site whose HTML did not change gets its index back at once.

Pagefind reads nothing but the site's .html files, so its index is a function of their
paths and bytes, Pagefind's version and its command line. A kept index sits in a folder
of SEARCH_CACHE_DIR named by a hash of all of that; a build that finds its folder links
(or copies) it into the site instead of running Pagefind (1.6 s for 930 pages). Kept are
the KEEP most recently used indexes: the preview's and production's, which differ.
"""

import hashlib
import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path

KEEP = 3
READY = ".complete"  # written last: a folder without it is a store that was interrupted


def site_key(site, bundle_name, command_options):
    """Hash of every input of Pagefind: each .html file outside the bundle (path and
    bytes), Pagefind's version, its options and this module's code."""
    site = Path(site)
    digest = hashlib.sha256()
    described = [version("pagefind"), command_options, Path(__file__).read_bytes().hex()]
    digest.update(json.dumps(described).encode())
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == bundle_name:
            continue
        data = path.read_bytes()
        digest.update(f"\0{relative.as_posix()}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()[:32]


def restore(folder, key, bundle):
    """Put the kept index `key` at bundle; True if there was one."""
    kept = Path(folder) / key
    if not (kept / READY).is_file():
        return False
    shutil.rmtree(bundle, ignore_errors=True)
    shutil.copytree(kept, bundle, copy_function=_link_or_copy, ignore=_ready_file)
    os.utime(kept)  # most recently used
    return True


def store(folder, key, bundle):
    """Keep the index at bundle as `key`; drop all but the KEEP most recently used."""
    folder = Path(folder)
    kept = folder / key
    partial = folder / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial, copy_function=_link_or_copy)
    (partial / READY).touch()
    shutil.rmtree(kept, ignore_errors=True)
    partial.rename(kept)
    entries = sorted(
        (path for path in folder.iterdir() if path.is_dir()),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def _link_or_copy(source, target):
    """A hard link where the file system allows one (no bytes copied), else a copy.
    Nothing writes into an index after Pagefind, so the two names never differ."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _ready_file(directory, names):
    return [READY] if READY in names else []
