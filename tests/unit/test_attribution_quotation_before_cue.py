"""A quotation of several sentences before its postposed cue, of which the tagger took only the
last sentence (h-attr3); texts written for these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.analyzer import Found, _quotation_before_cue
from propscope.article import Span


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _quote(text: str, sub: str) -> Span:
    a, b = _span(text, sub)
    return Span(a, b, attrs={"depth": 0})


def test_a_last_sentence_of_a_quotation_runs_back_to_its_opening_mark():
    text = "“Read the minutes [from Monday]. That is the reality,” she said. “Those are facts.”"
    first = "“Read the minutes [from Monday]. That is the reality,”"
    f = Found([_span(text, "That is the reality,”"), _span(text, "“Those are facts.”")],
              _span(text, "said"), _span(text, "she"))
    _quotation_before_cue(text, [f], [_quote(text, first), _quote(text, "“Those are facts.”")])
    assert text[f.content[0][0] : f.content[0][1]] == first


def test_a_quotation_before_a_preposed_cue_or_with_another_report_inside_stays():
    text = "She said: “We tried. We failed,” and left."
    f = Found([_span(text, "We failed,”")], _span(text, "said"), _span(text, "She"))
    _quotation_before_cue(text, [f], [_quote(text, "“We tried. We failed,”")])
    assert text[f.content[0][0] : f.content[0][1]] == "We failed,”"  # the cue is before the quotation
    text = "“Lind said no. We tried,” Kask said."
    cue = text.rindex("said")
    f = Found([_span(text, "We tried,”")], (cue, cue + 4), _span(text, "Kask"))
    g = Found([_span(text, "no.")], _span(text, "said"), _span(text, "Lind"))
    _quotation_before_cue(text, [f, g], [_quote(text, "“Lind said no. We tried,”")])
    assert text[f.content[0][0] : f.content[0][1]] == "We tried,”"  # another report holds its start
