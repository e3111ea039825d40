"""Search snippets, made the same way for every store: a window of words around the first
match, matched words wrapped in ``**``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from propscope.store.records import QueryTerm, match_positions

__all__ = ["make_snippet"]

_TOKEN = re.compile(r"[^\W_]+")


def make_snippet(text: str, terms: Sequence[QueryTerm], *, words: int = 30, before: int = 8) -> str:
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if not spans:
        return ""
    tokens = [text[a:b].casefold() for a, b in spans]
    hits = set(match_positions(tokens, terms) or []) if terms else set()
    first = min(hits) if hits else 0
    lo = max(0, first - before)
    hi = min(len(spans), lo + words)
    parts: list[str] = []
    cursor = spans[lo][0]
    for i in range(lo, hi):
        a, b = spans[i]
        parts.append(text[cursor:a])
        parts.append(f"**{text[a:b]}**" if i in hits else text[a:b])
        cursor = b
    if hi == len(spans):
        parts.append(text[cursor:])
    snippet = " ".join("".join(parts).split())
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(spans) else "")
