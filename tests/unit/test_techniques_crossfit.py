"""Cross-fitting and distillation helpers: folds, the float16 base repack check, out-of-fold scoring."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from propscope.analyzers.techniques.model import default_model_dir
from propscope.errors import InputError, ModelError
from propscope.evaluation.ptc import PTCArticle, ptc_item
from propscope.training import neural
from propscope.training.crossfit import OutOfFoldPredictor, load_oof
from propscope.training.data import Doc
from propscope.training.distill import _student_spec, folds_of


def test_folds_are_disjoint_cover_everything_and_repeat():
    ids = [f"a{i}" for i in range(23)]
    folds = folds_of(ids, 5, 13)
    assert len(folds) == 5
    flat = [i for f in folds for i in f]
    assert sorted(flat) == sorted(ids) and len(flat) == len(set(flat))
    assert max(map(len, folds)) - min(map(len, folds)) <= 1
    assert folds_of(list(reversed(ids)), 5, 13) == folds  # order of input does not matter
    assert folds_of(ids, 5, 14) != folds


def test_student_spec():
    assert _student_spec("0.5:29") == (0.5, 29)
    assert _student_spec("0.3:41:1.2e-4:12") == (0.3, 41, 1.2e-4, 12)
    with pytest.raises(InputError):
        _student_spec("0.5")


def _repack(tmp_path, payload: bytes, source: str):
    (tmp_path / "model.safetensors").write_bytes(payload)
    (tmp_path / "REPACK.json").write_text(json.dumps(
        {"source_sha256": source, "sha256": hashlib.sha256(b"float16 weights").hexdigest()}))


def test_a_repack_is_checked_against_its_record_and_the_genuine_source(tmp_path):
    _repack(tmp_path, b"float16 weights", neural.BASE_MODEL_SHA256)
    assert neural.check_base_model(tmp_path) == neural.BASE_MODEL_SHA256
    _repack(tmp_path, b"tampered weights", neural.BASE_MODEL_SHA256)
    with pytest.raises(ModelError):
        neural.check_base_model(tmp_path)
    _repack(tmp_path, b"float16 weights", "0" * 64)  # a repack of something else
    with pytest.raises(ModelError):
        neural.check_base_model(tmp_path)
    (tmp_path / "REPACK.json").unlink()
    with pytest.raises(ModelError):  # without the record the file must be the original itself
        neural.check_base_model(tmp_path)


def _article(i: int) -> PTCArticle:
    text = f"Title {i}\n\nThe corrupt regime lied again and again.\nWe must act now, patriots!\n"
    return PTCArticle(f"a{i}", text)


class _Aux:
    def __init__(self, value: float):
        self.value = value

    def probs(self, ctx, spans):
        return np.full((len(spans), 14), self.value)


def test_out_of_fold_scores_use_the_stored_logits_and_the_folds_own_baseline():
    root = default_model_dir("techniques")
    arts = [_article(1), _article(2)]
    probe = OutOfFoldPredictor(root, {})
    n_tokens = [len(probe.tagger.encode(a.text, a.lines, a.title)) for a in arts]
    rng = np.random.default_rng(0)
    logits = {a.text: rng.normal(size=(n, 15)).astype(np.float32) for a, n in zip(arts, n_tokens, strict=True)}
    pred = OutOfFoldPredictor(root, logits, {arts[0].text: _Aux(0.25), arts[1].text: _Aux(0.5)})
    scored = pred.score([ptc_item(a) for a in arts])
    for a, sc in zip(arts, scored, strict=True):
        assert np.array_equal(sc.state, logits[a.text])
        assert np.allclose(sc.p_span, 1 / (1 + np.exp(-logits[a.text][:, 0])))
    pred.aux = _Aux(0.9)  # the one trained on all of train: never used for a train article
    spans = [(10, 20)]
    tail = [pred.span_feature_matrix(sc, spans)[0, -14:] for sc in scored]
    assert np.allclose(tail[0], np.log(0.25 + 1e-4)) and np.allclose(tail[1], np.log(0.5 + 1e-4))
    assert isinstance(pred.aux, _Aux) and pred.aux.value == 0.9
    bad = OutOfFoldPredictor(root, {arts[0].text: logits[arts[0].text][:-1]})
    with pytest.raises(InputError):
        bad.score([ptc_item(arts[0])])


def test_load_oof_names_missing_articles(tmp_path):
    docs = [Doc(_article(1)), Doc(_article(2))]
    np.savez_compressed(tmp_path / "oof0.npz", a1=np.zeros((3, 15), np.float16))
    with pytest.raises(InputError, match="a2"):
        load_oof(tmp_path, docs)
    np.savez_compressed(tmp_path / "oof1.npz", a2=np.ones((4, 15), np.float16))
    got = load_oof(tmp_path, docs)
    assert got[docs[1].text].dtype == np.float32 and got[docs[1].text].shape == (4, 15)


def test_span_pooling_matches_a_loop():
    torch = pytest.importorskip("torch")
    from propscope.training.neural import _pool_spans

    x = torch.randn(3, 9, 14)
    spans = [(0, 0, 1, None), (1, 2, 7, None), (2, 5, 9, None), (0, 3, 4, None)]
    want = torch.stack([x[r, a:e].mean(0) for r, a, e, _ in spans])
    assert torch.allclose(_pool_spans(x, spans), want, atol=1e-5)


def test_a_time_budget_shortens_the_schedule_and_lets_it_grow_back():
    from propscope.training.neural import steps_within_budget

    assert steps_within_budget(1000, 30, 0.1, 200.0) == 1000  # time enough
    assert steps_within_budget(1000, 30, 0.5, 100.0) == 230  # 200 more steps fit
    assert steps_within_budget(1000, 40, 0.1, 100.0) == 1000  # a faster rate later: back to the plan
    assert steps_within_budget(1000, 50, 0.5, -5.0) == 51  # over budget: stop after one more step


def test_unpack_names_a_folder_that_is_not_a_run_output(tmp_path):
    from propscope.training.distill import unpack

    with pytest.raises(InputError, match="not a distill/crossfit output"):
        unpack(tmp_path, tmp_path / "work")
    (tmp_path / "weights.part0").write_bytes(b"x")
    with pytest.raises(InputError, match="kept.json"):
        unpack(tmp_path, tmp_path / "work")
