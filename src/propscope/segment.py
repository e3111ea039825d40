"""Paragraph and sentence boundaries as character spans, by fast rules (no model).

Paragraphs are runs of non-blank lines separated by a blank line; where a text has no blank
lines at all (common in scraped text) every line is a paragraph.  Sentences never cross a
paragraph: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets) followed by whitespace and something that can start a sentence, except after
common abbreviations, initials and numbers such as ``No. 5``.
"""

from __future__ import annotations

import re

from propscope.article import Span

__all__ = ["has_word", "paragraph_spans", "segment", "sentence_spans"]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col capt sgt maj adm cmdr jr sr st mt ft no nos vs
    etc inc ltd co corp dept univ est approx fig jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.g i.e a.m p.m al rev hon pres amb""".split()
)

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ—–-])")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
#: a letter or a digit: a span without one is no paragraph or sentence
_WORDY = re.compile(r"[^\W_]")


def has_word(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds a letter or a digit: " ." and "* * *" between paragraphs
    say nothing, and are no paragraph or sentence."""
    return _WORDY.search(text, start, len(text) if end is None else end) is not None


def paragraph_spans(text: str) -> list[Span]:
    """Blank-line-separated blocks; one per line when the text has no blank line."""
    out: list[Span] = []
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n\s*")
    pos = 0
    for m in separator.finditer(text):
        _add_trimmed(out, text, pos, m.start())
        pos = m.end()
    _add_trimmed(out, text, pos, len(text))
    return out


def _add_trimmed(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and has_word(text, start, end):
        out.append(Span(start, end))


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith", "U. S."
        return True
    return word in _ABBREVIATIONS


def sentence_spans(text: str, paragraphs: list[Span] | None = None) -> list[Span]:
    out: list[Span] = []
    for para in paragraphs if paragraphs is not None else paragraph_spans(text):
        start = para.start
        chunk = text[para.start : para.end]
        for m in _BOUNDARY.finditer(chunk):
            punct_at = para.start + m.start()
            if text[punct_at] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, punct_at):
                continue
            end = para.start + m.end()
            _add_trimmed(out, text, start, end)
            start = end
        _add_trimmed(out, text, start, para.end)
    return out


def segment(text: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    paragraphs = paragraph_spans(text)
    return tuple(paragraphs), tuple(sentence_spans(text, paragraphs))
