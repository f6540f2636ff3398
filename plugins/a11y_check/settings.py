"""A11Y_CHECK_* settings, declared once (sitekit.settings validates them)."""

from sitekit.settings import Folder, Number, declare

OPTIONS = {
    # JSON and German HTML report for reviewers; outside output/, never published.
    "A11Y_CHECK_REPORT_DIR": Folder("reports/a11y"),
    # A quickly read copy of the hyphenation dictionary (readability hint); git-ignored.
    "A11Y_CHECK_CACHE_DIR": Folder("cache/a11y"),
    # German language hints (warnings): longest sentence, lowest readability score
    # (Amstad's Flesch reading ease for German: below 30 is "sehr schwer").
    "A11Y_CHECK_MAX_SENTENCE_WORDS": Number(25, 1),
    # (The score can fall below 0 for very hard texts; -100 switches the hint off.)
    "A11Y_CHECK_MIN_READABILITY": Number(30, -100, 100),
}

read = declare("a11y_check", "A11Y_CHECK_", OPTIONS)
