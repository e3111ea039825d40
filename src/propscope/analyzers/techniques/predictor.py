"""The predictor interface both technique models share: what a predictor is given and returns.

A predictor scores an article's tokens (``score``), decodes fragments (``spans``), gives
technique probabilities for any fragment (``span_probs``: the stacked classifier), and turns
those into calibrated detections (``detections``) and sentence scores.  :class:`Predictor`
holds that shared decoding, calibration and summary logic; the fine-tuned encoder
(:mod:`~propscope.analyzers.techniques.model`) and the hashed-feature baseline
(:mod:`~propscope.analyzers.techniques.baseline`) subclass it.  The neural model stacks the
baseline's technique classifier, so ``model`` imports ``baseline``, and both import this module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.decoding import (
    ArticleContext,
    Calibrator,
    LinearModel,
    decode_spans,
    snap_to_words,
    token_range,
)
from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.errors import ModelError

__all__ = ["Item", "Predictor", "Scored", "default_model_dir"]


def default_model_dir(name: str = "techniques") -> Path:
    return Path(str(resources.files("propscope") / "models" / name))


@dataclass
class Item:
    """What a predictor needs of an article: text, sentence spans, title."""

    text: str
    sentences: Sequence[tuple[int, int]]
    title: str | None = None


@dataclass
class Scored:
    item: Item
    ctx: ArticleContext
    starts: np.ndarray
    ends: np.ndarray
    sentence: np.ndarray
    p_span: np.ndarray
    state: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def _read_json(root: Path, name: str) -> dict[str, Any]:
    path = root / name
    if not path.is_file():
        raise ModelError(f"model folder {root} is missing {name}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: not valid JSON ({exc})") from exc


class Predictor:
    """Shared decoding, calibration and summary logic; subclasses score tokens and spans."""

    kind = "base"
    required: tuple[str, ...] = ("labels.json",)

    def __init__(self, root: Path, *, check: bool = True):
        from propscope.analyzers.techniques.runtime import check_manifest

        self.root = Path(root)
        if not self.root.is_dir():
            raise ModelError(f"model folder {self.root} does not exist")
        if check:
            check_manifest(self.root, self.required)
        self.config = _read_json(self.root, "labels.json")
        techniques = tuple(self.config.get("techniques", ()))
        if techniques != TECHNIQUES:
            raise ModelError(f"{self.root}/labels.json lists techniques that differ from this propscope version's")
        self.decoding: dict[str, Any] = dict(self.config.get("decoding", {}))
        self.stacker: LinearModel | None = None
        self.calibrator = Calibrator({}, {})
        if (self.root / "stacker.json").is_file():
            self.stacker = LinearModel.from_json(_read_json(self.root, "stacker.json"))
        if (self.root / "calibration.json").is_file():
            self.calibrator = Calibrator.from_json(_read_json(self.root, "calibration.json"))

    # -- subclass hooks
    def score(self, items: Sequence[Item]) -> list[Scored]:
        raise NotImplementedError

    def span_feature_matrix(self, scored: Scored, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        raise NotImplementedError

    # -- shared
    def span_probs(self, scored: Scored, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        if not spans:
            return np.zeros((0, len(TECHNIQUES)))
        if self.stacker is None:
            raise ModelError(f"model folder {self.root} has no stacker.json")
        return self.stacker.proba(self.span_feature_matrix(scored, spans))

    def spans(self, scored: Scored, **override: Any) -> list[tuple[int, int, float]]:
        """Fragments ``(start, end, mean span probability)`` as character offsets."""
        d = {**self.decoding, **override}
        out = []
        text = scored.item.text
        for a, b in decode_spans(scored.p_span, scored.sentence, high=float(d.get("high", 0.5)),
                                 low=d.get("low"), max_gap=int(d.get("max_gap", 0)),
                                 min_tokens=int(d.get("min_tokens", 1))):
            s, e = snap_to_words(text, int(scored.starts[a]), int(scored.ends[b - 1]))
            # a fragment holds a word: a line of dots, dashes or bullets is no technique
            if e > s and any(c.isalnum() for c in text[s:e]):
                out.append((s, e, float(scored.p_span[a:b].mean())))
        # snapping can make neighbours overlap: merge them
        merged: list[tuple[int, int, float]] = []
        for s, e, p in sorted(out):
            if merged and s < merged[-1][1]:
                ps, pe, pp = merged[-1]
                merged[-1] = (ps, max(pe, e), max(pp, p))
            else:
                merged.append((s, e, p))
        return merged

    def raw_candidates(self, scored: Scored) -> list[tuple[int, int, np.ndarray]]:
        """Decoded fragments with raw per-technique scores ``span prob × technique prob``."""
        spans = self.spans(scored)
        if not spans:
            return []
        probs = self.span_probs(scored, [(s, e) for s, e, _ in spans])
        return [(s, e, p * probs[i]) for i, (s, e, p) in enumerate(spans)]

    def detections(self, scored: Scored, top_k: int = 2) -> list[tuple[int, int, str, float]]:
        """Calibrated ``(start, end, technique, score)``, kept when score ≥ the technique's threshold."""
        out = []
        for s, e, raw in self.raw_candidates(scored):
            for k in np.argsort(-raw)[:top_k]:
                name = TECHNIQUES[int(k)]
                score = float(self.calibrator(name, float(raw[k])))
                if score >= self.calibrator.threshold(name):
                    out.append((s, e, name, round(score, 4)))
        return out

    def sentence_scores(self, scored: Scored) -> list[float]:
        """Calibrated probability that each sentence holds at least one technique."""
        out = []
        for s, e in scored.item.sentences:
            a, b = token_range(scored.starts, scored.ends, s, e)
            raw = float(scored.p_span[a:b].max()) if b > a else 0.0
            out.append(round(float(self.calibrator("sentence", raw)), 4))
        return out
