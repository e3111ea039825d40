"""Quotation marks: the passages an article puts between quotes.

Pairs straight (``"``), curly (``“ ”``), low (``„ “``), guillemet (``« »``, ``» «``) and
typewriter (``''…''``, ````…''``) double quotes, two single curly marks typed for a double one
(``‘’…”``, ``‘‘…’’``), and single curly quotes (``‘ ’``) when they do not look like apostrophes.
A quote left open at the end of a paragraph continues when the next paragraph opens with a
quote mark (the news convention for a quote running across paragraphs), or when a following
paragraph closes it before any new quote opens (text laid out one sentence per line, where a
quotation of several sentences spans lines); otherwise it is dropped as unbalanced rather than
swallowing the rest of the article.  Nested quotes are
reported with ``depth`` 1.
"""

from __future__ import annotations

from collections.abc import Mapping

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span

__all__ = ["QuoteMarks", "find_quotes"]

#: how many lines a quotation laid out one sentence per line may run on to its closing mark: a
#: quotation that opens its line (a quoted paragraph) up to 8, one opened inside a sentence 3
_RUN_ON_LINES = 8
_RUN_ON_LINES_MIDLINE = 3
_OPENERS = {"“": "”", "„": "“", "«": "»", "»": "«", "‘": "’", "‹": "›", '"': '"'}


def _letter_both_sides(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _opens(text: str, i: int, floor: int) -> bool:
    """A mark opens a quote at the paragraph start or after a space, bracket or dash."""
    return i == floor or text[i - 1].isspace() or text[i - 1] in "([{—–-:/"


def _closes_later(text: str, paragraphs: tuple[Span, ...] | list[Span], k: int, closer: str,
                  lines: int = _RUN_ON_LINES_MIDLINE) -> bool:
    """Whether a double quote left open before paragraph ``k`` closes in it or in one of the
    paragraphs after it (``lines`` in all), with no other quote mark before the closing one: a
    quotation of several sentences laid out one sentence per line."""
    for para in paragraphs[k : k + lines]:
        seg = text[para.start : para.end]
        marks = [i for i, ch in enumerate(seg) if ch in '"“”«»„']
        if not marks:
            continue  # a line wholly inside the quotation
        i = marks[0]
        if not (seg[i] == closer or _straight_closes_curly(text, para.start + i, closer, para.end)) or (
                i == 0 or seg[i - 1].isspace()):
            return False
        if closer == '"' and (len(marks) % 2 == 0 or (i + 1 < len(seg) and seg[i + 1].isalnum())):
            return False  # an even count pairs up inside the line; a mark before a letter opens
        return True
    return False


def _run_on_lines(text: str, start: int) -> int:
    """How many lines a quotation opened at ``start`` may run on: more when it opens its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return _RUN_ON_LINES if not text[line_start:start].strip() else _RUN_ON_LINES_MIDLINE


def _straight_closes_curly(text: str, i: int, expected: str, end: int) -> bool:
    """A straight ``"`` that closes an open curly quote (“… said." — mixed marks in scraped or
    retyped text), or a curly ``”`` that closes an open straight one ("… first.”): after a
    non-space and before a space, punctuation or the line's end."""
    mixed = (expected == "”" and text[i] == '"') or (expected == '"' and text[i] == "”")
    return (mixed and i > 0 and not text[i - 1].isspace()
            and (i + 1 >= end or text[i + 1].isspace() or text[i + 1] in ".,;:!?)"))


def find_quotes(text: str, paragraphs: tuple[Span, ...] | list[Span]) -> list[Span]:
    """Quoted passages as spans including their quote marks, label ``quote``."""
    out: list[Span] = []
    stack: list[tuple[str, int, str]] = []  # (expected closing mark, start offset, opening mark)
    for k, para in enumerate(paragraphs):
        i = para.start
        if stack:
            opener = stack[0][2]
            if text.startswith(opener, para.start):
                i += len(opener)  # the quote runs on: the paragraph re-opens it
            elif not (len(stack) == 1 and opener in '"“«»„' and _closes_later(
                    text, paragraphs, k, stack[0][0], _run_on_lines(text, stack[0][1]))):
                stack.clear()  # left open and not continued: unbalanced, dropped
        while i < para.end:
            ch = text[i]
            pair = text[i : i + 2]
            if pair in ("''", "``"):  # typewriter double quotes: ``like this'' or ''like this''
                if pair == "''" and stack and stack[-1][0] == "''":
                    _, start, _ = stack.pop()
                    out.append(Span(start, i + 2, "quote", {"depth": len(stack)}))
                elif pair == "``" or _opens(text, i, para.start):
                    stack.append(("''", i, pair))
                i += 2
                continue
            if pair in ("‘’", "‘‘") and text[i + 2 : i + 3].isalpha() and _opens(text, i, para.start):
                stack.append(("”", i, pair))  # two single marks typed for a double one: ‘’It’s …” or ‘‘It’s …’’
                i += 2
                continue
            if pair == "’’" and stack and stack[-1][2] in ("‘’", "‘‘"):
                _, start, _ = stack.pop()
                out.append(Span(start, i + 2, "quote", {"depth": len(stack)}))
                i += 2
                continue
            if stack and (ch == stack[-1][0] or _straight_closes_curly(text, i, stack[-1][0], para.end)) and not (
                    ch == "’" and _letter_both_sides(text, i)):
                _, start, _ = stack.pop()
                out.append(Span(start, i + 1, "quote", {"depth": len(stack)}))
            elif ch in _OPENERS and ch != "’":
                if ch == "‘" and _letter_both_sides(text, i) or ch in "\"‘»" and not _opens(text, i, para.start):
                    pass
                else:
                    stack.append((_OPENERS[ch], i, ch))
            i += 1
    return sorted(out, key=lambda s: (s.start, s.end))


class QuoteMarks(BaseAnalyzer):
    name = "quotes"
    version = "1"
    requires = ()
    produces = ("quotes",)
    description = "Passages between quotation marks (straight, curly, guillemets), across paragraphs."

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        paragraphs = article.paragraphs or (Span(0, len(article.text)),)
        return {"quotes": self.layer("quotes", find_quotes(article.text, paragraphs))}
