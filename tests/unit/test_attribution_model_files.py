"""Model folders are data checked at load: manifest, spaCy model name and version (issue 4)."""

from __future__ import annotations

import types

import pytest

from propscope.analyzers.attribution.model import check_manifest, write_manifest
from propscope.analyzers.entities import nlp as nlp_module
from propscope.article import Span
from propscope.errors import ModelError


def _folder(tmp_path):
    for name in ("crf.model", "cue_words.txt", "config.json"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    return tmp_path


def test_attribution_manifest_round_trip(tmp_path):
    folder = _folder(tmp_path)
    write_manifest(folder)
    check_manifest(folder)


def test_attribution_manifest_detects_a_changed_file(tmp_path):
    folder = _folder(tmp_path)
    write_manifest(folder)
    (folder / "crf.model").write_text("tampered", encoding="utf-8")
    with pytest.raises(ModelError, match="does not match"):
        check_manifest(folder)


def test_attribution_manifest_missing(tmp_path):
    with pytest.raises(ModelError, match="MANIFEST"):
        check_manifest(_folder(tmp_path))


def test_attribution_shipped_model_has_a_valid_manifest():
    from propscope.analyzers.attribution.model import DEFAULT_MODEL_DIR

    check_manifest(DEFAULT_MODEL_DIR)
    assert (DEFAULT_MODEL_DIR / "CARD.md").is_file()


@pytest.mark.parametrize("meta", [{"name": "core_web_lg", "version": "3.8.0"}, {"name": "core_web_sm", "version": "3.7.1"}])
def test_entities_wrong_spacy_model_is_refused_with_a_hint(monkeypatch, meta):
    fake = types.SimpleNamespace(meta=meta, max_length=1000)
    monkeypatch.setattr(nlp_module, "_cache", {})
    import spacy

    monkeypatch.setattr(spacy, "load", lambda name, exclude=(): fake)
    with pytest.raises(ModelError, match="python -m spacy download en_core_web_sm"):
        nlp_module.load_spacy()


def test_entities_missing_spacy_model_is_a_model_error(monkeypatch):
    monkeypatch.setattr(nlp_module, "_cache", {})
    import spacy

    def boom(name, exclude=()):
        raise OSError("E050")

    monkeypatch.setattr(spacy, "load", boom)
    with pytest.raises(ModelError, match="not found"):
        nlp_module.load_spacy()


def test_parsed_results_align_heads_with_tags_and_are_kept_apart_from_unparsed_ones():
    text = "The minister said on Monday that the talks had failed.\n\nNobody else spoke."
    paras = [Span(0, 54), Span(56, len(text))]
    plain = nlp_module.analyse_many(nlp_module.load_spacy(), [(text, nlp_module._chunks(text, paras))])[0]
    assert not plain.deps and not plain.parsed
    nlp_module.remember(text, plain)
    assert nlp_module.cached(text) is plain
    assert nlp_module.cached(text, parsed=True) is None  # an unparsed result does not stand in
    parsed = nlp_module.analyse(nlp_module.load_spacy(parser=True), text, paras)
    assert parsed.parsed and len(parsed.deps) == len(parsed.heads) == len(parsed.tags) == len(plain.tags)
    words = [text[s.start:s.end] for s in parsed.tags]
    said = words.index("said")
    assert parsed.heads[said] == said  # the root heads itself
    failed = words.index("failed")
    assert parsed.heads[failed] == said and parsed.deps[failed] == "ccomp"
    # heads stay inside their sentence
    nobody = words.index("Nobody")
    assert all(h >= nobody for h in parsed.heads[nobody:])
    assert nlp_module.cached(text, parsed=True) is parsed
