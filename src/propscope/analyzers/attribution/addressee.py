"""The person a question was put to: who answers the "he said"/"she said" after it.

Interview write-ups put a question to a guest, then quote the answer under a pronoun:
"Reed asked Holt in a radio interview if he regretted the vote. / “Never,” he said."  The
interviewer is the sentence's subject and often the person named most recently; the one who
answers is the one asked.  :func:`asked_in` finds, among the people a sentence names, the
one it puts a question to: the object of "asked"/"questioned"/"pressed"/"quizzed" followed by
a question ("if", "whether", "about", "what", a colon or a quotation), or the subject of a
passive "was asked".  A request ("asked Holt to resign", "asked Holt for help") puts no
question, so it names no addressee.

>>> s = "Reed pressed Holt on the vote."
>>> asked_in(s, 0, len(s), [(0, 4), (13, 17)])
(13, 17)
>>> s = "Reed asked Holt to resign."
>>> asked_in(s, 0, len(s), [(0, 4), (11, 15)]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["asked_in", "asks_again"]

#: a verb that puts a question to the person named right after it (titles and "former" between)
_ASK_BEFORE = re.compile(r"\b(?:asked|asking|asks|questioned|questioning|pressed|pressing|presses|quizzed|"
                         r"quizzing|grilled|grilling)\s+(?:(?:former|then|ex-)\s*)?(?:[A-Z][\w.’'\-]*\s+){0,3}$")
#: what follows the person asked when it is a question, not a request: a question word, a
#: colon or question mark, a quotation, after at most a short adjunct ("in an interview aired Monday")
_QUESTION_AFTER = re.compile(r"(?:,?\s+(?:in|during|at|on|after|before|later|again|repeatedly|directly|also|then)\b"
                             r"[^,.;:?!“”\"]{0,60}?)?,?\s*(?:(?:if|whether|about|what|how|why|when|where|who|whom|"
                             r"which|on|over|regarding)\b|[:?“\"])")
#: a passive question put to the person named right before ("Holt was asked", "Holt, when asked")
_ASKED_AFTER = re.compile(r"\s*(?:,\s*(?:who\s+(?:was|is|had\s+been)|when)|\s+(?:was|is|were|has\s+been|had\s+been))"
                          r"\s+(?:also\s+|later\s+|then\s+|again\s+|repeatedly\s+)?(?:asked|questioned|pressed|"
                          r"quizzed)\b")
#: a pronoun whose own verb asks: the interviewer speaking again, not the one answering
_ASKS = re.compile(r"[\w’']+\s+(?:\w+ly\s+)?(?:asked|asks|pressed|presses|questioned|wondered|wonders|"
                   r"followed\s+up|interjected|interrupted)\b")


def asked_in(text: str, start: int, end: int, people: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The span, among ``people`` (person mentions inside ``text[start:end]``, in order), of the
    last one the sentence puts a question to; None when it puts none to a person it names."""
    # for interview write-ups: the answer after a question belongs to the one asked
    for a, b in reversed(people):
        if _ASK_BEFORE.search(text[max(start, a - 60) : a]) and _QUESTION_AFTER.match(text[b:end]):
            return a, b
        if _ASKED_AFTER.match(text[b:end]):
            return a, b
    return None


def asks_again(text: str, pronoun: int) -> bool:
    """Whether the pronoun at ``pronoun`` is the subject of a verb of asking ("he pressed"):
    the interviewer's own words, which no addressee answers."""
    return _ASKS.match(text, pronoun) is not None
