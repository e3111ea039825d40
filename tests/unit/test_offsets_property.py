"""Property: after cleaning any raw text, every span of Article.text maps back to raw
characters equal to it (cleaning only deletes).

The one rewrite happens before cleaning, one character for one: a lone ``\r`` (and U+2028,
U+2029) is read as ``\n`` (issue 14 §5.4), so ``Cleaned.raw`` has the input's length and
every offset into it is an offset into the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propscope.errors import EmptyInputError
from propscope.readers.text import clean_scraped_text

_alphabet = st.sampled_from(
    list("abcXYZ .,!?\"'“”«»-–—()/>|©\n\n\n\r\t") + ["\u00a0", "\u200b", "\ufeff", "\u2028", "é", "字", "🙂"]
)
raw_texts = st.lists(st.text(alphabet=_alphabet, max_size=40), min_size=1, max_size=12).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_texts, has_title=st.booleans(), data=st.data())
def test_offsets_every_span_maps_back_to_equal_raw_characters(raw, has_title, data):
    try:
        cleaned = clean_scraped_text(raw, has_title_line=has_title)
    except EmptyInputError:
        return
    text, offsets = cleaned.text, cleaned.offsets
    assert offsets.raw_length == len(raw) == len(cleaned.raw)
    assert all(a == b or (b == "\n" and a in "\r\u2028\u2029") for a, b in zip(raw, cleaned.raw, strict=True))
    raw = cleaned.raw
    positions = [offsets.char_to_raw(i) for i in range(len(text))]
    assert positions == sorted(set(positions)), "text must be a subsequence of raw"
    assert all(raw[p] == c for p, c in zip(positions, text, strict=True))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    rs, re_ = offsets.to_raw(start, end)
    assert 0 <= rs <= re_ <= len(raw)
    # the raw span holds exactly the span's characters, in order, plus deleted ones only
    kept = [raw[offsets.char_to_raw(i)] for i in range(start, end)]
    assert "".join(kept) == text[start:end]
    if end > start:
        assert raw[rs] == text[start] and raw[re_ - 1] == text[end - 1]
        assert offsets.to_text(rs, re_) == (start, end)
