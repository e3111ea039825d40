"""An unnamed speaker the story quoted last: the "he"/"she" after them is them, not a name.

News quotes people it does not name: "…, a private security professional present during the
attack told Reuters. … Eventually the militants holed up on the top floor, he said."  The
"he" is the professional, whom no name names; ranking the people named before would give the
words to someone the story mentioned earlier (the president, in that story).
:func:`unnamed_person` reads such a source ("a private security professional present …",
"an official with the agency", "the driver"); :class:`~.speakers.AttributionSpeakers` keeps
the last one (``unnamed``) and :func:`pronoun_after_unnamed` leaves a pronoun after it
unresolved while no one is named between them.

>>> unnamed_person("a private security professional present during the attack")
(True, None)
>>> unnamed_person("one of her Tinder matches") is None
True
>>> unnamed_person("a spokeswoman for the ministry")
(True, 'f')
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from .descriptions import _is_person_noun, noun_gender

__all__ = ["pronoun_after_unnamed", "unnamed_person"]

#: a determiner, then up to five words before the phrase that qualifies the noun ends the head
_LEAD = re.compile(r"(?i:a|an|another|the)\s+(?P<words>[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,5})")
#: people nouns the suffix rule of :mod:`.descriptions` misses
_PEOPLE = frozenset("professional witness guard individual passerby bystander resident neighbour neighbor relative "
                    "colleague employee staffer aide insider source".split())
_STOP = frozenset("of for with from at in on who whom whose that which present working based close near "
                  "familiar".split())


def unnamed_person(source: str) -> tuple[bool, str | None] | None:
    """(True, gender of its noun or None) when the source ``source`` describes one person by a
    common noun alone, with no name ("a private security professional present during the
    attack", "the driver"); None for names, groups and plurals, and for a part of a group
    ("one of …")."""
    m = _LEAD.match(source.strip())
    if m is None:
        return None
    head = None
    for w in m.group("words").split():
        if w in _STOP:
            break
        head = w
    plural = head is not None and head.endswith("s") and not head.endswith(("ss", "us"))
    if head is None or plural or not (head in _PEOPLE or _is_person_noun(head)):
        return None
    return True, noun_gender(head)


def pronoun_after_unnamed(resolver: Any, start: int, gender: str, skip: tuple[int, int] | None) -> bool:
    """Whether a "he"/"she" of ``gender`` at ``start`` stands for the last source that named no one
    (``resolver.unnamed``: its span and the gender of its noun, or None): in the same or the story
    paragraph before, of that gender or of none known, with no person named and no named person
    quoted since (a relay, "told Reuters", is no speaker).  ``resolver``: the
    :class:`~.speakers.AttributionSpeakers` resolving it."""
    r = resolver
    if r.unnamed is None or r.unnamed[1] > start or r.unnamed[2] not in (None, gender):
        return False
    a, b, _ = r.unnamed
    if r._story_index[r._par(start)] - r._story_index[r._par(a)] > 1:
        return False
    if any(a < at < start and eid in r.entities and r.entities[eid].type == "PERSON" for eid, at in r.spoke_at.items()):
        return False
    between = r.mentions[bisect.bisect_left(r.starts, b) : bisect.bisect_left(r.starts, start)]
    return not any(r.entities[m.attrs["entity"]].type == "PERSON" and not (skip and skip[0] <= m.start < skip[1])
                   for m in between)
