"""Bounds on the work one request may cause: sizes checked before parsing, a time budget, and slots.

Analysing needs no token (only storing does), so anyone who can reach the server can make
it analyse.  What one such request may cost is bounded here, in the order the checks run:

* **Body** (``--max-body``): the whole request, refused by
  :class:`~propscope.web.security.GuardMiddleware` before or while it is read.
* **Input** (``--max-input``): the article itself — the pasted text or the uploaded
  file — in bytes, before any reading.
* **Tags** (``--max-tags``): the ``<`` in the input, counted before any parsing (an
  HTML parse and the boilerplate removal after it cost per element, not per byte: 4.8 MB of
  ``<b>x</b>`` took 38 s).  An input read as ``text`` is not parsed and is not counted.
* **Text** (``--max-text``): the article text the reader produced, before
  any analyzer runs (analysis costs about a millisecond a word).
* **Time** (``--analysis-timeout``): reading and analysing together.  Past it the
  request is answered 503 ``analysis.timeout``; the work itself stops before its next
  analyzer (:meth:`propscope.pipeline.Pipeline.run`'s ``deadline``) and stores nothing, and
  keeps its slot until it has stopped.
* **Slots** (``--max-analyses``): analyses run at once, each in the server's own analysis
  threads, off the event loop.  A request that finds every slot taken waits up to
  ``--analysis-wait`` seconds for one, then is answered 503 ``http.busy`` with ``Retry-After``.

Every setting is declared once, in :data:`LIMITS`: its default, its ``propscope serve`` option,
its environment variable and its help text; :class:`~propscope.web.app.WebSettings`, the CLI
and ``docs/web.md`` (checked by a test) take them from there.  Sizes answer 413
``input.too_large``, in the one JSON error shape.
"""

from __future__ import annotations

import asyncio
import contextvars
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from propscope.errors import AnalysisError, ConfigError, TooLargeError

__all__ = ["LIMITS", "AnalysisGate", "InputLimits", "Limit", "check_input", "check_limit", "check_text", "limit"]

T = TypeVar("T")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One server limit: a :class:`~propscope.web.app.WebSettings` field, its option and variable."""

    field: str
    option: str
    env: str
    default: int | float
    unit: str  # what the help says after the number
    help: str

    @property
    def shown(self) -> str:
        """The default as people read it: ``5 MiB``, ``100,000``, ``30 s``."""
        if self.unit == "bytes" and self.default % _MIB == 0:
            return f"{int(self.default) // _MIB} MiB"
        value = f"{self.default:,}" if isinstance(self.default, int) else f"{self.default:g}"
        return f"{value} {self.unit}" if self.unit in ("s", "bytes") else value

    def option_help(self) -> str:
        return f"{self.help} (default: ${self.env}, else {self.shown})."

    def parse(self, text: str) -> int | float:
        kind = type(self.default)
        try:
            value = kind(text.strip())
        except ValueError:
            raise ConfigError(f"${self.env} must be a {'whole ' if kind is int else ''}number, not {text!r}",
                              code="config.invalid") from None
        check_limit(self, value)
        return value


def check_limit(item: Limit, value: int | float) -> None:
    low = 0 if item.field == "analysis_wait" else (1 if isinstance(item.default, int) else 0.001)
    if value < low:
        raise ConfigError(f"{item.option} must be at least {low:g}, not {value:g}", code="config.invalid")


LIMITS: tuple[Limit, ...] = (
    Limit("max_body", "--max-body", "PROPSCOPE_MAX_BODY", 5 * _MIB, "bytes", "Largest request body in bytes"),
    Limit("max_input", "--max-input", "PROPSCOPE_MAX_INPUT", 2 * _MIB, "bytes",
          "Largest article input (pasted text or uploaded file) in bytes, checked before reading"),
    Limit("max_tags", "--max-tags", "PROPSCOPE_MAX_TAGS", 100_000, "tags",
          "Most HTML tags ('<') in one input, counted before parsing"),
    Limit("max_text", "--max-text", "PROPSCOPE_MAX_TEXT", 100_000, "characters",
          "Longest article text analysed, in characters"),
    Limit("analysis_timeout", "--analysis-timeout", "PROPSCOPE_ANALYSIS_TIMEOUT", 30.0, "s",
          "Seconds one analysis, reading included, may take before the answer is 503"),
    Limit("max_analyses", "--max-analyses", "PROPSCOPE_MAX_ANALYSES", 2, "analyses",
          "Analyses run at once"),
    Limit("analysis_wait", "--analysis-wait", "PROPSCOPE_ANALYSIS_WAIT", 10.0, "s",
          "Seconds a request waits for a free analysis before the answer is 503 with Retry-After"),
)
_BY_FIELD = {item.field: item for item in LIMITS}


def limit(field: str) -> Limit:
    return _BY_FIELD[field]


# -- sizes, checked before the work they would cause ------------------------------------------------
@dataclass(frozen=True)
class InputLimits:
    """The size limits of one input (what :func:`propscope.web.calls.read_input` checks)."""

    max_input: int = int(limit("max_input").default)
    max_tags: int = int(limit("max_tags").default)
    max_text: int = int(limit("max_text").default)


def _size(n: int) -> str:
    return f"{n / _MIB:.1f} MiB" if n >= _MIB else f"{n:,} bytes"


def check_input(data: str | bytes, *, format: str | None, limits: InputLimits, source: str) -> None:
    """Refuse an input over the byte or the tag limit, before it is read: both counts are one
    pass in C (``len``, ``count``), whatever the input holds."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limits.max_input:
        raise TooLargeError(f"the input is {_size(size)}, over this server's limit of {_size(limits.max_input)} "
                            "for one article", source=source)
    if format == "text":
        return  # read as text: never parsed as markup
    tags = data.count(b"<") if isinstance(data, bytes) else data.count("<")
    if tags > limits.max_tags:
        raise TooLargeError(f"the input holds {tags:,} HTML tags ('<'), over this server's limit of "
                            f"{limits.max_tags:,} for one article: send the article's own markup or its text",
                            source=source)


def check_text(text: str, *, limits: InputLimits, source: str | None) -> None:
    """Refuse an article whose text is longer than the server analyses, before any analyzer runs."""
    if len(text) > limits.max_text:
        raise TooLargeError(f"the article is {len(text):,} characters long, over this server's limit of "
                            f"{limits.max_text:,} for one analysis: split it, or use `propscope analyze`",
                            source=source)


# -- time and slots -------------------------------------------------------------------------------
def timeout_error(seconds: float) -> AnalysisError:
    return AnalysisError(f"the analysis took longer than this server's {seconds:g} s limit; "
                         "send a shorter article", code="analysis.timeout")


class AnalysisGate:
    """At most ``slots`` analyses at once, each in the gate's own threads and within ``timeout``.

    :meth:`run` waits up to ``wait`` seconds for a slot (then raises ``http.busy``, 503 with
    ``Retry-After``), runs ``fn(deadline)`` in a thread, and answers within ``timeout``
    seconds (then raises ``analysis.timeout``).  A slot is freed when its work has really
    stopped, not when its request gave up on it, so work past its time still counts against
    the limit.  Waiting happens on the event loop, holding no thread.
    """

    def __init__(self, slots: int, *, wait: float, timeout: float) -> None:
        self.slots, self.wait, self.timeout = slots, wait, timeout
        self.retry_after = max(1, math.ceil(min(timeout, 30.0) / 2))
        self._lock = threading.Lock()
        self._busy = 0
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._executor: ThreadPoolExecutor | None = None

    @property
    def busy(self) -> int:
        return self._busy

    def _take(self, waiter: tuple[asyncio.AbstractEventLoop, asyncio.Future[None]] | None = None) -> bool:
        with self._lock:
            if self._busy < self.slots:
                self._busy += 1
                return True
            if waiter is not None:
                self._waiters.append(waiter)
            return False

    def _release(self) -> None:
        with self._lock:
            self._busy -= 1
            waiters, self._waiters = self._waiters, []
        for loop, fut in waiters:  # each tries again; those that lose wait on
            try:
                loop.call_soon_threadsafe(_wake, fut)
            except RuntimeError:  # that loop is closed: nobody is waiting there any more
                pass

    async def _acquire(self) -> bool:
        loop = asyncio.get_running_loop()
        end = time.monotonic() + self.wait
        while True:
            fut: asyncio.Future[None] = loop.create_future()
            if self._take((loop, fut)):
                return True
            remaining = end - time.monotonic()
            try:
                if remaining > 0:
                    await asyncio.wait_for(fut, remaining)
            except TimeoutError:
                pass
            finally:
                with self._lock:
                    if (loop, fut) in self._waiters:
                        self._waiters.remove((loop, fut))
            if remaining <= 0 or time.monotonic() >= end:
                return self._take()

    def _busy_error(self) -> Exception:
        from propscope.web.errors import HttpError

        waited = f" and none came free within {self.wait:g} s" if self.wait > 0 else ""
        return HttpError(503, f"the server is busy: all {self.slots} analysis slots are taken{waited}; "
                              f"retry in {self.retry_after} s", code="http.busy",
                         headers={"Retry-After": str(self.retry_after)})

    async def run(self, fn: Callable[[float], T]) -> T:
        """``fn(deadline)`` in an analysis thread; ``deadline`` is a :func:`time.monotonic` time."""
        if not await self._acquire():
            raise self._busy_error()
        deadline = time.monotonic() + self.timeout
        loop = asyncio.get_running_loop()
        try:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.slots, thread_name_prefix="propscope-analysis")
            context = contextvars.copy_context()
            work = loop.run_in_executor(self._executor, context.run, self._job, fn, deadline)
        except BaseException:
            self._release()
            raise
        work.add_done_callback(_retrieved)
        try:
            return await asyncio.wait_for(asyncio.shield(work), self.timeout)
        except TimeoutError:
            raise timeout_error(self.timeout) from None

    def _job(self, fn: Callable[[float], T], deadline: float) -> T:
        try:
            return fn(deadline)
        finally:  # in the thread: the slot is free when the work has stopped, whoever waits for it
            self._release()

    def close(self) -> None:
        """Stop taking work (running analyses finish on their own); a later :meth:`run` starts anew."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)  # no cancel_futures: a queued job must run to free its slot


def _retrieved(work: asyncio.Future[Any]) -> None:
    if not work.cancelled():
        work.exception()  # an abandoned run's error is not logged as "never retrieved"


def _wake(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)
