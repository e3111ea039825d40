"""A body's name that only qualifies a person noun ("the White House hopeful", "the Kremlin
critic") is no speaker: the person is (issue: modifier organisation before a role); names and
sentences written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.descriptions import person_description
from propscope.analyzers.attribution.speakers import AttributionSpeakers

from speaker_samples import speaker_resolver


def _resolver(text: str) -> AttributionSpeakers:
    return speaker_resolver(text, {"Ada Roe": ("Ada Roe", "f"), "Harbour Hall": ("Harbour Hall", None, "ORG")})


@pytest.mark.parametrize("source, speaker", [
    ("the Harbour Hall hopeful", "Ada Roe"),  # the person the story is about, not the body
    ("the Harbour Hall critic", "Ada Roe"),
    ("a Harbour Hall critic", None),  # indefinite: someone unnamed
    ("the Harbour Hall hopefuls", None),  # a group: no one
    ("the two Harbour Hall hopefuls", None),
])
def test_org_modifier_a_body_qualifying_a_person_noun_does_not_speak(source, speaker):
    text = f"Ada Roe campaigned in the port on Monday.\nOn Tuesday, {source} said the levy must go."
    r = _resolver(text)
    a = text.index(source)
    got = r.resolve(a, a + len(source))
    assert (got.name if got is not None else None) == speaker


def test_org_modifier_the_body_itself_still_speaks():
    text = "Ada Roe campaigned in the port on Monday.\nOn Tuesday, Harbour Hall said the levy must go."
    r = _resolver(text)
    a = text.index("Harbour Hall")
    assert r.resolve(a, a + len("Harbour Hall")).name == "Harbour Hall"


def test_org_modifier_hopeful_and_critic_are_person_nouns():
    assert person_description("the Republican hopeful") == ("the", "hopeful")
    assert person_description("the fierce critic") == ("the", "critic")
