"""Addresses, heading anchors and file names: plain ASCII, umlauts spelled out (sitekit.slugs)."""

import string

import markdown
import pytest
from pelican.settings import DEFAULT_CONFIG
from support import build, make_site, slugifier, soup

import pelicanconf
from sitekit.slugs import TRANSLITERATION, heading_id, slug

# Pelican's own slugify with the site's settings: what it does wherever it slugifies itself.
SLUG = slugifier(
    {
        "SLUG_REGEX_SUBSTITUTIONS": pelicanconf.SLUG_REGEX_SUBSTITUTIONS,
        "SLUGIFY_USE_UNICODE": pelicanconf.SLUGIFY_USE_UNICODE,
    }
)


@pytest.mark.parametrize(
    "title, slug_",
    [
        # Addresses the site already has stay as they are.
        ("Die IT-Gruppe sucht Verstärkung", "die-it-gruppe-sucht-verstaerkung"),
        ("Interview mit Stephan über die IT-Gruppe", "interview-mit-stephan-ueber-die-it-gruppe"),
        ("Wir suchen Kuchenbäcker*innen", "wir-suchen-kuchenbaeckerinnen"),
        ("Café – Kuchen & „Musik“!", "cafe-kuchen-musik"),
        ("  Sommerfest   2027  ", "sommerfest-2027"),
        ("ABC xyz 0-9 i I s S k K", "abc-xyz-0-9-i-i-s-s-k-k"),
        # German letters the German way, in both cases.
        ("Interview mit Aylin über das Nähcafé", "interview-mit-aylin-ueber-das-naehcafe"),
        ("ÄÖÜ äöü Große Straße GROẞ", "aeoeue-aeoeue-grosse-strasse-gross"),
        # Other European letters without their marks.
        ("Crème brûlée à la française", "creme-brulee-a-la-francaise"),
        ("Łódź und Kraków", "lodz-und-krakow"),
        ("Smørrebrød på Ærø", "smorrebrod-pa-aero"),
        ("Œuvre complète", "oeuvre-complete"),
        ("Señora Muñoz", "senora-munoz"),
        ("Šťastný nový rok", "stastny-novy-rok"),
        ("Dağ, ılık, İstanbul, şeker", "dag-ilik-istanbul-seker"),
        ("Română: știință", "romana-stiinta"),
        ("Þórshöfn", "thorshoefn"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Ελλάδα", "ellada"),
        ("Київ", "kiyiv"),
        # Letters of other scripts are left out; a title of only those has no address.
        ("東京 Treffen", "treffen"),
        ("🎉", ""),
    ],
)
def test_addresses_are_ascii_with_umlauts_spelled_out(title, slug_):
    assert SLUG(title) == slug_
    assert slug(title) == slug_  # the one-pass rule of the plugins and `make new` agrees


def test_ascii_titles_keep_the_address_pelican_gives_them():
    pelican_default = slugifier(DEFAULT_CONFIG)
    for title in (
        string.printable,
        "Sommerfest 2027: Kuchen & Musik!",
        "  a_b -- c  ",
        "<b>A</b> &amp; B",
    ):
        assert SLUG(title) == pelican_default(title) == slug(title)


def test_addresses_and_anchors_spell_every_letter_alike():
    assert len(TRANSLITERATION) > 500
    for letter, spelled in TRANSLITERATION.items():
        assert spelled.isascii() and spelled.isalpha() and spelled.islower(), letter
        assert SLUG(f"a {letter}") == f"a-{spelled}", letter
        assert slug(f"a {letter.upper()}") == SLUG(f"a {letter.upper()}"), letter
        assert heading_id(f"a {letter}", "-") == f"a-{spelled}", letter


@pytest.mark.parametrize(
    "heading, anchor",
    [
        ("Über ł und é", "ueber-l-und-e"),
        ("Welche Fähigkeiten brauchst du?", "welche-faehigkeiten-brauchst-du"),
        ("Das `<main>`-Element", "das-main-element"),
        ("Straße & Ærø", "strasse-aero"),
    ],
)
def test_heading_anchors_are_ascii(heading, anchor):
    config = pelicanconf.MARKDOWN
    md = markdown.Markdown(extensions=list(config["extension_configs"]), **config)
    assert f'<h2 id="{anchor}">' in md.convert(f"## {heading}")


def test_the_built_site_has_ascii_addresses(tmp_path):
    content = make_site(
        tmp_path,
        {
            "neuigkeiten/cafe.md": """\
                Title: Café-Abend mit Łukasz
                Date: 2026-07-01
                Layout: news
                Tags: Nähcafé, Smørrebrød

                ## Über ł und é

                Kommt vorbei.
                """
        },
    )
    output = build(content)
    article = soup(output, "cafe-abend-mit-lukasz/index.html")
    assert article.find("h2", id="ueber-l-und-e")
    tags = {a.get_text(): a["href"] for a in article.select(".bl-article__tags a")}
    assert tags == {"Nähcafé": "/schlagwort/naehcafe/", "Smørrebrød": "/schlagwort/smorrebrod/"}
    assert (output / "schlagwort/naehcafe/index.html").is_file()
    assert (output / "schlagwort/smorrebrod/index.html").is_file()
    assert all(path.as_posix().isascii() for path in output.rglob("*"))
