"""The shipped sentence encoder: manifest checked, unit vectors, meaning over wording, padding-free batching."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from propscope.embeddings import (DIM, Encoder, default_encoder, default_model_dir, equal_length_batches, from_bytes,
                                  to_bytes)
from propscope.errors import ModelError


def test_embeddings_vectors_are_unit_and_shaped():
    v = default_encoder().encode(["Troops withdrew from the border region.", "x", ""])
    assert v.shape == (3, DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert default_encoder() is default_encoder()


def test_embeddings_paraphrase_closer_than_same_words_other_event():
    a, b, c = default_encoder().encode([
        "The minister resigned on Tuesday after the bribery scandal.",
        "Following the corruption affair, the minister stepped down.",
        "The minister opened a new bridge on Tuesday.",
    ])
    assert a @ b > a @ c + 0.1


def test_embeddings_batching_stays_within_int8_error_and_order_is_kept():
    texts = ["Short one.", "A much longer sentence about the central bank raising its interest rates again today.",
             "Police detained three people near parliament."]
    enc = default_encoder()
    together = enc.encode(texts, batch_size=3)
    alone = np.vstack([enc.encode([t]) for t in texts])
    # int8 dynamic quantisation scales activations per batch: close, not equal; each row stays its own text
    assert ((together * alone).sum(1) > 0.97).all()
    assert np.array_equal(enc.encode(texts, batch_size=1), alone)
    assert np.array_equal(enc.encode(texts[::-1], batch_size=1), alone[::-1])


def test_embeddings_truncate_long_text():
    v = default_encoder().encode(["word " * 2000])
    assert v.shape == (1, DIM) and np.isfinite(v).all()


def test_embeddings_float16_storage_keeps_cosine():
    v = default_encoder().encode(["Floods hit the coast.", "The coast was flooded."])
    w = np.vstack([from_bytes(to_bytes(x)) for x in v])
    assert len(to_bytes(v[0])) == 2 * DIM
    assert abs(float(v[0] @ v[1]) - float(w[0] @ w[1])) < 2e-3


def test_embeddings_modified_model_is_refused(tmp_path):
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    (d / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="does not match"):
        Encoder(d).encode(["anything"])


def test_embeddings_equal_length_batches_pad_nothing_and_cover_every_text():
    lengths = [5, 9, 5, 7, 5, 9, 5]
    batches = equal_length_batches(lengths, 2)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in b}) == 1 and len(b) <= 2 for b in batches)
    assert len(batches) == 4  # the four 5s in two batches, the 7, the two 9s


def test_embeddings_identical_texts_embedded_once_and_returned_in_place():
    enc = default_encoder()
    texts = ["Ships left the harbour at dawn.", "Prices rose again.", "Ships left the harbour at dawn."]
    calls: list[int] = []
    run = enc._session.run

    class Counting:
        def run(self, names, feed):
            calls.append(len(feed["input_ids"]))
            return run(names, feed)

    enc._session = Counting()
    try:
        v = enc.encode(texts, batch_size=1)
    finally:
        enc._session = run.__self__
    assert sum(calls) == 2
    assert np.array_equal(v[0], v[2]) and not np.array_equal(v[0], v[1])
