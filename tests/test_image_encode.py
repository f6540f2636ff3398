"""image_optimizer's plain functions on small generated images."""

import dataclasses
import io
from pathlib import Path

import pytest
from images import (
    animated_gif,
    has_private_metadata,
    heic_bytes,
    jpeg_bytes,
    photo,
    png_bytes,
    transparent_png,
)
from PIL import Image, ImageChops, ImageStat

from image_optimizer.encode import Recipe, Result, make_variants
from image_optimizer.markup import picture
from image_optimizer.plugin import original_path
from image_optimizer.references import img_and_link_tags, may_show_images
from image_optimizer.svg import inspect_svg

QUALITY = {"avif": 50, "webp": 75, "jpeg": 80}


def recipe_for(tmp_path, data, name="bild.jpg", widths=(100, 200, 400), max_pixels=10_000_000):
    source = tmp_path / name
    source.write_bytes(data)
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    return Recipe(str(source), "k", widths, ("avif", "webp"), QUALITY, 8, str(cache), max_pixels)


def outputs(tmp_path, result):
    return {
        name: Image.open(tmp_path / "cache" / name)
        for variants in result.variants.values()
        for _w, name, _s in variants
    }


def test_photo_gets_every_width_and_format_without_any_metadata(tmp_path):
    result = make_variants(recipe_for(tmp_path, jpeg_bytes(photo(640, 480))))
    assert not result.problem
    assert (result.width, result.height, result.fallback) == (640, 480, "jpeg")
    assert {fmt: [w for w, _n, _s in v] for fmt, v in result.variants.items()} == {
        "avif": [100, 200, 400],
        "webp": [100, 200, 400],
        "jpeg": [100, 200, 400],
    }
    for name, image in outputs(tmp_path, result).items():
        assert image.format == {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG"}[name.split(".")[-1]]
        assert image.size[1] == round(480 * image.size[0] / 640)
        assert not image.getexif() and "xmp" not in image.info and "icc_profile" not in image.info
        assert not has_private_metadata((tmp_path / "cache" / name).read_bytes()), name


def test_exif_orientation_is_applied_before_resizing(tmp_path):
    # Stored landscape 640×480, but the camera says "rotate 90°": a portrait photo.
    result = make_variants(recipe_for(tmp_path, jpeg_bytes(photo(640, 480), orientation=6)))
    assert (result.width, result.height) == (480, 640)
    assert outputs(tmp_path, result)["k-400.jpg"].size == (400, 533)


def test_iphone_heic_becomes_upright_variants_without_any_metadata(tmp_path):
    # Stored landscape 640×480, turned by irot and EXIF Orientation 6: a portrait photo.
    result = make_variants(
        recipe_for(tmp_path, heic_bytes(photo(640, 480), orientation=6), "IMG_0001.HEIC")
    )
    assert not result.problem, result.detail
    assert (result.width, result.height, result.fallback) == (480, 640, "jpeg")
    images = outputs(tmp_path, result)
    assert sorted(images) == sorted(
        f"k-{width}.{ext}" for width in (100, 200, 400) for ext in ("avif", "webp", "jpg")
    )
    for name, image in images.items():
        assert image.size[1] == round(640 * image.size[0] / 480), name
        exif = image.getexif()
        assert not exif and not exif.get_ifd(0x8825), name  # no EXIF, no GPS
        assert "xmp" not in image.info and "icc_profile" not in image.info, name
        assert not has_private_metadata((tmp_path / "cache" / name).read_bytes()), name
    # Turned the right way (clockwise), not merely to portrait size.
    upright = photo(640, 480).transpose(Image.Transpose.ROTATE_270).resize((400, 533))
    difference = ImageChops.difference(images["k-400.jpg"].convert("RGB"), upright)
    assert max(ImageStat.Stat(difference).mean) < 8


def test_published_original_of_a_heic_is_a_jpeg(tmp_path):
    recipe = recipe_for(tmp_path, heic_bytes(photo(640, 480), orientation=6), "foto.heic")
    result = make_variants(dataclasses.replace(recipe, full_size=True))
    assert result.original[:2] == [480, "k-original.jpg"]
    cleaned = tmp_path / "cache" / "k-original.jpg"
    assert not has_private_metadata(cleaned.read_bytes())
    with Image.open(cleaned) as image:
        assert (image.format, image.size) == ("JPEG", (480, 640))


@pytest.mark.parametrize(
    "upload, cleaned, published",
    [
        ("images/IMG_0001.HEIC", "k-original.jpg", "images/IMG_0001.jpg"),
        ("images/scan.tif", "k-original.jpg", "images/scan.jpg"),
        ("images/logo.heif", "k-original.png", "images/logo.png"),
        ("images/foto.JPG", "k-original.jpg", "images/foto.JPG"),
        ("images/foto.jfif", "k-original.jpg", "images/foto.jfif"),
        ("images/logo.png", "k-original.png", "images/logo.png"),
    ],
)
def test_a_published_original_is_named_for_its_format(upload, cleaned, published):
    result = Result("k", original=[100, cleaned, 1000])
    assert original_path(Path(upload), result) == Path(published)


def test_never_wider_than_the_source(tmp_path):
    result = make_variants(recipe_for(tmp_path, png_bytes(photo(150, 100)), "klein.png"))
    assert [w for w, _n, _s in result.variants["webp"]] == [100, 150]
    tiny = make_variants(
        recipe_for(tmp_path, png_bytes(Image.new("RGB", (12, 8), "teal")), "winzig.png")
    )
    assert [w for w, _n, _s in tiny.variants["jpeg"]] == [12]


def test_transparency_keeps_alpha_and_falls_back_to_png(tmp_path):
    result = make_variants(recipe_for(tmp_path, transparent_png(), "logo.png"))
    assert result.fallback == "png"
    images = outputs(tmp_path, result)
    assert all("icc_profile" not in image.info for image in images.values())
    assert images["k-200.png"].mode == "RGBA"
    assert images["k-200.webp"].convert("RGBA").getpixel((0, 0))[3] == 0


def test_opaque_alpha_channel_is_treated_as_a_photo(tmp_path):
    result = make_variants(recipe_for(tmp_path, png_bytes(photo(300, 200, "RGBA")), "foto.png"))
    assert result.fallback == "jpeg"


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: jpeg_bytes(photo(300, 200, "CMYK")), "cmyk.jpg"),
        (lambda: png_bytes(photo(300, 200, "L")), "grau.png"),
        (lambda: png_bytes(photo(300, 200).convert("I;16")), "16bit.png"),
        (
            lambda: png_bytes(photo(300, 200).convert("P", palette=Image.Palette.ADAPTIVE)),
            "palette.png",
        ),
        (lambda: jpeg_bytes(photo(300, 200, "L")), "grau.jpg"),
    ],
)
def test_special_modes_become_web_images(tmp_path, make, name):
    result = make_variants(recipe_for(tmp_path, make(), name))
    assert not result.problem, result.detail
    assert all(image.mode in ("RGB", "RGBA", "L") for image in outputs(tmp_path, result).values())


def test_sixteen_bit_greyscale_keeps_its_brightness(tmp_path):
    grey = Image.new("I;16", (200, 100), 32768)  # half of 65535
    result = make_variants(recipe_for(tmp_path, png_bytes(grey), "16bit.png"))
    pixel = outputs(tmp_path, result)["k-100.jpg"].convert("L").getpixel((10, 10))
    assert 120 <= pixel <= 135


def test_animated_gif_is_passed_through_with_its_size(tmp_path):
    result = make_variants(recipe_for(tmp_path, animated_gif(), "tanz.gif"))
    assert result.passthrough and (result.width, result.height) == (120, 80)
    assert result.variants == {} and result.original[1].endswith(".gif")


def test_truncated_file_is_reported_not_raised(tmp_path):
    data = jpeg_bytes(photo(640, 480))
    result = make_variants(recipe_for(tmp_path, data[: len(data) // 2]))
    assert result.problem == "corrupt"


def test_non_image_is_unsupported(tmp_path):
    result = make_variants(recipe_for(tmp_path, b"%PDF-1.4 kein Bild", "datei.jpg"))
    assert result.problem == "unsupported"


def test_too_many_pixels_is_refused(tmp_path):
    result = make_variants(
        recipe_for(tmp_path, png_bytes(photo(400, 300)), "riesig.png", max_pixels=100_000)
    )
    assert result.problem == "too-large"


def test_picture_markup_has_sources_size_and_alt():
    result = make_variants.__globals__["Result"](
        "k",
        1600,
        1200,
        "jpeg",
        {
            fmt: [[480, f"k-480.{ext}", 1], [800, f"k-800.{ext}", 1]]
            for fmt, ext in (("avif", "avif"), ("webp", "webp"), ("jpeg", "jpg"))
        },
    )
    html = picture(
        result,
        ("avif", "webp"),
        lambda name: f"/bilder/{name}",
        'Tisch & "Stühle"',
        "100vw",
        eager=False,
        attrs={"class": "x", "onclick": "evil()"},
    )
    assert html == (
        '<picture><source type="image/avif" srcset="/bilder/k-480.avif 480w, /bilder/k-800.avif 800w" '
        'sizes="100vw"><source type="image/webp" srcset="/bilder/k-480.webp 480w, '
        '/bilder/k-800.webp 800w" sizes="100vw"><img src="/bilder/k-800.jpg" '
        'srcset="/bilder/k-480.jpg 480w, /bilder/k-800.jpg 800w" sizes="100vw" width="800" '
        'height="600" alt="Tisch &amp; &quot;Stühle&quot;" loading="lazy" decoding="async" '
        'class="x"></picture>'
    )
    assert 'fetchpriority="high"' in picture(result, ("webp",), str, "", "100vw", eager=True)
    with pytest.raises(ValueError):
        picture(result, ("webp",), str, None, "100vw")


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg">'
        "alert(1)</s:script></svg>",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="&#106;avascript:alert(1)"><rect/></a></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpeg;base64,AAAA"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/a.png"/></svg>',
    ],
)
def test_svg_with_scripts_or_outside_references_is_refused(svg):
    assert inspect_svg(svg.encode("utf-16")).problem == "script"


def test_svg_is_published_without_metadata_and_with_its_size():
    svg = inspect_svg(
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/'
        b'namespaces/inkscape" width="40" height="20" inkscape:version="1.3"><metadata>Anna Privat, '
        b"Musterweg 5</metadata><!-- Notiz --><text>Wir sind online = erreichbar</text>"
        b'<use href="#a"/></svg>'
    )
    assert (svg.problem, svg.width, svg.height) == ("", 40, 20)
    assert b"Musterweg" not in svg.cleaned and b"inkscape" not in svg.cleaned
    assert b"Notiz" not in svg.cleaned and b"online = erreichbar" in svg.cleaned
    box = inspect_svg(b'<svg viewBox="0 0 300 150"/>')
    assert (box.width, box.height) == (300, 150)
    assert inspect_svg(b"<svg><kaputt></svg>").problem == "corrupt"


def test_animated_gif_is_re_saved_without_its_comment(tmp_path):
    gif = io.BytesIO()
    frames = [Image.new("RGB", (40, 30), color) for color in ("red", "blue")]
    frames[0].save(
        gif,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=200,
        comment=b"Aufnahmeort: Musterweg 5",
    )
    result = make_variants(recipe_for(tmp_path, gif.getvalue(), "tanz.gif"))
    cleaned = (tmp_path / "cache" / result.original[1]).read_bytes()
    assert b"Musterweg" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.n_frames == 2 and image.size == (40, 30)


def test_a_very_long_screenshot_gets_no_webp_beyond_its_limit(tmp_path):
    result = make_variants(
        recipe_for(
            tmp_path,
            png_bytes(Image.new("RGB", (300, 17000), "white")),
            "lang.png",
            widths=(100, 300),
            max_pixels=10**9,
        )
    )
    assert not result.problem, result.detail
    assert [w for w, _n, _s in result.variants["webp"]] == [100]
    assert [w for w, _n, _s in result.variants["avif"]] == [100, 300]


@pytest.mark.parametrize(
    "html",
    [
        '<p><IMG src="../images/foto.jpg" alt="Fest"></p>',
        '<p><a href="/images/plakat.PNG">Plakat</a></p>',
        '<p><a href="/images/plakat.pn&#103;">Plakat</a></p>',
    ],
)
def test_every_text_with_an_image_or_a_link_to_one_is_tokenised(html):
    tags, links = img_and_link_tags(html)
    assert may_show_images(html) and len(tags) + len(links) == 1


def test_a_text_without_any_image_needs_no_tokenising():
    assert not may_show_images('<h2 id="fest">Fest</h2><p><a href="/kontakt/">Kontakt</a></p>')
