"""The narratives pre-filter: hashed n-gram logistic, its threshold for recall, its file
format, and the analyzer scoring only what it keeps (no model, no corpus)."""

from __future__ import annotations

import json
import zlib

import numpy as np
import pytest

from propscope.analysis import Layer
from propscope.analyzers.narratives import NarrativesAnalyzer
from propscope.analyzers.narratives.prefilter import (
    BUCKETS,
    Prefilter,
    fit_prefilter,
    hashed_features,
    prefilter_for,
    threshold_for_recall,
    unit_pairs,
)
from propscope.article import Article, Span
from propscope.errors import ModelError
from propscope.manifest import write_manifest
from tests.unit.test_narratives import CAL, CATALOGUE, BagEncoder, _write

POSITIVE = ["the cabal of bureaucrats plots against our president", "a secret cabal wants the president gone",
            "invaders pour over the border, a cabal lets them in", "the border is open to invaders by design"]
NEGATIVE = ["the council approved the budget on tuesday", "rain is expected over the weekend",
            "the team won the final match", "shares rose two percent in early trading",
            "the museum opens a new wing", "the minister visited a school"]


def _sample(copies: int = 6) -> tuple[list[tuple[str, str]], list[int], list[int]]:
    pairs, labels, groups = [], [], []
    for k in range(copies):  # k: the "article", so folds never split one
        for t in POSITIVE:
            pairs.append((f"{t} number {k}", "")); labels.append(1); groups.append(k)
        for t in NEGATIVE:
            pairs.append((f"{t} number {k}", "")); labels.append(0); groups.append(k)
    return pairs, labels, groups


def test_narratives_prefilter_features_are_stable_unit_length_and_see_context():
    idx, val = hashed_features("The Cabal plots", "around it", context_words=True)
    again, _ = hashed_features("the cabal PLOTS", "AROUND it", context_words=True)
    assert np.array_equal(idx, again)  # lower-cased, crc32 (not the per-process str hash)
    assert idx.min() >= 0 and idx.max() < BUCKETS
    assert abs(float(val @ val) - 1.0) < 1e-6
    alone, _ = hashed_features("The Cabal plots", "around it")
    assert set(alone) < set(idx)
    # each word's own feature and its edge-marked character 4-grams, the word pairs, a length bucket
    named = {"u:the", "u:cabal", "u:plots", "b:the cabal", "b:cabal plots", "n:0", "g:<the", "g:the>", "g:<cab",
             "g:caba", "g:abal", "g:bal>", "g:<plo", "g:plot", "g:lots", "g:ots>"}
    assert set(alone.tolist()) == {zlib.crc32(f.encode()) & (BUCKETS - 1) for f in named}


def test_narratives_prefilter_threshold_keeps_the_target_recall():
    probs = np.asarray([0.9, 0.8, 0.1, 0.7, 0.2, 0.05, 0.3])
    y = np.asarray([1, 1, 0, 1, 0, 0, 1])
    t = threshold_for_recall(probs, y, 1.0)
    assert t == pytest.approx(0.25) and (probs[y > 0] >= t).all()
    t = threshold_for_recall(probs, y, 0.75)  # one positive of four may go
    assert t == pytest.approx(0.5) and (probs[y > 0] >= t).mean() >= 0.75


def test_narratives_prefilter_fit_keeps_positives_drops_plain_news(tmp_path):
    pairs, labels, groups = _sample()
    pf, oof = fit_prefilter(pairs, labels, groups, narratives=["swamp_plot", "invaders"], target_recall=0.97,
                            l2=1e-3, folds=3)
    assert oof.shape == (len(pairs),) and pf.info["oof_recall"] >= 0.97
    keep = pf.select([("a cabal plots against the president", ""), ("shares rose in early trading", ""),
                      ("invaders at the border", ""), ("the museum opens a wing", "")])
    assert 0 in keep and 2 in keep and 1 not in keep and 3 not in keep
    pf.save(tmp_path)
    write_manifest(tmp_path)
    back = Prefilter.load(tmp_path)
    assert back.threshold == pytest.approx(pf.threshold, abs=1e-6) and back.narratives == pf.narratives
    assert set(back.thresholds) >= {0.8, 0.9, 0.97}
    lower = back.for_recall(0.8)
    assert lower.threshold == pytest.approx(back.thresholds[0.8]) and lower.threshold >= back.for_recall(0.97).threshold
    assert prefilter_for(str(tmp_path), ["swamp_plot"], 0.9).threshold == pytest.approx(back.thresholds[0.9])
    with pytest.raises(ModelError, match="0.8, 0.9"):
        back.for_recall(0.42)
    assert np.allclose(back.probabilities(pairs), pf.probabilities(pairs), atol=1e-5)


def test_narratives_prefilter_refuses_a_catalogue_it_was_not_fitted_with(tmp_path):
    pairs, labels, groups = _sample(3)
    pf, _ = fit_prefilter(pairs, labels, groups, narratives=["swamp_plot"], folds=3)
    pf.save(tmp_path)
    write_manifest(tmp_path)
    assert prefilter_for(str(tmp_path), ["swamp_plot"]) is not None
    assert prefilter_for("none", ["swamp_plot"]) is None
    with pytest.raises(ModelError, match="invaders"):
        prefilter_for(str(tmp_path), ["swamp_plot", "invaders"])
    meta = json.loads((tmp_path / "prefilter.json").read_text())
    meta["buckets"] = 12
    (tmp_path / "prefilter.json").write_text(json.dumps(meta))
    write_manifest(tmp_path)
    with pytest.raises(ModelError, match="buckets"):
        Prefilter.load(tmp_path)


def test_narratives_prefilter_pairs_carry_the_context_units():
    texts = ["one", "two", "three"]
    assert unit_pairs(texts, [[1], [0, 2], [1, 2]]) == [("one", "two"), ("two", "one three"), ("three", "two")]


class _KeepWord(Prefilter):
    """A stand-in pre-filter: keeps the units holding ``word``."""

    def __init__(self, word: str):
        super().__init__(np.zeros(1, dtype=np.float32), 0.0, 0.5, ())
        object.__setattr__(self, "info", {"word": word})

    def select(self, pairs):
        return [i for i, (u, _) in enumerate(pairs) if self.info["word"] in u.lower()]


class _CountingEncoder(BagEncoder):
    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        return super().encode(texts)


def _article() -> Article:
    sents = ["The weather was mild.", "Officials are plotting secretly to remove the president.",
             "The match ended late.", "Migrants invade our country bringing crime, they say.", "Shops close at six."]
    text = " ".join(sents)
    spans, pos = [], 0
    for s in sents:
        spans.append(Span(pos, pos + len(s), "sentence"))
        pos += len(s) + 1
    return Article(text=text, sentences=tuple(spans), paragraphs=tuple(spans), language="en")


@pytest.mark.parametrize("calibration", [CAL, CAL.__class__((10.0, 0.0, 0.0, 5.0, 0.0, 0.0, 3.0, 0.0, 0.0),
                                                                -6.0, 0.6, {})])
def test_narratives_analyzer_scores_only_what_the_prefilter_keeps(tmp_path, calibration):
    cal_path = tmp_path / "cal.json"
    cal_path.write_text(json.dumps(calibration.to_json()))
    art = _article()
    layers = {"attributions": Layer("attributions", "attribution", "1", ())}
    full = NarrativesAnalyzer(catalogue=str(_write(tmp_path, CATALOGUE)), calibration=str(cal_path),
                              encoder=BagEncoder(), head="none", prefilter="none")
    enc = _CountingEncoder()
    cut = NarrativesAnalyzer(catalogue=str(_write(tmp_path, CATALOGUE)), calibration=str(cal_path),
                             encoder=enc, head="none", prefilter="none")
    cut.load()
    cut.prefilter = _KeepWord("plotting")
    enc.seen.clear()
    got = cut.annotate(art, layers)["narratives"]
    want = full.annotate(art, layers)["narratives"]
    kept = [s for s in want.spans if "plotting" in art.text[s.start:s.end]]
    assert [(s.start, s.end, s.label, s.attrs["score"]) for s in got.spans] == \
        [(s.start, s.end, s.label, s.attrs["score"]) for s in kept]
    assert len(want.spans) > len(kept)  # the migrants sentence was dropped unscored
    uses_context = cut.scorer.uses_context
    assert uses_context == (calibration.weights[6] != 0)
    # the kept unit, and its neighbours only when the scorer reads their vectors
    assert len(enc.seen) == (3 if uses_context else 1)
