"""Speaker resolution for attributions: personal pronouns ranked over their candidates.

:class:`AttributionSpeakers` extends the entities analyzer's :class:`SpeakerResolver` for
one case, the commonest source of wrong speakers on real articles: a "he"/"she" source.
The base resolver takes the nearest preceding person of compatible gender; news text names
people in passing (a reporter in a video promo, a photographer in a credit line, a place
or a bill the small NER model typed as a person) between a speaker and the pronoun that
continues them.  Here every person mentioned before the pronoun is a candidate and gets a
score from features news attribution follows (issue 15 §1):

- ``last_speaker``: the speaker of the previous attribution (news quotes one person for
  several paragraphs);
- ``gender``: agreement known from the text (titles, pronouns after the person's own
  mentions, earlier pronouns resolved to them); a known mismatch rules a candidate out;
- ``recency``: paragraphs of story text (not separators, captions, promos) between the
  candidate's last mention and the pronoun;
- ``subject``: the candidate's last mention opens its sentence (the grammatical subject);
- ``same_sentence``: the candidate is the subject of the pronoun's own sentence;
- ``salience``: how often the article names the candidate;
- ``furniture``: the candidate's last mention stands in a caption, photo credit or video
  promo line (no sentence of the story);
- ``one_word``: a one-word name of unknown gender that no title or pronoun ties to a
  person (towns, volcanoes and bills the NER model calls PERSON).

The weights (:data:`WEIGHTS`) are hand-set and documented, not learned: learning them from
PolNeAR train ("Full Name said" with the name replaced by its pronoun) is the next step.
Below :data:`MIN_SCORE` the answer is "unresolved" (a wrong name is worse than none).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from propscope.analyzers.entities.canonical import ROLE_NOUNS, name_form
from propscope.analyzers.entities.resolve import EntityRef, SpeakerResolver
from propscope.article import Span

__all__ = ["AttributionSpeakers", "WEIGHTS", "MIN_SCORE", "is_furniture", "head_name"]

_HE_SHE = {"he": "m", "she": "f"}

#: feature weights of the pronoun ranking (hand-set on the rules above; see module doc)
WEIGHTS = {
    "last_speaker": 2.0,
    "gender_known": 1.5,
    "recency": -0.6,  # per paragraph between the last mention and the pronoun, capped at 6
    "subject": 0.8,
    "same_sentence": 1.0,
    "salience": 0.5,  # times log(1 + mentions before the pronoun)
    "furniture": -4.0,
    "one_word": -1.5,
}
#: a candidate scoring below this is no answer
MIN_SCORE = -3.5

#: caption, credit and promo lines: "(Steve Lawrence/CBC)", "Luis Tato AFP Getty Images",
#: "… tells us about … 10:43.", "Photo: …"
_FURNITURE = re.compile(
    r"(?:\b\d{1,2}:\d{2}\.?\s*$|\bGetty\b|\bImages\b|\bAFP\b\s*$|/\s*(?:CBC|AP|AFP|Reuters|Getty)\b|"
    r"^\s*(?:Photo|Image|Video|Watch|Listen|Read more|Related)\b|\bcredit\b|\bcontinue[sd]? below(?: advertisement)?\s*\.?\s*$|"
    r"^\s*advertisement\s*\.?\s*$|\(\s*[A-Z][\w.\- ]+/[A-Z][\w.\- ]+\))",
    re.IGNORECASE | re.MULTILINE)


#: words that hold a role before or after a name ("Sharks head coach Peter DeBoer", "Liberal MP Sean Fraser")
_ROLE_WORDS = ROLE_NOUNS | frozenset([
    "mp", "mpp", "mla", "mep", "coach", "member", "owner", "proprietor", "spokesperson", "representative", "rep",
    "councillor", "councilor", "counsel", "dean", "principal", "captain", "chief", "deputy", "vice-president",
    "superintendent", "inspector", "sergeant", "constable", "detective", "sheriff", "pastor", "father", "mother",
    "brother", "sister", "son", "daughter", "wife", "husband", "dad", "mom", "mum", "friend", "partner", "resident",
    "student", "worker", "organizer", "organiser", "activist", "expert", "scientist", "doctor", "nurse", "editor",
    "reporter", "columnist", "host", "mechanic", "farmer", "volcanologist", "vice"])
#: name words that make a run an organisation, not a person
_ORG_WORDS = frozenset([
    "agency", "ministry", "department", "office", "service", "council", "committee", "commission", "party",
    "government", "court", "bank", "university", "institute", "association", "union", "company", "corporation",
    "group", "organisation", "organization", "authority", "board", "news", "press", "national", "federal", "state",
    "united", "workers", "inc", "ltd", "corp", "co", "canada", "press", "times", "post", "school", "college",
    "hospital", "police", "city", "county", "province", "railway", "club", "league", "foundation", "centre", "center"])
_NAME_WORD = re.compile(r"[A-Z][\w’'\-]*[a-z][\w’'\-]*$")
#: bodies a definite description can name ("the company", "The Calgary-based railway")
_BODY_NOUNS = frozenset([
    "company", "firm", "union", "department", "ministry", "group", "organization", "organisation", "railway",
    "club", "team", "board", "council", "commission", "authority", "network", "business", "corporation", "league",
    "association", "retailer", "carrier", "airline", "broadcaster", "charity", "restaurant", "chain", "developer",
    "manufacturer", "automaker", "insurer", "lender", "giant", "startup", "platform", "campaign", "coalition"])
#: documents that speak for the body that wrote them ("the report", "The suit")
_DOC_NOUNS = frozenset([
    "report", "study", "statement", "lawsuit", "suit", "claim", "complaint", "paper", "document", "findings",
    "release", "letter", "filing", "survey", "review", "audit", "memo", "submission", "petition"])
_DESCRIPTION = re.compile(r"(?P<det>the|a|an|its|their|his|her)\s+(?P<mods>(?:[\w’'\-]+\s+){0,4}?)"
                          r"(?P<head>[a-z][\w\-]*?)s?$", re.IGNORECASE)
_OF_DESCRIPTION = re.compile(r"(?:the|a|an|one)\s+(?:[\w\-]+\s+){0,3}[a-z][\w\-]*\s+(?:of|at|for|from|with)\s",
                             re.IGNORECASE)
#: lowercase words inside organisation names ("National Institute on Drug Abuse")
_NAME_JOINERS = frozenset(["of", "on", "for", "and", "the", "de", "at", "in", "with", "to", "du", "la", "von", "van"])
_LEADING_NAME = re.compile(r"([A-Z][\w’'\-]*[a-z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*[a-z][\w’'\-]*){1,2})\s+"
                           r"(?:with|of|from|at)\s+(?:the\s+)?[A-Z]")
_AGE = re.compile(r"(?:the|a|an)\s+\d{1,3}-year-old\b", re.IGNORECASE)


def head_name(mention: str) -> tuple[int, int] | None:
    """Where the person's name stands in a source mention, when a role or a body qualifies it.

    "Sharks head coach Peter DeBoer", "former Bank of Canada governor David Dodge", "the
    IFSD's Azfar Ali Khan", "Navdeep Bains, Minister of …", "Will Young, a mechanic …":
    the run of two to four capitalised name words that ends the mention's head (the part
    before its first comma), after a role word, a possessive or nothing.  "Spindler's father,
    Joseph": a one-word name in apposition to a possessed role.  None when no such run.
    """
    # for news sources: the named person, not the body that qualifies their role
    head_end = mention.find(",")
    head = mention if head_end < 0 else mention[:head_end]
    words = list(re.finditer(r"[\w’'\-.]+", head))
    run: list[re.Match[str]] = []
    for w in reversed(words):
        t = w.group()
        if (not _NAME_WORD.match(t) or t.lower() in _ROLE_WORDS or t.lower() in _ORG_WORDS
                or t.endswith(("'s", "’s")) or len(run) == 4):
            break
        run.insert(0, w)
    before = words[len(words) - len(run) - 1].group() if len(words) > len(run) else None
    rest = mention[head_end + 1 :].strip() if head_end >= 0 else ""
    if (len(run) == 1 and before is not None and before[:1].isupper() and before.lower() in _ROLE_WORDS
            and head_end < 0):
        return run[0].start(), run[0].end()  # "Hereditary Chief Na'moks": a one-word name after a title
    if 2 <= len(run) and len(run) == len(words[-len(run):]):
        role_before = before is not None and (before.lower() in _ROLE_WORDS or before.endswith(("'s", "’s"))
                                              or (before[:1].islower() and before.lower() not in _NAME_JOINERS))
        apposition = bool(rest) and (rest.split()[0].lower() in ("a", "an", "the") or rest.split()[0].lower()
                                     in _ROLE_WORDS)
        if role_before or (before is None and apposition):
            return run[0].start(), run[-1].end()
    lead = _LEADING_NAME.match(head)
    if lead is not None and not any(w.lower() in _ORG_WORDS or w.lower() in _ROLE_WORDS for w in lead.group(1).split()):
        return lead.start(1), lead.end(1)  # "Terry Chapman with the International Union of …"
    if head_end >= 0 and re.search(r"[’']s\s+(?:\w+\s+){0,2}[a-z]+\s*$", head):
        m = re.fullmatch(r"\s*([A-Z][\w’'\-]*[a-z](?:\s+[A-Z][\w’'\-]*[a-z]){0,2})\s*,?\s*", mention[head_end + 1 :])
        if m is not None:
            return head_end + 1 + m.start(1), head_end + 1 + m.end(1)
    return None


def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph reads as a caption, photo credit or video promo, not story text."""
    # for news pages: the captions and promos stand between a speaker and the next "he said"
    return _FURNITURE.search(paragraph) is not None


class AttributionSpeakers(SpeakerResolver):
    """:class:`SpeakerResolver` with "he"/"she" ranked over all preceding people."""

    def __init__(self, text: str, mentions: Sequence[Span], table: Sequence[Mapping[str, Any]],
                 agencies: Mapping[str, bool] | None = None, paragraphs: Sequence[Span] = (),
                 sentences: Sequence[Span] = ()) -> None:
        super().__init__(text, mentions, table, agencies)
        self.paragraphs = list(paragraphs)
        self.par_starts = [p.start for p in self.paragraphs]
        self.sentences = list(sentences)
        self.sent_starts = [s.start for s in self.sentences]
        self._furniture = [is_furniture(text[p.start : p.end]) for p in self.paragraphs]
        # paragraphs of story text before each paragraph: separators ("."), captions and
        # "Story continues below" lines put no distance between a speaker and their pronoun
        self._story_index, n = [], 0
        for p, furniture in zip(self.paragraphs, self._furniture):
            self._story_index.append(n)
            if not furniture and re.search(r"[^\W\d_]", text[p.start : p.end]):
                n += 1
        self.titled: set[str] = set()  # people named with a title or a first name + surname
        for m in self.mentions:
            ent = self.entities[m.attrs["entity"]]
            if ent.type == "PERSON" and (len(ent.name.split()) > 1 or re.search(
                    r"\b(?:Mr|Mrs|Ms|Dr|Sir|Lady|Lord)\.?\s*$", text[max(0, m.start - 6) : m.start])):
                self.titled.add(ent.id)

    def _par(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.par_starts, pos) - 1)

    def _sent(self, pos: int) -> Span | None:
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sentences[k] if k >= 0 else None

    def resolve(self, start: int, end: int, *, previous: EntityRef | None = None,
                skip: tuple[int, int] | None = None) -> EntityRef | None:
        raw = self.text[start:end]
        word = raw.strip().lower()
        if word in _HE_SHE and self.paragraphs:
            return self.rank_pronoun(start, _HE_SHE[word], previous, skip)
        described = self._description(start, end, previous, skip)
        if described is not None:
            return described[0]
        base = super().resolve(start, end, previous=previous, skip=skip)
        named = head_name(raw)
        if named is not None and (base is None or base.type != "PERSON" or not self._same_name(
                base.name, self.text[start + named[0] : start + named[1]])):
            return self.person_named(start + named[0], start + named[1])
        if base is not None and base.type in ("GPE", "NORP", "LOC", "ORG") and _OF_DESCRIPTION.match(raw.strip()):
            return None  # "the 39-year-old founder of Studiocomix Press" is no press
        return base

    @staticmethod
    def _same_name(name: str, run: str) -> bool:
        return set(run.split()) <= set(name.split())

    def _description(self, start: int, end: int, previous: EntityRef | None,
                     skip: tuple[int, int] | None) -> tuple[EntityRef | None] | None:
        """A definite description as a source: "her statement" (her), "the company" (the
        nearest organisation), "the report" (the body quoted last or named nearest), "the
        32-year-old labourer" (the person ranked first), "a Vancouver hockey coach" (not the
        place).  None when the mention is no such description (the caller resolves it)."""
        # for news: bodies and documents named once, then referred to by a common noun
        raw = self.text[start:end].strip()
        if _AGE.match(raw) and self.paragraphs:
            return (self.rank_pronoun(start, None, previous, skip),)
        m = _DESCRIPTION.fullmatch(raw)
        if m is None or "," in raw:
            return None
        det, head = m.group("det").lower(), m.group("head").lower()
        if det in ("his", "her") and head in _DOC_NOUNS and self.paragraphs:
            return (self.rank_pronoun(start, "m" if det == "his" else "f", previous, skip),)
        if head in _BODY_NOUNS:
            hit = self.overlapping(start, end)
            if hit is not None and hit.type == "ORG":
                return (hit,)
            return (self.nearest_body(start, skip, previous),)
        if head in _DOC_NOUNS:
            if self.overlapping(start, end) is not None:
                return None
            if previous is not None and previous.type == "ORG":
                return (previous,)
            return (self.nearest_body(start, skip, previous),)
        hit = self.overlapping(start, end)
        if hit is not None and hit.type in ("GPE", "NORP", "LOC") and m.group("mods"):
            return (None,)  # "a Vancouver peewee hockey coach": the place does not speak
        return None

    def nearest_body(self, start: int, skip: tuple[int, int] | None, previous: EntityRef | None,
                     within: int = 6) -> EntityRef | None:
        """The organisation a common noun most likely names: among those named in the last
        ``within`` paragraphs before ``start`` (not news agencies, which relay, and not in
        furniture), the one with the best score of salience (mentions in the article so
        far, log) less distance (paragraphs, 0.3 each)."""
        here = self._par(start) if self.paragraphs else 0
        counts: dict[str, int] = {}
        near: dict[str, int] = {}
        for m in self.mentions[: bisect.bisect_left(self.starts, start)]:
            ent = self.entities[m.attrs["entity"]]
            if ent.type != "ORG" or self.agencies.get(ent.id) or (skip and skip[0] <= m.start < skip[1]):
                continue
            if self.paragraphs and self._furniture[self._par(m.start)]:
                continue
            counts[ent.id] = counts.get(ent.id, 0) + 1
            near[ent.id] = here - (self._par(m.start) if self.paragraphs else 0)
        scored = [(math.log1p(counts[e]) - 0.3 * near[e], e) for e in near if near[e] <= within]
        return self.entities[max(scored)[1]] if scored else None

    def person_named(self, a: int, b: int) -> EntityRef:
        """The person the name ``text[a:b]`` names: a known person with that name (or the
        fuller name, when the known one was cut: "Ali Khan" of "Azfar Ali Khan"), else a new
        person, remembered so that later pronouns and surnames can find them."""
        run = self.text[a:b]
        words = run.split()
        for m in self.mentions[max(0, bisect.bisect_left(self.starts, a) - 4) : bisect.bisect_left(self.starts, b)]:
            ent = self.entities[m.attrs["entity"]]
            if m.start < b and a < m.end and ent.type == "PERSON":
                if self._same_name(ent.name, run):
                    return ent
                if self._same_name(run, ent.name):
                    return EntityRef(ent.id, run, "PERSON", self.gender.get(ent.id))
        eid = self.names.get(name_form(words[-1]))
        if eid is not None and self.entities[eid].type == "PERSON":
            ent = self.entities[eid]
            if self._same_name(ent.name, run) and ent.name.split()[-1] == words[-1]:
                return ent
            if len(ent.name.split()) == 1 and ent.name == words[-1]:
                return EntityRef(ent.id, run, "PERSON", self.gender.get(ent.id))
        eid = "person:" + re.sub(r"[^\w]+", "-", run.lower()).strip("-")
        ent = self.entities.get(eid) or EntityRef(eid, run, "PERSON")
        if eid not in self.entities:
            self.entities[eid] = ent
            self.gender.setdefault(eid, None)
            if len(words) > 1:
                self.titled.add(eid)
            for w in words:
                if len(w) > 2:
                    self.names.setdefault(name_form(w), eid)
            k = bisect.bisect_left(self.starts, a)
            self.mentions.insert(k, Span(a, b, "PERSON", {"entity": eid}))
            self.starts.insert(k, a)
        return ent

    def features(self, start: int, gender: str | None, ent: EntityRef, last: Span, count: int,
                 previous: EntityRef | None) -> dict[str, float] | None:
        """The ranking features of one candidate (None: ruled out by gender)."""
        g = self.gender.get(ent.id)
        if g is not None and gender is not None and g != gender:
            return None
        sent = self._sent(start)
        last_sent = self._sent(last.start)
        opens = last_sent is not None and not re.search(r"\w", re.sub(
            r"\b(?:[A-Z][\w’'.\-]*|the|a|an|former|then)\b", "", self.text[last_sent.start : last.start]))
        return {
            "last_speaker": 1.0 if previous is not None and previous.id == ent.id else 0.0,
            "gender_known": 1.0 if g == gender else 0.0,
            "recency": float(min(6, self._story_index[self._par(start)] - self._story_index[self._par(last.start)])),
            "subject": 1.0 if opens else 0.0,
            "same_sentence": 1.0 if opens and sent is not None and sent.start <= last.start else 0.0,
            "salience": math.log1p(count),
            "furniture": 1.0 if self._furniture[self._par(last.start)] else 0.0,
            "one_word": 1.0 if g is None and ent.id not in self.titled else 0.0,
        }

    def candidates(self, start: int, skip: tuple[int, int] | None) -> dict[str, tuple[Span, int]]:
        """Each person mentioned before ``start`` (outside ``skip``, not only as a possessor):
        their last such mention and how many mentions they have before ``start``."""
        out: dict[str, tuple[Span, int]] = {}
        k = bisect.bisect_left(self.starts, start)
        for m in self.mentions[:k]:
            if skip and skip[0] <= m.start < skip[1]:
                continue
            ent = self.entities[m.attrs["entity"]]
            if ent.type != "PERSON" or self._possessor(m.end, len(self.text)):
                continue
            n = out.get(ent.id, (m, 0))[1]
            out[ent.id] = (m, n + 1)
        return out

    def rank_pronoun(self, start: int, gender: str | None, previous: EntityRef | None,
                     skip: tuple[int, int] | None) -> EntityRef | None:
        """The best-scoring person for a "he"/"she" source at ``start``, or None."""
        best: tuple[float, int, EntityRef] | None = None
        for eid, (last, count) in self.candidates(start, skip).items():
            ent = self.entities[eid]
            feats = self.features(start, gender, ent, last, count, previous)
            if feats is None:
                continue
            score = sum(WEIGHTS[k] * v for k, v in feats.items())
            key = (score, last.start, ent)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None or best[0] < MIN_SCORE:
            return None
        ent = best[2]
        if self.gender.get(ent.id) is None and gender is not None:
            self.gender[ent.id] = gender  # "he said" -> X: X is referred to as "he" from now on
        return ent
