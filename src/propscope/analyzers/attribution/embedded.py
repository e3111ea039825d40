"""A second attribution inside the content of a first: "According to EHS, X, but Chapman says Y".

The tagger gives one attribution per sentence more often than not, so a sentence that sets
one source against another ("According to EHS, the target is met in 90 per cent of cases but
Chapman says that's not what the union is seeing") becomes one attribution whose content
runs over the second cue, and the second speaker's words go to the first (and so does every
quotation that continues the second speaker).

:func:`embedded_cue` finds, inside an unquoted content, a contrasting or coordinating clause
opened by a named source (an entity mention, or he/she/they) and a verb of saying in the
present or past ("but Chapman says", "while the union argued that"), and returns where to cut:
the first content ends before the conjunction; the clause is an attribution of its own.

>>> text = "According to EHS, the target is met, but Chapman says that is not so."
>>> embedded_cue(text, (18, len(text) - 1), [Span(41, 48, "PERSON")])
(35, (49, 53), (41, 48), (54, 68))
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from propscope.article import Span

__all__ = ["embedded_cue"]

#: verbs that open a clause of reported speech after a contrast ("but X says")
_VERBS = ("says|said|argues|argued|insists|insisted|counters|countered|maintains|maintained|contends|contended|"
          "notes|noted|warns|warned|believes|believed|disagrees|disagreed|claims|claimed|adds|added|told")
_CLAUSE = re.compile(r"(?P<conj>,?\s*\b(?:but|while|whereas|though|although|however)\s+)"
                     r"(?P<src>(?:(?:the|a|an)\s+)?[\w’'.\- ]{2,60}?)\s+(?P<cue>" + _VERBS + r")\b"
                     r"(?P<that>\s+(?:that\s+(?!(?:is|was|has|will|would)\b))?|\s*,\s*)")
_PRONOUN = re.compile(r"(?:he|she|they)", re.IGNORECASE)


def embedded_cue(text: str, content: tuple[int, int], mentions: Sequence[Span]
                 ) -> tuple[int, tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """(end of the first content, cue, source, second content) for a "…, but X says …" clause
    inside ``content`` (``mentions``: entity mentions, sorted by start); None when there is
    none, when the content holds a quotation mark, or when the clause says too little."""
    # for sentences that set two sources against each other: each keeps its own words
    a, b = content
    piece = text[a:b]
    if re.search(r"[\"“”„«»]", piece):
        return None
    starts = [m.start for m in mentions]
    for m in _CLAUSE.finditer(piece):
        src = (a + m.start("src"), a + m.end("src"))
        named = _PRONOUN.fullmatch(m.group("src")) is not None
        if not named:
            k = bisect.bisect_left(starts, src[0])
            # the source is an entity mention (after an optional article), nothing else
            named = any(mentions[j].end == src[1] and re.fullmatch(r"(?:(?:the|a|an)\s+)?",
                                                                    text[src[0] : mentions[j].start], re.IGNORECASE)
                        for j in range(k, min(len(mentions), k + 3)))
        rest = (a + m.end(), b)
        if not named or len(re.findall(r"\w+", text[rest[0] : rest[1]])) < 3:
            continue
        first_end = a + m.start("conj")
        if len(re.findall(r"\w+", text[a:first_end])) < 3:
            continue
        return first_end, (a + m.start("cue"), a + m.end("cue")), src, rest
    return None
