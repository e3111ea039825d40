"""Quotation marks: the passages an article puts between quotes.

Pairs straight (``"``), curly (``“ ”``), low (``„ “``), guillemet (``« »``, ``» «``) and
typewriter (``''…''``, ````…''``) double quotes, and single curly quotes (``‘ ’``) when they do not look like apostrophes.
A quote left open at the end of a paragraph continues when the next paragraph opens with a
quote mark (the news convention for a quote running across paragraphs); otherwise it is
dropped as unbalanced rather than swallowing the rest of the article.  Nested quotes are
reported with ``depth`` 1.
"""

from __future__ import annotations

from collections.abc import Mapping

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span

__all__ = ["QuoteMarks", "find_quotes"]

_OPENERS = {"“": "”", "„": "“", "«": "»", "»": "«", "‘": "’", "‹": "›", '"': '"'}


def _letter_both_sides(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _opens(text: str, i: int, floor: int) -> bool:
    """A mark opens a quote at the paragraph start or after a space, bracket or dash."""
    return i == floor or text[i - 1].isspace() or text[i - 1] in "([{—–-:/"


def find_quotes(text: str, paragraphs: tuple[Span, ...] | list[Span]) -> list[Span]:
    """Quoted passages as spans including their quote marks, label ``quote``."""
    out: list[Span] = []
    stack: list[tuple[str, int, str]] = []  # (expected closing mark, start offset, opening mark)
    for para in paragraphs:
        i = para.start
        if stack:
            opener = stack[0][2]
            if text.startswith(opener, para.start):
                i += len(opener)  # the quote runs on: the paragraph re-opens it
            else:
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
            if stack and ch == stack[-1][0] and not (ch == "’" and _letter_both_sides(text, i)):
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
