"""``propscope profile OUTLET``: what an outlet pushed, in its own voice and through others.

From the store's raw counts (:meth:`Store.profile_counts`): technique rates per 1,000 words
split by voice — ``outlet`` (the outlet's own words), ``quoted`` (words it attributes to
someone: the ``voice`` analyzer names the speaker, listed in ``quoted_voices``) or
``unknown`` (no voice analyzer ran) — the speakers it quotes most, the sources and
agencies it cites most (the ``sources`` layer, and dateline agencies), overall and per ISO
week (``week`` is the Monday it starts on).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from propscope.corpus.names import canonical_names
from propscope.errors import InputError
from propscope.store.base import ProfileCounts, Store
from propscope.store.records import name_key, voice_group

__all__ = ["Profile", "TechniqueRate", "build_profile", "profile_from_counts"]

UNKNOWN_VOICE = "unknown"


@dataclass(frozen=True)
class TechniqueRate:
    technique: str
    voice: str
    count: int
    per_1000_words: float

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Ranked:
    name: str
    count: int
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "count": self.count}
        if self.kind is not None:
            out["kind"] = self.kind
        return out


@dataclass
class Period:
    """One week, or the whole period (``week`` None)."""

    week: str | None
    articles: int
    words: int
    techniques: list[TechniqueRate] = field(default_factory=list)
    speakers: list[Ranked] = field(default_factory=list)
    sources: list[Ranked] = field(default_factory=list)
    agencies: list[Ranked] = field(default_factory=list)
    quoted_voices: list[Ranked] = field(default_factory=list)  # speakers whose quoted words carry techniques

    def to_json(self) -> dict[str, Any]:
        return {"week": self.week, "articles": self.articles, "words": self.words,
                "techniques": [t.to_json() for t in self.techniques],
                "top_speakers": [r.to_json() for r in self.speakers],
                "top_sources": [r.to_json() for r in self.sources],
                "top_agencies": [r.to_json() for r in self.agencies],
                "quoted_voices": [r.to_json() for r in self.quoted_voices]}


@dataclass
class Profile:
    outlet: str
    since: str | None
    until: str | None
    total: Period
    weekly: list[Period]

    @property
    def rates_by_voice(self) -> dict[str, float]:
        counts: Counter[str] = Counter()
        for t in self.total.techniques:
            counts[t.voice] += t.count
        return {voice: _rate(n, self.total.words) for voice, n in sorted(counts.items())}

    def to_json(self) -> dict[str, Any]:
        total = self.total.to_json()
        del total["week"]
        return {"outlet": self.outlet, "since": self.since, "until": self.until, **total,
                "rates_by_voice": self.rates_by_voice, "weekly": [w.to_json() for w in self.weekly]}


def _rate(count: int, words: int) -> float:
    return round(1000.0 * count / words, 3) if words else 0.0


def _rank(items: Iterable[tuple[str, str | None, int]], top: int) -> list[Ranked]:
    """The top names, one row per speaker or agency ("Trump" counts as "Donald Trump", "AP" as
    "Associated Press": :func:`propscope.corpus.names.canonical_names`)."""
    counts: Counter[str] = Counter()
    kinds: dict[str, Counter[str | None]] = {}
    names: dict[str, str] = {}
    rows = list(items)
    canonical = canonical_names(name for name, _, _ in rows)
    for given, kind, n in rows:
        name = canonical.get(given, given)
        key = name_key(name) or ""
        counts[key] += n
        kinds.setdefault(key, Counter())[kind] += n  # one row per name: its most frequent kind
        names[key] = min(names.get(key, name), name)

    def kind_of(key: str) -> str | None:
        return min(kinds[key].items(), key=lambda kv: (-kv[1], kv[0] or ""))[0]

    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))
    return [Ranked(names[k], n, kind_of(k)) for k, n in ranked[:top]]


def _period(week: str | None, counts: ProfileCounts, weeks: set[str | None] | None, top: int,
            outlet: str = "") -> Period:
    """One period's figures; ``outlet``'s own name is not among its cited sources (an agency
    that writes its own name in its datelines does not cite itself)."""
    def keep(w: str | None) -> bool:
        return weeks is None or w in weeks

    own = name_key(outlet) if outlet else None

    articles = sum(n for w, (n, _) in counts.weeks.items() if keep(w))
    words = sum(x for w, (_, x) in counts.weeks.items() if keep(w))
    tech: Counter[tuple[str, str]] = Counter()
    voices: list[tuple[str, str | None, int]] = []
    for w, technique, voice, n in counts.techniques:
        if keep(w):
            group = voice_group(voice) or UNKNOWN_VOICE
            tech[(technique, group)] += n
            if group == "quoted" and voice != "quoted":
                voices.append((voice or "", None, n))
    rates = [TechniqueRate(t, v, n, _rate(n, words))
             for (t, v), n in sorted(tech.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Period(
        week, articles, words, rates,
        _rank(((s, None, n) for w, s, n in counts.speakers if keep(w)), top),
        _rank(((s, k, n) for w, s, k, n in counts.sources if keep(w) and (own is None or name_key(s) != own)), top),
        _rank(((a, None, n) for w, a, n in counts.agencies if keep(w)), top),
        _rank(voices, top),
    )


def profile_from_counts(outlet: str, counts: ProfileCounts, *, since: str | None = None, until: str | None = None,
                        top: int = 10, weekly_top: int = 3) -> Profile:
    total = _period(None, counts, None, top, outlet)
    weeks = sorted(counts.weeks, key=lambda w: (w is None, w or ""))
    weekly = [_period(w, counts, {w}, weekly_top, outlet) for w in weeks]
    return Profile(outlet, since, until, total, weekly)


def build_profile(store: Store, outlet: str, *, since: str | None = None, until: str | None = None,
                  top: int = 10, weekly_top: int = 3) -> Profile:
    """The profile of ``outlet``.  A blank name is refused here, for every caller: stores read a
    blank outlet as no filter at all, so it would profile the whole corpus under that name."""
    if name_key(outlet) is None:
        raise InputError("an outlet name is needed", code="input.outlet")
    return profile_from_counts(outlet, store.profile_counts(outlet, since, until), since=since, until=until,
                               top=top, weekly_top=weekly_top)
