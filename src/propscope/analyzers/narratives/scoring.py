"""Scores text units against a catalogue: similarity and contrast features, context, the
techniques around them, then a calibrated logistic.

For a unit (a sentence, or an attribution's content) and a narrative, the features come
from L2-normalised sentence embeddings (cosine = dot product) and from the other layers:

- ``max``: the highest similarity to one of the narrative's examples;
- ``top3``: the mean of its three highest similarities to examples;
- ``desc``: the similarity to the narrative's name and description;
- ``margin``: ``max`` minus the best ``max`` of any other narrative (how specific it is);
- ``neg_max``: the highest similarity to the narrative's *negative* examples (the same
  actors, no narrative: "the FBI opened an inquiry"), or to every negative of the catalogue
  when the entry has none;
- ``contrast``: ``max`` minus ``neg_max``: nearer the plot than the mere mention of its actors;
- ``context``: the best ``max`` of the neighbouring sentences (a narrative is argued over a
  paragraph, rarely in one isolated sentence);
- ``techniques``: ``log(1 + n)`` for the ``n`` persuasion-technique spans overlapping the unit
  (Loaded_Language, Name_Calling...: a narrative is pushed with loaded words); 0 without a
  techniques layer;
- ``words``: ``log(1 + words)`` (a three-word headline matches many things weakly).

A logistic over them (weights in ``data/calibration.json``, fitted on the train part of the
gold by ``benchmarks/bench_narratives.py --fit``) turns them into a calibrated probability;
a unit carries a narrative when that probability reaches the narrative's threshold (its own
``threshold`` in the catalogue, else the calibrated default, chosen on train for precision
by cross-validation).  Only the best narrative of a unit is kept: one sentence, one
narrative, which keeps the costly error (a narrative the text does not carry) rare.

Examples in another language than the article's are not compared (an English sentence
against a Russian example is noise to an English encoder); untagged examples are English.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from propscope.analyzers.narratives.catalogue import Catalogue
from propscope.analyzers.narratives.classifier import NarrativeClassifier
from propscope.analyzers.narratives.head import NarrativeHead
from propscope.errors import ConfigError

__all__ = ["FEATURES", "Calibration", "NarrativeScorer", "TextEncoder", "cosines", "default_calibration_path"]

FEATURES = ("max", "top3", "desc", "margin", "neg_max", "contrast", "context", "techniques", "words")


class TextEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_calibration_path() -> Path:
    return Path(str(resources.files("propscope") / "analyzers" / "narratives" / "data" / "calibration.json"))


@dataclass(frozen=True)
class Calibration:
    """The logistic's weights (one per feature), its bias, the default threshold, and the
    article rule: an article carries a narrative with ``article_min_sightings`` sightings,
    or with one sighting of probability ``article_single`` or more."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    info: dict[str, Any]
    article_min_sightings: int = 2
    article_single: float = 0.9
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Calibration:
        p = Path(path) if path is not None else default_calibration_path()
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            names = tuple(data.get("features") or ())
            if names != FEATURES:
                raise ValueError(f"its features {list(names)} are not {list(FEATURES)}; refit it with "
                                 "benchmarks/bench_narratives.py --fit")
            weights = tuple(float(data["weights"][f]) for f in FEATURES)
            article = data.get("article") or {}
            return cls(weights, float(data["bias"]), float(data["threshold"]), dict(data.get("info") or {}),
                       int(article.get("min_sightings", 2)), float(article.get("single", 0.9)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"bad narrative calibration: {exc}", source=str(p), code="config.calibration") from exc

    def to_json(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": dict(zip(FEATURES, self.weights, strict=True)),
                "bias": self.bias, "threshold": self.threshold,
                "article": {"min_sightings": self.article_min_sightings, "single": self.article_single},
                "info": self.info}

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = features @ np.asarray(self.weights, dtype=np.float32) + np.float32(self.bias)
        return 1.0 / (1.0 + np.exp(-z))


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b.T`` for unit vectors, without BLAS: a product this small (an article's units
    against a catalogue) gains nothing from OpenBLAS's thread pool, whose threads then spin
    for a while after it and cost as much CPU as the encoder itself (0.08 s per article)."""
    return np.einsum("ij,kj->ik", a, b)


def _top(sims: np.ndarray, owner: np.ndarray, n_owner: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per text and owner: the best similarity and the mean of the ``k`` best (-1 without any)."""
    n_t = sims.shape[0]
    top1 = np.full((n_t, n_owner), -1.0, dtype=np.float32)
    topk = np.full((n_t, n_owner), -1.0, dtype=np.float32)
    for j in range(n_owner):
        cols = sims[:, owner == j]
        if cols.shape[1] == 0:
            continue
        srt = -np.sort(-cols, axis=1)
        top1[:, j] = srt[:, 0]
        topk[:, j] = srt[:, :k].mean(axis=1)
    return top1, topk


class NarrativeScorer:
    """Embeds a catalogue once; scores batches of texts against every matchable narrative."""

    def __init__(self, catalogue: Catalogue, encoder: TextEncoder, calibration: Calibration,
                 head: NarrativeHead | None = None, classifier: NarrativeClassifier | None = None):
        self.catalogue = catalogue
        self.head = head
        self.classifier = classifier
        self.encoder = encoder
        self.calibration = calibration
        self.narratives = catalogue.matchable
        texts: list[str] = []
        owner: list[int] = []
        langs: list[str] = []
        neg_texts: list[str] = []
        neg_owner: list[int] = []
        neg_langs: list[str] = []
        for k, n in enumerate(self.narratives):
            for ex in n.examples:
                texts.append(ex.text)
                owner.append(k)
                langs.append(ex.lang)
            for ex in n.negatives:
                neg_texts.append(ex.text)
                neg_owner.append(k)
                neg_langs.append(ex.lang)
        self._ex_owner = np.asarray(owner)
        self._ex_lang = np.asarray(langs)
        self._ex_vecs = np.asarray(encoder.encode(texts + neg_texts), dtype=np.float32)
        self._neg_vecs = self._ex_vecs[len(texts):]
        self._ex_vecs = self._ex_vecs[:len(texts)]
        self._neg_owner = np.asarray(neg_owner, dtype=np.int64)
        self._neg_lang = np.asarray(neg_langs)
        self._desc_vecs = np.asarray(encoder.encode([f"{n.name}. {n.description}" for n in self.narratives]),
                                     dtype=np.float32)
        ids = [n.id for n in self.narratives]
        if head is not None:
            self._head_known, self._head_rows = head.columns(ids)
        else:
            self._head_known, self._head_rows = np.zeros(len(ids), dtype=bool), np.zeros(0, dtype=np.int64)
        if classifier is not None:
            classifier.load()
            crow = {n: i for i, n in enumerate(classifier.ids)}
            self._clf_known = np.asarray([n in crow for n in ids], dtype=bool)
            self._clf_rows = np.asarray([crow[n] for n in ids if n in crow], dtype=np.int64)
        else:
            self._clf_known, self._clf_rows = np.zeros(len(ids), dtype=bool), np.zeros(0, dtype=np.int64)
        self.thresholds = np.asarray([n.threshold if n.threshold is not None
                                      else classifier.threshold if classifier is not None and cknown
                                      else head.threshold if head is not None and known
                                      else calibration.threshold
                                      for n, known, cknown in zip(self.narratives, self._head_known,
                                                                  self._clf_known, strict=True)],
                                     dtype=np.float32)

    @property
    def uses_context(self) -> bool:
        """Whether a unit's probability reads the vectors of the units around it: the
        similarity logistic's ``context`` feature, for the narratives the head does not score."""
        by_logistic = not bool(self._head_known.all())
        return by_logistic and self.calibration.weights[FEATURES.index("context")] != 0.0

    @property
    def needs_context(self) -> bool:
        """Whether :meth:`score` reads ``contexts`` (the classifier scores (unit, context) pairs)."""
        return bool(self._clf_rows.size)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._desc_vecs.shape[1]), dtype=np.float32)
        return np.asarray(self.encoder.encode(list(texts)), dtype=np.float32)

    def features(self, texts: Sequence[str], language: str | None = None, *,
                 context: Sequence[Sequence[int]] | None = None,
                 techniques: Sequence[int] | None = None,
                 vectors: np.ndarray | None = None) -> np.ndarray:
        """``[n_texts, n_narratives, len(FEATURES)]`` features (see the module docstring).

        ``context[i]``: the indices (into ``texts``) of the units around unit ``i``;
        ``techniques[i]``: how many technique spans overlap unit ``i``; ``vectors``: the
        texts' embeddings when the caller already has them."""
        n_t, n_n = len(texts), len(self.narratives)
        if n_t == 0:
            return np.zeros((0, n_n, len(FEATURES)), dtype=np.float32)
        vecs = self.embed(texts) if vectors is None else np.asarray(vectors, dtype=np.float32)
        lang = (language or "en").lower().split("-")[0]
        sims = cosines(vecs, self._ex_vecs)  # [n_t, n_examples]
        usable = (self._ex_lang == lang) | (self._ex_lang == "en")
        sims = np.where(usable[None, :], sims, -1.0)
        top1, top3 = _top(sims, self._ex_owner, n_n, 3)
        desc = cosines(vecs, self._desc_vecs)
        if n_n > 1:
            order = np.sort(top1, axis=1)
            best, second = order[:, -1:], order[:, -2:-1]
            other_best = np.where(top1 >= best, second, best)
        else:
            other_best = np.zeros_like(top1)
        margin = top1 - other_best
        if len(self._neg_vecs):
            nsims = cosines(vecs, self._neg_vecs)
            nusable = (self._neg_lang == lang) | (self._neg_lang == "en")
            nsims = np.where(nusable[None, :], nsims, -1.0)
            neg1, _ = _top(nsims, self._neg_owner, n_n, 1)
            pooled = nsims.max(axis=1, keepdims=True)
            own = np.isin(np.arange(n_n), self._neg_owner)
            neg_max = np.where(own[None, :], neg1, pooled)
        else:
            neg_max = np.zeros_like(top1)
        ctx = np.zeros_like(top1)
        if context is not None:
            for i, around in enumerate(context):
                idx = [j for j in around if 0 <= j < n_t and j != i]
                if idx:
                    ctx[i] = top1[idx].max(axis=0)
        tech = np.zeros((n_t, 1), dtype=np.float32)
        if techniques is not None:
            tech[:, 0] = np.log1p(np.asarray(techniques, dtype=np.float32))
        words = np.log1p(np.asarray([len(t.split()) for t in texts], dtype=np.float32))[:, None]
        return np.stack([top1, top3, desc, margin, neg_max, top1 - neg_max, ctx,
                         np.broadcast_to(tech, top1.shape), np.broadcast_to(words, top1.shape)],
                        axis=-1).astype(np.float32)

    def score(self, texts: Sequence[str], language: str | None = None, *,
              contexts: Sequence[str] | None = None, **kw: Any) -> np.ndarray:
        """``[n_texts, n_narratives]`` calibrated probabilities: the fine-tuned classifier's
        (:mod:`.classifier`, over ``(text, contexts[i])`` pairs) for the narratives it knows,
        else the head's (:mod:`.head`) for the narratives it was trained on, the similarity
        logistic's for the others.  When the classifier knows every narrative, the sentence
        encoder is not run at all."""
        n_t, n_n = len(texts), len(self.narratives)
        if self.classifier is not None and self._clf_known.all():
            probs = np.zeros((n_t, n_n), dtype=np.float32)
        else:
            vecs = kw.pop("vectors", None)
            vecs = self.embed(texts) if vecs is None else np.asarray(vecs, dtype=np.float32)
            if self._head_known.all() and n_t:  # the head scores every narrative: no similarity features
                probs = np.zeros((n_t, n_n), dtype=np.float32)
            else:
                probs = self.calibration.probability(self.features(texts, language, vectors=vecs, **kw))
            if self.head is not None and self._head_rows.size and n_t:
                probs[:, self._head_known] = self.head.probabilities(vecs)[:, self._head_rows]
        if self.classifier is not None and self._clf_rows.size and n_t:
            ctx = list(contexts) if contexts is not None else [""] * n_t
            pairs = list(zip((str(t) for t in texts), ctx, strict=True))
            probs[:, self._clf_known] = self.classifier.probabilities(pairs)[:, self._clf_rows]
        return probs

    def best(self, texts: Sequence[str], language: str | None = None, **kw: Any) -> list[tuple[int, float] | None]:
        """Per text: (narrative index, probability) of its best narrative when it passes that
        narrative's threshold, else None."""
        return self.pick(self.score(texts, language, **kw))

    def pick(self, probs: np.ndarray) -> list[tuple[int, float] | None]:
        out: list[tuple[int, float] | None] = []
        for row in probs:
            k = int(np.argmax(row)) if row.size else -1
            out.append((k, float(row[k])) if k >= 0 and row[k] >= self.thresholds[k] else None)
        return out
