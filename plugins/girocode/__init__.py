"""girocode: the bank details for donations (content/verein.toml, [spenden]).

- checks IBAN and BIC when the site is built (schwifty); a wrong one is a German finding
  at its line of verein.toml, which stops the production build;
- gives the templates GIROCODE: the account's rows for the Spenden page (`Layout: donate`)
  and its GiroCode, or what is still missing for one;
- writes the GiroCode (EPC QR code for banking apps) as an SVG file beside the pages.
"""

from pelican import signals

from .plugin import configure, note_pages, write_code


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(note_pages)
    signals.finalized.connect(write_code)
