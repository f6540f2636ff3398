"""Decode one source image once and write all its variants into the cache.

Runs in worker processes, so everything in and out is plain, picklable data.
No Pelican here: tested directly on small generated images.
"""

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

# HEIC/HEIF (an iPhone's default) through pillow-heif's Pillow plugin. Registered on import,
# so the build's own process and every spawned worker, which imports this module to run
# make_variants, can open them. libheif applies the file's rotation (irot/imir) and the
# plugin sets EXIF Orientation to 1, so exif_transpose below never turns a photo twice.
pillow_heif.register_heif_opener()

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
WEBP_LIMIT = 16383  # the largest width or height WebP can store
# Formats Pillow decodes that we turn into variants. Everything else is refused.
RASTER_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP", "AVIF", "MPO", "HEIF"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Recipe:
    """What to make from one source."""

    source: str  # absolute path
    key: str  # cache key: content hash of the source + the settings that shape the variants
    widths: tuple  # wanted widths in px, ascending; never wider than the source
    formats: tuple  # modern formats, e.g. ("avif", "webp"); the fallback is chosen here
    quality: dict  # per format: {"avif": 55, "webp": 80, "jpeg": 82}
    avif_speed: int
    cache_dir: str
    max_pixels: int
    full_size: bool = False  # also a cleaned full-size copy (IMAGE_OPTIMIZER_PUBLISH_ORIGINALS)


@dataclass
class Result:
    """What was made (or why not). Stored in the cache index, so a warm build needs no decoding."""

    key: str
    width: int = 0  # of the source, after applying its EXIF orientation
    height: int = 0
    fallback: str = ""  # "jpeg" or "png" (transparency)
    variants: dict = field(default_factory=dict)  # format -> [[width, file name, bytes], …]
    original: list = field(default_factory=list)  # [width, file name, bytes] of the full-size copy
    passthrough: bool = False  # animated image: published unchanged
    problem: str = ""  # "unsupported", "corrupt", "too-large": see plugin messages
    detail: str = ""


def variant_name(key, width, fmt):
    return f"{key}-{width}.{EXTENSIONS[fmt]}"


def make_variants(recipe):
    """Decode the source (draft mode for JPEG), then resize and encode every variant.

    Never raises: whatever goes wrong comes back as result.problem."""
    try:
        return _make_variants(recipe)
    except Exception as error:  # e.g. an encoder limit; one image must not end the build
        return _problem(Result(recipe.key), "corrupt", f"{type(error).__name__}: {error}")


def _make_variants(recipe):
    result = Result(recipe.key)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = recipe.max_pixels
            with Image.open(recipe.source) as image:
                if image.format not in RASTER_FORMATS:
                    return _problem(result, "unsupported", image.format or "?")
                if getattr(image, "is_animated", False) and image.format in ("GIF", "WEBP"):
                    result.width, result.height, result.passthrough = *image.size, True
                    result.original = _save_animation(image, recipe)
                    return result
                image = _decode(image, None if recipe.full_size else max(recipe.widths))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return _problem(result, "too-large", str(error))
    except UnidentifiedImageError as error:
        return _problem(result, "unsupported", str(error))
    except (OSError, SyntaxError, ValueError) as error:  # truncated, corrupt, bad ICC profile
        return _problem(result, "corrupt", str(error))

    has_alpha = "A" in image.mode
    result.width, result.height = image.size
    result.fallback = "png" if has_alpha else "jpeg"
    # The configured widths up to the source's own; a source between two widths also
    # gets its full width, so nothing is enlarged and no detail is thrown away.
    widths = [w for w in recipe.widths if w <= image.width]
    if image.width < max(recipe.widths) and image.width not in widths:
        widths.append(image.width)
    if recipe.full_size:  # upright, sRGB, without metadata: safe to publish as "the original"
        fmt = "png" if has_alpha or Path(recipe.source).suffix.lower() == ".png" else "jpeg"
        name = f"{recipe.key}-original.{EXTENSIONS[fmt]}"
        size = _save(image, Path(recipe.cache_dir) / name, fmt, recipe, quality=92)
        result.original = [image.width, name, size]
    current = image
    for width in sorted(widths, reverse=True):  # each from the next larger, not from the original
        height = max(1, round(image.height * width / image.width))
        if current.width != width:
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for fmt in (*recipe.formats, result.fallback):
            if fmt == "webp" and max(current.size) > WEBP_LIMIT:
                continue  # a very long screenshot: AVIF and the fallback still cover it
            name = variant_name(recipe.key, width, fmt)
            size = _save(current, Path(recipe.cache_dir) / name, fmt, recipe)
            result.variants.setdefault(fmt, []).insert(0, [width, name, size])
    return result


def _save_animation(image, recipe):
    """The animation re-saved frame by frame, without comments, EXIF, XMP or ICC data."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        copy = frame.convert("RGBA")
        copy.info = {}
        frames.append(copy)
    ext = "gif" if image.format == "GIF" else "webp"
    name = f"{recipe.key}-original.{ext}"
    path = Path(recipe.cache_dir) / name
    temporary = path.with_name(f".{name}.{os.getpid()}.tmp")
    frames[0].save(
        temporary,
        format=ext.upper(),
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=image.info.get("loop", 0),
        disposal=2,
    )
    temporary.replace(path)
    return [image.width, name, path.stat().st_size]


def _problem(result, kind, detail):
    result.problem, result.detail = kind, detail
    return result


def _decode(image, largest_width):
    """Full decode to RGB, RGBA or L in sRGB, upright, without any metadata."""
    if image.format == "JPEG" and largest_width:
        # DCT scaling: decode at 1/2, 1/4 or 1/8 size where that still covers the
        # largest variant, so no quality is lost and most of the decoding is saved.
        rotated = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        stored_width = image.height if rotated else image.width
        scale = min(1.0, largest_width / stored_width)
        image.draft(None, (int(image.width * scale) + 1, int(image.height * scale) + 1))
    image.load()
    upright = ImageOps.exif_transpose(image)  # applies the EXIF orientation
    converted = _to_srgb(upright)
    converted.info = {}  # no EXIF, GPS, XMP, maker notes or ICC profile leave this function
    return converted


def _to_srgb(image):
    """Convert any mode and colour profile to 8-bit sRGB (RGB, RGBA or L)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")  # 16-bit greyscale
    elif image.mode == "F":
        image = image.convert("L")
    if image.mode in ("P", "PA", "LA", "1") or "transparency" in image.info:
        has_alpha = image.mode in ("PA", "LA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                _SRGB,
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
        except ImageCms.PyCMSError:
            pass  # an unusable profile: treat the pixels as sRGB
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")  # CMYK without profile, YCbCr, …
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that is opaque everywhere
    return image


def _save(image, path, fmt, recipe, quality=None):
    """Encode atomically (temp file, then rename) and return the file size."""
    options = {
        "avif": {"quality": recipe.quality["avif"], "speed": recipe.avif_speed},
        "webp": {"quality": recipe.quality["webp"], "method": 4},
        "jpeg": {
            "quality": quality or recipe.quality["jpeg"],
            "optimize": True,
            "progressive": True,
        },
        "png": {},  # optimize=True would double the time of a photo-sized PNG for ~3 % fewer bytes
    }[fmt]
    if fmt == "jpeg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    image.save(temporary, format=fmt.upper(), **options)
    temporary.replace(path)
    return path.stat().st_size
