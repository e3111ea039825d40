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
