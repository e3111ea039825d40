"""Train the hashed-feature logistic-regression baseline (see ``analyzers/techniques/baseline.py``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.baseline import (
    SI_DIM,
    TC_DIM,
    hash_features,
    si_word_features,
    tc_span_features,
    words_of,
)
from propscope.analyzers.techniques.decoding import ArticleContext
from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.training.data import Doc

log = logging.getLogger("propscope.train")

__all__ = ["train_baseline"]


def _csr(rows: Sequence[np.ndarray], dim: int) -> Any:
    from scipy.sparse import csr_matrix

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    m = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), dim))
    m.sum_duplicates()
    return m


def train_baseline(fit_docs: Sequence[Doc], out_dir: Path, *, seed: int = 13, C_si: float = 0.3,
                   C_tc: float = 1.0) -> dict[str, Any]:
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression

    si_rows: list[np.ndarray] = []
    si_y: list[int] = []
    tc_rows: list[np.ndarray] = []
    tc_dense: list[np.ndarray] = []
    tc_y: list[int] = []
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    for d in fit_docs:
        ctx = ArticleContext(d.text, d.article.lines, d.article.title)
        toks, starts, ends, sent = words_of(d.text, d.article.lines)
        inside = np.zeros(len(toks), dtype=np.int64)
        for r in d.gold:
            inside[(starts < r.end) & (ends > r.start)] = 1
        for f in si_word_features(toks, sent, ctx):
            si_rows.append(hash_features(f, SI_DIM))
        si_y.extend(inside.tolist())
        for r in d.gold:
            names, dense = tc_span_features(ctx, r.start, r.end)
            tc_rows.append(hash_features(names, TC_DIM))
            tc_dense.append(dense)
            tc_y.append(index[r.technique])
    log.info("baseline: %d words, %d fragments", len(si_y), len(tc_y))
    X = _csr(si_rows, SI_DIM)
    si = LogisticRegression(C=C_si, solver="liblinear", max_iter=200, random_state=seed)
    si.fit(X, np.asarray(si_y))
    D = np.stack(tc_dense)
    mean = D.mean(0)
    scale = D.std(0)
    scale[scale < 1e-6] = 1.0
    Xt = hstack([_csr(tc_rows, TC_DIM), (D - mean) / scale]).tocsr()
    tc = LogisticRegression(C=C_tc, max_iter=2000, random_state=seed)
    tc.fit(Xt, np.asarray(tc_y))
    coef = np.zeros((len(TECHNIQUES), Xt.shape[1]), dtype=np.float32)
    b = np.full(len(TECHNIQUES), -30.0, dtype=np.float32)
    for j, c in enumerate(tc.classes_):
        coef[c] = tc.coef_[j]
        b[c] = tc.intercept_[j]
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out_dir / "baseline.npz",
        si_w=si.coef_[0].astype(np.float16), si_b=np.float32(si.intercept_[0]),
        tc_w=coef[:, :TC_DIM].astype(np.float16), tc_dense=coef[:, TC_DIM:], tc_b=b,
        tc_mean=mean.astype(np.float32), tc_scale=scale.astype(np.float32),
    )
    return {"words": len(si_y), "fragments": len(tc_y), "C_si": C_si, "C_tc": C_tc}
