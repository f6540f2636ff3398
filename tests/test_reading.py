"""Reading time, an interview's questions and its intro: pure functions on small HTML."""

import pytest

from association.contacts import first_email, mailto
from association.plugin import pull_quotes
from sitekit.german import reading_time
from sitekit.html import split_before, wrap
from sitekit.reading import WORDS_PER_MINUTE, Heading, headings, reading_minutes, word_count


def test_words_are_counted_in_the_text_not_in_tags_scripts_or_styles():
    html = (
        '<p class="lead">Drei kleine Wörter</p><table><tr><td>eins</td><td>zwei</td></tr></table>'
        "<script>var a = 1;</script><style>p { color: red }</style>"
    )
    assert word_count(html) == 5
    assert word_count("") == 0


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (WORDS_PER_MINUTE, 1), (WORDS_PER_MINUTE + 1, 2), (636, 4)],
)
def test_reading_minutes_are_rounded_up_and_at_least_one(words, minutes):
    assert reading_minutes("<p>" + "Wort " * words + "</p>") == minutes


def test_reading_time_in_german():
    assert reading_time(1) == "etwa 1 Minute"
    assert reading_time(6) == "etwa 6 Minuten"


def test_headings_of_one_level_with_their_id_and_text():
    html = (
        '<h2 id="was">Was macht eine <em>IT-Gruppe</em>?</h2><p>Antwort</p>'
        "<h3 id='x'>Nicht diese</h3><h2>Ohne\n  id</h2>"
    )
    assert headings(html) == [Heading("was", "Was macht eine IT-Gruppe?"), Heading("", "Ohne id")]
    assert headings(html, "h3") == [Heading("x", "Nicht diese")]


def test_split_before_the_first_question():
    html = '<p>Einleitung</p>\n<h2 id="a">Frage?</h2><p>Antwort</p><h2 id="b">Noch eine?</h2>'
    assert split_before(html, "h2") == (
        "<p>Einleitung</p>\n",
        '<h2 id="a">Frage?</h2><p>Antwort</p><h2 id="b">Noch eine?</h2>',
    )
    assert split_before("<p>Nur Text</p>", "h2") == ("<p>Nur Text</p>", "")


def test_wrap_puts_markup_around_each_outermost_element_and_keeps_the_rest():
    html = "<p>a</p><blockquote><p>b</p><blockquote>c</blockquote></blockquote ><p>d</p>"
    assert wrap(html, "blockquote", "[", "]") == (
        "<p>a</p>[<blockquote><p>b</p><blockquote>c</blockquote></blockquote >]<p>d</p>"
    )
    assert wrap("<p>ohne</p>", "blockquote", "[", "]") == "<p>ohne</p>"


def test_a_pull_quote_names_who_said_it():
    assert pull_quotes("<blockquote><p>Toll.</p></blockquote>", "Ana & Bo") == (
        '<figure class="bl-quote"><blockquote><p>Toll.</p></blockquote>'
        '<figcaption class="bl-quote__by">– Ana &amp; Bo</figcaption></figure>'
    )


def test_first_email_of_a_contact_and_the_prepared_mail():
    assert first_email("it@example.org oder 0551 1234567") == "it@example.org"
    assert first_email("[[E-Mail-Adresse der IT-Gruppe]]") == ""
    assert mailto(first_email("it@example.org"), "Aufruf: Die IT-Gruppe sucht Verstärkung") == (
        "mailto:it@example.org?subject=Aufruf%3A%20Die%20IT-Gruppe%20sucht%20Verst%C3%A4rkung"
    )
