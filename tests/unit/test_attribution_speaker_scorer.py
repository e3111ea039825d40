"""The learned speaker scorer: training examples, fitting, threshold, shipped weights (issue 15 §1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from propscope.analyzers.attribution.speakers import (
    FEATURES,
    SCORER_DIR,
    AttributionSpeakers,
    SpeakerScorer,
    load_first_names,
    load_scorer,
)
from propscope.article import Span
from propscope.errors import ModelError
from propscope.evaluation.attribution import Attr, GoldArticle
from propscope.training.speakers import article_examples, calibrate, evaluate, fit, hand_scorer

from speaker_samples import line_spans


_paragraphs = line_spans


def _resolver(text: str, names: dict[str, str], **kw: object) -> AttributionSpeakers:
    """``names``: surface -> canonical name; every occurrence of a surface is a PERSON mention."""
    mentions, table = [], {}
    for surface, name in names.items():
        eid = "person:" + name.lower().replace(" ", "-")
        table[eid] = {"id": eid, "name": name, "type": "PERSON", "gender": None, "aliases": [surface]}
        pos = text.find(surface)
        while pos >= 0:
            mentions.append(Span(pos, pos + len(surface), "PERSON", {"entity": eid}))
            pos = text.find(surface, pos + 1)
    paragraphs = _paragraphs(text)
    return AttributionSpeakers(text, mentions, list(table.values()), None, paragraphs, paragraphs, **kw)


def _col(name: str) -> int:
    return FEATURES.index(name)


def test_speaker_scorer_fit_learns_the_feature_that_marks_the_right_candidate():
    rng = np.random.default_rng(0)
    examples = []
    for _ in range(200):
        x = rng.random((3, len(FEATURES)))
        x[:, _col("last_speaker")] = 0.0
        y = int(rng.integers(3))
        x[y, _col("last_speaker")] = 1.0
        examples.append((x, y))
    scorer = fit(examples)
    assert scorer.weights[_col("last_speaker")] > 1.0
    assert evaluate(scorer, examples)["top1"] == 1.0


def test_speaker_scorer_threshold_abstains_when_the_top_candidate_is_mostly_wrong():
    scorer = SpeakerScorer(np.eye(len(FEATURES))[_col("nearest")], np.zeros(len(FEATURES)), np.ones(len(FEATURES)),
                           0.0)
    near = np.zeros((2, len(FEATURES)))
    near[0, _col("nearest")] = 1.0
    # the nearest candidate is right only once in four: answering costs more than it gains
    examples = [(near, 0)] + [(near, 1)] * 3
    t = calibrate(scorer, examples)
    assert t > scorer.probabilities(near).max()
    assert calibrate(scorer, [(near, 0)] * 3 + [(near, 1)]) <= scorer.probabilities(near).max()


def test_speaker_scorer_below_threshold_is_unresolved():
    text = "Ian Holt met Ravi Kand.\n\"We agree,\" he said."
    r = _resolver(text, {"Ian Holt": "Ian Holt", "Ravi Kand": "Ravi Kand"}, first_names={})
    he = text.rindex("he said")
    assert r.resolve(he, he + 2) is not None
    strict = SpeakerScorer(r.scorer.weights, r.scorer.mean, r.scorer.scale, 0.99)
    r2 = _resolver(text, {"Ian Holt": "Ian Holt", "Ravi Kand": "Ravi Kand"}, first_names={}, scorer=strict)
    assert r2.resolve(he, he + 2) is None


def test_speaker_first_name_table_gives_the_gender_the_text_does_not():
    text = ("Wendy Golden lost her son in 2014.\n"
            "Dr. Matthew Bowes is the chief medical examiner.\n"
            "After the death, she urged police to investigate.")
    r = _resolver(text, {"Wendy Golden": "Wendy Golden", "Matthew Bowes": "Matthew Bowes"},
                  first_names={"wendy": "f", "matthew": "m"})
    she = text.rindex("she urged")
    assert r.resolve(she, she + 3).name == "Wendy Golden"
    assert r.gender["person:matthew-bowes"] == "m"


def test_speaker_a_title_beats_the_first_name_table_which_beats_a_pronoun_vote():
    text = "When Ada Lind met Randy Cable in 2004, she felt at ease.\nMr. Robin Vale agreed."
    r = _resolver(text, {"Ada Lind": "Ada Lind", "Randy Cable": "Randy Cable"}, first_names={"randy": "m"})
    assert r.gender["person:randy-cable"] == "m"  # not the "she" that follows the name
    mentions = [Span(text.index("Robin Vale"), text.index("Robin Vale") + 10, "PERSON", {"entity": "person:rv"})]
    table = [{"id": "person:rv", "name": "Robin Vale", "type": "PERSON", "gender": "m"}]
    paragraphs = _paragraphs(text)
    titled = AttributionSpeakers(text, mentions, table, None, paragraphs, paragraphs, first_names={"robin": "f"})
    assert titled.gender["person:rv"] == "m"


def test_speaker_training_turns_a_named_source_into_a_pronoun_example():
    text = ("Jane Roe and Tom Dunn met on Monday.\n"
            "Roe said the deal was fair.\n"
            "Dunn said the deal was not done.\n"
            "Jane Roe said she would sign it.")
    said = [i for i in range(len(text)) if text.startswith(" said", i)]
    attrs = []
    for name, cue in (("Roe", said[0]), ("Dunn", said[1]), ("Jane Roe", said[2])):
        a = text.rindex(name, 0, cue)
        end = text.index(".", cue)
        attrs.append(Attr(((cue + 6, end),), ((cue + 1, cue + 5),), ((a, a + len(name)),)))
    gold = GoldArticle("t", text, tuple(attrs))
    ner = [Span(0, 8, "PERSON"), Span(13, 21, "PERSON")]
    for name in ("Roe", "Dunn", "Jane Roe"):
        for k in range(len(text)):
            if text.startswith(name + " said", k) and not any(s.start <= k < s.end for s in ner):
                ner.append(Span(k, k + len(name), "PERSON"))
    ner.sort(key=lambda s: s.start)
    examples = article_examples(gold, ner, hand_scorer(), names={"jane": "f", "tom": "m"})
    assert examples, "no example made"
    for x, y in examples:
        assert 0 <= y < len(x)
        assert x.shape[1] == len(FEATURES)
    # the last example ("Jane Roe said" as "she said"): Dunn is ruled out by gender
    x, y = examples[-1]
    assert len(x) == 1 and y == 0


def test_speaker_shipped_scorer_is_checked_against_its_manifest(tmp_path: Path):
    folder = tmp_path / "speakers"
    shutil.copytree(SCORER_DIR, folder)
    assert load_scorer(str(folder)).weights.shape == (len(FEATURES),)
    assert load_first_names(str(folder))
    path = folder / "speakers.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"threshold"', '"threshold" ', 1), encoding="utf-8")
    load_scorer.cache_clear()
    with pytest.raises(ModelError, match="MANIFEST"):
        load_scorer(str(folder))

