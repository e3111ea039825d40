"""Span decoding, span features, row assignment, calibration, the stacked classifier."""

from __future__ import annotations

import numpy as np
import pytest

from propscope.analyzers.techniques import summarise
from propscope.analyzers.techniques.decoding import (
    HAND_FEATURES,
    ArticleContext,
    Calibrator,
    LinearModel,
    assign_rows,
    decode_spans,
    snap_to_words,
    span_features,
    token_range,
)
from propscope.analyzers.techniques.definitions import DEFINITIONS, DISPLAY_NAMES, TECHNIQUES


def test_decode_threshold_runs():
    p = np.asarray([0.1, 0.9, 0.8, 0.1, 0.7, 0.2])
    sent = np.zeros(6, dtype=int)
    assert decode_spans(p, sent, high=0.5) == [(1, 3), (4, 5)]


def test_decode_hysteresis_grows_into_weaker_neighbours():
    p = np.asarray([0.35, 0.9, 0.35, 0.1])
    sent = np.zeros(4, dtype=int)
    assert decode_spans(p, sent, high=0.5, low=0.3) == [(0, 3)]
    # a run that never reaches `high` is not a fragment
    assert decode_spans(np.asarray([0.4, 0.4]), np.zeros(2, dtype=int), high=0.5, low=0.3) == []


def test_decode_bridges_short_gaps_only():
    p = np.asarray([0.9, 0.1, 0.9, 0.1, 0.1, 0.9])
    sent = np.zeros(6, dtype=int)
    assert decode_spans(p, sent, high=0.5, max_gap=1) == [(0, 3), (5, 6)]
    assert decode_spans(p, sent, high=0.5, max_gap=0) == [(0, 1), (2, 3), (5, 6)]


def test_decode_never_crosses_a_sentence():
    p = np.asarray([0.9, 0.9, 0.9, 0.9])
    sent = np.asarray([0, 0, 1, 1])
    assert decode_spans(p, sent, high=0.5, max_gap=2) == [(0, 2), (2, 4)]


def test_decode_min_tokens():
    p = np.asarray([0.9, 0.1, 0.9, 0.9])
    assert decode_spans(p, np.zeros(4, dtype=int), high=0.5, min_tokens=2) == [(2, 4)]


def test_snap_to_words():
    text = "the shameful traitors said"
    assert snap_to_words(text, 6, 16) == (4, 21)  # "ameful tra" -> "shameful traitors"
    assert snap_to_words(text, 3, 13) == (4, 12)  # leading space and trailing space trimmed


def test_token_range():
    starts, ends = np.asarray([0, 4, 9]), np.asarray([3, 8, 12])
    assert token_range(starts, ends, 5, 10) == (1, 3)
    assert token_range(starts, ends, 3, 4) == (1, 1)


def test_span_features_see_repetition_and_title():
    text = "Build the wall.\nWe will build the wall now.\nThey said build the wall!"
    sents = [(0, 15), (16, 43), (44, len(text))]
    ctx = ArticleContext(text, sents, "Build the wall")
    start = text.index("build the wall now")
    f = dict(zip(HAND_FEATURES, span_features(ctx, start, start + len("build the wall")), strict=True))
    assert f["recurs"] == 1.0 and f["log_recurrences"] == pytest.approx(np.log1p(2))
    assert f["recurs_before"] == 1.0
    assert f["in_title"] == 1.0
    once = text.index("now")
    g = dict(zip(HAND_FEATURES, span_features(ctx, once, once + 3), strict=True))
    assert g["recurs"] == 0.0 and g["one_word"] == 1.0
    last = text.index("They")
    h = dict(zip(HAND_FEATURES, span_features(ctx, last, len(text)), strict=True))
    assert h["exclamation"] == 1.0 and h["whole_sentence"] == 1.0


def test_assign_rows_gives_distinct_top_techniques():
    p = np.asarray([0.1, 0.5, 0.3, 0.1])
    assert assign_rows(p, 1) == [1]
    assert assign_rows(p, 2) == [1, 2]


def test_calibrator_interpolates_and_clips_and_round_trips():
    cal = Calibrator({"Doubt": (np.asarray([0.0, 0.5, 1.0]), np.asarray([0.0, 0.2, 0.9]))}, {"Doubt": 0.3})
    assert float(cal("Doubt", 0.75)) == pytest.approx(0.55)
    assert float(cal("Doubt", 2.0)) == pytest.approx(0.9)
    assert float(cal("Slogans", 1.7)) == 1.0  # no map: clipped raw score
    again = Calibrator.from_json(cal.to_json())
    assert float(again("Doubt", 0.75)) == pytest.approx(0.55) and again.threshold("Doubt") == 0.3
    assert again.threshold("Slogans") == 0.5


def test_linear_model_is_a_softmax():
    m = LinearModel(np.asarray([[1.0, 0.0], [0.0, 1.0]]), np.zeros(2), np.zeros(2), np.ones(2))
    p = m.proba(np.asarray([[2.0, 0.0]]))
    assert p.sum() == pytest.approx(1.0) and p[0, 0] > p[0, 1]
    assert np.allclose(LinearModel.from_json(m.to_json()).proba(np.asarray([[2.0, 0.0]])), p)


def test_summary_counts_rates_and_sentence_share():
    dets = [(0, 4, "Doubt", 0.8), (6, 9, "Doubt", 0.7), (20, 25, "Slogans", 0.6)]
    s = summarise(dets, [(0, 10), (11, 19), (20, 30)], [0.9, 0.1, 0.7], word_count=500)
    assert s["techniques"]["Doubt"] == {"count": 2, "per_1000_words": 4.0}
    assert s["techniques"]["Slogans"]["count"] == 1
    assert s["total"] == 3 and s["per_1000_words"] == 6.0
    assert s["sentences_with_technique"] == 2
    assert s["share_sentences_with_technique"] == pytest.approx(2 / 3, abs=1e-4)


def test_every_technique_has_a_definition():
    assert len(TECHNIQUES) == 14
    assert set(DEFINITIONS) == set(TECHNIQUES) == set(DISPLAY_NAMES)
    assert all(10 < len(d) < 300 for d in DEFINITIONS.values())
