"""``propscope ingest`` threads what it stored: once per run, with the Dask engine after the
cluster has finished, and a threading failure is one line, never a lost ingest (issue 17 §1)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

import propscope.stories
from propscope.cli import app
from propscope.store import open_store
from propscope.store.testing import POSTGRES_ENV, postgres_url

# Written for this test: two reports of one (invented) event and one unrelated article.
TEXTS = {
    "flood-1.txt": "Floods swamp Velsk harbour\n\nFloodwater swamped the harbour district of Velsk overnight. "
                   "Rescue crews evacuated residents from flooded streets near the harbour.\n",
    "flood-2.txt": "Velsk harbour district evacuated after floods\n\nRescue crews evacuated residents of the Velsk "
                   "harbour district after floodwater swamped streets overnight.\n",
    "budget.txt": "Parliament passes budget\n\nThe parliament passed the budget on Tuesday after a long debate. "
                  "Opposition deputies voted against the spending plan.\n",
}


def _corpus(tmp_path: Path, names: list[str] | None = None) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for name in names or list(TEXTS):
        (d / name).write_text(TEXTS[name], encoding="utf-8")
    return d


def _ingest(src: Path, db: str, *extra: str) -> Any:
    return CliRunner().invoke(app, ["ingest", str(src), "--db", db, "--analyzers", "quotes", "--no-progress",
                                    "--json", *extra])


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts update_stories calls (and the articles each one placed)."""
    real = propscope.stories.update_stories
    seen: list[int] = []

    def counting(store: Any, **kw: Any) -> Any:
        r = real(store, **kw)
        seen.append(r.threaded)
        return r

    monkeypatch.setattr(propscope.stories, "update_stories", counting)
    return seen


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for the CLI: a SQLite file, or a schema of its own on the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'c.db'}"
        return
    base = postgres_url()
    if base is None:
        pytest.skip(f"PostgreSQL: {POSTGRES_ENV} is not set")
    from propscope.store.postgres import PostgresStore

    store = PostgresStore(base, schema=f"t_{uuid.uuid4().hex[:12]}")
    try:
        yield f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={store.schema}', safe='')}"
    finally:
        store.drop_schema()
        store.close()


def test_ingest_threads_what_it_stored_once_per_run(tmp_path: Path, db: str, calls: list[int]) -> None:
    first = _ingest(_corpus(tmp_path, ["flood-1.txt", "budget.txt"]), db)
    assert first.exit_code == 0, first.output
    out = json.loads(first.stdout)
    assert out["threads"]["status"] == "done" and out["threads"]["threaded"] == 2
    assert "threaded 2 articles" in first.stderr
    second = _ingest(_corpus(tmp_path, ["flood-2.txt"]), db)  # the folder now holds all three
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["threads"]["threaded"] == 1  # only the new one is placed
    assert calls == [2, 1]  # one update per run, not one per article
    store = open_store(db)
    try:
        assert store.unthreaded() == []
        assert len({m.story_id for m in store.story_members()}) == 2  # the floods are one story
    finally:
        store.close()


def test_ingest_no_threads_leaves_threading_for_later(tmp_path: Path, calls: list[int]) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = _ingest(_corpus(tmp_path), db, "--no-threads")
    assert result.exit_code == 0 and "threads" not in json.loads(result.stdout)
    assert calls == []
    store = open_store(db)
    try:
        assert len(store.unthreaded()) == 3
    finally:
        store.close()


def test_ingest_threading_failure_is_one_line_and_loses_nothing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store: Any, **kw: Any) -> Any:
        raise RuntimeError("encoder\nmissing")

    monkeypatch.setattr(propscope.stories, "update_stories", broken)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = _ingest(_corpus(tmp_path), db)
    assert result.exit_code == 0, result.output  # the ingest itself succeeded
    assert json.loads(result.stdout)["threads"] == {"status": "failed", "seconds": pytest.approx(0, abs=5),
                                                    "error": "RuntimeError: encoder missing"}
    failed = [line for line in result.stderr.splitlines() if "threading failed" in line]
    assert len(failed) == 1 and "stories --update" in failed[0]
    store = open_store(db)
    try:
        assert store.count() == 3 and len(store.unthreaded()) == 3
    finally:
        store.close()


def test_ingest_dask_engine_threads_after_the_cluster_finished(tmp_path: Path, calls: list[int],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import propscope.corpus.dask_engine as dask_engine
    from propscope.corpus.ingest import InlineBackend
    from propscope.pipeline import Pipeline

    events: list[str] = []

    class FakeCluster(InlineBackend):  # analyses here; records when the "cluster" is let go
        def __init__(self, scheduler: Any, analyzers: Any, settings: Any = None) -> None:
            super().__init__(Pipeline.build(list(analyzers)))

        def close(self) -> None:
            events.append("closed")

    real = propscope.stories.update_stories

    def after_close(store: Any, **kw: Any) -> Any:
        events.append("threaded")
        return real(store, **kw)

    monkeypatch.setattr(dask_engine, "DaskBackend", FakeCluster)
    monkeypatch.setattr(propscope.stories, "update_stories", after_close)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = _ingest(_corpus(tmp_path), db, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 0, result.output
    assert events == ["closed", "threaded"]
    assert json.loads(result.stdout)["threads"]["threaded"] == 3
