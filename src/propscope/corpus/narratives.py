"""Which narratives each outlet carries, and in whose voice, read from stored analyses.

    >>> from propscope.store import open_store                     # doctest: +SKIP
    >>> narrative_table(open_store("sqlite:///corpus.db"), ArticleFilter(outlet="RT"))  # doctest: +SKIP

Reads the ``narratives`` layer of every stored analysis the filter covers (the analyzer
must have been in the ingest's pipeline); one row per (outlet, narrative): articles
carrying it, sightings, sightings in the outlet's own voice and in quoted speakers',
first and last date, and the speakers quoted most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from propscope.store.base import ArticleFilter

__all__ = ["NarrativeRow", "narrative_table"]


@dataclass
class NarrativeRow:
    outlet: str
    narrative: str
    name: str = ""
    articles: int = 0
    sightings: int = 0
    outlet_voice: int = 0
    speaker_voice: int = 0
    first: str | None = None
    last: str | None = None
    speakers: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "narrative": self.narrative, "name": self.name, "articles": self.articles,
                "sightings": self.sightings, "outlet_voice": self.outlet_voice,
                "speaker_voice": self.speaker_voice, "first": self.first, "last": self.last,
                "top_speakers": [{"speaker": s, "sightings": n} for s, n in self.speakers.most_common(5)]}


def narrative_table(store: Any, where: ArticleFilter | None = None) -> list[NarrativeRow]:
    rows: dict[tuple[str, str], NarrativeRow] = {}
    for analysis in store.iter_analyses(where or ArticleFilter()):
        layer = analysis.get("narratives")
        if layer is None or not layer.spans:
            continue
        art = analysis.article
        outlet = art.outlet or "(unknown outlet)"
        date = (art.published or "")[:10] or None
        names = {k: v.get("name", "") for k, v in (layer.data.get("narratives") or {}).items()}
        seen: set[str] = set()
        for span in layer.spans:
            row = rows.setdefault((outlet, span.label), NarrativeRow(outlet, span.label, names.get(span.label, "")))
            row.sightings += 1
            voice = span.attrs.get("voice", "outlet")
            if voice == "outlet":
                row.outlet_voice += 1
            else:
                row.speaker_voice += 1
                row.speakers[str(voice)] += 1
            if span.label not in seen:
                seen.add(span.label)
                row.articles += 1
                if date:
                    row.first = min(row.first or date, date)
                    row.last = max(row.last or date, date)
    return sorted(rows.values(), key=lambda r: (r.outlet.lower(), -r.articles, r.narrative))
