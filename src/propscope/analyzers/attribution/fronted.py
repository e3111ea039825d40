"""A name fronted as the topic of a sentence whose subject is a pronoun: that pronoun, and a
"he"/"she" source right after, stand for the name.

News writers open a sentence with the person it is about and go on with a pronoun: "For
Espinos, who understands the challenges of ambition, he's simply filling a niche. “You gotta
start somewhere,” he says."  The fronted name is no grammatical subject, so the ranking of
:class:`~.speakers.AttributionSpeakers` weighs it no more than the speaker quoted just before
(someone else); :func:`fronted_topic` reads the pattern.  Only "For"/"To" front a topic: a
contrast ("Unlike Al Mnajer, he has been unable to find work") names someone the pronoun is not.

>>> bool(_TOPIC_LEAD.fullmatch("For "))
True
>>> bool(_TOPIC_LEAD.fullmatch("Unlike "))
False
"""

from __future__ import annotations

import bisect
import re
from typing import Any

__all__ = ["fronted_topic"]

#: what opens a sentence before a fronted topic ("For Espinos, …", "To Ana Roe, …")
_TOPIC_LEAD = re.compile(r"\s*(?:For|To)\s+")
#: after the name: an optional relative clause, then the comma and the pronoun subject
_PRONOUN_AFTER = re.compile(r"(?:\s*,\s*(?:who|whose)\b[^.;!?“”\"]*?)?\s*,\s+(?P<pronoun>he|she)\b")


def fronted_topic(resolver: Any, start: int, gender: str | None, skip: tuple[int, int] | None) -> Any:
    """The person fronted as the topic of the story sentence just before a "he"/"she" of ``gender``
    at ``start`` ("For Espinos, … he's …"), when that sentence goes on with the same pronoun and
    no other person who could be it is named between; else None.  ``resolver``: the
    :class:`~.speakers.AttributionSpeakers` resolving it."""
    r = resolver
    if gender is None or not r.sentences:
        return None
    k = bisect.bisect_right(r.sent_starts, start) - 2
    while k >= 0:  # the story sentence before the pronoun's (captions and separator lines skipped)
        s = r.sentences[k]
        if re.search(r"[^\W\d_]", r.text[s.start : s.end]) and not (r.paragraphs and r._furniture[r._par(s.start)]):
            break
        k -= 1
    if k < 0:
        return None
    s = r.sentences[k]
    for m in r.mentions[bisect.bisect_left(r.starts, s.start) : bisect.bisect_left(r.starts, s.end)]:
        ent = r.entities[m.attrs["entity"]]
        if ent.type != "PERSON" or not _TOPIC_LEAD.fullmatch(r.text[s.start : m.start]):
            continue
        after = _PRONOUN_AFTER.match(r.text, m.end, s.end)
        if after is None or {"he": "m", "she": "f"}[after.group("pronoun")] != gender \
                or r.gender.get(ent.id) not in (None, gender):
            return None
        for other in r.mentions[bisect.bisect_right(r.starts, m.start) : bisect.bisect_left(r.starts, start)]:
            o = r.entities[other.attrs["entity"]]
            if o.type == "PERSON" and o.id != ent.id and r.gender.get(o.id) in (None, gender) \
                    and not (skip and skip[0] <= other.start < skip[1]):
                return None
        return ent
    return None
