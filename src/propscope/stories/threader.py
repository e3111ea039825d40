"""Incremental story threading: each new article joins the open thread it matches best, or starts one.

An article is described by :class:`Features`: its document vector (unit length), the
canonical ids of the entities it names, the speakers it quotes, its date, and optionally a
MinHash signature of its word shingles.  The score of an article against an earlier one is

    cosine(vectors) + entity_weight * overlap(entities) + speaker_weight * overlap(speakers)
        - date_weight * (days apart / window)

where ``overlap`` is the share of the smaller set found in the other (two reports of one event
name the same people; two stories about the same people differ in wording and vector).  An
article joins the thread holding its best-scoring earlier member when that score reaches
``threshold`` (single link, only against members of threads still open).  A syndicated copy
(estimated shingle containment at least ``copy_containment``) joins its original's thread
whatever the score.

A thread is open while its newest article is at most ``window_days`` older than the article
being placed; articles must come in publication order (undated ones are compared with every
open thread and never close one).  Only open threads are held, in a growing matrix compacted
when half of it has closed, so memory follows the window, not the corpus.

    >>> t = Threader(StorySettings())
    >>> t.add(Features("a1", vec, frozenset({"person:x"}), frozenset(), date(2019, 3, 1)))  # doctest: +SKIP
    StoryMember(article_id='a1', story_id='a1', method='first', ...)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from propscope.store.base import StoryMember

__all__ = ["Features", "StorySettings", "Threader", "containment", "overlap", "pair_score"]


@dataclass(frozen=True)
class StorySettings:
    """How articles are threaded; the defaults are the ones tuned in ``benchmarks/bench_stories.py``."""

    threshold: float = 0.62
    entity_weight: float = 0.15
    speaker_weight: float = 0.05
    date_weight: float = 0.05
    window_days: int = 7
    copy_containment: float = 0.5
    lead_sentences: int = 5  # title + this many first sentences make the document vector
    link: str = "single"  # "single": best member's score; "average": mean score over the thread's members


@dataclass(frozen=True)
class Features:
    article_id: str
    vector: np.ndarray  # float32 [dim], unit length
    entities: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    day: date | None = None
    minhash: np.ndarray | None = None  # uint32 [num_perm]
    shingles: int = 0  # number of distinct shingles behind ``minhash``


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def containment(a: Features, b: Features) -> float:
    """Estimated share of the shorter article's shingles found in the other (from MinHash)."""
    if a.minhash is None or b.minhash is None or not a.shingles or not b.shingles:
        return 0.0
    j = float(np.mean(a.minhash == b.minhash))
    inter = j * (a.shingles + b.shingles) / (1.0 + j)
    return min(1.0, inter / min(a.shingles, b.shingles))


def pair_score(a: Features, b: Features, s: StorySettings, cosine: float | None = None) -> float:
    cos = float(a.vector @ b.vector) if cosine is None else cosine
    gap = 0.0
    if a.day is not None and b.day is not None:
        gap = min(1.0, abs((a.day - b.day).days) / max(1, s.window_days))
    return (cos + s.entity_weight * overlap(a.entities, b.entities)
            + s.speaker_weight * overlap(a.speakers, b.speakers) - s.date_weight * gap)


@dataclass
class _Open:
    last: date | None
    size: int = 0


@dataclass
class Threader:
    """Places articles one at a time; holds only the threads still open."""

    settings: StorySettings = field(default_factory=StorySettings)
    dim: int = 384

    def __post_init__(self) -> None:
        self._vectors = np.zeros((256, self.dim), dtype=np.float32)
        self._members: list[Features | None] = []
        self._story: list[str] = []
        self._threads: dict[str, _Open] = {}
        self._rows: dict[str, list[int]] = {}  # open thread -> its rows
        self._alive = 0
        self._newest: date | None = None
        self._checked: date | None = None

    # -- state --------------------------------------------------------------------------------
    @property
    def open_threads(self) -> int:
        return len(self._threads)

    @property
    def held_articles(self) -> int:
        return self._alive

    def seed(self, features: Features, story_id: str) -> None:
        """Hold an already-threaded article (from the store) so that new ones can join its thread."""
        self._append(features, story_id)
        t = self._threads.setdefault(story_id, _Open(features.day))
        t.size += 1
        if features.day is not None and (t.last is None or features.day > t.last):
            t.last = features.day

    def seed_many(self, items: Iterable[tuple[Features, str]]) -> None:
        for f, sid in items:
            self.seed(f, sid)

    # -- placing ------------------------------------------------------------------------------
    def add(self, f: Features) -> StoryMember:
        s = self.settings
        if f.day is not None:
            if self._newest is None or f.day > self._newest:
                self._newest = f.day
            self._close_before(f.day)
        best: tuple[float, int] | None = None
        copy: tuple[float, int] | None = None
        n = len(self._members)
        if n:
            cos = self._vectors[:n] @ f.vector
            # only members that could reach the threshold with every bonus are scored fully
            floor = s.threshold - s.entity_weight - s.speaker_weight
            near = [int(i) for i in np.flatnonzero(cos >= floor) if self._members[i] is not None]
            if s.link == "average":
                best = self._best_by_average(f, near, cos)
            else:
                for i in near:
                    sc = pair_score(f, self._members[i], s, float(cos[i]))  # type: ignore[arg-type]
                    if best is None or sc > best[0]:
                        best = (sc, i)
            if f.minhash is not None:
                for i in np.argsort(-cos)[:20]:
                    m = self._members[i]
                    if m is None or m.minhash is None:
                        continue
                    c = containment(f, m)
                    if c >= s.copy_containment and (copy is None or c > copy[0]):
                        copy = (c, int(i))
        if copy is not None:
            sid, via, method, score = self._story[copy[1]], self._members[copy[1]], "copy", copy[0]
        elif best is not None and best[0] >= s.threshold:
            sid, via, method, score = self._story[best[1]], self._members[best[1]], "embedding", best[0]
        else:
            sid, via, method, score = f.article_id, None, "first", None
        self.seed(f, sid)
        return StoryMember(f.article_id, sid, method, via.article_id if via is not None else None,
                           None if score is None else round(float(score), 4))

    def _best_by_average(self, f: Features, near: list[int], cos: np.ndarray) -> tuple[float, int] | None:
        """The thread whose members score best on average (each thread reached by a near member);
        returns (mean score, index of its best member)."""
        best: tuple[float, int] | None = None
        for sid in dict.fromkeys(self._story[i] for i in near):
            rows = self._rows.get(sid, [])
            scores = [(pair_score(f, self._members[i], self.settings, float(cos[i])), i)  # type: ignore[arg-type]
                      for i in rows if self._members[i] is not None]
            if not scores:
                continue
            mean = sum(sc for sc, _ in scores) / len(scores)
            if best is None or mean > best[0]:
                best = (mean, max(scores)[1])
        return best

    # -- memory -------------------------------------------------------------------------------
    def _append(self, f: Features, story_id: str) -> None:
        n = len(self._members)
        if n == len(self._vectors):
            grown = np.zeros((2 * n, self.dim), dtype=np.float32)
            grown[:n] = self._vectors
            self._vectors = grown
        self._vectors[n] = f.vector
        self._members.append(f)
        self._story.append(story_id)
        self._rows.setdefault(story_id, []).append(n)
        self._alive += 1

    def _close_before(self, day: date) -> None:
        if self._checked is not None and day <= self._checked:
            return  # threads close only when the calendar moves on
        self._checked = day
        horizon = self.settings.window_days
        closed = {sid for sid, t in self._threads.items() if t.last is not None and (day - t.last).days > horizon}
        if not closed:
            return
        for sid in closed:
            del self._threads[sid]
            self._rows.pop(sid, None)
        for i, sid in enumerate(self._story):
            if sid in closed and self._members[i] is not None:
                self._members[i] = None
                self._vectors[i] = 0.0
                self._alive -= 1
        if self._alive * 2 < len(self._members):
            self._compact()

    def _compact(self) -> None:
        keep = [i for i, m in enumerate(self._members) if m is not None]
        cap = max(256, 2 * len(keep))
        vectors = np.zeros((cap, self.dim), dtype=np.float32)
        vectors[:len(keep)] = self._vectors[keep]
        self._vectors = vectors
        self._members = [self._members[i] for i in keep]
        self._story = [self._story[i] for i in keep]
        self._rows = {}
        for i, sid in enumerate(self._story):
            self._rows.setdefault(sid, []).append(i)
