"""Benchmark: `make build` against plain Pelican, image work against the Pillow floor and
pelican-image-process, and how fast the preview shows a saved edit.

    .venv/bin/invoke bench --preset small      (or: .venv/bin/python bench/run.py small 3)
    .venv/bin/python bench/run.py large 3 build     only warm make build vs plain Pelican,
                                                    and the preview's reload time
    .venv/bin/python bench/run.py small 5 a11y      one plugin's cost (or: minify, search, links)

Every build runs in its own process; the peak memory is that of its whole process
tree (workers included), sampled every 20 ms. All figures come from one run, and
the targets are ratios between them, so a noisy machine shifts both sides alike:
warm builds that are compared run in turns (plain Pelican, ours, plain Pelican, …).
Cold builds (image encoding) run `repeat` times; warm ones at least WARM_RUNS times
(BENCH_WARM_RUNS=2 in the environment for a quick look).
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
import reload
from bs4 import BeautifulSoup
from scenario import CORES, ENV, caches, image_cache

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"  # git-ignored
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
WARM_RUNS = int(os.environ.get("BENCH_WARM_RUNS", 5))
RELOAD_ROUNDS = 5


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
        env=ENV,
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
    """Bytes of the AVIF a 375 px wide phone (content 343 px) loads, per article photo."""
    sizes = []
    for page in output.glob("*/index.html"):
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


def install_image_process():
    """pelican-image-process into bench/.work/image-process, not into .venv: Pelican imports
    every installed namespace plugin on every build, plain Pelican's and ours included."""
    target = WORK / "image-process"
    if not (target / "pelican" / "plugins" / "image_process").is_dir():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target"]
            + [str(target), "-r", str(BENCH / "requirements.txt")],
            check=True,
        )


def corpus_content(preset):
    root = WORK / f"corpus-{preset}"
    if not corpus.is_current(root):
        print(f"Erzeuge Korpus {preset} …", flush=True)
        corpus.write(root, preset)
    return root / "content"


class Results(dict):
    """label -> list of measurements."""

    def add(self, label, name, content, before=()):
        fresh(*before)
        self.setdefault(label, []).append(measure(name, content))
        print(f"  {label}: {self[label][-1]['seconds']:.2f} s", flush=True)

    def cold(self, label, name, content, runs, before):
        for _ in range(runs):
            self.add(label, name, content, before)

    def warm_in_turns(self, content, runs, **labels):
        """Warm builds of several scenarios, one of each in turn (after two unmeasured
        builds each: the first fills what that scenario caches)."""
        for name in [*labels.values()] * 2:
            measure(name, content)
        for _ in range(runs):
            for label, name in labels.items():
                self.add(label, name, content)

    def seconds(self, label):
        return median(self[label], "seconds")


def run(preset, repeat, mode="all"):
    content = corpus_content(preset)
    results = Results()
    print(
        f"Benchmark {preset}, {repeat}× je kalte Messung, {max(repeat, WARM_RUNS)}× je warme, "
        f"{CORES} Kerne",
        flush=True,
    )
    if mode == "all":
        install_image_process()
        results.cold(
            "ours cold",
            "ours",
            content,
            repeat,
            ["output-ours", caches("ours", content), image_cache(content)],
        )
    else:
        # Fills the image cache if it is empty; the cards are drawn anew (their cold cost).
        fresh(f"{caches('ours', content)}/cards")
        results.add("ours (cards cold)", "ours", content)
    results.warm_in_turns(
        content,
        max(repeat, WARM_RUNS),
        **{
            "plain Pelican warm": "pelican",
            "ours warm (make build)": "ours",
            "ours warm (publish-build)": "ours-production",
        },
    )
    reloads = reload.measure(
        WORK / f"serve-{preset}", content, WORK / image_cache(content), RELOAD_ROUNDS
    )
    if mode == "all":
        results.cold("floor 1 process", "floor1", content, repeat, ["output-floor1"])
        results.cold(f"floor {CORES} processes", "floorN", content, repeat, ["output-floorN"])
        results.cold(
            "images-jpeg cold",
            "images-jpeg",
            content,
            repeat,
            ["output-images-jpeg", caches("images-jpeg", content)],
        )
        results.cold(
            "site-no-images cold",
            "site-no-images",
            content,
            repeat,
            ["output-site-no-images", caches("site-no-images", content)],
        )
        results.cold(
            "image-process cold",
            "image-process",
            content,
            repeat,
            ["output-image-process", caches("image-process", content)],
        )
        results.warm_in_turns(content, repeat, **{"image-process warm": "image-process"})
    report(preset, results, reloads, content, mode)


def report(preset, results, reloads, content, mode):
    images = {
        label: median(runs, "image_seconds")
        for label, runs in results.items()
        if runs[0]["image_seconds"] is not None
    }
    peak = {label: max(run["peak"] for run in runs) for label, runs in results.items()}
    print(f"\n{'Messung':<32}{'Sekunden':>10}{'Bildarbeit s':>14}{'Spitze MiB':>12}")
    for label in results:
        image = f"{images[label]:.2f}" if label in images else "–"
        print(f"{label:<32}{results.seconds(label):>10.2f}{image:>14}{peak[label] / 2**20:>12.0f}")
    cards = card_lines(results)
    plain = results.seconds("plain Pelican warm")
    reload_median = statistics.median(reloads)
    print(
        f"{'preview reload (median of ' + str(len(reloads)) + ')':<32}{reload_median:>10.2f}"
        f"    (each: {', '.join(f'{s:.2f}' for s in reloads)})"
    )
    print(search_figures(results["ours warm (make build)"]))
    targets = [
        (
            "warm make build / plain Pelican warm",
            results.seconds("ours warm (make build)") / plain,
            "≤ 1.0",
        ),
        (
            "warm make publish-build / plain Pelican warm",
            results.seconds("ours warm (publish-build)") / plain,
            "≤ 1.0",
        ),
        ("preview reload / plain Pelican warm", reload_median / plain, "≤ 1.0"),
    ]
    if mode == "all":
        targets += image_targets(results, images, peak, content)
    targets += cards
    print(f"\nKorpus {preset}: {corpus_summary(content)}\n")
    print(f"{'Ziel':<52}{'gemessen':>10}  Ziel")
    for label, value, target in targets:
        print(f"{label:<52}{value:>10.3f}  {target}")


def search_figures(runs):
    """Pagefind's index (bytes of output/pagefind), the search step's time in warm builds
    (the index of unchanged HTML comes from cache/search) and Pagefind's own indexing time
    without that cache, on the same output."""
    bundle = WORK / "output-ours" / "pagefind"
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    took = [run["search_seconds"] for run in runs if run.get("search_seconds") is not None]
    time_text = f"{statistics.median(took):.2f} s (median of {len(took)})" if took else "–"
    sys.path.insert(0, str(ROOT / "plugins"))
    from search.index import run as index  # noqa: PLC0415  (the plugins' folder, added above)

    started = time.monotonic()
    index(bundle.parent, 600)  # the same bundle again, written by Pagefind itself
    cold = time.monotonic() - started
    return (
        f"search index (Pagefind): {size:,} bytes in {files} files; Pagefind indexing "
        f"{cold:.2f} s, warm builds {time_text} (unchanged HTML: index from cache/search)"
    )


def card_lines(results):
    """The sharing cards' own seconds (plugins/cards' summary line): cold, every card drawn;
    warm, each only looked up in the cache and linked into output/."""
    cold_label = "ours cold" if "ours cold" in results else "ours (cards cold)"
    cold, warm = results[cold_label], results["ours warm (make build)"]
    warm_seconds = median(warm, "card_seconds")
    return [
        (
            f"cards cold: seconds ({cold[0]['cards_drawn']} drawn)",
            median(cold, "card_seconds"),
            "(info)",
        ),
        (f"cards warm: seconds ({warm[0]['cards_drawn']} drawn)", warm_seconds, "(info)"),
        (
            "cards warm / whole warm build",
            warm_seconds / results.seconds("ours warm (make build)"),
            "(info)",
        ),
    ]


def image_targets(results, images, peak, content):
    sources = sum(p.stat().st_size for p in (content / "images").iterdir())
    derivatives = sum(p.stat().st_size for p in (WORK / "output-ours/bilder").iterdir())
    photos = sum(1 for p in (content / "images").iterdir() if p.suffix in (".jpg", ".png"))
    # image-process only works on photos in the text (class image-process-bench); every
    # photo of the corpus stands in one text, so both do the same photos.
    ip_work = results.seconds("image-process cold") - results.seconds("site-no-images cold")
    phone = {dpr: phone_bytes(WORK / "output-ours", dpr) for dpr in (2, 3)}
    return [
        (
            f"image work cold / {CORES}-process Pillow floor",
            images["ours cold"] / results.seconds(f"floor {CORES} processes"),
            "≤ 1.2",
        ),
        (
            "image work cold / 1-process Pillow floor",
            images["ours cold"] / results.seconds("floor 1 process"),
            "(info)",
        ),
        (
            "image-process / ours, same work (JPEG, 4 widths)",
            ip_work / images["images-jpeg cold"],
            "≥ 3",
        ),
        (
            "image work warm / cold",
            images["ours warm (make build)"] / images["ours cold"],
            "≤ 0.02",
        ),
        (
            "image-process warm / plain Pelican warm",
            results.seconds("image-process warm") / results.seconds("plain Pelican warm"),
            "(info)",
        ),
        ("peak memory ours cold, GiB", peak["ours cold"] / 2**30, "≤ 1.5"),
        ("phone 375 px @2x: KB per article photo (max)", max(phone[2]) / 1000, "≤ 120"),
        ("phone 375 px @3x: KB per article photo (max)", max(phone[3]) / 1000, "≤ 120"),
        ("bytes out / bytes in (all variants)", derivatives / sources, "(info)"),
        ("photos (each in one text)", photos, "(info)"),
    ]


def corpus_summary(content):
    texts = {
        folder: sum(1 for _ in (content / folder).glob("*.md"))
        for folder in ("neuigkeiten", "interviews", "aufrufe", "pages")
    }
    images = [p for p in (content / "images").iterdir() if p.suffix != ".toml"]
    return (
        f"{texts['neuigkeiten']} Neuigkeiten, {texts['interviews']} Interviews, "
        f"{texts['aufrufe']} Aufrufe, {texts['pages']} Seiten, {len(images)} Bilder "
        f"({sum(p.stat().st_size for p in images) / 1e6:.1f} MB)"
    )


# One plugin's cost on warm builds: (scenario without it, scenario with it, target).
PLUGIN_COST = {
    "a11y": ("ours-no-a11y", "ours", "≤ 1.15"),
    "minify": ("ours", "ours-minify", "(info)"),
    "search": ("ours-no-search", "ours", "(info)"),
    "links": ("ours-no-links", "ours", "(info)"),
}


def link_check_alone(build_seconds, runs=5):
    """link_check's own work (list the output, read every page, resolve every link) on the
    output of the last warm build, timed in this process (less noisy than the difference
    of two builds): every page parsed, and every page from its cache as in a warm build."""
    import tempfile

    from link_check.cache import PageCache
    from link_check.plugin import scan

    output = WORK / "output-ours"
    with tempfile.TemporaryDirectory() as folder:
        cache = PageCache(folder)
        pages, broken = scan(output, read=cache.read)  # fills the cache
        cache.save()
        for label, read in (("alle gelesen", None), ("aus dem Zwischenspeicher", "cache")):
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                if read:
                    scan(output, read=PageCache(folder).read)
                else:
                    scan(output)
                times.append(time.perf_counter() - started)
            seconds = statistics.median(times)
            print(
                f"link_check, {label}: {len(pages)} Seiten, "
                f"{sum(len(p.links) for p in pages.values())} Links, {len(broken)} ins Leere, "
                f"Median aus {runs}: {seconds:.2f} s, {seconds / build_seconds:.1%} des warmen Baus"
            )


def run_plugin_cost(preset, repeat, plugin):
    """Only one plugin's cost: warm builds with and without it, in turns, medians, one ratio."""
    without_name, with_name, target = PLUGIN_COST[plugin]
    content = corpus_content(preset)
    results = Results()
    results.warm_in_turns(content, repeat, **{"with": with_name, "without": without_name})
    with_, without = results.seconds("with"), results.seconds("without")
    peak = {label: max(run["peak"] for run in runs) / 2**20 for label, runs in results.items()}
    if plugin == "links":
        link_check_alone(with_)
    print(
        f"{plugin}, {preset}, Median aus {repeat}: mit {with_:.2f} s, ohne {without:.2f} s, "
        f"Verhältnis {with_ / without:.3f} (Ziel {target}), Anteil am Bau "
        f"{(with_ - without) / with_:.1%}; Spitze mit {peak['with']:.0f} MiB, "
        f"ohne {peak['without']:.0f} MiB"
    )
    if plugin == "search":
        print(search_figures(results["with"]))


if __name__ == "__main__":
    preset = sys.argv[1] if len(sys.argv) > 1 else "small"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    mode = sys.argv[3] if len(sys.argv) > 3 else "all"
    if mode in PLUGIN_COST:
        run_plugin_cost(preset, repeat, mode)
    elif mode in ("all", "build"):
        run(preset, repeat, mode)
    else:
        raise SystemExit(f"unknown mode {mode}: all, build, {', '.join(PLUGIN_COST)}")
