"""a11y_check's rules on fixture pages, and measured against axe-core in Chromium."""

import functools
import http.server
import json
import threading

import lxml.html
import pytest
from a11y_cases import CASES
from browser import open_page, run_axe

from a11y_check.contrast import pairs, ratio, schemes, weak_pairs
from a11y_check.plugin import contrast_findings
from a11y_check.rules import Page, check_page, check_prose, readability, syllables
from sitekit.german import ERROR

# axe rule -> our rule, for every axe rule a static check can decide on these pages.
COMPARED = {
    "image-alt": "img-alt",
    "link-name": "link-name",
    "heading-order": "heading-order",
    "html-has-lang": "html-lang",
    "html-lang-valid": "html-lang",
    "valid-lang": "lang-valid",
    "document-title": "document-title",
    "frame-title": "frame-title",
    "label": "form-label",
    "meta-viewport": "meta-viewport",
    "meta-refresh": "meta-refresh",
    "tabindex": "tabindex",
    "aria-roles": "aria-role",
    "aria-valid-attr": "aria-attr",
    "empty-heading": "heading-empty",
    "page-has-heading-one": "heading-h1",
    "landmark-one-main": "landmark-main",
    "video-caption": "video-captions",
}

# The same element in lxml and in the browser: tag and position among same-tag siblings.
PATH_JS = """selector => {
  let element = document.querySelector(selector), parts = [];
  for (; element && element.parentElement; element = element.parentElement) {
    const same = [...element.parentElement.children].filter(e => e.tagName === element.tagName);
    parts.unshift(element.tagName.toLowerCase() + "[" + same.indexOf(element) + "]");
  }
  return parts.join("/");
}"""


def path_of(element):
    if element is None or element.getparent() is None:
        return "html"
    parts = []
    while element is not None and element.getparent() is not None:
        parent = element.getparent()
        same = [e for e in parent if e.tag == element.tag]
        parts.insert(0, f"{element.tag}[{same.index(element)}]")
        element = parent
    return "/".join(parts)


def hits(html):
    return list(check_page(Page(lxml.html.document_fromstring(html))))


@pytest.mark.parametrize("name", CASES)
def test_each_rule_fires_where_it_should_and_nowhere_else(name):
    expected, html = CASES[name]
    assert {hit.rule for hit in hits(html)} == expected


def test_german_language_hints_on_the_authors_text():
    text = (
        "<div><p>Wir suchen Helfer:innen und Kolleg_innen.</p><p>" + "Wort " * 30 + "Ende.</p>"
        '<p style="color:#f00">Rot</p></div>'
    )
    found = {hit.rule: hit.values for hit in check_prose(lxml.html.fromstring(text), 25, 30)}
    assert set(found) == {"gender-form", "long-sentence", "inline-color"}
    assert found["long-sentence"]["words"] == 31
    assert not list(
        check_prose(lxml.html.fromstring("<div><p>Wir suchen Helfer*innen.</p></div>"), 25, 30)
    )


def test_readability_separates_plain_from_convoluted_german():
    plain = "Wir treffen uns im Büro. Alle sind willkommen. Es gibt Kaffee. " * 10
    hard = (
        "Die Berücksichtigung organisationsübergreifender Kommunikationsanforderungen "
        "erfordert kontinuierliche Verbesserungsmaßnahmen hinsichtlich Dokumentation. "
    ) * 15
    assert readability(plain) > 60 > 30 > readability(hard)
    assert readability("Zu kurz.") is None


@pytest.mark.parametrize(
    "word, count",
    [
        ("aber", 2),
        ("Zeit", 1),
        ("Büro", 2),
        ("Verstärkung", 3),
        ("Mitgliederversammlung", 6),
        ("Kaffee", 2),
        ("Straße", 2),
    ],
)
def test_syllables_come_from_the_german_hyphenation_dictionary(word, count):
    assert syllables(word) == count


def test_contrast_of_the_theme_colours():
    assert round(ratio("#ffffff", "#000000"), 1) == 21.0
    css = (
        ":root { --bl-text: #777777; --bl-bg: #ffffff; }\n"
        "@media (prefers-color-scheme: dark) { :root { --bl-text: #eeeeee; --bl-bg: #111111; } }"
    )
    assert schemes(css)["dunkel"]["--bl-bg"] == ("#111111", 2)
    assert weak_pairs(css) == [("hell", "--bl-text", "--bl-bg", 4.48, 4.5, 1)]
    unchanged_in_the_dark = css.split("@media")[0]
    assert weak_pairs(unchanged_in_the_dark)[0][0] == "beide"


def test_contrast_pairs_follow_the_token_names():
    css = """:root {
  --bl-bg: #fbf7f0;
  --bl-surface: #ffffff;
  --bl-hue-gelb-text: #c9a200;
  --bl-hue-gelb-tint: #fff2c2;
  --bl-hue-gelb-fill: #ffd23f;
  --bl-hue-gelb-fill-text: #1f1a24;
  --bl-border: var(--bl-hue-gelb-fill);
  --bl-line: #eeeeee;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bl-bg: #17141c;
    --bl-surface: #221d29;
    --bl-hue-gelb-text: #ffd966;
    --bl-hue-gelb-tint: #353014;
  }
}"""
    assert sorted(
        (scheme, fore, back, line) for scheme, fore, back, _r, _m, line in weak_pairs(css)
    ) == [
        ("hell", "--bl-border", "--bl-bg", 6),  # an alias: the line of the colour it names
        ("hell", "--bl-border", "--bl-surface", 6),
        ("hell", "--bl-hue-gelb-text", "--bl-bg", 4),  # yellow text on the paper
        ("hell", "--bl-hue-gelb-text", "--bl-hue-gelb-tint", 4),
        ("hell", "--bl-hue-gelb-text", "--bl-surface", 4),
    ]  # --bl-line is decoration; the dark scheme and the fill are fine
    # Inset text and notices on a tint hold links and small print: those pairs count too.
    found = pairs(["--bl-link", "--bl-muted", "--bl-hue-gruen-tint", "--bl-notice-bg"])
    assert ("--bl-link", "--bl-hue-gruen-tint", 4.5) in found
    assert ("--bl-muted", "--bl-notice-bg", 4.5) in found


def test_a_weak_pair_is_an_error_at_its_line_in_site_css(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text(
        ":root {\n  --bl-bg: #ffffff;\n  --bl-muted: #999999;\n}\n", encoding="utf-8"
    )
    [finding] = [f.as_finding() for f in contrast_findings(tmp_path)]
    text = finding.render()
    assert finding.severity == ERROR and (finding.path, finding.line) == (
        "theme/static/css/site.css",
        3,
    )
    assert "--bl-muted auf --bl-bg" in text and "2,85:1" in text and "4,5:1" in text
    assert "in der hellen und der dunklen Darstellung" in text


@pytest.fixture(scope="module")
def case_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("a11y-cases")
    for name, (_expected, html) in CASES.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    handler = functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *args: None}),
        directory=str(folder),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.browser
def test_every_element_axe_flags_is_flagged_by_us_too(new_page, case_server, capsys):
    page = new_page()
    flagged_by_axe = matched = 0
    missed = []
    for name, (_expected, html) in CASES.items():
        ours = {(hit.rule, path_of(hit.element)) for hit in hits(html)}
        open_page(page, f"{case_server}/{name}.html")
        result = run_axe(
            page,
            {"runOnly": {"type": "rule", "values": list(COMPARED)}, "resultTypes": ["violations"]},
        )
        for violation in result["violations"]:
            for node in violation["nodes"]:
                path = page.evaluate(PATH_JS, node["target"][0]) or "html"
                flagged_by_axe += 1
                if (
                    (COMPARED[violation["id"]], path) in ours
                    or (COMPARED[violation["id"]], "html") in ours
                    and path in ("html", "body[0]")
                ):
                    matched += 1
                else:
                    missed.append(f"{name}: axe {violation['id']} at {path}")
    with capsys.disabled():
        print(
            f"\naxe agreement: {matched}/{flagged_by_axe} elements axe flags, "
            f"over {len(COMPARED)} rules: {', '.join(sorted(COMPARED))}"
        )
    assert flagged_by_axe >= 15
    assert not missed, "\n".join(missed)


def test_the_hyphenation_dictionary_is_read_from_a_quick_copy(tmp_path, monkeypatch):
    """The first build writes a JSON copy of the dictionary's patterns; later builds read
    it (0.05 s instead of 0.9 s) and count the same syllables. A damaged copy is replaced."""
    import pyphen

    from a11y_check import rules

    def fresh():
        monkeypatch.setattr(pyphen, "hdcache", {})
        rules._hyphenator.cache_clear()
        rules.syllables.cache_clear()

    fresh()
    rules.prepare_hyphenation(tmp_path)
    (copy,) = tmp_path.glob("hyph_de_DE-*.json")
    parsed = [syllables(word) for word in ("aber", "Mitgliederversammlung", "Straße")]
    fresh()
    rules.prepare_hyphenation(tmp_path)
    assert [syllables(word) for word in ("aber", "Mitgliederversammlung", "Straße")] == parsed
    copy.write_text("{kaputt")
    fresh()
    rules.prepare_hyphenation(tmp_path)
    assert syllables("Verstärkung") == 3
    assert len(json.loads(copy.read_text())) > 10_000  # rewritten whole
    fresh()
