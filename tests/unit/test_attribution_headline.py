"""Headline attributions (issue 15 §6): who the title says said what, with offsets into the title."""

from __future__ import annotations

import pytest

from propscope.analysis import Layer
from propscope.analyzers.attribution.analyzer import _title_attributions
from propscope.analyzers.attribution.headline import headline_attributions, title_kind, title_speaker
from propscope.article import Article


def _parts(title: str) -> list[tuple[str, str, str | None]]:
    return [(title[s[0] : s[1]], title[c[0] : c[1]], title[q[0] : q[1]] if q else None)
            for c, s, q in headline_attributions(title)]


@pytest.mark.parametrize("title, expected", [
    ("Mayor Lind Vows to Close the Port", [("Mayor Lind", "Close the Port", "Vows to")]),
    ("Norvik's Lind calls for a harbour levy with eye on May vote",
     [("Norvik's Lind", "a harbour levy with eye on May vote", "calls for")]),
    ("Lind calls on Kell to resign, raising doubts over the port", [("Lind", "resign", "calls on Kell to")]),
    ("Norvik Admits To Aiding Smugglers", [("Norvik", "Aiding Smugglers", "Admits To")]),
    ("Critics Agree – The Levy Failed", [("Critics", "The Levy Failed", "Agree")]),
    ("Witness: The Aide Took The Money", [("Witness", "The Aide Took The Money", None)]),
    ("Harbour to close in 30 years: Study", [("Study", "Harbour to close in 30 years", None)]),
])
def test_headline_shapes_that_report_speech(title, expected):
    assert _parts(title) == expected


def test_headline_shapes_that_report_no_speech():
    assert _parts("Port Closes After Storm") == []
    assert _parts("Watch: the harbour at night") == []
    assert _parts("Mayor Hits The Nail On The Head About The Levy And More: Ports Are Costly") == []
    assert _parts("") == [] and headline_attributions(None) == []


def test_headline_kind_and_speaker():
    title = "Lind Vows “Never Again”"
    (content, _s, _c), = headline_attributions(title)
    span, kind = title_kind(title, content)
    assert title[span[0] : span[1]] == "Never Again" and kind == "direct"
    entities = [{"id": "person:ana-lind", "name": "Ana Lind", "type": "PERSON", "mentions": 4, "aliases": ["Lind"]},
                {"id": "person:bo-lind", "name": "Bo Lind", "type": "PERSON", "mentions": 1}]
    assert title_speaker("Norvik's Lind", entities)["name"] == "Ana Lind"  # the most mentioned
    assert title_speaker("Study", entities) is None


def test_attribution_title_spans_index_the_title_and_labels_must_name_someone():
    entities = Layer("entities", "entities", "v1", (), {"entities": [
        {"id": "person:ana-lind", "name": "Ana Lind", "type": "PERSON", "mentions": 3},
        {"id": "misc:brexit", "name": "Brexit", "type": "MISC", "mentions": 2}]})
    art = Article("Ana Lind spoke on Monday. Brexit was the topic.", title="Lind: Ports Are Costly")
    (item,) = _title_attributions(art, entities)
    assert art.title[item["start"] : item["end"]] == "Ports Are Costly" and item["speaker"] == "Ana Lind"
    topic = Article("Ana Lind spoke on Monday. Brexit was the topic.", title="Brexit: What Happens Next")
    assert _title_attributions(topic, entities) == []
