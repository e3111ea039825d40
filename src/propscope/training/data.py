"""PTC splits as training material: articles, gold spans, the fixed held-out part of train."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.errors import InputError
from propscope.evaluation.ptc import PTCArticle, TCRow, read_articles, read_tc_labels

__all__ = ["HELDOUT_FRACTION", "SPLIT_SEED", "Doc", "load_split", "split_heldout"]

T = TypeVar("T", bound=Any)

HELDOUT_FRACTION = 0.2
SPLIT_SEED = 20200911


@dataclass
class Doc:
    article: PTCArticle
    gold: list[TCRow] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text


def datasets_dir(ptc: Path) -> Path:
    ptc = Path(ptc)
    for cand in (ptc / "datasets", ptc):
        if (cand / "train-articles").is_dir() or (cand / "dev-articles").is_dir():
            return cand
    raise InputError(f"{ptc}: not a PTC folder (expected datasets/train-articles and dev-articles)")


def load_split(ptc: Path, split: str, limit: int | None = None) -> list[Doc]:
    root = datasets_dir(ptc)
    arts = read_articles(root / f"{split}-articles")
    labels = read_tc_labels(root / f"{split}-task-flc-tc.labels")
    by: dict[str, list[TCRow]] = defaultdict(list)
    for r in labels:
        if r.technique not in TECHNIQUES:
            raise InputError(f"unknown technique {r.technique!r} in {split} labels")
        by[r.article_id].append(r)
    docs = [Doc(a, by.get(a.id, [])) for a in arts]
    return docs[:limit] if limit else docs


def split_heldout(docs: list[T], fraction: float = HELDOUT_FRACTION, seed: int = SPLIT_SEED,
                  key: Callable[[T], str] = lambda d: d.id) -> tuple[list[T], list[T]]:
    """``(fit, heldout)``: a fixed, seeded share of train articles held out (``key`` names an article)."""
    ids = sorted(key(d) for d in docs)
    rng = random.Random(seed)
    rng.shuffle(ids)
    n_held = max(1, round(len(ids) * fraction)) if len(ids) > 1 else 0
    held = set(ids[:n_held])
    return [d for d in docs if key(d) not in held], [d for d in docs if key(d) in held]
