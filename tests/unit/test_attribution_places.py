""""The city" as a source is the city the story named last; texts written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.places import city_source
from propscope.analyzers.attribution.speakers import AttributionSpeakers

from speaker_samples import speaker_resolver


def _resolver(text: str, places: list[str]) -> AttributionSpeakers:
    return speaker_resolver(text, {name: (name, None, "GPE") for name in places})


def _speaker(text: str, places: list[str], source: str) -> str | None:
    r = _resolver(text, places)
    a = text.rindex(source)
    ent = r.resolve(a, a + len(source))
    return ent.name if ent is not None else None


@pytest.mark.parametrize("text, source", [
    ("Toronto council voted on Monday.\nThe city said it will hire 300 new staff.", "The city"),
    ("Toronto council voted on Monday.\nAccording to the city's Street Needs Assessment, 8,715 people were homeless.",
     "the city's Street Needs Assessment"),
    ("Shelters in Toronto are full across Ontario.\nThe city said it will open two more.", "The city"),  # no province
])
def test_places_the_city_is_the_city_named_last(text, source):
    assert _speaker(text, ["Toronto", "Ontario"], source) == "Toronto"


def test_places_no_city_named_leaves_the_city_unresolved():
    text = "Shelters across Canada are full.\nThe city said it will open two more."
    assert _speaker(text, ["Canada"], "The city") is None


def test_places_city_source_reads_the_city_and_its_documents_not_its_bodies():
    assert city_source("the city") and city_source("The town") and city_source("the city's report")
    for other in ("the city council", "the city's mayor", "a city official", "the city's residents"):
        assert not city_source(other), other
