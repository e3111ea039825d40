"""Encoder.scope: a block's texts embedded together once, served from memory inside the
block only; the narratives analyzer opens one per batch (no model: a fake session)."""

from __future__ import annotations

import json
import zlib

import numpy as np

from propscope.analysis import Layer
from propscope.analyzers.narratives import NarrativesAnalyzer
from propscope.embeddings import DIM, Encoder
from tests.unit.test_narratives import CAL, CATALOGUE, _write
from tests.unit.test_narratives_prefilter import _article


class FakeEncoder(Encoder):
    """Encoder with the ONNX session replaced: a word-hash vector per text, calls recorded."""

    def __init__(self):
        super().__init__()
        self.calls: list[list[str]] = []

    def load(self):
        return self

    def _encode_unique(self, texts, batch_size):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, zlib.crc32(w.encode()) % DIM] += 1
            out[i, 0] += 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_embeddings_scope_embeds_a_block_once_and_forgets_it_after():
    enc = FakeEncoder()
    plain = enc.encode(["a b", "c d", "e f"])
    enc.calls.clear()
    with enc.scope(["a b", "c d", "a b"]):
        assert enc.calls == [["a b", "c d"]]  # one call, each text once
        got = enc.encode(["c d", "e f", "a b"])
        assert enc.calls[1:] == [["e f"]]  # only the text outside the block
        assert np.allclose(got, plain[[1, 2, 0]])
        with enc.scope(["g h"]):  # nested: the outer block's texts stay served
            enc.encode(["a b", "g h"])
            assert enc.calls[2:] == [["g h"]]
    enc.calls.clear()
    enc.encode(["a b"])
    assert enc.calls == [["a b"]]  # forgotten after the block


def test_narratives_batch_embeds_its_articles_together_with_the_same_result(tmp_path):
    art = _article()
    other = _article()
    layers = {"attributions": Layer("attributions", "attribution", "1", ())}
    path = str(_write(tmp_path, CATALOGUE))
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps(CAL.to_json()))
    one = NarrativesAnalyzer(catalogue=path, calibration=str(cal), encoder=FakeEncoder(), head="none",
                             prefilter="none")
    want = [one.annotate(a, layers)["narratives"] for a in (art, other)]
    assert want[0].spans  # something to compare
    enc = FakeEncoder()
    for setting, calls in ((None, 2), (True, 1)):
        batch = NarrativesAnalyzer(catalogue=path, calibration=str(cal), encoder=enc, head="none",
                                   prefilter="none", batch_articles=setting)
        batch.load()
        enc.calls.clear()
        got = batch.annotate_batch([(art, layers), (other, layers)])
        # with batch_articles, both articles' units in one call and none embedded again
        assert len(enc.calls) == calls
        assert [g["narratives"].to_json() for g in got] == [w.to_json() for w in want]
