"""Build into a fresh folder and put it in place only when everything succeeded."""

import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

PREFIX = ".{}-im-bau-"  # next to the target, so the final rename stays on one file system


@contextmanager
def staged_folder(target):
    """Yield an empty folder next to target; it replaces target if the block succeeds.

    If the block raises (or the process is killed), target is left exactly as it
    was; the half-built folder is removed (or, after a kill, by the next call).
    The site the last call replaced is deleted while the block runs, beside it (a thread:
    deleting 5,500 files is waiting for the disk, 0.6 s that need not add to a build).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    cleaner = threading.Thread(target=_remove, args=(leftovers(target),), daemon=True)
    cleaner.start()
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=PREFIX.format(target.name)))
    staging.chmod(0o755)  # mkdtemp makes it private; a web root must be readable
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        cleaner.join()
    replace_folder(staging, target)


def replace_folder(new, target):
    """Move new to target; the old target is renamed aside (PREFIX…alt), where the next
    build deletes it."""
    if target.exists():
        old = target.with_name(PREFIX.format(target.name) + "alt")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(target, old)
    os.rename(new, target)


def leftovers(target):
    """The folders earlier builds left beside target: the site they replaced, and a
    half-built one after a kill."""
    return list(target.parent.glob(PREFIX.format(target.name) + "*"))


def _remove(paths):
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def frozen_copy(source):
    """Yield a copy of source made of hard links, removed afterwards.

    Deploy reads this copy, so a `make build` or `make serve` that rewrites output/
    meanwhile cannot mix preview files into an upload (Pelican writes new files, so
    the linked ones keep their content). Falls back to real copies where hard links
    are not possible.
    """
    source = Path(source)
    copy = Path(tempfile.mkdtemp(dir=source.parent, prefix=f".{source.name}-hochladen-"))
    try:
        shutil.copytree(source, copy, dirs_exist_ok=True, copy_function=_link_or_copy)
        yield copy
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
