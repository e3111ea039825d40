"""Ingest survives whatever a reader or the store raises (issue 14 §5.2).

One source that raises — a RecursionError from a hostile JSON file, a UnicodeEncodeError from
a lone surrogate — becomes that source's row in ``ingest_errors``; the other sources are
stored; a batch the store refuses is written again row by row; a rerun finishes too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from propscope.analysis import Analysis
from propscope.corpus.ingest import ingest
from propscope.corpus.synth import register_synthetic
from propscope.store.base import PutResult
from propscope.store.memory import MemoryStore
from propscope.store.testing import make_store

TEXT = "Story {n}\n\nThe minister said the plan for day {n} would fail, officials in Velsk said on day {n}.\n"


@pytest.fixture(autouse=True)
def synthetic() -> Iterator[None]:
    register_synthetic()
    yield


def good_files(d: Path, n: int = 3) -> None:
    d.mkdir(exist_ok=True)
    for i in range(n):
        (d / f"a{i}.txt").write_text(TEXT.format(n=i), encoding="utf-8")


def jsonl_row(text: str, **fields: Any) -> str:
    return json.dumps({"text": text, **fields}) + "\n"  # ensure_ascii: a lone surrogate survives as \udXXX


def by_source(store: Any, run_id: str) -> dict[str, str]:
    return {Path(e.source).name: e.code for e in store.errors(run_id)}


def test_ingest_faults_a_reader_that_raises_fails_its_file_and_the_walk_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from propscope.readers import dispatch

    real = dispatch.read_jsonl

    def crashing(text: Any, *, source: str, **kw: Any) -> Iterator[Any]:
        for n, item in enumerate(real(text, source=source, **kw)):
            if "poison" in source and n == 1:
                raise RuntimeError("a reader bug")
            yield item

    monkeypatch.setattr(dispatch, "read_jsonl", crashing)
    d = tmp_path / "in"
    good_files(d)
    (d / "b_poison.jsonl").write_text("".join(jsonl_row(TEXT.format(n=10 + i)) for i in range(3)), encoding="utf-8")
    (d / "c_after.jsonl").write_text(jsonl_row(TEXT.format(n=20)), encoding="utf-8")
    store = MemoryStore()
    report = ingest([d, d / "a0.txt"], store, analyzers=["synthetic"])
    assert report.status == "finished"
    assert by_source(store, report.run_id) == {"b_poison.jsonl": "input.reader_failed"}
    [error] = store.errors(report.run_id)
    assert "RuntimeError: a reader bug" in error.message and "b_poison.jsonl#1" in error.message
    # the three files, the row before the crash, the file after it in the walk; a0 again is unchanged
    assert store.count() == 5 and (report.inserted, report.unchanged + report.duplicates, report.errors) == (5, 1, 1)
    again = ingest([d], store, analyzers=["synthetic"])
    assert again.status == "finished" and (again.inserted, again.unchanged, again.errors) == (0, 5, 1)


def test_ingest_faults_hostile_json_does_not_stop_the_run(tmp_path: Path) -> None:
    d = tmp_path / "in"
    good_files(d)
    (d / "b_deep.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (d / "c_deep.jsonl").write_text(jsonl_row(TEXT.format(n=7)) + "[" * 200_000 + "]" * 200_000 + "\n",
                                    encoding="utf-8")
    store = MemoryStore()
    report = ingest([d], store, analyzers=["synthetic"])
    assert report.status == "finished"
    assert store.count() == 4  # a0-a2 and the good first row of c_deep.jsonl
    failed = {Path(e.source.split("#")[0]).name for e in store.errors(report.run_id)}
    assert failed == {"b_deep.json", "c_deep.jsonl"}  # each with a code, whichever reader caught it


def test_ingest_faults_a_ready_iterable_that_raises_ends_as_one_error() -> None:
    from propscope.readers import read_string

    def results() -> Iterator[Any]:
        from propscope.readers.base import ReadResult

        yield ReadResult("one", article=read_string(TEXT.format(n=1), source="one"))
        raise RecursionError("deep")

    store = MemoryStore()
    report = ingest([], store, analyzers=["synthetic"], results=results())
    assert report.status == "finished" and store.count() == 1
    [error] = store.errors(report.run_id)
    assert (error.source, error.code) == ("the input", "input.reader_failed") and "after one" in error.message


class RefusingStore(MemoryStore):
    """Refuses any batch holding an article whose title says POISON, as a driver refuses a surrogate."""

    batches: list[int]

    def put_many(self, analyses: Sequence[Analysis]) -> list[PutResult]:
        self.batches.append(len(analyses))
        if any("POISON" in (a.article.title or "") for a in analyses):
            raise UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed")
        return super().put_many(analyses)


def test_ingest_faults_a_row_the_store_refuses_is_recorded_and_the_batch_stored(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(jsonl_row(TEXT.format(n=i), title="POISON" if i == 2 else f"T{i}") for i in range(5)),
                    encoding="utf-8")
    store = RefusingStore()
    store.batches = []
    report = ingest([rows], store, analyzers=["synthetic"], batch_size=8, flush_seconds=60)
    assert report.status == "finished"
    assert (report.inserted, report.errors) == (4, 1) and store.count() == 4
    [error] = store.errors(report.run_id)
    assert (error.source, error.code) == (f"{rows}#3", "store.rejected") and "UnicodeEncodeError" in error.message
    assert store.batches[0] == 5 and store.batches[1:] == [1] * 5  # the batch, then row by row
    again = ingest([rows], store, analyzers=["synthetic"])  # the poison row again: recorded again, no stop
    assert again.status == "finished" and (again.unchanged, again.errors) == (4, 1)


def test_ingest_faults_lone_surrogates_in_sqlite(tmp_path: Path) -> None:
    """Through the readers, lone surrogates become U+FFFD and an undecodable file name is shown
    escaped: every row is stored, nothing is an error."""
    rows = tmp_path / "rows.jsonl"
    rows.write_text(jsonl_row(TEXT.format(n=1))
                    + jsonl_row(TEXT.format(n=2), title="bad \udc80 title")
                    + jsonl_row(TEXT.format(n=3).replace("plan", "plan \ud800"))
                    + jsonl_row(TEXT.format(n=4)), encoding="utf-8")
    odd = tmp_path / "odd"
    odd.mkdir()
    with open(os.path.join(bytes(odd), b"name\xff.txt"), "wb") as fh:  # a file name that is not UTF-8
        fh.write(TEXT.format(n=5).encode())
    with make_store("sqlite", tmp_path) as store:
        report = ingest([rows, odd], store, analyzers=["synthetic"])
        assert report.status == "finished" and report.errors == 0, store.errors(report.run_id)
        assert store.count() == 5


def test_ingest_faults_surrogates_that_reach_ingest_are_recorded_and_the_rest_stored(tmp_path: Path) -> None:
    """Articles with lone surrogates that did not come through the readers: the one whose text
    cannot be hashed is input.malformed, the one the driver refuses is store.rejected, the rest
    of the batch is stored, and a rerun does the same and finishes."""
    from propscope.article import Article
    from propscope.readers import ReadResult

    def items() -> list[ReadResult]:
        arts = [Article(text=TEXT.format(n=1), source="r#1"),
                Article(text=TEXT.format(n=2), title="bad \udc80 title", source="r#2"),
                Article(text=TEXT.format(n=3).replace("plan", "plan \ud800"), source="r#3"),
                Article(text=TEXT.format(n=4), source="r#4")]
        return [ReadResult(a.source or "", article=a) for a in arts]

    with make_store("sqlite", tmp_path) as store:
        for _ in range(2):
            report = ingest([], store, analyzers=["synthetic"], results=items())
            assert report.status == "finished"
            codes = sorted(e.code for e in store.errors(report.run_id))
            assert codes == ["input.malformed", "store.rejected"], store.errors(report.run_id)
        assert store.count() == 2
        assert [r.status for r in store.runs()] == ["finished", "finished"]
