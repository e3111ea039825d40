"""A supervised head over the sentence embedding: one logistic regression per narrative.

The similarity scorer (:mod:`.scoring`) asks "how near is this sentence to the catalogue's
examples?"; the head asks "which directions of the embedding space did the labelled
sentences of a narrative take?", learned from the *train* rows of the hand-labelled gold
(``benchmarks/data/narratives/gold.tsv``) together with the catalogue's own examples
(positives) and negatives.  Out-of-fold on train (five folds by article, 5,616 sentences of
whole articles), at precision 0.8 it found 0.08 of the narrative sentences, the similarity
logistic none: a sentence embedding alone separates few narratives from mere mentions of
their actors, so the threshold keeps most sentences unresolved rather than weakly matched.

Shipped as ``propscope/models/narratives``::

    head.npz        weights [n_narratives, 384] float32, bias [n_narratives]
    head.json       the narrative ids (rows of the weights), the calibration (Platt:
                    probability = sigmoid(a * logit + b)), the threshold, the article rule
    CARD.md         what it was trained on, how, and its figures
    MANIFEST.sha256 checked at load

A narrative of the user's catalogue the head does not know (added after training) is
scored by the similarity logistic alone; one the catalogue no longer has is ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError
from propscope.manifest import check_manifest

__all__ = ["HEAD_FORMAT", "NarrativeHead", "default_head_dir"]

HEAD_FORMAT = "propscope.narratives.head/1"
_REQUIRED = ("head.npz", "head.json")


def default_head_dir() -> Path:
    return Path(str(resources.files("propscope") / "models" / "narratives"))


@dataclass(frozen=True)
class NarrativeHead:
    """Per-narrative logistic weights over a unit-length sentence embedding, and the Platt
    calibration that turns a logit into a probability."""

    ids: tuple[str, ...]
    weights: np.ndarray  # [n, dim]
    bias: np.ndarray  # [n]
    platt: tuple[float, float] = (1.0, 0.0)
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, model_dir: str | Path | None = None) -> NarrativeHead:
        root = Path(model_dir) if model_dir is not None else default_head_dir()
        if not root.is_dir():
            raise ModelError(f"narrative head folder {root} does not exist", analyzer="narratives")
        check_manifest(root, _REQUIRED, analyzer="narratives")
        try:
            meta = json.loads((root / "head.json").read_text(encoding="utf-8"))
            if meta.get("format") != HEAD_FORMAT:
                raise ValueError(f"format {meta.get('format')!r} is not {HEAD_FORMAT!r}")
            with np.load(root / "head.npz", allow_pickle=False) as data:
                weights = np.asarray(data["weights"], dtype=np.float32)
                bias = np.asarray(data["bias"], dtype=np.float32)
            ids = tuple(str(i) for i in meta["ids"])
            if weights.shape[0] != len(ids) or bias.shape != (len(ids),):
                raise ValueError(f"{len(ids)} ids for weights {weights.shape} and bias {bias.shape}")
            a, b = meta["platt"]
            return cls(ids, weights, bias, (float(a), float(b)), float(meta["threshold"]),
                       dict(meta.get("info") or {}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"bad narrative head in {root}: {exc}", analyzer="narratives") from exc

    def save(self, model_dir: str | Path) -> None:
        root = Path(model_dir)
        root.mkdir(parents=True, exist_ok=True)
        np.savez(root / "head.npz", weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32))
        meta = {"format": HEAD_FORMAT, "ids": list(self.ids), "platt": [round(self.platt[0], 6),
                                                                       round(self.platt[1], 6)],
                "threshold": self.threshold, "info": self.info}
        (root / "head.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        """``[n_texts, n_head_narratives]`` raw logits (einsum: no BLAS thread pool, see
        :func:`.scoring.cosines`)."""
        return np.einsum("ij,kj->ik", np.asarray(vectors, dtype=np.float32), self.weights) + self.bias

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.logits(vectors) + b)))

    def columns(self, narrative_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """For the catalogue's narratives (in order): which the head knows (a bool mask) and,
        for those, the head's row of each (an index array the length of the mask's trues)."""
        row = {n: i for i, n in enumerate(self.ids)}
        known = np.asarray([n in row for n in narrative_ids], dtype=bool)
        return known, np.asarray([row[n] for n in narrative_ids if n in row], dtype=np.int64)
