"""A named person's account of someone else's words ("According to Gibson, Major said …"): the
witness is quoted on the whole clause, the inner speaker on the words; texts written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.analyzer import Found, _speaker_under_according_to
from propscope.analyzers.attribution.witness import subject_after_witness, witness_account
from propscope.article import Span


def _find(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _people(text: str, *names: str) -> list[Span]:
    return sorted((Span(*_find(text, n), "PERSON") for n in names), key=lambda m: m.start)


def _account(text: str, content: list[str], cue: str, source: str,
             mentions: list[Span]) -> tuple[list[str], str, str] | None:
    hit = witness_account(text, [_find(text, c) for c in content], _find(text, cue), _find(text, source), mentions,
                          (0, len(text)))
    if hit is None:
        return None
    pieces, (c0, c1), (s0, s1) = hit
    return [text[a:b] for a, b in pieces], text[c0:c1], text[s0:s1]


def test_witness_before_the_inner_source_is_quoted_on_the_whole_clause():
    text = "At 2,300 feet, according to Ann Gibson, Tom Major said he could see the stop sign."
    got = _account(text, ["he could see the stop sign"], "said", "Tom Major", _people(text, "Ann Gibson", "Tom Major"))
    assert got == (["Tom Major said he could see the stop sign"], "according to", "Ann Gibson")


def test_witness_after_a_content_piece_keeps_the_pieces_after_it():
    text = ("He had told his mother that he had never been in love, according to Easley, "
            "but she had proved him wrong.")
    got = _account(text, ["he had never been in love", "but she had proved him wrong"], "had told", "He",
                   _people(text, "Easley"))
    assert got == (["He had told his mother that he had never been in love", "but she had proved him wrong"],
                   "according to", "Easley")


@pytest.mark.parametrize("text, witness, label", [
    ("According to two people who attended, Ian Lind said the deal was dead.", "two people", None),  # unnamed
    ("According to Interfax, Ian Lind said the deal was dead.", "Interfax", "ORG"),  # an outlet relays
    ("According to Sara Colt, Ian Lind said the deal was dead. The reporter Sara Colt broke the story.", "Sara Colt",
     "PERSON"),  # a reporter relays
])
def test_witness_an_outlet_a_reporter_or_an_unnamed_source_only_relays(text, witness, label):
    mentions = [Span(*_find(text, "Ian Lind"), "PERSON")]
    if label is not None:
        mentions.insert(0, Span(*_find(text, witness), label))
    assert _account(text, ["the deal was dead"], "said", "Ian Lind", mentions) is None


def test_witness_needs_a_speech_verb_and_the_source_before_it():
    text = "According to Ann Gibson, Tom Major saw the stop sign."
    assert _account(text, ["the stop sign"], "saw", "Tom Major", _people(text, "Ann Gibson", "Tom Major")) is None


def test_witness_read_as_the_source_gives_way_to_the_name_before_the_cue():
    text = "According to Ann Weber, Carl Pope told aides that he would resign."
    mentions = _people(text, "Ann Weber", "Carl Pope")
    a, b = subject_after_witness(text, _find(text, "told"), _find(text, "Ann Weber"), mentions)
    assert text[a:b] == "Carl Pope"
    plain = "Ann Weber, Carl Pope's aide, told us."  # no "according to": the source stays
    assert subject_after_witness(plain, _find(plain, "told"), _find(plain, "Ann Weber"),
                                 _people(plain, "Ann Weber", "Carl Pope")) == _find(plain, "Ann Weber")


def test_according_to_a_document_after_a_postposed_cue_run_into_the_content():
    text = "The entire attack took four minutes, he said, according to the complaint."
    f = Found([_find(text, "The entire attack took four minutes, he said")], _find(text, "according to"),
              _find(text, "the complaint"))
    inner = _speaker_under_according_to(text, f)
    assert inner is not None
    assert [text[a:b] for a, b in inner.content] == ["The entire attack took four minutes"]
    assert text[inner.source[0] : inner.source[1]] == "he"
    assert text[inner.cue[0] : inner.cue[1]] == "said"
