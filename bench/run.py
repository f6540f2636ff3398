"""Benchmark: image_optimizer against plain Pelican, the Pillow floor and pelican-image-process.

    .venv/bin/invoke bench --preset small      (or: .venv/bin/python bench/run.py small 3)

Every build runs in its own process; the peak memory is that of its whole process
tree (workers included), sampled every 20 ms. All figures come from one run, and
the targets are ratios between them, so a noisy machine shifts both sides alike.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import corpus
from bs4 import BeautifulSoup

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"  # git-ignored
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root_pid):
    """Resident memory of a process and all its descendants, in bytes."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass
    return total


def measure(name, content):
    """Run one scenario in a subprocess: its JSON result plus peak memory."""
    process = subprocess.Popen(
        [sys.executable, str(BENCH / "scenario.py"), name, str(content), str(WORK)],
        stdout=subprocess.PIPE,
        text=True,
    )
    peak, done = 0, threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, _ = process.communicate()
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"scenario {name} failed")
    return {**json.loads(output.strip().splitlines()[-1]), "peak": peak}


def fresh(*names):
    for name in names:
        shutil.rmtree(WORK / name, ignore_errors=True)


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def phone_bytes(output, dpr):
    """Bytes of the AVIF a 375 px wide phone (content 343 px) loads, per article with a photo."""
    sizes = []
    for page in output.glob("beitrag-*/index.html"):
        source = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            'main picture source[type="image/avif"]'
        )
        if source:
            candidates = sorted(
                (int(w[:-1]), url)
                for url, w in (part.split() for part in source["srcset"].split(", "))
            )
            needed = 343 * dpr
            width, url = next((c for c in candidates if c[0] >= needed), candidates[-1])
            sizes.append((output / url.lstrip("/")).stat().st_size)
    return sizes


def run(preset, repeat):
    content_root = WORK / f"corpus-{preset}"
    if not (content_root / "content").exists():
        print(f"Erzeuge Korpus {preset} …", flush=True)
        corpus.write(content_root, preset)
    content = content_root / "content"
    results = {}

    def scenario(label, name, runs, before=()):
        results[label] = []
        for _ in range(runs):
            fresh(*before)
            results[label].append(measure(name, content))
            print(f"  {label}: {results[label][-1]['seconds']:.1f} s", flush=True)

    print(
        f"Benchmark {preset}, {repeat}× je Messung, {len(os.sched_getaffinity(0))} Kerne",
        flush=True,
    )
    scenario("plain cold", "plain", repeat, ["output-plain"])
    scenario("plain warm", "plain", repeat)
    scenario("floor 1 process", "floor1", repeat, ["output-floor1"])
    scenario("floor 2 processes", "floor2", repeat, ["output-floor2"])
    scenario("ours cold", "ours", repeat, ["output-ours", "cache-ours"])
    scenario("ours warm", "ours", repeat)
    scenario("ours warm + a11y", "ours-a11y", repeat)
    scenario("ours jpeg-only cold", "ours-jpeg", repeat, ["output-ours-jpeg", "cache-ours-jpeg"])
    scenario("image-process cold", "image-process", repeat, ["output-image-process"])
    scenario("image-process warm", "image-process", repeat)

    sources = sum(p.stat().st_size for p in (content / "images").iterdir())
    derivatives = sum(p.stat().st_size for p in (WORK / "output-ours/bilder").iterdir())
    report(preset, results, sources, derivatives, WORK / "output-ours")


def report(preset, results, sources, derivatives, ours_output):
    seconds = {label: median(runs, "seconds") for label, runs in results.items()}
    images = {
        label: median(runs, "image_seconds")
        for label, runs in results.items()
        if runs[0]["image_seconds"] is not None
    }
    peak = {label: max(run["peak"] for run in runs) for label, runs in results.items()}
    print(f"\n{'Messung':<22}{'Sekunden':>10}{'Bildarbeit s':>14}{'Spitze MiB':>12}")
    for label in results:
        image = f"{images[label]:.2f}" if label in images else "–"
        print(f"{label:<22}{seconds[label]:>10.2f}{image:>14}{peak[label] / 2**20:>12.0f}")

    ip_work = seconds["image-process cold"] - seconds["plain cold"]
    phone = {dpr: phone_bytes(ours_output, dpr) for dpr in (2, 3)}
    targets = [
        (
            "image work cold / 2-process Pillow floor",
            images["ours cold"] / seconds["floor 2 processes"],
            "≤ 1.2",
        ),
        (
            "image work cold / 1-process Pillow floor",
            images["ours cold"] / seconds["floor 1 process"],
            "(info)",
        ),
        (
            "image-process / ours, same work (JPEG, 4 widths)",
            ip_work / images["ours jpeg-only cold"],
            "≥ 3",
        ),
        ("image work warm / cold", images["ours warm"] / images["ours cold"], "≤ 0.02"),
        (
            "whole warm build / plain Pelican warm",
            seconds["ours warm"] / seconds["plain warm"],
            "≤ 1.3",
        ),
        (
            "a11y_check: warm build with / without",
            seconds["ours warm + a11y"] / seconds["ours warm"],
            "≤ 1.15",
        ),
        (
            "image-process warm / plain Pelican warm",
            seconds["image-process warm"] / seconds["plain warm"],
            "(info)",
        ),
        ("peak memory ours cold, GiB", peak["ours cold"] / 2**30, "≤ 1.5"),
        ("phone 375 px @2x: KB per article photo (max)", max(phone[2]) / 1000, "≤ 120"),
        ("phone 375 px @3x: KB per article photo (max)", max(phone[3]) / 1000, "≤ 120"),
        ("bytes out / bytes in (all variants)", derivatives / sources, "(info)"),
    ]
    print(
        f"\nKorpus {preset}: {sources / 1e6:.1f} MB Quellbilder → {derivatives / 1e6:.1f} MB "
        f"Varianten (alle Breiten und Formate)\n"
    )
    print(f"{'Ziel':<50}{'gemessen':>10}  Ziel")
    for label, value, target in targets:
        print(f"{label:<50}{value:>10.3f}  {target}")


# One plugin's cost on warm builds: (scenario without it, scenario with it, target).
PLUGIN_COST = {
    "a11y": ("ours", "ours-a11y", "≤ 1.15"),
    "minify": ("ours-a11y", "ours-minify", "(info)"),
}


def run_plugin_cost(preset, repeat, plugin):
    """Only one plugin's cost: warm builds with and without it, medians, one ratio."""
    without_name, with_name, target = PLUGIN_COST[plugin]
    content = WORK / f"corpus-{preset}" / "content"
    if not content.exists():
        corpus.write(content.parent, preset)
    measure("ours", content)  # fills the image cache
    runs = {"with": [], "without": []}
    for _ in range(repeat):
        runs["with"].append(measure(with_name, content))
        runs["without"].append(measure(without_name, content))
    with_, without = median(runs["with"], "seconds"), median(runs["without"], "seconds")
    print(
        f"{plugin}, {preset}, Median aus {repeat}: mit {with_:.2f} s, ohne {without:.2f} s, "
        f"Verhältnis {with_ / without:.3f} (Ziel {target})"
    )


if __name__ == "__main__":
    preset = sys.argv[1] if len(sys.argv) > 1 else "small"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if len(sys.argv) > 3:  # a11y or minify
        run_plugin_cost(preset, repeat, sys.argv[3])
    else:
        run(preset, repeat)
