"""Report style of the ``narratives`` layer (see :mod:`propscope.report.registry`).

Each catalogued narrative is a label with a fixed colour, its display name and its
description (from the shipped catalogue; an id the shipped catalogue lacks, from a user's
own ``--catalogue``, is shown humanized, with the name the layer data records).  The card
shows ``score``, ``voice`` and ``unit``; a sighting in a quoted speaker's voice (reported,
not restated by the outlet) gets the dotted underline that techniques use; the summary
table lists each narrative with its sightings by voice and whether the article as a whole
carries it.  Nothing here loads a model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from propscope.analysis import Analysis, Layer
from propscope.article import Span
from propscope.report.registry import PALETTE, LayerStyle

__all__ = ["NARRATIVES"]


@lru_cache(maxsize=1)
def _catalogue_texts() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(names, definitions, colours) of the shipped catalogue's narratives."""
    from propscope.analyzers.narratives.catalogue import load_catalogue
    from propscope.errors import ConfigError

    try:
        cat = load_catalogue()
    except ConfigError:  # a broken install still renders the report, with humanized ids
        return {}, {}, {}
    names, defs, colours = {}, {}, {}
    for k, n in enumerate(cat.matchable):
        names[n.id] = n.name
        defs[n.id] = n.description
        colours[n.id] = PALETTE[(k * 7 + 3) % len(PALETTE)]  # spread, stable per file order
    return names, defs, colours


def _flag(span: Span) -> str | None:
    voice = span.attrs.get("voice")
    if voice in (None, "", "outlet"):
        return None
    return f"Reported in a quoted speaker's voice: {voice}"


def _summary(analysis: Analysis, layer: Layer) -> Sequence[tuple[str, str]]:
    data: Mapping[str, Any] = layer.data
    found = data.get("narratives") or {}
    rows: list[tuple[str, str]] = []
    if isinstance(found, Mapping):
        for nid, entry in sorted(found.items(), key=lambda kv: -int((kv[1] or {}).get("count", 0))):
            if not isinstance(entry, Mapping):
                continue
            name = str(entry.get("name") or _catalogue_texts()[0].get(nid) or nid)
            carried = "carried by the article" if entry.get("carried") else "passing mention"
            rows.append((name, f"{entry.get('count', 0)} sighting(s): {entry.get('outlet', 0)} in the outlet's voice, "
                               f"{entry.get('speakers', 0)} reported from speakers; {carried}"))
    cat = data.get("catalogue")
    if isinstance(cat, Mapping) and cat.get("source"):
        rows.append(("Catalogue", f"{cat.get('source')} ({cat.get('fingerprint', '')})"))
    return rows


_NAMES, _DEFINITIONS, _COLOURS = _catalogue_texts()

NARRATIVES = LayerStyle(
    title="Narratives",
    description="Sentences and quoted passages that carry a catalogued narrative. Dotted underline: reported "
    "in a quoted speaker's words; plain: restated in the outlet's own voice.",
    label_names=_NAMES,
    definitions=_DEFINITIONS,
    colours=_COLOURS,
    attr_order=("score", "voice", "unit"),
    hidden_attrs=frozenset({"voice_attribution"}),
    flag=_flag,
    summary=_summary,
    order=15,
)
