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

    threshold: float = 0.77
    entity_weight: float = 0.9
    speaker_weight: float = 0.1  # the people quoted, beside the canonical entities
    date_weight: float = 0.05  # not tuned: the gold (PTC) has no dates
    window_days: int = 7
    copy_containment: float = 0.5
    lead_sentences: int = 4  # title + this many first sentences make the document vector
    link: str = "average"  # "average": mean score over the thread's members; "single": its best member
    # undated articles have no window: an update seeds, for each new undated article, the
    # ``undated_seeds`` / (new articles) undated threads nearest it by vector (at least 3), not every
    # undated thread of the corpus (all of them while the corpus holds at most this many members)
    undated_seeds: int = 500


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
        self._tid = np.full(256, -1, dtype=np.int64)  # row -> thread slot (-1: closed)
        self._slot: dict[str, int] = {}  # open thread -> slot
        self._day_sum = np.zeros(256, dtype=np.float64)  # slot -> sum of its dated members' day ordinals
        self._day_n = np.zeros(256, dtype=np.float64)
        self._by_entity: dict[str, set[int]] = {}
        self._by_speaker: dict[str, set[int]] = {}
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
        """The open thread whose members score best on average, all threads at once: mean cosine from
        a bincount over the rows, entity and speaker overlaps only for rows that share a key (an
        inverted index), the day gap from the thread's mean day.  Returns (score, its best row)."""
        s = self.settings
        n = len(self._members)
        alive = self._tid[:n] >= 0
        tid = self._tid[:n][alive]
        if not len(tid):
            return None
        slots = int(tid.max()) + 1
        counts = np.bincount(tid, minlength=slots).astype(np.float64)
        score = np.bincount(tid, weights=cos[:n][alive], minlength=slots)
        for weight, mine, index, attr in ((s.entity_weight, f.entities, self._by_entity, "entities"),
                                          (s.speaker_weight, f.speakers, self._by_speaker, "speakers")):
            if not weight or not mine:
                continue
            shared: dict[int, int] = {}
            for key in mine:
                for row in index.get(key, ()):
                    shared[row] = shared.get(row, 0) + 1
            for row, k in shared.items():
                other = getattr(self._members[row], attr)
                score[self._tid[row]] += weight * k / min(len(mine), len(other))
        if s.date_weight and f.day is not None:
            days = self._day_sum[:slots] / np.maximum(self._day_n[:slots], 1)
            gap = np.where(self._day_n[:slots] > 0,
                           np.minimum(1.0, np.abs(f.day.toordinal() - days) / max(1, s.window_days)), 0.0)
            score -= s.date_weight * gap * counts
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(counts > 0, score / np.maximum(counts, 1), -np.inf)
        slot = int(np.argmax(mean))
        if not np.isfinite(mean[slot]):
            return None
        rows = np.flatnonzero(self._tid[:n] == slot)
        return float(mean[slot]), int(rows[np.argmax(cos[rows])])

    # -- memory -------------------------------------------------------------------------------
    def _append(self, f: Features, story_id: str) -> None:
        n = len(self._members)
        if n == len(self._vectors):
            grown = np.zeros((2 * n, self.dim), dtype=np.float32)
            grown[:n] = self._vectors
            self._vectors = grown
            self._tid = np.concatenate([self._tid, np.full(n, -1, dtype=np.int64)])
        slot = self._slot.get(story_id)
        if slot is None:
            slot = self._slot[story_id] = len(self._slot)
            if slot >= len(self._day_sum):
                self._day_sum = np.concatenate([self._day_sum, np.zeros(len(self._day_sum))])
                self._day_n = np.concatenate([self._day_n, np.zeros(len(self._day_n))])
            self._day_sum[slot] = self._day_n[slot] = 0.0
        self._vectors[n] = f.vector
        self._tid[n] = slot
        if f.day is not None:
            self._day_sum[slot] += f.day.toordinal()
            self._day_n[slot] += 1
        for key in f.entities:
            self._by_entity.setdefault(key, set()).add(n)
        for key in f.speakers:
            self._by_speaker.setdefault(key, set()).add(n)
        self._members.append(f)
        self._story.append(story_id)
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
        for i, sid in enumerate(self._story):
            m = self._members[i]
            if sid in closed and m is not None:
                for key in m.entities:
                    self._by_entity[key].discard(i)
                for key in m.speakers:
                    self._by_speaker[key].discard(i)
                self._members[i] = None
                self._vectors[i] = 0.0
                self._tid[i] = -1
                self._alive -= 1
        if self._alive * 2 < len(self._members):
            self._compact()

    def _compact(self) -> None:
        keep = [i for i, m in enumerate(self._members) if m is not None]
        members = [self._members[i] for i in keep]
        story = [self._story[i] for i in keep]
        self._vectors = np.zeros((max(256, 2 * len(keep)), self.dim), dtype=np.float32)
        self._tid = np.full(len(self._vectors), -1, dtype=np.int64)
        self._slot = {}
        self._day_sum = np.zeros(max(256, 2 * len(self._threads)), dtype=np.float64)
        self._day_n = np.zeros(len(self._day_sum), dtype=np.float64)
        self._by_entity, self._by_speaker = {}, {}
        self._members, self._story, self._alive = [], [], 0
        for f, sid in zip(members, story, strict=True):
            assert f is not None
            self._append(f, sid)
