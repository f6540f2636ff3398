"""The Pillow floor: the same variants as image_optimizer, with nothing else around them.

Draft decoding, EXIF orientation, each width resized from the next larger one,
AVIF + WebP + JPEG, in a process pool. No Pelican, no cache, no HTML.
"""

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageOps

WIDTHS = (1600, 1200, 800, 480)
QUALITY = {
    "AVIF": {"quality": 55, "speed": 8},
    "WEBP": {"quality": 80, "method": 4},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
}


def variants(job):
    source, target, formats = job
    with Image.open(source) as image:
        if image.format == "JPEG":  # decode no larger than the widest variant needs
            rotated = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            scale = min(1.0, WIDTHS[0] / (image.height if rotated else image.width))
            image.draft("RGB", (int(image.width * scale) + 1, int(image.height * scale) + 1))
        image = ImageOps.exif_transpose(image.convert("RGBA" if image.mode == "RGBA" else "RGB"))
    for width in (w for w in WIDTHS if w <= image.width):
        image = image.resize(
            (width, round(image.height * width / image.width)),
            Image.Resampling.LANCZOS,
            reducing_gap=3.0,
        )
        for fmt in formats:
            fallback = fmt == "JPEG" and image.mode == "RGBA"
            image.save(
                Path(target) / f"{Path(source).stem}-{width}.{fmt.lower()}",
                "PNG" if fallback else fmt,
                **({} if fallback else QUALITY[fmt]),
            )


def run(sources, target, workers, formats=("AVIF", "WEBP", "JPEG")):
    Path(target).mkdir(parents=True, exist_ok=True)
    jobs = [(str(source), str(target), formats) for source in sources]
    if workers == 1:
        list(map(variants, jobs))
    else:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(variants, jobs))


if __name__ == "__main__":
    images = sorted(Path(sys.argv[1]).glob("*.*"))
    run(images, sys.argv[2], int(sys.argv[3]), tuple(sys.argv[4].split(",")))
