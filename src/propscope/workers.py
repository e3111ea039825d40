"""Worker processes that analyse: one pipeline each, built once, dying with their parent.

Shared by ``propscope analyze`` (:mod:`propscope.parallel`) and ``propscope ingest``
(:class:`propscope.corpus.ingest.ProcessBackend`) and, for analyzer registration, the Dask
engine.  A pool is started with ``initializer=init_worker`` and
``initargs=worker_args(names, settings)``; its task functions call :func:`worker_pipeline`.
Pools are spawned, never forked: a forked child would share the parent's model and database
state.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

from propscope.pipeline import Pipeline

__all__ = ["analyzer_paths", "die_with_parent", "init_worker", "register_paths", "worker_args", "worker_pipeline"]

Settings = Mapping[str, Mapping[str, Any]]

# This process's pipeline when it is a pool worker: built once by init_worker.
_pipeline: Pipeline | None = None


def analyzer_paths(names: Sequence[str]) -> dict[str, str]:
    """``name -> "module:Class"`` for analyzers registered at run time in this process (not
    built in, not entry points), so that worker processes can register them too."""
    from propscope.analyzers.base import BUILTIN_ANALYZERS, get_analyzer_class

    out: dict[str, str] = {}
    for name in names:
        if name not in BUILTIN_ANALYZERS:
            klass = get_analyzer_class(name)
            out[name] = f"{klass.__module__}:{klass.__qualname__}"
    return out


def register_paths(paths: Mapping[str, str]) -> None:
    from propscope.analyzers.base import register_analyzer

    for name, target in paths.items():
        register_analyzer(name, target)


def worker_args(names: Sequence[str], settings: Settings | None) -> tuple[Any, ...]:
    """``initargs`` for :func:`init_worker`, from this (the parent) process."""
    return (list(names), settings, analyzer_paths(names), os.getpid())


def init_worker(names: Sequence[str], settings: Settings | None, paths: Mapping[str, str],
                parent: int | None = None) -> None:
    """A pool initializer: die with ``parent``, one thread for numeric libraries, the pipeline built."""
    global _pipeline
    if parent is not None:
        die_with_parent(parent)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    register_paths(paths)
    _pipeline = Pipeline.build(list(names), settings=settings)


def worker_pipeline() -> Pipeline:
    assert _pipeline is not None, "worker not initialised (init_worker)"
    return _pipeline


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int, interval: float = 1.0) -> None:
    """End this process when ``parent`` (the process that started it) ends, however it ends.

    A pool worker outlives a parent killed with SIGKILL: nothing tells it, and it keeps its
    models in memory (about 250 MB each) and the resource tracker alive.  On Linux the kernel
    kills it (``prctl(PR_SET_PDEATHSIG, SIGKILL)``); everywhere, a daemon thread notices that
    its parent changed (it was re-parented) within ``interval`` seconds and exits.  A parent
    already gone by the time this runs is noticed at once.
    """
    import signal
    import sys

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # no libc to ask: the thread below still watches
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="propscope-parent-watch", daemon=True).start()
