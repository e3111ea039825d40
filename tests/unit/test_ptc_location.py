"""The PTC release is found by one helper for every gold check (benchmarks/data/ptc_location.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_ptc_location_argument_then_environment_then_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loc = _load(DATA / "ptc_location.py", "ptc_location_t")
    monkeypatch.delenv("PROPSCOPE_PTC", raising=False)
    ptc = tmp_path / "shared" / "data" / "ptc"
    (ptc / "datasets" / "train-articles").mkdir(parents=True)
    deep = tmp_path / "repo" / "benchmarks" / "data"
    deep.mkdir(parents=True)
    assert loc.find_ptc(None, deep) == ptc
    assert loc.find_ptc("/elsewhere", deep) == Path("/elsewhere")
    monkeypatch.setenv("PROPSCOPE_PTC", str(tmp_path / "env"))
    assert loc.find_ptc(None, deep) == tmp_path / "env"
    monkeypatch.delenv("PROPSCOPE_PTC")
    (ptc / "datasets" / "train-articles").rmdir()
    assert loc.find_ptc(None, deep) is None  # a folder without the articles is not the release


@pytest.mark.parametrize("check", ["review", "narratives"])
def test_ptc_location_is_the_one_helper_of_each_gold_check(check: str) -> None:
    mod = _load(DATA / check / "check.py", f"{check}_check_t")
    assert mod.find_ptc.__module__ == "ptc_location"
    assert "def find_ptc" not in (DATA / check / "check.py").read_text(encoding="utf-8")
