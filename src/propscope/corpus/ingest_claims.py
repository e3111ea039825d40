"""The claims step of ``propscope ingest``: once per run, after the articles are stored (and threaded).

:func:`claim_stored` reads every stored article not read for claims yet
(:func:`propscope.corpus.claims.update_claims`, incremental: one encoder load and one pass per
run, not per article; the encoder is the one threading loaded, shared per process).  It never
raises for a failure of its own: the articles are already stored, so a failure is returned as
one line for the summary and ``propscope claims --update`` reads them later.

    step = claim_stored(store)
    print(step.line())          # "read 12 articles for claims in 0.4s: 30 sightings, 21 new claims, …"
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from propscope.corpus.ingest_threads import IngestStep
from propscope.store.base import Store

__all__ = ["ClaimStep", "claim_stored"]


@dataclass
class ClaimStep(IngestStep):
    """What the claims step did (``report``: a propscope.corpus.claims.UpdateReport)."""

    def line(self) -> str:
        """The summary line (stderr)."""
        if self.error:
            return (f"warning: reading claims failed ({self.error}); the articles are stored: "
                    "`propscope claims --update` reads them")
        r = self.report
        return (f"read {r.articles} articles for claims in {self.seconds:.1f}s: {r.sightings} sightings, "
                f"{r.new_claims} new claims ({r.reported} reported, {r.restated} restated in an outlet's voice)")


def claim_stored(store: Store, *, encoder: Any = None, settings: Any = None,
                 on_start: Callable[[int], None] | None = None,
                 on_progress: Callable[[int], None] | None = None) -> ClaimStep:
    """Read for claims what was not read yet; ``on_start(total)`` once the count is known,
    ``on_progress(done)`` after each batch.  A failure is returned, not raised (but Ctrl-C is)."""
    started = time.monotonic()
    step = ClaimStep()
    try:
        from propscope.corpus import claims

        def progress(r: Any) -> None:
            step.report = r
            if on_progress is not None:
                on_progress(r.articles)

        step.report = claims.update_claims(store, settings=settings, encoder=encoder, progress=progress,
                                           on_start=on_start)
    except Exception as exc:  # noqa: BLE001 - the run's articles are stored: claims can wait
        step.error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    step.seconds = time.monotonic() - started
    return step
