"""Narrative sightings as rows, and one narrative across outlets over time.

    for row in iter_narrative_matches(store, ArticleFilter(outlet="RT")):   # one row per sighting
        ...
    narrative_over_time(store, "colour_revolution")   # what the narrative page shows

Both read the ``narratives`` layer of stored analyses (the analyzer must have been in the
ingest's pipeline).  A sighting's voice is ``outlet`` (the outlet's own words) or the quoted
speaker's name; ``voice_group`` folds the latter into ``quoted``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from propscope.store.base import ArticleFilter
from propscope.store.records import OUTLET_VOICE, QUOTED_VOICE

__all__ = ["NarrativeMatch", "NarrativeOverTime", "iter_narrative_matches", "narrative_over_time", "week_of"]

EXCERPT = 300  # characters of the matched text kept in a row


@dataclass(frozen=True)
class NarrativeMatch:
    article_id: str
    outlet: str | None
    published: str | None
    narrative: str
    name: str
    score: float | None
    voice: str  # "outlet" or the quoted speaker
    voice_group: str  # "outlet" or "quoted"
    unit: str | None  # "sentence" or "content"
    start: int
    end: int
    text: str  # the matched text, cut to EXCERPT characters (article text: escape it when shown)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def week_of(published: str | None) -> str | None:
    """The Monday (ISO) of the week a ``YYYY-MM-DD...`` date falls in; None when undated or unreadable."""
    try:
        d = date.fromisoformat((published or "")[:10])
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def iter_narrative_matches(store: Any, where: ArticleFilter | None = None, *,
                           narrative: str | None = None) -> Iterator[NarrativeMatch]:
    """Every narrative sighting in the stored analyses ``where`` covers (of ``narrative`` only, if given)."""
    for analysis in store.iter_analyses(where or ArticleFilter()):
        layer = analysis.get("narratives")
        if layer is None or not layer.spans:
            continue
        art = analysis.article
        names = {k: str(v.get("name", "")) for k, v in (layer.data.get("narratives") or {}).items()}
        for span in layer.spans:
            if narrative is not None and span.label != narrative:
                continue
            voice = str(span.attrs.get("voice") or OUTLET_VOICE)
            score = span.attrs.get("score")
            yield NarrativeMatch(art.id, art.outlet, art.published, span.label, names.get(span.label, ""),
                                 float(score) if score is not None else None, voice,
                                 OUTLET_VOICE if voice == OUTLET_VOICE else QUOTED_VOICE,
                                 span.attrs.get("unit"), span.start, span.end, art.text[span.start:span.end][:EXCERPT])


@dataclass
class OutletCarrying:
    outlet: str
    articles: int = 0
    sightings: int = 0
    outlet_voice: int = 0
    quoted_voice: int = 0
    first: str | None = None
    last: str | None = None
    speakers: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "articles": self.articles, "sightings": self.sightings,
                "outlet_voice": self.outlet_voice, "quoted_voice": self.quoted_voice, "first": self.first,
                "last": self.last,
                "top_speakers": [{"speaker": s, "sightings": n} for s, n in self.speakers.most_common(5)]}


@dataclass
class NarrativeOverTime:
    narrative: str
    name: str
    outlets: list[OutletCarrying]  # most articles first
    # week (Monday) -> voice group -> sightings; week -> outlet -> articles carrying it
    weekly_voice: dict[str, dict[str, int]]
    weekly_outlets: dict[str, dict[str, int]]
    undated: int  # sightings in undated articles (in the totals, not on the time axis)
    recent: list[NarrativeMatch]  # the latest sightings, newest first

    @property
    def sightings(self) -> int:
        return sum(o.sightings for o in self.outlets)

    def to_json(self) -> dict[str, Any]:
        return {"narrative": self.narrative, "name": self.name, "sightings": self.sightings,
                "outlets": [o.to_json() for o in self.outlets],
                "weekly": [{"week": w, "outlet_voice": v.get(OUTLET_VOICE, 0), "quoted_voice": v.get(QUOTED_VOICE, 0),
                            "outlets": dict(sorted(self.weekly_outlets.get(w, {}).items()))}
                           for w, v in sorted(self.weekly_voice.items())],
                "undated": self.undated, "recent": [m.to_json() for m in self.recent]}


def narrative_over_time(store: Any, narrative: str, where: ArticleFilter | None = None, *,
                        recent: int = 30) -> NarrativeOverTime:
    """Which outlets carried ``narrative``, week by week, in their own voice or through quoted speakers."""
    rows: dict[str, OutletCarrying] = {}
    weekly_voice: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    weekly_outlets: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seen: set[str] = set()
    undated = 0
    name = ""
    matches: list[NarrativeMatch] = []
    for m in iter_narrative_matches(store, where, narrative=narrative):
        name = name or m.name
        outlet = m.outlet or "(unknown outlet)"
        row = rows.setdefault(outlet, OutletCarrying(outlet))
        row.sightings += 1
        if m.voice_group == OUTLET_VOICE:
            row.outlet_voice += 1
        else:
            row.quoted_voice += 1
            row.speakers[m.voice] += 1
        week = week_of(m.published)
        if week is None:
            undated += 1
        else:
            weekly_voice[week][m.voice_group] += 1
        if m.article_id not in seen:
            seen.add(m.article_id)
            row.articles += 1
            day = (m.published or "")[:10] or None
            if day and week:
                row.first = min(row.first or day, day)
                row.last = max(row.last or day, day)
                weekly_outlets[week][outlet] += 1
        matches.append(m)
    matches.sort(key=lambda m: (m.published or "", m.article_id, m.start), reverse=True)
    return NarrativeOverTime(narrative, name, sorted(rows.values(), key=lambda r: (-r.articles, r.outlet.lower())),
                             {w: dict(v) for w, v in weekly_voice.items()},
                             {w: dict(v) for w, v in weekly_outlets.items()}, undated, matches[:recent])
