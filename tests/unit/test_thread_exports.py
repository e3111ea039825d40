"""``propscope export --table stories|claims|narratives`` (issue 17 §4): corpus-level rows in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from story_samples import XSS, WordEncoder, corpus

from propscope.corpus.claims import ClaimSettings, update_claims
from propscope.corpus.export import export
from propscope.store import Store
from propscope.store.base import ArticleFilter
from propscope.stories import StorySettings, update_stories


@pytest.fixture
def filled(store: Store) -> Store:
    for a in corpus():
        store.put(a)
    update_stories(store, settings=StorySettings(threshold=0.3, window_days=14), encoder=WordEncoder())
    update_claims(store, settings=ClaimSettings(same_threshold=0.7, restate_threshold=0.7), encoder=WordEncoder())
    return store


def _jsonl(store: Store, table: str, where: ArticleFilter | None = None) -> list[dict]:
    out = io.StringIO()
    export(store, "jsonl", out, table=table, where=where)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_story_rows_in_time_order_with_first_sighting(filled: Store) -> None:
    every = _jsonl(filled, "stories")
    flood = max({r["story_id"] for r in every}, key=lambda s: sum(r["story_id"] == s for r in every))
    rows = [r for r in every if r["story_id"] == flood]
    assert [(r["position"], r["outlet"], r["method"]) for r in rows][0] == (0, "Harbor Gazette " + XSS, "first")
    assert [r["published_date"] for r in rows] == ["2019-03-01", "2019-03-02", "2019-03-09"]
    only = _jsonl(filled, "stories", ArticleFilter(outlet="Coast Courier"))
    assert [r["outlet"] for r in only] == ["Coast Courier"]


def test_export_claims_and_narratives_rows_carry_voice(filled: Store) -> None:
    claims = _jsonl(filled, "claims")
    varn = [r for r in claims if r["claim_speaker"] == "Ilse Varn"]
    assert [r["voice"] for r in varn] == ["reported", "reported", "restated"]
    nar = _jsonl(filled, "narratives", ArticleFilter(since="2019-03-02"))
    assert sorted((r["outlet"], r["voice_group"]) for r in nar) == [("Coast Courier", "outlet"),
                                                                    ("Northern Star", "quoted")]


@pytest.mark.parametrize("table", ["stories", "claims", "narratives"])
def test_export_thread_tables_csv_and_parquet_have_the_declared_columns(filled: Store, table: str,
                                                                       tmp_path: Path) -> None:
    from propscope.corpus.thread_tables import THREAD_COLUMNS

    names = [c.name for c in THREAD_COLUMNS[table]]
    out = io.StringIO()
    result = export(filled, "csv", out, table=table)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == names and len(rows) == result.rows > 0
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / f"{table}.parquet"
    export(filled, "parquet", path, table=table)
    t = pq.read_table(path)
    assert t.column_names == names and t.num_rows == len(rows)
