"""Fits the narratives head (:mod:`propscope.analyzers.narratives.head`); numpy only.

Called by ``benchmarks/bench_narratives.py --fit`` with the embeddings of the gold's *train*
sentences (never dev), their labels, the article of each (for folds), and the catalogue's
examples and negatives:

1. per narrative, an L2-regularised logistic regression (Newton's method, classes not
   reweighted: balancing lost recall at a fixed precision in cross-validation) over the 384-dimensional unit embedding; its positives are the train sentences
   labelled with the narrative and the narrative's catalogue examples, its negatives every
   other train sentence (other narratives' included) and the catalogue's negatives;
2. five folds by article give out-of-fold logits for every train sentence; a Platt scaling
   (one slope, one intercept over all narratives) is fitted on them, and the threshold on a
   sentence's best probability is the one with the largest out-of-fold recall at precision
   ``target_precision`` or more;
3. the shipped weights are refitted on all train sentences.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from propscope.analyzers.narratives.head import NarrativeHead

__all__ = ["choose_threshold", "fit_head", "fit_logistic", "folds_by_group"]

L2 = 1e-4
FOLDS = 5


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = L2, balanced: bool = True,
                 iters: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of ``P(y=1|x) = sigmoid(x @ w + b)`` minimising the weighted mean
    log-loss plus ``l2/2 * |w|^2`` (the bias is not penalised), by Newton's method."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, d = x.shape
    if balanced and 0 < y.sum() < n:
        pos = y.mean()
        sw = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))
    else:
        sw = np.ones(n)
    sw = sw / sw.sum()
    xb = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 1e-8
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ theta, -30, 30)))
        grad = xb.T @ (sw * (p - y)) + reg * theta
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.abs(step).max() < 1e-7:
            break
    return theta[:-1], float(theta[-1])


def folds_by_group(groups: Sequence[str], k: int = FOLDS) -> np.ndarray:
    """A fold number per row, the same for every row of a group (an article), stable across runs."""
    return np.asarray([zlib.crc32(str(g).encode()) % k for g in groups])


def choose_threshold(probs: np.ndarray, y: np.ndarray, target_precision: float,
                     min_kept: int = 5) -> tuple[float, float, float]:
    """The threshold on each row's best probability with the largest recall at precision >=
    ``target_precision`` (short of it, the best precision); and that (precision, recall).
    Recall counts every gold label; a row keeps only its best narrative."""
    best = probs.argmax(axis=1)
    top = probs[np.arange(len(probs)), best]
    correct = y[np.arange(len(probs)), best] == 1
    n_gold = max(1, int(y.sum()))
    threshold, pr, key_best = 1.0, (0.0, 0.0), (-1.0, -1.0)
    for t in np.unique(np.round(top, 4)):
        sel = top >= t
        if sel.sum() < min_kept:
            continue
        p, r = float(correct[sel].mean()), float(correct[sel].sum() / n_gold)
        key = (1.0, r) if p >= target_precision else (0.0, p)
        if key > key_best:
            threshold, pr, key_best = float(t), (p, r), key
    return threshold, round(pr[0], 3), round(pr[1], 3)


def _fit_all(vecs: np.ndarray, y: np.ndarray, ex_vecs: np.ndarray, ex_owner: np.ndarray,
             neg_vecs: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    k = y.shape[1]
    x = np.vstack([vecs, ex_vecs, neg_vecs])
    weights = np.zeros((k, vecs.shape[1]))
    bias = np.full(k, -10.0)
    for j in range(k):
        target = np.concatenate([y[:, j], (ex_owner == j).astype(float), np.zeros(len(neg_vecs))])
        if target.sum() == 0:  # nothing to learn from: the head never fires for it
            continue
        weights[j], bias[j] = fit_logistic(x, target, l2=l2, balanced=False)
    return weights, bias


def fit_head(ids: Sequence[str], vecs: np.ndarray, y: np.ndarray, groups: Sequence[str],
             ex_vecs: np.ndarray, ex_owner: np.ndarray, neg_vecs: np.ndarray, *,
             target_precision: float = 0.85, l2: float = L2, info: dict | None = None) -> NarrativeHead:
    """The head for narratives ``ids`` (columns of ``y``), from train sentence embeddings
    ``vecs`` with labels ``y`` ([n, len(ids)], 0/1) and their articles ``groups``, plus the
    catalogue's example vectors (``ex_owner``: the column of each) and negative vectors."""
    y = np.asarray(y, dtype=np.float64)
    folds = folds_by_group(groups)
    oof = np.zeros(y.shape)
    for f in range(FOLDS):
        te = folds == f
        if not te.any():
            continue
        w, b = _fit_all(vecs[~te], y[~te], ex_vecs, ex_owner, neg_vecs, l2)
        oof[te] = vecs[te] @ w.T + b
    a, c = fit_logistic(oof.reshape(-1, 1), y.reshape(-1), l2=0.0, balanced=False)
    probs = 1.0 / (1.0 + np.exp(-(a[0] * oof + c)))
    threshold, p, r = choose_threshold(probs, y, target_precision)
    w, b = _fit_all(vecs, y, ex_vecs, ex_owner, neg_vecs, l2)
    meta = dict(info or {})
    meta.update({"train_sentences": int(len(vecs)), "train_positives": int((y.sum(axis=1) > 0).sum()),
                 "catalogue_examples": int(len(ex_vecs)), "catalogue_negatives": int(len(neg_vecs)),
                 "l2": l2, "cv_folds_by_article": FOLDS, "target_precision": target_precision,
                 "cv_precision_at_threshold": p, "cv_recall_at_threshold": r})
    return NarrativeHead(tuple(ids), w.astype(np.float32), b.astype(np.float32),
                         (round(float(a[0]), 6), round(float(c), 6)), round(threshold, 4), meta)
