"""The writer telling the reader ("We told you about …") is no attribution; texts written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.narrator import writer_to_reader


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


@pytest.mark.parametrize("text, source, cue", [
    ("We told you about the shake-ups on Tuesday:", "We", "told"),
    ("As I warned you last week, the bridge is failing.", "I", "warned"),
])
def test_narrator_the_writer_telling_you_is_no_attribution(text, source, cue):
    content = (_span(text, cue)[1] + 1, len(text) - 1)
    assert writer_to_reader(text, _span(text, source), _span(text, cue), [content], [])


def test_narrator_a_speakers_quoted_we_or_another_addressee_stays():
    text = '"We told you the bridge would fail," Ann Lind said.'
    quoted = _span(text, '"We told you the bridge would fail,"')
    assert not writer_to_reader(text, _span(text, "We"), _span(text, "told"), [(13, 35)], [quoted])
    other = "We told the minister that the plan failed."
    assert not writer_to_reader(other, (0, 2), (3, 7), [(26, 41)], [])


def test_narrator_the_reader_as_a_source_is_no_attribution_but_a_quoted_you_stays():
    text = "If you enjoyed Ana Lind's tenure as minister, you will like his."
    assert writer_to_reader(text, _span(text, "you"), _span(text, "enjoyed"), [(15, 44)], [])
    quoted = '"If you enjoyed her tenure, you will like mine," Tom Vale said.'
    inside = _span(quoted, '"If you enjoyed her tenure, you will like mine,"')
    assert not writer_to_reader(quoted, _span(quoted, "you"), _span(quoted, "enjoyed"), [(16, 26)], [inside])
