"""Ingest: idempotent, versioned, errors stored and never fatal, duplicates seen once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analyzers.base import register_analyzer
from propscope.cli import app
from propscope.corpus.ingest import estimate_total, ingest
from propscope.corpus.synth import SyntheticAnalyzer, register_synthetic
from propscope.store import open_store
from propscope.store.memory import MemoryStore

# Every line differs between files: a directory's repeated lines are learned as site furniture.
TEXT = ("Wire Story {n}\n\nThe enemy moved again {n} times, officials said in Velsk on day {n}. "
        "\"It is always the same threat,\" Mira Tal said about case {n}. According to Reuters, talks failed.\n")


class SyntheticV2(SyntheticAnalyzer):
    version = "2"


@pytest.fixture(autouse=True)
def synthetic() -> Iterator[None]:
    register_synthetic()
    yield
    register_synthetic()


def sources(tmp_path: Path, n: int = 6) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(n):
        (d / f"a{i:02d}.txt").write_text(TEXT.format(n=i), encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (d / "fails.txt").write_text("Bad one\n\nThis text says FAILME to the analyzer.\n", encoding="utf-8")
    return d


def test_corpus_ingest_is_idempotent_and_stores_errors(tmp_path: Path) -> None:
    src = sources(tmp_path)
    store = MemoryStore()
    settings = {"synthetic": {"fail_on": "FAILME"}}
    first = ingest([src], store, analyzers=["synthetic"], settings=settings, batch_size=4)
    assert (first.read, first.inserted, first.unchanged, first.errors) == (9, 6, 0, 3)
    assert first.error_codes == {"analysis": 1, "input.binary": 1, "input.empty": 1}
    errors = store.errors(first.run_id)
    assert sorted(Path(e.source).name for e in errors) == ["binary.txt", "empty.txt", "fails.txt"]
    failed = next(e for e in errors if e.code == "analysis")
    assert failed.analyzer == "synthetic" and failed.article_id and "FAILME" in failed.message

    stored = store.get(next(iter(store.iter_articles())).article_id)
    assert stored is not None and [i.qualified for i in stored.analyzers] == ["synthetic.v1"]
    assert {s.label for s in stored["techniques"]} == {"Name_Calling", "Loaded_Language", "Appeal_to_Fear"}
    assert [s.attrs["speaker"] for s in stored["attributions"]] == ["Mira Tal"]
    assert [s.attrs["name"] for s in stored["sources"]] == ["Reuters"]

    again = ingest([src], store, analyzers=["synthetic"], settings=settings)
    assert (again.inserted, again.updated, again.unchanged, again.errors) == (0, 0, 6, 3)
    assert store.count() == 6
    assert [r.status for r in store.runs()] == ["finished", "finished"]
    assert store.runs()[0].counts["inserted"] == 6


def test_corpus_ingest_reanalyses_when_a_version_changes(tmp_path: Path) -> None:
    src = sources(tmp_path, 3)
    store = MemoryStore()
    ingest([src], store, analyzers=["synthetic"])
    register_analyzer("synthetic", SyntheticV2)
    report = ingest([src], store, analyzers=["synthetic"])
    assert (report.inserted, report.updated, report.unchanged) == (0, 4, 0)  # fails.txt only fails on request
    assert all([i.qualified for i in a.analyzers] == ["synthetic.v2"] for a in store.iter_analyses())
    assert ingest([src], store, analyzers=["synthetic"]).unchanged == 4


def test_corpus_ingest_same_text_twice_is_stored_once_with_both_sightings(tmp_path: Path) -> None:
    d = tmp_path / "dups"
    d.mkdir()
    (d / "one.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    (d / "two.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    store = MemoryStore()
    report = ingest([d / "one.txt", d / "two.txt"], store, analyzers=["synthetic"])
    assert report.inserted == 1 and report.duplicates + report.unchanged == 1
    (row,) = list(store.iter_articles())
    assert sorted(Path(s.source or "").name for s in store.sightings(row.article_id)) == ["one.txt", "two.txt"]


def test_corpus_ingest_estimates_the_total(tmp_path: Path) -> None:
    src = sources(tmp_path, 4)
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    assert estimate_total([src, jsonl]) == 7 + 2
    assert estimate_total(["https://example.org/feed"]) is None


def test_corpus_ingest_cli(tmp_path: Path) -> None:
    src = sources(tmp_path, 3)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(src), "--db", db, "--no-progress", "--json"])
    assert result.exit_code == 1, result.output  # some items failed
    assert '"inserted": 4' in result.stdout  # quotes analyzer: fails.txt is an article too
    assert "errors by code: " in result.stderr and "input.empty" in result.stderr
    assert "ingest_errors" in result.stderr
    result = runner.invoke(app, ["ingest", str(src / "a00.txt"), "--db", db, "--no-progress"])
    assert result.exit_code == 0 and "0 new" in result.stderr and "1 unchanged" in result.stderr
    store = open_store(db)
    assert store.count() == 4
    store.close()
    bad = runner.invoke(app, ["ingest", str(src), "--db", db, "--analyzers", "nope"])
    assert bad.exit_code == 2 and "no analyzer 'nope'" in bad.stderr


# -- dates no reader could read are stored empty, but never silently (issue 14 §3) -------------
DATED = [("September 04, 2026", "en"), ("03/09/2026", "en"), ("4 Sept. 2026 14:05 GMT", "en"),
         ("4 сентября 2026", "ru"), ("N/A", "en"), ("yesterday-ish", "en"), ("", "en")]


def dated_corpus(tmp_path: Path) -> Path:
    import json

    path = tmp_path / "dated.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, (published, language) in enumerate(DATED):
            fh.write(json.dumps({"title": f"T{i}", "text": TEXT.format(n=i), "date": published,
                                 "language": language}, ensure_ascii=False) + "\n")
    return path


def test_corpus_ingest_reads_dates_and_warns_about_the_rest(tmp_path: Path) -> None:
    store = MemoryStore()
    report = ingest([dated_corpus(tmp_path)], store, analyzers=["synthetic"])
    assert (report.inserted, report.errors, report.warnings) == (7, 0, 2)  # stored all the same
    assert report.warning_codes == {"input.date_unparsed": 2} and report.error_codes == {}
    assert report.unparsed_dates == ["N/A", "yesterday-ish"]
    assert report.to_json()["warnings"] == 2 and report.to_json()["unparsed_dates"] == ["N/A", "yesterday-ish"]
    assert store.runs()[0].counts["warnings"] == 2
    rows = store.errors(report.run_id)
    assert [(Path(r.source).name, r.code) for r in rows] == [("dated.jsonl#5", "input.date_unparsed"),
                                                             ("dated.jsonl#6", "input.date_unparsed")]
    assert "'N/A'" in rows[0].message and rows[0].article_id
    parsed = {r.article_id: r.published_at for r in store.iter_articles()}
    dates = {a.article.title: (a.article.published, parsed[a.article.id]) for a in store.iter_analyses()}
    assert dates == {
        "T0": ("September 04, 2026", "2026-09-04"), "T1": ("03/09/2026", "2026-09-03"),
        "T2": ("4 Sept. 2026 14:05 GMT", "2026-09-04T14:05:00Z"), "T3": ("4 сентября 2026", "2026-09-04"),
        "T4": ("N/A", None), "T5": ("yesterday-ish", None), "T6": (None, None),  # the raw string kept
    }


def test_corpus_ingest_cli_summary_names_unread_dates(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(app, ["ingest", str(dated_corpus(tmp_path)), "--db", db, "--no-progress", "--json",
                                      "--analyzers", "synthetic"])
    assert result.exit_code == 0, result.output  # a warning fails nothing
    assert "0 errors" in result.stderr
    assert "warning: 2 article(s) stored without a date" in result.stderr
    assert "'N/A', 'yesterday-ish'" in result.stderr and "input.date_unparsed" in result.stderr
    assert "errors by code" not in result.stderr
    assert '"warnings": 2' in result.stdout
    store = open_store(db)
    assert [e.code for e in store.errors()] == ["input.date_unparsed"] * 2
    store.close()
