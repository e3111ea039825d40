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
- ``recency``: paragraphs between the candidate's last mention and the pronoun;
- ``subject``: the candidate's last mention opens its sentence (the grammatical subject);
- ``same_sentence``: the candidate is named earlier in the pronoun's own sentence;
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

from propscope.analyzers.entities.resolve import EntityRef, SpeakerResolver
from propscope.article import Span

__all__ = ["AttributionSpeakers", "WEIGHTS", "MIN_SCORE", "is_furniture"]

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
    r"^\s*(?:Photo|Image|Video|Watch|Listen|Read more|Related)\b|\bcredit\b|\(\s*[A-Z][\w.\- ]+/[A-Z][\w.\- ]+\))",
    re.IGNORECASE | re.MULTILINE)


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
        word = self.text[start:end].strip().lower()
        if word in _HE_SHE and self.paragraphs:
            return self.rank_pronoun(start, _HE_SHE[word], previous, skip)
        return super().resolve(start, end, previous=previous, skip=skip)

    def features(self, start: int, gender: str, ent: EntityRef, last: Span, count: int,
                 previous: EntityRef | None) -> dict[str, float] | None:
        """The ranking features of one candidate (None: ruled out by gender)."""
        g = self.gender.get(ent.id)
        if g is not None and g != gender:
            return None
        sent = self._sent(start)
        last_sent = self._sent(last.start)
        opens = last_sent is not None and not re.search(r"\w", re.sub(
            r"\b(?:[A-Z][\w’'.\-]*|the|a|an|former|then)\b", "", self.text[last_sent.start : last.start]))
        return {
            "last_speaker": 1.0 if previous is not None and previous.id == ent.id else 0.0,
            "gender_known": 1.0 if g == gender else 0.0,
            "recency": float(min(6, self._par(start) - self._par(last.start))),
            "subject": 1.0 if opens else 0.0,
            "same_sentence": 1.0 if sent is not None and sent.start <= last.start else 0.0,
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

    def rank_pronoun(self, start: int, gender: str, previous: EntityRef | None,
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
        if self.gender.get(ent.id) is None:
            self.gender[ent.id] = gender  # "he said" -> X: X is referred to as "he" from now on
        return ent
