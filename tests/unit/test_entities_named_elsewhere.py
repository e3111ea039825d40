"""A name alone, or inside another mention, takes the type the article gives it elsewhere (no spaCy model).

Invented sentences; NER output is injected as it comes from the small model on such text."""

from __future__ import annotations

import re

from propscope.analyzers.entities import entity_layer_parts
from propscope.article import Span


def _ner(text: str, *items: tuple[str, str]) -> list[Span]:
    """NER spans for every occurrence of each (surface, label)."""
    return [Span(m.start(), m.end(), label) for surface, label in items for m in re.finditer(re.escape(surface), text)]


def _table(text: str, ner: list[Span]) -> dict[str, tuple[str, list[str]]]:
    """name -> (type, aliases) of the entity table."""
    _spans, table = entity_layer_parts(text, ner)
    return {e["name"]: (e["type"], e["aliases"]) for e in table}


def test_a_slash_is_no_part_of_a_name_and_joins_two_people():
    text = "Policies of the Mara Lindqvist/Tomas Berg years live on. Lindqvist later wrote a memoir."
    ner = _ner(text, ("Mara Lindqvist/", "PERSON"), ("Tomas Berg", "PERSON"), ("Lindqvist", "GPE"))
    got = _table(text, ner)
    assert got["Mara Lindqvist"] == ("PERSON", ["Lindqvist"])
    assert got["Tomas Berg"][0] == "PERSON"
    assert not any(t != "PERSON" for t, _a in got.values())


def test_a_title_makes_a_town_s_name_a_person():
    text = "The judge was appointed by President Obama, who left office long ago."
    assert _table(text, _ner(text, ("Obama", "PERSON"))) == {"Obama": ("PERSON", [])}


def test_a_town_s_name_never_used_as_a_place_stays_the_person_ner_reads():
    text = "Reporters asked Obama about the treaty before the vote."
    assert _table(text, _ner(text, ("Obama", "PERSON")))["Obama"][0] == "PERSON"


def test_a_town_used_as_a_place_stays_a_place():
    text = "She grew up in Obama, a port on the coast, and still visits."
    assert _table(text, _ner(text, ("Obama", "PERSON")))["Obama"][0] == "GPE"


def test_a_person_s_body_is_two_entities_the_person_and_the_body():
    text = "Mara Lindqvist's Harbour Party won the vote. Lindqvist thanked voters."
    got = _table(text, _ner(text, ("Mara Lindqvist's Harbour Party", "ORG"), ("Lindqvist", "PERSON")))
    assert got["Mara Lindqvist"] == ("PERSON", ["Lindqvist"])
    assert got["Harbour Party"][0] == "ORG"


def test_a_possessor_named_by_surname_only_is_that_person():
    text = "Tomas Berg spoke on Monday. Berg’s Harbour Party then won the vote."
    got = _table(text, _ner(text, ("Tomas Berg", "PERSON"), ("Berg’s Harbour Party", "ORG")))
    assert got["Tomas Berg"] == ("PERSON", ["Berg"])
    assert got["Harbour Party"][0] == "ORG"


def test_a_body_s_own_possessive_stays_whole():
    text = "She studied at Queen's University and joined the Women's March."
    got = _table(text, _ner(text, ("Queen's University", "ORG"), ("Women's March", "ORG")))
    assert set(got) == {"Queen's University", "Women's March"}


def test_a_party_s_members_in_the_plural_are_the_party():
    text = "The Green Party gained two seats. The Greens said the result was historic."
    got = _table(text, _ner(text, ("Green Party", "ORG"), ("Greens", "NORP")))
    assert got == {"Green Party": ("ORG", ["Greens"])}


def test_a_party_s_members_join_its_initials():
    text = "The NDP lost ground. New Democrats blamed the weather, and the NDP promised change."
    got = _table(text, _ner(text, ("NDP", "ORG"), ("New Democrats", "NORP")))
    assert got == {"NDP": ("ORG", ["New Democrats"])}


def test_two_letter_initials_are_no_party_of_a_plural():
    text = "The local MP met Muslims from the district."
    got = _table(text, _ner(text, ("MP", "ORG"), ("Muslims", "NORP")))
    assert got["Muslims"][0] == "NORP"
