"""The build manifest: every file of a production build with its size and SHA-256.

The production build writes it last (`write_manifest`), and deploy refuses output
whose files do not match it (`verify_manifest`): output/ that a preview build
overwrote, that someone edited by hand, or that a failed build left behind.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sitekit.german import ERROR, count, report

MANIFEST_NAME = ".build-manifest.json"
VERSION = 1


class ManifestError(Exception):
    """output/ did not come from a successful production build (German message)."""

    exitcode = 1


@dataclass(frozen=True)
class FileEntry:
    size: int
    sha256: str


def file_entry(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileEntry(path.stat().st_size, digest.hexdigest())


def scan(output_dir):
    """{"kontakt/index.html": FileEntry, …} for every file below output_dir but the manifest."""
    output_dir = Path(output_dir)
    return {
        path.relative_to(output_dir).as_posix(): file_entry(path)
        for path in sorted(output_dir.rglob("*"))
        if path.is_file() and path.relative_to(output_dir).as_posix() != MANIFEST_NAME
    }


def write_manifest(output_dir, site_url=""):
    """Write the manifest of output_dir and return its entries."""
    files = scan(output_dir)
    data = {
        "version": VERSION,
        "site_url": site_url,
        "files": {name: {"size": e.size, "sha256": e.sha256} for name, e in files.items()},
    }
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (Path(output_dir) / MANIFEST_NAME).write_text(text, encoding="utf-8")
    return files


def read_site_url(output_dir):
    """The SITEURL the build in output_dir was made for ("" if unknown)."""
    try:
        data = json.loads((Path(output_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
        return str(data.get("site_url", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def read_manifest(path):
    """The entries of a manifest file; ManifestError if it is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return {
            name: FileEntry(int(e["size"]), str(e["sha256"])) for name, e in data["files"].items()
        }
    except FileNotFoundError:
        raise ManifestError(
            report(
                ERROR,
                f"In {Path(path).parent}/ fehlt die Datei {MANIFEST_NAME}: Dieser Ordner "
                "stammt nicht aus einem erfolgreichen Veröffentlichungs-Bau.",
                "Zuerst „make publish-build“ ausführen, dann erneut veröffentlichen.",
            )
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ManifestError(
            report(
                ERROR,
                f"Die Datei {path} ist beschädigt oder keine Liste eines Veröffentlichungs-Baus.",
                "„make publish-build“ erneut ausführen.",
            )
        ) from None


def verify_manifest(output_dir):
    """The manifest's entries if output_dir matches it exactly; else ManifestError (German)."""
    output_dir = Path(output_dir)
    expected = read_manifest(output_dir / MANIFEST_NAME)
    actual = scan(output_dir)
    changed = sorted(
        name for name in expected.keys() & actual.keys() if expected[name] != actual[name]
    )
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    if changed or missing or extra:
        lines = (
            [f"geändert: {name}" for name in changed]
            + [f"fehlt: {name}" for name in missing]
            + [f"nicht aus dem Bau: {name}" for name in extra]
        )
        raise ManifestError(
            report(
                ERROR,
                f"{output_dir}/ passt nicht mehr zum Veröffentlichungs-Bau "
                f"({count(len(lines), 'Abweichung', 'Abweichungen')}); so wird nichts "
                "veröffentlicht.",
                "„make publish-build“ ausführen, dann erneut veröffentlichen.",
                cause="Nach „make publish-build“ lief noch „make build“ oder „make serve“.",
                notes=lines[:10] + (["…"] if len(lines) > 10 else []),
            )
        )
    return expected


def changed_since_build(output_dir, sources):
    """Paths among sources (files and folders) changed after output_dir's manifest was
    written; a folder's time changes when a file in it is added or deleted."""
    built = (Path(output_dir) / MANIFEST_NAME).stat().st_mtime
    return [path for path in sources if path.exists() and path.stat().st_mtime > built]
