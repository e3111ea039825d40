"""An act is not a quote (issue 15): "X voted for the bill" names no one quoted; texts written
for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.analyzer import Found, _a_circumstance, _an_act, _tidy_source
from propscope.analyzers.attribution.saying import declines_to_comment, reports_an_act


def _find(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


@pytest.mark.parametrize("cue, content", [
    ("voted for", "the harbour levy"),
    ("pleaded guilty to", "falsifying the club's accounts"),
    ("had been planning", "a move to Tallinn"),
    ("is aiming", "to widen its survey of rural clinics"),
    ("would consider", "any of the amendments"),
    ("bolstering", "Mirel's position"),
    ("has shown", "little patience with the board"),
])
def test_attribution_acts_an_action_verb_with_its_object_reports_an_act(cue, content):
    assert reports_an_act(cue, content)


@pytest.mark.parametrize("cue, content", [
    ("said", "the levy was unfair"),  # a verb of saying
    ("pledged", "to cut the levy"),  # saying, even with an infinitive
    ("felt", "the board had ignored her"),  # thought
    ("hopes", "to return next season"),  # intent
    ("would consider", "whether the levy should stay"),  # a clause, not an object
    ("voted for", "Anna Lind and the levy"),  # opens with a name: unclear, kept (a name alone is an object)
    ("", "the harbour levy"),
])
def test_attribution_acts_speech_thought_or_a_clause_is_no_act(cue, content):
    assert not reports_an_act(cue, content)


def test_attribution_acts_found_needs_a_source_an_unquoted_content_after_the_cue():
    text = 'Councillor Ivo Tamm voted for the harbour levy. "The levy is unfair," Tamm voted for the record.'
    act = Found([_find(text, "the harbour levy")], _find(text, "voted for"), _find(text, "Councillor Ivo Tamm"))
    assert _an_act(text, act)
    quoted = Found([_find(text, '"The levy is unfair,"')], (text.rindex("voted for"), text.rindex("voted for") + 9),
                   (text.rindex("Tamm"), text.rindex("Tamm") + 4))
    assert not _an_act(text, quoted)  # a quotation is words, whatever its cue
    no_source = Found([_find(text, "the harbour levy")], _find(text, "voted for"), None)
    assert not _an_act(text, no_source)  # names no one: left as it is


@pytest.mark.parametrize("cue, content", [
    ("took a keen interest in", "the parade, insisting it showed the army's strength"),
    ("failed to renew", "the treaty, noting repeated breaches"),
    ("seemed", "to accept the terms"),
])
def test_attribution_acts_speech_inside_the_content_or_a_stance_is_no_act(cue, content):
    assert not reports_an_act(cue, content)


@pytest.mark.parametrize("cue, content, refused", [
    ("declined", "to comment after the hearing", True),
    ("has not yet responded", "to requests for comment", True),
    ("did not reply", "to several emails", True),
    ("declined", "to renew the contract because the club was in debt", False),
    ("replied", "that the club was in debt", False),
    ("said", "to comment would be unwise", False),
])
def test_attribution_acts_a_refusal_to_comment_quotes_no_words(cue, content, refused):
    assert declines_to_comment(cue, content) is refused


def test_a_source_the_tagger_ran_over_list_items_keeps_the_line_next_to_its_cue():
    text = "Do Not:\nCreate fake accounts (source)\nThe Northwire Gazette reported that pages were purged."
    a = text.index("Create")
    cue = text.index("reported")
    f = Found(content=[(cue + 9, len(text) - 1)], cue=(cue, cue + 8), source=(a, cue - 1))
    _tidy_source(text, f)
    assert f.source is not None and text[f.source[0]:f.source[1]] == "The Northwire Gazette"
    one_line = Found(content=[(cue + 9, len(text) - 1)], cue=(cue, cue + 8), source=(text.index("The"), cue - 1))
    _tidy_source(text, one_line)
    assert one_line.source is not None and text[one_line.source[0]:one_line.source[1]] == "The Northwire Gazette"


@pytest.mark.parametrize(("sentence", "cue", "act"), [
    ("Roe is accused of fleeing the state with his son.", "is accused of", True),
    ("Doe was charged with harbouring a fugitive.", "was charged with", True),
    ("Roe has been accused of lying about the budget.", "has been accused of", True),
    ("Roe was quoted as saying the plan had failed.", "was quoted as saying", False),
    ("Roe said the plan had failed.", "said", False),
])
def test_a_cue_in_the_passive_names_no_speaker(sentence, cue, act):
    c = sentence.index(cue)
    f = Found(content=[(c + len(cue) + 1, len(sentence) - 1)], cue=(c, c + len(cue)), source=(0, c - 1))
    assert _an_act(sentence, f) is act


def test_a_passive_cue_inside_a_content_in_two_pieces_names_no_speaker():
    text = "Roe is accused of fleeing the state with his son."
    c = text.index("is accused of")
    f = Found(content=[(0, 3), (c + 14, len(text) - 1)], cue=(c, c + 13), source=(0, 3))
    assert _an_act(text, f)


@pytest.mark.parametrize(("sentence", "cue", "circumstance"), [
    ("Roe kept trying to talk as the clerk took the microphone from his hand.", "kept trying to talk", True),
    ("Doe spoke while the crowd booed her from the back of the hall.", "spoke", True),
    ("Roe said as police entered the camp, two people locked themselves to the gate.", "said", False),
    ("Roe insisted during the briefing the plan went further than expected.", "insisted", False),
    ("Roe said as much to the committee.", "said", False),
    ("Roe said the plan had failed when it was tried.", "said", False),
])
def test_a_clause_of_time_after_the_cue_is_when_not_what(sentence, cue, circumstance):
    c = sentence.index(cue)
    f = Found(content=[(c + len(cue) + 1, len(sentence) - 1)], cue=(c, c + len(cue)), source=(0, 3))
    assert _a_circumstance(sentence, f) is circumstance
    quoted = 'Roe said "as the clerk took it, we left."'
    q = Found(content=[(9, len(quoted))], cue=(4, 8), source=(0, 3))
    assert not _a_circumstance(quoted, q)  # quoted words are words


@pytest.mark.parametrize(("cue", "content", "act"), [
    ("couldn't care less about", "Ada Lindqvist", True),
    ("kept thanking", "Orell Bank", True),
    ("said", "Ada Lindqvist", False),  # a verb of saying keeps it
    ("couldn't care less about", "Lindqvist lost the vote", False),  # a clause, not a name
])
def test_a_name_alone_after_a_cue_of_no_saying_is_its_object(cue, content, act):
    assert reports_an_act(cue, content) is act


@pytest.mark.parametrize(("sentence", "cue", "act"), [
    ("An Ontario police investigation found the officer acted lawfully.", "found", False),
    ("The survey showed the mayor well ahead of her rivals.", "showed", False),
    ("Harbour police found the boat drifting near the pier.", "found", True),  # an act: found a thing
])
def test_a_study_or_inquiry_reports_its_finding(sentence, cue, act):
    c = sentence.index(cue)
    f = Found(content=[(c + len(cue) + 1, len(sentence) - 1)], cue=(c, c + len(cue)), source=(0, c - 1))
    assert _an_act(sentence, f) is act


@pytest.mark.parametrize("cue, content, act", [
    ("denied", "him bail on Friday", True),  # two objects: a decision, not a denial of a claim
    ("denied", "his request for a hearing", True),
    ("refused", "entry to the three reporters", True),
    ("granted", "the appeal", True),
    ("denied", "the allegations", False),  # a claim denied: words
    ("denied", "that he had been at the harbour", False),
    ("refused", "to comment", False),  # no thing given (declining to comment is its own rule)
    ("said", "bail would be denied", False),
])
def test_attribution_acts_granting_or_withholding_a_thing_is_an_act(cue, content, act):
    from propscope.analyzers.attribution.saying import withholds_or_grants
    assert withholds_or_grants(cue, content) is act


def test_attribution_acts_a_judge_denying_bail_speaks_no_words():
    text = "Ivo Tamm was arrested in May. A judge denied him bail on Friday. Tamm denied the charges."
    bail = Found([_find(text, "him bail on Friday")], _find(text, "denied"), _find(text, "A judge"))
    assert _an_act(text, bail)
    charges = Found([_find(text, "the charges")], (text.rindex("denied"), text.rindex("denied") + 6),
                    (text.rindex("Tamm"), text.rindex("Tamm") + 4))
    assert not _an_act(text, charges)
