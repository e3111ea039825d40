"""The shipped technique models load (manifest checked) and annotate a tiny text of our own."""

from __future__ import annotations

import json

import pytest

from propscope.analyzers.techniques import TECHNIQUES, TechniqueAnalyzer, TechniqueBaselineAnalyzer
from propscope.analyzers.techniques.predictor import default_model_dir
from propscope.article import Article
from propscope.segment import segment

TEXT = (
    "The corrupt elites in Washington will never stop lying to you. "
    "They want to destroy our great nation, and every true patriot knows it.\n\n"
    "Officials said the meeting would take place on Tuesday. "
    "This is a disaster, a total disaster, a disaster like nothing we have ever seen."
)


def _article() -> Article:
    paragraphs, sentences = segment(TEXT)
    return Article(TEXT, title="Elites are lying again", paragraphs=paragraphs, sentences=sentences)


@pytest.mark.parametrize("cls,name", [(TechniqueAnalyzer, "techniques"), (TechniqueBaselineAnalyzer,
                                                                            "techniques_baseline")])
def test_shipped_model_annotates(cls, name):
    assert (default_model_dir(name) / "MANIFEST.sha256").is_file()
    analyzer = cls(threads=1)
    analyzer.load()
    article = _article()
    layer = analyzer.annotate(article, {})["techniques"]
    spans = layer.to_json()["spans"]
    for s in spans:
        assert s["technique"] in TECHNIQUES
        assert 0.0 <= s["score"] <= 1.0
        assert 0 <= s["start"] < s["end"] <= len(TEXT)
    data = layer.data
    assert len(data["sentence_scores"]) == len(article.sentences)
    assert all(0.0 <= x <= 1.0 for x in data["sentence_scores"])
    assert 0.0 <= data["share_sentences_with_technique"] <= 1.0
    json.dumps(layer.to_json())
    # batching gives the same result as one at a time
    [batched] = analyzer.annotate_batch([(article, {})])
    assert batched is not None and batched["techniques"].to_json() == layer.to_json()


def test_loaded_language_is_found_by_the_neural_model():
    analyzer = TechniqueAnalyzer(threads=1)
    analyzer.load()
    layer = analyzer.annotate(_article(), {})["techniques"]
    assert len(layer) >= 1
    assert max(layer.data["sentence_scores"]) > 0.3


def test_pipeline_builds_the_techniques_analyzer():
    from propscope.pipeline import Pipeline

    pipe = Pipeline.build(["techniques"])
    analysis = pipe.run(_article())
    assert "techniques" in analysis.layers
    assert analysis.layers["techniques"].label_key == "technique"
