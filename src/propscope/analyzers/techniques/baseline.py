"""The non-neural baseline: logistic regression over hashed word features (numpy at run time).

* Span identification: a per-word logistic regression (the word, its neighbours, bigrams,
  suffix, shape, position in the sentence, how often the word recurs in the article) whose
  probabilities go through the same decoding as the neural model.
* Technique classification: a multinomial logistic regression over the fragment's hashed
  unigrams and bigrams, the words around it, and the same hand-made span features as the
  stacked neural classifier (recurrence, length, position, punctuation).

Features are hashed with CRC-32 (stable across processes and platforms) into fixed-size
weight vectors stored in ``baseline.npz``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from propscope.analyzers.techniques.decoding import ArticleContext, sigmoid, span_features
from propscope.analyzers.techniques.predictor import Item, Predictor, Scored, default_model_dir
from propscope.errors import ModelError

__all__ = ["SI_DIM", "TC_DIM", "BaselinePredictor", "HashedTC", "hash_features", "si_word_features", "tc_span_features",
           "words_of"]

SI_DIM = 1 << 18
TC_DIM = 1 << 16
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def words_of(text: str, sentences: Sequence[tuple[int, int]]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Word tokens (``\\w+`` or one punctuation mark) with offsets and sentence index."""
    toks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sent: list[int] = []
    for k, (a, b) in enumerate(sentences):
        for m in _TOKEN.finditer(text, a, b):
            toks.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
            sent.append(k)
    return (toks, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64),
            np.asarray(sent, dtype=np.int64))


def hash_features(names: Sequence[str], dim: int) -> np.ndarray:
    return np.fromiter((zlib.crc32(n.encode("utf-8")) % dim for n in names), dtype=np.int64, count=len(names))


def _shape(w: str) -> str:
    if w.isdigit():
        return "d"
    if not w[0].isalnum():
        return "p"
    if w.isupper() and len(w) > 1:
        return "X"
    return "Xx" if w[0].isupper() else "x"


def _bucket(n: int, edges: Sequence[int]) -> int:
    for i, e in enumerate(edges):
        if n <= e:
            return i
    return len(edges)


def si_word_features(toks: list[str], sent: np.ndarray, ctx: ArticleContext) -> list[list[str]]:
    """Feature names per word for span identification."""
    assert ctx.words is not None
    lower = [t.lower() for t in toks]
    n = len(toks)
    # sentence extents
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, k in enumerate(sent.tolist()):
        first.setdefault(k, i)
        last[k] = i
    out = []
    for i in range(n):
        k = int(sent[i])
        lo, hi = first[k], last[k]

        def w(j: int) -> str:
            return lower[j] if lo <= j <= hi else ("<s>" if j < lo else "</s>")

        f = ["bias", "w=" + lower[i], "p=" + w(i - 1), "n=" + w(i + 1), "pp=" + w(i - 2), "nn=" + w(i + 2),
             "b=" + w(i - 1) + "|" + lower[i], "b+=" + lower[i] + "|" + w(i + 1), "s3=" + lower[i][-3:],
             "shape=" + _shape(toks[i]), "pos=%d" % _bucket(i - lo, (0, 1, 2, 5, 10, 20)),
             "rpos=%d" % _bucket(hi - i, (0, 1, 2, 5, 10, 20)), "len=%d" % _bucket(hi - lo + 1, (5, 10, 20, 40)),
             "rep=%d|%d" % (_bucket(ctx.words[lower[i]], (1, 2, 4, 8)), len(lower[i]) > 3),
             "first=%d" % (k == 0)]
        for j in range(max(lo, i - 3), min(hi, i + 3) + 1):
            if j != i:
                f.append("c=" + lower[j])
        out.append(f)
    return out


def tc_span_features(ctx: ArticleContext, start: int, end: int) -> tuple[list[str], np.ndarray]:
    """Hashed feature names and dense hand features of one fragment."""
    frag = ctx.text[start:end].lower()
    ws = [m.group() for m in _TOKEN.finditer(frag)]
    names = ["bias"] + ["u=" + w for w in ws] + ["bi=" + a + "|" + b for a, b in zip(ws, ws[1:], strict=False)]
    if ws:
        names += ["first=" + ws[0], "last=" + ws[-1]]
    left = [m.group() for m in _TOKEN.finditer(ctx.text[max(0, start - 40) : start].lower())][-3:]
    right = [m.group() for m in _TOKEN.finditer(ctx.text[end : end + 40].lower())][:3]
    names += ["l=" + w for w in left] + ["r=" + w for w in right]
    names.append("nw=%d" % _bucket(len(ws), (1, 2, 3, 5, 8, 13, 21)))
    return names, span_features(ctx, start, end)


class HashedTC:
    """The baseline's weights; its technique classifier also feeds the neural stacker."""

    def __init__(self, path: Path):
        if not path.is_file():
            raise ModelError(f"model folder {path.parent} is missing {path.name}")
        with np.load(path, allow_pickle=False) as z:
            self.si_w = z["si_w"].astype(np.float32)
            self.si_b = float(z["si_b"])
            self.tc_w = z["tc_w"].astype(np.float32)  # [C, TC_DIM]
            self.tc_dense = z["tc_dense"].astype(np.float32)  # [C, F]
            self.tc_b = z["tc_b"].astype(np.float32)
            self.tc_mean = z["tc_mean"].astype(np.float32)
            self.tc_scale = z["tc_scale"].astype(np.float32)

    def probs(self, ctx: ArticleContext, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        rows = []
        for s, e in spans:
            names, dense = tc_span_features(ctx, s, e)
            idx = hash_features(names, TC_DIM)
            rows.append(self.tc_w[:, idx].sum(1) + self.tc_dense @ ((dense - self.tc_mean) / self.tc_scale)
                        + self.tc_b)
        if not rows:
            return np.zeros((0, self.tc_w.shape[0]))
        z = np.stack(rows).astype(np.float64)
        z -= z.max(1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(1, keepdims=True)  # type: ignore[no-any-return]


class BaselinePredictor(Predictor):
    kind = "baseline"
    required = ("baseline.npz", "labels.json", "calibration.json")

    def __init__(self, root: Path | None = None, *, check: bool = True):
        super().__init__(root or default_model_dir("techniques_baseline"), check=check)
        self.tc = HashedTC(self.root / "baseline.npz")
        self.si_w, self.si_b = self.tc.si_w, self.tc.si_b

    def score(self, items: Sequence[Item]) -> list[Scored]:
        out = []
        for it in items:
            ctx = ArticleContext(it.text, it.sentences, it.title)
            toks, starts, ends, sent = words_of(it.text, it.sentences)
            feats = si_word_features(toks, sent, ctx)
            z = np.asarray([self.si_w[hash_features(f, SI_DIM)].sum() for f in feats], dtype=np.float32) + self.si_b
            out.append(Scored(it, ctx, starts, ends, sent, sigmoid(z) if len(z) else np.zeros(0), None))
        return out

    def span_probs(self, scored: Scored, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        return self.tc.probs(scored.ctx, spans)

    def span_feature_matrix(self, scored: Scored, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        raise NotImplementedError("the baseline classifies fragments directly")
