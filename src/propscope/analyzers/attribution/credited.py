"""A line that ends with the name of the person it quotes: a pull quote and its credit.

Feature stories set a speaker's words apart on a line of their own, credited by name after
them with no quotation marks and no dash: "I'm not happy I have cancer, but I'm still thankful
for what it's brought me. Ana Roe."  The tagger reads the words as the nearest pronoun's
("She suddenly had a lot of free time …" just before); :func:`credited_lines` finds such lines:
first-person words (the credited person speaks of themselves), then a full name the entity layer
knows as a person and nothing else.

>>> bool(_FIRST_PERSON.search("I'm still thankful for it"))
True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence

from propscope.analyzers.entities.resolve import EntityRef
from propscope.article import Span

__all__ = ["credited_lines"]

#: a line of words, then the credit: a sentence-final mark after a lower-case word (no "Dr." or "Gov."
#: before a name), a space, the name, a full stop at most
_CREDITED = re.compile(r"(?P<words>\S[^\n]{15,}?[a-z)][.!?][”\"’]?)\s+"
                       r"(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]*){1,3}?)\s*\.?\s*")
#: what the person says of themselves
_FIRST_PERSON = re.compile(r"\b(?:I(?![\w’'\-.])|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|we|our|us)\b")


def credited_lines(text: str, paragraphs: Sequence[Span], mentions: Sequence[Span],
                   entities: Mapping[str, EntityRef]) -> list[tuple[tuple[int, int], tuple[int, int], EntityRef]]:
    """(words, name span, person) of each line of the ``paragraphs`` that is first-person words
    followed by the full name of a person the entity layer knows, and nothing more."""
    # for pull quotes credited by name on the same line
    starts = [m.start for m in mentions]
    out = []
    lines = [(p.start + x.start(), p.start + x.end()) for p in paragraphs
             for x in re.finditer(r"[^\n]+", text[p.start : p.end])]  # a paragraph may hold several lines
    for la, lb in lines:
        m = _CREDITED.fullmatch(text, la, lb)
        if m is None or not _FIRST_PERSON.search(m.group("words")):
            continue
        last = re.findall(r"[\w’'\-]+", m.group("words"))[-1]
        if last[0].isupper():
            continue  # "… diseases Dr. Sylvie Brand": a title before the name, no end of the words
        a, b = m.span("name")
        name = [x for x in mentions[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]
                if x.start == a and x.end >= b - 1]
        ent = entities.get(name[0].attrs.get("entity", "")) if name else None
        if ent is None or ent.type != "PERSON":
            continue
        out.append((m.span("words"), (a, name[0].end), ent))
    return out
