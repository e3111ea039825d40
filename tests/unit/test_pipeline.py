from __future__ import annotations

from collections.abc import Mapping

import pytest

from propscope.analysis import Layer
from propscope.analyzers import base
from propscope.analyzers.base import BaseAnalyzer, available_analyzers, register_analyzer
from propscope.article import Article, Span
from propscope.errors import AnalysisError, PipelineError
from propscope.pipeline import Pipeline


class _Words(BaseAnalyzer):
    name = "test_words"
    produces = ("words",)

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        spans = []
        pos = 0
        for w in article.text.split():
            start = article.text.index(w, pos)
            pos = start + len(w)
            spans.append(Span(start, pos, "word"))
        return {"words": self.layer("words", spans)}


class _LongWords(BaseAnalyzer):
    name = "test_long_words"
    requires = ("words",)
    produces = ("long_words",)

    def annotate(self, article, layers):
        return {"long_words": self.layer("long_words", [s for s in layers["words"] if len(s) > 4])}


class _Broken(BaseAnalyzer):
    name = "test_broken"
    produces = ("nothing",)

    def annotate(self, article, layers):
        raise ZeroDivisionError("boom")


@pytest.fixture(autouse=True)
def _registered():
    for klass in (_Words, _LongWords, _Broken):
        register_analyzer(klass.name, klass)
    yield
    for klass in (_Words, _LongWords, _Broken):
        base._registry.pop(klass.name, None)


def test_pipeline_builds_from_names_and_runs_in_order():
    pipe = Pipeline.build(["test_words", "test_long_words"])
    analysis = pipe.run(Article(text="Loaded words everywhere today"))
    assert [a.qualified for a in analysis.analyzers] == ["test_words.v1", "test_long_words.v1"]
    assert [analysis.article.text[s.start : s.end] for s in analysis["long_words"]] == ["Loaded", "words", "everywhere", "today"]


def test_pipeline_refuses_to_build_with_missing_requirement():
    with pytest.raises(PipelineError, match="requires words") as info:
        Pipeline.build(["test_long_words"])
    assert info.value.code == "pipeline.missing_requirement"


def test_pipeline_refuses_unknown_analyzer_and_lists_available():
    with pytest.raises(PipelineError, match="no analyzer 'nope'; available: .*quotes"):
        Pipeline.build(["nope"])


def test_pipeline_refuses_duplicate():
    with pytest.raises(PipelineError, match="twice"):
        Pipeline.build(["test_words", "test_words"])


def test_pipeline_run_many_reports_failures_and_goes_on():
    pipe = Pipeline.build(["test_broken"])
    results = list(pipe.run_many([Article(text="one.", source="a.txt"), Article(text="two.", source="b.txt")]))
    assert [r.ok for r in results] == [False, False]
    assert isinstance(results[0].error, AnalysisError)
    assert results[0].error.analyzer == "test_broken" and results[0].source == "a.txt"


def test_pipeline_registry_snapshot():
    """A renamed or lost built-in registration fails here."""
    builtins = set(available_analyzers()) - {"test_words", "test_long_words", "test_broken"}
    assert set(base.BUILTIN_ANALYZERS) <= builtins
    for name in base.BUILTIN_ANALYZERS:
        klass = base.get_analyzer_class(name)
        assert klass.name == name and klass.version and klass.produces
