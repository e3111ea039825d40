"""SemEval-2020 Task 11 metrics and file formats, on tiny hand-made examples (no corpus)."""

from __future__ import annotations

import pytest

from propscope.evaluation.ptc import (
    TCRow,
    article_id_from_name,
    calibration_scores,
    fragment_matches,
    merge_spans,
    read_article,
    read_si_labels,
    read_tc_labels,
    si_scores,
    tc_scores,
    write_si,
    write_tc,
)


def test_merge_spans_unions_overlaps_keeps_touching_apart():
    assert merge_spans([(5, 10), (0, 3), (8, 12), (12, 14), (2, 2)]) == [(0, 3), (5, 12), (12, 14)]


def test_si_exact_match_is_perfect():
    s = si_scores([("1", 0, 10)], [("1", 0, 10)])
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)


def test_si_partial_overlap_hand_computed():
    # pred [0,10), gold [5,25): overlap 5 -> P = 5/10, R = 5/20
    s = si_scores([("1", 0, 10)], [("1", 5, 25)])
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(0.25)
    assert s["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_si_merges_overlapping_spans_before_scoring():
    # predicted [0,6) and [4,10) merge to [0,10); gold [0,5) and [3,10) merge to [0,10)
    s = si_scores([("1", 0, 6), ("1", 4, 10)], [("1", 0, 5), ("1", 3, 10)])
    assert s["n_pred"] == 1 and s["n_gold"] == 1
    assert s["f1"] == pytest.approx(1.0)


def test_si_counts_spans_over_the_whole_split_and_other_articles():
    # article 1: pred [0,4) hits gold [0,4); article 2: pred [0,4) with no gold; gold [10,20) in 1 missed
    s = si_scores([("1", 0, 4), ("2", 0, 4)], [("1", 0, 4), ("1", 10, 20)])
    assert s["precision"] == pytest.approx(1 / 2)
    assert s["recall"] == pytest.approx(1 / 2)


def test_si_one_pred_over_two_golds():
    # pred [0,20) covers gold [0,5) and [10,15): P = (5+5)/20, R = (1+1)/2
    s = si_scores([("1", 0, 20)], [("1", 0, 5), ("1", 10, 15)])
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(1.0)


def test_si_empty_prediction_scores_zero():
    s = si_scores([], [("1", 0, 5)])
    assert s["f1"] == 0.0


def test_tc_micro_and_per_technique():
    gold = [TCRow("1", "Doubt", 0, 5), TCRow("1", "Slogans", 6, 9), TCRow("2", "Doubt", 0, 3)]
    pred = [TCRow("1", "Doubt", 0, 5), TCRow("1", "Doubt", 6, 9), TCRow("2", "Doubt", 0, 3)]
    s = tc_scores(pred, gold)
    assert s["f1"] == pytest.approx(2 / 3)
    per = s["per_technique"]
    assert per["Doubt"]["precision"] == pytest.approx(2 / 3)
    assert per["Doubt"]["recall"] == pytest.approx(1.0)
    assert per["Slogans"]["f1"] == 0.0


def test_tc_same_span_twice_matches_as_multiset_in_any_order():
    gold = [TCRow("1", "Doubt", 0, 5), TCRow("1", "Repetition", 0, 5)]
    assert tc_scores([TCRow("1", "Repetition", 0, 5), TCRow("1", "Doubt", 0, 5)], gold)["f1"] == 1.0
    # the same technique twice only counts once
    assert tc_scores([TCRow("1", "Doubt", 0, 5), TCRow("1", "Doubt", 0, 5)], gold)["f1"] == pytest.approx(0.5)


def test_tc_unfilled_rows_count_as_misses():
    gold = [TCRow("1", "Doubt", 0, 5), TCRow("1", "Slogans", 6, 9)]
    s = tc_scores([TCRow("1", "Doubt", 0, 5), TCRow("1", "?", 6, 9)], gold)
    assert s["precision"] == 1.0 and s["recall"] == 0.5


def test_article_id_from_file_name():
    assert article_id_from_name("article111111111.txt") == "111111111"
    with pytest.raises(Exception):
        article_id_from_name("notes.txt")


def test_read_article_keeps_the_bom_as_character_zero(tmp_path):
    path = tmp_path / "article42.txt"
    path.write_bytes("\ufeffTitle here\n\nA sentence with loaded words.\n".encode())
    art = read_article(path)
    assert art.id == "42"
    assert art.text[0] == "\ufeff"
    start = art.text.index("loaded")
    assert start == len("\ufeffTitle here\n\nA sentence with ")
    assert art.title == "Title here"
    assert art.lines == [(0, 11), (13, 42)]


def test_label_files_round_trip(tmp_path):
    si = tmp_path / "si.txt"
    write_si(si, [("7", 1, 4), ("7", 10, 12)])
    assert si.read_text() == "7\t1\t4\n7\t10\t12\n"
    assert read_si_labels(si) == [("7", 1, 4), ("7", 10, 12)]
    tc = tmp_path / "tc.txt"
    write_tc(tc, [TCRow("7", "Flag-Waving", 1, 4)])
    assert tc.read_text() == "7\tFlag-Waving\t1\t4\n"
    assert read_tc_labels(tc) == [TCRow("7", "Flag-Waving", 1, 4)]


def test_bad_label_file_is_an_input_error(tmp_path):
    from propscope.errors import InputError

    bad = tmp_path / "bad.txt"
    bad.write_text("7\t1\n")
    with pytest.raises(InputError):
        read_si_labels(bad)


def test_fragment_match_needs_half_of_either_fragment():
    gold = TCRow("1", "Doubt", 10, 20)
    assert fragment_matches(10, 20, gold)
    assert fragment_matches(14, 40, gold)  # 6 of gold's 10 characters
    assert fragment_matches(12, 14, gold)  # all of a short fragment inside gold
    assert not fragment_matches(17, 40, gold)  # 3 of 10 and 3 of 23
    assert not fragment_matches(20, 30, gold)  # touching is not overlapping


def test_calibration_error_is_zero_when_scores_are_frequencies_and_hand_computed_otherwise():
    # bin 0.2-0.3: four at 0.25, one right; bin 0.7-0.8: four at 0.75, three right
    scores = [0.25] * 4 + [0.75] * 4
    right = [True, False, False, False, True, True, True, False]
    c = calibration_scores(scores, right)
    assert c["ece"] == pytest.approx(0.0)
    assert c["brier"] == pytest.approx(0.1875)
    assert [(b["n"], b["right"]) for b in c["bins"]] == [(4, 0.25), (4, 0.75)]
    over = calibration_scores([0.9] * 4, [True, False, False, False])  # says 0.9, right 1 in 4
    assert over["ece"] == pytest.approx(0.65)
    assert over["accuracy"] == pytest.approx(0.25)
    assert calibration_scores([1.0], [True])["bins"][0]["to"] == 1.0  # a score of 1 lands in the last bin
    assert calibration_scores([], [])["n"] == 0
