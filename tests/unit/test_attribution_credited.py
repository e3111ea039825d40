"""A line of first-person words credited by a person's name after them is that person's (a pull
quote, `attribution/credited.py`); lines written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.credited import credited_lines
from propscope.analyzers.entities.resolve import EntityRef
from propscope.article import Span

ROE = EntityRef("person:ana-roe", "Ana Roe", "PERSON")


def _lines(text: str) -> list[tuple[str, str]]:
    mentions = []
    pos = text.find("Ana Roe")
    while pos >= 0:
        mentions.append(Span(pos, pos + 7, "X", {"entity": ROE.id}))
        pos = text.find("Ana Roe", pos + 1)
    got = credited_lines(text, [Span(0, len(text))], mentions, {ROE.id: ROE})
    return [(text[a:b], text[c:d]) for (a, b), (c, d), _ in got]


def test_credited_first_person_words_then_the_name_on_one_line():
    text = ("Roe learned of her illness at 25.\n.\nI'm not sad, but I'm thankful for what it has brought me. Ana Roe.\n"
            ".\nShe turned down a number of offers.")
    assert _lines(text) == [("I'm not sad, but I'm thankful for what it has brought me.", "Ana Roe")]


@pytest.mark.parametrize("line", [
    "The board met on Monday and approved the levy for next year. Ana Roe.",  # no first person
    "We spoke to the harbour's new chief on Monday, Dr. Ana Roe.",  # a title before the name
    "Seven per cent would vote for Sen. Ian Lind, I-Vt., and two for Gov. Ana Roe.",  # "I-Vt." is no "I"
    "I'm not sad, but I'm thankful for what it has brought me. Tom Lind.",  # no person the entities know
])
def test_credited_other_lines_credit_no_one(line):
    assert _lines(line) == []


def test_credited_a_content_run_on_into_the_line_ends_where_it_begins():
    from propscope.analyzers.attribution.analyzer import Found, _credit_lines
    from propscope.analyzers.attribution.decode import quote_mask

    from speaker_samples import speaker_resolver
    text = ("She had free time, so she went sailing.\n.\n"
            "I'm not sad, but I'm thankful for what it has brought me. Ana Roe.\nRoe smiled.")
    r = speaker_resolver(text, {"Ana Roe": ("Ana Roe", "f")})
    run_on = Found([(text.index("free time"), text.index(" Ana Roe"))], (4, 8), (0, 3))
    out = [run_on]
    _credit_lines(text, [Span(0, len(text))], r.mentions, r, out, quote_mask(len(text), []))
    assert [text[a:b] for a, b in out[0].content] == ["free time, so she went sailing"]
    assert out[1].speaker.name == "Ana Roe"
    assert [text[a:b] for a, b in out[1].content] == ["I'm not sad, but I'm thankful for what it has brought me."]
