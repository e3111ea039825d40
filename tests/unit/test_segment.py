from __future__ import annotations

from propscope.segment import paragraph_spans, segment


def _texts(text, spans):
    return [text[s.start : s.end] for s in spans]


def test_segment_sentences_respect_abbreviations_initials_and_quotes():
    text = 'Mr. Smith said the U.S. army was "weak." He met J. Doe at 5 p.m. on Friday! Is it over? “Yes,” she said.'
    _, sentences = segment(text)
    assert _texts(text, sentences) == [
        'Mr. Smith said the U.S. army was "weak."',
        "He met J. Doe at 5 p.m. on Friday!",
        "Is it over?",
        "“Yes,” she said.",
    ]


def test_segment_paragraphs_blank_lines_or_lines():
    assert _texts("a b.\nc d.\n\ne f.", paragraph_spans("a b.\nc d.\n\ne f.")) == ["a b.\nc d.", "e f."]
    assert _texts("a b.\nc d.\ne f.", paragraph_spans("a b.\nc d.\ne f.")) == ["a b.", "c d.", "e f."]


def test_segment_sentences_never_cross_paragraphs():
    text = "First line without stop\nSecond line."
    _, sentences = segment(text)
    assert _texts(text, sentences) == ["First line without stop", "Second line."]


def test_segment_handles_long_text_quickly():
    text = " ".join(f"Sentence number {i} is here." for i in range(2000))
    _, sentences = segment(text)
    assert len(sentences) == 2000
