"""Killing ``ingest --workers 2`` leaves no process behind and no run ``running`` for ever (issue 14 §5.3).

The ingest runs the real CLI in a subprocess in its own session, over a small JSONL corpus,
with an analyzer that sleeps a little per article (no model, next to no CPU).  Its processes
are found through ``/proc`` by session id: once the parent is gone, its children are
re-parented and only the session still names them.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from typing import Any
from pathlib import Path

import pytest

from propscope.corpus.ingest import ingest, run_is_dead
from propscope.corpus.synth import SyntheticAnalyzer
from propscope.store.base import RunRecord
from propscope.store.sqlite import SqliteStore

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

N = 60
ANALYZER = textwrap.dedent('''
    import time
    from propscope.corpus.synth import SyntheticAnalyzer

    class Sleepy(SyntheticAnalyzer):
        name = "sleepy"

        def annotate(self, article, layers):
            time.sleep(0.05)
            return super().annotate(article, layers)
''')
MAIN = textwrap.dedent('''
    import sys
    from propscope.analyzers.base import register_analyzer
    from propscope.cli import app

    if __name__ == "__main__":  # spawned workers import this file again
        register_analyzer("sleepy", "sleepy_analyzer:Sleepy")
        app(sys.argv[1:], prog_name="propscope")
''')


class Sleepy(SyntheticAnalyzer):  # the same analyzer in this process, for the second run
    name = "sleepy"


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    (tmp_path / "sleepy_analyzer.py").write_text(ANALYZER, encoding="utf-8")
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    src = tmp_path / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(N):
            fh.write(json.dumps({"title": f"Report {i}", "text": f"Report {i}: the enemy advanced near Velsk on "
                                 f"day {i}, Mira Tal said. According to Reuters, {i} people left."}) + "\n")
    from propscope.analyzers.base import register_analyzer

    register_analyzer("sleepy", Sleepy)
    yield tmp_path, src, tmp_path / "corpus.db"


def session(sid: int) -> list[int]:
    """The live processes of session ``sid`` (zombies waiting for their parent do not count)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] not in (b"Z", b"X"):  # fields: state, ppid, pgrp, session
            pids.append(int(entry))
    return pids


def count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def start(folder: Path, src: Path, db: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join([str(folder), *sys.path]))
    with (folder / "ingest.log").open("wb") as log:
        return subprocess.Popen([sys.executable, str(folder / "main.py"), "ingest", str(src), "--db",
                                 f"sqlite:///{db}", "-a", "sleepy", "--workers", "2", "--batch-size", "4",
                                 "--no-progress"],
                                cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)


def wait_until_working(proc: subprocess.Popen[bytes], db: Path, folder: Path) -> None:
    deadline = time.monotonic() + 60
    while (count(db) < 4 or len(session(proc.pid)) < 3) and time.monotonic() < deadline:
        assert proc.poll() is None, (folder / "ingest.log").read_text()
        time.sleep(0.05)
    assert count(db) >= 4, (folder / "ingest.log").read_text()
    assert len(session(proc.pid)) >= 3  # the parent, its two workers (and the resource tracker)
    assert count(db) < N, "the ingest finished before it could be stopped"


def wait_for_empty(sid: int, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while session(sid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return session(sid)


def test_ingest_kill_sigkill_leaves_no_worker_and_the_next_run_marks_it_abandoned(
        corpus: tuple[Path, Path, Path]) -> None:
    folder, src, db = corpus
    proc = start(folder, src, db)
    try:
        wait_until_working(proc, db, folder)
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers must notice on their own
        proc.wait(timeout=10)
        left = wait_for_empty(proc.pid, 5)
        assert left == [], f"processes left behind: {left}"
    finally:
        for pid in session(proc.pid):
            os.kill(pid, signal.SIGKILL)
    killed = count(db)
    assert 4 <= killed < N

    store = SqliteStore(f"sqlite:///{db}")
    try:
        [first] = store.runs()
        assert first.status == "running" and first.pid == proc.pid and first.host
        report = ingest([src], store, analyzers=["sleepy"], batch_size=16)
        assert report.abandoned == [first.run_id]
        assert (report.inserted, report.unchanged, report.errors) == (N - killed, killed, 0)
        runs = {r.run_id: r for r in store.runs()}
        assert runs[first.run_id].status == "abandoned" and runs[first.run_id].finished_at
        assert runs[report.run_id].status == "finished"
    finally:
        store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (N, N)
        assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == N


def test_ingest_kill_sigterm_stops_cleanly_and_marks_the_run_interrupted(corpus: tuple[Path, Path, Path]) -> None:
    folder, src, db = corpus
    proc = start(folder, src, db)
    try:
        wait_until_working(proc, db, folder)
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=15) == 128 + signal.SIGTERM
        assert wait_for_empty(proc.pid, 5) == []
    finally:
        for pid in session(proc.pid):
            os.kill(pid, signal.SIGKILL)
    log = (folder / "ingest.log").read_text()
    assert "stopped by SIGTERM" in log and "run the same command again" in log and "Traceback" not in log
    with sqlite3.connect(db) as conn:
        [(status, counts)] = conn.execute("SELECT status, counts_json FROM ingest_runs").fetchall()
        assert conn.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0  # nothing in flight is an error
    assert status == "interrupted" and 0 < json.loads(counts)["inserted"] <= count(db)


def test_ingest_kill_which_runs_are_dead() -> None:
    now = time.time()
    fresh = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now - 5))
    old = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now - 3600))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()

    def run(pid: int | None, host: str | None, beat: str | None, started: str = fresh) -> RunRecord:
        return RunRecord("r", started, None, "running", (), (), {}, pid, host, beat)

    here = "this-host"
    assert run_is_dead(run(gone.pid, here, fresh), host=here, now=now)  # its process is gone
    assert not run_is_dead(run(os.getppid(), here, fresh), host=here, now=now)  # alive, beating
    assert not run_is_dead(run(os.getpid(), here, old), host=here, now=now)  # this very process
    assert run_is_dead(run(os.getppid(), here, old), host=here, now=now)  # no beat for an hour: a reused pid
    assert not run_is_dead(run(12345, "elsewhere", fresh), host=here, now=now)  # another host, still beating
    assert run_is_dead(run(12345, "elsewhere", old), host=here, now=now)
    assert run_is_dead(run(None, None, None, started=old), host=here, now=now)  # a row from before pids were kept
    assert not run_is_dead(run(None, None, None, started=fresh), host=here, now=now)


def test_ingest_kill_runs_keep_owner_heartbeat_and_abandon_only_running(store: Any) -> None:
    from propscope.analysis import AnalyzerInfo

    run_id = store.start_run(["a"], [AnalyzerInfo("x", "1")])
    [run] = store.runs()
    assert run.pid == os.getpid() and run.host and run.heartbeat_at and run.status == "running"
    store.heartbeat_run(run_id, {"inserted": 3})
    assert store.runs()[0].counts == {"inserted": 3}
    assert store.abandon_run(run_id) is True
    [run] = store.runs()
    assert run.status == "abandoned" and run.finished_at == run.heartbeat_at
    assert store.abandon_run(run_id) is False  # only a running run
    done = store.start_run(["b"], [])
    store.finish_run(done, {"inserted": 1})
    assert store.abandon_run(done) is False
    store.heartbeat_run(done, {"inserted": 99})  # a finished run keeps its final counts
    assert next(r for r in store.runs() if r.run_id == done).counts == {"inserted": 1}
