"""A named person's account of what someone else said: the person gives the account.

News often reports words through a witness: "At 2,300 feet, according to Gibson, Major said he
could see the stop sign", "He had told his mother that he had never been in love, according to
Easley".  The one quoted is the witness, who tells the story; what they are quoted on is the
whole clause, the other's speech verb included ("Major said he could see the stop sign").  The
Gender Gap Tracker's annotation reads it so.  An outlet, a reporter, a document ("according to
the complaint") or an unnamed source ("according to two people who attended") only passes the
words on: they stay the inner speaker's, with that relay (:mod:`.relays`).

:func:`witness_account` finds the form around one attribution whose source stands before its
cue and content ("X said P", "X told Y that P"), with ", according to Z" either before its
source (in its sentence) or right after a content piece, Z a person named by name.

>>> from propscope.article import Span
>>> text = "At dusk, according to Ann Gibson, Major said he saw the sign."
>>> m = [Span(22, 32, "PERSON"), Span(34, 39, "PERSON")]
>>> content, cue, source = witness_account(text, [(45, 60)], (40, 44), (34, 39), m, (0, len(text)))
>>> text[content[0][0] : content[0][1]], text[cue[0] : cue[1]], text[source[0] : source[1]]
('Major said he saw the sign', 'according to', 'Ann Gibson')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propscope.article import Span

from .relays import is_outlet_name, is_reporter
from .saying import SPEECH_VERBS, is_saying_word

__all__ = ["subject_after_witness", "witness_account"]

_NAME = r"(?P<who>[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){0,3})"
#: "…, according to Gibson, " closing the text before the inner source
_BEFORE = re.compile(rf"(?P<cue>(?i:according\s+to))\s+{_NAME}\s*,\s*$")
#: ", according to Easley" right after a content piece, before a comma or the sentence's end
_AFTER = re.compile(rf"\s*,\s*(?P<cue>(?i:according\s+to))\s+{_NAME}\s*(?=[,.;!?]|$)")

Spans = list[tuple[int, int]]


def _named_person(text: str, a: int, b: int, mentions: Sequence[Span]) -> bool:
    """Whether ``text[a:b]`` is a person's name (a PERSON mention opens it and none of another
    type lies in it), not a reporter's and not an outlet's."""
    inside = [m for m in mentions if a <= m.start < b]
    if not inside or inside[0].start != a or any(m.label != "PERSON" for m in inside):
        return False
    name = text[a:b]
    return not is_reporter(text, name) and not is_outlet_name(name)


def _reports_speech(text: str, cue: tuple[int, int]) -> bool:
    words = text[cue[0] : cue[1]].lower().split()  # "said", "had told"
    return bool(words) and len(words) <= 2 and (words[-1] in SPEECH_VERBS or is_saying_word(words[-1]))


def subject_after_witness(text: str, cue: tuple[int, int] | None, source: tuple[int, int] | None,
                          mentions: Sequence[Span]) -> tuple[int, int] | None:
    """The subject of ``cue`` where the source read for it is the witness the sentence opens
    with ("According to Ann Weber, Carl Pope told aides …" with "Ann Weber" as the source of
    "told"): the name between them, right before the cue; else ``source`` as it is."""
    if cue is None or source is None or source[1] > cue[0]:
        return source
    if not re.search(r"(?i:according\s+to)\s+$", text[max(0, source[0] - 20) : source[0]]):
        return source
    m = re.fullmatch(r"\s*,\s*(\S.*?)\s*", text[source[1] : cue[0]], re.DOTALL)
    if m is None:
        return source
    a, b = source[1] + m.start(1), source[1] + m.end(1)
    named = next((x for x in mentions if x.start == a and x.end == b), None)
    return (a, b) if named is not None and named.label in ("PERSON", "ORG") else source


def witness_account(text: str, content: Sequence[tuple[int, int]], cue: tuple[int, int] | None,
                    source: tuple[int, int] | None, mentions: Sequence[Span],
                    sentence: tuple[int, int] | None) -> tuple[Spans, tuple[int, int], tuple[int, int]] | None:
    """(content, cue, source) of the witness's account around the attribution ``X said P``
    (``source`` X, ``cue`` said, ``content`` P), else None.  ``mentions``: the entity
    mentions, sorted; ``sentence``: the sentence of the cue."""
    if cue is None or source is None or not content or sentence is None:
        return None
    if not (source[1] <= cue[0] and cue[1] <= content[0][0]) or not _reports_speech(text, cue):
        return None
    lo = sentence[0]
    m = _BEFORE.search(text, lo, source[0])
    if m is not None and _named_person(text, m.start("who"), m.end("who"), mentions):
        pieces = [(source[0], content[0][1]), *content[1:]]
        return pieces, (m.start("cue"), m.end("cue")), (m.start("who"), m.end("who"))
    for i, (_, b) in enumerate(content):
        m = _AFTER.match(text, b, max(b, sentence[1]))
        if m is not None and _named_person(text, m.start("who"), m.end("who"), mentions):
            pieces = [(source[0], b), *content[i + 1 :]]
            return pieces, (m.start("cue"), m.end("cue")), (m.start("who"), m.end("who"))
    return None
