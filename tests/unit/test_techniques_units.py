"""A technique fragment stays within one line: page furniture and list items joined to the prose
by the segmenter (no full stop at their end) are not part of a fragment over the prose."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from propscope.analyzers.techniques import TechniqueAnalyzer, fragment_units, unit_of_tokens
from propscope.analyzers.techniques.decoding import decode_spans
from propscope.analyzers.techniques.predictor import Scored
from propscope.readers.text import read_text

# invented: an ad line and a heading between paragraphs, both without a full stop
PAGE = ("Ferry Fares Rise Again\n\n"
        "The ferry operator raised fares on Monday.\n"
        "Buy Garden Gnomes at Low Prices\n"
        "Greedy bosses squeeze island families dry, a councillor said.\n\n"
        "Riders can appeal the new fares until June.\n")


def test_units_cut_a_sentence_at_its_line_breaks():
    text = "Buy Garden Gnomes at Low Prices\nGreedy bosses squeeze island families dry."
    assert fragment_units(text, [(0, len(text))]) == [(0, 31), (32, len(text))]


def test_units_keep_a_line_that_continues_the_sentence():
    text = "They cut the route (again!)\nas every operator before them did."
    assert fragment_units(text, [(0, len(text))]) == [(0, len(text))]


def test_units_keep_hard_wrapped_prose_whole():
    text = ("The harbour board met on Tuesday to weigh a plan that\n"
            "Ferry Lines put forward last winter, and the members\n"
            "voted to send it back for more work.")
    assert fragment_units(text, [(0, len(text))]) == [(0, len(text))]


def test_units_of_tokens():
    units = [(0, 5), (6, 12), (13, 20)]
    assert unit_of_tokens(np.asarray([0, 3, 6, 13, 19]), units).tolist() == [0, 0, 1, 2, 2]


class _EagerPredictor:
    """Marks every token of the article a technique: what is decoded shows where fragments may run."""

    config: dict[str, Any] = {"kind": "test"}

    def score(self, items: list[Any]) -> list[Scored]:
        out = []
        for item in items:
            toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", item.text)]
            starts = np.asarray([a for a, _ in toks])
            ends = np.asarray([b for _, b in toks])
            sentence = np.asarray([next(k for k, (s, e) in enumerate(item.sentences) if s <= a < e) for a, _ in toks])
            out.append(Scored(item, None, starts, ends, sentence, np.full(len(toks), 0.9)))  # type: ignore[arg-type]
        return out

    def detections(self, scored: Scored) -> list[tuple[int, int, str, float]]:
        return [(int(scored.starts[a]), int(scored.ends[b - 1]), "Loaded_Language", 0.9)
                for a, b in decode_spans(scored.p_span, scored.sentence, high=0.5)]

    def sentence_scores(self, scored: Scored) -> list[float]:
        return [0.5 for _ in scored.item.sentences]


def test_no_fragment_runs_from_an_ad_line_into_the_prose():
    article = read_text(PAGE)
    analyzer = TechniqueAnalyzer()
    analyzer.predictor = _EagerPredictor()
    layer = analyzer.annotate(article, {})["techniques"]
    fragments = [article.text[s.start:s.end] for s in layer.spans]
    assert "Buy Garden Gnomes at Low Prices" in fragments
    assert not any("\n" in f for f in fragments)
    # the summary still counts the article's sentences, not the lines the fragments keep to
    assert layer.data["sentences"] == len(article.sentences)
    assert len(layer.data["sentence_scores"]) == len(article.sentences)


def test_a_fragment_holds_a_word():
    from propscope.analyzers.techniques.predictor import Item, Predictor

    text = "Fares rose again.\n...\nRiders are furious."
    toks = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    predictor = Predictor.__new__(Predictor)
    predictor.decoding = {"high": 0.5}
    p = np.asarray([0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.9])  # the dots, and "furious."
    scored = Scored(Item(text, [(0, 17), (18, 21), (22, len(text))]), None,  # type: ignore[arg-type]
                    np.asarray([a for a, _ in toks]), np.asarray([b for _, b in toks]),
                    np.asarray([0, 0, 0, 1, 2, 2, 2]), p)
    assert [text[s:e] for s, e, _ in predictor.spans(scored)] == ["furious."]
