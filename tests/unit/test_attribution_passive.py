"""A verb of telling or accusing in the passive with its agent after "by": the agent speaks, not
the one accused or told; texts written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.passive import passive_agent


def _agent(text: str, cue: str) -> tuple[str, str, str] | None:
    a = text.index(cue)
    hit = passive_agent(text, (a, a + len(cue)), (0, len(text)))
    if hit is None:
        return None
    content, (c0, c1), (s0, s1) = hit
    return text[s0:s1], text[c0:c1], text[content[0][0] : content[0][1]]


@pytest.mark.parametrize("text, cue, expected", [
    ("Barros is accused by the victims of having been in the room.", "is accused",
     ("the victims", "is accused", "of having been in the room")),
    ("Governor Tom Reed was accused by Senator Ann Dow of hiding the deficit.", "was accused",
     ("Senator Ann Dow", "was accused", "of hiding the deficit")),
    ("Both times, reporters were told by Carla Alston, the director of communications, that the sheriff was away.",
     "were told", ("Carla Alston", "were told", "the sheriff was away")),
    ("Ann Roe has been told by police lawyers that they cannot release the files.", "has been told",
     ("police lawyers", "has been told", "they cannot release the files")),
    ("Nine countries were urged by the World Health Organization to prepare for an outbreak.", "were urged",
     ("the World Health Organization", "were urged", "to prepare for an outbreak")),
])
def test_passive_the_agent_after_by_is_the_source(text, cue, expected):
    assert _agent(text, cue) == expected


@pytest.mark.parametrize("text, cue", [
    ("Tom Reed is accused of hiding the deficit.", "is accused"),  # no agent: no speaker (an act)
    ("Reed was charged by prosecutors with fraud.", "was charged"),  # a legal act, not words
    ("Trump has been criticized by some of his rivals for failing to campaign.", "has been criticized"),
    ("The client saw bribery but was asked by the FBI to sign an NDA, Ann Roe said.", "was asked"),  # Roe's words
])
def test_passive_without_an_agent_a_clause_or_inside_someone_elses_words_is_left(text, cue):
    assert _agent(text, cue) is None


def test_passive_with_its_agent_as_the_source_is_speech_not_an_act():
    from propscope.analyzers.attribution.analyzer import Found, _an_act

    text = "Governor Tom Reed was accused by Senator Ann Dow of hiding the deficit."
    content, cue, source = passive_agent(text, (text.index("was"), text.index(" by")), (0, len(text)))
    assert not _an_act(text, Found(content, cue, source))
    bare = "Tom Reed is accused of hiding the deficit."  # done to the subject: still an act
    i = bare.index("is accused")
    assert _an_act(bare, Found([(bare.index("hiding"), len(bare) - 1)], (i, i + len("is accused of")), (0, 8)))
