"""Analysis over many articles on every core, results in input order.

    read results ──chunks of N articles──▶ worker processes ──▶ results, in input order
         │ (streamed; a read error is          (each builds and loads the pipeline once,
         └─ passed through in its place)        runs it batched: Pipeline.run_batch)

:func:`analyze_in_order` is what ``propscope analyze`` runs.  The chunks are the same
whatever the number of workers, and each chunk is analysed the same way (one
``Pipeline.run_batch``), so the output is byte for byte the same with one worker or many.
One worker runs in this process (no pool, no second model load); so does an input of a single
article, whatever ``workers`` says.  Workers are spawned (no forked model state) and die with
this process.

>>> from propscope.readers import read_sources                  # doctest: +SKIP
>>> for r in analyze_in_order(["techniques"], read_sources(["corpus/"]), workers=2):  # doctest: +SKIP
...     print(r.source, r.ok)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article
from propscope.errors import AnalysisError, InputError
from propscope.pipeline import Pipeline, PipelineResult
from propscope.workers import init_worker, worker_args, worker_pipeline

__all__ = ["CHUNK_SIZE", "analyze_in_order", "default_workers"]

#: Articles per task: few, so that the workers finish together (the last task of a run leaves
#: the other cores idle for about half a task).  Batching gains nothing beyond this: the ONNX
#: windows are scored one at a time, and spaCy's CPU time per article measured the same with
#: ``nlp.pipe`` over 4 or 8 articles (0.142 and 0.145 s, PTC dev, issue 14).
CHUNK_SIZE = 4

Settings = Mapping[str, Mapping[str, Any]]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worker_settings(settings: Settings | None, workers: int) -> dict[str, dict[str, Any]]:
    """One ONNX thread per worker when there are several (the cores are shared out by process)."""
    out = {name: dict(values) for name, values in (settings or {}).items()}
    if workers > 1:
        out.setdefault("techniques", {}).setdefault("threads", 1)
        out.setdefault("narratives", {}).setdefault("threads", 1)
    return out


# -- in a worker process (propscope.workers.init_worker built its pipeline) ------------------------
def _analyze_chunk(payloads: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """``("ok", layers JSON)`` or ``("error", the PropscopeError)`` per article."""
    articles = [Article.from_json(p) for p in payloads]
    return [_outcome(r) for r in worker_pipeline().run_batch(articles)]


def _outcome(result: PipelineResult) -> tuple[str, Any]:
    if result.analysis is None:
        return ("error", result.error)
    return ("ok", {name: layer.to_json() for name, layer in result.analysis.layers.items()})


def _result(article: Article, outcome: tuple[str, Any], infos: tuple[AnalyzerInfo, ...]) -> PipelineResult:
    source = article.source or article.id
    kind, value = outcome
    if kind == "error":
        return PipelineResult(source, error=value)
    layers = {name: Layer.from_json(name, data) for name, data in value.items()}
    return PipelineResult(source, analysis=Analysis(article, layers, infos))


# -- in this process -----------------------------------------------------------------------------
class _Item:
    """One input item in order: a read error, or an article waiting for its chunk's outcome."""

    __slots__ = ("article", "result", "chunk", "index")

    def __init__(self, article: Article | None = None, result: PipelineResult | None = None) -> None:
        self.article, self.result = article, result
        self.chunk: _Chunk | None = None
        self.index = 0


class _Chunk:
    __slots__ = ("items", "future", "outcomes")

    def __init__(self, items: list[_Item]) -> None:
        self.items = items
        self.future: Future[list[tuple[str, Any]]] | None = None
        self.outcomes: list[tuple[str, Any]] | None = None


def _read_error(item: Any) -> PipelineResult:
    error = item.error or InputError("the reader produced no article", source=item.source)
    error.source = error.source or item.source
    return PipelineResult(item.source, error=error)


def analyze_in_order(
    names: Sequence[str],
    read_results: Iterable[Any],
    *,
    workers: int | None = None,
    settings: Settings | None = None,
    chunk_size: int = CHUNK_SIZE,
    pipeline: Pipeline | None = None,
) -> Iterator[PipelineResult]:
    """Analyze reader results (``ReadResult``) with ``workers`` processes; yields one
    :class:`PipelineResult` per item, in input order, as soon as it and all before it are done.

    ``pipeline``, if given, is the one used in this process (one worker, or a single article);
    else one is built when needed.  A failed read or analysis is a failed result; the rest goes on.
    """
    workers = default_workers() if workers is None else max(1, int(workers))
    checked = Pipeline.build(list(names), settings=worker_settings(settings, workers), load=False)  # names valid?
    infos = checked.infos
    source = iter(read_results)
    # look ahead: a pool pays only when there is more than one article to share out
    head: list[Any] = []
    articles_seen = 0
    for item in source:
        head.append(item)
        articles_seen += item.article is not None and item.error is None
        if articles_seen > 1:
            break
    if workers == 1 or articles_seen <= 1:
        local = pipeline or checked.load()
        yield from _inline(local, _chain(head, source), chunk_size, infos)
        return
    yield from _pooled(names, _chain(head, source), workers, worker_settings(settings, workers), chunk_size, infos)


def _chain(head: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from rest


def _chunks(items: Iterator[Any], chunk_size: int) -> Iterator[tuple[list[_Item], list[_Item]]]:
    """``(items in order, the articles among them)`` for each run of ``chunk_size`` articles."""
    ordered: list[_Item] = []
    articles: list[_Item] = []
    for item in items:
        if item.error is not None or item.article is None:
            ordered.append(_Item(result=_read_error(item)))
        else:
            entry = _Item(article=item.article)
            entry.index = len(articles)
            ordered.append(entry)
            articles.append(entry)
        if len(articles) == chunk_size:
            yield ordered, articles
            ordered, articles = [], []
    if ordered:
        yield ordered, articles


def _inline(pipeline: Pipeline, items: Iterator[Any], chunk_size: int,
            infos: tuple[AnalyzerInfo, ...]) -> Iterator[PipelineResult]:
    for ordered, articles in _chunks(items, chunk_size):
        payloads = [a.article.to_json(include_raw=True) for a in articles if a.article is not None]
        # the same round trip as a worker's, so that one worker and many give the same bytes
        outcomes = [_outcome(r) for r in pipeline.run_batch([Article.from_json(p) for p in payloads])]
        for entry in ordered:
            if entry.result is not None:
                yield entry.result
            else:
                assert entry.article is not None
                yield _result(entry.article, outcomes[entry.index], infos)


class _Pool:
    """A spawned process pool that is rebuilt when a worker dies (a crash in native code)."""

    def __init__(self, names: Sequence[str], workers: int, settings: Settings) -> None:
        import multiprocessing

        self._ctx = multiprocessing.get_context("spawn")
        self._args = worker_args(names, settings)
        self.workers = workers
        self.pool = self._make()

    def _make(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self._ctx, initializer=init_worker, initargs=self._args)

    def submit(self, payloads: list[dict[str, Any]]) -> Future[list[tuple[str, Any]]]:
        return self.pool.submit(_analyze_chunk, payloads)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._make()

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class _Task:
    __slots__ = ("ordered", "payloads", "future")

    def __init__(self, ordered: list[_Item], payloads: list[dict[str, Any]]) -> None:
        self.ordered, self.payloads = ordered, payloads
        self.future: Future[list[tuple[str, Any]]] | None = None


def _pooled(names: Sequence[str], items: Iterator[Any], workers: int, settings: Settings, chunk_size: int,
            infos: tuple[AnalyzerInfo, ...]) -> Iterator[PipelineResult]:
    pool = _Pool(names, workers, settings)
    pending: deque[_Task] = deque()
    try:
        chunks = _chunks(items, chunk_size)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < 2 * workers:
                nxt = next(chunks, None)
                if nxt is None:
                    exhausted = True
                    break
                ordered, articles = nxt
                task = _Task(ordered, [a.article.to_json(include_raw=True) for a in articles if a.article is not None])
                if task.payloads:
                    task.future = pool.submit(task.payloads)
                pending.append(task)
            if not pending:
                break
            task = pending.popleft()
            outcomes = _outcomes(task, pool, pending) if task.payloads else []
            for entry in task.ordered:
                if entry.result is not None:
                    yield entry.result
                else:
                    assert entry.article is not None
                    yield _result(entry.article, outcomes[entry.index], infos)
    finally:
        pool.close()


def _outcomes(task: _Task, pool: _Pool, pending: deque[_Task]) -> list[tuple[str, Any]]:
    """The task's outcomes; if a worker died, the pool is rebuilt, the waiting tasks are sent
    again, and this task's articles are analysed one by one so that only the article that
    kills a worker fails."""
    from concurrent.futures.process import BrokenProcessPool

    assert task.future is not None
    try:
        return task.future.result()
    except BrokenProcessPool:
        pass
    out: list[tuple[str, Any]] = []
    pool.restart()
    for payload in task.payloads:
        try:
            out.extend(pool.submit([payload]).result())
        except BrokenProcessPool:
            pool.restart()
            where = payload.get("source") or payload.get("id")
            out.append(("error", AnalysisError("a worker process died analysing this article",
                                               source=where, code="analysis.worker_died")))
    for waiting in pending:
        if waiting.payloads:
            waiting.future = pool.submit(waiting.payloads)
    return out
