"""Scores text units against a catalogue: similarity features, then a calibrated logistic.

For a unit (a sentence, or an attribution's content) and a narrative, four features come
from L2-normalised sentence embeddings (cosine = dot product):

- ``max``: the highest similarity to one of the narrative's examples;
- ``top2``: the mean of its two highest similarities to examples;
- ``desc``: the similarity to the narrative's name and description;
- ``margin``: ``max`` minus the best ``max`` of any other narrative (how specific it is).

A logistic over them (weights in ``data/calibration.json``, fitted on the train part of
the gold by ``benchmarks/bench_narratives.py --fit``) turns them into a calibrated
probability; a unit carries a narrative when that probability reaches the narrative's
threshold (its own ``threshold`` in the catalogue, else the calibrated default, chosen on
train for precision).  Only the best narrative of a unit is kept: one sentence, one
narrative, which keeps the costly error (a narrative the text does not carry) rare.

Examples in another language than the article's are not compared (an English sentence
against a Russian example is noise to an English encoder); untagged examples are English.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from propscope.analyzers.narratives.catalogue import Catalogue
from propscope.errors import ConfigError

__all__ = ["FEATURES", "Calibration", "NarrativeScorer", "TextEncoder", "default_calibration_path"]

FEATURES = ("max", "top2", "desc", "margin")


class TextEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_calibration_path() -> Path:
    return Path(str(resources.files("propscope") / "analyzers" / "narratives" / "data" / "calibration.json"))


@dataclass(frozen=True)
class Calibration:
    weights: tuple[float, ...]
    bias: float
    threshold: float
    info: dict[str, Any]

    @classmethod
    def load(cls, path: str | Path | None = None) -> Calibration:
        p = Path(path) if path is not None else default_calibration_path()
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            weights = tuple(float(data["weights"][f]) for f in FEATURES)
            return cls(weights, float(data["bias"]), float(data["threshold"]), dict(data.get("info") or {}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"bad narrative calibration: {exc}", source=str(p), code="config.calibration") from exc

    def to_json(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": dict(zip(FEATURES, self.weights, strict=True)),
                "bias": self.bias, "threshold": self.threshold, "info": self.info}

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = features @ np.asarray(self.weights, dtype=np.float32) + np.float32(self.bias)
        return 1.0 / (1.0 + np.exp(-z))


class NarrativeScorer:
    """Embeds a catalogue once; scores batches of texts against every matchable narrative."""

    def __init__(self, catalogue: Catalogue, encoder: TextEncoder, calibration: Calibration):
        self.catalogue = catalogue
        self.encoder = encoder
        self.calibration = calibration
        self.narratives = catalogue.matchable
        texts: list[str] = []
        owner: list[int] = []
        langs: list[str] = []
        for k, n in enumerate(self.narratives):
            for ex in n.examples:
                texts.append(ex.text)
                owner.append(k)
                langs.append(ex.lang)
        self._ex_owner = np.asarray(owner)
        self._ex_lang = np.asarray(langs)
        self._ex_vecs = np.asarray(encoder.encode(texts), dtype=np.float32)
        self._desc_vecs = np.asarray(encoder.encode([f"{n.name}. {n.description}" for n in self.narratives]),
                                     dtype=np.float32)
        self.thresholds = np.asarray([n.threshold if n.threshold is not None else calibration.threshold
                                      for n in self.narratives], dtype=np.float32)

    def features(self, texts: Sequence[str], language: str | None = None) -> np.ndarray:
        """``[n_texts, n_narratives, 4]`` features (see the module docstring)."""
        n_t, n_n = len(texts), len(self.narratives)
        if n_t == 0:
            return np.zeros((0, n_n, len(FEATURES)), dtype=np.float32)
        vecs = np.asarray(self.encoder.encode(list(texts)), dtype=np.float32)
        sims = vecs @ self._ex_vecs.T  # [n_t, n_examples]
        lang = (language or "en").lower().split("-")[0]
        usable = (self._ex_lang == lang) | (self._ex_lang == "en")
        sims = np.where(usable[None, :], sims, -1.0)
        top1 = np.full((n_t, n_n), -1.0, dtype=np.float32)
        top2 = np.full((n_t, n_n), -1.0, dtype=np.float32)
        for k in range(n_n):
            cols = sims[:, self._ex_owner == k]
            if cols.shape[1] == 0:
                continue
            srt = -np.sort(-cols, axis=1)
            top1[:, k] = srt[:, 0]
            top2[:, k] = srt[:, :2].mean(axis=1)
        desc = vecs @ self._desc_vecs.T
        if n_n > 1:
            order = np.sort(top1, axis=1)
            best, second = order[:, -1:], order[:, -2:-1]
            other_best = np.where(top1 >= best, second, best)
        else:
            other_best = np.zeros_like(top1)
        margin = top1 - other_best
        return np.stack([top1, top2, desc, margin], axis=-1).astype(np.float32)

    def score(self, texts: Sequence[str], language: str | None = None) -> np.ndarray:
        """``[n_texts, n_narratives]`` calibrated probabilities."""
        return self.calibration.probability(self.features(texts, language))

    def best(self, texts: Sequence[str], language: str | None = None) -> list[tuple[int, float] | None]:
        """Per text: (narrative index, probability) of its best narrative when it passes that
        narrative's threshold, else None."""
        probs = self.score(texts, language)
        out: list[tuple[int, float] | None] = []
        for row in probs:
            k = int(np.argmax(row)) if row.size else -1
            out.append((k, float(row[k])) if k >= 0 and row[k] >= self.thresholds[k] else None)
        return out
