"""Two people the entity layer knows, named together as one source, speak together under their
full names (`attribution/pairs.py`, ``joint_people``); names and sentences written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.pairs import joint_people
from propscope.analyzers.entities.resolve import EntityRef
from propscope.article import Span

PEOPLE = {"Ada Roe": "person:ada-roe", "Roe": "person:ada-roe", "Ian Lind": "person:ian-lind",
          "Lind": "person:ian-lind", "Tom": "person:tom"}
ENTITIES = {"person:ada-roe": EntityRef("person:ada-roe", "Ada Roe", "PERSON"),
            "person:ian-lind": EntityRef("person:ian-lind", "Ian Lind", "PERSON"),
            "person:tom": EntityRef("person:tom", "Tom", "PERSON"),
            "org:harbour": EntityRef("org:harbour", "Harbour Board", "ORG")}


def _mentions(text: str) -> list[Span]:
    out: list[Span] = []
    for surface, eid in [*PEOPLE.items(), ("Harbour Board", "org:harbour")]:
        pos = text.find(surface)
        while pos >= 0:
            if not any(m.start <= pos < m.end for m in out):
                out.append(Span(pos, pos + len(surface), "X", {"entity": eid}))
            pos = text.find(surface, pos + 1)
    return sorted(out, key=lambda m: m.start)


@pytest.mark.parametrize("source, pair", [
    ("Roe and Lind", "Ada Roe and Ian Lind"),  # surnames of people introduced before
    ("Roe and harbour pilot Ian Lind", "Ada Roe and Ian Lind"),
    ("Mayor Ada Roe and Police Chief Ian Lind", "Ada Roe and Ian Lind"),
    ("Ada Roe, the board's chair, and Ian Lind, its clerk", "Ada Roe and Ian Lind"),
    ("Ada Roe and her husband, Tom", "Ada Roe and Tom"),
    ("the lawyer for Roe and Lind", None),  # a preposition: someone else speaks for them
    ("critics like Roe and Lind", None),  # examples of a group, not the speakers
    ("Roe and the Harbour Board", None),  # a body: not two people
    ("Roe, Lind and Tom", None),  # three: not a pair
    ("Roe and her lawyer", None),  # the second names no one
])
def test_joint_people_two_known_people_joined_by_and(source, pair):
    text = f"Ada Roe chairs the Harbour Board and Ian Lind pilots boats. {source} said the port would close."
    a = text.index(source, 40)
    assert joint_people(text, (a, a + len(source)), _mentions(text), ENTITIES) == pair
