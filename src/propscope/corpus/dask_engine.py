"""Analysis on an existing Dask cluster: ``propscope ingest … --engine dask --scheduler tcp://HOST:PORT``.

The ingest loop (:mod:`propscope.corpus.ingest`) stays where it is — reading, dedup
against the store, writing — and only the analysis moves to the cluster:

* a :class:`PipelinePlugin` (a Dask worker plugin) builds and loads the pipeline once per
  worker when the worker starts or joins; tasks use that pipeline, so a model is loaded once
  per worker, never per article (a worker without the plugin falls back to one cached
  pipeline per process);
* articles travel as ``Article.to_json()`` in small batches; workers return the layers, the
  client writes them to the store (PostgreSQL for a cluster: ``--db postgresql://…``).

At most ``3 × (worker threads)`` batches are in flight, so the client's memory stays bounded
whatever the size of the backfill.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from propscope.article import Article
from propscope.corpus.ingest import Outcome, analyze_payloads
from propscope.workers import analyzer_paths, register_paths
from propscope.pipeline import Pipeline

__all__ = ["DaskBackend", "PipelinePlugin", "builds"]

_builds: list[str] = []  # worker addresses that built a pipeline (tests read it)
_cache: dict[tuple[str, ...], Pipeline] = {}
_cache_lock = threading.Lock()


def builds() -> list[str]:
    """Which workers built a pipeline in this process, once per build."""
    return list(_builds)


def plugin_name(analyzers: Sequence[str]) -> str:
    return "propscope-pipeline-" + hashlib.sha1(",".join(analyzers).encode()).hexdigest()[:12]


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin holding the worker's one pipeline."""

    def __init__(self, analyzers: Sequence[str], settings: Mapping[str, Mapping[str, Any]] | None = None,
                 paths: Mapping[str, str] | None = None) -> None:
        self.analyzers = list(analyzers)
        self.settings = {k: dict(v) for k, v in (settings or {}).items()}
        self.paths = dict(paths or {})
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        register_paths(self.paths)
        self.pipeline = Pipeline.build(self.analyzers, settings=self.settings)
        _builds.append(str(getattr(worker, "address", "?")))

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def _pipeline_for(analyzers: Sequence[str], paths: Mapping[str, str],
                  settings: Mapping[str, Mapping[str, Any]] | None) -> Pipeline:
    try:
        from distributed import get_worker

        plugin = get_worker().plugins.get(plugin_name(analyzers))
        pipeline = getattr(plugin, "pipeline", None)
        if isinstance(pipeline, Pipeline):
            return pipeline
    except ValueError:  # not on a worker
        pass
    key = tuple(analyzers)
    with _cache_lock:
        pipe = _cache.get(key)
        if pipe is None:
            register_paths(paths)
            pipe = _cache[key] = Pipeline.build(list(key), settings=settings)
            _builds.append("process-cache")
        return pipe


def analyze_task(payloads: list[dict[str, Any]], analyzers: list[str], paths: dict[str, str],
                 settings: dict[str, dict[str, Any]] | None) -> list[Outcome]:
    """The Dask task: analyze a batch with the worker's pipeline."""
    return analyze_payloads(_pipeline_for(analyzers, paths, settings), payloads)


class DaskBackend:
    """Submits batches of articles to a Dask cluster; see the module docstring."""

    def __init__(self, scheduler: Any, analyzers: Sequence[str],
                 settings: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        from distributed import Client

        self.analyzers = list(analyzers)
        self.paths = analyzer_paths(self.analyzers)
        self.settings = {k: dict(v) for k, v in (settings or {}).items()}
        self._own = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self._own else scheduler  # type: ignore[no-untyped-call]
        self.client.register_plugin(PipelinePlugin(self.analyzers, self.settings, self.paths),
                                    name=plugin_name(self.analyzers))
        threads = self.client.nthreads()
        self.concurrency = max(1, sum(threads.values()) if threads else 1)

    def submit(self, articles: Sequence[Article]) -> Any:
        payloads = [a.to_json(include_raw=True) for a in articles]
        return self.client.submit(analyze_task, payloads, self.analyzers, self.paths, self.settings, pure=False)

    def close(self) -> None:
        if self._own:
            self.client.close()
