"""A cheap first stage for the narratives analyzer: which units are worth the encoder.

Encoding every sentence of an article is most of the narratives step's cost, and most
sentences carry no narrative (one in eight of the hand-labelled train sentences does).  The
pre-filter is a logistic regression over hashed n-grams of the unit (words, word bigrams,
character 4-grams; the context's words can be added, :func:`hashed_features`), fitted on the *train*
rows of ``benchmarks/data/narratives/gold.tsv`` (any narrative against none) with the
catalogue's own examples and negatives.  Its threshold is chosen out of fold (five folds by
article) for a recall of at least ``target_recall`` of the narrative sentences; the units it
keeps go through the encoder and the scorer unchanged.  What matters is how many of the
*scorer's* calls it keeps (only those reach the output): the shipped threshold is the lowest
stored target that keeps them, recall 0.8, which passes 0.38 of the train units out of fold
(0.52 on dev) and keeps 92 of the head's 94 calls on train out of fold and all 5 on dev
(``benchmarks/bench_prefilter.py --model-hits``; at 0.97 it passed 0.69 and kept 94/94).
Rerun that check when the scorer behind it changes: a scorer that finds more narrative
sentences needs a higher target (setting ``prefilter_recall``).

It knows nothing of the scorer behind it (similarity logistic, head or a classifier): its
interface is ``select(pairs) -> indices``, for a list of ``(unit, context)`` texts.  A
catalogue narrative it was not fitted with (a user's addition) turns it off
(:meth:`Prefilter.covers`): it cannot know the words of a narrative it never saw.

Shipped as ``propscope/models/prefilter``::

    prefilter.npz      the non-zero weights: ``index`` (int32 hash buckets), ``weight`` (float32)
    prefilter.json     format, buckets, bias, threshold, the narrative ids it was fitted on,
                       the figures of the fit (pass fraction, recall out of fold)
    MANIFEST.sha256    checked at load

Fitted by ``benchmarks/bench_prefilter.py --fit`` (numpy and scipy only).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError
from propscope.manifest import check_manifest

__all__ = ["BUCKETS", "PREFILTER_FORMAT", "Prefilter", "default_prefilter_dir", "fit_prefilter", "prefilter_for",
           "hashed_features", "threshold_for_recall", "unit_pairs"]

PREFILTER_FORMAT = "propscope.narratives.prefilter/1"
#: hash buckets of the feature space (2**18: few collisions for a vocabulary of news sentences)
BUCKETS = 1 << 18
_REQUIRED = ("prefilter.npz", "prefilter.json")
#: the recall targets whose thresholds a fit stores besides its own (setting ``prefilter_recall``)
RECALL_TARGETS = (0.8, 0.9, 0.95, 0.97, 0.99)
_WORD = re.compile(r"\w+")


def default_prefilter_dir() -> Path:
    return Path(str(resources.files("propscope") / "models" / "prefilter"))


def _bucket(feature: str) -> int:
    # crc32, not hash(): Python salts str hashes per process
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)


@lru_cache(maxsize=1 << 16)
def _word_buckets(word: str) -> tuple[int, ...]:
    """The buckets of a word's own feature and of its character 4-grams, its edges marked
    (inflections and compounds); cached: news repeats its words, and hashing them was most
    of the pre-filter's time."""
    m = f"<{word}>"
    return tuple({_bucket("u:" + word), *(_bucket("g:" + m[i:i + 4]) for i in range(max(1, len(m) - 3)))})


def hashed_features(unit: str, context: str = "", *, context_words: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The unit's feature buckets and values: its words, word bigrams and the character
    4-grams of its words (lowercased; out of fold on the train gold the 4-grams lowered the
    pass fraction at recall 0.97 from 0.767 to 0.696) and a length bucket, each present
    feature 1, the row scaled to unit length.  With
    ``context_words`` the context's words count too; off by default: out of fold on the
    train gold they lowered nothing (pass fraction 0.777 with them, 0.767 without, at
    recall 0.97) and cost half of the pre-filter's time."""
    words = _WORD.findall(unit.lower())
    buckets: set[int] = set()
    for w in set(words):
        buckets.update(_word_buckets(w))
    buckets.update(_bucket(f"b:{a} {b}") for a, b in zip(words, words[1:], strict=False))
    if context_words:
        buckets.update(_bucket("c:" + w) for w in _WORD.findall(context.lower()))
    buckets.add(_bucket(f"n:{min(6, len(words) // 8)}"))  # a coarse length bucket
    idx = np.fromiter(buckets, dtype=np.int64)
    idx.sort()
    return idx, np.full(idx.shape, 1.0 / np.sqrt(max(1, idx.size)), dtype=np.float32)


@dataclass(frozen=True)
class Prefilter:
    """Hashed n-gram logistic weights, a bias and the threshold on the probability."""

    weights: np.ndarray  # [BUCKETS] float32
    bias: float
    threshold: float
    narratives: tuple[str, ...] = ()
    info: dict[str, Any] = field(default_factory=dict)
    #: other recall targets (out of fold) and their thresholds, for :meth:`for_recall`
    thresholds: dict[float, float] = field(default_factory=dict)

    @classmethod
    def load(cls, model_dir: str | Path | None = None) -> Prefilter:
        root = Path(model_dir) if model_dir is not None else default_prefilter_dir()
        if not root.is_dir():
            raise ModelError(f"narrative pre-filter folder {root} does not exist", analyzer="narratives")
        check_manifest(root, _REQUIRED, analyzer="narratives")
        try:
            meta = json.loads((root / "prefilter.json").read_text(encoding="utf-8"))
            if meta.get("format") != PREFILTER_FORMAT:
                raise ValueError(f"format {meta.get('format')!r} is not {PREFILTER_FORMAT!r}")
            if int(meta.get("buckets", 0)) != BUCKETS:
                raise ValueError(f"{meta.get('buckets')} buckets, not {BUCKETS}")
            with np.load(root / "prefilter.npz", allow_pickle=False) as data:
                index = np.asarray(data["index"], dtype=np.int64)
                weight = np.asarray(data["weight"], dtype=np.float32)
            if index.shape != weight.shape or (index.size and (index.min() < 0 or index.max() >= BUCKETS)):
                raise ValueError("index and weight do not match the buckets")
            dense = np.zeros(BUCKETS, dtype=np.float32)
            dense[index] = weight
            return cls(dense, float(meta["bias"]), float(meta["threshold"]),
                       tuple(str(n) for n in meta.get("narratives") or ()), dict(meta.get("info") or {}),
                       {float(r): float(t) for r, t in (meta.get("thresholds") or {}).items()})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"bad narrative pre-filter in {root}: {exc}", analyzer="narratives") from exc

    def save(self, model_dir: str | Path) -> None:
        root = Path(model_dir)
        root.mkdir(parents=True, exist_ok=True)
        index = np.flatnonzero(self.weights).astype(np.int32)
        np.savez_compressed(root / "prefilter.npz", index=index, weight=self.weights[index].astype(np.float32))
        meta = {"format": PREFILTER_FORMAT, "buckets": BUCKETS, "bias": round(self.bias, 6),
                "threshold": round(self.threshold, 6),
                "thresholds": {str(r): round(t, 6) for r, t in sorted(self.thresholds.items())},
                "narratives": list(self.narratives), "info": self.info}
        (root / "prefilter.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    def for_recall(self, recall: float) -> Prefilter:
        """The same model with the threshold fitted for another recall target (out of fold)."""
        for r, t in self.thresholds.items():
            if abs(r - float(recall)) < 1e-9:
                return replace(self, threshold=t)
        have = ", ".join(f"{r:g}" for r in sorted(self.thresholds)) or "none"
        raise ModelError(f"the narrative pre-filter has no threshold for recall {recall:g}; it has: {have}",
                         analyzer="narratives")

    def covers(self, narrative_ids: Iterable[str]) -> bool:
        """Whether it was fitted with every one of these narratives (else it must not filter)."""
        return set(narrative_ids) <= set(self.narratives)

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Per ``(unit, context)`` pair: the probability that the unit carries a narrative."""
        z = np.empty(len(pairs), dtype=np.float64)
        for i, (unit, context) in enumerate(pairs):
            idx, val = hashed_features(unit, context)
            z[i] = float(self.weights[idx] @ val) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def select(self, pairs: Sequence[tuple[str, str]]) -> list[int]:
        """The indices (in order) of the pairs whose unit should be scored."""
        return [int(i) for i in np.flatnonzero(self.probabilities(pairs) >= self.threshold)]


def unit_pairs(texts: Sequence[str], context: Sequence[Sequence[int]]) -> list[tuple[str, str]]:
    """``(unit, context)`` texts: each text with its context units' texts (``context[i]``:
    indices into ``texts``, as :meth:`~.analyzer.NarrativesAnalyzer.unit_inputs` gives them)."""
    return [(t, " ".join(texts[j] for j in around if 0 <= j < len(texts) and j != i))
            for i, (t, around) in enumerate(zip(texts, context, strict=True))]


def prefilter_for(setting: Any, narrative_ids: Iterable[str], recall: float | None = None) -> Prefilter | None:
    """The pre-filter an analyzer setting asks for: ``None`` (the default), the shipped one
    when it is there and covers every narrative of the catalogue; ``False`` or ``"none"``,
    none; a folder, that one (a :class:`ModelError` when it does not cover the catalogue).
    ``recall``: the threshold of another recall target it was fitted for."""
    if setting in (False, "none", "", "off"):
        return None
    ids = list(narrative_ids)
    if setting is None or setting is True:
        if not (default_prefilter_dir() / "prefilter.json").is_file():
            return None
        pf = Prefilter.load()
        if not pf.covers(ids):
            return None
    else:
        pf = Prefilter.load(setting)
        if not pf.covers(ids):
            missing = sorted(set(ids) - set(pf.narratives))
            raise ModelError(f"the narrative pre-filter in {setting} was not fitted with {missing}; refit it or "
                             "set prefilter: none", analyzer="narratives")
    return pf if recall is None else pf.for_recall(float(recall))


def _matrix(pairs: Sequence[tuple[str, str]]) -> Any:
    from scipy import sparse

    rows, cols, vals = [], [], []
    for i, (unit, context) in enumerate(pairs):
        idx, val = hashed_features(unit, context)
        rows.append(np.full(idx.size, i))
        cols.append(idx)
        vals.append(val)
    if not pairs:
        return sparse.csr_matrix((0, BUCKETS), dtype=np.float64)
    return sparse.csr_matrix((np.concatenate(vals).astype(np.float64), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(len(pairs), BUCKETS))


def _fit(x: Any, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression (L-BFGS) on a sparse matrix."""
    from scipy.optimize import minimize

    pos = max(1.0, float(y.sum()))
    neg = max(1.0, float(len(y) - y.sum()))
    sw = np.where(y > 0, len(y) / (2 * pos), len(y) / (2 * neg))
    used = np.unique(x.indices)  # only the buckets the data touches get a weight
    xu = x[:, used]
    n = len(y)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = xu @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        ll = np.logaddexp(0.0, z) - y * z
        g = sw * (p - y)
        return (float(sw @ ll) / n + 0.5 * l2 * float(w @ w),
                np.concatenate([xu.T @ g / n + l2 * w, [g.sum() / n]]))

    res = minimize(loss, np.zeros(len(used) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    weights = np.zeros(BUCKETS, dtype=np.float32)
    weights[used] = res.x[:-1]
    return weights, float(res.x[-1])


def threshold_for_recall(probs: np.ndarray, y: np.ndarray, target_recall: float) -> float:
    """A threshold that keeps at least ``target_recall`` of the positives: half-way between
    the lowest positive it must keep and the next lower probability (the margin keeps the
    recall on new text when the folds separate the two well)."""
    pos = np.sort(probs[y > 0])
    if pos.size == 0:
        return 0.0
    drop = int(np.floor((1.0 - target_recall) * pos.size + 1e-9))  # positives we may lose
    t = float(pos[drop])
    below = probs[probs < t]
    return (t + float(below.max())) / 2 if below.size else t


def fit_prefilter(pairs: Sequence[tuple[str, str]], labels: Sequence[int], groups: Sequence[int], *,
                  narratives: Sequence[str], target_recall: float = 0.97, l2: float = 1e-3,
                  extra_pairs: Sequence[tuple[str, str]] = (), extra_labels: Sequence[int] = (),
                  folds: int = 5) -> tuple[Prefilter, np.ndarray]:
    """Fit on ``pairs`` (with ``labels`` 1 = carries a narrative) and ``extra_pairs`` (the
    catalogue's examples and negatives, always in the training part); the threshold is
    chosen on out-of-fold probabilities (folds by ``groups``: articles).  Returns the fitted
    pre-filter and the out-of-fold probabilities of ``pairs``."""
    from scipy import sparse

    y = np.asarray(labels, dtype=np.float64)
    g = np.asarray(groups)
    x = _matrix(pairs)
    xe = _matrix(extra_pairs)
    ye = np.asarray(extra_labels, dtype=np.float64)
    oof = np.zeros(len(y))
    for f in range(folds):
        tr, te = g % folds != f, g % folds == f
        if not te.any():
            continue
        w, b = _fit(sparse.vstack([x[tr], xe]).tocsr(), np.concatenate([y[tr], ye]), l2)
        oof[te] = 1.0 / (1.0 + np.exp(-(x[te] @ w.astype(np.float64) + b)))
    threshold = threshold_for_recall(oof, y, target_recall)
    others = {r: threshold_for_recall(oof, y, r) for r in sorted({*RECALL_TARGETS, target_recall})}
    w, b = _fit(sparse.vstack([x, xe]).tocsr(), np.concatenate([y, ye]), l2)
    passed = oof >= threshold
    info = {"target_recall": target_recall, "l2": l2, "folds_by_article": folds, "train_units": int(len(y)),
            "train_positives": int(y.sum()), "catalogue_texts": int(len(ye)),
            "oof_recall": round(float(passed[y > 0].mean()) if y.any() else 0.0, 3),
            "oof_pass_fraction": round(float(passed.mean()) if len(y) else 0.0, 3)}
    return Prefilter(w, b, threshold, tuple(narratives), info, others), oof
