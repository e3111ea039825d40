"""The one progress display of ``analyze`` and ``ingest``: a single line on stderr.

    ⠹ analyzing ━━━━━━━━━━──────  120/300  14.2/s  ETA 0:00:12  ok 118 · failed 2

Count, total (when it can be known cheaply: lines of JSONL/CSV, files of a directory, counted
in a background thread by :func:`propscope.corpus.ingest.estimate_total`), the run's average
rate, and the time left.  Every column but the last has a fixed width, and the last (the
counts by outcome) is cut with an ellipsis, so the line fits any terminal of 60 columns or
more without wrapping.  Off when stderr is not a terminal, with ``--no-progress`` or with
``--quiet``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
from rich.table import Column
from rich.text import Text

__all__ = ["ProgressDisplay", "progress_enabled"]

_BAR_WIDTH = 12


def progress_enabled(console: Console, progress: bool | None, quiet: bool, default: bool = True) -> bool:
    """Whether to show the display: never with ``quiet``; ``--progress/--no-progress`` when
    given; else ``default`` on a terminal only."""
    if quiet:
        return False
    if progress is not None:
        return progress
    return default and console.is_terminal


def _fmt_time(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class _CountColumn(ProgressColumn):
    """``done/total``, or ``done`` while the total is unknown."""

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        return Text(f"{done:,}/{int(task.total):,}" if task.total is not None else f"{done:,}", style="progress.download")


class _RateColumn(ProgressColumn):
    """The run's average rate (items per second), as the final summary says it."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if not task.completed or elapsed <= 0:
            return Text("…/s")
        rate = task.completed / elapsed
        return Text(f"{rate:,.1f}/s" if rate < 100 else f"{rate:,.0f}/s", style="progress.data.speed")


class _EtaColumn(ProgressColumn):
    """Time left at the average rate; elapsed time while the total is unknown."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if task.total is None or not task.completed or elapsed <= 0:
            return Text(_fmt_time(elapsed), style="progress.elapsed")
        left = max(0.0, task.total - task.completed) * elapsed / task.completed
        return Text(f"ETA {_fmt_time(left)}", style="progress.remaining")


class ProgressDisplay:
    """A context manager; call ``update(done, status)`` after each item.

    ``sources``: the command's inputs, whose total is estimated in the background (None:
    no total).  Disabled, every call is a no-op.
    """

    def __init__(self, enabled: bool, *, label: str, console: Console,
                 sources: Sequence[str] | None = None) -> None:
        self.enabled = enabled
        self.label = label
        self.console = console
        self.sources = list(sources) if sources is not None else None
        self._progress: Progress | None = None
        self._task: Any = None
        self._done = 0
        self._lock = threading.Lock()

    def columns(self) -> list[ProgressColumn]:
        fixed = {"no_wrap": True}
        return [
            SpinnerColumn(table_column=Column(**fixed)),
            TextColumn(self.label, table_column=Column(**fixed)),
            BarColumn(bar_width=_BAR_WIDTH, table_column=Column(**fixed)),
            _CountColumn(table_column=Column(**fixed)),
            _RateColumn(table_column=Column(**fixed)),
            _EtaColumn(table_column=Column(**fixed)),
            TextColumn("{task.fields[status]}",
                       table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1, min_width=1)),
        ]

    def __enter__(self) -> ProgressDisplay:
        if not self.enabled:
            return self
        self._progress = Progress(*self.columns(), console=self.console, transient=True, expand=True,
                                  refresh_per_second=4)
        self._task = self._progress.add_task(self.label, total=None, status="")
        self._progress.start()
        if self.sources:
            threading.Thread(target=self._estimate, daemon=True).start()
        return self

    def _estimate(self) -> None:
        from propscope.corpus.ingest import estimate_total

        try:
            total = estimate_total(self.sources or [])
        except (OSError, ValueError):
            total = None
        if total:
            self.set_total(total)

    def set_total(self, total: int) -> None:
        if self._progress is None:
            return
        with self._lock:
            self._progress.update(self._task, total=max(total, self._done))

    def update(self, done: int, status: str = "") -> None:
        """``done`` items so far (good or bad); ``status``: counts by outcome, cut to fit."""
        if self._progress is None:
            return
        with self._lock:
            task = self._progress.tasks[0]
            if task.total is not None and done > task.total:
                self._progress.update(self._task, total=done)  # the estimate was low: keep the bar honest
            self._progress.update(self._task, completed=done, status=status)
            self._done = done

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def render_line(display: ProgressDisplay, done: int, total: int | None, status: str, elapsed: float) -> Progress:
    """A stopped Progress in a given state, for tests and docs: what the line looks like."""
    progress = Progress(*display.columns(), console=display.console, expand=True, auto_refresh=False)
    task_id = progress.add_task(display.label, total=total, status=status)
    progress.update(task_id, completed=done)
    task = progress.tasks[0]
    task.start_time = time.monotonic() - elapsed  # what .elapsed reads: a task started `elapsed` ago
    return progress
