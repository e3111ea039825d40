"""Child processes that do not outlive their parent.

A worker pool's processes hold a model each (about 250 MB) and the parent's pipes; when the
parent is killed (SIGKILL, OOM killer) nothing would stop them.  :func:`die_with_parent`,
called first thing in a worker, asks Linux to send the worker SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``) and, where that is not available, watches the parent from a
daemon thread.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent"]

_PR_SET_PDEATHSIG = 1


def die_with_parent(poll_seconds: float = 1.0) -> None:
    """End this process when the process that started it ends."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass

    def watch() -> None:  # pragma: no cover - the fallback off Linux
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
