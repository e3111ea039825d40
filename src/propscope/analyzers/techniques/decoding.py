"""From token scores to fragments, techniques and calibrated scores (numpy only).

* :func:`decode_spans` — hysteresis decoding of the per-token span probability: a fragment
  starts at a token above ``high``, grows while neighbours stay above ``low`` (bridging
  ``max_gap`` weaker tokens), never crosses a sentence, and is snapped to whole words.
* :func:`span_features` — what the encoder cannot see on its own: whether the fragment's
  text recurs elsewhere in the article (Repetition), its length, position, punctuation,
  overlap with the title, plus the technique scores pooled over its tokens.
* :class:`LinearModel` — the stacked multinomial logistic regression over those features.
* :class:`Calibrator` — per-technique isotonic maps to [0, 1] with a threshold per technique.
* :func:`assign_rows` — template rows naming the same fragment get distinct techniques.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "HAND_FEATURES",
    "ArticleContext",
    "Calibrator",
    "LinearModel",
    "assign_rows",
    "decode_spans",
    "sigmoid",
    "snap_to_words",
    "span_features",
    "token_range",
]


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim surrounding whitespace, then grow both ends to whole words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start > 0 and start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def decode_spans(
    prob: np.ndarray,
    sentence: np.ndarray,
    *,
    high: float = 0.5,
    low: float | None = None,
    max_gap: int = 0,
    min_tokens: int = 1,
) -> list[tuple[int, int]]:
    """Token ranges ``[a, b)`` of fragments (see the module docstring).

    Within each sentence, tokens at or above ``low`` form runs (bridging at most ``max_gap``
    tokens below it); a run is a fragment when it holds a token at or above ``high`` and
    spans at least ``min_tokens`` tokens.
    """
    low = high if low is None else min(low, high)
    n = int(prob.shape[0])
    out: list[tuple[int, int]] = []
    if n == 0:
        return out
    cuts = np.nonzero(np.diff(sentence))[0] + 1
    bounds = np.concatenate([[0], cuts, [n]])
    weak = prob >= low
    strong = prob >= high
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        idx = np.nonzero(weak[lo:hi])[0] + lo
        if idx.size == 0:
            continue
        start = prev = int(idx[0])
        for i in list(idx[1:].tolist()) + [None]:
            if i is not None and i - prev - 1 <= max_gap:
                prev = i
                continue
            if prev + 1 - start >= min_tokens and strong[start : prev + 1].any():
                out.append((start, prev + 1))
            if i is not None:
                start = prev = i
    return out


def token_range(starts: np.ndarray, ends: np.ndarray, start: int, end: int) -> tuple[int, int]:
    """Tokens overlapping characters ``[start, end)``; an empty range when none do."""
    idx = np.nonzero((starts < end) & (ends > start))[0]
    if idx.size == 0:
        a = int(np.searchsorted(starts, start))
        return a, a
    return int(idx[0]), int(idx[-1]) + 1


_WORD = re.compile(r"\w+", re.UNICODE)
_CAPS = re.compile(r"\b[A-Z]{2,}\b")
_QUOTES = set("\"“”«»‘’'")


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


@dataclass
class ArticleContext:
    """Per-article data the span features reuse: normalised text, word counts, title."""

    text: str
    sentences: Sequence[tuple[int, int]]
    title: str | None
    lower: str = ""
    words: Counter[str] | None = None
    title_norm: str = ""

    def __post_init__(self) -> None:
        self.lower = " " + _norm(self.text) + " "
        self.words = Counter(_WORD.findall(self.text.lower()))
        self.title_norm = " " + _norm(self.title or "") + " "
        self._sent_starts = np.asarray([s for s, _ in self.sentences] or [0], dtype=np.int64)

    def sentence_of(self, offset: int) -> tuple[int, int, int]:
        if not self.sentences:
            return 0, 0, len(self.text)
        k = max(0, int(np.searchsorted(self._sent_starts, offset, side="right")) - 1)
        s, e = self.sentences[k]
        return k, s, e


#: names of the hand-made features, in order (the model features follow them)
HAND_FEATURES: tuple[str, ...] = (
    "log_chars", "log_words", "one_word", "sentence_share", "whole_sentence", "position", "first_line",
    "log_recurrences", "recurs", "recurs_before", "in_title", "word_recurrence", "exclamation", "question",
    "quote", "capitalised_share", "all_caps",
)


def span_features(ctx: ArticleContext, start: int, end: int) -> np.ndarray:
    """Hand-made features of the fragment ``[start, end)`` (see :data:`HAND_FEATURES`)."""
    frag = ctx.text[start:end]
    words = _WORD.findall(frag)
    n_words = max(1, len(words))
    k, s0, s1 = ctx.sentence_of(start)
    sent_len = max(1, s1 - s0)
    norm = _norm(frag)
    recur = before = 0
    if norm:
        needle = " " + norm + " "
        total = ctx.lower.count(needle)
        recur = max(0, total - 1)
        before_text = " " + _norm(ctx.text[:start]) + " "
        before = int(before_text.count(needle) > 0)
    in_title = int(bool(norm) and (" " + norm + " ") in ctx.title_norm and k != 0)
    assert ctx.words is not None
    wr = float(np.mean([math.log1p(max(0, ctx.words[w.lower()] - 1)) for w in words])) if words else 0.0
    caps = sum(1 for w in words if w[:1].isupper()) / n_words
    return np.asarray([
        math.log1p(len(frag)),
        math.log1p(len(words)),
        float(len(words) == 1),
        min(1.0, len(frag) / sent_len),
        float(len(frag) >= 0.9 * sent_len),
        start / max(1, len(ctx.text)),
        float(k == 0),
        math.log1p(recur),
        float(recur > 0),
        float(before),
        float(in_title),
        wr,
        float("!" in frag),
        float("?" in frag),
        float(any(c in _QUOTES for c in frag)),
        caps,
        float(bool(_CAPS.search(frag))),
    ], dtype=np.float32)


def pooled_model_features(logits: np.ndarray, a: int, b: int) -> np.ndarray:
    """Span probability (mean, max) and technique logits (mean) and probabilities (max) over tokens."""
    n_tech = logits.shape[1] - 1
    if b <= a:
        return np.zeros(2 + 2 * n_tech, dtype=np.float32)
    seg = logits[a:b]
    p = sigmoid(seg)
    return np.concatenate([[p[:, 0].mean(), p[:, 0].max()], seg[:, 1:].mean(0), p[:, 1:].max(0)]).astype(np.float32)


@dataclass
class LinearModel:
    """Standardise, then softmax over ``x @ coef.T + intercept``."""

    coef: np.ndarray  # [C, F]
    intercept: np.ndarray  # [C]
    mean: np.ndarray  # [F]
    scale: np.ndarray  # [F]

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def to_json(self) -> dict[str, Any]:
        return {k: np.asarray(getattr(self, k)).tolist() for k in ("coef", "intercept", "mean", "scale")}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> LinearModel:
        return cls(*(np.asarray(d[k], dtype=np.float64) for k in ("coef", "intercept", "mean", "scale")))


@dataclass
class Calibrator:
    """Piecewise-linear (isotonic) maps per name: raw score → probability; thresholds per name."""

    maps: dict[str, tuple[np.ndarray, np.ndarray]]
    thresholds: dict[str, float]

    def __call__(self, name: str, raw: np.ndarray | float) -> np.ndarray:
        if name not in self.maps:
            return np.clip(np.asarray(raw, dtype=np.float64), 0.0, 1.0)
        x, y = self.maps[name]
        return np.clip(np.interp(raw, x, y), 0.0, 1.0)

    def threshold(self, name: str) -> float:
        return float(self.thresholds.get(name, 0.5))

    def to_json(self) -> dict[str, Any]:
        return {
            "maps": {k: {"x": np.asarray(x).tolist(), "y": np.asarray(y).tolist()} for k, (x, y) in self.maps.items()},
            "thresholds": dict(self.thresholds),
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Calibrator:
        maps = {k: (np.asarray(v["x"], dtype=np.float64), np.asarray(v["y"], dtype=np.float64))
                for k, v in d.get("maps", {}).items()}
        return cls(maps, {k: float(v) for k, v in d.get("thresholds", {}).items()})


def assign_rows(probs: np.ndarray, n_rows: int) -> list[int]:
    """Label indices for ``n_rows`` template rows of one fragment: the top-n distinct techniques."""
    order = list(np.argsort(-probs, kind="stable"))
    out = order[: min(n_rows, len(order))]
    while len(out) < n_rows:  # more rows than techniques: repeat the best
        out.append(order[0])
    return [int(i) for i in out]
