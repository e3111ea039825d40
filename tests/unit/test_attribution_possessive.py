"""A speech noun with a possessor frames a clause ("In Kask's view, the plan fails"): the
possessor is the source; sentences written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.possessive import possessive_accounts
from propscope.article import Span


def _one(sentence: str, taken=()):
    got = possessive_accounts(sentence, [Span(0, len(sentence), "sentence")], list(taken))
    return [([sentence[a:b] for a, b in c], sentence[cue[0] : cue[1]], sentence[src[0] : src[1]])
            for c, cue, src in got]


@pytest.mark.parametrize("sentence, content, source", [
    ("In Mayor Kask's telling, the harbour talks went very well.", ["the harbour talks went very well"],
     "Mayor Kask"),
    ("By Lind's account, the board meeting was short and tense.", ["the board meeting was short and tense"], "Lind"),
    ("But in their view, the new levy cannot pass the council.", ["the new levy cannot pass the council"], "their"),
    ("The levy has failed every test so far, in Professor Vask's view.", ["The levy has failed every test so far"],
     "Professor Vask"),
    ("The only other step, in Sepp's view, would be a second vote.", ["The only other step", "would be a second vote"],
     "Sepp"),
    ("She backed him because, in her words, the port needs a leader.", ["the port needs a leader"], "her"),
])
def test_attribution_possessive_a_set_off_phrase_frames_its_clause(sentence, content, source):
    assert [(c, s) for c, _, s in _one(sentence)] == [(content, source)]


@pytest.mark.parametrize("sentence", [
    "The leak resulted in her account being suspended for a week.",  # an account, not a telling
    "He was less positive in his estimation of the market's strength.",  # no clause set off
    "In her eyes, the harbour looked calm and empty that night.",  # a look, not a view
    "In his view, yes.",  # nothing said
])
def test_attribution_possessive_no_frame(sentence):
    assert _one(sentence) == []


def test_attribution_possessive_not_over_an_attribution():
    sentence = "In Kask's view, the harbour plan cannot work without money."
    i = sentence.index("the harbour")
    assert _one(sentence, taken=[(i, i + 10)]) == []


@pytest.mark.parametrize("sentence", [
    "Voters in the county clearly believed in her judgment.",  # sentence-final, not set off: an object
    "Reporters asked about the motives behind the vote for, in his view, a harbour levy.",  # no short subject
])
def test_attribution_possessive_an_object_or_a_long_clause_before_is_no_content(sentence):
    got = _one(sentence)
    assert all("Reporters" not in piece for c, _, _ in got for piece in c), got
    if "judgment" in sentence:
        assert got == []
