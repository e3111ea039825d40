from __future__ import annotations

import pytest

from propscope.article import Article, OffsetMap, Span, TextBuilder


def test_article_span_make_strict_rejects_outside_text():
    with pytest.raises(ValueError, match="outside a text of 5"):
        Span.make("hello", 2, 9)


def test_article_span_make_contract_and_expand():
    text = "  loaded language here "
    assert Span.make(text, 0, 9, mode="contract") == Span(2, 8)
    # "oaded langu" grows to whole words
    assert Span.make(text, 3, 13, mode="expand").text_of(text) == "loaded language"


def test_article_span_rejects_negative_and_reversed():
    with pytest.raises(ValueError):
        Span(3, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_article_span_json_uses_label_key_and_rejects_clashes():
    s = Span(1, 4, "Doubt", {"score": 0.5})
    assert s.to_json("technique") == {"start": 1, "end": 4, "technique": "Doubt", "score": 0.5}
    assert Span.from_json(s.to_json("technique"), "technique") == s
    with pytest.raises(ValueError, match="clashes"):
        Span(1, 4, "x", {"start": 9}).to_json()


def test_article_is_immutable():
    a = Article(text="Some text.")
    with pytest.raises(AttributeError):
        a.text = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.metadata["k"] = 1  # type: ignore[index]


def test_article_rejects_sentence_outside_text():
    with pytest.raises(ValueError):
        Article(text="abc", sentences=(Span(0, 10),))


def test_article_id_is_content_hash_and_ignores_whitespace_layout():
    a = Article(text="One  two\nthree.")
    b = Article(text="One two three.")
    assert a.id == b.id and len(a.id) == 16
    assert Article(text="One two four.").id != a.id


def test_offsets_textbuilder_maps_every_char_back():
    raw = "Title\n\n  Body   text\r\nmore "
    b = TextBuilder(raw)
    b.copy(9, 13)  # "Body"
    b.copy(13, 14)  # " "
    b.copy(16, 20)  # "text"
    text, offsets = b.build()
    assert text == "Body text"
    for i, c in enumerate(text):
        assert raw[offsets.char_to_raw(i)] == c
    assert offsets.to_raw(0, 9) == (9, 20)
    assert offsets.to_raw(5, 9) == (16, 20)
    assert offsets.to_raw(9, 9) == (20, 20)


def test_offsets_to_text_inverts_to_raw_on_kept_characters():
    m = OffsetMap([(0, 5, 3), (3, 10, 4)], 7, 20)
    assert m.to_raw(1, 6) == (6, 13)
    assert m.to_text(6, 13) == (1, 6)
    assert m.to_text(0, 20) == (0, 7)


def test_offsets_runs_must_cover_text():
    with pytest.raises(ValueError, match="cover"):
        OffsetMap([(0, 0, 2)], 5, 5)


def test_offsets_json_round_trip():
    m = OffsetMap([(0, 5, 3), (3, 10, 4)], 7, 20)
    assert OffsetMap.from_json(m.to_json(), 7) == m
