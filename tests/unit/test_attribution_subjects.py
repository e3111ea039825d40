"""A participle cue is said by the subject of the verb it hangs on ("The mayor criticised the
plan, saying …"); parses written by hand for sentences written for these tests."""

from __future__ import annotations

import re

from propscope.analyzers.attribution.subjects import participle_subject
from propscope.analyzers.entities.nlp import NlpResult
from propscope.article import Span


def _parse(text: str, rows: list[tuple[str, str, str, int]]) -> NlpResult:
    """``rows``: (word, tag, dep, head index) in order; offsets found left to right."""
    tags, deps, heads, at = [], [], [], 0
    for word, tag, dep, head in rows:
        m = re.compile(re.escape(word)).search(text, at)
        assert m is not None, word
        tags.append(Span(m.start(), m.end(), tag))
        deps.append(dep)
        heads.append(head)
        at = m.end()
    return NlpResult((), tuple(tags), tuple(deps), tuple(heads))


def _cue(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


TEXT = "A county court judge criticised the plan on Friday, saying it would fail."
ROWS = [("A", "DT", "det", 3), ("county", "NN", "compound", 2), ("court", "NN", "compound", 3),
        ("judge", "NN", "nsubj", 4), ("criticised", "VBD", "ROOT", 4), ("the", "DT", "det", 6),
        ("plan", "NN", "dobj", 4), ("on", "IN", "prep", 4), ("Friday", "NNP", "pobj", 7),
        (",", ",", "punct", 4), ("saying", "VBG", "advcl", 4), ("it", "PRP", "nsubj", 13),
        ("would", "MD", "aux", 13), ("fail", "VB", "ccomp", 10), (".", ".", "punct", 4)]


def test_attribution_subjects_a_participle_is_said_by_the_description_heading_the_clause():
    got = participle_subject(TEXT, _cue(TEXT, "saying"), 0, _parse(TEXT, ROWS))
    assert got is not None and TEXT[got[0] : got[1]] == "A county court judge"


def test_attribution_subjects_a_named_head_is_the_entity_mention():
    text = "The Harbour Board of Tallinn issued a notice on Monday, saying the port would close."
    rows = [("The", "DT", "det", 2), ("Harbour", "NNP", "compound", 2), ("Board", "NNP", "nsubj", 5),
            ("of", "IN", "prep", 2), ("Tallinn", "NNP", "pobj", 3), ("issued", "VBD", "ROOT", 5),
            ("a", "DT", "det", 7), ("notice", "NN", "dobj", 5), ("on", "IN", "prep", 5), ("Monday", "NNP", "pobj", 8),
            (",", ",", "punct", 5), ("saying", "VBG", "advcl", 5)]
    board = _cue(text, "Harbour Board of Tallinn")
    got = participle_subject(text, _cue(text, "saying"), 0, _parse(text, rows), [Span(*board, "ORG")])
    assert got == board


def test_attribution_subjects_the_name_before_an_appositive():
    text = "Mira Sepp, a harbour pilot, criticised the plan, saying it would fail."
    rows = [("Mira", "NNP", "compound", 1), ("Sepp", "NNP", "nsubj", 7), (",", ",", "punct", 1),
            ("a", "DT", "det", 5), ("harbour", "NN", "compound", 5), ("pilot", "NN", "appos", 1),
            (",", ",", "punct", 1), ("criticised", "VBD", "ROOT", 7), ("the", "DT", "det", 9),
            ("plan", "NN", "dobj", 7), (",", ",", "punct", 7), ("saying", "VBG", "advcl", 7)]
    got = participle_subject(text, _cue(text, "saying"), 0, _parse(text, rows))
    assert got is not None and text[got[0] : got[1]] == "Mira Sepp"


def test_attribution_subjects_no_subject_for_a_participle_on_a_noun_or_an_expletive():
    on_noun = [r if r[0] != "saying" else ("saying", "VBG", "acl", 6) for r in ROWS]  # "the plan saying …"
    assert participle_subject(TEXT, _cue(TEXT, "saying"), 0, _parse(TEXT, on_noun)) is None
    text = "There was an outcry on Friday, saying the plan would fail."
    rows = [("There", "EX", "expl", 1), ("was", "VBD", "ROOT", 1), ("an", "DT", "det", 3),
            ("outcry", "NN", "attr", 1), ("on", "IN", "prep", 1), ("Friday", "NNP", "pobj", 4),
            (",", ",", "punct", 1), ("saying", "VBG", "advcl", 1)]
    assert participle_subject(text, _cue(text, "saying"), 0, _parse(text, rows)) is None
    assert participle_subject(TEXT, _cue(TEXT, "saying"), 0, None) is None


def test_attribution_subjects_the_subject_nearest_its_verb():
    # the parser gives "In Parnu, Estonia, Kask went …" two subjects: the place and the speaker
    text = "In Parnu, Estonia, Kask went after the board, calling it lazy."
    rows = [("In", "IN", "prep", 6), ("Parnu", "NNP", "pobj", 0), (",", ",", "punct", 6),
            ("Estonia", "NNP", "nsubj", 6), (",", ",", "punct", 6), ("Kask", "NNP", "nsubj", 6),
            ("went", "VBD", "ROOT", 6), ("after", "IN", "prep", 6), ("the", "DT", "det", 9),
            ("board", "NN", "pobj", 7), (",", ",", "punct", 6), ("calling", "VBG", "advcl", 6)]
    got = participle_subject(text, _cue(text, "calling"), 0, _parse(text, rows))
    assert got is not None and text[got[0] : got[1]] == "Kask"


def test_attribution_subjects_a_thing_says_nothing_and_an_appositive_name_speaks():
    text = "The criticism of the plan comes as the vote nears, mentioning the costs."
    rows = [("The", "DT", "det", 1), ("criticism", "NN", "nsubj", 5), ("of", "IN", "prep", 1),
            ("the", "DT", "det", 4), ("plan", "NN", "pobj", 2), ("comes", "VBZ", "ROOT", 5),
            ("as", "IN", "mark", 9), ("the", "DT", "det", 8), ("vote", "NN", "nsubj", 9), ("nears", "VBZ", "advcl", 5),
            (",", ",", "punct", 5), ("mentioning", "VBG", "advcl", 5)]
    assert participle_subject(text, _cue(text, "mentioning"), 0, _parse(text, rows)) is None
    text = "The health minister, Mira Sepp, alluded to the vote, saying it might pass."
    rows = [("The", "DT", "det", 2), ("health", "NN", "compound", 2), ("minister", "NN", "nsubj", 7),
            (",", ",", "punct", 2), ("Mira", "NNP", "compound", 5), ("Sepp", "NNP", "appos", 2),
            (",", ",", "punct", 2), ("alluded", "VBD", "ROOT", 7), ("to", "IN", "prep", 7),
            ("the", "DT", "det", 10), ("vote", "NN", "pobj", 8), (",", ",", "punct", 7), ("saying", "VBG", "advcl", 7)]
    sepp = _cue(text, "Mira Sepp")
    got = participle_subject(text, _cue(text, "saying"), 0, _parse(text, rows), [Span(*sepp, "PERSON")])
    assert got == sepp
