"""The model folder's MANIFEST.sha256 is checked at load: missing or changed files fail clearly."""

from __future__ import annotations

import json

import pytest

from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.manifest import MANIFEST, check_manifest, write_manifest
from propscope.errors import ModelError


@pytest.fixture
def model_dir(tmp_path):
    d = tmp_path / "model"
    d.mkdir()
    (d / "labels.json").write_text(json.dumps({"kind": "neural", "techniques": list(TECHNIQUES)}))
    (d / "model.onnx").write_bytes(b"not really onnx")
    write_manifest(d)
    return d


def test_manifest_lists_every_file_and_checks(model_dir):
    lines = (model_dir / MANIFEST).read_text().splitlines()
    assert [ln.split("  ")[1] for ln in lines] == ["labels.json", "model.onnx"]
    assert set(check_manifest(model_dir, ["model.onnx"])) == {"labels.json", "model.onnx"}


def test_changed_file_fails(model_dir):
    (model_dir / "model.onnx").write_bytes(b"tampered")
    with pytest.raises(ModelError, match="does not match"):
        check_manifest(model_dir)


def test_missing_file_fails(model_dir):
    (model_dir / "model.onnx").unlink()
    with pytest.raises(ModelError, match="missing model.onnx"):
        check_manifest(model_dir)


def test_missing_manifest_fails(model_dir):
    (model_dir / MANIFEST).unlink()
    with pytest.raises(ModelError, match="no MANIFEST"):
        check_manifest(model_dir)


def test_required_file_not_listed_fails(model_dir):
    with pytest.raises(ModelError, match="tokenizer.json"):
        check_manifest(model_dir, ["tokenizer.json"])


def test_analyzer_load_reports_a_bad_model_folder(model_dir):
    from propscope.analyzers.techniques import TechniqueAnalyzer, TechniqueBaselineAnalyzer

    with pytest.raises(ModelError):
        TechniqueAnalyzer().load(model_dir)  # stacker/calibration/tokenizer not listed
    with pytest.raises(ModelError, match="does not exist"):
        TechniqueBaselineAnalyzer().load(model_dir / "nowhere")
