"""``propscope ingest`` reads what it stored for claims, as it threads it: once per run, incremental,
``--no-claims`` leaves it to ``propscope claims --update``, and a failure is one line, never a lost
ingest (issue 17 §2)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

import propscope.corpus.claims as claims_mod
from propscope.cli import app
from propscope.corpus.claims import list_claims
from propscope.corpus.ingest_claims import ClaimStep, claim_stored
from propscope.store import open_store
from propscope.store.memory import MemoryStore
from propscope.store.testing import POSTGRES_ENV, postgres_url

# Written for this test: two outlets quote one (invented) mayor saying one thing; a third article
# is unrelated.
QUOTE = "The harbour wall of Velsk will be rebuilt before the winter storms arrive"
TEXTS = {
    "wall-1.txt": f"Velsk to rebuild harbour wall\n\nMayor Ilse Varn spoke to residents on Monday. "
                  f"\"{QUOTE},\" Ilse Varn said.\n",
    "wall-2.txt": f"Mayor promises new harbour wall\n\nResidents met the mayor at the town hall. "
                  f"\"{QUOTE},\" Mayor Ilse Varn said on Monday.\n",
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
    return CliRunner().invoke(app, ["ingest", str(src), "--db", db, "--analyzers", "entities,attribution", "--no-progress",
                                    "--no-threads", "--json", *extra])


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts update_claims calls (and the articles each one read)."""
    real = claims_mod.update_claims
    seen: list[int] = []

    def counting(store: Any, **kw: Any) -> Any:
        r = real(store, **kw)
        seen.append(r.articles)
        return r

    monkeypatch.setattr(claims_mod, "update_claims", counting)
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


def test_ingest_claims_reads_what_it_stored_once_per_run(tmp_path: Path, db: str, calls: list[int]) -> None:
    first = _ingest(_corpus(tmp_path, ["wall-1.txt", "budget.txt"]), db)
    assert first.exit_code == 0, first.output
    out = json.loads(first.stdout)
    assert out["claims"]["status"] == "done" and out["claims"]["articles"] == 2
    assert "read 2 articles for claims" in first.stderr
    second = _ingest(_corpus(tmp_path, ["wall-2.txt"]), db)  # the folder now holds all three
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["claims"]["articles"] == 1  # only the new one is read
    assert calls == [2, 1]  # one update per run, not one per article
    store = open_store(db)
    try:
        listed = list_claims(store)
        assert [(c.speaker, len(c.outlets), c.sightings) for c in listed] == [("Ilse Varn", 1, 2)]
        assert QUOTE in listed[0].text
    finally:
        store.close()


def test_ingest_no_claims_leaves_them_for_later(tmp_path: Path, calls: list[int]) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = _ingest(_corpus(tmp_path), db, "--no-claims")
    assert result.exit_code == 0 and "claims" not in json.loads(result.stdout)
    assert calls == []
    later = CliRunner().invoke(app, ["claims", "--update", "--db", db, "--json"])
    assert later.exit_code == 0, later.output
    assert json.loads(later.stdout)["update"]["articles"] == 3  # nothing was read at ingest


def test_ingest_claims_failure_is_one_line_and_loses_nothing(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(store: Any, **kw: Any) -> Any:
        raise RuntimeError("encoder\nmissing")

    monkeypatch.setattr(claims_mod, "update_claims", broken)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = _ingest(_corpus(tmp_path), db)
    assert result.exit_code == 0, result.output  # the ingest itself succeeded
    assert json.loads(result.stdout)["claims"] == {"status": "failed", "seconds": pytest.approx(0, abs=5),
                                                   "error": "RuntimeError: encoder missing"}
    failed = [line for line in result.stderr.splitlines() if "claims failed" in line]
    assert len(failed) == 1 and "claims --update" in failed[0]
    store = open_store(db)
    try:
        assert store.count() == 3 and list_claims(store) == []
    finally:
        store.close()


def test_ingest_claims_step_counts_its_total_first() -> None:
    store = MemoryStore()
    seen: list[tuple[str, int]] = []
    step = claim_stored(store, on_start=lambda n: seen.append(("total", n)),
                        on_progress=lambda n: seen.append(("done", n)))
    assert isinstance(step, ClaimStep) and step.ok and seen == [("total", 0)]
    assert step.to_json()["articles"] == 0 and "read 0 articles for claims" in step.line()
