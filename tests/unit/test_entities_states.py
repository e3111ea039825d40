"""A state or province written short after a town or in a party tag is that state, by its full name."""

from __future__ import annotations

import pytest

from propscope.analyzers.entities.canonical import build_entities
from propscope.analyzers.entities.states import state_name
from propscope.article import Span


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return i, i + len(word)


@pytest.mark.parametrize(("text", "word", "name"), [
    ("Sen. Rand Paul (R-Ky.) spoke.", "Ky.", "Kentucky"),
    ("He lives in Louisville, KY now.", "KY", "Kentucky"),
    ("The mayor of Edson, Alta., said so.", "Alta.", "Alberta"),
    ("Rep. Dana Voss (D-MN) voted no.", "MN", "Minnesota"),
    ("Red Deer, AB, was quiet.", "AB", "Alberta"),
    ("The campaign called police in MN and left.", "MN", "Minnesota"),  # a postal code after "in"
    ("The story had been circulating in MN, and no one ran it.", "MN", "Minnesota"),
    ("House leader Dana Voss (CA) declared it a ruin.", "CA", "California"),  # a member's state in brackets
    ("Senator Carl Pope (N.Y.) repeated it.", "N.Y.", "New York"),
    ("I will be a champion for AZ, not for the capital.", "AZ", "Arizona"),
])
def test_an_abbreviation_after_a_town_or_a_party_letter_is_the_state(text, word, name):
    assert state_name(text, *_at(text, word)) == name


@pytest.mark.parametrize(("text", "word"), [
    ("Vote for him OR else.", "OR"),  # a word in capitals
    ("Pa. said the family would come.", "Pa."),  # a father, not Pennsylvania
    ("She moved to Washington, D.C. last year.", "D.C."),  # the capital keeps its name
    ("He was treated in VA hospitals.", "VA"),  # the code leads a noun: Veterans Affairs
    ("She flew in LA last week.", "LA"),  # a postal code that is also another name
    ("THE POLICE IN MN ARE NOT TALKING TO ANYONE", "MN"),  # a headline in capitals
    ("The Civil Aviation (CA) rules apply.", "CA"),  # an acronym of the words before it
    ("Sanders (Ind) spoke.", "Ind"),  # "independent" as well: a style form needs its dot
])
def test_an_abbreviation_elsewhere_is_not_read_as_a_state(text, word):
    assert state_name(text, *_at(text, word)) is None


def _names(text: str, ner: list[tuple[str, str, int]]) -> dict[str, tuple[str, int]]:
    spans = [Span(*_at(text, w, nth), label) for w, label, nth in ner]
    _, entities = build_entities(text, spans)
    return {e.name: (e.type, len(e.mentions)) for e in entities if e.mentions}


def test_the_short_form_and_the_full_name_are_one_entity():
    text = "Sen. Rand Paul (R-Ky.) said no. Paul, of Kentucky, spoke on Sunday in Louisville, KY."
    got = _names(text, [("Rand Paul", "PERSON", 0), ("Ky.", "GPE", 0), ("Kentucky", "GPE", 0),
                        ("Louisville", "GPE", 0)])
    assert got["Kentucky"] == ("GPE", 3)
    assert "Ky." not in got and "KY" not in got


def test_a_town_and_its_province_read_as_one_name_are_split():
    text = "The mayor of Edson, Alta., said Alberta would pay."
    got = _names(text, [("Edson, Alta.", "ORG", 0), ("Alberta", "GPE", 0)])
    assert got["Edson"] == ("GPE", 1)
    assert got["Alberta"] == ("GPE", 2)
