"""image_optimizer: every image on every page becomes a responsive, private <picture>.

AVIF and WebP variants plus a JPEG/PNG fallback in several widths, with width and
height, lazy loading, and no EXIF/GPS left. Variants are cached by content hash
outside output/ and made in a process pool. Problems are reported in German.
"""

from pelican import signals

from .plugin import configure, optimize


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(optimize)
