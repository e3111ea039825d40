"""Tokenisation, windowing and ONNX inference for the technique model (no torch).

An article is tokenised once, without truncation.  Its sentences are packed, whole and in
order, into windows of at most ``max_len`` tokens, each prefixed by the title:
``[CLS] title [SEP] sentence sentence ... [SEP]``.  A sentence longer than a window's body
budget is cut into overlapping token chunks; every token is scored by exactly one window
(the chunk where it sits farthest from a cut), so nothing is ever silently dropped.

The same code builds the training inputs (``propscope.training.techniques``), so what the
model saw in training is what it sees at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError
from propscope.manifest import check_manifest, write_manifest

__all__ = [
    "EncodedArticle",
    "ModelFiles",
    "OnnxTagger",
    "Window",
    "check_manifest",
    "encode_article",
    "load_tokenizer",
    "make_batches",
    "write_manifest",
]

# --------------------------------------------------------------------------- tokenizer


def load_tokenizer(path: Path) -> Any:
    """The fast tokenizer with truncation and padding switched off (we window ourselves)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()
    return tok


@dataclass
class Window:
    """One model input: token ids and, per token, the article token it stands for."""

    article: int
    ids: np.ndarray  # int64 [n] including specials
    type_ids: np.ndarray  # int64 [n]
    token_index: np.ndarray  # int64 [n]: article token index, -1 for specials and title
    owns: np.ndarray  # bool [n]: this window's score is the one kept for that token


@dataclass
class EncodedArticle:
    """An article's body tokens: char offsets into the text, sentence of each token."""

    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    sentence: np.ndarray
    title_ids: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return int(self.ids.shape[0])


def encode_article(
    tokenizer: Any,
    text: str,
    sentences: Sequence[tuple[int, int]],
    title: str | None,
    *,
    title_tokens: int = 24,
) -> EncodedArticle:
    """Tokenise each sentence (no truncation); offsets are ``str`` indices into ``text``."""
    if not sentences and text.strip():
        sentences = [(0, len(text))]
    ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    sent: list[int] = []
    pieces = [text[a:b] for a, b in sentences]
    encodings = tokenizer.encode_batch(pieces, add_special_tokens=False) if pieces else []
    for k, ((a, _b), enc) in enumerate(zip(sentences, encodings, strict=True)):
        for tid, (s, e) in zip(enc.ids, enc.offsets, strict=True):
            ids.append(tid)
            starts.append(a + s)
            ends.append(a + e)
            sent.append(k)
    title_ids: list[int] = []
    if title and title.strip():
        title_ids = list(tokenizer.encode(title, add_special_tokens=False).ids[:title_tokens])
    return EncodedArticle(
        np.asarray(ids, dtype=np.int64),
        np.asarray(starts, dtype=np.int64),
        np.asarray(ends, dtype=np.int64),
        np.asarray(sent, dtype=np.int64),
        title_ids,
    )


def plan_windows(
    sentence_of_token: np.ndarray, budget: int, *, first_budget: int | None = None, overlap: int | None = None
) -> list[tuple[int, int, int, int]]:
    """Token ranges ``(lo, hi, own_lo, own_hi)`` covering every token exactly once by ``own``.

    Whole sentences are packed greedily up to ``budget`` tokens; a sentence longer than the
    budget is cut into chunks of ``budget`` tokens overlapping by ``overlap`` (default a
    quarter), each owning the tokens nearer its middle than the neighbour's.
    """
    if budget < 4:
        raise ValueError("window budget must be at least 4 tokens")
    n = int(sentence_of_token.shape[0])
    if n == 0:
        return []
    overlap = budget // 4 if overlap is None else overlap
    # sentence boundaries in token indices
    cuts = [0] + [i for i in range(1, n) if sentence_of_token[i] != sentence_of_token[i - 1]] + [n]
    bounds = list(zip(cuts[:-1], cuts[1:], strict=True))
    out: list[tuple[int, int, int, int]] = []
    cur_lo = cur_hi = None
    limit = first_budget if first_budget else budget
    for a, b in bounds:
        if b - a > budget:
            if cur_lo is not None:
                out.append((cur_lo, cur_hi, cur_lo, cur_hi))  # type: ignore[arg-type]
                cur_lo = cur_hi = None
                limit = budget
            step = budget - overlap
            chunks = []
            lo = a
            while True:
                hi = min(lo + budget, b)
                chunks.append((lo, hi))
                if hi >= b:
                    break
                lo += step
            for j, (lo, hi) in enumerate(chunks):
                own_lo = a if j == 0 else (chunks[j - 1][1] + lo) // 2
                own_hi = b if j == len(chunks) - 1 else (hi + chunks[j + 1][0]) // 2
                out.append((lo, hi, own_lo, own_hi))
            continue
        if cur_lo is None:
            cur_lo, cur_hi = a, b
        elif b - cur_lo <= limit:
            cur_hi = b
        else:
            out.append((cur_lo, cur_hi, cur_lo, cur_hi))  # type: ignore[arg-type]
            limit = budget
            cur_lo, cur_hi = a, b
    if cur_lo is not None:
        out.append((cur_lo, cur_hi, cur_lo, cur_hi))  # type: ignore[arg-type]
    return out


def make_windows(
    enc: EncodedArticle,
    article_index: int,
    *,
    max_len: int = 256,
    cls_id: int = 101,
    sep_id: int = 102,
    first_budget: int | None = None,
) -> list[Window]:
    head = [cls_id] + (list(enc.title_ids) + [sep_id] if enc.title_ids else [])
    budget = max_len - len(head) - 1
    if first_budget is not None:  # a shorter first window (training varies where windows start)
        first_budget = max(1, min(first_budget, budget))
    windows = []
    for lo, hi, own_lo, own_hi in plan_windows(enc.sentence, budget, first_budget=first_budget):
        body = enc.ids[lo:hi]
        ids = np.concatenate([np.asarray(head, dtype=np.int64), body, np.asarray([sep_id], dtype=np.int64)])
        type_ids = np.zeros_like(ids)
        if enc.title_ids:
            type_ids[len(head) :] = 1
        token_index = np.full(ids.shape, -1, dtype=np.int64)
        token_index[len(head) : len(head) + (hi - lo)] = np.arange(lo, hi)
        owns = (token_index >= own_lo) & (token_index < own_hi)
        windows.append(Window(article_index, ids, type_ids, token_index, owns))
    return windows


def make_batches(windows: Sequence[Window], batch_size: int, *, pad: bool = True) -> list[list[int]]:
    """Window indices grouped into batches of similar length (less padding); with
    ``pad=False`` only windows of the same length share a batch (a graph without an
    attention mask must never see padding)."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].ids))
    if pad:
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < batch_size and len(windows[batches[-1][0]].ids) == len(windows[i].ids):
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def pad_batch(windows: Sequence[Window]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = max(len(w.ids) for w in windows)
    ids = np.zeros((len(windows), n), dtype=np.int64)
    types = np.zeros((len(windows), n), dtype=np.int64)
    mask = np.zeros((len(windows), n), dtype=np.int64)
    for r, w in enumerate(windows):
        ids[r, : len(w.ids)] = w.ids
        types[r, : len(w.ids)] = w.type_ids
        mask[r, : len(w.ids)] = 1
    return ids, types, mask


# --------------------------------------------------------------------------- model


@dataclass
class ModelFiles:
    root: Path
    config: dict[str, Any]

    @classmethod
    def open(cls, root: Path, required: Sequence[str]) -> ModelFiles:
        root = Path(root)
        if not root.is_dir():
            raise ModelError(f"model folder {root} does not exist")
        check_manifest(root, required)
        config_path = root / "labels.json"
        config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
        return cls(root, config)


class OnnxTagger:
    """Token logits ``[n_tokens, 1 + n_techniques]`` for whole articles, batched through ONNX."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path, *, max_len: int = 256, batch_size: int = 16,
                 threads: int | None = None, title_tokens: int = 24):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot open ONNX model {onnx_path}: {exc}") from exc
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.max_len = max_len
        self.batch_size = batch_size
        self.title_tokens = title_tokens
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")

    @property
    def masked(self) -> bool:
        """Whether the graph takes an attention mask; one without (``propscope.training.onnx_mask``)
        is never given a padded window."""
        return "attention_mask" in self.input_names

    def encode(self, text: str, sentences: Sequence[tuple[int, int]], title: str | None) -> EncodedArticle:
        return encode_article(self.tokenizer, text, sentences, title, title_tokens=self.title_tokens)

    def run_windows(self, batch: Sequence[Window]) -> np.ndarray:
        ids, types, mask = pad_batch(batch)
        if not self.masked and not mask.all():
            raise ModelError("internal error: padded windows sent to a model without an attention mask")
        feed = {"input_ids": ids}
        if self.masked:
            feed["attention_mask"] = mask
        if "token_type_ids" in self.input_names:
            feed["token_type_ids"] = types
        return np.asarray(self.session.run(None, feed)[0], dtype=np.float32)

    def logits(self, encoded: Sequence[EncodedArticle]) -> list[np.ndarray]:
        """Per article, ``float32 [n_tokens, C]`` logits; every token scored once."""
        windows: list[Window] = []
        for k, enc in enumerate(encoded):
            windows.extend(make_windows(enc, k, max_len=self.max_len, cls_id=self.cls_id, sep_id=self.sep_id))
        n_out = int(self.session.get_outputs()[0].shape[-1]) if isinstance(
            self.session.get_outputs()[0].shape[-1], int) else None
        outs: list[np.ndarray | None] = [None] * len(encoded)
        filled = [np.zeros(len(e), dtype=bool) for e in encoded]
        for batch_ids in make_batches(windows, self.batch_size, pad=self.masked):
            batch = [windows[i] for i in batch_ids]
            logits = self.run_windows(batch)
            for row, w in enumerate(batch):
                k = w.article
                if outs[k] is None:
                    outs[k] = np.zeros((len(encoded[k]), n_out or logits.shape[-1]), dtype=np.float32)
                sel = w.owns
                outs[k][w.token_index[sel]] = logits[row, : len(w.ids)][sel]  # type: ignore[index]
                filled[k][w.token_index[sel]] = True
        result = []
        for k, enc in enumerate(encoded):
            arr = outs[k]
            if arr is None:
                arr = np.zeros((0, n_out or 15), dtype=np.float32)
            if not filled[k].all():  # pragma: no cover - a windowing bug
                raise ModelError(f"internal windowing error: {int((~filled[k]).sum())} tokens were not scored")
            result.append(arr)
        return result
