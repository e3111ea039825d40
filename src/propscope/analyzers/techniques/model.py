"""Predictors: the fine-tuned encoder (ONNX) and the hashed-feature baseline, one interface.

A predictor scores an article's tokens (``score``), decodes fragments (``spans``), gives
technique probabilities for any fragment (``span_probs``: the stacked classifier), and turns
those into calibrated detections (``detections``) and sentence scores.
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
    pooled_model_features,
    sigmoid,
    snap_to_words,
    span_features,
    token_range,
)
from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.errors import ModelError

__all__ = ["Item", "NeuralPredictor", "Predictor", "Scored", "default_model_dir"]


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
            if e > s:
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


class NeuralPredictor(Predictor):
    kind = "neural"
    required = ("model.onnx", "tokenizer.json", "labels.json", "stacker.json", "calibration.json")

    def __init__(self, root: Path | None = None, *, check: bool = True, threads: int | None = None,
                 batch_size: int = 16, require_stacker: bool = True):
        if not require_stacker:
            self.required = ("model.onnx", "tokenizer.json", "labels.json")
        super().__init__(root or default_model_dir("techniques"), check=check)
        from propscope.analyzers.techniques.runtime import OnnxTagger

        for name in ("model.onnx", "tokenizer.json"):
            if not (self.root / name).is_file():
                raise ModelError(f"model folder {self.root} is missing {name}")
        self.tagger = OnnxTagger(self.root / "model.onnx", self.root / "tokenizer.json",
                                 max_len=int(self.config.get("max_len", 256)), batch_size=batch_size,
                                 threads=threads, title_tokens=int(self.config.get("title_tokens", 24)))
        self.aux: Any = None
        if self.config.get("stack_baseline") and (self.root / "baseline.npz").is_file():
            from propscope.analyzers.techniques.baseline import HashedTC

            self.aux = HashedTC(self.root / "baseline.npz")

    def score(self, items: Sequence[Item]) -> list[Scored]:
        encoded = [self.tagger.encode(it.text, it.sentences, it.title) for it in items]
        logits = self.token_logits(items, encoded)
        out = []
        for it, enc, lg in zip(items, encoded, logits, strict=True):
            ctx = ArticleContext(it.text, it.sentences, it.title)
            out.append(Scored(it, ctx, enc.starts, enc.ends, enc.sentence, sigmoid(lg[:, 0]), lg))
        return out

    def token_logits(self, items: Sequence[Item], encoded: Sequence[Any]) -> list[np.ndarray]:
        """Per article ``[n_tokens, 1 + n_techniques]`` logits: the ONNX encoder's (training
        substitutes cross-fitted ones)."""
        return self.tagger.logits(encoded)

    def aux_for(self, scored: Scored) -> Any:
        """The stacked baseline for this article (training substitutes a cross-fitted one)."""
        return self.aux

    def span_feature_matrix(self, scored: Scored, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        rows = []
        for s, e in spans:
            a, b = token_range(scored.starts, scored.ends, s, e)
            rows.append(np.concatenate([span_features(scored.ctx, s, e), pooled_model_features(scored.state, a, b)]))
        X = np.stack(rows).astype(np.float64)
        aux = self.aux_for(scored)
        if aux is not None:  # the baseline's technique probabilities, stacked
            X = np.concatenate([X, np.log(aux.probs(scored.ctx, spans) + 1e-4)], axis=1)
        return X
