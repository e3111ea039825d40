"""Attributions the page layout states, applied after speakers are resolved (issue 15 §3).

- :func:`continued_quotes`: a paragraph that is only a quotation, with no cue, continues the
  speaker of the attribution just before it ("…," she said. / "And the combination can be
  lethal."): news quotes one person over several paragraphs and names them once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from propscope.article import Span

__all__ = ["continued_quotes", "only_quotation"]

_LETTER = re.compile(r"[^\W\d_]")


def only_quotation(text: str, para: Span, quotes: Sequence[Span]) -> list[Span]:
    """The top-level quotes of ``para`` when, outside them, it holds no letter (else [])."""
    inside = [q for q in quotes if q.attrs.get("depth", 0) == 0 and q.start < para.end and para.start < q.end]
    if not inside:
        return []
    pos, rest = para.start, []
    for q in sorted(inside, key=lambda q: q.start):
        rest.append(text[pos : max(pos, q.start)])
        pos = max(pos, q.end)
    rest.append(text[pos : para.end])
    return [] if _LETTER.search("".join(rest)) else inside


def continued_quotes(text: str, paragraphs: Sequence[Span], quotes: Sequence[Span], found: Sequence[Any],
                     make: Callable[[tuple[int, int], Any], Any], skip_paragraph: Callable[[Span], bool]) -> list[Any]:
    """New attributions for cue-less quotation paragraphs that continue the last speaker.

    ``found``: attributions in text order, each with ``content`` and ``speaker``; ``make``
    builds one from a content span and the speaker it carries over.  A paragraph qualifies
    when it is only quotation (:func:`only_quotation`) and no attribution touches it; the
    speaker is that of the last attribution in the nearest paragraph before it that is not
    empty or furniture (``skip_paragraph``), when that attribution has a speaker.  A carried
    paragraph carries on to the next one.
    """
    # for news features and interviews: one speaker quoted over several paragraphs, named once
    def touched(p: Span) -> list[Any]:
        return [f for f in found if any(a < p.end and p.start < b for a, b in f.content)]

    out: list[Any] = []
    carried: dict[int, Any] = {}  # paragraph index -> the speaker carried into it
    for k, para in enumerate(paragraphs):
        qs = only_quotation(text, para, quotes)
        if not qs or touched(para):
            continue
        j = k - 1
        while j >= 0 and (not _LETTER.search(text[paragraphs[j].start : paragraphs[j].end])
                          or skip_paragraph(paragraphs[j])):
            j -= 1
        if j < 0:
            continue
        speaker = carried.get(j)
        if speaker is None:
            before = touched(paragraphs[j])
            speaker = before[-1].speaker if before else None
        if speaker is None:
            continue
        for q in qs:
            out.append(make((max(q.start, para.start), min(q.end, para.end)), speaker))
        carried[k] = speaker
    return out
