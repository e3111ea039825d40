"""A fine-tuned narrative classifier: all-MiniLM-L6-v2 over a sentence *and its context*.

The frozen sentence embedding (:mod:`.head`) carries the topic and the actors of a sentence
more than its claim, and a narrative is often argued over a paragraph.  This model reads a
pair of segments, ``[CLS] unit [SEP] context [SEP]``, where the context is the article's
title and the sentences just before and after the unit (:func:`pair_context`), and gives one
logit per narrative (multi-label; mean pooling of the last hidden states, then a linear
layer), fine-tuned end to end on the *train* rows of the hand-labelled gold
(:mod:`propscope.training.narrfit`).  A Platt scaling per model (``probability =
sigmoid(a * logit + b)``) and a threshold chosen on held-out train articles for precision
turn the logits into calls.

Shipped as ``propscope/models/narratives``::

    classifier.onnx   int8 (dynamic, per channel); inputs input_ids, attention_mask,
                      token_type_ids [batch, seq]; outputs logits [batch, n_narratives]
    classifier.json   the narrative ids (columns of the logits), Platt, the threshold, the
                      maximum lengths, the figures of the fit
    tokenizer.json    the base model's WordPiece tokenizer, unchanged

onnxruntime and tokenizers only at run time (no torch).  Scoring is a function over a list
of ``(unit, context)`` pairs (:meth:`NarrativeClassifier.probabilities`), so a pre-filter
can choose which units reach it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError
from propscope.manifest import check_manifest

__all__ = ["CLASSIFIER_FORMAT", "NarrativeClassifier", "default_classifier_dir", "encode_pairs", "pair_context"]

CLASSIFIER_FORMAT = "propscope.narratives.classifier/1"
#: tokens of the whole pair, and of the unit alone (the context gets the rest)
MAX_TOKENS = 128
MAX_UNIT_TOKENS = 80
#: characters kept of each context piece before tokenising (a bound on the tokenizer's work)
CONTEXT_CHARS = 300
_REQUIRED = ("classifier.onnx", "classifier.json", "tokenizer.json")


def default_classifier_dir() -> Path:
    return Path(str(resources.files("propscope") / "models" / "narratives"))


def pair_context(title: str | None, before: str | None, after: str | None) -> str:
    """The second segment for a unit: the title, then the sentence before, then the one after,
    separated by `` | `` (a missing piece is left out; each piece is cut to
    :data:`CONTEXT_CHARS` characters).  Training and run time build it the same way."""
    parts = [" ".join(p.split())[:CONTEXT_CHARS] for p in (title, before, after) if p and p.strip()]
    return " | ".join(parts)


def encode_pairs(tokenizer: Any, pairs: Sequence[tuple[str, str]], max_tokens: int = MAX_TOKENS,
                 max_unit_tokens: int = MAX_UNIT_TOKENS) -> list[tuple[list[int], list[int]]]:
    """Token ids and token types of each ``(unit, context)`` pair (a ``tokenizers``
    WordPiece tokenizer without truncation): ``[CLS] unit [SEP] context [SEP]``, the unit cut
    to ``max_unit_tokens``, the context to what is left of ``max_tokens``; an empty context
    gives ``[CLS] unit [SEP]``.  Training and run time encode the same way."""
    cls_id = tokenizer.token_to_id("[CLS]")
    sep_id = tokenizer.token_to_id("[SEP]")
    units = tokenizer.encode_batch([u for u, _ in pairs], add_special_tokens=False)
    ctxs = tokenizer.encode_batch([c for _, c in pairs], add_special_tokens=False)
    out = []
    for u, c in zip(units, ctxs, strict=True):
        a = u.ids[:max_unit_tokens]
        b = c.ids[:max(0, max_tokens - 3 - len(a))]
        ids = [cls_id, *a, sep_id] + ([*b, sep_id] if b else [])
        out.append((ids, [0] * (len(a) + 2) + [1] * (len(ids) - len(a) - 2)))
    return out


class NarrativeClassifier:
    """Scores ``(unit, context)`` pairs: ``[n, len(ids)]`` calibrated probabilities."""

    def __init__(self, model_dir: str | Path | None = None, *, threads: int | None = None):
        self.model_dir = Path(model_dir) if model_dir is not None else default_classifier_dir()
        self.threads = threads
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: set[str] = set()
        self._lock = threading.Lock()
        self.ids: tuple[str, ...] = ()
        self.platt: tuple[float, float] = (1.0, 0.0)
        self.threshold = 1.0
        self.info: dict[str, Any] = {}
        self.max_tokens = MAX_TOKENS
        self.max_unit_tokens = MAX_UNIT_TOKENS

    @staticmethod
    def available(model_dir: str | Path | None = None) -> bool:
        root = Path(model_dir) if model_dir is not None else default_classifier_dir()
        return all((root / f).is_file() for f in _REQUIRED)

    def load(self) -> NarrativeClassifier:
        if self._session is not None:
            return self
        with self._lock:
            if self._session is not None:
                return self
            root = self.model_dir
            try:
                check_manifest(root, _REQUIRED, analyzer="narratives")
                meta = json.loads((root / "classifier.json").read_text(encoding="utf-8"))
                if meta.get("format") != CLASSIFIER_FORMAT:
                    raise ValueError(f"format {meta.get('format')!r} is not {CLASSIFIER_FORMAT!r}")
                self.ids = tuple(str(i) for i in meta["ids"])
                a, b = meta["platt"]
                self.platt = (float(a), float(b))
                self.threshold = float(meta["threshold"])
                self.max_tokens = int(meta.get("max_tokens", MAX_TOKENS))
                self.max_unit_tokens = int(meta.get("max_unit_tokens", MAX_UNIT_TOKENS))
                self.info = dict(meta.get("info") or {})
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ModelError(f"bad narrative classifier in {root}: {exc}", analyzer="narratives") from exc
            from tokenizers import Tokenizer

            from propscope.embeddings import cpu_session

            session = cpu_session(root / "classifier.onnx", self.threads, analyzer="narratives")
            tok = Tokenizer.from_file(str(root / "tokenizer.json"))
            tok.no_truncation()
            tok.no_padding()
            self._tokenizer = tok
            self._inputs = {i.name for i in session.get_inputs()}
            self._session = session
        return self

    def encode_pairs(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[list[int], list[int]]]:
        self.load()
        return encode_pairs(self._tokenizer, pairs, self.max_tokens, self.max_unit_tokens)

    def logits(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 16) -> np.ndarray:
        self.load()
        n = len(pairs)
        out = np.zeros((n, len(self.ids)), dtype=np.float32)
        if not n:
            return out
        enc = self.encode_pairs(pairs)
        order = sorted(range(n), key=lambda i: len(enc[i][0]))
        for k in range(0, n, batch_size):
            idx = order[k:k + batch_size]
            width = max(len(enc[i][0]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for r, i in enumerate(idx):
                t, ty = enc[i]
                ids[r, :len(t)] = t
                types[r, :len(t)] = ty
                mask[r, :len(t)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = types
            out[idx] = self._session.run(None, feed)[0]
        return out

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """``[len(pairs), len(ids)]`` calibrated probabilities."""
        a, b = self.platt
        return (1.0 / (1.0 + np.exp(-(a * self.logits(pairs) + b)))).astype(np.float32)
