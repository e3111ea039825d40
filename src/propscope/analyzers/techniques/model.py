"""The fine-tuned encoder (int8 ONNX) as a :class:`~propscope.analyzers.techniques.predictor.Predictor`.

It scores tokens with the ONNX tagger, and its stacked technique classifier reads span
features, pooled encoder states and (when the model was trained so) the hashed-feature
baseline's technique probabilities (:class:`~propscope.analyzers.techniques.baseline.HashedTC`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.baseline import HashedTC
from propscope.analyzers.techniques.decoding import (
    ArticleContext,
    pooled_model_features,
    sigmoid,
    span_features,
    token_range,
)
from propscope.analyzers.techniques.predictor import Item, Predictor, Scored, default_model_dir
from propscope.errors import ModelError

__all__ = ["NeuralPredictor"]


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
