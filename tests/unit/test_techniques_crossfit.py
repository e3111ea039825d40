"""Cross-fitting and distillation helpers: folds, the float16 base repack check, out-of-fold scoring."""

from __future__ import annotations

import json

import numpy as np
import pytest

from propscope.analyzers.techniques.predictor import default_model_dir
from propscope.errors import InputError, ModelError
from propscope.evaluation.ptc import PTCArticle, ptc_item
from propscope.training import neural
from propscope.training.crossfit import OutOfFoldPredictor, load_oof
from propscope.training.data import Doc
from propscope.training.distill import _int_list, _student_spec, choose_variant, folds_of, mean_state


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


def _safetensors(path, tensors: dict[str, np.ndarray]) -> None:
    """A minimal safetensors file (8-byte header length, JSON header, data)."""
    header, blobs, pos = {}, [], 0
    for name, a in tensors.items():
        b = np.ascontiguousarray(a, dtype=np.float16).tobytes()
        header[name] = {"dtype": "F16", "shape": list(a.shape), "data_offsets": [pos, pos + len(b)]}
        blobs.append(b)
        pos += len(b)
    h = json.dumps(header).encode()
    path.write_bytes(len(h).to_bytes(8, "little") + h + b"".join(blobs))


def test_a_repack_must_hold_exactly_the_pinned_float16_weights(tmp_path, monkeypatch):
    w = {"b": np.arange(6.0).reshape(2, 3), "a": np.ones(4)}
    _safetensors(tmp_path / "model.safetensors", w)
    (tmp_path / "REPACK.json").write_text("{}")
    monkeypatch.setattr(neural, "BASE_REPACK_TENSORS_SHA256", neural.tensors_sha256(tmp_path / "model.safetensors"))
    assert neural.check_base_model(tmp_path) == neural.BASE_MODEL_SHA256
    _safetensors(tmp_path / "model.safetensors", {"a": np.ones(4), "b": np.arange(6.0).reshape(2, 3)})
    assert neural.check_base_model(tmp_path) == neural.BASE_MODEL_SHA256  # same tensors, other order
    w["b"][1, 2] = 7.5  # one weight changed
    _safetensors(tmp_path / "model.safetensors", w)
    with pytest.raises(ModelError, match="not the float16 repack"):
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


def test_check_parts_refuses_what_crossfit_cannot_ship(tmp_path):
    from propscope.training.crossfit import check_parts

    with pytest.raises(InputError, match="no summary.json"):
        check_parts(tmp_path)
    (tmp_path / "summary.json").write_text(json.dumps({"teachers": [], "students": []}))  # a `distill run`
    with pytest.raises(InputError, match="distill run"):
        check_parts(tmp_path)
    (tmp_path / "summary.json").write_text(json.dumps({"folds": 2, "fold_ids": [["a1"], ["a2"]], "hparams": {}}))
    with pytest.raises(InputError, match="weights"):
        check_parts(tmp_path)
    (tmp_path / "kept.json").write_text("{}")
    (tmp_path / "weights.part0").write_bytes(b"x")
    with pytest.raises(InputError, match="out-of-fold"):
        check_parts(tmp_path)
    np.savez_compressed(tmp_path / "oof0.npz", a1=np.zeros((2, 15), np.float16))
    assert check_parts(tmp_path)["folds"] == 2


def test_the_soup_ships_only_when_it_beats_every_seed_out_of_fold():
    seeds = {"seed13": {"si_f1": 0.40, "tc_acc": 0.60}, "seed29": {"si_f1": 0.41, "tc_acc": 0.60}}
    assert choose_variant(seeds) == "seed29"
    assert choose_variant({**seeds, "soup": {"si_f1": 0.42, "tc_acc": 0.60}}) == "soup"
    assert choose_variant({**seeds, "soup": {"si_f1": 0.41, "tc_acc": 0.60}}) == "seed29"  # a tie: no soup
    assert choose_variant({**seeds, "soup": {"si_f1": 0.30, "tc_acc": 0.69}}) == "seed29"
    assert choose_variant({"seed13": {"si_f1": 0.4, "tc_acc": 0.6}}) == "seed13"


def test_mean_state_averages_weights_and_keeps_integer_buffers():
    a = {"w": np.array([1.0, 3.0]), "pos": np.array([0, 1, 2])}
    b = {"w": np.array([3.0, 5.0]), "pos": np.array([0, 1, 2])}
    out = mean_state([a, b])
    assert out["w"].tolist() == [2.0, 4.0]
    assert out["pos"].dtype.kind == "i" and out["pos"].tolist() == [0, 1, 2]
    with pytest.raises(InputError, match="different weights"):
        mean_state([a, {"w": a["w"]}])
    with pytest.raises(InputError, match="shape of w"):
        mean_state([a, {"w": np.zeros(3), "pos": a["pos"]}])


def test_seed_lists_are_checked():
    assert _int_list("13,29, 41", "--seeds") == (13, 29, 41)
    assert _int_list("", "--seeds") == ()
    with pytest.raises(InputError, match="--seeds"):
        _int_list("13,x", "--seeds")


def test_a_run_finished_in_an_interrupted_call_is_reused_not_retrained(tmp_path, monkeypatch):
    from propscope.training import distill

    job = {"kind": "fold", "name": "f0", "hp": {"seed": 13}, "fit": ["a", "b"], "predict": ["c"],
           "work": str(tmp_path / "f0")}
    calls = []

    def fake_job(j):
        calls.append(j["name"])
        return {"name": j["name"], "kind": j["kind"], "steps": 5}

    monkeypatch.setattr(distill, "_job", fake_job)
    (tmp_path / "f0").mkdir()
    assert distill.finished_result(job) is None
    first = distill._safe_job(job)
    assert calls == ["f0"] and distill.finished_result(job) == first
    assert distill._safe_job(job) == first and calls == ["f0"]  # the second call trains nothing
    assert distill.finished_result({**job, "fit": ["a"]}) is None  # another job in the same folder runs again
    (tmp_path / "f0" / "result.json").write_text("{not json")
    assert distill.finished_result(job) is None


def test_a_failed_run_is_not_taken_for_a_finished_one(tmp_path, monkeypatch):
    from propscope.training import distill

    job = {"kind": "full", "name": "full", "hp": {}, "work": str(tmp_path / "full")}
    (tmp_path / "full").mkdir()

    def broken(j):
        raise RuntimeError("CUDA out of memory")

    monkeypatch.setattr(distill, "_job", broken)
    assert "CUDA out of memory" in distill._safe_job(job)["error"]
    assert distill.finished_result(job) is None
