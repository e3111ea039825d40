"""Fit what sits on top of token scores, on the held-out part of train only.

* the stacked technique classifier (multinomial logistic regression; C by 5-fold CV),
* the span decoding parameters (grid search for the best SI F1),
* per-technique isotonic calibration and thresholds, and the sentence-score calibration.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from propscope.analyzers.techniques.decoding import Calibrator, LinearModel, token_range
from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.analyzers.techniques.predictor import Predictor, Scored
from propscope.evaluation.ptc import PTCArticle, fragment_matches, score_articles, si_scores, touches_gold
from propscope.training.data import Doc

log = logging.getLogger("propscope.train")

__all__ = ["fit_calibration", "fit_decoding", "fit_stacker", "gold_matrix"]


def gold_matrix(predictor: Predictor, docs: Sequence[Doc], scored: Sequence[Scored]) -> tuple[np.ndarray, np.ndarray]:
    """Span features and technique index of every gold row."""
    X, y = [], []
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    for d, sc in zip(docs, scored, strict=True):
        rows = d.gold
        if not rows:
            continue
        X.append(predictor.span_feature_matrix(sc, [(r.start, r.end) for r in rows]))
        y.extend(index[r.technique] for r in rows)
    return np.concatenate(X), np.asarray(y)


def _fit_lr(X: np.ndarray, y: np.ndarray, C: float, seed: int) -> LinearModel:
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(0)
    scale = X.std(0)
    scale[scale < 1e-6] = 1.0
    clf = LogisticRegression(C=C, max_iter=3000, random_state=seed)
    clf.fit((X - mean) / scale, y)
    coef = np.zeros((len(TECHNIQUES), X.shape[1]))
    intercept = np.full(len(TECHNIQUES), -30.0)
    for j, c in enumerate(clf.classes_):
        coef[c] = clf.coef_[j]
        intercept[c] = clf.intercept_[j]
    return LinearModel(coef, intercept, mean, scale)


def _grouped_accuracy(model: LinearModel, X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """Accuracy with the distinct-top-n rule for rows of the same fragment."""
    from propscope.analyzers.techniques.decoding import assign_rows

    p = model.proba(X)
    hit = 0
    by: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by[int(g)].append(i)
    for rows in by.values():
        pred = assign_rows(p[rows[0]], len(rows))
        gold = [int(y[i]) for i in rows]
        for k in pred:
            if k in gold:
                gold.remove(k)
                hit += 1
    return hit / len(y)


def fit_stacker(X: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int = 13
                ) -> tuple[LinearModel, dict[str, Any]]:
    """Choose C by 5-fold CV (folds by fragment group), then fit on all rows."""
    rng = np.random.RandomState(seed)
    uniq = np.unique(groups)
    fold_of = dict(zip(uniq, rng.randint(0, 5, size=len(uniq)), strict=True))
    folds = np.asarray([fold_of[g] for g in groups])
    results = {}
    for C in (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0):
        accs = []
        for f in range(5):
            tr, te = folds != f, folds == f
            if te.sum() == 0 or len(np.unique(y[tr])) < 2:
                continue
            m = _fit_lr(X[tr], y[tr], C, seed)
            accs.append(_grouped_accuracy(m, X[te], y[te], groups[te]) * te.sum())
        results[C] = float(sum(accs) / len(y))
        log.info("stacker C=%s CV accuracy %.4f", C, results[C])
    best_c = max(results, key=lambda c: results[c])
    return _fit_lr(X, y, best_c, seed), {"C": best_c, "cv_accuracy": results[best_c], "cv": results}


def fit_decoding(predictor: Predictor, articles: Sequence[PTCArticle], scored: Sequence[Scored],
                 gold: Sequence[tuple[str, int, int]]) -> tuple[dict[str, Any], dict[str, float]]:
    best: tuple[float, dict[str, Any], dict[str, float]] = (-1.0, {}, {})
    for high in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        for dl in (0.0, 0.1, 0.2):
            for gap in (0, 1, 2):
                for mt in (1, 2):
                    params = {"high": high, "low": round(high - dl, 3), "max_gap": gap, "min_tokens": mt}
                    pred = [(a.id, s, e) for a, sc in zip(articles, scored, strict=True)
                            for s, e, _ in predictor.spans(sc, **params)]
                    sc_ = si_scores(pred, gold)
                    if sc_["f1"] > best[0]:
                        best = (sc_["f1"], params, sc_)
    log.info("decoding %s held-out SI %s", best[1], best[2])
    return best[1], best[2]


def _isotonic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
    iso.fit(x, y)
    return np.asarray(iso.X_thresholds_, dtype=np.float64), np.asarray(iso.y_thresholds_, dtype=np.float64)


def fit_calibration(predictor: Predictor, docs: Sequence[Doc], scored: Sequence[Scored]) -> tuple[Calibrator, dict]:
    """Isotonic maps per technique (raw = span prob × technique prob) and an F1-best threshold each."""
    cand: dict[str, list[tuple[float, int]]] = defaultdict(list)
    n_gold: dict[str, int] = defaultdict(int)
    sent_x, sent_y = [], []
    for d, sc in zip(docs, scored, strict=True):
        golds = d.gold
        for r in golds:
            n_gold[r.technique] += 1
        for s, e, raw in predictor.raw_candidates(sc):
            for k in np.argsort(-raw)[:2]:
                name = TECHNIQUES[int(k)]
                ok = any(r.technique == name and fragment_matches(s, e, r) for r in golds)
                cand[name].append((float(raw[k]), int(ok)))
        for s, e in sc.item.sentences:
            a, b = token_range(sc.starts, sc.ends, s, e)
            sent_x.append(float(sc.p_span[a:b].max()) if b > a else 0.0)
            sent_y.append(int(touches_gold(s, e, golds)))
    maps: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    pooled = [c for v in cand.values() for c in v]
    pooled_map = _isotonic(np.asarray([c[0] for c in pooled]), np.asarray([c[1] for c in pooled])) if pooled else None
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {}
    for name in TECHNIQUES:
        rows = cand.get(name, [])
        pos = sum(o for _, o in rows)
        if rows and pos >= 10:
            maps[name] = _isotonic(np.asarray([r for r, _ in rows]), np.asarray([o for _, o in rows]))
        elif pooled_map is not None:
            maps[name] = pooled_map
        cal = Calibrator(maps, {})
        scores = np.asarray([float(cal(name, r)) for r, _ in rows]) if rows else np.zeros(0)
        oks = np.asarray([o for _, o in rows])
        best_t, best_f = 0.5, -1.0
        for t in np.arange(0.05, 0.96, 0.05):
            keep = scores >= t
            tp = float(oks[keep].sum()) if rows else 0.0
            p = tp / keep.sum() if keep.sum() else 0.0
            r = min(1.0, tp / n_gold[name]) if n_gold[name] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            if f > best_f + 1e-9:
                best_f, best_t = f, float(round(t, 2))
        thresholds[name] = best_t
        report[name] = {"candidates": len(rows), "positives": pos, "threshold": best_t, "heldout_f1": best_f}
    if sent_x:
        maps["sentence"] = _isotonic(np.asarray(sent_x), np.asarray(sent_y))
        thresholds["sentence"] = 0.5
    return Calibrator(maps, thresholds), report


def heldout_scored(predictor: Predictor, docs: Sequence[Doc]) -> list[Scored]:
    return score_articles(predictor, [d.article for d in docs])  # type: ignore[return-value]
