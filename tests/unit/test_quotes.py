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


def test_quotes_reversed_guillemets():
    assert _quotes("Er sagte »nie wieder« und ging.") == ["»nie wieder«"]


def test_quotes_running_across_paragraphs():
    text = "“The first part of the quote.\n\n“The second part,” she said."
    spans = find_quotes(text, paragraph_spans(text))
    assert [text[s.start : s.end] for s in spans] == [text[: text.index("”") + 1]]


def test_quotes_straight_quote_inside_a_word_is_not_an_opener():
    assert _quotes('The 6"4 player said "yes" loudly.') == ['"yes"']


def test_quotes_many_unbalanced_marks_stay_linear():
    text = ("“open " * 5000) + "\n\n" + ("close” " * 5000)
    assert _quotes(text) == []


def test_quotes_typewriter_double_apostrophes():
    assert _quotes("He said ''we must not overreact,'' and left. ``Fine,'' she said.") == [
        "''we must not overreact,''", "``Fine,''"]


def test_quotes_a_quotation_of_several_lines_closes_on_a_later_line():
    # one sentence per line, no blank lines: every line is a paragraph
    text = ('"We will fight, and use every legal tool.\nThe first is our new law."\nThe mayor left.\n'
            '“Prices are rising.\nWages are not.\nWe cannot wait.”')
    assert _quotes(text) == ['"We will fight, and use every legal tool.\nThe first is our new law."',
                             '“Prices are rising.\nWages are not.\nWe cannot wait.”']


def test_quotes_a_stray_mark_does_not_pair_with_a_later_lines_quote():
    text = 'He said "this never closes.\nThen she said "no" twice.\nA "third" line.'
    assert _quotes(text) == ['"no"', '"third"']
    text = 'He said "this never closes.\nOne.\nTwo.\nThree.\nFour." said nobody.'
    assert _quotes(text) == []


def test_quotes_a_quoted_paragraph_of_many_lines_closes_on_its_last_line():
    lines = ["Every threat to the harbour comes from the same place.", "We have a plan.", "It covers all of it.",
             "Others must act too.", "Judging it by one clause misses the point.", "To wait would be foolish."]
    text = "“The port matters,” the mayor said.\n“" + "\n".join(lines) + "”\nShe left."
    assert _quotes(text) == ["“The port matters,”", "“" + "\n".join(lines) + "”"]


def test_quotes_a_straight_mark_closes_an_open_curly_quote():
    text = '“Our party has taken a stand.\nFor us, the town is first." He left. A “real” one.'
    assert _quotes(text) == ['“Our party has taken a stand.\nFor us, the town is first."', "“real”"]
    assert _quotes('“He said "no" twice.”') == ['“He said "no" twice.”', '"no"']
    text = '"For us, the town is first.\nWe will fight for it.” He left.'
    assert _quotes(text) == ['"For us, the town is first.\nWe will fight for it.”']


def test_two_single_marks_typed_for_a_double_opening_quote():
    from propscope.analyzers.quotes import find_quotes as fq
    from propscope.article import Span as S

    text = "Ruiz said so. ‘’It’s not about who wins, we all lose.” Then she left. ‘‘Never again,’’ she said."
    got = [text[q.start : q.end] for q in fq(text, [S(0, len(text))])]
    assert got == ["‘’It’s not about who wins, we all lose.”", "‘‘Never again,’’"]


def test_a_single_quoted_word_is_still_a_single_quote():
    from propscope.analyzers.quotes import find_quotes as fq
    from propscope.article import Span as S

    text = "He called it ‘junk’ and left."
    assert [text[q.start : q.end] for q in fq(text, [S(0, len(text))])] == ["‘junk’"]
