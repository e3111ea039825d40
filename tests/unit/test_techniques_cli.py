"""`propscope ptc predict-spans / classify / eval` on a tiny PTC-shaped folder and a tiny baseline model."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from propscope.analyzers.techniques.baseline import SI_DIM, TC_DIM, hash_features
from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.analyzers.techniques.runtime import write_manifest
from propscope.cli import app


@pytest.fixture
def tiny_model(tmp_path):
    d = tmp_path / "model"
    d.mkdir()
    si_w = np.zeros(SI_DIM, dtype=np.float16)
    si_w[hash_features(["w=traitors"], SI_DIM)] = 8.0
    tc_w = np.zeros((len(TECHNIQUES), TC_DIM), dtype=np.float16)
    tc_w[TECHNIQUES.index("Name_Calling,Labeling"), hash_features(["u=traitors"], TC_DIM)] = 5.0
    tc_w[TECHNIQUES.index("Loaded_Language"), hash_features(["u=traitors"], TC_DIM)] = 4.0
    np.savez(d / "baseline.npz", si_w=si_w, si_b=np.float32(-4.0), tc_w=tc_w,
             tc_dense=np.zeros((len(TECHNIQUES), 17), np.float32), tc_b=np.zeros(len(TECHNIQUES), np.float32),
             tc_mean=np.zeros(17, np.float32), tc_scale=np.ones(17, np.float32))
    (d / "labels.json").write_text(json.dumps({"kind": "baseline", "techniques": list(TECHNIQUES),
                                               "decoding": {"high": 0.5}}))
    (d / "calibration.json").write_text(json.dumps({"maps": {}, "thresholds": {}}))
    write_manifest(d)
    return d


@pytest.fixture
def ptc_folder(tmp_path):
    root = tmp_path / "ptc" / "datasets"
    arts = root / "dev-articles"
    arts.mkdir(parents=True)
    text = "\ufeffA title\n\nThe traitors met today.\n"
    (arts / "article123.txt").write_text(text, encoding="utf-8")
    start = text.index("traitors")
    gold = f"123\tName_Calling,Labeling\t{start}\t{start + 8}\n123\tLoaded_Language\t{start}\t{start + 8}\n"
    (root / "dev-task-flc-tc.labels").write_text(gold)
    return tmp_path / "ptc", start


def test_predict_spans_keeps_bom_offsets(tiny_model, ptc_folder, tmp_path):
    ptc, start = ptc_folder
    out = tmp_path / "si.txt"
    res = CliRunner().invoke(app, ["ptc", "predict-spans", str(ptc / "datasets" / "dev-articles"), "-o", str(out),
                                   "--model", str(tiny_model), "--baseline"])
    assert res.exit_code == 0, res.output
    assert out.read_text() == f"123\t{start}\t{start + 8}\n"


def test_classify_gives_distinct_techniques_to_a_repeated_row(tiny_model, ptc_folder, tmp_path):
    ptc, start = ptc_folder
    template = tmp_path / "template.txt"
    template.write_text(f"123\t?\t{start}\t{start + 8}\n123\t?\t{start}\t{start + 8}\n")
    out = tmp_path / "tc.txt"
    res = CliRunner().invoke(app, ["ptc", "classify", str(ptc / "datasets" / "dev-articles"), str(template),
                                   "-o", str(out), "--model", str(tiny_model), "--baseline"])
    assert res.exit_code == 0, res.output
    assert [ln.split("\t")[1] for ln in out.read_text().splitlines()] == ["Name_Calling,Labeling",
                                                                            "Loaded_Language"]


def test_eval_prints_si_and_tc(tiny_model, ptc_folder):
    ptc, _ = ptc_folder
    res = CliRunner().invoke(app, ["ptc", "eval", "--data", str(ptc), "--split", "dev", "--model", str(tiny_model),
                                   "--baseline"])
    assert res.exit_code == 0, res.output
    assert "SI  P 1.0000  R 1.0000  F1 1.0000" in res.output
    assert "TC  P 1.0000  R 1.0000  F1 1.0000" in res.output
    cal = res.output.split("Calibration", 1)[1]  # the scores are measured against gold too
    assert "detections  n" in cal and "sentences   n" in cal and "ECE" in cal


def test_bad_model_folder_is_a_clean_error(ptc_folder, tmp_path):
    ptc, _ = ptc_folder
    res = CliRunner().invoke(app, ["ptc", "eval", "--data", str(ptc), "--model", str(tmp_path / "nope"), "--baseline"])
    assert res.exit_code == 2
    assert "does not exist" in res.output
