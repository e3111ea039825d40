"""Training the attribution CRF end to end on a few articles of our own, with tree features."""

from __future__ import annotations

import json

from propscope.analyzers.attribution.model import load_model
from propscope.evaluation.attribution import Attr, GoldArticle
from propscope.training.attribution import train

SENTENCES = [
    ("Minister Ana Rell", "said", "the bridge would open in May"),
    ("The mayor", "warned", "that taxes could rise next year"),
    ("Officials", "said", "the talks had failed"),
    ("Carl Dorn", "told", "reporters the vote was rigged"),
]


def _article(k: int) -> GoldArticle:
    parts, attrs = [], []
    pos = 0
    for i in range(6):
        src, cue, con = SENTENCES[(k + i) % len(SENTENCES)]
        sentence = f"{src} {cue} {con}."
        s0 = pos
        attrs.append(Attr(content=((s0 + len(src) + len(cue) + 2, s0 + len(sentence) - 1),),
                          cue=((s0 + len(src) + 1, s0 + len(src) + 1 + len(cue)),),
                          source=((s0, s0 + len(src)),)))
        parts.append(sentence)
        pos += len(sentence) + 2
    text = "\n\n".join(parts)
    for a in attrs:  # the offsets above must name the intended words
        assert text[a.cue[0][0] : a.cue[0][1]] in {"said", "warned", "told"}
    return GoldArticle(f"a{k}", text, tuple(attrs))


def test_train_with_tree_features_writes_a_model_that_loads_and_tags(tmp_path):
    articles = [_article(k) for k in range(8)]
    out = tmp_path / "model"
    config = train(tmp_path, out, work=tmp_path / "work", articles=articles, max_iterations=30, minfreq=1,
                   c1=0.05, log=lambda *_: None)
    assert config["use_deps"] is True and config["features"] == "features.v3"
    assert json.loads((out / "config.json").read_text())["use_deps"] is True
    assert (out / "MANIFEST.sha256").is_file()
    model = load_model(out)  # the manifest check passes
    assert model.use_deps
    assert {"said", "warned", "told"} <= model.cue_words
    # the spaCy output of train is cached with the tree, so a rerun does not parse again
    assert (tmp_path / "work" / "nlp_deps.pkl").is_file()


def test_a_model_trained_on_a_pattern_finds_it_in_new_text(tmp_path):
    from propscope.analyzers.attribution import AttributionAnalyzer
    from propscope.analyzers.entities import EntityAnalyzer
    from propscope.evaluation.attribution import identity_article

    out = tmp_path / "model"
    train(tmp_path, out, work=tmp_path / "work", articles=[_article(k) for k in range(8)], max_iterations=50,
          minfreq=1, c1=0.05, log=lambda *_: None)
    text = "Officials warned that the bridge would open in May."
    article = identity_article(text, "new")
    ents = EntityAnalyzer()
    attr = AttributionAnalyzer()
    attr.load(out)
    layers = dict(ents.annotate(article, {}))
    spans = attr.annotate(article, layers)["attributions"].spans
    assert len(spans) == 1
    a = spans[0].attrs
    assert text[a["cue"][0] : a["cue"][1]] == "warned"
    assert text[a["source"][0] : a["source"][1]] == "Officials"
    assert "the bridge would open in May" in text[spans[0].start : spans[0].end]
