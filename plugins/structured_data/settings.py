"""STRUCTURED_DATA_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Text, declare

OPTIONS = {
    # The association's logo in JSON-LD (NGO and every Article's publisher), below the
    # theme's static folder. For now the site's icon; a later design may name its own.
    "STRUCTURED_DATA_LOGO": Text("img/favicon.svg"),
}

read = declare("structured_data", "STRUCTURED_DATA_", OPTIONS)
