"""``analyze_in_order``: every core, input order, the same bytes whatever the worker count (issue 14)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from propscope.analysis import Layer
from propscope.analyzers import base
from propscope.analyzers.base import BaseAnalyzer, register_analyzer
from propscope.article import Article, Span
from propscope.errors import InputError
from propscope.parallel import analyze_in_order, worker_settings
from propscope.pipeline import Pipeline
from propscope.readers import ReadResult


class _Lengths(BaseAnalyzer):
    """A model-free analyzer: one span per word of five letters or more, and the worker's pid."""

    name = "test_parallel_lengths"
    produces = ("lengths",)

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        if "POISON" in article.text:
            raise ValueError("poisoned article")
        if "KILLER" in article.text and os.environ.get("PROPSCOPE_TEST_PARENT") != str(os.getpid()):
            os._exit(9)  # a crash in native code, in a worker only
        spans, pos = [], 0
        for word in article.text.split():
            start = article.text.index(word, pos)
            pos = start + len(word)
            if len(word) >= 5:
                spans.append(Span(start, pos, "long"))
        return {"lengths": self.layer("lengths", spans)}


@pytest.fixture(autouse=True)
def _registered():
    register_analyzer(_Lengths.name, f"{__name__}:_Lengths")
    os.environ["PROPSCOPE_TEST_PARENT"] = str(os.getpid())
    yield
    base._registry.pop(_Lengths.name, None)


def _items(n: int, bad: frozenset[int] = frozenset(), poison: frozenset[int] = frozenset(),
           killer: frozenset[int] = frozenset()) -> list[ReadResult]:
    out = []
    for i in range(n):
        source = f"item-{i}.txt"
        if i in bad:
            out.append(ReadResult(source, error=InputError("unreadable on purpose", source=source)))
            continue
        word = "POISON" if i in poison else "KILLER" if i in killer else "calm"
        text = f"Article number {i} reports {word} statements about regional elections " + "words " * i
        out.append(ReadResult(source, article=Article(text=text, title=f"Story {i}", source=source)))
    return out


def _dump(results) -> list[str]:
    return [r.analysis.dumps() if r.ok else f"error: {r.error.one_line()}" for r in results]


def test_parallel_results_keep_input_order_and_bytes_with_two_workers() -> None:
    items = _items(21, bad=frozenset({0, 9}), poison=frozenset({13}))
    one = _dump(analyze_in_order([_Lengths.name], items, workers=1, chunk_size=4))
    two = _dump(analyze_in_order([_Lengths.name], items, workers=2, chunk_size=4))
    assert one == two
    assert [line.startswith("error:") for line in one] == [i in (0, 9, 13) for i in range(21)]
    assert "item-13.txt" in one[13] and "poisoned article" in one[13]
    assert "unreadable on purpose" in one[9]


def test_parallel_a_worker_that_dies_fails_only_its_article() -> None:
    items = _items(10, killer=frozenset({5}))
    results = list(analyze_in_order([_Lengths.name], items, workers=2, chunk_size=4))
    assert [r.ok for r in results] == [i != 5 for i in range(10)]
    assert results[5].error is not None and results[5].error.code == "analysis.worker_died"
    assert results[5].source == "item-5.txt"


def test_parallel_one_article_runs_in_this_process() -> None:
    """No pool for a single article: a KILLER text is analysed here, where it does not exit."""
    results = list(analyze_in_order([_Lengths.name], _items(1, killer=frozenset({0})), workers=4))
    assert len(results) == 1 and results[0].ok


def test_parallel_unknown_analyzer_fails_before_reading() -> None:
    from propscope.errors import PipelineError

    def never():
        raise AssertionError("read before the analyzers were checked")
        yield

    with pytest.raises(PipelineError):
        next(analyze_in_order(["no_such_analyzer"], never(), workers=2))


def test_parallel_worker_settings_share_the_cores_out() -> None:
    assert worker_settings(None, 1) == {}
    assert worker_settings(None, 2) == {"techniques": {"threads": 1}, "narratives": {"threads": 1}}
    assert worker_settings({"techniques": {"threads": 3}}, 2) == {"techniques": {"threads": 3},
                                                                  "narratives": {"threads": 1}}


def test_pipeline_run_batch_isolates_a_failing_article() -> None:
    pipe = Pipeline.build([_Lengths.name])
    arts = [Article(text="alpha bravo"), Article(text="POISON here"), Article(text="charlie delta")]
    results = pipe.run_batch(arts)
    assert [r.ok for r in results] == [True, False, True]
    assert results[0].analysis.dumps() == pipe.run(arts[0]).dumps()


def test_cli_analyze_workers_same_output_and_error_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from propscope.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Title {i}\n\nThe council met on day {i} and approved the budget.\n",
                                          encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        result = CliRunner().invoke(app, ["analyze", str(folder), "-a", _Lengths.name, "-w", workers, "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert result.stderr.count("error:") == 1 and "empty.txt" in result.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 6
