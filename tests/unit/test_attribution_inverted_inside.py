""""A, CUE NAME, B." read by the tagger with the name as the start of its content (h-attr3);
texts written for these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.parenthetical import inverted_name_inside


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def test_the_name_after_an_inverted_cue_inside_the_sentence_is_the_source():
    text = "There is a real joy, insists 16-year-old Mia Tamm, in seeing a boat through to launch."
    content = [(_span(text, "16-year-old")[0], len(text) - 1)]
    got = inverted_name_inside(text, content, _span(text, "insists"), None, (0, len(text)),
                               [_span(text, "Mia Tamm")], [])
    assert got is not None
    pieces, src = got
    assert [text[a:b] for a, b in pieces] == ["There is a real joy", "in seeing a boat through to launch"]
    assert text[src[0] : src[1]] == "Mia Tamm"


def test_a_source_already_found_or_no_comma_after_the_name_leaves_it():
    text = "There is a real joy, insists Mia Tamm, in seeing a boat through to launch."
    content = [(_span(text, "Mia Tamm")[0], len(text) - 1)]
    people = [_span(text, "Mia Tamm")]
    assert inverted_name_inside(text, content, _span(text, "insists"), people[0], (0, len(text)), people, []) is None
    text = "There is a real joy, insists Mia Tamm in the harbour today."
    content = [(_span(text, "Mia Tamm")[0], len(text) - 1)]
    people = [_span(text, "Mia Tamm")]
    assert inverted_name_inside(text, content, _span(text, "insists"), None, (0, len(text)), people, []) is None
