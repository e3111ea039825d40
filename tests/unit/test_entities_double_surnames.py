"""Spanish names with two surnames: NER cuts the mother's surname off, and the father's stands alone later."""

from __future__ import annotations

from propscope.analyzers.entities import entity_layer_parts
from propscope.analyzers.entities.words import paternal_surname
from propscope.article import Span


def _at(text: str, part: str, label: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return Span(i, i + len(part), label)


def _entities(text: str, ner: list[Span]) -> dict[str, tuple[str, list[str]]]:
    spans, table = entity_layer_parts(text, ner)
    byid = {e["id"]: e for e in table}
    out: dict[str, tuple[str, list[str]]] = {}
    for s in spans:
        e = byid[s.attrs["entity"]]
        out.setdefault(e["name"], (e["type"], []))[1].append(text[s.start : s.end])
    return out


def test_entities_a_mothers_surname_cut_off_by_ner_is_taken_in_and_the_fathers_joins():
    text = "Defense Minister Vladimir Padrino López said the army was loyal. Padrino said so twice."
    got = _entities(text, [_at(text, "Vladimir Padrino", "PERSON"), _at(text, "Padrino", "PERSON", 1)])
    assert got == {"Vladimir Padrino López": ("PERSON", ["Vladimir Padrino López", "Padrino"])}


def test_entities_two_surnames_read_as_a_body_are_the_person_named_in_full():
    text = "President Andrés Manuel Robles Obrador spoke. Robles Obrador said the talks went well."
    got = _entities(text, [_at(text, "Andrés Manuel Robles Obrador", "PERSON"), _at(text, "Robles Obrador", "ORG", 1)])
    assert list(got) == ["Andrés Manuel Robles Obrador"] and got["Andrés Manuel Robles Obrador"][0] == "PERSON"


def test_entities_paternal_surname_needs_a_spanish_shape_and_no_first_name():
    assert paternal_surname(["Iván", "Duque", "Márquez"]) == "Duque"
    assert paternal_surname(["Juan", "Carlos", "Pérez"]) is None  # a compound first name
    assert paternal_surname(["George", "Walker", "Bush"]) is None
    assert paternal_surname(["Luciana", "Lopez", "Saying"]) is None  # a headline's verb run in
