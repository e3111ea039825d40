"""Resolving a speaker mention ("he", "the French president", "Macron", "officials") to an entity.

Rules, in order:

0. A mention headed by a role noun that names no person ("Karvinia's president"): the one
   person the article gives that role ("President Aurel Dorran"), else nobody (the
   country did not speak).
1. The mention overlaps an entity mention (a name, an acronym, a role description):
   that entity, preferring people, then organisations.  A person named as a possessor
   ("Kostel's party, the DCM", "Kostel's spokesman") is not the speaker, nor is a nationality
   or place that qualifies a body ("the Vostranian foreign ministry", "an Oregon jury"; but
   "Russia's foreign ministry" is Russia's).
2. A personal pronoun (he/she/him/her): the nearest preceding person of compatible gender
   (known from a title, from the pronouns that follow the person's own mentions, or from an
   earlier pronoun resolved to them), passing over people named only as possessors ("Asked
   about Sandor's remarks, she said"); the previous attribution's speaker wins over a nearer
   person when only the speaker's gender is known to match.
3. "they"/"it": the nearest preceding organisation, country or group (or person for a
   singular "they" when nothing else is near).
4. A relative pronoun (who/which/that): the entity mention ending just before it.
5. "the agency": the nearest preceding mention of an agency (``agencies``: the dateline's
   agency, a known wire, an organisation named or described as an agency), else the
   article's only one; "the news agency" ("the state news agency", "the wire agency"): the
   same among news agencies.
6. A mention whose words include a known name form (missed by NER): that entity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from propscope.analyzers.entities.canonical import ROLE_NOUNS, name_form
from propscope.article import Span

__all__ = ["EntityRef", "SpeakerResolver"]

_MALE_PRON = frozenset(["he", "him", "his", "himself"])
_FEMALE_PRON = frozenset(["she", "her", "hers", "herself"])
_MALE_VOTE = frozenset(["he", "his", "himself"])  # "him"/"her" are often someone else
_FEMALE_VOTE = frozenset(["she", "herself", "hers"])
#: pronouns that end the gender vote: a clause about a group or the speaker's own words
_OTHER_PERSONS = frozenset(["they", "them", "their", "we", "us", "our", "i", "you"])
#: "Roe said she", "Roe, 41, says that he": the pronoun a writer ties to the person just named
_SAID_PRONOUN = re.compile(r"(?:,[^,]{1,40},)?\s+[a-z]+(?:\s+that)?\s+(?:he|she)\b")
#: short forms of role nouns a source may use ("the PM": the one prime minister named)
_ROLE_ABBREVIATIONS = {"pm": "minister", "fm": "minister"}
_GROUP_PRON = frozenset(["they", "them", "their", "it", "its"])
_RELATIVE = frozenset(["who", "which", "that", "whom"])
_WORD = re.compile(r"[\w’'\-]+")
#: "the agency" and "the news agency", "the state-run news agency"; not "the space agency"
_AGENCY = re.compile(r"[Tt]he\s+(?P<news>(?:(?:news|wire|press|state|state-run|state-owned|official|semi-official)"
                     r"\s+){1,2})?agency")
_NOT_NAMES = frozenset(["the", "this", "that", "these", "those", "and", "for", "with", "from", "into", "over", "under", "after",
                        "before", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
                        "second", "third", "new", "old", "north", "south", "east", "west", "united", "national"])
#: Words of organisation names too generic to identify one ("the space agency" is not the EPA;
#: a person called Court keeps the name)
_GENERIC_HEADS = frozenset(["agency", "ministry", "department", "office", "service", "council", "committee", "commission",
                            "party", "government", "court", "bank", "university", "institute", "association", "union",
                            "company", "corporation", "group", "organisation", "organization", "authority", "board",
                            "news", "press", "national", "federal", "state"])


#: Bodies a nationality can qualify besides the generic organisation words
_BODIES = frozenset(["embassy", "army", "military", "navy", "forces", "authorities", "side", "delegation", "parliament",
                     "cabinet", "leadership", "regime", "mission", "consulate", "media", "outlets", "newspapers",
                     "jury", "prosecutors", "police"])


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    type: str
    gender: str | None = None


class SpeakerResolver:
    """Built from an ``entities`` layer: its mention spans and its entity table."""

    def __init__(self, text: str, mentions: Sequence[Span], table: Sequence[Mapping[str, Any]],
                 agencies: Mapping[str, bool] | None = None) -> None:
        """``agencies``: entity id → whether it is a news agency, for every agency (rule 5)."""
        self.text = text
        self.agencies = dict(agencies or {})
        self.entities = {e["id"]: EntityRef(e["id"], e["name"], e["type"], e.get("gender")) for e in table}
        self.role_heads: dict[str, set[str]] = {}  # role noun -> people holding a role it heads
        for e in table:
            if e.get("type") == "PERSON":
                for r in e.get("roles", []):
                    self.role_heads.setdefault(r.split()[-1], set()).add(e["id"])
        self.mentions = sorted((m for m in mentions if m.attrs.get("entity") in self.entities),
                               key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.gender: dict[str, str | None] = {k: v.gender for k, v in self.entities.items()}
        self._learn_gender()
        self.names: dict[str, str] = {}
        for e in table:  # a word that is an entity's whole name names that entity ("Facebook", not "Facebook Research")
            for alias in [e["name"], *e.get("aliases", [])]:
                if " " not in alias and alias[:1].isupper() and len(alias) > 2:
                    self.names.setdefault(name_form(alias), e["id"])
        for e in table:
            for alias in [e["name"], *e.get("aliases", [])]:
                for w in alias.split():
                    if (w[:1].isupper() and len(w) > 2 and w.lower() not in _NOT_NAMES
                            and (e["type"] == "PERSON" or w.lower() not in _GENERIC_HEADS)):
                        self.names.setdefault(name_form(w), e["id"])

    def _learn_gender(self) -> None:
        """Vote with the first personal pronoun after a person's mention in its sentence.

        The pronoun stands before the next person named (a place or a body between them is no
        one a "she" could stand for: "For Ada Roe in Lyon, this came before she turned 25"),
        and no other person is named earlier in the sentence (a pronoun after an object
        usually stands for the subject: "When Ada Roe met Ian Lind, she felt").  A plural or
        first-person pronoun first ends the search ("Roe said they had to ask whether he
        could"); "Roe said she" counts twice, the pronoun a writer ties to the speaker.
        """
        votes: dict[str, list[int]] = {}
        person = [self.entities[m.attrs["entity"]].type == "PERSON" for m in self.mentions]
        for k, m in enumerate(self.mentions):
            ent = self.entities[m.attrs["entity"]]
            if not person[k] or self.gender.get(ent.id):
                continue
            opening = self.text[max(0, m.start - 300) : m.start]
            cut = max(opening.rfind(c) for c in ".!?\n")
            sentence_start = m.start - len(opening) + cut + 1
            if any(person[i] and self.mentions[i].start >= sentence_start and self.mentions[i].end <= m.start
                   and self.entities[self.mentions[i].attrs["entity"]].id != ent.id for i in range(max(0, k - 6), k)):
                continue
            j = k + 1
            while j < len(self.mentions) and (self.mentions[j].start < m.end or not person[j]):
                j += 1
            limit = self.mentions[j].start if j < len(self.mentions) else len(self.text)
            stop = min(limit, m.end + 200)
            seg = self.text[m.end : stop]
            end = re.search(r"[.!?\n]", seg)
            seg = seg[: end.start()] if end else seg
            weight = 2 if _SAID_PRONOUN.match(seg) else 1
            words = _WORD.findall(seg.lower())
            for i, w in enumerate(words):
                # "Cable was ill, so she visited him": an object of the other gender after the
                # pronoun is the person named; the pronoun is someone else
                if w in _MALE_VOTE:
                    if "herself" not in words[i + 1 :]:
                        votes.setdefault(ent.id, [0, 0])[0] += weight
                    break
                if w in _FEMALE_VOTE:
                    if "him" not in words[i + 1 :] and "himself" not in words[i + 1 :]:
                        votes.setdefault(ent.id, [0, 0])[1] += weight
                    break
                if w in _OTHER_PERSONS:
                    break
        for eid, (male, female) in votes.items():
            if male != female:
                self.gender[eid] = "m" if male > female else "f"

    def overlapping(self, start: int, end: int) -> EntityRef | None:
        k = bisect.bisect_left(self.starts, end)
        best = None
        rank = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3}
        for m in self.mentions[max(0, k - 8) : k]:
            if m.start < end and start < m.end:
                ent = self.entities[m.attrs["entity"]]
                if ent.type == "PERSON" and self._possessor(m.end, end):
                    continue  # "Kostel's party": the party spoke, not Kostel
                if self._qualifier(ent, m.end, end):
                    continue  # "the Vostranian foreign ministry", "an Oregon jury" spoke, not the place
                if best is None or rank.get(ent.type, 9) < rank.get(best.type, 9):
                    best = ent
        return best

    def preceding(self, pos: int, types: Sequence[str], gender: str | None = None,
                  skip: tuple[int, int] | None = None, among: set[str] | None = None,
                  possessors: bool = True) -> EntityRef | None:
        """The nearest entity mentioned before ``pos`` of one of ``types`` (and, if given, one
        of the ids ``among``), compatible with ``gender``, outside ``skip``; not one named only
        as a possessor ("Sandor's remarks") unless ``possessors``."""
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0:
            m = self.mentions[k]
            k -= 1
            if skip and skip[0] <= m.start < skip[1]:
                continue
            if not possessors and self._possessor(m.end, len(self.text)):
                continue
            ent = self.entities[m.attrs["entity"]]
            if ent.type not in types or (among is not None and ent.id not in among):
                continue
            g = self.gender.get(ent.id)
            if gender and g and g != gender:
                continue
            return ent
        return None

    def _agency_before(self, pos: int, skip: tuple[int, int] | None, news: bool) -> EntityRef | None:
        wanted = {e for e, is_news in self.agencies.items() if e in self.entities and (is_news or not news)}
        hit = self.preceding(pos, ("ORG",), None, skip, among=wanted)
        if hit is None and len(wanted) == 1:
            hit = self.entities[next(iter(wanted))]
        return hit

    def resolve(self, start: int, end: int, *, previous: EntityRef | None = None,
                skip: tuple[int, int] | None = None) -> EntityRef | None:
        """The entity a source mention ``[start, end)`` refers to, if the article names one.

        ``previous`` is the speaker of the previous attribution; ``skip`` a range (the
        attribution's content) whose mentions are not antecedents.
        """
        words = [_ROLE_ABBREVIATIONS.get(w.lower(), w.lower()) for w in _WORD.findall(self.text[start:end])]
        hit = self.overlapping(start, end)
        if len(words) > 1 and words[-1] in ROLE_NOUNS and (hit is None or hit.type != "PERSON"):
            holders = self.role_heads.get(words[-1], set())
            return self.entities[next(iter(holders))] if len(holders) == 1 else None
        if hit is not None:
            return hit
        if not words:
            return None
        head = words[0] if len(words) == 1 else None
        if head in _MALE_PRON or head in _FEMALE_PRON:
            gender = "m" if head in _MALE_PRON else "f"
            # "Asked about Sandor's remarks, she said": "she" is not the possessor
            cand = self.preceding(start, ("PERSON",), gender, skip, possessors=False) or self.preceding(
                start, ("PERSON",), gender, skip)
            if (previous is not None and previous.type == "PERSON" and cand is not None and cand.id != previous.id
                    and self.gender.get(previous.id) == gender and self.gender.get(cand.id) != gender):
                cand = previous
            if cand is not None and self.gender.get(cand.id) is None:
                self.gender[cand.id] = gender  # "he said" -> X: X is referred to as "he" from now on
            return cand
        if head in _RELATIVE:
            return self.preceding(start, ("PERSON", "ORG", "NORP", "GPE"), None, skip)
        if head in _GROUP_PRON:
            return self.preceding(start, ("ORG", "NORP", "GPE") if head in ("it", "its") else ("ORG", "NORP", "GPE", "PERSON"),
                                  None, skip) if head in ("it", "its") else (
                self.preceding(start, ("ORG", "NORP"), None, skip))
        agency = _AGENCY.fullmatch(self.text[start:end].strip()) if self.agencies else None
        if agency:
            return self._agency_before(start, skip, news=bool(agency.group("news")))
        for found in reversed(list(_WORD.finditer(self.text, start, end))):
            w = found.group()
            eid = self.names.get(name_form(w)) if w[:1].isupper() else None  # names are capitalised ("Kostel's" is none)
            if eid is not None and not self._qualifier(self.entities[eid], found.end(), end):
                return self.entities[eid]
        return None

    def _qualifier(self, ent: EntityRef, pos: int, end: int) -> bool:
        """Whether a nationality or place ending at ``pos`` only qualifies a body named after it
        ("the Vostranian foreign ministry", "an Oregon jury", "a Moscow court"); a possessive
        place still speaks through its body ("Russia's foreign ministry": Russia)."""
        if ent.type == "NORP":
            return self._modifies_a_body(pos, end)
        return ent.type in ("GPE", "LOC") and not self._possessor(pos, end) and self._modifies_a_body(pos, end)

    def _modifies_a_body(self, pos: int, end: int) -> bool:
        """Whether a body is named after ``pos`` in a mention ending at ``end`` ("… foreign
        ministry", "… embassy", "… jury")."""
        return any(w.lower() in _GENERIC_HEADS or w.lower() in _BODIES for w in _WORD.findall(self.text[pos:end]))

    def _possessor(self, pos: int, end: int) -> bool:
        """Whether the name ending at ``pos`` is a possessor ("Kostel's") inside a mention ending at ``end``."""
        return self.text.startswith(("'s", "’s"), pos) and re.search(r"\w", self.text[pos + 2 : end]) is not None
