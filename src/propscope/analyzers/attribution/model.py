"""The shipped attribution tagger: a linear-chain CRF (python-crfsuite) plus its cue lexicon.

A model folder holds ``crf.model`` (crfsuite binary), ``cue_words.txt`` (one word a line),
``config.json`` (feature settings), optionally ``crf2.model`` (a stacked level-2 CRF that
reads the level-1 tags and marginals; ``"stacked": true`` in the config) and
``MANIFEST.sha256`` (``<sha256>  <file>`` per line), which :func:`load_model` checks before
anything is opened.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from propscope.analyzers.entities.nlp import NlpResult
from propscope.article import Span
from propscope.errors import ModelError
from propscope.manifest import check_manifest as _check_manifest
from propscope.manifest import write_manifest as _write_manifest

from .decode import Chunk, Decoded, chunks_from_tags, decode
from .features import Unit, dependency_tree, featurize, quote_depths, span_labels, stack_features, units

__all__ = ["DEFAULT_MODEL_DIR", "AttributionModel", "check_manifest", "default_model_reads_tree", "entity_labels",
           "load_model", "write_manifest"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "attribution"
MODEL_FILES = ("crf.model", "cue_words.txt", "config.json")


def write_manifest(model_dir: Path) -> Path:
    return _write_manifest(model_dir)


def check_manifest(model_dir: Path) -> None:
    _check_manifest(model_dir, MODEL_FILES, analyzer="attribution")


@dataclass
class AttributionModel:
    tagger: Any  # pycrfsuite.Tagger
    cue_words: frozenset[str]
    config: Mapping[str, Any]
    tagger2: Any = None  # the level-2 (stacked) tagger, when the model has one

    @property
    def use_entities(self) -> bool:
        return bool(self.config.get("use_entities"))

    @property
    def use_pos(self) -> bool:
        return bool(self.config.get("use_pos"))

    @property
    def use_deps(self) -> bool:
        return bool(self.config.get("use_deps"))

    def tag(
        self,
        text: str,
        paragraphs: Sequence[Span],
        sentences: Sequence[Span],
        quotes: Sequence[Span],
        entities: Sequence[Span] = (),
        nlp: NlpResult | None = None,
    ) -> tuple[list[Unit], list[list[str]]]:
        """CRF tags of each unit; ``nlp`` is the spaCy result (tags, and the tree when the model reads it)."""
        us = units(text, paragraphs, sentences, int(self.config.get("max_tokens", 250)))
        ent_index = _EntityIndex(entities) if self.use_entities else None
        pos = nlp.tags if nlp is not None else ()
        deps, heads = (nlp.deps, nlp.heads) if nlp is not None else ((), ())
        pos_starts = [s.start for s in pos]
        out = []
        for u in us:
            depths = quote_depths(u.tokens, quotes)
            ents = ent_index.labels(u.tokens) if ent_index else None
            tags = span_labels(pos, u.tokens) if self.use_pos else None
            tree = dependency_tree(u.tokens, pos, deps, heads, pos_starts) if self.use_deps else None
            feats = featurize(u, depths, self.cue_words, ents, tags, tree)
            if self.tagger2 is not None:
                out.append(self.tagger2.tag(stack_features(feats, u, self.tagger)))
            else:
                out.append(self.tagger.tag(feats))
        return us, out

    def predict(
        self,
        text: str,
        paragraphs: Sequence[Span],
        sentences: Sequence[Span],
        quotes: Sequence[Span],
        entities: Sequence[Span] = (),
        nlp: NlpResult | None = None,
    ) -> list[Decoded]:
        us, tags = self.tag(text, paragraphs, sentences, quotes, entities, nlp)
        return decode_units(text, us, tags, quotes)


def decode_units(text: str, us: Sequence[Unit], tags: Sequence[Sequence[str]], quotes: Sequence[Span]) -> list[Decoded]:
    flat_tags: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sents: list[int] = []
    paras: list[int] = []
    sent_no = 0
    para_no = -1
    prev_end = -1
    for u, t in zip(us, tags, strict=True):
        # a unit that starts right after a paragraph break opens a new paragraph
        if prev_end < 0 or "\n" in text[prev_end : u.tokens[0].start]:
            para_no += 1
        starts_set = set(u.sent_starts)
        for i, tok in enumerate(u.tokens):
            if i in starts_set:
                sent_no += 1
            flat_tags.append(t[i])
            starts.append(tok.start)
            ends.append(tok.end)
            sents.append(sent_no)
            paras.append(para_no)
        prev_end = u.tokens[-1].end
    _split_content_at_own_cue(flat_tags, starts, sents, quotes)
    chunks = chunks_from_tags(flat_tags, starts, ends, sents, paras)
    quote_starts = {q.start for q in quotes}
    flags = [c.role == "CON" and _opens_quote(text, c, quote_starts) for c in chunks]
    that = [c.role == "CON" and text.startswith("that ", c.start) for c in chunks]
    return decode(chunks, flags, that)


def _split_content_at_own_cue(tags: list[str], starts: Sequence[int], sents: Sequence[int],
                              quotes: Sequence[Span]) -> None:
    """Cut a content run where it crosses into a sentence that has a cue of its own, unless the
    crossing is inside a quotation.

    ``X called it "a coup." Only decisive action, he said, saved us.``: the tagger tends to
    run X's content on into the next sentence; that sentence's words belong to its own cue.
    A quotation that runs across sentences (``"A. B," he said``) is left whole.
    """
    cue_sents = {sents[i] for i, t in enumerate(tags) if t.endswith("-CUE")}
    top = sorted((q.start, q.end) for q in quotes if q.attrs.get("depth", 0) == 0)
    for i in range(1, len(tags)):
        if (tags[i] == "I-CON" and tags[i - 1].endswith("-CON") and sents[i] != sents[i - 1]
                and sents[i] in cue_sents and not any(a <= starts[i] < b for a, b in top)):
            tags[i] = "B-CON"


def _opens_quote(text: str, c: Chunk, quote_starts: set[int]) -> bool:
    return c.start in quote_starts or text[c.start : c.start + 1] in "\"“„«‘"


class _EntityIndex:
    def __init__(self, entities: Sequence[Span]):
        self.spans = sorted((s for s in entities if s.attrs.get("source", "ner") == "ner"), key=lambda s: s.start)

    def labels(self, tokens: Sequence[Any]) -> list[str]:
        out = [""] * len(tokens)
        if not self.spans or not tokens:
            return out
        import bisect

        starts = [s.start for s in self.spans]
        for i, t in enumerate(tokens):
            k = bisect.bisect_right(starts, t.start) - 1
            if k >= 0 and self.spans[k].start <= t.start < self.spans[k].end:
                out[i] = self.spans[k].label
        return out


def entity_labels(entities: Sequence[Span], tokens: Sequence[Any]) -> list[str]:
    return _EntityIndex(entities).labels(tokens)


def default_model_reads_tree() -> bool:
    """Whether the shipped model's features include the dependency tree (so spaCy must parse)."""
    try:
        return bool(json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8")).get("use_deps"))
    except (OSError, ValueError):
        return False


def load_model(model_dir: Path | None = None) -> AttributionModel:
    model_dir = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    check_manifest(model_dir)
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - a pinned dependency
        raise ModelError("python-crfsuite is not installed (pip install python-crfsuite)",
                         analyzer="attribution") from exc
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_dir / "crf.model"))
    cue_words = frozenset(
        w.strip() for w in (model_dir / "cue_words.txt").read_text(encoding="utf-8").splitlines() if w.strip()
    )
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    tagger2 = None
    if config.get("stacked"):
        tagger2 = pycrfsuite.Tagger()
        tagger2.open(str(model_dir / "crf2.model"))
    return AttributionModel(tagger, cue_words, config, tagger2)
