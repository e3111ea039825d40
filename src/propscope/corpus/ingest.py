"""``propscope ingest``: read sources, analyze what is new, store it — idempotent and resumable.

The loop, in one process that is the store's single writer::

    read_sources ─chunk of 32─▶ stored_versions? ─new or stale─▶ analyzers ─▶ put_many
        │ (streamed)               │ known: add sighting      (inline, process pool,
        └─ read error ─────────────┴─────── ingest_errors ◀──── or Dask workers)

* **Idempotent**: an article already stored with every analyzer at the current version is
  not analysed again (its URL is recorded as a sighting); when a version changed it is
  re-analysed and the new layers replace the stored ones.
* **Resumable**: each batch of articles is one transaction, so after a SIGKILL the store
  holds whole articles only; running the same command again skips them and does the rest.
* **Accounted for**: a run's row in ``ingest_runs`` names its pid and host and is renewed by a
  heartbeat; SIGTERM stops a run cleanly (``interrupted``); a run killed outright is marked
  ``abandoned`` by the next ingest (:func:`abandon_dead_runs`); pool workers die with their
  parent (:func:`die_with_parent`).  This bookkeeping is in :mod:`propscope.corpus.runs`.
* **Bounded memory**: sources are streamed; at most ``max_pending`` tasks are in flight and
  at most ``batch_size`` results wait to be written.
* **Never aborts on one item**: a read, analysis or worker failure is stored in
  ``ingest_errors`` with its source and code, and the run goes on — also when a reader
  raises instead of yielding an error (:func:`read_robustly`), an article's text cannot be
  hashed, or the store refuses a row (the batch is retried row by row, :class:`_Writer`).
* **Never drops a date silently**: an article whose published date cannot be read is
  stored without one, counted as a warning (``input.date_unparsed``, with the raw string,
  in ``ingest_errors`` and in the report's ``unparsed_dates`` examples).

Analysis runs inline (``workers=1``), in a pool of ``workers`` processes that each build the
pipeline once (``spawn``: no forked database connections), or on a Dask cluster
(:mod:`propscope.corpus.dask_engine`).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article
from propscope.corpus.runs import (
    HEARTBEAT_SECONDS,
    STALE_SECONDS,
    Terminated,
    _Heartbeat,
    _Stopping,
    abandon_dead_runs,
    run_is_dead,
)
from propscope.errors import AnalysisError, PropscopeError, StoreError
from propscope.pipeline import DEFAULT_ANALYZERS, Pipeline
from propscope.store.base import IngestErrorRecord, Store, needs_analysis
from propscope.workers import die_with_parent, init_worker, worker_args, worker_pipeline

__all__ = ["HEARTBEAT_SECONDS", "STALE_SECONDS", "IngestReport", "Outcome", "Terminated", "abandon_dead_runs",
           "analyze_articles", "die_with_parent", "run_is_dead",
           "estimate_total", "ingest", "read_robustly"]

#: ("ok", {"layers": …, "analyzers": …}) or ("error", PropscopeError.to_dict())
Outcome = tuple[str, dict[str, Any]]


@dataclass
class IngestReport:
    run_id: str
    read: int = 0  # items the readers produced (articles and read errors)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored with current analyzer versions
    duplicates: int = 0  # the same text twice in this run
    errors: int = 0
    seconds: float = 0.0
    error_codes: dict[str, int] = field(default_factory=dict)
    status: str = "running"
    warnings: int = 0  # stored all the same, with a note in ingest_errors (e.g. an unread date)
    warning_codes: dict[str, int] = field(default_factory=dict)
    unparsed_dates: list[str] = field(default_factory=list)  # up to MAX_DATE_EXAMPLES distinct raw dates
    abandoned: list[str] = field(default_factory=list)  # earlier runs found dead and marked so

    @property
    def done(self) -> int:
        return self.inserted + self.updated + self.unchanged + self.duplicates + self.errors

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "errors": self.errors, "warnings": self.warnings}

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "status": self.status, **self.counts(), "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.rate, 2), "error_codes": dict(sorted(self.error_codes.items())),
                "warning_codes": dict(sorted(self.warning_codes.items())), "unparsed_dates": list(self.unparsed_dates),
                "abandoned_runs": list(self.abandoned)}


#: How many distinct unread dates the report keeps as examples (every one is in ingest_errors).
MAX_DATE_EXAMPLES = 10


class Backend(Protocol):
    """Where analysis runs: ``submit`` a batch of articles, get a future of outcomes."""

    concurrency: int

    def submit(self, articles: Sequence[Article]) -> Any: ...  # a future with .done() and .result()

    def close(self) -> None: ...


# -- analysis in one place, whatever runs it ----------------------------------------------------
def _error_dict(exc: BaseException, article: Article) -> dict[str, Any]:
    if not isinstance(exc, PropscopeError):
        exc = AnalysisError(f"{type(exc).__name__}: {exc}", article_id=article.id, source=article.source)
    out = exc.to_dict()
    out.setdefault("article_id", article.id)
    if article.source:
        out.setdefault("source", article.source)
    return out


def analyze_articles(pipeline: Pipeline, articles: Sequence[Article]) -> list[Outcome]:
    """Run ``pipeline`` over each article; a failure is an ``("error", …)`` outcome, never raised."""
    out: list[Outcome] = []
    for article in articles:
        try:
            analysis = pipeline.run(article)
        except Exception as exc:  # noqa: BLE001 - every failure is an outcome
            out.append(("error", _error_dict(exc, article)))
            continue
        out.append(("ok", {"layers": {n: layer.to_json() for n, layer in analysis.layers.items()},
                           "analyzers": [[a.name, a.version] for a in analysis.analyzers]}))
    return out


def analyze_payloads(pipeline: Pipeline, payloads: Sequence[dict[str, Any]]) -> list[Outcome]:
    """The same over ``Article.to_json()`` payloads (what crosses a process boundary)."""
    articles = []
    for p in payloads:
        articles.append(Article.from_json(p))
    return analyze_articles(pipeline, articles)


def _analysis_of(article: Article, payload: Mapping[str, Any]) -> Analysis:
    layers = {name: Layer.from_json(name, data) for name, data in payload["layers"].items()}
    infos = tuple(AnalyzerInfo(n, v) for n, v in payload["analyzers"])
    return Analysis(article, layers, infos)


class _Done:
    """A finished future (inline analysis)."""

    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self._value, self._error = value, error

    def done(self) -> bool:
        return True

    def result(self, timeout: float | None = None) -> Any:
        if self._error is not None:
            raise self._error
        return self._value


class InlineBackend:
    concurrency = 1

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline.load()

    def submit(self, articles: Sequence[Article]) -> _Done:
        return _Done(analyze_articles(self.pipeline, articles))

    def close(self) -> None:
        pass


def _worker_analyze(payloads: list[dict[str, Any]]) -> list[Outcome]:
    return analyze_payloads(worker_pipeline(), payloads)


class ProcessBackend:
    """``workers`` spawned processes; each builds (and loads) the pipeline once, and dies with
    this process (:func:`die_with_parent`)."""

    def __init__(self, names: Sequence[str], workers: int,
                 settings: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        import multiprocessing

        self.concurrency = workers
        self._args = worker_args(names, settings)
        self._ctx = multiprocessing.get_context("spawn")
        self._workers = workers
        self.pool = self._make()

    def _make(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self._workers, mp_context=self._ctx, initializer=init_worker,
                                   initargs=self._args)

    def submit(self, articles: Sequence[Article]) -> Future[list[Outcome]]:
        from concurrent.futures.process import BrokenProcessPool

        payloads = [a.to_json(include_raw=True) for a in articles]
        try:
            return self.pool.submit(_worker_analyze, payloads)
        except BrokenProcessPool:
            self.restart()
            return self.pool.submit(_worker_analyze, payloads)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._make()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def abort(self) -> None:
        """Stop now: queued work is dropped and the workers are ended mid-task (a stopping run
        leaves what is in flight to the next one)."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


# -- progress -----------------------------------------------------------------------------------
def estimate_total(sources: Iterable[str | Path]) -> int | None:
    """About how many items the sources hold, cheaply (lines of JSONL/CSV, files of a directory);
    None when some source cannot be counted without reading it (feeds, WARC, URLs, stdin)."""
    from propscope.readers import format_of_path

    total = 0
    for src in sources:
        path = Path(src)
        if str(src) == "-" or "://" in str(src) or not path.exists():
            return None
        files = [path] if path.is_file() else [p for p in sorted(path.rglob("*"))
                                              if p.is_file() and not any(part.startswith(".") for part in
                                                                         p.relative_to(path).parts)
                                              and format_of_path(p.name) is not None]
        for f in files:
            fmt = format_of_path(f.name)
            if fmt in ("text", "html"):
                total += 1
            elif fmt in ("jsonl", "csv", "tsv") and not f.name.endswith(".gz"):
                with f.open("rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
                total += max(0, lines - (1 if fmt in ("csv", "tsv") else 0))
            else:
                return None
    return total


# -- the loop -----------------------------------------------------------------------------------
def ingest(
    sources: Sequence[str | Path],
    store: Store,
    *,
    analyzers: Sequence[str] = DEFAULT_ANALYZERS,
    workers: int = 1,
    backend: Backend | None = None,
    pipeline: Pipeline | None = None,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    read_options: Mapping[str, Any] | None = None,
    results: Iterable[Any] | None = None,
    batch_size: int = 32,
    task_size: int | None = None,
    max_pending: int | None = None,
    flush_seconds: float = 1.0,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Ingest ``sources`` (anything :func:`propscope.readers.read_sources` reads) into ``store``.

    ``results`` replaces the readers with ready ``ReadResult``-like items (``source``,
    ``article``, ``error``).  Raises only for a bad set-up (unknown analyzer) or a store that
    cannot be written at all; everything else is counted and recorded.
    """
    names = list(pipeline.names if pipeline is not None else analyzers)
    if pipeline is None:
        pipeline = Pipeline.build(names, settings=settings, load=False)  # checks names and requirements now
    infos = pipeline.infos
    own_backend = backend is None
    if backend is None:
        backend = InlineBackend(pipeline) if workers <= 1 else ProcessBackend(names, workers, settings)
    task_size = task_size or (1 if backend.concurrency <= 1 else 4)
    max_pending = max_pending or max(2, backend.concurrency * 3)
    abandoned = abandon_dead_runs(store)
    run_id = store.start_run([str(s) for s in sources], infos)
    report = IngestReport(run_id, abandoned=abandoned)
    started = time.monotonic()
    items = (_guarded(results, "the input") if results is not None
             else read_robustly(list(sources), dict(read_options or {})))
    writer = _Writer(store, report, batch_size, flush_seconds)
    items = _check_dates(items, writer)
    pending: deque[tuple[Any, list[Article], list[str]]] = deque()
    in_flight: set[str] = set()

    def tick() -> None:
        report.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(report)

    def collect(block: bool, drain: bool = False, keep_failures: bool = True) -> None:
        """Take finished results off the head; ``block``: wait for one; ``drain``: wait for all;
        ``keep_failures=False`` (stopping): a failed batch is left for the next run, not recorded."""
        while pending and (block or drain or pending[0][0].done()):
            future, articles, item_sources = pending.popleft()
            try:
                outcomes = future.result()
                if len(outcomes) != len(articles):
                    raise AnalysisError(f"{len(outcomes)} results for {len(articles)} articles")
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails its items only
                if not keep_failures:
                    continue
                outcomes = _worker_failed(exc, articles, item_sources)
                restart = getattr(backend, "restart", None)
                if restart is not None and "Broken" in type(exc).__name__:
                    restart()
            for article, source, (kind, payload) in zip(articles, item_sources, outcomes, strict=True):
                in_flight.discard(article.content_hash)
                try:
                    if kind != "ok":
                        raise _error_from_dict(payload)
                    writer.add_analysis(_analysis_of(article, payload), source)
                except Exception as exc:  # noqa: BLE001 - an unreadable result fails its item only
                    writer.add_error(source, _unexpected(exc, source, article, "analysis"))
                tick()
            block = False
            writer.maybe_flush()

    def dispatch(batch: list[tuple[str, Article]]) -> None:
        chunk: list[tuple[str, Article]] = []
        for source, article in batch:
            try:
                _ = article.content_hash  # hashes the text: a lone surrogate cannot be encoded
            except Exception as exc:  # noqa: BLE001 - an article that cannot be hashed fails alone
                writer.add_error(source, _unexpected(exc, source, None, "input.malformed"))
                tick()
            else:
                chunk.append((source, article))
        stored = store.stored_versions([a.content_hash for _, a in chunk])
        todo: list[tuple[str, Article]] = []
        for source, article in chunk:
            h = article.content_hash
            if h in in_flight:
                report.duplicates += 1
                writer.add_sighting(article)
                tick()
            elif not needs_analysis(stored.get(h), infos):
                report.unchanged += 1
                writer.add_sighting(article)
                tick()
            else:
                in_flight.add(h)
                todo.append((source, article))
        for i in range(0, len(todo), task_size):
            part = todo[i:i + task_size]
            while len(pending) >= max_pending:
                collect(block=True)
            arts = [a for _, a in part]
            try:
                future: Any = backend.submit(arts)
            except Exception as exc:  # noqa: BLE001 - a batch that cannot be sent fails alone
                future = _Done(error=exc)
            pending.append((future, arts, [s for s, _ in part]))
            collect(block=False)

    status = "finished"
    stopping = _Stopping()
    heartbeat = _Heartbeat(store, run_id, report)
    try:
        stopping.install()
        heartbeat.start()
        chunk: list[tuple[str, Article]] = []
        for item in items:
            report.read += 1
            if item.article is None:
                from propscope.errors import InputError

                error = item.error or InputError("the reader produced no article", source=item.source)
                writer.add_error(item.source, error)
                tick()
                continue
            chunk.append((item.source, item.article))
            if len(chunk) >= batch_size:
                dispatch(chunk)
                chunk = []
            writer.maybe_flush()
        if chunk:
            dispatch(chunk)
        collect(block=True, drain=True)
        writer.flush()
    except BaseException:
        # Interrupted (SIGTERM, Ctrl-C) or failing: keep what has finished, wait for nothing
        # (what is in flight is analysed again by the next run), and say so in the run's row.
        status = "interrupted"
        stopping.stop()
        try:
            collect(block=False, keep_failures=False)
            writer.flush()
        except BaseException:  # noqa: BLE001 - already failing; keep the first error
            pass
        raise
    finally:
        stopping.stop()  # a second SIGTERM while this cleans up does not cut it short
        heartbeat.stop()
        report.status = status
        report.seconds = time.monotonic() - started
        if own_backend:
            if status == "finished":
                backend.close()
            else:
                getattr(backend, "abort", backend.close)()
        try:
            store.finish_run(run_id, report.counts(), status)
        except PropscopeError:
            if status == "finished":
                raise
        stopping.restore()
    tick()
    return report


def _check_dates(results: Iterable[Any], writer: _Writer) -> Iterator[Any]:
    """The read results, unchanged; an article whose published date cannot be read (in its
    language, :mod:`propscope.dates`) is noted as an ``input.date_unparsed`` warning."""
    from propscope.dates import parse_published
    from propscope.errors import DATE_UNPARSED, InputError

    for item in results:
        article = item.article
        if article is not None and article.published and parse_published(article.published, article.language) is None:
            writer.add_warning(item.source, article.published, InputError(
                f"published date {article.published!r} could not be read: stored without a date "
                "(the text is kept in the article's published field)",
                source=item.source, article_id=article.id, code=DATE_UNPARSED))
        yield item


def _error_from_dict(data: Mapping[str, Any]) -> PropscopeError:
    err = PropscopeError(str(data.get("message", "")), source=data.get("source"), article_id=data.get("article_id"),
                         analyzer=data.get("analyzer"), code=str(data.get("code", "propscope")))
    return err


def _unexpected(exc: BaseException, source: str, article: Article | None, code: str) -> PropscopeError:
    """``exc`` as the error of one item: a PropscopeError as it is, anything else under ``code``."""
    if isinstance(exc, PropscopeError):
        exc.source = exc.source or source
        return exc
    article_id = None
    if article is not None:
        try:
            article_id = article.id
        except Exception:  # noqa: BLE001 - the id is the text's hash, which may be what failed
            pass
    return PropscopeError(f"{type(exc).__name__}: {exc}", source=source, article_id=article_id, code=code)


def _worker_failed(exc: BaseException, articles: Sequence[Article], item_sources: Sequence[str]) -> list[Outcome]:
    return [("error", AnalysisError(f"the analysis worker failed: {type(exc).__name__}: {exc}",
                                    article_id=a.id, source=s, code="analysis.worker").to_dict())
            for a, s in zip(articles, item_sources, strict=True)]


# -- reading that survives a reader's crash --------------------------------------------------------
@dataclass(frozen=True)
class _Failed:
    """A ReadResult-like item for what a reader raised instead of yielding."""

    source: str
    error: PropscopeError
    article: None = None


def _reader_error(exc: Exception, source: str, after: str | None) -> PropscopeError:
    where = f" after {after}" if after else ""
    return PropscopeError(f"the reader failed{where}: {type(exc).__name__}: {exc}; the rest of this source was "
                          "not read", source=source, code="input.reader_failed")


def _guarded(results: Iterable[Any], name: str) -> Iterator[Any]:
    """Items of a ready iterable; what it raises ends it, as one error item."""
    last = None
    try:
        for item in results:
            last = item.source
            yield item
    except Exception as exc:  # noqa: BLE001 - a broken iterable ends, the run goes on
        yield _Failed(name, _reader_error(exc, name, last))


def _failing_file(exc: BaseException) -> str | None:
    """The file :func:`propscope.readers.read_file` was reading when ``exc`` was raised: the path
    of the innermost ``read_file`` in the traceback (a directory walk calls it for each file)."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "read_file" and "path" in frame.f_locals:
            found = str(frame.f_locals["path"])
        tb = tb.tb_next
    return found


def _file_of(source: str) -> Path | None:
    """The file an item came from: ``path`` or ``path#3`` (a record of a JSONL/CSV/feed/WARC file)."""
    for candidate in (source, source.rpartition("#")[0]):
        if candidate and Path(candidate).is_file():
            return Path(candidate).resolve()
    return None


def read_robustly(sources: Sequence[str | Path], options: dict[str, Any]) -> Iterator[Any]:
    """:func:`propscope.readers.read_sources`, one source at a time, surviving a reader that raises.

    A reader should never raise (bad input is an error item), but a hostile file can still
    make one (a RecursionError in a JSON parser): the file it was reading becomes one
    ``input.reader_failed`` item and, in a directory, the walk goes on after it — read again
    with the files already read and the failed one skipped — so one file never stops the
    rest, and a rerun does not stop at the same file.
    """
    from propscope.readers import read_sources

    base_skip = list(options.pop("skip", ()))
    for src in sources:
        skip: set[Path] = set()
        while True:
            last: str | None = None
            seen: tuple[str, Path | None] = ("", None)
            skipped = frozenset(skip)
            try:
                for item in read_sources([src], skip=[*base_skip, *skipped], **options):
                    if skipped and item.source == str(src) and item.article is None:
                        continue  # a walk resumed after the last file finds "no files": not an error
                    last = item.source
                    if not (seen[0] and item.source.startswith(seen[0])):  # not another record of the last file
                        done = _file_of(item.source)
                        seen = (str(done) if done is not None and str(done) in item.source else "", done)
                        if done is not None:
                            skip.add(done)
                    yield item
                break
            except Exception as exc:  # noqa: BLE001 - a reader's crash fails the file it was reading
                failed = _failing_file(exc)
                bad = Path(failed).resolve() if failed else None
                name = failed or last or str(src)
                after = last if last is not None and bad is not None and _file_of(last) == bad else None
                yield _Failed(name, _reader_error(exc, name, after))
                if bad is None or bad == Path(src).resolve() or bad in skipped or not Path(src).is_dir():
                    break  # nothing to walk on to: the source itself failed (or the walk made no progress)
                skip.add(bad)


class _Writer:
    """Buffers results and writes them in batches: one transaction per batch, a bad batch split."""

    def __init__(self, store: Store, report: IngestReport, batch_size: int, flush_seconds: float) -> None:
        self.store, self.report = store, report
        self.batch_size, self.flush_seconds = batch_size, flush_seconds
        self.analyses: list[tuple[Analysis, str]] = []
        self.errors: list[IngestErrorRecord] = []
        self.sightings: list[Article] = []
        self.last = time.monotonic()
        self._lock = threading.Lock()

    def add_analysis(self, analysis: Analysis, source: str) -> None:
        self.analyses.append((analysis, source))

    def add_error(self, source: str, error: PropscopeError) -> None:
        self.report.errors += 1
        self.report.error_codes[error.code] = self.report.error_codes.get(error.code, 0) + 1
        self.errors.append(IngestErrorRecord.from_error(self.report.run_id, source, error))

    def add_warning(self, source: str, raw: str, warning: PropscopeError) -> None:
        """A note in ingest_errors about an item that is stored all the same."""
        report = self.report
        report.warnings += 1
        report.warning_codes[warning.code] = report.warning_codes.get(warning.code, 0) + 1
        if raw not in report.unparsed_dates and len(report.unparsed_dates) < MAX_DATE_EXAMPLES:
            report.unparsed_dates.append(raw)
        self.errors.append(IngestErrorRecord.from_error(report.run_id, source, warning))

    def add_sighting(self, article: Article) -> None:
        self.sightings.append(article)

    def maybe_flush(self) -> None:
        size = len(self.analyses) + len(self.errors) + len(self.sightings)
        if size >= self.batch_size or (size and time.monotonic() - self.last >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        """Write what waits: analyses, then sightings, then errors (those of this flush included).

        A batch the store refuses is written again one row at a time, each in its own
        transaction, so one row the database cannot take (a lone surrogate its driver cannot
        encode) is recorded as that row's error and the rest are stored.  Only a store that
        cannot record even an error raises.
        """
        with self._lock:
            analyses, self.analyses = self.analyses, []
            sightings, self.sightings = self.sightings, []
        if analyses:
            self._put([a for a, _ in analyses], [s for _, s in analyses])
        if sightings:
            self._sightings(sightings)
        with self._lock:
            errors, self.errors = self.errors, []
        if errors:
            self._record(errors)
        self.last = time.monotonic()

    def _refused(self, exc: Exception, source: str, article_id: str | None) -> PropscopeError:
        if isinstance(exc, PropscopeError):
            exc.source, exc.article_id = exc.source or source, exc.article_id or article_id
            return exc
        return StoreError(f"the database refused it: {type(exc).__name__}: {exc}", source=source,
                          article_id=article_id, code="store.rejected")

    def _sightings(self, articles: list[Article]) -> None:
        rows = [(a.content_hash, a.outlet, a.url, a.published, a.source) for a in articles]
        try:
            self.store.add_sightings(rows)
        except Exception:  # noqa: BLE001 - find the bad one(s), each alone
            for article, row in zip(articles, rows, strict=True):
                try:
                    self.store.add_sightings([row])
                except Exception as exc:  # noqa: BLE001 - a sighting the store refuses is recorded, not counted
                    source = article.source or article.id
                    self.errors.append(IngestErrorRecord.from_error(self.report.run_id, source,
                                                                    self._refused(exc, source, article.id)))

    def _record(self, errors: list[IngestErrorRecord]) -> None:
        try:
            self.store.record_errors(errors)
            return
        except Exception:  # noqa: BLE001 - one record the store cannot take must not lose the others
            pass
        for record in errors:
            try:
                self.store.record_errors([record])
            except Exception:  # noqa: BLE001 - then its text, made storable; a store that refuses that is down
                self.store.record_errors([_storable(record)])

    def _put(self, analyses: list[Analysis], item_sources: list[str]) -> None:
        try:
            results = self.store.put_many(analyses)
        except Exception:  # noqa: BLE001 - find the bad one(s): each alone, in its own transaction
            results = []
            for analysis, source in zip(analyses, item_sources, strict=True):
                try:
                    results.extend(self.store.put_many([analysis]))
                except Exception as exc:  # noqa: BLE001 - the row is recorded, the batch goes on
                    self.add_error(source, self._refused(exc, source, analysis.article.id))
        for r in results:
            if r.status == "inserted":
                self.report.inserted += 1
            elif r.status == "updated":
                self.report.updated += 1
            else:
                self.report.unchanged += 1


def _storable(record: IngestErrorRecord) -> IngestErrorRecord:
    """The record with every text field encodable (lone surrogates written as ``\\udcXX``)."""
    def clean(value: str | None) -> str | None:
        return None if value is None else value.encode("utf-8", "backslashreplace").decode("utf-8")

    return IngestErrorRecord(record.run_id, clean(record.source) or "", record.code, clean(record.message) or "",
                             clean(record.analyzer), clean(record.article_id), record.created_at)


def iter_errors(store: Store, run_id: str) -> Iterator[IngestErrorRecord]:
    yield from store.errors(run_id)
