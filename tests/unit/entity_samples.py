"""Hand-made NER spans for the entity tests (no model)."""

from __future__ import annotations

import re

from propscope.article import Span


def ner(text: str, *items: tuple[str, str] | tuple[str, str, int]) -> list[Span]:
    """NER spans for (surface, label[, occurrence]) — all occurrences when none is given — in text order."""
    out = []
    for item in items:
        surface, label = item[0], item[1]
        hits = [m.start() for m in re.finditer(re.escape(surface), text)]
        if len(item) == 3:
            hits = [hits[item[2]]]  # type: ignore[misc]
        out.extend(Span(h, h + len(surface), label) for h in hits)
    return sorted(out, key=lambda s: s.start)
