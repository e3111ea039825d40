"""A phrase that opens the sentence before the source is no content: "During the hearing, Kask
told the panel he …" reports the clause after the cue; sentences written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.analyzer import _content_for_cue
from propscope.article import Span


def _content(sentence: str, source: str, cue: str) -> list[str]:
    s, c = sentence.index(source), sentence.index(cue, sentence.index(source))
    got = _content_for_cue(sentence, (c, c + len(cue)), (s, s + len(source)), [Span(0, len(sentence), "sentence")],
                           [0], [])
    return [sentence[a:b] for a, b in got]


@pytest.mark.parametrize("sentence, source, cue, content", [
    ("During the hearing, Kask repeatedly told the panel he had never seen the ledger.", "Kask", "repeatedly told",
     "the panel he had never seen the ledger"),
    ("As for the missing boats in the harbour, Lind told the court there were more of them.", "Lind", "told",
     "the court there were more of them"),
])
def test_attribution_fronted_a_phrase_before_the_source_is_not_what_was_said(sentence, source, cue, content):
    assert _content(sentence, source, cue) == [content]


@pytest.mark.parametrize("sentence, source, cue, content", [
    # a clause before the comma is what was said, even when it opens with a preposition
    ("At that distance, the driver had ten seconds to stop, Sepp said.", "Sepp", "said",
     "At that distance, the driver had ten seconds to stop"),
    ("In 2016 the harbour lost money, Ilves said on Monday at the meeting.", "Ilves", "said",
     "In 2016 the harbour lost money"),
    ("The levy will fail in the council, Kask told reporters.", "Kask", "told", "The levy will fail in the council"),
])
def test_attribution_fronted_a_clause_before_the_source_stays(sentence, source, cue, content):
    assert _content(sentence, source, cue) == [content]
