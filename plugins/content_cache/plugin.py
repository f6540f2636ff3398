"""Pelican glue: point CACHE_PATH at the folder of this build's fingerprint."""

import hashlib
import importlib.metadata
import json
import os
import re
import shutil
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican.contents import Article, Page

# Libraries whose version changes what the readers return.
LIBRARIES = ("pelican", "markdown")
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # in a repr: differs from process to process
# Settings that do not change what the readers return and differ from build to build:
# every build writes into a fresh folder of its own (tasks.build_site, sitetools.staging);
# SITE_TODAY (sitekit.today) is read after the readers, when calls and events are sorted
# into past and upcoming, so a cached text stays right on any day.
NOT_READING = {"OUTPUT_PATH", "SITE_TODAY"}
# Fingerprints whose folders stay: the preview's and production's (publishconf.py), so
# `make build` and `make publish-build` taking turns both find their cache.
KEEP = 2
FOLDER = re.compile(r"^[0-9a-f]{16}$")  # the folders this plugin makes, and only those


def configure(pelican):
    """Receiver of `initialized` (after association, whose facts are then in the settings):
    CACHE_PATH becomes CACHE_PATH/<fingerprint>; of the other fingerprints' folders, only
    the one used last stays (KEEP)."""
    settings = pelican.settings
    if not (settings["CACHE_CONTENT"] or settings["LOAD_CONTENT_CACHE"]):
        return  # a build without Pelican's content cache
    base = Path(settings["CACHE_PATH"])
    folder = base / fingerprint(settings, _code(settings["PLUGIN_PATHS"]), _versions())
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # used now
    others = sorted(
        (
            old
            for old in base.iterdir()
            if old != folder and old.is_dir() and FOLDER.match(old.name)
        ),
        key=lambda old: old.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    settings["CACHE_PATH"] = str(folder)
    # A new dict: Pelican may have handed out its DEFAULT_CONFIG's own one.
    settings["JINJA_ENVIRONMENT"] = {
        **settings["JINJA_ENVIRONMENT"],
        "bytecode_cache": FileSystemBytecodeCache(str(folder / "templates")),
    }


def fingerprint(settings, code, versions):
    """16 hex digits that change whenever a setting, the code or a version changes."""
    # Upper-case names only: settings files define those (plugins put the facts there, for
    # instance); lower-case keys are a plugin's state for one build, e.g. its list of files.
    defined = {k: v for k, v in settings.items() if k.isupper() and k not in NOT_READING}
    described = json.dumps([_stable(defined), code, versions], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]


def _stable(value, seen=()):
    """A JSON-able description of a settings value that is the same in every process:
    functions by name and code, sets sorted, other objects by type and attributes."""
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if id(value) in seen:  # an object that contains itself
        return "…"
    seen = (*seen, id(value))
    if isinstance(value, dict):
        return {
            key if isinstance(key, str) else repr(_stable(key, seen)): _stable(item, seen)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_stable(item, seen) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((_stable(item, seen) for item in value), key=repr)
    if hasattr(value, "__code__"):  # a function: a changed body (a lambda, say) counts
        code = value.__code__
        return [
            f"{value.__module__}.{value.__qualname__}",
            code.co_code.hex(),
            _stable(code.co_consts, seen),
        ]
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if hasattr(value, "__dict__"):
        return [kind, _stable(vars(value), seen)]
    return [kind, ADDRESS.sub("", repr(value))]


def _code(plugin_paths):
    """SHA-256 of every Python file below the plugin folders (sitekit included)."""
    digest = hashlib.sha256()
    for folder in plugin_paths:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _versions():
    return {name: importlib.metadata.version(name) for name in LIBRARIES}


def fix_addresses(generators):
    """Receiver of `all_generators_finalized`: every text's url and save_as, worked out once.

    Pelican formats both from the settings on every use: about 22,000 uses, a second of
    a build of 1,000 pages, mostly templates and plugins asking again. Once every text is
    read (unpublished has taken the hidden ones' addresses away), nothing changes them;
    Pelican's own override_url and override_save_as then hold the answer. Static files
    keep theirs: Pelican may still move one that a text attaches ({attach})."""
    for content in generators[0].context["generated_content"].values():
        if isinstance(content, Article | Page) and not hasattr(content, "override_url"):
            content.override_save_as = content.save_as
            content.override_url = content.url
