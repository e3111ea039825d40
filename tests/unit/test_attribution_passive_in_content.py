"""A cue in the passive joined by "and" to another attribution's content is part of that content
(h-attr3); texts written for these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.analyzer import Found, _passive_in_content


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def test_a_passive_cue_after_and_continues_the_content_before_it():
    text = "Kask said nurses skip lunch and are asked to stay past midnight."
    f = Found([_span(text, "nurses skip lunch")], _span(text, "said"), _span(text, "Kask"))
    g = Found([_span(text, "to stay past midnight")], _span(text, "are asked"), _span(text, "Kask"))
    out = _passive_in_content(text, [f, g])
    assert len(out) == 1 and text[slice(*out[0].content[0])] == "nurses skip lunch and are asked to stay past midnight"


def test_an_active_cue_or_one_apart_from_the_content_stays_its_own():
    text = "Kask said nurses skip lunch and Lind warned that shifts run long."
    f = Found([_span(text, "nurses skip lunch")], _span(text, "said"), _span(text, "Kask"))
    g = Found([_span(text, "shifts run long")], _span(text, "warned"), _span(text, "Lind"))
    assert len(_passive_in_content(text, [f, g])) == 2
    text = "Kask said nurses skip lunch. Staff are asked to stay late."
    f = Found([_span(text, "nurses skip lunch")], _span(text, "said"), _span(text, "Kask"))
    g = Found([_span(text, "to stay late")], _span(text, "are asked"), None)
    assert len(_passive_in_content(text, [f, g])) == 2
