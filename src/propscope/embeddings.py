"""Sentence and document embeddings: all-MiniLM-L6-v2 as int8 ONNX, no torch at run time.

The shipped model (``propscope/models/embeddings``: ``model.onnx``, ``tokenizer.json``,
``CARD.md``, ``MANIFEST.sha256``) is the genuine sentence-transformers all-MiniLM-L6-v2,
exported and quantised by :mod:`propscope.training.embeddings`.  Encoding does what
sentence-transformers does for that model: WordPiece tokens, at most 256 (truncated), mean
pooling of the last hidden states over the attention mask, then L2 normalisation; so the
cosine of two embeddings is their dot product.

    >>> enc = default_encoder()                                    # doctest: +SKIP
    >>> v = enc.encode(["Troops left the city.", "The army withdrew from town."])
    >>> v.shape, float(v[0] @ v[1]) > 0.5                          # doctest: +SKIP
    ((2, 384), True)

Identical texts are embedded once, and a batch holds only texts of one token length, so
nothing is padded (a batch of sentences padded to its longest costs about twice the CPU of
its real tokens: 0.154 against 0.075 CPU-s per PTC article).  int8 dynamic quantisation
scales the activations per batch, so a text's vector moves slightly with its batch
companions of the same length (cosine 0.985 or more on news sentences, the size of the int8
error itself); ``batch_size=1`` gives vectors that depend on the text alone.  The ONNX
pool's idle threads sleep rather than spin between runs.  Padding within narrow length
buckets (a tenth of the length) halves the number of runs but saves no CPU and moves vectors
(cosine down to 0.935: the padding enters the int8 scales), so nothing is padded; more texts
per length cost less (:meth:`Encoder.scope`), at some precision.

Story threads use a second model of the same shape and format, ``propscope/models/story_encoder``
(:func:`story_encoder`): all-MiniLM-L6-v2 fine-tuned on news articles to tell an article's own
story from the stories of other articles about the same people
(:mod:`propscope.training.storyfit`).  Its vectors are stored under their own kind
(:data:`STORY_EMBEDDING_KIND`): vectors of different models are never compared.

Compact storage: :func:`to_bytes` / :func:`from_bytes` write a vector as little-endian
float16 (768 bytes for 384 dimensions); the rounding moves a cosine by less than 1e-3.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from propscope.errors import ModelError
from propscope.manifest import check_manifest

__all__ = ["DIM", "EMBEDDING_KIND", "MAX_TOKENS", "STORY_EMBEDDING_KIND", "Encoder", "cpu_session", "default_encoder",
           "default_model_dir", "equal_length_batches", "from_bytes", "story_encoder", "story_model_dir", "to_bytes"]

DIM = 384
MAX_TOKENS = 256
#: Names the model and the storage format of stored vectors; a new model gets a new kind.
EMBEDDING_KIND = "minilm-l6-v2-int8-f16"
#: The story encoder's stored vectors (:func:`story_encoder`).
STORY_EMBEDDING_KIND = "minilm-l6-v2-story1-int8-f16"
_REQUIRED = ("model.onnx", "tokenizer.json")


def default_model_dir() -> Path:
    return Path(str(resources.files("propscope") / "models" / "embeddings"))


def story_model_dir() -> Path:
    return Path(str(resources.files("propscope") / "models" / "story_encoder"))


def cpu_session(path: Path, threads: int | None, *, analyzer: str) -> Any:
    """An onnxruntime CPU session for a MiniLM-sized model run on many small batches:
    ``threads`` intra-op threads (one inter-op) when given, all graph optimisations, and idle
    pool threads that sleep instead of spinning between runs (spinning burns CPU that the
    other analyzers and workers need).  A model that will not open is a :class:`ModelError`."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    if threads:
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ModelError(f"cannot open ONNX model {path}: {exc}", analyzer=analyzer) from exc


class Encoder:
    """Texts to L2-normalised float32 vectors ``[n, 384]``.

    Constructing stores settings only; :meth:`load` checks the manifest and opens the
    ONNX session and tokenizer (it is called on first use).  Thread-safe for ``encode``.
    """

    def __init__(self, model_dir: Path | str | None = None, *, threads: int | None = None,
                 max_tokens: int = MAX_TOKENS):
        self.model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        self.threads = threads
        self.max_tokens = max_tokens
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: set[str] = set()
        self._lock = threading.Lock()
        self._scoped = threading.local()  # scope(): the texts of the open block, per thread

    @property
    def dim(self) -> int:
        return DIM

    def load(self) -> Encoder:
        if self._session is not None:
            return self
        with self._lock:
            if self._session is not None:
                return self
            root = self.model_dir
            if not root.is_dir():
                raise ModelError(f"embedding model folder {root} does not exist", analyzer="embeddings")
            check_manifest(root, _REQUIRED, analyzer="embeddings")
            from tokenizers import Tokenizer

            session = cpu_session(root / "model.onnx", self.threads, analyzer="embeddings")
            tok = Tokenizer.from_file(str(root / "tokenizer.json"))
            tok.enable_truncation(max_length=self.max_tokens)
            tok.no_padding()
            self._tokenizer = tok
            self._inputs = {i.name for i in session.get_inputs()}
            self._session = session
        return self

    @contextmanager
    def scope(self, texts: Sequence[str], *, batch_size: int = 32) -> Iterator[None]:
        """Embed ``texts`` together now and serve them from memory to :meth:`encode` calls
        of this thread until the block ends (then they are forgotten: what a text embeds to
        depends only on the texts of its block, never on earlier work of the process).

        A batch analyzer can open one over the texts of all the articles of a batch:
        equal-length batches then fill up across articles, which costs less CPU per token than
        the same texts embedded article by article (PTC dev, 60 articles: 0.083 CPU-s per
        article article by article, 0.073 in blocks of four, 0.066 all at once), but fuller
        batches quantise coarser (mean cosine to the vector of the text alone, 40 articles:
        0.995, 0.992, 0.991)."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        unique = list(dict.fromkeys(texts))
        memo = dict(zip(unique, self.encode(unique, batch_size=batch_size), strict=True)) if unique else {}
        outer = getattr(self._scoped, "memo", None)
        self._scoped.memo = memo if outer is None else {**outer, **memo}
        try:
            yield
        finally:
            self._scoped.memo = outer

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """float32 ``[len(texts), 384]``, each row of unit length (as sentence-transformers: "" embeds [CLS] [SEP])."""
        self.load()
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        memo = getattr(self._scoped, "memo", None)
        if memo:  # inside scope(): the texts embedded for the block are not embedded again
            out = np.zeros((len(texts), DIM), dtype=np.float32)
            rest = [i for i, t in enumerate(texts) if t not in memo]
            for i, t in enumerate(texts):
                if t in memo:
                    out[i] = memo[t]
            if rest:
                out[rest] = self._encode_texts([texts[i] for i in rest], batch_size)
            return out
        return self._encode_texts(texts, batch_size)

    def _encode_texts(self, texts: list[str], batch_size: int) -> np.ndarray:
        # identical texts (a repeated line, a quote that is its whole sentence) are embedded once
        first: dict[str, int] = {}
        where = np.asarray([first.setdefault(t, len(first)) for t in texts], dtype=np.int64)
        if len(first) < len(texts):
            return self._encode_unique(list(first), batch_size)[where]
        return self._encode_unique(texts, batch_size)

    def _encode_unique(self, texts: list[str], batch_size: int) -> np.ndarray:
        n = len(texts)
        out = np.zeros((n, DIM), dtype=np.float32)
        encs = self._tokenizer.encode_batch(texts)
        for idx in equal_length_batches([len(e.ids) for e in encs], batch_size):
            ids = np.asarray([encs[j].ids for j in idx], dtype=np.int64)  # one length: no padding
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            pooled = self._session.run(None, feed)[0].mean(axis=1)  # [b, t, 384] -> [b, 384]
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


def equal_length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of at most ``batch_size`` texts of one token length each
    (nothing padded: a padded batch of sentences costs about twice the tokens it holds)."""
    groups: dict[int, list[int]] = {}
    for i, n in enumerate(lengths):
        groups.setdefault(n, []).append(i)
    size = max(1, batch_size)
    return [g[k:k + size] for _, g in sorted(groups.items()) for k in range(0, len(g), size)]


_loaded: dict[Path, Encoder] = {}
_loaded_lock = threading.Lock()


def _shared(model_dir: Path) -> Encoder:
    enc = _loaded.get(model_dir)
    if enc is None:
        with _loaded_lock:
            enc = _loaded.get(model_dir)
            if enc is None:
                enc = _loaded[model_dir] = Encoder(model_dir).load()
    return enc


def default_encoder() -> Encoder:
    """The shipped sentence encoder, loaded once per process."""
    return _shared(default_model_dir())


def story_encoder() -> Encoder:
    """The shipped story encoder (document vectors of story threads), loaded once per process."""
    return _shared(story_model_dir())


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as little-endian float16 bytes (the stored form)."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Stored bytes back to a float32 vector."""
    return np.frombuffer(data, dtype="<f2").astype(np.float32)
