"""The narratives gold checker (benchmarks/data/narratives/check.py) on a small self-written
sample, and the shipped gold through it (the corpus part only where PTC is beside the checkout)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "benchmarks" / "data" / "narratives"

ARTICLE = "Not a title\n\nThe first sentence is here.\nA second one follows.\n\nThe last one.\n"
IDS = {"west_aggressor", "press_enemy"}


def _checker():
    spec = importlib.util.spec_from_file_location("narratives_gold_check", GOLD_DIR / "check.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def ptc(tmp_path: Path) -> Path:
    for split, aid in (("train", "11"), ("dev", "22")):
        d = tmp_path / "datasets" / f"{split}-articles"
        d.mkdir(parents=True)
        (d / f"article{aid}.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _rows(*lines: str):
    rows, errs = _checker().parse("# comment\n" + "\n".join(lines) + "\n")
    assert errs == []
    return rows


GOOD = ("train\t11\t0\t11\tnone\t-", "train\t11\t13\t40\twest_aggressor\toutlet",
        "train\t11\t41\t62\twest_aggressor|press_enemy\tspeaker", "train\t11\t64\t77\tnone\t-",
        "dev\t22\t13\t40\tpress_enemy\toutlet")


def test_line_spans_are_the_non_empty_lines():
    spans = _checker().line_spans(ARTICLE)
    assert [ARTICLE[s:e] for s, e in spans] == ["Not a title", "The first sentence is here.",
                                                "A second one follows.", "The last one."]


def test_a_good_sample_passes_and_counts(ptc: Path):
    chk = _checker()
    rows = _rows(*GOOD)
    assert chk.check_structure(rows, IDS) == []
    assert chk.check_corpus(rows, ptc) == []
    c = chk.counts(rows, ptc)
    assert c["train"]["rows"] == 4 and c["train"]["fully_labelled_articles"] == 1
    assert c["train"]["per_narrative"] == {"west_aggressor": 2, "press_enemy": 1}
    assert c["dev"]["fully_labelled_articles"] == 0


@pytest.mark.parametrize(("row", "message"), [
    ("train\t11\t13\t40\tcolour_revolution\toutlet", "not a matchable narrative"),
    ("train\t11\t13\t40\tpress_enemy|press_enemy\toutlet", "listed twice"),
    ("train\t11\t13\t40\tpress_enemy\t-", "voice '-' on a row with narratives"),
    ("train\t11\t13\t40\tnone\toutlet", "voice 'outlet' on a row without"),
    ("test\t11\t13\t40\tnone\t-", "split 'test'"),
    ("train\t11\t40\t13\tnone\t-", "empty or negative span"),
])
def test_structure_errors_are_found(row: str, message: str):
    errs = _checker().check_structure(_rows(row), IDS)
    assert any(message in e for e in errs), errs


def test_duplicates_overlaps_and_split_leaks_are_found():
    chk = _checker()
    errs = chk.check_structure(_rows(GOOD[1], GOOD[1]), IDS)
    assert any("duplicate row" in e for e in errs)
    errs = chk.check_structure(_rows(GOOD[1], "train\t11\t20\t50\tnone\t-"), IDS)
    assert any("overlaps" in e for e in errs)
    errs = chk.check_structure(_rows(GOOD[1], "dev\t11\t41\t62\tnone\t-"), IDS)
    assert any("in both splits" in e for e in errs)


def test_offsets_off_a_sentence_or_a_missing_file_are_found(ptc: Path):
    chk = _checker()
    errs = chk.check_corpus(_rows("train\t11\t14\t40\tnone\t-", "train\t11\t13\t39\tnone\t-"), ptc)
    assert len(errs) == 2 and all("is not a sentence" in e for e in errs)
    errs = chk.check_corpus(_rows("train\t33\t0\t11\tnone\t-"), ptc)
    assert len(errs) == 1 and "missing" in errs[0]


def test_the_same_sentence_labelled_differently_is_warned(tmp_path: Path):
    chk = _checker()
    d = tmp_path / "datasets" / "train-articles"
    d.mkdir(parents=True)
    quoted = "The committee met on Tuesday to hear the witnesses."
    (d / "article1.txt").write_text(f"One\n\n{quoted}\n", encoding="utf-8")
    (d / "article2.txt").write_text(f"Two\n\n\u201c{quoted.upper()}\u201d\n", encoding="utf-8")
    s2 = len("Two\n\n")
    rows = _rows(f"train\t1\t5\t{5 + len(quoted)}\tpress_enemy\toutlet",
                 f"train\t2\t{s2}\t{s2 + len(quoted) + 2}\tnone\t-")
    warns = chk.conflicting_labels(rows, tmp_path)
    assert len(warns) == 1 and "line 2 (press_enemy)" in warns[0] and "(none)" in warns[0]
    same = _rows(f"train\t1\t5\t{5 + len(quoted)}\tnone\t-", f"train\t2\t{s2}\t{s2 + len(quoted) + 2}\tnone\t-")
    assert chk.conflicting_labels(same, tmp_path) == []


def test_malformed_lines_are_reported():
    rows, errs = _checker().parse("train\t11\t0\n" + "train\t11\tx\t5\tnone\t-\n")
    assert rows == [] and len(errs) == 2


def test_the_shipped_gold_is_valid():
    chk = _checker()
    rows, errs = chk.parse((GOLD_DIR / "gold.tsv").read_text(encoding="utf-8"))
    assert errs == []
    assert chk.check_structure(rows, chk.catalogue_ids()) == []
    assert sum(r["split"] == "dev" for r in rows) >= 300
    ptc = chk.find_ptc(None)
    if ptc is None:
        pytest.skip("PTC data not beside the checkout")
    assert chk.check_corpus(rows, ptc) == []
