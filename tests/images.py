"""Small generated images for tests: photo-like, with EXIF and GPS, rotated, transparent…"""

import io

import pillow_heif
from PIL import Image, ImageCms, ImageDraw

# A colour profile, as phones embed one (Display P3 there; sRGB here).
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

GPS_LATITUDE = (51.0, 32.0, 12.34)  # Göttingen-ish: must never be published


def photo(width=640, height=480, mode="RGB"):
    """A picture with gradients and shapes, so encoders have real work."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 4, height // 4, width // 2, height // 2), fill=(200, 40, 90))
    draw.rectangle((width // 2, height // 3, width - 10, height - 10), fill=(30, 120, 200))
    return image.convert(mode)


def phone_photo(width=4032, height=3024):
    """A picture as big as a phone camera takes it, with sensor-like grain: as hard to
    compress as a real photo (photo() alone shrinks to almost nothing)."""
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    return Image.blend(photo(width, height), grain, 0.25)


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = "Handyhersteller"  # Make
    exif[0x0110] = "Telefon 12"  # Model
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (9.0, 56.0, 0.0)}  # GPS IFD
    return exif


def jpeg_bytes(image=None, orientation=1, **options):
    buffer = io.BytesIO()
    (image or photo()).save(
        buffer,
        "JPEG",
        exif=exif_with_gps(orientation),
        xmp=b"<x:xmpmeta>Aufnahmeort</x:xmpmeta>",
        icc_profile=ICC,
        quality=90,
        **options,
    )
    return buffer.getvalue()


def heic_bytes(image=None, orientation=1):
    """A photo as an iPhone stores it: HEIC with EXIF (camera, GPS), XMP and a colour profile;
    for a portrait the pixels lie sideways, with a rotation (irot) and EXIF Orientation 6.
    Written with pillow_heif's own API: the test process never registers it with Pillow."""
    image = image or photo()
    heif = pillow_heif.from_bytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    heif.save(
        buffer,
        quality=90,
        exif=exif_with_gps(orientation).tobytes(),  # bytes: the encoder adds irot from them
        xmp=b"<x:xmpmeta>Aufnahmeort</x:xmpmeta>",
        icc_profile=ICC,
    )
    return buffer.getvalue()


def png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def transparent_png(width=300, height=200):
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((20, 20, width - 20, height - 20), fill=(255, 140, 0, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", icc_profile=ICC)
    return buffer.getvalue()


def animated_gif(width=120, height=80):
    frames = [Image.new("RGB", (width, height), color) for color in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def has_private_metadata(data):
    """True if the bytes still carry EXIF, GPS, XMP or the camera's name."""
    return any(
        marker in data
        for marker in (
            b"Exif\x00",
            b"GPS",
            b"xmpmeta",
            b"Handyhersteller",
            b"Telefon 12",
            b"Aufnahmeort",
        )
    )
