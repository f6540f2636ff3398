"""CARDS_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Folder, declare

OPTIONS = {
    # Finished cards, outside output/ (git-ignored; CI may restore it), like the photos'
    # variants. A relative path is relative to the current folder; pelicanconf.py sets an
    # absolute one. Only files the cards made themselves are ever deleted there.
    "CARDS_CACHE_DIR": Folder("cache/cards"),
}

read = declare("cards", "CARDS_", OPTIONS)
