"""Baseline features: word offsets, stable hashing, a tiny model scored end to end (numpy only)."""

from __future__ import annotations

import json
import zlib

import numpy as np

from propscope.analyzers.techniques.baseline import (
    SI_DIM,
    TC_DIM,
    BaselinePredictor,
    hash_features,
    si_word_features,
    words_of,
)
from propscope.analyzers.techniques.decoding import ArticleContext
from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.analyzers.techniques.predictor import Item
from propscope.analyzers.techniques.runtime import write_manifest


def test_words_of_offsets_and_sentences():
    text = "Evil plans!\nThey lie."
    toks, starts, ends, sent = words_of(text, [(0, 11), (12, 21)])
    assert toks == ["Evil", "plans", "!", "They", "lie", "."]
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == toks
    assert sent.tolist() == [0, 0, 0, 1, 1, 1]


def test_hashing_is_stable_crc32():
    assert hash_features(["w=evil"], SI_DIM).tolist() == [zlib.crc32(b"w=evil") % SI_DIM]


def test_si_features_include_context_and_recurrence():
    text = "lie after lie"
    ctx = ArticleContext(text, [(0, len(text))], None)
    toks, _, _, sent = words_of(text, [(0, len(text))])
    feats = si_word_features(toks, sent, ctx)
    assert "w=lie" in feats[0] and "p=<s>" in feats[0] and "n=after" in feats[0]
    assert any(f.startswith("rep=1") for f in feats[0])  # "lie" occurs twice


def test_tiny_baseline_model_end_to_end(tmp_path):
    d = tmp_path / "b"
    d.mkdir()
    si_w = np.zeros(SI_DIM, dtype=np.float16)
    si_w[hash_features(["w=traitors"], SI_DIM)] = 8.0
    n_hand = 17
    tc_w = np.zeros((len(TECHNIQUES), TC_DIM), dtype=np.float16)
    tc_w[TECHNIQUES.index("Name_Calling,Labeling"), hash_features(["u=traitors"], TC_DIM)] = 5.0
    np.savez(d / "baseline.npz", si_w=si_w, si_b=np.float32(-4.0), tc_w=tc_w,
             tc_dense=np.zeros((len(TECHNIQUES), n_hand), np.float32), tc_b=np.zeros(len(TECHNIQUES), np.float32),
             tc_mean=np.zeros(n_hand, np.float32), tc_scale=np.ones(n_hand, np.float32))
    (d / "labels.json").write_text(json.dumps({"kind": "baseline", "techniques": list(TECHNIQUES),
                                               "decoding": {"high": 0.5}}))
    (d / "calibration.json").write_text(json.dumps({"maps": {}, "thresholds": {}}))
    write_manifest(d)
    pred = BaselinePredictor(d)
    text = "The traitors met today."
    [scored] = pred.score([Item(text, [(0, len(text))], None)])
    assert pred.spans(scored) == [(4, 12, scored.p_span[1])]
    dets = pred.detections(scored)
    assert dets[0][:3] == (4, 12, "Name_Calling,Labeling")
    assert 0.0 <= dets[0][3] <= 1.0


def test_an_article_in_a_language_the_model_never_read_is_not_scored() -> None:
    from propscope.analyzers.techniques import TechniqueBaselineAnalyzer
    from propscope.article import Article
    from propscope.segment import segment

    text = "The traitors paid by foreign capitals will destroy our great motherland, the minister warned."
    paragraphs, sentences = segment(text)
    analyzer = TechniqueBaselineAnalyzer()
    english, russian, unknown = (Article(text=text, paragraphs=tuple(paragraphs), sentences=tuple(sentences),
                                         language=lang) for lang in ("en", "ru", None))
    scored = analyzer.annotate(english, {})["techniques"]
    assert "total" in scored.data and "skipped" not in scored.data
    skipped = analyzer.annotate(russian, {})["techniques"]
    assert skipped.spans == () and "total" not in skipped.data  # not "0 techniques found"
    assert skipped.data["skipped"] == "the technique model reads English only; this article's language is Russian"
    assert "total" in analyzer.annotate(unknown, {})["techniques"].data  # unknown language: scored
    batch = analyzer.annotate_batch([(russian, {}), (english, {})])
    assert [("skipped" in b["techniques"].data) for b in batch] == [True, False]
    assert TechniqueBaselineAnalyzer(languages=["*"]).annotate(russian, {})["techniques"].data.get("total") is not None
