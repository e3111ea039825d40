"""What the SQLite and PostgreSQL stores share: SQLAlchemy Core over :mod:`~propscope.store.schema`.

Subclasses supply the engine and the full-text condition (:meth:`SqlStore._fts_condition`);
everything else — idempotent, atomic puts, reads, filters, profile counts — is here, written
once in portable Core.  Every write goes through :meth:`SqlStore._write`: one transaction,
behind a process-wide lock (SQLite's single writer; ``BEGIN IMMEDIATE`` takes the database
lock up front so two processes never deadlock on an upgrade).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

import propscope.store.schema as t
from propscope.analysis import Analysis, AnalyzerInfo
from propscope.errors import StoreError
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
from propscope.store.migrate import upgrade
from propscope.store.records import (
    OUTLET_VOICE,
    QUOTED_VOICE,
    AnalyzerRecord,
    ArticleRecord,
    QueryTerm,
    compose_analysis,
    decompose,
    name_key,
    parse_query,
    voice_keyword,
)
from propscope.store.snippets import make_snippet

__all__ = ["SqlStore", "utc_now"]

_CHUNK = 500
_A = t.articles


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _filter(where: ArticleFilter | None) -> list[sa.ColumnElement[bool]]:
    """The conditions of a filter.  A blank outlet (no name left once spaces go) is no filter, as
    in the memory store: comparing its key, None, would select the articles that have no outlet."""
    conds: list[sa.ColumnElement[bool]] = []
    if where is None:
        return conds
    outlet = name_key(where.outlet)
    if outlet is not None:
        conds.append(_A.c.outlet_key == outlet)
    if where.since:
        conds.append(_A.c.published_date >= where.since)
    if where.until:
        conds.append(_A.c.published_date <= where.until)
    return conds


def _day_after(day: str) -> str:
    """``2026-01-31`` -> ``2026-02-01``: the exclusive end of a date range over ISO timestamps."""
    from datetime import date, timedelta

    return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()


class SqlStore:
    """Base of :class:`SqliteStore` and :class:`PostgresStore`."""

    url: str

    def __init__(self, url: str, engine: sa.Engine, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = engine
        self._lock = threading.RLock()
        if migrate:
            try:
                upgrade(engine)
            except sa_exc.SQLAlchemyError as exc:
                raise StoreError(f"cannot open the database {self._safe_url()}: {exc.__class__.__name__}: "
                                 f"{getattr(exc, 'orig', exc)}", code="store.open") from exc

    def _safe_url(self) -> str:
        return sa.engine.make_url(self.url).render_as_string(hide_password=True) if "://" in self.url else self.url

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._safe_url()!r})"

    # -- transactions ---------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self._lock, self._errors(), self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info["write"] = False

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self._errors(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.IntegrityError:
            raise
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"database error on {self._safe_url()}: {exc.__class__.__name__}: "
                             f"{getattr(exc, 'orig', exc)}", code="store.database") from exc

    # -- full text (dialect-specific) -----------------------------------------------------------
    def _fts_condition(self, terms: Sequence[QueryTerm]) -> sa.ColumnElement[bool]:
        raise NotImplementedError

    # -- writing --------------------------------------------------------------------------------
    def put(self, analysis: Analysis) -> PutResult:
        return self.put_many([analysis])[0]

    def put_many(self, analyses: Sequence[Analysis]) -> list[PutResult]:
        rows = [decompose(a) for a in analyses]
        for attempt in range(3):
            try:
                with self._write() as conn:
                    return self._put_batch(conn, rows)
            except sa_exc.IntegrityError as exc:  # another writer stored the same text meanwhile
                if attempt == 2:
                    raise StoreError(f"cannot store the batch: {exc.orig}", code="store.integrity") from exc
        raise AssertionError("unreachable")

    def _put_batch(self, conn: sa.Connection, rows: list[tuple[ArticleRecord, list[AnalyzerRecord]]]
                   ) -> list[PutResult]:
        """New texts in bulk (one multi-row insert per table), known ones one by one."""
        now = utc_now()
        hashes = list({record.content_hash for record, _ in rows})
        known: set[str] = set()
        for k in range(0, len(hashes), _CHUNK):
            known.update(conn.execute(sa.select(_A.c.content_hash)
                                      .where(_A.c.content_hash.in_(hashes[k:k + _CHUNK]))).scalars())
        fresh: list[int] = []
        for i, (record, _) in enumerate(rows):
            if record.content_hash not in known:
                known.add(record.content_hash)
                fresh.append(i)
        results: list[PutResult | None] = [None] * len(rows)
        if fresh:
            values = [{**rows[i][0].columns(), "created_at": now, "updated_at": now} for i in fresh]
            pks = conn.execute(sa.insert(_A).returning(_A.c.pk, sort_by_parameter_order=True), values).scalars().all()
            bulk: dict[str, list[dict[str, Any]]] = {"analyses": [], "sightings": [],
                                                     **{name: [] for name in t.DERIVED_TABLES}}
            for i, pk in zip(fresh, pks, strict=True):
                results[i] = self._put(conn, *rows[i], pk=pk, bulk=bulk)
            for name, table_rows in bulk.items():
                if table_rows:
                    table = {"analyses": t.analyses, "sightings": t.sightings, **t.DERIVED_TABLES}[name]
                    conn.execute(sa.insert(table), table_rows)
        for i, (record, groups) in enumerate(rows):
            if results[i] is None:
                results[i] = self._put(conn, record, groups)
        return [r for r in results if r is not None]

    def _put(self, conn: sa.Connection, record: ArticleRecord, groups: list[AnalyzerRecord], *,
             pk: int | None = None, bulk: dict[str, list[dict[str, Any]]] | None = None) -> PutResult:
        """One article inside the batch's transaction.  With ``pk`` and ``bulk``: a text just
        inserted, whose rows are staged in ``bulk``; otherwise a known text, written here."""
        now = utc_now()
        if bulk is not None:
            assert pk is not None
            bulk["sightings"].append({"article_pk": pk, "key": record.url or record.source or "",
                                      "outlet": record.outlet, "url": record.url, "published": record.published,
                                      "source": record.source, "seen_at": now})
            for g in groups:
                bulk["analyses"].append({"article_pk": pk, "analyzer": g.name, "version": g.version,
                                         "listed": g.listed, "seq": g.seq, "layers_json": g.layers_json,
                                         "created_at": now})
                for table_name, table_rows in g.derived.items():
                    bulk[table_name].extend({**row, "article_pk": pk} for row in table_rows)
            return PutResult(record.id, "inserted", tuple(g.name for g in groups))
        pk = conn.execute(sa.select(_A.c.pk).where(_A.c.content_hash == record.content_hash)).scalar()
        existing: dict[str, tuple[str, int]] = {}
        if pk is None:
            values = record.columns()
            values.update(created_at=now, updated_at=now)
            pk = conn.execute(sa.insert(_A).values(**values).returning(_A.c.pk)).scalar_one()
            status = "inserted"
        else:
            status = "unchanged"
            for name, version, seq in conn.execute(
                    sa.select(t.analyses.c.analyzer, t.analyses.c.version, t.analyses.c.seq)
                    .where(t.analyses.c.article_pk == pk)):
                existing[name] = (version, seq)
        self._add_sighting(conn, pk, record.outlet, record.url, record.published, record.source, now)
        # A changed analyzer changes what runs after it (voice rewrites techniques...): when any
        # version differs, every layer of the new analysis replaces the stored one.
        stale = any(g.name not in existing or existing[g.name][0] != g.version for g in groups)
        changed = groups if stale else []
        if not changed:
            return PutResult(record.id, "unchanged")
        names = [g.name for g in changed]
        if status != "inserted":
            for table in t.DERIVED_TABLES.values():
                conn.execute(sa.delete(table).where(table.c.article_pk == pk, table.c.analyzer.in_(names)))
            conn.execute(sa.delete(t.analyses).where(t.analyses.c.article_pk == pk, t.analyses.c.analyzer.in_(names)))
            conn.execute(sa.update(_A).where(_A.c.pk == pk).values(updated_at=now,
                                                                     propscope_version=record.propscope_version))
            status = "updated"
        next_seq = max((seq for _, seq in existing.values()), default=-1) + 1
        analysis_rows = []
        derived: dict[str, list[dict[str, Any]]] = {name: [] for name in t.DERIVED_TABLES}
        for g in changed:
            if g.name in existing:
                seq = existing[g.name][1]
            elif existing:
                seq, next_seq = next_seq, next_seq + 1
            else:
                seq = g.seq
            analysis_rows.append({"article_pk": pk, "analyzer": g.name, "version": g.version, "listed": g.listed,
                                  "seq": seq, "layers_json": g.layers_json, "created_at": now})
            for table_name, table_rows in g.derived.items():
                derived[table_name].extend({**row, "article_pk": pk} for row in table_rows)
        conn.execute(sa.insert(t.analyses), analysis_rows)
        for table_name, table_rows in derived.items():
            if table_rows:
                conn.execute(sa.insert(t.DERIVED_TABLES[table_name]), table_rows)
        return PutResult(record.id, status, tuple(names))  # type: ignore[arg-type]

    def _add_sighting(self, conn: sa.Connection, pk: int, outlet: str | None, url: str | None,
                      published: str | None, source: str | None, now: str) -> bool:
        key = url or source or ""
        s = t.sightings
        if conn.execute(sa.select(s.c.id).where(s.c.article_pk == pk, s.c.key == key)).first() is not None:
            return False
        conn.execute(sa.insert(s).values(article_pk=pk, key=key, outlet=outlet, url=url, published=published,
                                         source=source, seen_at=now))
        return True

    def add_sightings(self, items: Sequence[tuple[str, str | None, str | None, str | None, str | None]]) -> int:
        if not items:
            return 0
        added = 0
        now = utc_now()
        with self._write() as conn:
            hashes = list({i[0] for i in items})
            pks: dict[str, int] = {}
            for k in range(0, len(hashes), _CHUNK):
                pks.update(conn.execute(sa.select(_A.c.content_hash, _A.c.pk)
                                        .where(_A.c.content_hash.in_(hashes[k:k + _CHUNK]))).all())
            for content_hash, outlet, url, published, source in items:
                pk = pks.get(content_hash)
                if pk is not None and self._add_sighting(conn, pk, outlet, url, published, source, now):
                    added += 1
        return added

    def stored_versions(self, content_hashes: Iterable[str]) -> dict[str, dict[str, str]]:
        hashes = list(dict.fromkeys(content_hashes))
        out: dict[str, dict[str, str]] = {}
        with self._read() as conn:
            for i in range(0, len(hashes), _CHUNK):
                chunk = hashes[i:i + _CHUNK]
                stmt = (sa.select(_A.c.content_hash, t.analyses.c.analyzer, t.analyses.c.version)
                        .select_from(_A.outerjoin(t.analyses, t.analyses.c.article_pk == _A.c.pk))
                        .where(_A.c.content_hash.in_(chunk)))
                for content_hash, analyzer, version in conn.execute(stmt):
                    versions = out.setdefault(content_hash, {})
                    if analyzer is not None:
                        versions[analyzer] = version
        return out

    # -- reading --------------------------------------------------------------------------------
    def _compose(self, conn: sa.Connection, article_rows: Sequence[sa.Row[Any]]) -> list[Analysis]:
        if not article_rows:
            return []
        by_pk: dict[int, list[tuple[str, str, bool, int, str]]] = {row.pk: [] for row in article_rows}
        an = t.analyses
        for row in conn.execute(sa.select(an.c.article_pk, an.c.analyzer, an.c.version, an.c.listed, an.c.seq,
                                          an.c.layers_json).where(an.c.article_pk.in_(list(by_pk)))):
            by_pk[row.article_pk].append((row.analyzer, row.version, bool(row.listed), row.seq, row.layers_json))
        return [compose_analysis(dict(row._mapping), by_pk[row.pk]) for row in article_rows]

    def get(self, key: str) -> Analysis | None:
        column = _A.c.content_hash if len(key) == 64 else _A.c.id
        with self._read() as conn:
            row = conn.execute(sa.select(_A).where(column == key)).first()
            if row is None:
                return None
            return self._compose(conn, [row])[0]

    def count(self, where: ArticleFilter | None = None) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(_A).where(*_filter(where))).scalar_one())

    def _pages(self, columns: Sequence[Any], where: ArticleFilter | None, batch_size: int) -> Iterator[list[Any]]:
        last = 0
        while True:
            with self._read() as conn:
                rows = conn.execute(sa.select(*columns).where(_A.c.pk > last, *_filter(where))
                                    .order_by(_A.c.pk).limit(batch_size)).all()
                if not rows:
                    return
                last = rows[-1].pk
                yield [conn, rows]

    def iter_analyses(self, where: ArticleFilter | None = None, *, batch_size: int = 200) -> Iterator[Analysis]:
        for conn, rows in self._pages([_A], where, batch_size):
            analyses = self._compose(conn, rows)
            yield from analyses

    def iter_articles(self, where: ArticleFilter | None = None, *, batch_size: int = 1000) -> Iterator[ArticleRow]:
        cols = [_A.c.pk, _A.c.id, _A.c.outlet, _A.c.url, _A.c.published_at, _A.c.language, _A.c.word_count,
                _A.c.text, _A.c.title]
        for _conn, rows in self._pages(cols, where, batch_size):
            for r in rows:
                yield ArticleRow(r.id, r.outlet, r.url, r.published_at, r.language, r.word_count, r.text, r.title)

    def iter_sources(self, where: ArticleFilter | None = None) -> Iterator[SourceRow]:
        s = t.sources
        stmt = (sa.select(_A.c.id, s.c.name, s.c.kind, s.c.relation, s.c.start, s.c.end)
                .select_from(s.join(_A, _A.c.pk == s.c.article_pk)).where(*_filter(where))
                .order_by(_A.c.pk, s.c.start, s.c.id))
        with self._read() as conn:
            rows = conn.execute(stmt).all()
        for r in rows:
            yield SourceRow(r.id, r.name, r.kind, r.relation, r.start, r.end)

    def articles_near(self, published_at: str, *, since: str, until: str, limit: int) -> list[ArticleRow]:
        cols = [_A.c.id, _A.c.outlet, _A.c.url, _A.c.published_at, _A.c.language, _A.c.word_count, _A.c.text,
                _A.c.title]
        end = _day_after(until)
        half = max(1, limit // 2)
        before = (sa.select(*cols).where(_A.c.published_at <= published_at, _A.c.published_at >= since)
                  .order_by(_A.c.published_at.desc()).limit(half))
        after = (sa.select(*cols).where(_A.c.published_at > published_at, _A.c.published_at < end)
                 .order_by(_A.c.published_at).limit(max(0, limit - half)))
        with self._read() as conn:
            rows = [*conn.execute(before), *conn.execute(after)]
        return [ArticleRow(r.id, r.outlet, r.url, r.published_at, r.language, r.word_count, r.text, r.title)
                for r in rows]

    def sightings(self, article_id: str) -> list[Sighting]:
        s = t.sightings
        stmt = (sa.select(s.c.outlet, s.c.url, s.c.published, s.c.source, s.c.seen_at)
                .select_from(s.join(_A, _A.c.pk == s.c.article_pk)).where(_A.c.id == article_id).order_by(s.c.id))
        with self._read() as conn:
            return [Sighting(article_id, *row) for row in conn.execute(stmt)]

    def iter_sightings(self, where: ArticleFilter | None = None) -> Iterator[Sighting]:
        s = t.sightings
        stmt = (sa.select(_A.c.id, s.c.outlet, s.c.url, s.c.published, s.c.source, s.c.seen_at)
                .select_from(s.join(_A, _A.c.pk == s.c.article_pk)).where(*_filter(where))
                .order_by(_A.c.pk, s.c.id))
        with self._read() as conn:
            rows = conn.execute(stmt).all()
        for r in rows:
            yield Sighting(*r)

    def outlets(self) -> list[tuple[str, int]]:
        stmt = (sa.select(sa.func.min(_A.c.outlet), sa.func.count()).where(_A.c.outlet_key.is_not(None))
                .group_by(_A.c.outlet_key))
        with self._read() as conn:
            rows = [(str(o), int(n)) for o, n in conn.execute(stmt)]
        return sorted(rows, key=lambda r: (-r[1], r[0]))

    def _distinct(self, column: sa.Column[Any]) -> list[str]:
        with self._read() as conn:
            return sorted(str(v) for v in conn.execute(sa.select(column).where(column.is_not(None)).distinct())
                          .scalars())

    def technique_labels(self) -> list[str]:
        return self._distinct(t.technique_spans.c.technique)

    def voices(self) -> list[str]:
        return self._distinct(t.technique_spans.c.voice)

    def speaker_keys(self) -> list[str]:
        # A loose index scan: one seek per distinct key (``min(k) where k > previous``), so the cost
        # follows the number of speakers, not of attributions.  SQLite and PostgreSQL alike.
        stmt = sa.text(
            "WITH RECURSIVE k(v) AS (SELECT MIN(speaker_key) FROM attributions UNION ALL "
            "SELECT (SELECT MIN(speaker_key) FROM attributions WHERE speaker_key > k.v) FROM k "
            "WHERE k.v IS NOT NULL) SELECT v FROM k WHERE v IS NOT NULL")
        with self._read() as conn:
            return [str(v) for v in conn.execute(stmt).scalars()]

    def speaker_spellings(self, keys: Sequence[str]) -> dict[str, str]:
        at = t.attributions
        out: dict[str, str] = {}
        with self._read() as conn:
            for key in dict.fromkeys(keys):
                name = conn.execute(sa.select(at.c.speaker).where(at.c.speaker_key == key).limit(1)).scalar()
                if name is not None:
                    out[key] = str(name)
        return out

    def _voice_condition(self, wanted: str) -> sa.ColumnElement[bool]:
        """``outlet``, ``quoted`` or a speaker's name compared by :func:`name_key`, like ``--speaker``.
        Spans keep the name as the voice analyzer wrote it (no key column), so the stored spellings
        of that name are looked up first: SQL's ``lower`` does not fold case as Python does."""
        ts = t.technique_spans
        keyword = voice_keyword(wanted)
        if keyword == OUTLET_VOICE:
            return ts.c.voice == OUTLET_VOICE
        if keyword == QUOTED_VOICE:
            return sa.and_(ts.c.voice.is_not(None), ts.c.voice != OUTLET_VOICE)
        key = name_key(wanted)
        return ts.c.voice.in_([v for v in self.voices() if name_key(v) == key])

    def search(self, query: SearchQuery) -> list[SearchHit]:
        terms = parse_query(query.text)
        conds = _filter(query.filter)
        # Filters on span tables are uncorrelated ``pk IN (SELECT article_pk …)``: each uses its
        # own index once (a correlated EXISTS made SQLite scan the span index per article).
        voice = query.voice if name_key(query.voice) else None
        if query.technique or voice:
            ts = t.technique_spans
            sub: list[sa.ColumnElement[bool]] = []
            if query.technique:
                sub.append(ts.c.technique == query.technique)
            if voice:
                sub.append(self._voice_condition(voice))
            conds.append(_A.c.pk.in_(sa.select(ts.c.article_pk).where(*sub)))
        speaker = name_key(query.speaker)
        if speaker is not None:  # a blank speaker is no filter (its key, None, would match unnamed ones)
            at = t.attributions
            keys = list(query.speaker_keys) or [speaker]
            conds.append(_A.c.pk.in_(sa.select(at.c.article_pk).where(at.c.speaker_key.in_(keys))))
        if terms:
            conds.append(self._fts_condition(terms))
        stmt = (sa.select(_A.c.id, _A.c.title, _A.c.outlet, _A.c.url, _A.c.published, _A.c.text).where(*conds)
                .order_by(_A.c.published_at.is_(None), _A.c.published_at.desc(), _A.c.id)
                .limit(query.limit).offset(query.offset))
        with self._read() as conn:
            rows = conn.execute(stmt).all()
        return [SearchHit(r.id, r.title, r.outlet, r.url, r.published, make_snippet(r.text, terms)) for r in rows]

    def profile_counts(self, outlet: str, since: str | None = None, until: str | None = None) -> ProfileCounts:
        conds = _filter(ArticleFilter(outlet, since, until))
        out = ProfileCounts()
        ts, at, so = t.technique_spans, t.attributions, t.sources
        with self._read() as conn:
            for week, n, words in conn.execute(sa.select(_A.c.week, sa.func.count(), sa.func.sum(_A.c.word_count))
                                               .where(*conds).group_by(_A.c.week)):
                out.weeks[week] = (int(n), int(words or 0))
            stmt = (sa.select(_A.c.week, ts.c.technique, ts.c.voice, sa.func.count())
                    .select_from(ts.join(_A, _A.c.pk == ts.c.article_pk)).where(*conds)
                    .group_by(_A.c.week, ts.c.technique, ts.c.voice))
            out.techniques = [(w, tech, voice, int(n)) for w, tech, voice, n in conn.execute(stmt)]
            stmt = (sa.select(_A.c.week, sa.func.min(at.c.speaker), sa.func.count())
                    .select_from(at.join(_A, _A.c.pk == at.c.article_pk))
                    .where(*conds, at.c.speaker_key.is_not(None)).group_by(_A.c.week, at.c.speaker_key))
            out.speakers = [(w, s, int(n)) for w, s, n in conn.execute(stmt)]
            stmt = (sa.select(_A.c.week, sa.func.min(so.c.name), so.c.kind, sa.func.count())
                    .select_from(so.join(_A, _A.c.pk == so.c.article_pk))
                    .where(*conds, so.c.name_key.is_not(None)).group_by(_A.c.week, so.c.name_key, so.c.kind))
            out.sources = [(w, name, kind, int(n)) for w, name, kind, n in conn.execute(stmt)]
            stmt = (sa.select(_A.c.week, _A.c.agency, sa.func.count()).where(*conds, _A.c.agency.is_not(None))
                    .group_by(_A.c.week, _A.c.agency))
            out.agencies = [(w, a, int(n)) for w, a, n in conn.execute(stmt)]
        return out

    # -- signatures -----------------------------------------------------------------------------
    def get_signatures(self, article_ids: Sequence[str], kind: str) -> dict[str, bytes]:
        sg = t.signatures
        out: dict[str, bytes] = {}
        ids = list(article_ids)
        with self._read() as conn:
            for i in range(0, len(ids), _CHUNK):
                stmt = (sa.select(_A.c.id, sg.c.signature).select_from(sg.join(_A, _A.c.pk == sg.c.article_pk))
                        .where(sg.c.kind == kind, _A.c.id.in_(ids[i:i + _CHUNK])))
                out.update((aid, bytes(sig)) for aid, sig in conn.execute(stmt))
        return out

    def put_signatures(self, kind: str, signatures: dict[str, bytes]) -> None:
        sg = t.signatures
        ids = list(signatures)
        with self._write() as conn:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i:i + _CHUNK]
                pks = dict(conn.execute(sa.select(_A.c.id, _A.c.pk).where(_A.c.id.in_(chunk))).all())
                conn.execute(sa.delete(sg).where(sg.c.kind == kind, sg.c.article_pk.in_(list(pks.values()))))
                rows = [{"article_pk": pks[a], "kind": kind, "signature": signatures[a]} for a in chunk if a in pks]
                if rows:
                    conn.execute(sa.insert(sg), rows)

    # -- embeddings and story threads -------------------------------------------------------------
    def get_embeddings(self, article_ids: Sequence[str], kind: str) -> dict[str, bytes]:
        em = t.embeddings
        out: dict[str, bytes] = {}
        ids = list(article_ids)
        with self._read() as conn:
            for i in range(0, len(ids), _CHUNK):
                stmt = (sa.select(_A.c.id, em.c.vector).select_from(em.join(_A, _A.c.pk == em.c.article_pk))
                        .where(em.c.kind == kind, _A.c.id.in_(ids[i:i + _CHUNK])))
                out.update((aid, bytes(v)) for aid, v in conn.execute(stmt))
        return out

    def put_embeddings(self, kind: str, dim: int, vectors: dict[str, bytes]) -> None:
        em = t.embeddings
        ids = list(vectors)
        with self._write() as conn:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i:i + _CHUNK]
                pks = dict(conn.execute(sa.select(_A.c.id, _A.c.pk).where(_A.c.id.in_(chunk))).all())
                conn.execute(sa.delete(em).where(em.c.kind == kind, em.c.article_pk.in_(list(pks.values()))))
                rows = [{"article_pk": pks[a], "kind": kind, "dim": dim, "vector": vectors[a]} for a in chunk if a in pks]
                if rows:
                    conn.execute(sa.insert(em), rows)

    def story_members(self, *, story_ids: Sequence[str] | None = None, article_ids: Sequence[str] | None = None,
                      where: ArticleFilter | None = None) -> list[StoryMember]:
        sm = t.story_members
        base = (sa.select(_A.c.id, sm.c.story_id, sm.c.method, sm.c.joined_via, sm.c.score, _A.c.outlet,
                          _A.c.published_at, _A.c.title, _A.c.url)
                .select_from(sm.join(_A, _A.c.pk == sm.c.article_pk)).where(*_filter(where)).order_by(_A.c.pk))
        out: list[StoryMember] = []
        with self._read() as conn:
            if story_ids is None and article_ids is None:
                out.extend(StoryMember(*row) for row in conn.execute(base))
                return out
            col, keys = (sm.c.story_id, list(story_ids)) if story_ids is not None else (_A.c.id, list(article_ids or []))
            for i in range(0, len(keys), _CHUNK):
                out.extend(StoryMember(*row) for row in conn.execute(base.where(col.in_(keys[i:i + _CHUNK]))))
        return out

    def put_story_members(self, members: Sequence[StoryMember]) -> None:
        sm = t.story_members
        now = utc_now()
        by_id = {m.article_id: m for m in members}
        ids = list(by_id)
        with self._write() as conn:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i:i + _CHUNK]
                pks = dict(conn.execute(sa.select(_A.c.id, _A.c.pk).where(_A.c.id.in_(chunk))).all())
                conn.execute(sa.delete(sm).where(sm.c.article_pk.in_(list(pks.values()))))
                rows = [{"article_pk": pks[a], "story_id": by_id[a].story_id, "joined_via": by_id[a].joined_via,
                         "method": by_id[a].method, "score": by_id[a].score, "created_at": now}
                        for a in chunk if a in pks]
                if rows:
                    conn.execute(sa.insert(sm), rows)

    def unthreaded(self) -> list[tuple[str, str | None]]:
        sm = t.story_members
        stmt = (sa.select(_A.c.id, _A.c.published_at).select_from(_A.outerjoin(sm, sm.c.article_pk == _A.c.pk))
                .where(sm.c.article_pk.is_(None))
                .order_by(_A.c.published_at.is_(None), _A.c.published_at, _A.c.id))
        with self._read() as conn:
            return [(aid, pub) for aid, pub in conn.execute(stmt)]

    def clear_stories(self) -> None:
        with self._write() as conn:
            conn.execute(sa.delete(t.story_members))

    # -- ingest bookkeeping ---------------------------------------------------------------------
    def start_run(self, sources: Sequence[str], analyzers: Sequence[AnalyzerInfo]) -> str:
        run_id = uuid.uuid4().hex
        now = utc_now()
        with self._write() as conn:
            conn.execute(sa.insert(t.ingest_runs).values(
                run_id=run_id, started_at=now, finished_at=None, status="running",
                sources_json=json.dumps(list(sources), ensure_ascii=False),
                analyzers_json=json.dumps([a.qualified for a in analyzers]), counts_json="{}",
                pid=os.getpid(), host=socket.gethostname()[:255], heartbeat_at=now))
        return run_id

    def heartbeat_run(self, run_id: str, counts: dict[str, int]) -> None:
        r = t.ingest_runs
        with self._write() as conn:
            conn.execute(sa.update(r).where(r.c.run_id == run_id, r.c.status == "running").values(
                heartbeat_at=utc_now(), counts_json=json.dumps(counts, sort_keys=True)))

    def finish_run(self, run_id: str, counts: dict[str, int], status: str = "finished") -> None:
        now = utc_now()
        with self._write() as conn:
            conn.execute(sa.update(t.ingest_runs).where(t.ingest_runs.c.run_id == run_id).values(
                finished_at=now, heartbeat_at=now, status=status, counts_json=json.dumps(counts, sort_keys=True)))

    def abandon_run(self, run_id: str) -> bool:
        r = t.ingest_runs
        with self._write() as conn:
            done = conn.execute(sa.update(r).where(r.c.run_id == run_id, r.c.status == "running").values(
                status="abandoned", finished_at=sa.func.coalesce(r.c.heartbeat_at, r.c.started_at)))
            return bool(done.rowcount)

    def runs(self) -> list[RunRecord]:
        r = t.ingest_runs
        with self._read() as conn:
            rows = conn.execute(sa.select(r).order_by(r.c.started_at, r.c.run_id)).all()
        return [RunRecord(x.run_id, x.started_at, x.finished_at, x.status, tuple(json.loads(x.sources_json)),
                          tuple(json.loads(x.analyzers_json)), json.loads(x.counts_json), x.pid, x.host,
                          x.heartbeat_at) for x in rows]

    def record_errors(self, errors: Sequence[IngestErrorRecord]) -> None:
        if not errors:
            return
        now = utc_now()
        with self._write() as conn:
            conn.execute(sa.insert(t.ingest_errors), [
                {"run_id": e.run_id, "source": e.source, "code": e.code, "message": e.message,
                 "analyzer": e.analyzer, "article_id": e.article_id, "created_at": e.created_at or now}
                for e in errors])

    def errors(self, run_id: str | None = None) -> list[IngestErrorRecord]:
        e = t.ingest_errors
        stmt = sa.select(e).order_by(e.c.id)
        if run_id is not None:
            stmt = stmt.where(e.c.run_id == run_id)
        with self._read() as conn:
            return [IngestErrorRecord(r.run_id, r.source, r.code, r.message, r.analyzer, r.article_id, r.created_at)
                    for r in conn.execute(stmt)]

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
