"""Pelican glue: find every image of every page, make the variants, rewrite the HTML."""

import logging
import re
import multiprocessing
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pelican.generators import StaticGenerator

from sitekit.findings import ERROR, WARNING, BuildError, Finding

from . import messages, settings as options
from .cache import Cache, fingerprint
from .credits import missing_fields, read_credits
from .encode import Recipe, Result, make_variants
from .markup import picture, plain_img
from .references import RASTER_SUFFIXES, img_tags, is_remote, line_of, resolve
from .svg import inspect_svg

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = RASTER_SUFFIXES | {".svg"}


@dataclass
class _Site:
    """What every rewrite needs to know about this build."""

    content_root: Path
    site_url: str
    out_dir: str
    formats: tuple
    sizes: str
    credits: dict  # image path relative to the content folder -> {"bildnachweis": …}

    def url(self, name):
        return f"{self.site_url}/{self.out_dir}/{name}"

    def key(self, path):
        return path.relative_to(self.content_root).as_posix()

    def credit(self, path):
        return str(self.credits.get(self.key(path), {}).get("bildnachweis", "")).strip()


@dataclass
class PublishedImage:
    """An image named in metadata (`Image:`), ready for the `picture` template helper."""

    result: Result
    alt: str
    formats: tuple
    url: object  # file name -> URL
    sizes: str
    credit: str = ""  # "Foto: …" belongs under it

    def html(self, sizes=None, eager=False, css_class=None):
        attrs = {"class": css_class} if css_class else None
        return picture(self.result, self.formats, self.url, self.alt, sizes or self.sizes,
                       eager, attrs)

    @property
    def social_url(self):
        """A JPEG/PNG of about 1200 px for link previews (og:image)."""
        fallback = self.result.variants[self.result.fallback]
        return self.url(next((v for v in fallback if v[0] >= 1200), fallback[-1])[1])


def configure(pelican):
    """Receiver of `initialized`: validate settings, offer `picture()` to templates."""
    options.read(pelican.settings)
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}),
                                         "picture": render_picture}


def render_picture(image, sizes=None, eager=False, css_class=None):
    """Template helper: {{ picture(article.image, sizes="…") }}; nothing if there is no image."""
    return image.html(sizes, eager, css_class) if isinstance(image, PublishedImage) else ""


@dataclass
class _Use:
    content: object  # a Pelican Article or Page
    path: Path | None  # the image file, None for remote or data: images
    src: str  # as the author wrote it
    tag: object = None  # ImgTag in the content's HTML, None for metadata images
    alt: str | None = None


def optimize(generators):
    """Receiver of `all_generators_finalized`: before any page is written."""
    settings = generators[0].settings
    values = options.read(settings)
    content_root = Path(settings["PATH"])
    output = Path(settings["OUTPUT_PATH"])
    credits_file = values["IMAGE_OPTIMIZER_CREDITS_FILE"]
    credits, findings = read_credits(content_root / credits_file,
                                     f"{content_root.name}/{credits_file}")
    site = _Site(content_root, settings["SITEURL"], values["IMAGE_OPTIMIZER_OUTPUT_DIR"],
                 tuple(values["IMAGE_OPTIMIZER_FORMATS"]), values["IMAGE_OPTIMIZER_SIZES"], credits)

    started = time.monotonic()
    contents = [c for c in generators[0].context["generated_content"].values() if c is not None]
    uses, found = _collect(contents, content_root)
    findings += found
    cache = Cache(values["IMAGE_OPTIMIZER_CACHE_DIR"])
    results, passthrough, made = _make_all(uses, cache, values, findings, content_root)
    if values["IMAGE_OPTIMIZER_REQUIRE_CREDITS"]:
        findings += _missing_credits(uses, {*results, *passthrough}, site, credits_file)

    for content in contents:
        _rewrite(content, [u for u in uses if u.content is content], results, passthrough, site)
    _publish(results, passthrough, cache.folder, output / site.out_dir, output, content_root)
    for generator in generators:
        if isinstance(generator, StaticGenerator):  # uploads keep GPS and camera data
            kept = [s for s in generator.staticfiles
                    if Path(s.source_path).suffix.lower() not in IMAGE_SUFFIXES]
            generator.staticfiles = generator.context["staticfiles"] = kept
    cache.prune_and_save()
    _report(findings, values["IMAGE_OPTIMIZER_STRICT"], content_root.name)
    _summary(results, made, time.monotonic() - started)


def _collect(contents, content_root):
    """Every image reference of every page: in the HTML and in `Image:` metadata."""
    uses, findings = [], []
    for content in contents:
        source_dir = Path(content.source_path).parent
        for tag in img_tags(content._content):
            src = tag.attrs.get("src") or ""
            path = None if is_remote(src) else resolve(src, source_dir, content_root)
            uses.append(_Use(content, path, src, tag, tag.attrs.get("alt")))
        image = content.metadata.get("image")
        if image:
            alt = content.metadata.get("image_alt")
            uses.append(_Use(content, None if is_remote(image) else resolve(image, source_dir,
                                                                            content_root),
                             image, None, alt))
            if alt is None:
                findings.append(_finding(content, image, content_root, *messages.NO_ALT_FOR_METADATA))
    for use in uses:
        if use.tag is not None and use.alt is None:
            findings.append(_finding(use.content, use.src, content_root, *messages.NO_ALT))
    return uses, findings


def _make_all(uses, cache, values, findings, content_root):
    """Results for every referenced file, from the cache or made in a process pool."""
    fp = fingerprint(values)
    results, passthrough, recipes, keys = {}, {}, {}, {}
    for use in uses:
        if use.path is None:
            if is_remote(use.src):
                findings.append(_finding(use.content, use.src, content_root, *messages.REMOTE))
            continue
        if use.path in keys or use.path in passthrough:
            continue
        if not use.path.is_file():
            findings.append(_finding(use.content, use.src, content_root, *messages.MISSING,
                                     looked=_shown(use.path, content_root)))
            continue
        if use.path.suffix.lower() == ".svg":
            dangerous, width, height = inspect_svg(use.path.read_text(encoding="utf-8",
                                                                      errors="replace"))
            if dangerous:
                findings.append(_finding(use.content, use.src, content_root, *messages.SVG_SCRIPT))
            else:
                passthrough[use.path] = (width, height)
            continue
        key = keys[use.path] = cache.key(use.path, fp)
        cached = cache.get(key)
        if cached:
            results[use.path] = cached
        else:
            recipes[use.path] = Recipe(str(use.path), key, values["IMAGE_OPTIMIZER_WIDTHS"],
                                       tuple(values["IMAGE_OPTIMIZER_FORMATS"]),
                                       values["IMAGE_OPTIMIZER_QUALITY"],
                                       values["IMAGE_OPTIMIZER_AVIF_SPEED"], str(cache.folder),
                                       values["IMAGE_OPTIMIZER_MAX_PIXELS"],
                                       values["IMAGE_OPTIMIZER_PUBLISH_ORIGINALS"])
    made = _run(recipes, values["IMAGE_OPTIMIZER_WORKERS"])
    for path, result in made.items():
        cache.put(result)
        results[path] = result
    for path, result in list(results.items()):
        if result.passthrough:
            passthrough[path] = (result.width, result.height)
            del results[path]
        elif result.problem:
            use = next(u for u in uses if u.path == path)
            text = messages.PROBLEMS[result.problem]
            findings.append(_finding(use.content, use.src, content_root, *text, detail=result.detail,
                                     limit=values["IMAGE_OPTIMIZER_MAX_PIXELS"] // 1_000_000))
            del results[path]
    return results, passthrough, {p: r for p, r in made.items() if p in results}


def _run(recipes, workers):
    """Encode in a process pool, showing progress: "Bilder 12/20"."""
    if not recipes:
        return {}
    done, total, made = 0, len(recipes), {}
    workers = min(workers, total)
    if workers == 1:
        results = ((path, make_variants(recipe)) for path, recipe in recipes.items())
        for path, result in results:
            made[path] = result
            done += 1
            _progress(done, total)
        return made
    # spawn: safe even when the preview server has threads running
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for path, result in zip(recipes, pool.map(make_variants, recipes.values())):
            made[path] = result
            done += 1
            _progress(done, total)
    return made


def _progress(done, total):
    if sys.stderr.isatty():
        sys.stderr.write(f"\rBilder {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()
    elif done == total or done % max(1, total // 4) == 0:
        sys.stderr.write(f"Bilder {done}/{total}\n")


def _missing_credits(uses, published, site, credits_file):
    """Each published image without credit or consent note, named once."""
    findings, named = [], set()
    for use in uses:
        if use.path in published and use.path not in named:
            named.add(use.path)
            missing = missing_fields(site.credits.get(site.key(use.path)))
            if missing:
                findings.append(_finding(
                    use.content, use.src, site.content_root, *messages.NO_CREDIT,
                    missing=" und ".join(f"„{field}“" for field in missing),
                    credits_file=f"{site.content_root.name}/{credits_file}",
                    key=site.key(use.path)))
    return findings


def _rewrite(content, uses, results, passthrough, site):
    """Replace each <img> by its <picture>; the first image of a page loads eagerly.

    A photo credit goes into the figure's caption, or right after the image."""
    eager = True
    for use in uses:
        if use.tag is None and use.path in results:
            content.image = PublishedImage(results[use.path], use.alt or "", site.formats,
                                           site.url, site.sizes, site.credit(use.path))
            eager = False  # the header image (shown above the text) is the first one
    # An image without alt stays as written: it was reported, and a11y_check sees it too.
    in_text = [u for u in uses if u.tag is not None and u.alt is not None
               and (u.path in results or u.path in passthrough)]
    first = min((u.tag.start for u in in_text), default=None) if eager else None
    html = content._content
    for use in sorted(in_text, key=lambda u: -u.tag.start):  # from the end: positions stay valid
        if use.path in results:
            new = picture(results[use.path], site.formats, site.url, use.alt, site.sizes,
                          use.tag.start == first, use.tag.attrs)
        else:
            width, height = passthrough[use.path]
            new = plain_img(f"{site.site_url}/{site.key(use.path)}", use.alt, width, height,
                            use.tag.start == first, use.tag.attrs)
        html = html[:use.tag.start] + new + _with_credit(html[use.tag.end:], site.credit(use.path))
    # Images with a problem were reported and stay as the author wrote them.
    content._content = html


def _with_credit(rest, credit):
    """The HTML after an image, with "Foto: …" in the figure's caption or right after it."""
    if not credit:
        return rest
    text = f'<span class="bl-figure__credit">Foto: {escape(credit)}</span>'
    caption = re.match(r"\s*<figcaption\b[^>]*>.*?(?=</figcaption>)", rest, re.DOTALL)
    if caption:
        return rest[:caption.end()] + " " + text + rest[caption.end():]
    return " " + text + rest


def _publish(results, passthrough, cache_folder, variants_dir, output, content_root):
    """Copy the variants (hard links where possible) and unchanged files into output/."""
    variants_dir.mkdir(parents=True, exist_ok=True)
    for result in results.values():
        for variants in result.variants.values():
            for _width, name, _size in variants:
                target = variants_dir / name
                if not target.exists():
                    try:
                        target.hardlink_to(cache_folder / name)
                    except OSError:
                        shutil.copyfile(cache_folder / name, target)
    for path in passthrough:
        target = output / path.relative_to(content_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for path, result in results.items():
        if result.original:  # the cleaned full-size copy, where {static} links expect the upload
            target = (output / path.relative_to(content_root)).with_suffix(
                "." + result.original[1].rsplit(".", 1)[1])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache_folder / result.original[1], target)


def _finding(content, src, content_root, message, fix, **values):
    path = Path(content.source_path)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return Finding(_shown(path, content_root), line_of(text, src),
                   message.format(src=src, **values), fix.format(src=src, **values),
                   ERROR, "image")


def _shown(path, content_root):
    try:
        return f"{content_root.name}/{Path(path).relative_to(content_root).as_posix()}"
    except ValueError:
        return str(path)


def _report(findings, strict, shown):
    if strict and findings:
        raise BuildError([f.render() for f in findings],
                         f"Der Bau wurde abgebrochen: {len(findings)} Problem(e) mit Bildern.")
    for finding in findings:
        logger.warning(Finding(finding.path, finding.line, finding.message + messages.LEFT_AS_IS,
                               finding.fix, WARNING, finding.rule).render())


def _summary(results, made, seconds):
    variants = [v for r in results.values() for vs in r.variants.values() for v in vs]
    new = sum(len(vs) for r in made.values() for vs in r.variants.values())
    before = sum(Path(p).stat().st_size for p in results)
    after = sum(size for _w, _n, size in variants)
    if results:
        logger.info("Bilder: %d Quellen, %d Varianten neu erzeugt, %d aus dem Zwischenspeicher, "
                    "%s → %s (%s Sekunden)", len(results), new, len(variants) - new,
                    messages.megabytes(before), messages.megabytes(after),
                    f"{seconds:.2f}".replace(".", ","))
