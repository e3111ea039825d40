"""Which speaker names are people or bodies (propscope.analyzers.speaker_guard, issue 17)."""

from __future__ import annotations

import pytest

from propscope.analyzers.speaker_guard import is_speaker, speaker_type


@pytest.mark.parametrize(("name", "speaker_id"), [
    ("Ilse Varn", "person:ilse-varn"),
    ("Harbour Council", "org:harbour-council"),
    ("NATO", "org:nato"),
    ("Velskia", "gpe:velskia"),  # a state speaking through its government
    ("White House", "fac:white-house"),
    ("the harbour department", "body:the-harbour-department"),  # a nominal body
    ("Velsk Wire", "newtype:velsk-wire"),  # a type a layer adds later: not refused for being new
    ("Democrats", "norp:democrats"),  # a group that speaks
    ("Twitter user @velsk_news", "account:velsk_news"),
    ("Wallace", "label:wallace"),  # a transcript label "WALLACE:"
    ("Ilse Varn", None),  # a stored claim keeps the name only
    ("Fox News", None),
])
def test_speaker_guard_keeps_people_and_bodies(name: str, speaker_id: str | None) -> None:
    assert is_speaker(name, speaker_id)


@pytest.mark.parametrize(("name", "speaker_id"), [
    ("SHARES", "org:shares"),  # a share counter in capitals
    ("Comments", None),
    ("Latest Flood", "work_of_art:latest-flood"),  # a live-blog heading "The Latest: Flood …"
    ("Latest Flood", "org:latest-flood"),  # the heading word whatever the type
    ("The Latest", None),
    ("BREAKING", "org:breaking"),
    ("British", "norp:british"),  # a nationality adjective
    ("Islamic", "norp:islamic"),
    ("London", "person:london"),  # a city read as a person
    ("Beijing", "label:beijing"),  # a dateline "BEIJING:" read as a transcript label
    ("Harbour Act", "law:harbour-act"),
    ("Flood Week", "event:flood-week"),
    ("Northern Coast", "loc:northern-coast"),  # a region
    ("", None),
    ("1994", None),
    (None, None),
])
def test_speaker_guard_drops_furniture_headings_adjectives_and_places_read_as_people(
        name: str | None, speaker_id: str | None) -> None:
    assert not is_speaker(name, speaker_id)


def test_speaker_guard_type_of_an_id() -> None:
    assert speaker_type("norp:british") == "norp" and speaker_type(None) is None and speaker_type("plain") is None


def test_speaker_guard_the_attribution_layer_names_no_furniture_speaker() -> None:
    # the layer that names speakers applies the guard: the span stays, its speaker is unresolved
    from propscope.analyzers.attribution.analyzer import Found, _speaking
    from propscope.analyzers.entities.resolve import EntityRef

    shares = _speaking(Found([(10, 40)], (5, 9), (0, 4), speaker=EntityRef("org:shares", "SHARES", "ORG")))
    assert shares.speaker is None and shares.content == [(10, 40)]
    varn = _speaking(Found([(10, 40)], (5, 9), (0, 4), speaker=EntityRef("person:ilse-varn", "Ilse Varn", "PERSON")))
    assert varn.speaker is not None and varn.speaker.name == "Ilse Varn"
