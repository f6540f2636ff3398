"""German messages for image problems: (what is wrong, how to fix it)."""

MISSING = (
    "Das Bild „{src}“ gibt es nicht (gesucht: {looked}).",
    "Den Dateinamen prüfen (Groß- und Kleinschreibung zählen) oder das Bild nach "
    "content/images/ legen und so einbinden: ![Beschreibung](../images/name.jpg)",
)
REMOTE = (
    "Das Bild „{src}“ wird von einem fremden Server geladen. Das verrät diesem Server die "
    "IP-Adresse jeder Besucherin und jedes Besuchers (Datenschutz, DSGVO).",
    "Das Bild (mit Erlaubnis) herunterladen, nach content/images/ legen und von dort "
    "einbinden: ![Beschreibung](../images/name.jpg)",
)
OUTSIDE = (
    "Das Bild „{src}“ liegt außerhalb des Ordners content/ und kann nicht veröffentlicht werden.",
    "Das Bild nach content/images/ kopieren und von dort einbinden: "
    "![Beschreibung](../images/name.jpg)",
)
SVG_SCRIPT = (
    "Die SVG-Grafik „{src}“ enthält Skripte, Ereignis-Attribute (z. B. onload) oder "
    "Verweise nach außen und wird deshalb nicht veröffentlicht.",
    "Die Grafik ohne Skripte speichern, z. B. in Inkscape als „Optimiertes SVG“, "
    "oder als PNG exportieren.",
)
SVG_PROBLEMS = {
    "script": SVG_SCRIPT,
    "corrupt": (
        "Die SVG-Grafik „{src}“ ist beschädigt (kein gültiges SVG).",
        "Die Grafik im Zeichenprogramm neu als SVG speichern oder als PNG exportieren.",
    ),
}
NO_ALT = (
    "Das Bild „{src}“ hat keinen Alternativtext.",
    "Beschreiben, was auf dem Bild zu sehen ist: ![Drei Menschen am Tisch]({src}). Nur für "
    "reine Schmuckbilder bleibt die Beschreibung leer: ![]({src}).",
)
NO_ALT_FOR_METADATA = (
    "Zum Bild „{src}“ in „Image:“ fehlt die Angabe „Image_alt:“.",
    "Unter der Zeile „Image:“ diese Zeile einfügen und beschreiben, was zu sehen ist:",
)
NO_CREDIT = (
    "Für das Bild „{src}“ {missing} in {credits_file}.",
    "In {credits_file} {where}:",
)
PROBLEMS = {
    "unsupported": (
        "Das Bild „{src}“ hat ein Format, das die Website nicht verarbeiten kann.",
        "Das Bild als JPEG oder PNG speichern (im Bildprogramm „Exportieren“ oder "
        "„Speichern unter“) und diese Datei einbinden.",
    ),
    "corrupt": (
        "Das Bild „{src}“ ist beschädigt oder unvollständig ({detail}).",
        "Das Bild noch einmal vom Handy oder der Kamera kopieren bzw. neu exportieren.",
    ),
    "too-large": (
        "Das Bild „{src}“ hat zu viele Pixel (erlaubt sind höchstens {limit} Mio. Pixel).",
        "Das Bild vorher verkleinern, z. B. auf 4000 Pixel Breite.",
    ),
}
LEFT_AS_IS = " Die Stelle bleibt unverändert, bis das behoben ist."
