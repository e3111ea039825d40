"""Attribution metrics on small hand-computed examples (issue 4)."""

from __future__ import annotations

import pytest

from propscope.evaluation.attribution import Attr, align, content_tokens, parse_ann, score

TEXT = 'Smith said that the plan will fail. "We are ready," Jones said. Brown thinks ready.'


def _span(sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return (i, i + len(sub))


GOLD = [
    Attr((_span("that the plan will fail"),), (_span("said"),), (_span("Smith"),)),
    Attr((_span('"We are ready,"'),), (_span("said", 1),), (_span("Jones"),)),
]
PRED = [
    Attr((_span("the plan will fail"),), (_span("said"),), (_span("Smith"),)),  # exact, right source
    Attr((_span('"We are'),), (_span("said", 1),), (_span("Smith"),)),  # overlap 2/3, wrong source
    Attr((_span("ready", 1),), (_span("thinks"),), (_span("Brown"),)),  # no gold left for it
]


def test_attribution_metrics_content_tokens_strip_leading_that():
    assert len(content_tokens(TEXT, [_span("that the plan will fail")])) == 4
    assert content_tokens(TEXT, [_span("that the plan will fail")]) == content_tokens(TEXT, [_span("the plan will fail")])


def test_attribution_metrics_alignment_is_one_to_one_by_jaccard():
    pairs = align(TEXT, PRED, GOLD)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (1, 1)]
    assert pairs[0][2] == 1.0
    assert pairs[1][2] == pytest.approx(2 / 3)


def test_attribution_metrics_hand_computed_overall():
    s = score([(TEXT, PRED, GOLD)]).as_dict()["all"]
    assert (s["n_pred"], s["n_gold"]) == (3, 2)
    assert s["exact"] == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert s["overlap"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert s["source_accuracy"] == 0.5
    assert s["attribution"] == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}


def test_attribution_metrics_hand_computed_subsets():
    scores = score([(TEXT, PRED, GOLD)]).as_dict()
    q = scores["quote_marked"]
    assert (q["n_pred"], q["n_gold"]) == (1, 1)
    assert q["overlap"]["f1"] == 1.0
    assert q["exact"]["f1"] == 0.0
    assert q["attribution"]["f1"] == 0.0
    v = scores["speech_verb"]  # "thinks" is not a speech verb
    assert (v["n_pred"], v["n_gold"]) == (2, 2)
    assert v["exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert v["attribution"]["f1"] == 0.5


def test_attribution_metrics_missing_source_on_both_sides_is_correct():
    gold = [Attr((_span("the plan will fail"),))]
    pred = [Attr((_span("the plan will fail"),))]
    assert score([(TEXT, pred, gold)]).as_dict()["all"]["attribution"]["f1"] == 1.0
    pred_with_source = [Attr((_span("the plan will fail"),), (), (_span("Smith"),))]
    assert score([(TEXT, pred_with_source, gold)]).as_dict()["all"]["attribution"]["f1"] == 0.0


def test_attribution_metrics_empty_inputs():
    s = score([(TEXT, [], [])]).as_dict()["all"]
    assert s["overlap"]["f1"] == 0.0 and s["n_pred"] == 0


def test_attribution_metrics_parse_ann_discontinuous_and_wrapped():
    ann = (
        "T1\tSource 0 5\tSmith\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 11 20;25 30\tthat the\nwrapped text\n"
        "T4\tAttribution 6 10\tsaid\n"
        "#1\tAnnotatorNotes T3\tnote\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 40 44\tsays\n"
        "T6\tContent 45 50\tabc\n"
        "T7\tAttribution-no-source 40 44\tsays\n"
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    )
    attrs = parse_ann(ann)
    assert attrs[0].content == ((11, 20), (25, 30))
    assert attrs[0].cue == ((6, 10),) and attrs[0].source == ((0, 5),)
    assert attrs[1].source == () and attrs[1].content == ((45, 50),)
