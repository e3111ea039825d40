from __future__ import annotations

from propscope.analyzers.quotes import find_quotes
from propscope.segment import paragraph_spans


def _quotes(text):
    return [text[s.start : s.end] for s in find_quotes(text, paragraph_spans(text))]


def test_quotes_straight_curly_and_guillemets():
    text = 'He said "no deal" and “never again” then «jamais» and „nein“.'
    assert _quotes(text) == ['"no deal"', "“never again”", "«jamais»", "„nein“"]


def test_quotes_apostrophes_are_not_quotes():
    assert _quotes("The minister’s aide said ‘enough’ and didn’t stay.") == ["‘enough’"]


def test_quotes_unbalanced_quote_is_dropped_not_swallowing_text():
    text = 'He said "this never closes.\n\nNext paragraph has "a real one" here.'
    assert _quotes(text) == ['"a real one"']


def test_quotes_nested_quotes_report_depth():
    text = "“They called it ‘a coup’ yesterday,” he said."
    spans = find_quotes(text, paragraph_spans(text))
    assert [(text[s.start : s.end], s.attrs["depth"]) for s in spans] == [
        ("“They called it ‘a coup’ yesterday,”", 0),
        ("‘a coup’", 1),
    ]


def test_quotes_no_quotes():
    assert _quotes("Nothing quoted in this article at all.") == []
