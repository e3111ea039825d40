"""Windowing: long sentences are split, every token is scored exactly once, nothing is cut."""

from __future__ import annotations

import numpy as np
import pytest

from propscope.analyzers.techniques.runtime import (
    OnnxTagger,
    encode_article,
    load_tokenizer,
    make_windows,
    plan_windows,
)


@pytest.fixture
def tokenizer(tmp_path):
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = [f"w{i}" for i in range(400)] + ["title", "word", "."]
    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 101, "[SEP]": 102}
    vocab.update({w: 200 + i for i, w in enumerate(words)})
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.enable_truncation(128)  # like the upstream file: must be switched off by load_tokenizer
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    return load_tokenizer(path)


def _article(n_long: int):
    long_sentence = " ".join(f"w{i}" for i in range(n_long))
    text = "word word .\n" + long_sentence + "\nword ."
    a = len("word word .\n")
    sentences = [(0, a - 1), (a, a + len(long_sentence)), (a + len(long_sentence) + 1, len(text))]
    return text, sentences


@pytest.mark.parametrize("n_long,max_len", [(300, 128), (300, 256), (40, 16), (257, 256)])
def test_every_token_scored_once_and_windows_fit(tokenizer, n_long, max_len):
    text, sentences = _article(n_long)
    enc = encode_article(tokenizer, text, sentences, "title", title_tokens=4)
    assert len(enc) == 3 + n_long + 2  # no truncation anywhere
    windows = make_windows(enc, 0, max_len=max_len)
    owned = np.concatenate([w.token_index[w.owns] for w in windows])
    assert sorted(owned.tolist()) == list(range(len(enc)))
    assert all(len(w.ids) <= max_len for w in windows)
    assert len(windows) >= 2
    for w in windows:  # [CLS] title [SEP] ... [SEP]
        assert w.ids[0] == 101 and w.ids[2] == 102 and w.ids[-1] == 102
        assert (w.token_index[w.owns] >= 0).all()


def test_offsets_point_into_the_text(tokenizer):
    text, sentences = _article(20)
    enc = encode_article(tokenizer, text, sentences, None)
    for s, e in zip(enc.starts, enc.ends, strict=True):
        assert text[s:e] in {"word", "."} or text[s:e].startswith("w")


def test_plan_windows_packs_whole_sentences():
    sent = np.asarray([0] * 5 + [1] * 5 + [2] * 5)
    assert plan_windows(sent, 10) == [(0, 10, 0, 10), (10, 15, 10, 15)]
    # a first budget smaller than the rest starts a new window earlier
    assert plan_windows(sent, 10, first_budget=5)[0] == (0, 5, 0, 5)


def test_plan_windows_splits_a_long_sentence_with_overlap():
    sent = np.zeros(25, dtype=int)
    plan = plan_windows(sent, 10, overlap=4)
    assert [p[:2] for p in plan] == [(0, 10), (6, 16), (12, 22), (18, 25)]
    owned = [i for _, _, lo, hi in plan for i in range(lo, hi)]
    assert owned == list(range(25))


class _EchoSession:
    """Stands in for onnxruntime: logit 0 of each position is its token id."""

    class _Out:
        shape = ("batch", "seq", 15)

    class _In:
        def __init__(self, name):
            self.name = name

    def get_outputs(self):
        return [self._Out()]

    def get_inputs(self):
        return [self._In("input_ids"), self._In("attention_mask"), self._In("token_type_ids")]

    def run(self, _names, feed):
        ids = feed["input_ids"]
        out = np.zeros(ids.shape + (15,), dtype=np.float32)
        out[..., 0] = ids
        return [out]


def test_tagger_scores_every_token_of_a_long_article(tokenizer):
    tagger = OnnxTagger.__new__(OnnxTagger)
    tagger.session = _EchoSession()
    tagger.input_names = {"input_ids", "attention_mask", "token_type_ids"}
    tagger.tokenizer = tokenizer
    tagger.max_len, tagger.batch_size, tagger.title_tokens = 128, 3, 4
    tagger.cls_id, tagger.sep_id = 101, 102
    text, sentences = _article(300)
    encs = [tagger.encode(text, sentences, "title"), tagger.encode("word .", [(0, 6)], None)]
    out = tagger.logits(encs)
    for enc, lg in zip(encs, out, strict=True):
        assert lg.shape == (len(enc), 15)
        assert np.array_equal(lg[:, 0], enc.ids.astype(np.float32))


def test_a_shorter_first_window_never_outgrows_max_len(tokenizer):
    # training draws the first window's budget at random, up to max_len: the title and the two
    # special tokens must still fit, or a 512-token model meets a 529-token window
    text, sentences = _article(300)
    enc = encode_article(tokenizer, text, sentences, "title title title")
    for first in (5, 64, 128, 500):
        windows = make_windows(enc, 0, max_len=128, first_budget=first)
        assert max(len(w.ids) for w in windows) <= 128
        owned = np.concatenate([w.token_index[w.owns] for w in windows])
        assert sorted(owned.tolist()) == list(range(len(enc)))


class _MasklessSession(_EchoSession):
    """A graph without the attention-mask input: it must never be given padding."""

    def __init__(self):
        self.batches = []

    def get_inputs(self):
        return [self._In("input_ids"), self._In("token_type_ids")]

    def run(self, _names, feed):
        assert "attention_mask" not in feed
        self.batches.append(feed["input_ids"].shape)
        return super().run(_names, feed)


def test_techniques_maskless_graph_is_never_given_padding(tokenizer):
    """issue 14: the shipped graph has no attention mask (bit-identical for unpadded windows)."""
    session = _MasklessSession()
    tagger = OnnxTagger.__new__(OnnxTagger)
    tagger.session = session
    tagger.input_names = {"input_ids", "token_type_ids"}
    tagger.tokenizer = tokenizer
    tagger.max_len, tagger.batch_size, tagger.title_tokens = 32, 4, 4
    tagger.cls_id, tagger.sep_id = 101, 102
    texts = [_article(n) for n in (60, 60, 7)]
    encs = [tagger.encode(text, sentences, "title") for text, sentences in texts]
    out = tagger.logits(encs)
    for enc, lg in zip(encs, out, strict=True):
        assert np.array_equal(lg[:, 0], enc.ids.astype(np.float32))
    assert any(shape[0] > 1 for shape in session.batches)  # equal-length windows still share a batch
    lengths = [len(w.ids) for k, e in enumerate(encs) for w in make_windows(e, k, max_len=32)]
    assert len(session.batches) == len(set(lengths)) + sum(
        (lengths.count(n) - 1) // 4 for n in set(lengths))


def test_techniques_make_batches_without_padding_groups_equal_lengths():
    from propscope.analyzers.techniques.runtime import Window, make_batches

    def window(n):
        ids = np.ones(n, dtype=np.int64)
        return Window(0, ids, ids, ids, ids.astype(bool))

    windows = [window(n) for n in (5, 7, 5, 5, 7, 9)]
    padded = make_batches(windows, 2)
    assert any(len({len(windows[i].ids) for i in b}) > 1 for b in padded)
    unpadded = make_batches(windows, 2, pad=False)
    assert sorted(i for b in unpadded for i in b) == list(range(6))
    assert all(len({len(windows[i].ids) for i in b}) == 1 and len(b) <= 2 for b in unpadded)
    assert len(unpadded) == 4  # 5,5 | 5 | 7,7 | 9
