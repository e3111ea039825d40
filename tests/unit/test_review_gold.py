"""The state-media review gold (benchmarks/data/review): well formed, and free of article text.

The corpus check (hashes, spans, PTC labels) runs only where the PTC data is beside the
checkout; the structure check needs nothing but the JSON file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "benchmarks" / "data" / "review"


def _checker():
    spec = importlib.util.spec_from_file_location("review_check", REVIEW / "check.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold() -> dict:
    return json.loads((REVIEW / "state_media_train.json").read_text(encoding="utf-8"))


def test_structure_is_valid():
    assert _checker().check_structure(_gold()) == []


def test_enough_articles_and_no_dev_ids():
    gold = _gold()
    assert len(gold["articles"]) >= 25
    assert "train-articles" in gold["articles_dir"]


def test_holds_offsets_and_names_not_text():
    # Names and short descriptions only: no field long enough to be a copied sentence, and the
    # style notes are in our own words (no quotation marks).
    for art in _gold()["articles"]:
        assert '"' not in art["note"] and "“" not in art["note"]
        assert len(art["note"]) < 240
        for q in art["quotes"]:
            assert len(q["speaker"]) <= 80
            assert set(q) <= {"start", "end", "kind", "speaker", "named", "relayed_by",
                              "relay_chain", "co_speakers", "layout"}
        for t in art["technique_voice"]:
            assert len(t["voice"]) <= 80


def test_against_the_corpus_when_present():
    chk = _checker()
    ptc = chk.find_ptc(None)
    if ptc is None:
        pytest.skip("PTC data not beside the checkout")
    assert chk.check_corpus(_gold(), ptc) == []
