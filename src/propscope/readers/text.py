"""Scraped plain text: title line, repeated title, edge boilerplate, whitespace, dateline.

Cleaning is by general rules, never a list of one site's phrases:

* the first non-blank line is the title when no title is given (:func:`takes_title_line`,
  the one rule every reader and entry point goes through), and a body line repeating the
  title at the top is dropped;
* at both edges of the body, lines that look like site furniture are dropped until the
  first line that reads like article prose: blank lines, short lines without sentence
  punctuation (link lists, "Most read", crumbs, share buttons), URLs, copyright lines;
  a dateline line always counts as prose;
* anywhere, a line that recurs across articles of the same outlet (``repeated_lines``,
  learned by :func:`learn_repeated_lines`) is dropped;
* whitespace is normalised by deletion only (surplus spaces, ``\\r``, zero-width marks),
  so the text stays a subsequence of the input and every offset maps back to it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from propscope.article import Article, Dateline, OffsetMap, RemovedBlock, TextBuilder
from propscope.errors import EmptyInputError
from propscope.readers.base import make_article
from propscope.readers.dateline import find_dateline

__all__ = ["Cleaned", "byline_authors", "clean_body", "clean_scraped_text", "learn_repeated_lines", "line_key", "read_text",
           "takes_title_line"]

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
_CRUMB = re.compile(r"(?:\s[>»|/·•›]\s.*){2,}|^(?:\S+\s*[>»›]\s*){2,}")
_MAX_FURNITURE_WORDS = 20
_NAME_WORD = r"[A-Z][\w.'’\-]*"
_PERSON = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
#: "By Ivan Petrenko", "By Ana Rell and Tom Balm", "Reporting by Ana Rell; Editing by …"
_BYLINE = re.compile(rf"^(?i:by|written\s+by|reporting\s+by)\s+(?P<names>{_PERSON}(?:\s*(?:,|\band\b|&)\s*{_PERSON})*)"
                     r"\s*(?:[;|,]\s*(?i:editing|edited|additional\s+reporting)\b.*)?$")


def byline_authors(line: str) -> tuple[str, ...]:
    """The authors a byline names ("By Ana Rell and Tom Balm" -> both), or () if it is none."""
    m = _BYLINE.match(line.strip())
    if m is None:
        return ()
    return tuple(n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n.strip())


#: "Read also: …", "READ MORE: …", "Related: …": a link to another story, wherever it stands
_LINK_LINE = re.compile(r"^\W*(?:read\s+(?:also|more|next)|also\s+read|see\s+also|related(?:\s+(?:articles?|stories|news))?"
                        r"|recommended|more\s+on\s+this(?:\s+story)?|you\s+may\s+also\s+like)\s*[:：|—–\-]", re.I)


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning: text, its offset map, what was removed, title, dateline."""

    raw: str
    text: str
    offsets: OffsetMap
    title: str | None
    removed: tuple[RemovedBlock, ...]
    dateline: Dateline | None
    authors: tuple[str, ...] = ()  # from a byline the cleaning removed ("By Ivan Petrenko")


@dataclass
class _Line:
    start: int  # raw offset of the first character
    end: int  # raw offset after the last character (before \r\n / \n)
    newline: int | None  # raw offset of the '\n' ending the line, if any
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\f\v\u00a0\u200b\ufeff\u3000")


def line_key(line: str) -> str:
    """A line's identity for comparisons: whitespace-folded, case-folded, zero-width dropped."""
    return " ".join("".join(c for c in line if c not in _ZERO_WIDTH).split()).casefold()


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    n = len(raw)
    while pos <= n:
        nl = raw.find("\n", pos)
        if nl == -1:
            end = n
            if pos < n or not lines:
                text_end = end - 1 if end > pos and raw[end - 1] == "\r" else end
                lines.append(_Line(pos, text_end, None, raw[pos:text_end]))
            break
        text_end = nl - 1 if nl > pos and raw[nl - 1] == "\r" else nl
        lines.append(_Line(pos, text_end, nl, raw[pos:text_end]))
        pos = nl + 1
    return lines


def is_furniture(line: str) -> bool:
    """Whether a line at the edge of an article looks like site furniture rather than prose."""
    stripped = line.strip()
    if not stripped:
        return True
    if _URL.match(stripped) or _COPYRIGHT.search(stripped) or _CRUMB.search(stripped):
        return True
    words = stripped.split()
    if _SENTENCE_END.search(stripped):
        return False
    return len(words) <= _MAX_FURNITURE_WORDS


def learn_repeated_lines(texts: Iterable[str], *, min_count: int = 2, min_share: float = 0.1) -> frozenset[str]:
    """Keys of lines that recur across several articles of one outlet (site furniture).

    A line counts once per article; it is learned when it occurs in at least ``min_count``
    articles and in at least ``min_share`` of them.  Long lines (over 40 words) are never
    learned: a recurring paragraph of prose is content, not furniture.
    """
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        keys = {line_key(line) for line in text.splitlines()}
        counts.update(k for k in keys if k and len(k.split()) <= 40)
    need = max(min_count, int(min_share * total + 0.999))
    return frozenset(k for k, c in counts.items() if c >= need)


def takes_title_line(has_title_line: bool | None, title: str | None) -> bool:
    """Whether the first non-blank line of scraped text is the article's title.

    The one rule, for every way in (``propscope.analyze``/``read``, ``propscope analyze
    --title``, the HTTP API and the web form): the first line is the title only when no
    title is given.  A caller who gives a title has said what the title is, so the first
    line is the start of the body and is kept.  An explicit ``has_title_line`` (True or
    False) always wins: ``True`` with a title drops the first line and keeps the given
    title.  Formats that carry the title in a field of their own (feeds, JSONL/CSV rows,
    HTML) pass ``has_title_line=False``: their bodies never start with a title line.
    """
    if has_title_line is not None:
        return has_title_line
    return not (title and title.strip())


def clean_scraped_text(
    raw: str,
    *,
    has_title_line: bool | None = None,
    title: str | None = None,
    repeated_lines: frozenset[str] | set[str] = frozenset(),
) -> Cleaned:
    """Clean scraped text; ``has_title_line`` None (the default) means :func:`takes_title_line`."""
    lines = _split_lines(raw)
    removed: list[RemovedBlock] = []
    keep = [not line.blank for line in lines]
    authors: list[str] = []

    def drop(i: int, reason: str) -> None:
        keep[i] = False
        if not lines[i].blank:
            removed.append(RemovedBlock(lines[i].start, lines[i].end, reason, lines[i].text.strip()))

    first = next((i for i, line in enumerate(lines) if not line.blank), None)
    if first is None:
        raise EmptyInputError("the input has no text")
    if takes_title_line(has_title_line, title):
        title = title or " ".join(lines[first].text.split())
        drop(first, "title")
        first += 1
    title_key = line_key(title) if title else None

    # Leading edge: repeated title and furniture, until the first line of prose.
    for i in range(first, len(lines)):
        line = lines[i]
        if line.blank:
            continue
        key = line_key(line.text)
        named = byline_authors(line.text)
        if title_key and key == title_key:
            drop(i, "repeated_title")
        elif named:
            authors.extend(named)
            drop(i, "byline")
        elif key in repeated_lines:
            drop(i, "repeated_line")
        elif find_dateline(line.text.strip()) is None and is_furniture(line.text):
            drop(i, "boilerplate")
        else:
            break
    # Trailing edge.
    for i in range(len(lines) - 1, first - 1, -1):
        line = lines[i]
        if line.blank or not keep[i]:
            continue
        named = byline_authors(line.text)
        if named:
            authors.extend(named)
            drop(i, "byline")
        elif line_key(line.text) in repeated_lines or is_furniture(line.text):
            drop(i, "repeated_line" if line_key(line.text) in repeated_lines else "boilerplate")
        else:
            break
    # Anywhere: links to other stories ("Read also: …"), short and with no sentence of their own.
    for i in range(first, len(lines)):
        text_i = lines[i].text.strip()
        if keep[i] and _LINK_LINE.match(text_i) and is_furniture(text_i):
            drop(i, "boilerplate")
    # Anywhere: furniture learned across the outlet's articles.
    if repeated_lines:
        for i in range(first, len(lines)):
            if keep[i] and line_key(lines[i].text) in repeated_lines:
                drop(i, "repeated_line")

    builder = TextBuilder(raw)
    previous: int | None = None
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if previous is not None:
            _copy_break(builder, lines, previous, i)
        _copy_line(builder, raw, line)
        previous = i
    text, offsets = builder.build()
    if not text.strip():
        raise EmptyInputError("no article text left after removing the title and boilerplate")
    removed.sort(key=lambda b: b.raw_start)
    return Cleaned(raw, text, offsets, title, tuple(removed), find_dateline(text), tuple(dict.fromkeys(authors)))


def clean_body(
    raw: str, *, title: str | None = None, repeated_lines: frozenset[str] | set[str] = frozenset()
) -> Cleaned:
    """Clean an article body that has no title line (HTML extractions, CSV rows)."""
    return clean_scraped_text(raw, has_title_line=False, title=title, repeated_lines=repeated_lines)


def _copy_break(builder: TextBuilder, lines: list[_Line], prev: int, nxt: int) -> None:
    """A line break after line ``prev``; a paragraph break if anything lay between."""
    first_nl = lines[prev].newline
    if first_nl is None:  # lines split by a lone '\r': keep it as the separator
        builder.copy(lines[prev].end, lines[prev].end + 1)
        return
    builder.copy(first_nl, first_nl + 1)
    if nxt - prev > 1:
        last_nl = lines[nxt - 1].newline
        if last_nl is not None and last_nl != first_nl:
            builder.copy(last_nl, last_nl + 1)


def _copy_line(builder: TextBuilder, raw: str, line: _Line) -> None:
    """Copy a line with its whitespace trimmed and runs folded to one character."""
    i, end = line.start, line.end
    while i < end and (raw[i].isspace() or raw[i] in _ZERO_WIDTH):
        i += 1
    while end > i and (raw[end - 1].isspace() or raw[end - 1] in _ZERO_WIDTH):
        end -= 1
    run_start = i
    while i < end:
        c = raw[i]
        if c in _ZERO_WIDTH:
            builder.copy(run_start, i)
            i += 1
            run_start = i
        elif c.isspace():
            builder.copy(run_start, i)
            j = i
            while j < end and (raw[j].isspace() or raw[j] in _ZERO_WIDTH):
                j += 1
            space = next((k for k in range(i, j) if raw[k] == " "), i)
            if raw[space].isspace():
                builder.copy(space, space + 1)
            i = run_start = j
        else:
            i += 1
    builder.copy(run_start, end)


def read_text(
    raw: str,
    *,
    source: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    has_title_line: bool | None = None,
    repeated_lines: frozenset[str] | set[str] = frozenset(),
    source_format: str = "text",
) -> Article:
    """An Article from scraped plain text.

    The first line is the title when no ``title`` is given (see :func:`takes_title_line`;
    ``has_title_line`` True or False overrides that).
    """
    try:
        cleaned = clean_scraped_text(raw, has_title_line=has_title_line, title=title, repeated_lines=repeated_lines)
    except EmptyInputError as exc:
        exc.source = exc.source or source
        raise
    return make_article(
        raw,
        cleaned.text,
        cleaned.offsets,
        title=cleaned.title,
        removed=cleaned.removed,
        dateline=cleaned.dateline,
        outlet=outlet,
        url=url,
        published=published,
        language=language,
        authors=cleaned.authors,
        source=source,
        source_format=source_format,
    )
