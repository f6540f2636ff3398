from sitekit.settings import Option, read_options

OPTIONS = {
    # True in publishconf.py: any error fails the build.
    "A11Y_CHECK_STRICT": Option(False, bool, "True or False"),
    # JSON and German HTML report for reviewers; outside output/, never published.
    "A11Y_CHECK_REPORT_DIR": Option("reports/a11y", str, "a folder"),
    # German language hints (warnings): longest sentence, lowest readability score
    # (Amstad's Flesch reading ease for German: below 30 is "sehr schwer").
    "A11Y_CHECK_MAX_SENTENCE_WORDS": Option(25, int, "a number of words"),
    "A11Y_CHECK_MIN_READABILITY": Option(30, int, "a score from 0 to 100"),
}


def read(settings):
    return read_options(settings, "A11Y_CHECK_", OPTIONS)
