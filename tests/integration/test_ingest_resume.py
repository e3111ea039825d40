"""Kill ``ingest`` with SIGKILL mid-run (twice), run it again: every article stored exactly
once, each with its complete analysis, nothing half-written."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from propscope.store.sqlite import SqliteStore

N = 240
SCRIPT = """
import sys
from propscope.corpus.ingest import ingest
from propscope.corpus.synth import register_synthetic
from propscope.store import open_store

register_synthetic()
src, db, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = open_store(db)
report = ingest([src], store, analyzers=["synthetic"], settings={"synthetic": {"cost_ms": 4, "record_process": True}},
                workers=workers, batch_size=8)
print(report.inserted, report.unchanged, report.errors)
"""


def _corpus(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N):
            text = (f"Report {i}: the enemy advanced near Velsk on day {i}. \"It is always a threat,\" Mira Tal "
                    f"said about report {i}. According to Reuters, {i} people left. Officials doubt figure {i}.")
            fh.write(json.dumps({"title": f"Report {i}", "text": text, "outlet": f"Outlet {i % 3}",
                                 "published": f"2026-01-{1 + i % 28:02d}"}) + "\n")
    return path


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _run(src: Path, db: Path, workers: int, kill_at: int | None) -> int | None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    log = db.with_suffix(f".{time.monotonic_ns()}.log")
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(src), f"sqlite:///{db}", str(workers)],
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True, env=env)
        if kill_at is None:
            proc.wait(timeout=120)
            assert proc.returncode == 0, log.read_text()
            return None
        deadline = time.monotonic() + 90
        while _count(db) < kill_at and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed: " + log.read_text()
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes, mid-write
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return _count(db)


@pytest.mark.slow
def test_ingest_resume_after_sigkill(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "corpus.jsonl")
    db = tmp_path / "corpus.db"
    first = _run(src, db, workers=2, kill_at=40)
    assert first is not None and 40 <= first < N
    second = _run(src, db, workers=1, kill_at=first + 60)
    assert second is not None and first + 60 <= second < N
    _run(src, db, workers=1, kill_at=None)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (N, N)
        # every article has its one analysis row, and no row belongs to a missing article
        assert conn.execute("SELECT count(*) FROM analyses WHERE analyzer = 'synthetic' AND version = '1'"
                            ).fetchone()[0] == N
        for table in ("analyses", "technique_spans", "attributions", "sources", "sightings"):
            orphans = conn.execute(f"SELECT count(*) FROM {table} t LEFT JOIN articles a ON a.pk = t.article_pk "
                                   "WHERE a.pk IS NULL").fetchone()[0]
            assert orphans == 0, table
        statuses = [r[0] for r in conn.execute("SELECT status FROM ingest_runs ORDER BY started_at")]
    assert statuses == ["abandoned", "abandoned", "finished"]  # the killed runs, marked by the runs after them

    store = SqliteStore(f"sqlite:///{db}")
    spans = {"techniques": 0, "attributions": 0, "sources": 0}
    pids = set()
    for analysis in store.iter_analyses():
        # each process (2 pool workers, then two inline runs) loaded the pipeline once
        assert analysis["techniques"].data["loads"] == 1
        pids.add(analysis["techniques"].data["pid"])
        assert [i.qualified for i in analysis.analyzers] == ["synthetic.v1"]
        assert set(analysis.layers) == set(spans)
        assert len(analysis["techniques"]) == 4 and len(analysis["attributions"]) == 1
        for name in spans:
            spans[name] += len(analysis[name])
    assert 2 <= len(pids) <= 4
    with store.engine.connect() as conn:
        for name, table in (("techniques", "technique_spans"), ("attributions", "attributions"),
                            ("sources", "sources")):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == spans[name]
    store.close()
