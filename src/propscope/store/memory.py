"""A store in process memory: supported, complete, and what most tests use.

``memory://`` opens a fresh store; ``memory://NAME`` opens the store of that name in this
process (so a CLI test can write and read the same one).  It keeps the same rows the SQL
stores keep (:mod:`propscope.store.records`) and answers every query the same way; the
contract suite checks that.  Nothing survives the process.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from propscope.analysis import Analysis, AnalyzerInfo
from propscope.store.base import (
    ArticleFilter,
    ArticleRow,
    IngestErrorRecord,
    ProfileCounts,
    PutResult,
    RunRecord,
    SearchHit,
    SearchQuery,
    StoryMember,
    Sighting,
    SourceRow,
)
from propscope.store.records import (
    AnalyzerRecord,
    ArticleRecord,
    compose_analysis,
    decompose,
    match_positions,
    name_key,
    parse_query,
    tokenize,
    voice_matches,
)
from propscope.store.snippets import make_snippet
from propscope.store.sql import utc_now

__all__ = ["MemoryStore"]

_named: dict[str, MemoryStore] = {}
_named_lock = threading.Lock()


@dataclass
class _Entry:
    seq: int
    record: ArticleRecord
    groups: dict[str, AnalyzerRecord] = field(default_factory=dict)
    sightings: list[Sighting] = field(default_factory=list)
    signatures: dict[str, bytes] = field(default_factory=dict)
    embeddings: dict[str, bytes] = field(default_factory=dict)
    story: StoryMember | None = None
    tokens: list[str] | None = None


class MemoryStore:
    def __new__(cls, url: str = "memory://", **options: Any) -> MemoryStore:
        name = url.split("://", 1)[1] if "://" in url else ""
        if name:
            with _named_lock:
                store = _named.get(name)
                if store is None:
                    store = _named[name] = super().__new__(cls)
                    store._init(url)
                return store
        store = super().__new__(cls)
        store._init(url)
        return store

    def _init(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._by_hash: dict[str, _Entry] = {}
        self._by_id: dict[str, _Entry] = {}
        self._runs: dict[str, RunRecord] = {}
        self._errors: list[IngestErrorRecord] = []
        self._seq = 0

    def __repr__(self) -> str:
        return f"MemoryStore({self.url!r}, {len(self._by_hash)} articles)"

    # -- writing --------------------------------------------------------------------------------
    def put(self, analysis: Analysis) -> PutResult:
        return self.put_many([analysis])[0]

    def put_many(self, analyses: Sequence[Analysis]) -> list[PutResult]:
        rows = [decompose(a) for a in analyses]
        with self._lock:
            # Stage on copies, then swap: a failure leaves the store as it was (atomic batch).
            staged_hash = dict(self._by_hash)
            results = [self._put(staged_hash, record, groups) for record, groups in rows]
            self._by_hash = staged_hash
            self._by_id = {e.record.id: e for e in staged_hash.values()}
        return results

    def _put(self, entries: dict[str, _Entry], record: ArticleRecord, groups: list[AnalyzerRecord]) -> PutResult:
        now = utc_now()
        entry = entries.get(record.content_hash)
        if entry is None:
            self._seq += 1
            entry = _Entry(self._seq, record)
            status = "inserted"
        else:
            entry = copy.copy(entry)
            entry.groups = dict(entry.groups)
            entry.sightings = list(entry.sightings)
            status = "unchanged"
        entries[record.content_hash] = entry
        key = record.url or record.source or ""
        if all((s.url or s.source or "") != key for s in entry.sightings):
            entry.sightings.append(Sighting(record.id, record.outlet, record.url, record.published, record.source, now))
        # When any version differs, every layer of the new analysis replaces the stored one (see sql.py).
        stale = any(g.name not in entry.groups or entry.groups[g.name].version != g.version for g in groups)
        changed = groups if stale else []
        if not changed:
            return PutResult(record.id, "unchanged")
        next_seq = max((g.seq for g in entry.groups.values()), default=-1) + 1
        had = bool(entry.groups)
        if status != "inserted":
            entry.record = copy.copy(entry.record)
            entry.record.propscope_version = record.propscope_version
            status = "updated"
        for g in changed:
            g = copy.copy(g)
            if g.name in entry.groups:
                g.seq = entry.groups[g.name].seq
            elif had:
                g.seq, next_seq = next_seq, next_seq + 1
            entry.groups[g.name] = g
        return PutResult(record.id, status, tuple(g.name for g in changed))  # type: ignore[arg-type]

    def add_sightings(self, items: Sequence[tuple[str, str | None, str | None, str | None, str | None]]) -> int:
        added = 0
        now = utc_now()
        with self._lock:
            for content_hash, outlet, url, published, source in items:
                entry = self._by_hash.get(content_hash)
                if entry is None:
                    continue
                key = url or source or ""
                if any((s.url or s.source or "") == key for s in entry.sightings):
                    continue
                entry.sightings.append(Sighting(entry.record.id, outlet, url, published, source, now))
                added += 1
        return added

    def stored_versions(self, content_hashes: Iterable[str]) -> dict[str, dict[str, str]]:
        with self._lock:
            return {h: {g.name: g.version for g in e.groups.values()}
                    for h in content_hashes if (e := self._by_hash.get(h)) is not None}

    # -- reading --------------------------------------------------------------------------------
    def _entries(self, where: ArticleFilter | None = None) -> list[_Entry]:
        with self._lock:
            entries = sorted(self._by_hash.values(), key=lambda e: e.seq)
        if where is None:
            return entries
        key = name_key(where.outlet)
        out = []
        for e in entries:
            r = e.record
            if key is not None and r.outlet_key != key:
                continue
            if where.since and (r.published_date is None or r.published_date < where.since):
                continue
            if where.until and (r.published_date is None or r.published_date > where.until):
                continue
            out.append(e)
        return out

    @staticmethod
    def _compose(entry: _Entry) -> Analysis:
        rows = [(g.name, g.version, g.listed, g.seq, g.layers_json) for g in entry.groups.values()]
        return compose_analysis(entry.record.columns(), rows)

    def get(self, key: str) -> Analysis | None:
        with self._lock:
            entry = self._by_hash.get(key) if len(key) == 64 else self._by_id.get(key)
        return None if entry is None else self._compose(entry)

    def count(self, where: ArticleFilter | None = None) -> int:
        return len(self._entries(where))

    def iter_analyses(self, where: ArticleFilter | None = None, *, batch_size: int = 200) -> Iterator[Analysis]:
        for entry in self._entries(where):
            yield self._compose(entry)

    def iter_articles(self, where: ArticleFilter | None = None, *, batch_size: int = 1000) -> Iterator[ArticleRow]:
        for e in self._entries(where):
            r = e.record
            yield ArticleRow(r.id, r.outlet, r.url, r.published_at, r.language, r.word_count, r.text, r.title)

    def _derived(self, entry: _Entry, table: str) -> list[dict[str, Any]]:
        return [row for g in entry.groups.values() for row in getattr(g.derived, table)]

    def iter_sources(self, where: ArticleFilter | None = None) -> Iterator[SourceRow]:
        for e in self._entries(where):
            for row in sorted(self._derived(e, "sources"), key=lambda r: r["start"]):
                yield SourceRow(e.record.id, row["name"], row["kind"], row["relation"], row["start"], row["end"])

    def sightings(self, article_id: str) -> list[Sighting]:
        with self._lock:
            entry = self._by_id.get(article_id)
            return list(entry.sightings) if entry else []

    def iter_sightings(self, where: ArticleFilter | None = None) -> Iterator[Sighting]:
        for e in self._entries(where):
            yield from list(e.sightings)

    def outlets(self) -> list[tuple[str, int]]:
        names: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for e in self._entries():
            if e.record.outlet_key is not None:
                k = e.record.outlet_key
                counts[k] += 1
                names[k] = min(names.get(k, e.record.outlet or ""), e.record.outlet or "")
        return sorted(((names[k], n) for k, n in counts.items()), key=lambda r: (-r[1], r[0]))

    def _span_values(self, column: str) -> list[str]:
        return sorted({str(row[column]) for e in self._entries() for row in self._derived(e, "techniques")
                       if row[column] is not None})

    def technique_labels(self) -> list[str]:
        return self._span_values("technique")

    def voices(self) -> list[str]:
        return self._span_values("voice")

    def speaker_keys(self) -> list[str]:
        return sorted({str(row["speaker_key"]) for e in self._entries() for row in self._derived(e, "attributions")
                       if row["speaker_key"] is not None})

    def speaker_spellings(self, keys: Sequence[str]) -> dict[str, str]:
        wanted = set(keys)
        out: dict[str, str] = {}
        for e in self._entries():
            for row in self._derived(e, "attributions"):
                key = row["speaker_key"]
                if key in wanted and key not in out and row["speaker"] is not None:
                    out[key] = str(row["speaker"])
        return out

    def articles_near(self, published_at: str, *, since: str, until: str, limit: int) -> list[ArticleRow]:
        from datetime import date, timedelta

        end = (date.fromisoformat(until[:10]) + timedelta(days=1)).isoformat()
        dated = [e for e in self._entries() if e.record.published_at and since <= e.record.published_at < end]
        half = max(1, limit // 2)
        before = sorted((e for e in dated if e.record.published_at <= published_at),  # type: ignore[operator]
                        key=lambda e: e.record.published_at or "", reverse=True)[:half]
        after = sorted((e for e in dated if e.record.published_at > published_at),  # type: ignore[operator]
                       key=lambda e: e.record.published_at or "")[:max(0, limit - half)]
        return [ArticleRow(e.record.id, e.record.outlet, e.record.url, e.record.published_at, e.record.language,
                           e.record.word_count, e.record.text, e.record.title) for e in (*before, *after)]

    def search(self, query: SearchQuery) -> list[SearchHit]:
        terms = parse_query(query.text)
        speaker = name_key(query.speaker)
        speakers = set(query.speaker_keys) or {speaker}
        voice = query.voice if name_key(query.voice) else None  # blank: no filter, as in the SQL stores
        matches: list[_Entry] = []
        for e in self._entries(query.filter):
            if query.technique or voice:
                if not any((not query.technique or row["technique"] == query.technique)
                           and (not voice or voice_matches(row["voice"], voice))
                           for row in self._derived(e, "techniques")):
                    continue
            if speaker and not any(row["speaker_key"] in speakers for row in self._derived(e, "attributions")):
                continue
            if terms:
                if e.tokens is None:
                    e.tokens = tokenize((e.record.title or "") + "\n" + e.record.text)
                if match_positions(e.tokens, terms) is None:
                    continue
            matches.append(e)
        dated = sorted((e for e in matches if e.record.published_at), key=lambda e: e.record.id)
        dated.sort(key=lambda e: e.record.published_at or "", reverse=True)
        undated = sorted((e for e in matches if not e.record.published_at), key=lambda e: e.record.id)
        page = (dated + undated)[query.offset:query.offset + query.limit]
        return [SearchHit(e.record.id, e.record.title, e.record.outlet, e.record.url, e.record.published,
                          make_snippet(e.record.text, terms)) for e in page]

    def profile_counts(self, outlet: str, since: str | None = None, until: str | None = None) -> ProfileCounts:
        out = ProfileCounts()
        weeks: dict[str | None, list[int]] = {}
        tech: Counter[tuple[str | None, str, str | None]] = Counter()
        speakers: Counter[tuple[str | None, str]] = Counter()
        speaker_names: dict[tuple[str | None, str], str] = {}
        sources: Counter[tuple[str | None, str, str | None]] = Counter()
        source_names: dict[tuple[str | None, str, str | None], str] = {}
        agencies: Counter[tuple[str | None, str]] = Counter()
        for e in self._entries(ArticleFilter(outlet, since, until)):
            w = e.record.week
            acc = weeks.setdefault(w, [0, 0])
            acc[0] += 1
            acc[1] += e.record.word_count
            if e.record.agency is not None:
                agencies[(w, e.record.agency)] += 1
            for row in self._derived(e, "techniques"):
                tech[(w, row["technique"], row["voice"])] += 1
            for row in self._derived(e, "attributions"):
                if row["speaker_key"] is not None:
                    k = (w, row["speaker_key"])
                    speakers[k] += 1
                    speaker_names[k] = min(speaker_names.get(k, row["speaker"]), row["speaker"])
            for row in self._derived(e, "sources"):
                if row["name_key"] is not None:
                    k3 = (w, row["name_key"], row["kind"])
                    sources[k3] += 1
                    source_names[k3] = min(source_names.get(k3, row["name"]), row["name"])
        out.weeks = {w: (n, words) for w, (n, words) in weeks.items()}
        out.techniques = [(w, t, v, n) for (w, t, v), n in tech.items()]
        out.speakers = [(w, speaker_names[(w, k)], n) for (w, k), n in speakers.items()]
        out.sources = [(w, source_names[(w, k, kind)], kind, n) for (w, k, kind), n in sources.items()]
        out.agencies = [(w, a, n) for (w, a), n in agencies.items()]
        return out

    # -- signatures -----------------------------------------------------------------------------
    def get_signatures(self, article_ids: Sequence[str], kind: str) -> dict[str, bytes]:
        with self._lock:
            return {a: e.signatures[kind] for a in article_ids
                    if (e := self._by_id.get(a)) is not None and kind in e.signatures}

    def put_signatures(self, kind: str, signatures: dict[str, bytes]) -> None:
        with self._lock:
            for a, sig in signatures.items():
                entry = self._by_id.get(a)
                if entry is not None:
                    entry.signatures[kind] = bytes(sig)

    # -- embeddings and story threads -------------------------------------------------------------
    def get_embeddings(self, article_ids: Sequence[str], kind: str) -> dict[str, bytes]:
        with self._lock:
            return {a: e.embeddings[kind] for a in article_ids
                    if (e := self._by_id.get(a)) is not None and kind in e.embeddings}

    def put_embeddings(self, kind: str, dim: int, vectors: dict[str, bytes]) -> None:
        with self._lock:
            for a, v in vectors.items():
                entry = self._by_id.get(a)
                if entry is not None:
                    entry.embeddings[kind] = bytes(v)

    def story_members(self, *, story_ids: Sequence[str] | None = None, article_ids: Sequence[str] | None = None,
                      where: ArticleFilter | None = None) -> list[StoryMember]:
        stories = set(story_ids) if story_ids is not None else None
        articles = set(article_ids) if article_ids is not None else None
        return [replace(e.story, outlet=e.record.outlet, published_at=e.record.published_at, title=e.record.title,
                        url=e.record.url)
                for e in self._entries(where) if e.story is not None
                and (stories is None or e.story.story_id in stories)
                and (articles is None or e.record.id in articles)]

    def put_story_members(self, members: Sequence[StoryMember]) -> None:
        with self._lock:
            for m in members:
                entry = self._by_id.get(m.article_id)
                if entry is not None:
                    entry.story = StoryMember(m.article_id, m.story_id, m.method, m.joined_via, m.score)

    def unthreaded(self) -> list[tuple[str, str | None]]:
        rows = [(e.record.id, e.record.published_at) for e in self._entries() if e.story is None]
        return sorted(rows, key=lambda r: (r[1] is None, r[1] or "", r[0]))

    def clear_stories(self) -> None:
        with self._lock:
            for e in self._by_id.values():
                e.story = None

    # -- ingest bookkeeping ---------------------------------------------------------------------
    def start_run(self, sources: Sequence[str], analyzers: Sequence[AnalyzerInfo]) -> str:
        run_id = uuid.uuid4().hex
        now = utc_now()
        with self._lock:
            self._runs[run_id] = RunRecord(run_id, now, None, "running", tuple(sources),
                                           tuple(a.qualified for a in analyzers), {}, os.getpid(),
                                           socket.gethostname()[:255], now)
        return run_id

    def heartbeat_run(self, run_id: str, counts: dict[str, int]) -> None:
        with self._lock:
            run = self._runs[run_id]
            if run.status == "running":
                self._runs[run_id] = replace(run, heartbeat_at=utc_now(),
                                             counts=json.loads(json.dumps(counts, sort_keys=True)))

    def finish_run(self, run_id: str, counts: dict[str, int], status: str = "finished") -> None:
        now = utc_now()
        with self._lock:
            run = self._runs[run_id]
            self._runs[run_id] = replace(run, finished_at=now, status=status, heartbeat_at=now,
                                         counts=json.loads(json.dumps(counts, sort_keys=True)))

    def abandon_run(self, run_id: str) -> bool:
        with self._lock:
            run = self._runs.get(run_id)
            if run is None or run.status != "running":
                return False
            self._runs[run_id] = replace(run, status="abandoned", finished_at=run.heartbeat_at or run.started_at)
            return True

    def runs(self) -> list[RunRecord]:
        with self._lock:
            return sorted(self._runs.values(), key=lambda r: (r.started_at, r.run_id))

    def record_errors(self, errors: Sequence[IngestErrorRecord]) -> None:
        now = utc_now()
        with self._lock:
            for e in errors:
                self._errors.append(IngestErrorRecord(e.run_id, e.source, e.code, e.message, e.analyzer,
                                                      e.article_id, e.created_at or now))

    def errors(self, run_id: str | None = None) -> list[IngestErrorRecord]:
        with self._lock:
            return [e for e in self._errors if run_id is None or e.run_id == run_id]

    def close(self) -> None:
        """Nothing to release; a named store stays open for the process."""

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
