"""cards: the image a shared link to a page shows (og:image), for every written page.

- a page with a photo of at least 1200×630 (its `Image:` or first described photo, from
  image_optimizer) is shared with that photo's 1200-px variant;
- any other page gets a card drawn with Pillow: its title in the site's font on the site's
  colours (both read from theme/static/css/site.css) and the association's name, 1200×630
  (for link previews only: lists draw such a page's card with CSS);
- cards are cached by content (title, name, colours, fonts), so a warm build draws none;
- templates get `sharing_image(page)`: url, width, height, alt and type of that image (the
  site's own card for pages without a text, e.g. the lists).
"""

from pelican import signals

from .plugin import configure, make_cards


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(make_cards)
