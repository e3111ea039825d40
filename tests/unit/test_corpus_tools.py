"""The corpus read without propscope (issue 16): SQL views, Datasette, sqlite-utils, and flat
exports that DuckDB and pandas read with their types."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus_tools_samples import COURIER_TEXT, samples
from typer.testing import CliRunner

from propscope.cli import app
from propscope.corpus.export import CELL_LIMIT, export, long_cells_path, read_export
from propscope.corpus.tables import COLUMNS, TABLES, VIEWS, table_rows
from propscope.store import open_store
from propscope.store.base import Store
from propscope.store.testing import POSTGRES_ENV, make_store, postgres_url


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A SQLite corpus of the samples; returns the file."""
    path = tmp_path / "corpus.db"
    store = open_store(f"sqlite:///{path}")
    store.put_many(samples())
    store.close()
    return path


def _view_rows(store: Any, view: str) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.exec_driver_sql(f"SELECT * FROM {view}").mappings()]
    for r in rows:
        del r["id"]
        if isinstance(r["published_date"], dt.date):
            r["published_date"] = r["published_date"].isoformat()
        if "content_offsets" in r:
            r["content_offsets"] = json.loads(r["content_offsets"]) if r["content_offsets"] else None
    return rows


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["article_id"], row["analyzer"], row["start"], row["end"], str(row.get("text"))


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_corpus_tools_views_give_the_rows_the_table_export_gives(kind: str, tmp_path: Path) -> None:
    """One set of rows whichever way a tool reads them: the SQL views or ``export --table``."""
    if kind == "postgres" and postgres_url() is None:
        pytest.skip(f"PostgreSQL: {POSTGRES_ENV} is not set")
    items = samples()
    with make_store(kind, tmp_path) as store:
        store.put_many(items)
        for table, view in VIEWS.items():
            got = _view_rows(store, view)
            assert list(got[0]) == [c.name for c in COLUMNS[table]], view
            want = [row for a in items for row in table_rows(table, a)]
            assert sorted(got, key=_key) == sorted(want, key=_key), view


def test_corpus_tools_views_read_text_speaker_and_voice(corpus: Path) -> None:
    store = open_store(f"sqlite:///{corpus}")
    try:
        tech = {r["text"]: r for r in _view_rows(store, "v_techniques")}
        attrs = {r["speaker"]: r for r in _view_rows(store, "v_attributions")}
        mentions = {r["text"]: r for r in _view_rows(store, "v_mentions")}
        sources = _view_rows(store, "v_sources")
    finally:
        store.close()
    thugs = tech["These thugs"]
    assert (thugs["technique"], thugs["voice"], thugs["voice_group"], thugs["speaker"]) == \
        ("Name_Calling", "Ivan Petrov", "quoted", "Ivan Petrov")
    assert (thugs["outlet"], thugs["published_date"], thugs["published"]) == \
        ("Daily Courier", "2026-03-02", "2026-03-02T08:00:00Z")
    assert (tech["shameful"]["voice_group"], tech["shameful"]["speaker"]) == ("outlet", None)
    # a quote split around its cue reads as one text; cue and source as words, not offsets
    smith = attrs["Anna Smith"]
    assert smith["text"] == "We will win, … and we will win soon."
    assert (smith["cue_text"], smith["source_text"], smith["voice"]) == ("said,", "Anna Smith", "Anna Smith")
    assert smith["published_date"] == "2026-03-03" and smith["published"] == "March 3, 2026"
    assert attrs["Ivan Petrov"]["relayed_by"] == "Reuters"
    assert attrs[None]["voice"] == "unknown speaker" and attrs[None]["source_text"] == "Police"
    # an entity named inside a quote stands in the speaker's words; the speaker's own name does not
    assert (mentions["Moscow"]["voice"], mentions["Moscow"]["speaker"]) == ("Ivan Petrov", "Ivan Petrov")
    assert (mentions["Ivan Petrov"]["voice"], mentions["Ivan Petrov"]["name"]) == ("outlet", "Ivan Petrov")
    assert [(s["name"], s["text"], s["voice"], s["relation"]) for s in sources] == \
        [("Reuters", "Reuters", "outlet", "according to")]
    assert COURIER_TEXT[thugs["start"]:thugs["end"]] == "These thugs"


# -- Datasette and sqlite-utils, the real tools ---------------------------------------------------
def _datasette_get(db: Path, path: str, metadata: dict[str, Any] | None = None) -> Any:
    datasette = pytest.importorskip("datasette.app")

    async def get() -> Any:
        ds = datasette.Datasette([str(db)], metadata=metadata)
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # a loop of its own, whatever an earlier test left running
        return pool.submit(asyncio.run, get()).result()


def test_corpus_tools_datasette_searches_the_articles(corpus: Path) -> None:
    rows = _datasette_get(corpus, "/corpus/articles.json?_search=thugs&_shape=array&_col=title")
    assert [r["title"] for r in rows] == ["Protest in the capital"]
    assert _datasette_get(corpus, "/corpus/articles.json?_search=nosuchword&_shape=array") == []


def test_corpus_tools_datasette_metadata_facets_and_saved_queries(corpus: Path) -> None:
    from propscope.corpus.datasette import metadata_for

    metadata = metadata_for(corpus)
    assert list(metadata["databases"]) == ["corpus"]
    data = _datasette_get(corpus, "/corpus/v_techniques.json?_facet=technique&_facet=voice_group", metadata)
    facets = {f["name"]: {v["value"]: v["count"] for v in f["results"]} for f in data["facet_results"].values()}
    assert facets["voice_group"] == {"outlet": 5, "quoted": 2}
    assert facets["technique"]["Name_Calling"] == 2
    by_voice = _datasette_get(corpus, "/corpus/techniques_by_outlet_and_voice.json?_shape=array", metadata)
    assert {"outlet": "Daily Courier", "voice": "quoted", "technique": "Name_Calling", "spans": 1,
            "per_1000_words": round(1000 / samples()[0].article.word_count, 2), "articles": 1} in by_voice
    speakers = _datasette_get(corpus, "/corpus/top_speakers.json?_shape=array", metadata)
    assert {r["speaker"]: r["attributions"] for r in speakers} == {"Ivan Petrov": 1, "Anna Smith": 1}
    relays = _datasette_get(corpus, "/corpus/relays.json?_shape=array", metadata)
    assert [(r["relayed_by"], r["speaker"], r["outlets"]) for r in relays] == [("Reuters", "Ivan Petrov",
                                                                                 "Daily Courier")]
    examples = _datasette_get(corpus, "/corpus/technique_examples.json?technique=Name_Calling&_shape=array",
                              metadata)
    assert [r["text"] for r in examples] == ["These thugs", "coward"]  # by score
    # every column of every view is described
    for table, view in VIEWS.items():
        described = metadata["databases"]["corpus"]["tables"][view]["columns"]
        assert set(described) == {"id", *(c.name for c in COLUMNS[table])}


def test_corpus_tools_datasette_metadata_cli_names_the_database(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "meta.json"
    result = CliRunner().invoke(app, ["datasette-metadata", "--db", f"sqlite:///{corpus}", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert list(json.loads(out.read_text())["databases"]) == ["corpus"]
    assert f"datasette {corpus} -m {out}" in " ".join(result.stderr.split())
    bad = CliRunner().invoke(app, ["datasette-metadata", "--db", "postgresql://u@h/db"])
    assert bad.exit_code == 2 and "SQLite" in bad.stderr


def test_corpus_tools_sqlite_utils_search(corpus: Path) -> None:
    """The command line a user types: ``sqlite-utils search corpus.db articles Geneva``."""
    pytest.importorskip("sqlite_utils")
    result = subprocess.run([sys.executable, "-m", "sqlite_utils", "search", str(corpus), "articles", "Geneva",
                             "-c", "title", "--csv"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["title", "Talks"]


# -- exports ----------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with make_store("memory", tmp_path) as s:
        s.put_many(samples())
        yield s


def test_corpus_tools_parquet_is_typed_for_duckdb(store: Store, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    for table in TABLES:
        export(store, "parquet", tmp_path / f"{table}.parquet", table=table)
    con = duckdb.connect()
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM '{tmp_path / 'articles.parquet'}'").fetchall()}
    assert (types["published_date"], types["authors"], types["word_count"]) == ("DATE", "VARCHAR[]", "BIGINT")
    rows = con.execute("SELECT outlet, published_date, published FROM "
                       f"'{tmp_path / 'articles.parquet'}' ORDER BY published_date NULLS LAST").fetchall()
    assert rows == [("Daily Courier", dt.date(2026, 3, 2), "2026-03-02T08:00:00Z"),
                    ("The Sentinel", dt.date(2026, 3, 3), "March 3, 2026"), (None, None, "sometime last spring")]
    quoted = con.execute("SELECT voice, count(*) FROM "
                         f"'{tmp_path / 'techniques.parquet'}' GROUP BY voice ORDER BY voice").fetchall()
    assert quoted == [("Ivan Petrov", 2), ("outlet", 5)]
    (offsets,) = con.execute(f"SELECT content_offsets FROM '{tmp_path / 'attributions.parquet'}' "
                             "WHERE speaker = 'Anna Smith'").fetchone()
    assert len(offsets) == 2 and all(len(p) == 2 for p in offsets)


def test_corpus_tools_csv_splits_long_cells_off_and_pandas_reads_it(store: Store, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "articles.csv"
    result = export(store, "csv", out, table="articles")
    assert (result.rows, result.long_cells, result.long_cells_path) == (3, 1, long_cells_path(out))
    frame = pd.read_csv(out, keep_default_na=False)
    assert frame["text"].str.len().max() <= CELL_LIMIT
    (cell,) = [json.loads(line) for line in long_cells_path(out).read_text(encoding="utf-8").splitlines()]
    long_text = next(a.article.text for a in samples() if a.article.title == "Talks")
    assert (cell["value"], cell["length"], cell["column"]) == (long_text, len(long_text), "text")
    row = frame.iloc[cell["row"] - 2]  # spreadsheet rows count the header as row 1
    assert row["title"] == "Talks" and row["text"].startswith(long_text[:1000])
    assert f"{long_cells_path(out).name}, row {cell['row']}" in row["text"]
    # a formula in a span's words is not run by a spreadsheet
    export(store, "csv", tmp_path / "t.csv", table="techniques")
    with (tmp_path / "t.csv").open(encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    assert "'=cmd|' /C calc'!A0" in texts
    # a later export without long cells leaves no stale long-cells file to be read as its own
    export(store, "csv", out, table="techniques")
    assert not long_cells_path(out).exists()


def test_corpus_tools_lossless_csv_reads_back_long_cells(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = export(store, "csv", out)
    assert result.long_cells >= 2  # the long article's text and its analysis_json
    assert [a.to_json() for a in read_export(out)] == [a.to_json() for a in samples()]


def test_corpus_tools_jsonl_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    export(store, "jsonl", out, table="attributions")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in rows] == [[c.name for c in COLUMNS["attributions"]]] * 3
    smith = next(r for r in rows if r["speaker"] == "Anna Smith")
    assert smith["content_offsets"] == [list(p) for p in samples()[1].layers["attributions"].spans[0]
                                        .attrs["content"]]


def test_corpus_tools_export_cli_tables(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{corpus}"
    out = tmp_path / "art.csv"
    result = runner.invoke(app, ["export", "--db", db, "--table", "articles", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    message = " ".join(result.stderr.split())
    assert f"exported 3 articles to {out}" in message
    assert f"1 cell(s) longer than a spreadsheet's 32,767 characters were cut in the CSV and written whole to " \
           f"{long_cells_path(out)}" in message
    result = runner.invoke(app, ["export", "--db", db, "-t", "sources", "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines()[0].split(",")[:3] == ["article_id", "outlet",
                                                                                      "published_date"]
    result = runner.invoke(app, ["export", "--db", db, "-t", "articles", "-f", "csv"])
    assert result.exit_code == 0 and "left whole: a spreadsheet would cut them" in " ".join(result.stderr.split())
    result = runner.invoke(app, ["export", "--db", db, "-t", "quotes"])
    assert result.exit_code == 2 and "quotes" in result.stderr
    result = runner.invoke(app, ["export", "--db", db, "-t", "entities", "-f", "parquet", "-o",
                                 str(tmp_path / "e.parquet"), "--progress"])
    assert result.exit_code == 0, result.output
    assert "exported 5 rows of entities from 3 articles" in " ".join(result.stderr.split())
