"""Quoted words nobody says: a work's title and the "it" of "it's all about"; texts written for
these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.analyzer import Found, _without_title
from propscope.analyzers.attribution.titles import determiner_source, expletive_source, is_work_title


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


@pytest.mark.parametrize(("text", "quote", "title"), [
    ('It is all about her new book, "The Harbour Plot: How They Sold the Coast."', '"The Harbour', True),
    ('He had posted "Five Steps to Win the Port Vote," which drew replies.', '"Five Steps', True),
    ('Her column, titled \u201cWhy the Levy Matters Now,\u201d drew thousands of comments.', '\u201cWhy', True),
    ('The senator said "We Will Not Back Down" at the rally.', '"We Will', False),  # a slogan said
    ('Critics called it "Levy Derangement Syndrome" at once.', '"Levy', False),  # a label in their voice
    ('In his new book, "the port was sold for nothing," he wrote.', '"the port', False),  # a sentence
])
def test_a_quoted_title_after_a_work_word_is_no_quote(text, quote, title):
    start = text.index(quote)
    assert is_work_title(text, (start, len(text))) is title


def test_the_title_before_a_quotation_from_the_work_is_cut_from_the_content():
    text = 'Roe wrote in the book "The Harbour Plot," "In fact the port was sold for nothing."'
    f = Found([(text.index('"The'), len(text))], _span(text, "wrote"), _span(text, "Roe"))
    cut = _without_title(text, f)
    assert cut is not None  # the quotation from the work stays
    assert text[cut.content[0][0]:cut.content[-1][1]] == '"In fact the port was sold for nothing."'
    alone = 'Roe had posted "Five Steps to Win the Port Vote," last week.'
    g = Found([(alone.index('"Five'), alone.index(" last"))], _span(alone, "had posted"), _span(alone, "Roe"))
    assert _without_title(alone, g) is None  # a title is all it quotes


@pytest.mark.parametrize(("text", "cue", "expletive"), [
    ("It's all about the harbour levy, and the mayor knows it.", "'s all about", True),
    ("It seems the platforms are silencing small outlets.", "seems", True),
    ("It said the levy would pass.", "said", False),  # an antecedent (a body) speaking
])
def test_the_it_of_a_copula_is_no_source(text, cue, expletive):
    assert expletive_source(text, (0, 2), _span(text, cue)) is expletive


@pytest.mark.parametrize(("text", "source", "cue", "noun"), [
    ("The claims came a week after the vote.", "The", "claims", True),
    ("A warning came from the port board.", "A", "warning", True),
    ("Her message is simple: sell the port.", "Her", "message", False),  # the possessor speaks
    ("These show that the port is losing money.", "These", "show", False),  # a pronoun: the documents
    ("The senator claims the vote was rigged.", "The senator", "claims", False),  # a real source
    ("Lind claims the vote was rigged.", "Lind", "claims", False),
    ("She claims the vote was rigged.", "She", "claims", False),
])
def test_a_determiner_before_a_speech_word_is_no_source(text, source, cue, noun):
    assert determiner_source(text, _span(text, source), _span(text, cue)) is noun
