"""A body's coordinated name the NER cut at its comma or its "and" (h-attr3); names written for
these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.naming import _coordinated_name
from propscope.analyzers.entities.resolve import EntityRef


def _src(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def test_the_source_mention_holds_the_whole_listed_name():
    text = "The quake hit at noon, according to the Mining, Water and Forestry Office (MWFO)."
    got = _coordinated_name(text, _src(text, "the Mining, Water and Forestry Office (MWFO)"),
                            EntityRef("org:x", "Water and Forestry Office", "ORG"))
    assert got.name == "Mining, Water and Forestry Office"


def test_an_acronym_s_letters_complete_the_name_the_text_gives():
    text = ("Figures came from the Guild of Harbour Pilots and Boatmen on Monday. "
            "Traffic fell 9 per cent, according to the GHPB and exports fell too.")
    got = _coordinated_name(text, _src(text, "the GHPB and exports"),
                            EntityRef("org:x", "Guild of Harbour Pilots", "ORG"))
    assert got.name == "Guild of Harbour Pilots and Boatmen"


def test_no_list_no_acronym_or_a_person_keeps_the_name():
    text = "The port reopened, the Harbour Board and Lind said."
    src = _src(text, "the Harbour Board and Lind")
    assert _coordinated_name(text, src, EntityRef("org:x", "Harbour Board", "ORG")).name == "Harbour Board"
    text = "Paris, Water and Forestry Office said."
    got = _coordinated_name(text, _src(text, "Paris, Water and Forestry Office"),
                            EntityRef("person:x", "Water and Forestry Office", "PERSON"))
    assert got.name == "Water and Forestry Office"
