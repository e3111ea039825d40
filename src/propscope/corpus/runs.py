"""An ingest run's bookkeeping: stopping cleanly on SIGTERM, a heartbeat, and runs found dead.

* :class:`Terminated` is raised in the ingest loop by SIGTERM (:class:`_Stopping`), so the run
  keeps what it wrote and is marked ``interrupted``;
* :class:`_Heartbeat` renews the run's row every ``HEARTBEAT_SECONDS``;
* :func:`abandon_dead_runs` marks ``abandoned`` every ``running`` run whose process is gone
  (:func:`run_is_dead`: its pid on this host, or a heartbeat older than ``STALE_SECONDS``).

Used by :func:`propscope.corpus.ingest.ingest`, which re-exports the public names.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from propscope.store.base import Store

__all__ = ["HEARTBEAT_SECONDS", "STALE_SECONDS", "Terminated", "abandon_dead_runs", "run_is_dead"]


# -- runs that stop, and runs that were stopped ----------------------------------------------------
class Terminated(BaseException):
    """SIGTERM arrived during an ingest: it stops, keeps what it wrote, and marks its run
    ``interrupted``.  A BaseException, like KeyboardInterrupt: no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        import signal

        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


class _Stopping:
    """SIGTERM raises :class:`Terminated` in the ingest loop (main thread only), once: a second
    one while the run is stopping (or finishing) is ignored, so the clean-up is not cut short."""

    def __init__(self) -> None:
        self.stopped = False
        self._previous: Any = None
        self._installed = False

    def install(self) -> None:
        import signal

        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread receives signals; a caller in another thread has its own
        self._previous = signal.signal(signal.SIGTERM, self._handle)
        self._installed = True

    def _handle(self, signum: int, frame: Any) -> None:
        if not self.stopped:
            self.stopped = True
            raise Terminated(signum)

    def stop(self) -> None:
        self.stopped = True

    def restore(self) -> None:
        import signal

        if self._installed:
            signal.signal(signal.SIGTERM, self._previous)
            self._installed = False


#: How often a running ingest renews its run's heartbeat (and counts) in the runs table.
HEARTBEAT_SECONDS = 30.0
#: A ``running`` run whose heartbeat is older than this is taken for dead whatever else is
#: known (on another host its pid cannot be checked; a pid may have been reused).
STALE_SECONDS = 600.0


class _Heartbeat:
    """A daemon thread that renews the run's heartbeat every ``HEARTBEAT_SECONDS``."""

    def __init__(self, store: Store, run_id: str, report: Any, interval: float = HEARTBEAT_SECONDS) -> None:
        self.store, self.run_id, self.report, self.interval = store, run_id, report, interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._beat, name="propscope-ingest-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.store.heartbeat_run(self.run_id, self.report.counts())
            except Exception:  # noqa: BLE001 - a missed beat is not worth stopping the run for
                pass

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


def _process_gone(pid: int) -> bool:
    """Whether no process ``pid`` runs on this machine (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: it exists
        return False
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rpartition(b")")[2].split()[0]
        return state in (b"Z", b"X")
    except (OSError, IndexError):
        return False


def _age(stamp: str | None, now: float) -> float:
    from datetime import datetime

    if not stamp:
        return float("inf")
    try:
        return now - datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return float("inf")


def run_is_dead(run: Any, *, host: str, now: float, stale: float = STALE_SECONDS) -> bool:
    """Whether a ``running`` run's process is gone: on this host, its pid no longer runs; on
    any host, it has not renewed its heartbeat for ``stale`` seconds (rows from before pids were
    kept: started that long ago)."""
    if run.pid == os.getpid() and run.host == host:
        return False  # this process: a run in another thread, or one whose caller caught its error
    if run.pid is not None and run.host == host and _process_gone(run.pid):
        return True
    return _age(run.heartbeat_at or run.started_at, now) > stale


def abandon_dead_runs(store: Store, *, stale: float = STALE_SECONDS) -> list[str]:
    """Mark every ``running`` run whose process is gone (:func:`run_is_dead`) ``abandoned``;
    the ids of those marked.  A killed run (SIGKILL, a power cut) cannot mark itself."""
    import socket

    abandon = getattr(store, "abandon_run", None)
    if abandon is None:  # a store from before runs could be abandoned
        return []
    host, now = socket.gethostname()[:255], time.time()
    return [run.run_id for run in store.runs()
            if run.status == "running" and run_is_dead(run, host=host, now=now, stale=stale) and abandon(run.run_id)]
