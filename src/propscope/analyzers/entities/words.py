"""Word lists for names: titles, role nouns (here) and the typing lists of ``data/name_words.json``.

Shared by :mod:`.canonical` (titles stripped from names, roles learned from the text) and
:mod:`.voting` (what makes a mention a person, an organisation or a place).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["ROLE_NOUNS", "TITLE_WORDS", "name_words"]


@lru_cache(maxsize=1)
def name_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/name_words.json`` (lower case)."""
    raw = json.loads(resources.files("propscope.analyzers.entities").joinpath("data/name_words.json")
                     .read_text("utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


#: Words that can precede or replace a name without being part of it (lower case, no dot).
TITLE_WORDS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend", "president", "vice", "prime", "minister", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor", "secretary", "general", "gen", "col", "colonel", "lt", "lieutenant", "sgt", "sergeant", "capt", "captain", "adm", "admiral", "chancellor", "king", "queen", "prince", "princess", "pope", "judge", "justice", "mayor", "ambassador", "commissioner", "director", "chairman", "chairwoman", "chair", "chief", "spokesman", "spokeswoman", "spokesperson", "deputy", "acting", "former", "late", "speaker", "leader", "sheikh", "emir", "premier", "foreign", "defence", "defense", "interior", "finance", "state", "attorney", "candidate", "nominee", "envoy", "official", "minister's"]
) | name_words()["person_titles"]  # ranks and titles of local news: "Cpl.", "Coach", "MLA"
#: Head nouns of role descriptions ("the French president", "the company's chief executive").
ROLE_NOUNS = frozenset(
    ["president", "minister", "premier", "chancellor", "secretary", "senator", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "executive", "director", "chairman", "chairwoman", "ambassador", "envoy", "commissioner", "general", "king", "queen", "prince", "candidate", "nominee", "official", "diplomat", "lawmaker", "congressman", "congresswoman", "prosecutor", "judge", "head", "founder", "ceo", "commander", "chair", "adviser", "advisor", "economist", "analyst", "researcher", "professor", "lawyer", "attorney", "author", "manager", "officer"]
)
