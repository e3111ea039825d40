"""The narrative catalogue, scorer and analyzer, with a word-hashing fake encoder (no model)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np
import pytest

from propscope.analysis import Layer
from propscope.analyzers.base import available_analyzers
from propscope.analyzers.narratives import NarrativesAnalyzer, load_catalogue
from propscope.analyzers.narratives.analyzer import sentence_voice
from propscope.analyzers.narratives.catalogue import parse_catalogue
from propscope.analyzers.narratives.scoring import Calibration, NarrativeScorer
from propscope.article import Article, Span
from propscope.corpus.narratives import narrative_table
from propscope.errors import ConfigError
from propscope.store.base import ArticleFilter


class BagEncoder:
    """Hashes lower-cased words into 384 buckets; L2-normalised like the real encoder."""

    def encode(self, texts):
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]+", t.lower()):
                if len(w) > 3:
                    out[i, zlib.crc32(w.encode()) % 384] += 1
        n = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(n, 1e-9, None)


CATALOGUE = """
format: propscope.narratives/1
narratives:
  - id: plots
    name: Plots
    description: secret plots
  - id: swamp_plot
    name: The swamp plots against the leader
    parent: plots
    description: officials conspire against the leader
    examples:
      - bureaucrats conspire secretly against the president
      - officials plotting secretly to remove the president
  - id: invaders
    name: Newcomers invade
    description: migrants invade the country
    examples:
      - migrants invade our country bringing crime
      - text: les migrants envahissent notre pays
        lang: fr
"""

CAL = Calibration((10.0, 0.0, 0.0, 5.0), -6.0, 0.6, {})


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "cat.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_narratives_default_catalogue_loads_with_parents_and_sources():
    cat = load_catalogue()
    ids = {n.id for n in cat.narratives}
    for needed in ("colour_revolution", "illegitimate_government", "west_aggressor", "sanctions_backfire",
                   "western_media_lies", "victimhood", "deep_state_plot", "press_enemy", "migrants_threat"):
        assert needed in ids
        n = cat.get(needed)
        assert len(n.examples) >= 3 and n.sources and n.description
    assert all(n.parent is None or n.parent in cat for n in cat.narratives)


@pytest.mark.parametrize("entry, fragment", [
    ("  - id: a_b\n    description: x\n    examples: [hi]\n", "'name' is missing"),
    ("  - id: Bad-Id\n    name: x\n", "lower_snake_case"),
    ("  - id: a_b\n    name: x\n    examples: [hi]\n    parent: nowhere\n", "parent 'nowhere'"),
    ("  - id: a_b\n    name: x\n    examples: [hi]\n    threshold: 2\n", "'threshold'"),
    ("  - id: a_b\n    name: x\n    examples: [hi]\n    colour: red\n", "unknown key 'colour'"),
    ("  - id: a_b\n    name: x\n    examples: [hi]\n  - id: a_b\n    name: y\n    examples: [yo]\n", "used twice"),
    ("  - id: a_b\n    name: x\n", "nothing can be matched"),
])
def test_narratives_bad_catalogue_one_line_error_names_file_and_entry(tmp_path, entry, fragment):
    path = _write(tmp_path, "narratives:\n" + entry)
    with pytest.raises(ConfigError) as info:
        load_catalogue(path)
    line = info.value.one_line()
    assert "\n" not in line and str(path) in line and fragment in line


def test_narratives_bad_yaml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_catalogue(_write(tmp_path, "narratives: [\n  - id: x\n"))
    with pytest.raises(ConfigError, match="cannot read"):
        load_catalogue(tmp_path / "absent.yaml")


def test_narratives_parent_loop_is_refused():
    text = ("narratives:\n  - {id: aa, name: A, parent: bb, examples: [x]}\n"
            "  - {id: bb, name: B, parent: aa}\n")
    with pytest.raises(ConfigError, match="loop"):
        parse_catalogue(text, source="loop.yaml")


def test_narratives_scorer_prefers_matching_narrative_and_ignores_other_languages():
    cat = parse_catalogue(CATALOGUE)
    scorer = NarrativeScorer(cat, BagEncoder(), CAL)
    assert [n.id for n in scorer.narratives] == ["swamp_plot", "invaders"]
    hits = scorer.best(["Officials are plotting secretly to remove the president.",
                        "The weather was mild on Tuesday."], "en")
    assert hits[0] is not None and scorer.narratives[hits[0][0]].id == "swamp_plot"
    assert hits[1] is None
    # the French example is not compared with an English article, but is with a French one
    feats_en = scorer.features(["les migrants envahissent notre pays"], "en")
    feats_fr = scorer.features(["les migrants envahissent notre pays"], "fr")
    assert feats_fr[0, 1, 0] > feats_en[0, 1, 0]


def test_narratives_catalogue_threshold_overrides_default():
    text = CATALOGUE.replace("  - id: invaders\n", "  - id: invaders\n    threshold: 0.999\n")
    sentence = ["Migrants invade our country and bring crime with them."]
    assert NarrativeScorer(parse_catalogue(CATALOGUE), BagEncoder(), CAL).best(sentence, "en")[0] is not None
    assert NarrativeScorer(parse_catalogue(text), BagEncoder(), CAL).best(sentence, "en") == [None]


def _attribution(text: str, source: str, cue: str, content: str, speaker: str, label: str = "indirect") -> Span:
    s = text.index(source)
    c = text.index(content)
    k = text.index(cue)
    start, end = min(s, c, k), max(s + len(source), c + len(content), k + len(cue))
    return Span(start, end, label, {"source": [s, s + len(source)], "cue": [k, k + len(cue)],
                                    "content": [[c, c + len(content)]], "speaker": speaker})


def _article(text: str) -> Article:
    sents, pos = [], 0
    for part in text.split("\n"):
        sents.append(Span(pos, pos + len(part), "sentence"))
        pos += len(part) + 1
    return Article(text=text, sentences=tuple(sents), paragraphs=tuple(sents), language="en", outlet="Daily [b]X",
                   published="2019-03-01")


def test_narratives_analyzer_voice_outlet_versus_reported_speaker():
    text = ("Officials are plotting secretly to remove the president.\n"
            "Senator Vale said migrants invade our country bringing crime.\n"
            "The council met on Tuesday to discuss the budget.")
    art = _article(text)
    attr = _attribution(text, "Senator Vale", "said", "migrants invade our country bringing crime", "Anna Vale")
    layers = {"attributions": Layer("attributions", "attribution", "1", (attr,))}
    cat_path = None
    analyzer = NarrativesAnalyzer(encoder=BagEncoder())
    analyzer.scorer = NarrativeScorer(parse_catalogue(CATALOGUE), analyzer.encoder, CAL)
    layer = analyzer.annotate(art, layers)["narratives"]
    got = {(text[s.start:s.end][:20], s.label, s.attrs["voice"]) for s in layer.spans}
    assert ("Officials are plotti", "swamp_plot", "outlet") in got
    assert any(label == "invaders" and voice == "Anna Vale" for _, label, voice in got)
    assert not any(text[s.start:s.end].startswith("The council") for s in layer.spans)
    assert layer.data["narratives"]["invaders"]["speakers"] >= 1
    assert layer.label_key == "narrative" and cat_path is None


def test_narratives_sentence_voice_generic_source_stays_outlet():
    text = "Everyone knows migrants invade our country bringing crime."
    attr = _attribution(text, "Everyone", "knows", "migrants invade our country bringing crime", "")
    layer = Layer("attributions", "attribution", "1", (attr,))
    assert sentence_voice(0, len(text), layer, text)[0] == "outlet"


def test_narratives_registered():
    assert "narratives" in available_analyzers()


class _Store:
    def __init__(self, analyses):
        self.analyses = analyses

    def iter_analyses(self, where=None):
        return iter(self.analyses)


def test_narratives_corpus_table_splits_voice_per_outlet():
    from propscope.analysis import Analysis

    text = "a b c d e f\ng h i j k l"
    art = _article(text)
    spans = (Span(0, 11, "invaders", {"voice": "outlet", "score": 0.9}),
             Span(12, 23, "invaders", {"voice": "Anna Vale", "score": 0.8}))
    layer = Layer("narratives", "narratives", "1", spans, {"narratives": {"invaders": {"name": "Newcomers"}}},
                  "narrative")
    rows = narrative_table(_Store([Analysis(art, {"narratives": layer})]), ArticleFilter())
    assert len(rows) == 1
    r = rows[0]
    assert (r.outlet, r.articles, r.sightings, r.outlet_voice, r.speaker_voice) == ("Daily [b]X", 1, 2, 1, 1)
    assert r.first == "2019-03-01" and r.to_json()["top_speakers"][0]["speaker"] == "Anna Vale"
