"""The narrative catalogue, scorer and analyzer, with a word-hashing fake encoder (no model)."""

from __future__ import annotations

import json
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
from propscope.analyzers.narratives.scoring import FEATURES, Calibration, NarrativeScorer
from propscope.article import Article, Span
from propscope.corpus.narratives import narrative_table
from propscope.errors import ConfigError
from propscope.store.base import ArticleFilter


FEATURE_INDEX = {name: k for k, name in enumerate(FEATURES)}


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

CAL = Calibration((10.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0), -6.0, 0.6, {})
#: the same, with the weight on the contrast with negatives and on the context
CONTRAST = Calibration((10.0, 0.0, 0.0, 5.0, 0.0, 10.0, 0.0, 0.0, 0.0), -6.0, 0.6, {})


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


NEGATIVES = CATALOGUE.replace("""      - officials plotting secretly to remove the president
""", """      - officials plotting secretly to remove the president
    negatives:
      - officials testified about the president budget hearing
""")


def test_narratives_negatives_parsed_and_checked(tmp_path):
    cat = parse_catalogue(NEGATIVES)
    assert [e.text for e in cat.get("swamp_plot").negatives] == ["officials testified about the president budget hearing"]
    assert cat.get("swamp_plot").to_json()["negatives"][0]["lang"] == "en"
    bad = _write(tmp_path, "narratives:\n  - id: a_b\n    name: x\n    examples: [hi]\n    negatives: [[1]]\n")
    with pytest.raises(ConfigError, match="negative 1 must be text"):
        load_catalogue(bad)


def test_narratives_contrast_with_negatives_rejects_a_mere_mention_of_the_actors():
    mention = "Officials testified about the president budget at the hearing."
    plot = "Officials are plotting secretly to remove the president."
    plain = NarrativeScorer(parse_catalogue(CATALOGUE), BagEncoder(), CONTRAST)
    contrasted = NarrativeScorer(parse_catalogue(NEGATIVES), BagEncoder(), CONTRAST)
    k = FEATURE_INDEX["contrast"]
    f_plain, f_neg = plain.features([mention, plot], "en"), contrasted.features([mention, plot], "en")
    assert f_neg[0, 0, k] < f_neg[1, 0, k]  # the mention is nearer the negative than the plot is
    assert f_neg[0, 0, k] < f_plain[0, 0, k]
    assert contrasted.best([mention], "en") == [None]
    assert contrasted.best([plot], "en")[0] is not None


def test_narratives_context_and_technique_features():
    scorer = NarrativeScorer(parse_catalogue(CATALOGUE), BagEncoder(), CAL)
    texts = ["Bureaucrats conspire secretly against the president.", "He spoke on Tuesday.", "It rained."]
    f = scorer.features(texts, "en", context=[[1], [0, 2], [1]], techniques=[0, 3, 0])
    ctx, tech = FEATURE_INDEX["context"], FEATURE_INDEX["techniques"]
    assert f[1, 0, ctx] > 0.5 and f[2, 0, ctx] < f[1, 0, ctx]  # next to the plot sentence, not two away
    assert f[1, 0, tech] == pytest.approx(np.log1p(3)) and f[0, 0, tech] == 0
    units = [(0, 10, "sentence", None), (11, 30, "sentence", None), (31, 40, "sentence", None),
             (14, 20, "content", 0)]
    tl = Layer("techniques", "techniques", "1", (Span(2, 5, "Loaded_Language"), Span(15, 18, "Name_Calling,Labeling"),
                                                 Span(16, 35, "Doubt")))
    context, counts = NarrativesAnalyzer.unit_inputs(units, tl)
    assert context == [[1], [0, 2], [1], [0, 1, 2]]
    assert counts == [1, 2, 1, 2]


def test_narratives_article_carries_a_narrative_with_two_sightings_not_one_weak_one():
    text = ("Officials are plotting secretly to remove the president.\n"
            "Bureaucrats conspire secretly against the president.\n"
            "Migrants invade our country bringing crime, some say.")
    analyzer = NarrativesAnalyzer(encoder=BagEncoder())
    for single, invaders_carried in ((1.5, False), (0.5, True)):  # no single sighting is enough / any is
        cal = Calibration(CAL.weights, CAL.bias, CAL.threshold, {}, article_min_sightings=2, article_single=single)
        analyzer.scorer = NarrativeScorer(parse_catalogue(CATALOGUE), analyzer.encoder, cal)
        found = analyzer.annotate(_article(text), {})["narratives"].data["narratives"]
        assert found["swamp_plot"]["count"] == 2 and found["swamp_plot"]["carried"] is True
        assert found["invaders"]["count"] == 1 and found["invaders"]["carried"] is invaders_carried


def test_narratives_old_calibration_file_is_refused_with_a_hint(tmp_path):
    p = tmp_path / "cal.json"
    p.write_text('{"features": ["max", "top2", "desc", "margin"], "weights": {}, "bias": 0, "threshold": 0.5}')
    with pytest.raises(ConfigError, match="refit"):
        Calibration.load(p)
    assert Calibration.load().weights  # the shipped one matches the features


def test_narratives_layer_validates_against_the_schema_and_renders_a_legend():
    import jsonschema

    from propscope.analysis import Analysis
    from propscope.report import render_html
    from propscope.schema import analysis_schema, layer_schema

    text = ("Officials are plotting secretly to remove the president <script>x</script>.\n"
            "Senator Vale said migrants invade our country bringing crime.")
    art = _article(text)
    attr = _attribution(text, "Senator Vale", "said", "migrants invade our country bringing crime", "Anna <b>Vale")
    analyzer = NarrativesAnalyzer(encoder=BagEncoder())
    analyzer.scorer = NarrativeScorer(load_catalogue(_cat_with_real_ids()), analyzer.encoder, CAL)
    layer = analyzer.annotate(art, {"attributions": Layer("attributions", "attribution", "1", (attr,))})["narratives"]
    assert {s.label for s in layer.spans} == {"deep_state_plot", "migrants_threat"}
    doc = Analysis(art, {"narratives": layer}).to_json()
    jsonschema.validate(doc, analysis_schema())
    jsonschema.validate(doc["layers"]["narratives"], layer_schema("narratives"))
    bad = json.loads(json.dumps(doc))
    bad["layers"]["narratives"]["spans"][0]["unit"] = "paragraph"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, analysis_schema())
    html = render_html([Analysis(art, {"narratives": layer})])
    # the legend names the narrative as the shipped catalogue does, with its description
    assert "A hidden plot against the leader (deep state)" in html and "Migrants are a threat" in html
    assert "invaders who bring crime" in html or "invaders who" in html
    assert "<script>x</script>" not in html and "Anna <b>Vale" not in html


def _cat_with_real_ids() -> Path:
    import tempfile

    text = CATALOGUE.replace("swamp_plot", "deep_state_plot").replace("invaders", "migrants_threat")
    path = Path(tempfile.mkdtemp()) / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_narratives_cli_catalogue_option_bad_file_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from propscope.cli import app

    art = tmp_path / "a.txt"
    art.write_text("Some text about the council.\n", encoding="utf-8")
    bad = _write(tmp_path, "narratives:\n  - id: Bad Id\n    name: x\n")
    for cmd in (["analyze", str(art), "-a", "quotes", "--catalogue", str(bad)],
                ["ingest", str(art), "--db", str(tmp_path / "c.db"), "--catalogue", str(bad)]):
        result = CliRunner().invoke(app, cmd)
        assert result.exit_code == 2, result.output
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and str(bad) in lines[0] and "lower_snake_case" in lines[0]
    result = CliRunner().invoke(app, ["analyze", str(art), "-a", "quotes", "--catalogue", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and "none.yaml" in result.output and "cannot read" in result.output


def test_narratives_cli_catalogue_option_reaches_the_analyzer(tmp_path):
    from propscope.cli.app import catalogue_settings

    path = _write(tmp_path, CATALOGUE)
    names = ["entities", "attribution"]
    settings = catalogue_settings(str(path), names)
    assert names[-1] == "narratives" and settings["narratives"]["catalogue"] == str(path.resolve())
    analyzer = NarrativesAnalyzer(encoder=BagEncoder(), **settings["narratives"])
    analyzer.load()
    assert [n.id for n in analyzer.scorer.narratives] == ["swamp_plot", "invaders"]
    assert catalogue_settings(None, names) == {}


def test_narratives_voice_quote_running_over_sentences_is_a_speakers():
    from propscope.analyzers.narratives.analyzer import quoted_share, sentence_voices

    text = ("The mayor spoke at noon.\n"
            "“The plotters will fail.\n"
            "They always fail in the end.”\n"
            "Headline: ‘Stop The Plot Now!’\n"
            "The council met on Tuesday.")
    sents, pos = [], 0
    for part in text.split("\n"):
        sents.append((pos, pos + len(part)))
        pos += len(part) + 1
    shares = quoted_share(text, sents)
    assert shares[0] == 0 and shares[1] > 0.9 and shares[2] > 0.9 and shares[3] > 0.5 and shares[4] == 0
    voices = [v for v, _ in sentence_voices(text, sents, None)]
    assert voices == ["outlet", "unknown speaker", "unknown speaker", "unknown speaker", "outlet"]
    # an apostrophe is no quotation mark, and an unclosed quote stops carrying on
    assert quoted_share("Don’t say it’s over. It isn’t.", [(0, 20), (21, 30)]) == [0.0, 0.0]
    long = "“Open\n" + "\n".join(f"Line {i}." for i in range(6))
    spans, pos = [], 0
    for part in long.split("\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    assert quoted_share(long, spans)[-1] == 0.0


@pytest.mark.parametrize("text, source, cue, content, speaker, own", [
    ("As we reported, terrorists cross the border daily.", "we", "reported", "terrorists cross the border daily",
     "", True),
    ("The agency denied that terrorists cross the border daily.", "The agency", "denied",
     "that terrorists cross the border daily", "Border Agency", True),
    ("Evidence has confirmed that the police lied about the shooting.", "Evidence", "has confirmed",
     "that the police lied about the shooting", "", True),
    ("Senator Vale said terrorists cross the border daily.", "Senator Vale", "said",
     "terrorists cross the border daily", "Anna Vale", False),
])
def test_narratives_voice_author_denial_and_evidence_stay_the_outlets(text, source, cue, content, speaker, own):
    from propscope.analyzers.narratives.analyzer import outlet_own_claim

    a = _attribution(text, source, cue, content, speaker)
    assert outlet_own_claim(text, a) is own
    layer = Layer("attributions", "attribution", "1", (a,))
    assert (sentence_voice(0, len(text), layer, text)[0] == "outlet") is own


def _fit_small_head():
    from propscope.training.narratives import fit_head

    enc = BagEncoder()
    pos = [f"officials conspire secretly against the president in case {k}" for k in range(12)]
    neg = [f"the council discussed the budget for district {k} on tuesday" for k in range(24)]
    texts = pos + neg
    y = np.zeros((len(texts), 2))
    y[:len(pos), 0] = 1
    groups = [f"a{k % 10}" for k in range(len(texts))]
    cat = parse_catalogue(CATALOGUE)
    ex = [e.text for n in cat.matchable for e in n.examples]
    owner = np.asarray([k for k, n in enumerate(cat.matchable) for _ in n.examples])
    return fit_head(["swamp_plot", "invaders"], enc.encode(texts), y, groups, enc.encode(ex), owner,
                    np.zeros((0, 384), dtype=np.float32), target_precision=0.8)


def test_narratives_head_learns_from_labelled_sentences_and_round_trips(tmp_path):
    from propscope.analyzers.narratives.head import NarrativeHead
    from propscope.manifest import write_manifest

    head = _fit_small_head()
    enc = BagEncoder()
    p = head.probabilities(enc.encode(["officials conspire secretly against the president again",
                                       "the council discussed the budget on tuesday"]))
    assert p[0, 0] > 0.5 > p[1, 0]
    assert 0.0 < head.threshold <= 1.0 and head.info["train_positives"] == 12
    head.save(tmp_path)
    write_manifest(tmp_path)
    again = NarrativeHead.load(tmp_path)
    assert again.ids == head.ids and np.allclose(again.probabilities(enc.encode(["x y z plotting"])),
                                                 head.probabilities(enc.encode(["x y z plotting"])))
    (tmp_path / "head.json").write_text("{}", encoding="utf-8")
    with pytest.raises(Exception, match="does not match"):
        NarrativeHead.load(tmp_path)


def test_narratives_head_scores_the_narratives_it_knows_and_similarity_the_others():
    head = _fit_small_head()
    # the head knows only swamp_plot: invaders (added later to the catalogue) keeps the logistic
    from propscope.analyzers.narratives.head import NarrativeHead

    only = NarrativeHead(("swamp_plot", "retired_id"), np.vstack([head.weights[0], head.weights[0]]),
                         np.asarray([head.bias[0], head.bias[0]]), head.platt, 0.5, {})
    cat = parse_catalogue(CATALOGUE)
    with_head = NarrativeScorer(cat, BagEncoder(), CAL, only)
    without = NarrativeScorer(cat, BagEncoder(), CAL)
    texts = ["Officials conspire secretly against the president.", "Migrants invade our country bringing crime."]
    a, b = with_head.score(texts, "en"), without.score(texts, "en")
    assert np.allclose(a[:, 1], b[:, 1])  # invaders: similarity logistic, unchanged
    assert np.allclose(a[:, 0], only.probabilities(BagEncoder().encode(texts))[:, 0])
    assert with_head.thresholds[0] == 0.5 and with_head.thresholds[1] == CAL.threshold


class _FakeClassifier:
    """Duck-types :class:`NarrativeClassifier`: a probability from the words of the unit and
    of its context (the classifier reads both segments)."""

    ids = ("swamp_plot", "retired_id")
    threshold = 0.5

    def __init__(self):
        self.seen: list[tuple[str, str]] = []

    def load(self):
        return self

    def probabilities(self, pairs):
        self.seen.extend(pairs)
        out = np.zeros((len(pairs), 2), dtype=np.float32)
        for i, (unit, ctx) in enumerate(pairs):
            out[i, 0] = 0.9 if "plot" in (unit + " " + ctx).lower() else 0.1
        return out


def test_narratives_classifier_scores_pairs_with_context_and_similarity_the_rest():
    cat = parse_catalogue(CATALOGUE)
    clf = _FakeClassifier()
    scorer = NarrativeScorer(cat, BagEncoder(), CAL, classifier=clf)
    assert scorer.needs_context
    texts = ["They met again on Friday.", "Migrants invade our country bringing crime."]
    probs = scorer.score(texts, "en", contexts=["The plot against the president | x", ""])
    assert probs[0, 0] == pytest.approx(0.9) and probs[1, 0] == pytest.approx(0.1)  # the context decided
    assert np.allclose(probs[:, 1], NarrativeScorer(cat, BagEncoder(), CAL).score(texts, "en")[:, 1])
    assert scorer.thresholds[0] == 0.5 and scorer.thresholds[1] == CAL.threshold
    assert clf.seen[0] == ("They met again on Friday.", "The plot against the president | x")


def test_narratives_classifier_knowing_every_narrative_skips_the_encoder():
    class Counting(BagEncoder):
        calls = 0

        def encode(self, texts):
            Counting.calls += 1
            return super().encode(texts)

    clf = _FakeClassifier()
    clf.ids = ("invaders", "swamp_plot")
    scorer = NarrativeScorer(parse_catalogue(CATALOGUE), Counting(), CAL, classifier=clf)
    before = Counting.calls
    probs = scorer.score(["a plot", "nothing"], "en", contexts=["", ""])
    assert Counting.calls == before and probs.shape == (2, 2)
    # columns follow the catalogue's order, not the classifier's: swamp_plot is its second column
    assert probs[0, 0] == pytest.approx(0.0) and probs[0, 1] == pytest.approx(0.9)


def test_narratives_unit_contexts_title_neighbours_and_contents():
    from propscope.analyzers.narratives.analyzer import unit_contexts
    from propscope.analyzers.narratives.classifier import pair_context

    text = "Title line here\nFirst body sentence.\nSecond one, with a quote inside.\nLast one."
    art = _article(text)
    analyzer = NarrativesAnalyzer(encoder=BagEncoder())
    units = analyzer.units(art, None)
    q = text.index("a quote inside")
    units.append((q, q + len("a quote inside"), "content", 0))
    ctx = unit_contexts(art, units)
    assert ctx[0] == "First body sentence."  # the first line is the title itself: nothing before it
    assert ctx[1] == pair_context("Title line here", None, "Second one, with a quote inside.")
    assert ctx[2] == "Title line here | First body sentence. | Last one."
    assert ctx[3] == "Title line here | Second one, with a quote inside."
    assert ctx[4] == ctx[2]  # a content: the context of the sentence holding it
    titled = Article(text=text[text.index("First"):], sentences=tuple(
        Span(s.start - 16, s.end - 16, "sentence") for s in art.sentences[1:]), language="en", title="A  Title")
    assert unit_contexts(titled, analyzer.units(titled, None))[0] == "A Title | Second one, with a quote inside."


def test_narratives_pair_encoding_cuts_the_unit_then_the_context():
    from tokenizers import Tokenizer

    from propscope.analyzers.narratives.classifier import encode_pairs
    from propscope.embeddings import default_model_dir

    tok = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    long_unit = " ".join(["word"] * 200)
    (ids, types), (ids2, types2) = encode_pairs(tok, [(long_unit, long_unit), ("short unit", "")],
                                                max_tokens=32, max_unit_tokens=20)
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    assert len(ids) == 32 and ids[0] == cls_id and ids[21] == sep_id and ids[-1] == sep_id
    assert types[:22] == [0] * 22 and types[22:] == [1] * 10
    assert ids2[0] == cls_id and ids2[-1] == sep_id and set(types2) == {0}


def test_narratives_training_pairs_match_the_analyzers_contexts_and_skip_dev(tmp_path):
    from propscope.analyzers.narratives.analyzer import unit_contexts
    from propscope.training.narrfit import _epoch_key, gold_pairs, read_train

    text = "A headline\nThe first sentence.\nThe second sentence.\n\nThe third sentence."
    folder = tmp_path / "datasets" / "train-articles"
    folder.mkdir(parents=True)
    (folder / "article7.txt").write_text(text, encoding="utf-8")
    starts = [text.index(s) for s in ("A headline", "The first", "The second", "The third")]
    ends = [text.index("\n", s) if "\n" in text[s:] else len(text) for s in starts]
    gold = tmp_path / "gold.tsv"
    gold.write_text("# comment\n" + "".join(f"train\t7\t{s}\t{e}\t{'plots' if k == 2 else 'none'}\t-\n"
                                            for k, (s, e) in enumerate(zip(starts, ends)))
                    + f"dev\t7\t{starts[1]}\t{ends[1]}\tplots\toutlet\n", encoding="utf-8")
    rows = read_train(gold)
    assert len(rows) == 4 and [r["labels"] for r in rows][2] == {"plots"}  # the dev row is never read
    pairs = gold_pairs(rows, tmp_path)
    art = Article(text=text, sentences=tuple(Span(s, e, "sentence") for s, e in zip(starts, ends)), language="en")
    assert [c for _, c, _, _ in pairs] == unit_contexts(art, NarrativesAnalyzer(encoder=BagEncoder()).units(art, None))
    assert _epoch_key({"precision": 0.9, "recall": 0.1}, 0.85) > _epoch_key({"precision": 0.8, "recall": 0.5}, 0.85)
    assert _epoch_key({"precision": 0.6, "recall": 0.01}, 0.85) > _epoch_key({"precision": 0.3, "recall": 0.07}, 0.85)


def test_narratives_a_content_that_is_nearly_its_sentence_is_not_a_second_unit():
    text = ("Smith said officials are plotting secretly to remove the president.\n"
            "Jones said on Tuesday, in a long speech to the farmers of the county, that bureaucrats conspire.\n"
            "Brown spoke.\nMigrants invade our country, he said. They bring crime with them every day.")
    art = _article(text)
    whole = _attribution(text, "Smith", "said", "officials are plotting secretly to remove the president.", "Smith")
    part = _attribution(text, "Jones", "said", "in a long speech to the farmers", "Jones")
    lines = _attribution(text, "Brown", "spoke", "Migrants invade our country, he said. They bring crime", "Brown")
    sents = [text[s.start:s.end] for s in art.sentences]
    assert len("officials are plotting secretly to remove the president.") >= 0.8 * len(sents[0])
    layer = Layer("attributions", "attribution", "1", (whole, part, lines))
    units = NarrativesAnalyzer(encoder=BagEncoder()).units(art, layer)
    # Smith's content is nearly all its sentence: the sentence stands for it; Jones's is a
    # short share of its own and Brown's under four fifths of its line: units of their own
    assert [k for _, _, kind, k in units if kind == "content"] == [1, 2]
    assert sum(kind == "sentence" for _, _, kind, _ in units) == 4


@pytest.mark.parametrize("before, after, speakers", [
    # a dateline, two words and a relay's tail around the attribution: the speaker's narrative, reported
    ("NORVIK (Wire Agency) – On Thursday, ", ", the Norvik Herald reported.", True),
    # the outlet's own framing around it: the sentence stays the outlet's sighting too
    ("NORVIK (Wire Agency) – In yet another shocking admission that confirms everything our readers long feared, ",
     ", and the weak council still pretends nothing is happening.", False),
])
def test_narratives_a_speakers_narrative_inside_a_longer_sentence_is_one_sighting_in_their_voice(before, after,
                                                                                                 speakers):
    from dataclasses import replace

    from propscope.article import Dateline

    core = ("Senator Vale, who chairs the committee on borders and migration, "
            "said migrants invade our country bringing crime")
    text = before + core + after + "\nThe council met on Tuesday to discuss the budget."
    art = replace(_article(text), dateline=Dateline("NORVIK", "Wire Agency", None, Span(0, 22, "dateline")))
    attr = _attribution(text, "Senator Vale", "said", "migrants invade our country bringing crime", "Anna Vale")
    (c0, c1), = attr.attrs["content"]
    attr = Span(c0, c1, attr.label, attr.attrs)  # as the attribution layer gives it: the span is the content
    layers = {"attributions": Layer("attributions", "attribution", "1", (attr,))}
    analyzer = NarrativesAnalyzer(encoder=BagEncoder())
    analyzer.scorer = NarrativeScorer(parse_catalogue(CATALOGUE), analyzer.encoder, CAL)
    units = analyzer.units(art, layers["attributions"])
    assert [kind for _, _, kind, _ in units] == ["sentence", "sentence", "content"]
    probs = analyzer.score_units(art, units, *analyzer.unit_inputs(units, None))
    assert [hit and analyzer.scorer.narratives[hit[0]].id for hit in analyzer.scorer.pick(probs)] == \
        ["invaders", None, "invaders"]  # the sentence is called too, and alone it reads as the outlet's
    layer = analyzer.annotate(art, layers)["narratives"]
    got = [(s.label, s.attrs["unit"], s.attrs["voice"]) for s in layer.spans]
    if speakers:
        assert got == [("invaders", "content", "Anna Vale")]
    else:
        assert got == [("invaders", "sentence", "outlet"), ("invaders", "content", "Anna Vale")]
    assert layer.data["narratives"]["invaders"]["outlet"] == (0 if speakers else 1)
