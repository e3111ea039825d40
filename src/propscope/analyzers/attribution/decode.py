"""From token tags (BIO over SRC / CUE / CON) to attributions.

Every cue chunk anchors one attribution.  Each content chunk joins the cue that is cheapest
to reach: in the same sentence first, then in the same paragraph (``"A. B," he said`` and a
quote continued after its cue), counting the tokens between them and charging heavily for
crossing another cue or content chunk; on a tie the cue before the content wins (``A said X,
and B said Y``).  A content chunk with no cue in its paragraph continues the previous
attribution when it opens with a quotation mark and the previous paragraph's attribution
was a quote (a quote running across paragraphs); otherwise it stands alone, cue-less.
Sources join the nearest cue in their sentence (cheapest pairs first).  A cue that gets no content is returned
with an empty content list (the analyzer completes it from its sentence or drops it).  ``kind`` is ``direct`` when every content
character outside whitespace and punctuation lies between quotation marks, ``mixed`` when
some does, ``indirect`` otherwise.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from propscope.article import Span

__all__ = ["Chunk", "Decoded", "chunks_from_tags", "decode", "kind_of", "quote_mask"]

_BIG = 1000
_AFTER_THAT = 20  # a "that" clause taking a cue after it: as far as two sentences away


@dataclass
class Chunk:
    role: str  # SRC | CUE | CON
    first: int  # global token index
    last: int  # inclusive
    start: int  # char offsets
    end: int
    sent: int
    para: int


@dataclass
class Decoded:
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    para: int = 0
    chunks: list[Chunk] = field(default_factory=list)


def chunks_from_tags(
    tags: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    sents: Sequence[int],
    paras: Sequence[int],
) -> list[Chunk]:
    """Maximal runs of one role (a ``B-`` tag starts a new run)."""
    out: list[Chunk] = []
    cur: Chunk | None = None
    for i, tag in enumerate(tags):
        role = tag[2:] if tag != "O" else ""
        begin = tag.startswith("B-")
        if cur is not None and (role != cur.role or begin or paras[i] != cur.para):
            out.append(cur)
            cur = None
        if role:
            if cur is None:
                cur = Chunk(role, i, i, starts[i], ends[i], sents[i], paras[i])
            else:
                cur.last, cur.end = i, ends[i]
    if cur is not None:
        out.append(cur)
    return out


def _between(firsts: Sequence[int], a: Chunk, b: Chunk) -> int:
    """How many other CUE/CON chunks lie strictly between two chunks; ``firsts``: the sorted
    first tokens of the paragraph's CUE/CON chunks (chunks never overlap, so a chunk that
    starts between the two lies between them): two binary searches, not a scan."""
    lo, hi = (a, b) if a.first < b.first else (b, a)
    return max(0, bisect.bisect_left(firsts, hi.first) - bisect.bisect_right(firsts, lo.last))


def _cost(firsts: Sequence[int], con: Chunk, cue: Chunk) -> float:
    if cue.para != con.para:
        return float("inf")
    gap = cue.first - con.last - 1 if cue.first > con.last else con.first - cue.last - 1
    cost = float(max(gap, 0)) + _BIG * _between(firsts, con, cue)
    if cue.sent != con.sent:
        cost += 40 + 10 * abs(cue.sent - con.sent)
    if cue.first > con.last:
        cost += 0.5  # prefer the cue before the content on a tie
    return cost


def decode(chunks: Sequence[Chunk], quote_flags: Sequence[bool] | None = None,
           that_flags: Sequence[bool] | None = None) -> list[Decoded]:
    """Attributions from chunks; ``quote_flags[k]`` says content chunk k opens with a quote,
    ``that_flags[k]`` that it opens with "that": a complement clause, which belongs to a cue
    before it ("X said on Wednesday that A and accused B": A is what X said, not whom he accused)."""
    cues = [c for c in chunks if c.role == "CUE"]
    # merge cue chunks split by at most one token ("according" "to", "said" "Tuesday")
    merged: list[Chunk] = []
    for c in cues:
        if merged and merged[-1].para == c.para and c.first - merged[-1].last <= 2 and merged[-1].sent == c.sent:
            merged[-1].last, merged[-1].end = c.last, c.end
        else:
            merged.append(Chunk(c.role, c.first, c.last, c.start, c.end, c.sent, c.para))
    cues = merged
    by_para: dict[int, list[Chunk]] = {}
    for c in chunks:
        if c.role != "CUE":
            by_para.setdefault(c.para, []).append(c)
    cues_by_para: dict[int, list[int]] = {}
    for k, c in enumerate(cues):
        by_para.setdefault(c.para, []).append(c)
        cues_by_para.setdefault(c.para, []).append(k)
    firsts_of = {p: sorted(c.first for c in cs if c.role in ("CUE", "CON")) for p, cs in by_para.items()}
    near = {p: _ParaCues(cues, ks) for p, ks in cues_by_para.items()}
    no_cues = _ParaCues(cues, [])
    flag_of = {id(c): bool(quote_flags and quote_flags[i]) for i, c in enumerate(chunks)}
    that_of = {id(c): bool(that_flags and that_flags[i]) for i, c in enumerate(chunks)}
    by_cue: dict[int, Decoded] = {}
    order: list[Decoded] = []
    prev: Decoded | None = None
    prev_quoted = False
    prev_para = -10
    for c in sorted(chunks, key=lambda c: c.first):
        if c.role != "CON":
            continue
        quoted = flag_of[id(c)]
        best, best_cost = None, float("inf")
        firsts = firsts_of.get(c.para, [])
        for k in near.get(c.para, no_cues).near(c, _BIG):  # farther ones cost at least _BIG
            cost = _cost(firsts, c, cues[k]) + (_AFTER_THAT if that_of[id(c)] and cues[k].first > c.last else 0)
            if cost < best_cost:
                best, best_cost = k, cost
        if best is not None and best_cost < _BIG:
            d = by_cue.get(best)
            if d is None:
                cue = cues[best]
                d = by_cue[best] = Decoded([], (cue.start, cue.end), None, c.para, [cue])
                order.append(d)
        elif quoted and prev is not None and prev_quoted and c.para - prev_para <= 1:
            d = prev  # a quote running on into the next paragraph
        else:
            d = Decoded([], None, None, c.para, [])
            order.append(d)
        d.content.append((c.start, c.end))
        d.chunks.append(c)
        prev, prev_quoted, prev_para = d, quoted, c.para
    # cues that got no content stay, content-less, for the caller to complete or drop
    for k, cue in enumerate(cues):
        if k not in by_cue:
            by_cue[k] = Decoded([], (cue.start, cue.end), None, cue.para, [cue])
            order.append(by_cue[k])
    # sources: nearest cue in the sentence, else in the paragraph; the cheapest pairs first, so
    # a source beside its cue is not beaten to it by one from an earlier sentence
    cue_attr = {id(cues[k]): d for k, d in by_cue.items()}
    pairs: list[tuple[int, int, int, Chunk]] = []
    for s in (c for c in chunks if c.role == "SRC"):
        for k in near.get(s.para, no_cues).near(s, 60):
            cue = cues[k]
            if id(cue) not in cue_attr:
                continue
            gap = cue.first - s.last - 1 if cue.first > s.last else s.first - cue.last - 1
            cost = max(gap, 0) + (0 if cue.sent == s.sent else 30)
            if cost < 60:
                pairs.append((cost, s.first, k, s))
    placed: set[int] = set()
    for _, first, k, s in sorted(pairs, key=lambda p: (p[0], p[1], p[2])):
        d = cue_attr[id(cues[k])]
        if d.source is None and first not in placed:
            d.source = (s.start, s.end)
            placed.add(first)
    for d in order:
        d.content = _merge(sorted(d.content))
    order.sort(key=lambda d: d.content[0][0] if d.content else d.cue[0] if d.cue else 0)
    return order


class _ParaCues:
    """One paragraph's cue indices in token order, to find the cues near a chunk."""

    def __init__(self, cues: Sequence[Chunk], ks: list[int]) -> None:
        self.ks = ks
        self.firsts = [cues[k].first for k in ks]
        self.longest = max((cues[k].last - cues[k].first for k in ks), default=0)

    def near(self, c: Chunk, reach: int) -> list[int]:
        """The cues less than ``reach`` tokens from ``c``: a pairing cost grows with the gap,
        so the others can never win, and a long paragraph is not quadratic."""
        lo = bisect.bisect_left(self.firsts, c.first - reach - self.longest - 1)
        return self.ks[lo : bisect.bisect_right(self.firsts, c.last + reach + 1)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def kind_of(content: Sequence[tuple[int, int]], inside_quote: bytes | bytearray, text: str) -> str:
    """direct | mixed | indirect: whether the content's letters lie inside quotation marks.

    ``inside_quote[i]`` is non-zero for characters between quotation marks.
    """
    inside = outside = 0
    for a, b in content:
        for i in range(a, b):
            if text[i].isalnum():
                if inside_quote[i]:
                    inside += 1
                else:
                    outside += 1
    if inside and not outside:
        return "direct"
    if inside:
        return "mixed"
    return "indirect"


def quote_mask(length: int, quotes: Sequence[Span]) -> bytearray:
    mask = bytearray(length)
    for q in quotes:
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)
    return mask
