"""Pelican glue: find every image of every page, make the variants, rewrite the HTML."""

import logging
import multiprocessing
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pelican.generators import StaticGenerator
from PIL import Image

from sitekit import german
from sitekit.constants import IMAGE_SUFFIXES, SHARING_WIDTH
from sitekit.findings import ERROR, Finding, as_unpublished, ledger
from sitekit.layouts import is_public

from . import messages
from . import settings as options
from .cache import Cache, fingerprint
from .credits import credit_snippet, missing_fields, read_credits
from .encode import Recipe, Result, make_variants
from .markup import picture, plain_img
from .references import (
    image_lines,
    img_and_link_tags,
    is_remote,
    line_of,
    may_show_images,
    resolve,
)
from .svg import inspect_svg

logger = logging.getLogger(__name__)


def is_image(path):
    """True for anything that is or may be a picture: by name, or if Pillow recognises it
    (a phone's .jfif or a renamed file must not slip through with its GPS data)."""
    if Path(path).suffix.lower() in IMAGE_SUFFIXES:
        return True
    try:
        with Image.open(path):
            return True
    except Exception:  # not an image at all: a PDF, a text file, …
        return False


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
        return picture(
            self.result, self.formats, self.url, self.alt, sizes or self.sizes, eager, attrs
        )

    @property
    def social(self):
        """(url, width, height) of the JPEG/PNG variant for link previews (og:image): the
        narrowest of at least SHARING_WIDTH px; None for a narrower photo (plugins/cards
        then draws a card)."""
        fallback = self.result.variants[self.result.fallback]
        width, name = next(((w, n) for w, n, _size in fallback if w >= SHARING_WIDTH), (0, ""))
        if not width:
            return None
        return self.url(name), width, round(self.result.height * width / self.result.width)


def configure(pelican):
    """Receiver of `initialized`: validate settings, offer `picture()` to templates."""
    options.read(pelican.settings)
    pelican.settings["JINJA_GLOBALS"] = {
        **pelican.settings.get("JINJA_GLOBALS", {}),
        "picture": render_picture,
    }


def render_picture(image, sizes=None, eager=False, css_class=None):
    """Template helper: {{ picture(article.image, sizes="…") }}; nothing if there is no image."""
    return image.html(sizes, eager, css_class) if isinstance(image, PublishedImage) else ""


@dataclass
class _Use:
    content: object  # a Pelican Article or Page
    path: Path | None  # the image file, None for remote or data: images
    src: str  # as the author wrote it
    tag: object = None  # Tag in the content's HTML (<img> or <a>), None for metadata images
    alt: str | None = None
    kind: str = "img"  # "img", "meta" (Image: metadata) or "link" (<a href> to an image file)
    line: int | None = None  # in the Markdown source, for messages


def optimize(generators):
    """Receiver of `all_generators_finalized`: before any page is written."""
    settings = generators[0].settings
    values = options.read(settings)
    content_root = Path(settings["PATH"])
    output = Path(settings["OUTPUT_PATH"])
    credits_file = values["IMAGE_OPTIMIZER_CREDITS_FILE"]
    credits, findings = read_credits(
        content_root / credits_file, f"{content_root.name}/{credits_file}"
    )
    site = _Site(
        content_root,
        settings["SITEURL"],
        values["IMAGE_OPTIMIZER_OUTPUT_DIR"],
        tuple(values["IMAGE_OPTIMIZER_FORMATS"]),
        values["IMAGE_OPTIMIZER_SIZES"],
        credits,
    )

    started = time.monotonic()
    # Only what is written: a draft in production has no address, and neither its
    # images nor their credits matter then.
    contents = [
        c
        for c in generators[0].context["generated_content"].values()
        if c is not None and c.save_as
    ]
    uses, found = _collect(contents, content_root)
    findings += found
    cache = Cache(values["IMAGE_OPTIMIZER_CACHE_DIR"])
    with cache.locked():  # a second build (make serve and make build at once) waits here
        results, passthrough, made = _make_all(uses, cache, values, findings, content_root)
        _publish(results, passthrough, cache.folder, output / site.out_dir, output, content_root)
        cache.prune_and_save()
    if values["IMAGE_OPTIMIZER_REQUIRE_CREDITS"] and credits.readable:
        findings += _missing_credits(uses, {*results, *passthrough}, site, credits_file)
    findings += _credit_placeholders(credits.placeholders, uses, {*results, *passthrough}, site)

    for content in contents:
        _rewrite(content, [u for u in uses if u.content is content], results, passthrough, site)
    private = {(content_root / credits_file).resolve()}  # consent records are not for the web
    for generator in generators:
        if isinstance(generator, StaticGenerator):  # uploads keep GPS and camera data
            kept = [  # private first: Image.open would load all of Pillow's plugins for it
                s
                for s in generator.staticfiles
                if Path(s.source_path).resolve() not in private and not is_image(s.source_path)
            ]
            generator.staticfiles = generator.context["staticfiles"] = kept
    ledger(settings).add(findings)
    _summary(results, made, time.monotonic() - started)


def _collect(contents, content_root):
    """Every image reference of every page: in the HTML and in `Image:` metadata, each with
    its own line in the Markdown source (the nth image in the HTML is the nth in the text)."""
    uses, findings = [], []
    for content in contents:
        source_dir = Path(content.source_path).parent
        text = _source_text(content)
        shows = may_show_images(content._content)
        tags, links = img_and_link_tags(content._content) if shows else ([], [])
        lines = image_lines(text)
        for number, tag in enumerate(tags):
            src = tag.attrs.get("src") or ""
            path = None if is_remote(src) else resolve(src, source_dir, content_root)
            line = lines[number] if len(lines) == len(tags) else line_of(text, src)
            uses.append(_Use(content, path, src, tag, tag.attrs.get("alt"), line=line))
        for tag in links:  # "click to enlarge" links to the upload
            href = tag.attrs.get("href") or ""
            if not is_remote(href) and Path(href.split("#")[0]).suffix.lower() in IMAGE_SUFFIXES:
                uses.append(
                    _Use(
                        content,
                        resolve(href, source_dir, content_root),
                        href,
                        tag,
                        "",
                        "link",
                        line_of(text, href),
                    )
                )
        image = content.metadata.get("image")
        if image:
            alt = content.metadata.get("image_alt")
            path = None if is_remote(image) else resolve(image, source_dir, content_root)
            meta_line = re.search(r"(?im)^image\s*:", text)
            use = _Use(
                content,
                path,
                image,
                None,
                alt,
                "meta",
                text.count("\n", 0, meta_line.start()) + 1 if meta_line else None,
            )
            uses.append(use)
            if alt is None:
                findings.append(
                    _finding(
                        use,
                        content_root,
                        *messages.NO_ALT_FOR_METADATA,
                        snippet="Image_alt: [[Was ist auf dem Bild zu sehen?]]",
                        left_as_is=False,
                    )
                )
    for use in uses:
        if use.kind == "img" and use.alt is None:
            findings.append(_finding(use, content_root, *messages.NO_ALT))
    return uses, findings


def _source_text(content):
    try:
        return Path(content.source_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _make_all(uses, cache, values, findings, content_root):
    """Results for every referenced file, from the cache or made in a process pool."""
    fp = fingerprint(values)
    results, passthrough, recipes, keys = {}, {}, {}, {}
    for use in uses:
        if use.path is None:
            if is_remote(use.src):
                findings.append(_finding(use, content_root, *messages.REMOTE))
            continue
        if use.path in keys or use.path in passthrough:
            continue
        if not use.path.is_relative_to(content_root.resolve()) and not use.path.is_relative_to(
            content_root
        ):
            findings.append(_finding(use, content_root, *messages.OUTSIDE))
            continue
        if not use.path.is_file():
            findings.append(
                _finding(
                    use, content_root, *messages.MISSING, looked=_shown(use.path, content_root)
                )
            )
            continue
        if use.path.suffix.lower() == ".svg":
            svg = inspect_svg(use.path.read_bytes())
            if svg.problem:
                findings.append(_finding(use, content_root, *messages.SVG_PROBLEMS[svg.problem]))
            else:
                passthrough[use.path] = (svg.width, svg.height, svg.cleaned)
            continue
        key = keys[use.path] = cache.key(use.path, fp)
        cached = cache.get(key)
        if cached:
            results[use.path] = cached
        else:
            recipes[use.path] = Recipe(
                str(use.path),
                key,
                values["IMAGE_OPTIMIZER_WIDTHS"],
                tuple(values["IMAGE_OPTIMIZER_FORMATS"]),
                values["IMAGE_OPTIMIZER_QUALITY"],
                values["IMAGE_OPTIMIZER_AVIF_SPEED"],
                str(cache.folder),
                values["IMAGE_OPTIMIZER_MAX_PIXELS"],
                values["IMAGE_OPTIMIZER_PUBLISH_ORIGINALS"],
            )
    made = _run(recipes, values["IMAGE_OPTIMIZER_WORKERS"])
    for path, result in made.items():
        cache.put(result)
        results[path] = result
    for path, result in list(results.items()):
        if result.passthrough:  # animated: re-saved without metadata, published as such
            passthrough[path] = (
                result.width,
                result.height,
                (cache.folder / result.original[1]).read_bytes(),
            )
            del results[path]
        elif result.problem:  # named at every place the image is used
            for use in (u for u in uses if u.path == path):
                findings.append(
                    _finding(
                        use,
                        content_root,
                        *messages.PROBLEMS[result.problem],
                        detail=result.detail,
                        limit=_millions(values["IMAGE_OPTIMIZER_MAX_PIXELS"]),
                    )
                )
            del results[path]
    return results, passthrough, {p: r for p, r in made.items() if p in results}


def _run(recipes, workers):
    """Encode in a process pool, showing progress: "Bilder 12/20". A worker that dies
    (out of memory, say) costs its own image, not the build."""
    if not recipes:
        return {}
    done, total, made = 0, len(recipes), {}
    if min(workers, total) == 1:
        for path, recipe in recipes.items():
            made[path] = make_variants(recipe)
            done += 1
            _progress(done, total)
        return made
    # spawn: safe even when the preview server has threads running
    with ProcessPoolExecutor(
        min(workers, total), mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        futures = {pool.submit(make_variants, recipe): path for path, recipe in recipes.items()}
        for future in as_completed(futures):
            path = futures[future]
            try:
                made[path] = future.result()
            except Exception as error:  # BrokenProcessPool and the like
                made[path] = Result(
                    recipes[path].key,
                    problem="corrupt",
                    detail=f"Verarbeitung abgebrochen: {type(error).__name__}",
                )
            done += 1
            _progress(done, total)
    return made


def _progress(done, total):
    if sys.stderr.isatty():
        sys.stderr.write(f"\rBilder {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()
    elif done == total or done % max(1, total // 4) == 0:
        sys.stderr.write(f"Bilder {done}/{total}\n")


def _credit_placeholders(placeholders, uses, published, site):
    """An open [[…]] in the credits stops publishing only where a published page shows the
    image (a draft's photo waits with its draft); outside any image's section, always."""
    public = {site.key(u.path) for u in uses if u.path in published and is_public(u.content)}
    return [
        finding if key is None or key in public else as_unpublished(finding)
        for key, finding in placeholders
    ]


def _missing_credits(uses, published, site, credits_file):
    """Each published image without credit or consent note, named once, with the lines to
    paste into the credits file."""
    findings, named = [], set()
    for use in uses:
        if use.path in published and use.path not in named:
            named.add(use.path)
            entry = site.credits.get(site.key(use.path))
            missing = missing_fields(entry)
            if missing:
                where, snippet = credit_snippet(site.key(use.path), entry)
                findings.append(
                    _finding(
                        use,
                        site.content_root,
                        *messages.NO_CREDIT,
                        snippet=snippet,
                        left_as_is=False,
                        missing=("fehlt " if len(missing) == 1 else "fehlen ")
                        + " und ".join(f"„{field}“" for field in missing),
                        credits_file=f"{site.content_root.name}/{credits_file}",
                        where=where,
                    )
                )
    return findings


def _rewrite(content, uses, results, passthrough, site):
    """Replace each <img> by its <picture>; the first image of a page loads eagerly.

    A photo credit goes into the figure's caption, or right after the image."""
    eager = True

    def published(use):
        return PublishedImage(
            results[use.path], use.alt, site.formats, site.url, site.sizes, site.credit(use.path)
        )

    for use in uses:
        if use.kind == "meta":
            content.image = published(use) if use.path in results and use.alt else None
            eager = eager and content.image is None  # a header image above the text comes first
    # The list thumbnail and the sharing image (og:image): the `Image:`, else the first
    # photo in the text that says what it shows (a decorative one, alt="", does not).
    photos = [u for u in uses if u.kind == "img" and u.path in results and u.alt]
    content.teaser_image = getattr(content, "image", None) or (
        published(min(photos, key=lambda u: u.tag.start)) if photos else None
    )
    # An image without alt stays as written: it was reported, and a11y_check sees it too.
    in_text = [
        u
        for u in uses
        if u.kind != "meta" and u.alt is not None and (u.path in results or u.path in passthrough)
    ]
    first = min((u.tag.start for u in in_text if u.kind == "img"), default=None) if eager else None
    html = content._content
    for use in sorted(in_text, key=lambda u: -u.tag.start):  # from the end: positions stay valid
        if use.kind == "link":  # the largest variant, or the cleaned original: never the upload
            tag = html[use.tag.start : use.tag.end]
            target = _link_target(use.path, results, site)
            html = html[: use.tag.start] + tag.replace(use.src, target, 1) + html[use.tag.end :]
            continue
        if use.path in results:
            new = picture(
                results[use.path],
                site.formats,
                site.url,
                use.alt,
                site.sizes,
                use.tag.start == first,
                use.tag.attrs,
            )
        else:
            width, height, _data = passthrough[use.path]
            new = plain_img(
                f"{site.site_url}/{site.key(use.path)}",
                use.alt,
                width,
                height,
                use.tag.start == first,
                use.tag.attrs,
            )
        html = (
            html[: use.tag.start] + new + _with_credit(html[use.tag.end :], site.credit(use.path))
        )
    # Images with a problem were reported and stay as the author wrote them.
    content._content = html


def _link_target(path, results, site):
    result = results.get(path)
    if result is None:  # SVG or animation: published cleaned under its own name
        return f"{site.site_url}/{site.key(path)}"
    if result.original:
        return f"{site.site_url}/{site.key(original_path(path, result))}"
    return site.url(result.variants[result.fallback][-1][1])


def original_path(path, result):
    """Where the cleaned full-size copy of the upload at path is published: where links
    expect the upload, under a name that says its real format (foto.heic → foto.jpg), so
    the web server announces a type every browser shows. foto.JPG stays foto.JPG."""
    suffix = Path(result.original[1]).suffix  # .jpg or .png
    formats = Image.registered_extensions()  # Pillow's own suffix → format table
    if formats.get(path.suffix.lower()) == formats[suffix]:
        return path
    return path.with_suffix(suffix)


def _with_credit(rest, credit):
    """The HTML after an image, with "Foto: …" in the figure's caption or right after it."""
    if not credit:
        return rest
    text = f'<span class="bl-figure__credit">Foto: {escape(credit)}</span>'
    caption = re.match(r"\s*<figcaption\b[^>]*>.*?(?=</figcaption>)", rest, re.DOTALL)
    if caption:
        return rest[: caption.end()] + " " + text + rest[caption.end() :]
    return " " + text + rest


def _publish(results, passthrough, cache_folder, variants_dir, output, content_root):
    """Copy the variants (hard links where possible) and unchanged files into output/."""
    variants_dir.mkdir(parents=True, exist_ok=True)
    for result in results.values():
        for variants in result.variants.values():
            for _width, name, _size in variants:
                target = variants_dir / name
                try:  # a fresh folder: asking first whether it exists would double the work
                    target.hardlink_to(cache_folder / name)
                except FileExistsError:
                    pass  # a variant two sources share
                except OSError:
                    shutil.copyfile(cache_folder / name, target)
    for path, (_width, _height, data) in passthrough.items():  # cleaned, under the same name
        target = output / path.relative_to(content_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path, result in results.items():
        if result.original:  # the cleaned full-size copy, where links expect the upload
            target = output / original_path(path, result).relative_to(content_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache_folder / result.original[1], target)


def _finding(use, content_root, message, fix, snippet="", left_as_is=True, **values):
    """An image problem at the line that uses the image. An image of a page production does
    not publish (draft, hidden) cannot stop the build: a hint. What is not fixed stays as
    the author wrote it."""
    finding = Finding(
        _shown(Path(use.content.source_path), content_root),
        use.line,
        message.format(src=use.src, **values) + (messages.LEFT_AS_IS if left_as_is else ""),
        fix.format(src=use.src, **values),
        ERROR,
        "image",
        snippet,
    )
    return finding if is_public(use.content) else as_unpublished(finding)


def _shown(path, content_root):
    try:
        return f"{content_root.name}/{Path(path).relative_to(content_root).as_posix()}"
    except ValueError:
        return str(path)


def _millions(pixels):
    """120000000 → "120", 1500000 → "1,5" (for "… Mio. Pixel")."""
    value = pixels / 1_000_000
    return german.number(value, 0 if value == int(value) else 1)


def _summary(results, made, seconds):
    variants = [v for r in results.values() for vs in r.variants.values() for v in vs]
    new = sum(len(vs) for r in made.values() for vs in r.variants.values())
    before = sum(Path(p).stat().st_size for p in results)
    after = sum(size for _w, _n, size in variants)
    if results:
        logger.info(
            "Bilder: %s, %s neu erzeugt, %s aus dem Zwischenspeicher, %s → %s (%s)",
            german.count(len(results), "Quelle", "Quellen"),
            german.count(new, "Variante", "Varianten"),
            german.number(len(variants) - new),
            german.megabytes(before),
            german.megabytes(after),
            german.seconds(seconds, 2),
        )
