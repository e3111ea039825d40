"""The story-threading step of ``propscope ingest``: once per run, after the articles are stored.

:func:`thread_stored` places every stored article that has no story thread yet
(:func:`propscope.stories.update_stories`, incremental: one encoder load and one pass per run,
not per article).  It never raises for a threading failure: the articles are already stored, so
a failure is returned as one line for the summary and ``propscope stories --update`` can thread
them later.  Measured cost: ``benchmarks/bench_stories.py --ingest-cost`` (docs/stories.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from propscope.store.base import Store

__all__ = ["IngestStep", "ThreadStep", "thread_stored"]


@dataclass
class IngestStep:
    """What a corpus step of ``propscope ingest`` did after storing (threading, claims): its
    report, or why it failed (``error``, one line); subclasses say it in :meth:`line`."""

    report: Any = None  # the step's UpdateReport when it ran
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": "failed" if self.error else "done", "seconds": round(self.seconds, 3)}
        if self.report is not None:
            out.update(self.report.to_json())
        if self.error:
            out["error"] = self.error
        return out


@dataclass
class ThreadStep(IngestStep):
    """What the threading step did (``report``: a propscope.stories.UpdateReport)."""

    def line(self) -> str:
        """The summary line (stderr)."""
        if self.error:
            return (f"warning: story threading failed ({self.error}); the articles are stored: "
                    "`propscope stories --update` threads them")
        r = self.report
        return (f"threaded {r.threaded} articles in {self.seconds:.1f}s: {r.new_stories} new stories, "
                f"{r.joined} joined a story, {r.copies} copies")


def thread_stored(store: Store, *, encoder: Any = None, settings: Any = None,
                  on_start: Callable[[int], None] | None = None,
                  on_progress: Callable[[int], None] | None = None) -> ThreadStep:
    """Thread what has no thread yet; ``on_start(total)`` once the count is known,
    ``on_progress(done)`` after each batch.  A failure is returned, not raised (but Ctrl-C is)."""
    import time

    started = time.monotonic()
    step = ThreadStep()
    try:
        from propscope.stories import update_stories

        def progress(r: Any) -> None:
            if step.report is None and on_start is not None:
                on_start(r.to_place)
            step.report = r
            if on_progress is not None:
                on_progress(r.threaded)

        step.report = update_stories(store, settings=settings, encoder=encoder, progress=progress)
    except Exception as exc:  # noqa: BLE001 - the run's articles are stored: threading can wait
        step.error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    step.seconds = time.monotonic() - started
    return step
