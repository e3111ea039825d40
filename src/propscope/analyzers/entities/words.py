"""Word lists for names: titles, role nouns (here) and the typing lists of ``data/name_words.json``.

Shared by :mod:`.canonical` (titles stripped from names, roles learned from the text) and
:mod:`.voting` (what makes a mention a person, an organisation or a place).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from propscope.manifest import check_manifest

__all__ = ["ROLE_NOUNS", "TITLE_WORDS", "first_names", "name_words", "paternal_surname", "spanish_surname"]

#: the shipped first-name table (``name<TAB>m|f``, lower case; see the speakers model card)
_FIRST_NAMES_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "speakers"


@lru_cache(maxsize=1)
def name_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/name_words.json`` (lower case)."""
    raw = json.loads(resources.files("propscope.analyzers.entities").joinpath("data/name_words.json")
                     .read_text("utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case first names that are almost always a person's (both genders), from the
    speakers model's first-name table (its manifest checked); empty when it is not shipped."""
    listed = check_manifest(_FIRST_NAMES_DIR, [], analyzer="entities")
    if "first_names.tsv" not in listed:
        return frozenset()
    lines = (_FIRST_NAMES_DIR / "first_names.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(line.partition("\t")[0] for line in lines if line.endswith(("\tm", "\tf")))


#: Words that can precede or replace a name without being part of it (lower case, no dot).
TITLE_WORDS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend", "president", "vice", "prime", "minister", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "secretary", "general", "gen", "col", "colonel", "lt", "lieutenant", "sgt", "sergeant", "capt", "captain", "adm", "admiral", "chancellor", "king", "queen", "prince", "princess", "pope", "judge", "justice", "mayor", "ambassador", "commissioner", "director", "chairman", "chairwoman", "chair", "chief", "spokesman", "spokeswoman", "spokesperson", "deputy", "acting", "former", "late", "speaker", "leader", "sheikh", "emir", "premier", "foreign", "defence", "defense", "interior", "finance", "state", "attorney", "candidate", "nominee", "envoy", "official", "minister's"]
) | name_words()["person_titles"]  # ranks and titles of local news: "Cpl.", "Coach", "MLA"
#: Head nouns of role descriptions ("the French president", "the company's chief executive").
ROLE_NOUNS = frozenset(
    ["president", "minister", "premier", "chancellor", "secretary", "senator", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "executive", "director", "chairman", "chairwoman", "ambassador", "envoy", "commissioner", "general", "king", "queen", "prince", "candidate", "nominee", "official", "diplomat", "lawmaker", "congressman", "congresswoman", "prosecutor", "judge", "head", "founder", "ceo", "commander", "chair", "adviser", "advisor", "economist", "analyst", "researcher", "professor", "lawyer", "attorney", "author", "manager", "officer", "editor", "reporter", "correspondent", "columnist", "producer", "publisher"]
)


#: a Spanish surname's shape: an accented capitalised word or one in "-ez" ("López", "Márquez", "Perez")
_SPANISH_SURNAME = re.compile(r"[A-ZÁÉÍÓÚÑ](?=[a-záéíóúñü]*(?:[áéíóúñ]|ez$))[a-záéíóúñü]+")


def spanish_surname(word: str) -> bool:
    """Whether ``word`` has a Spanish surname's shape ("López", "Márquez", "Gonzalez")."""
    return _SPANISH_SURNAME.fullmatch(word) is not None


def paternal_surname(words: list[str]) -> str | None:
    """The father's surname of a Spanish name of three words or more, which a story uses alone
    ("Padrino" of "Vladimir Padrino López", "López" of "Andrés Manuel López Obrador", "Duque" of
    "Iván Duque Márquez"): the word before the last, where it or the last has a Spanish surname's
    shape and is no first name of the table ("Carlos" of "Juan Carlos Pérez")."""
    if len(words) < 3 or not (spanish_surname(words[-1]) or spanish_surname(words[-2])
                              and re.fullmatch(r"[A-Z][a-z]+(?<!ing)(?<!ed)", words[-1])):
        return None  # not "Saying" of "Luciana Lopez: Saying", a headline's verb NER ran in
    if words[-2].lower() in first_names() or not words[-2][:1].isupper():
        return None
    return words[-2]
