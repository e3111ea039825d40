"""Scraped plain text: title line, repeated title, edge boilerplate, whitespace, dateline.

Cleaning is by general rules, never a list of one site's phrases:

* the first non-blank line is the title when no title is given (:func:`takes_title_line`,
  the one rule every reader and entry point goes through), and a body line repeating the
  title at the top is dropped;
* at both edges of the body, lines that look like site furniture are dropped until the
  first line that reads like article prose: blank lines, short lines without sentence
  punctuation ("Most read", share buttons), a line that is only a URL, crumbs and link
  rows (short items between separators: "Home | World | Europe"), copyright notices
  (short, and shaped like one: "© 2026 Example Media. All rights reserved.");
  a dateline line always counts as prose;
* anywhere, a line that recurs across articles of the same outlet (``repeated_lines``,
  learned by :func:`learn_repeated_lines`) is dropped;
* whitespace is normalised by deletion only (surplus spaces, ``\\r``, zero-width marks),
  so the text stays a subsequence of the input and every offset maps back to it.

A rule removes only what it is sure of: losing body text is the worst error a cleaner
makes, keeping a stray footer line a small one.  So a line with "copyright" or a few
slashes in a sentence of prose stays, "short" counts characters as well as words (CJK text
has no spaces), and a first line too long to be a headline is not taken as the title.

Line breaks are ``\\n``, ``\\r\\n`` and a lone ``\\r`` (old Mac files); a lone ``\\r`` (and U+2028,
U+2029) is read as ``\\n`` one for one, so ``Cleaned.raw`` has the input's length and every
offset into it is an offset into the input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from propscope.article import Article, Dateline, OffsetMap, RemovedBlock, TextBuilder
from propscope.errors import EmptyInputError
from propscope.readers.base import make_article
from propscope.readers.dateline import find_dateline, opens_with_dateline
from propscope.readers.furniture import (caption_text_span, closing_reason, furniture_reason, is_poll_question,
                                        poll_widget, price_widget, wire_byline)

__all__ = ["Cleaned", "byline_authors", "clean_body", "clean_scraped_text", "is_copyright_notice", "is_crumb",
           "is_furniture", "learn_repeated_lines", "line_key", "normalise_line_breaks", "read_text", "takes_title_line"]

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: sentence-final punctuation of the scripts news is written in (CJK full stops, Arabic,
#: Urdu, Devanagari, Armenian, Ethiopic), with any closing quotes or brackets
_SENTENCE_END = re.compile(r"[.!?…。！？｡．؟۔।॥։።][\"'”’»)\]」』）〕》】]*$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_COPYRIGHT = re.compile(r"©|℗|\(c\)|\bcopyright\b|\ball rights reserved\b", re.I)
#: a notice that starts like one: "© …", "℗ …", "(c) 2026 …" (a bare "(c)" also opens a
#: clause of a quoted law)
_NOTICE_START = re.compile(r"^(?:©|℗|\([cC]\)\s*\d{4})")
#: what a notice is made of besides its holder's name
_NOTICE_PARTS = re.compile(r"©|℗|\([cC]\)|(?i:\bcopyright\b)|(?i:\ball\s+rights\s+reserved\b)"
                           r"|\b\d{4}(?:\s*[-–—]\s*\d{2,4})?\b")
_NOTICE_WORDS = frozenset("and its the of by or all rights reserved inc ltd llc plc gmbh ag sa co corp "
                          "affiliates licensors subsidiaries".split())
_NOTICE_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")
_MAX_NOTICE_CHARS = 200
#: separators of crumbs and link rows, between spaces ("and/or", "a>b" and markup are not)
_CRUMB_SEPARATOR = re.compile(r"\s+[>»›|/·•]\s+")
#: a crumb written without spaces: single words joined by > » › | ("Home>World>Europe")
_COMPACT_CRUMB = re.compile(r"^[^\s>»›|<]+(?:\s*[>»›|]\s*[^\s>»›|<]+){2,}$")
_MAX_CRUMB_ITEM_WORDS = 4
_MAX_FURNITURE_WORDS = 20
#: a line of furniture is short in characters too (a line of Chinese is one "word")
_MAX_FURNITURE_CHARS = 160
#: scripts written without spaces between words: each character counts as a word
_UNSPACED = re.compile("[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                       "\U00020000-\U0003ffff\u0e00-\u0e7f]")
#: a first line longer than this is prose, not a headline
_MAX_TITLE_CHARS = 300
_MAX_TITLE_WORDS = 40
#: a first line of this many words or more that ends with a full stop is prose, not a headline
_MAX_STOPPED_TITLE_WORDS = 20
#: line breaks read as "\n", one character for one: a lone CR, LINE and PARAGRAPH SEPARATOR
_LONE_BREAK = re.compile("\r(?!\n)|[\u2028\u2029]")
_NAME_WORD = r"[A-Z][\w.'’\-]*"
_PERSON = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
#: "By Ivan Petrenko", "By Ana Rell and Tom Balm", "Reporting by Ana Rell; Editing by …"
_BYLINE = re.compile(rf"^(?i:by|written\s+by|reporting\s+by)\s+(?P<names>{_PERSON}(?:\s*(?:,|\band\b|&)\s*{_PERSON})*)"
                     r"\s*(?:[;|,]\s*(?i:editing|edited|additional\s+reporting)\b.*)?$")


def byline_authors(line: str) -> tuple[str, ...]:
    """The authors a byline names ("By Ana Rell and Tom Balm" -> both; "Ana Rell, Reuters" ->
    Ana Rell, :func:`~propscope.readers.furniture.wire_byline`), or () if it is none."""
    m = _BYLINE.match(line.strip())
    if m is None:
        wire = wire_byline(line)  # "Amy Forliti and Todd Richmond, The Associated Press"
        return wire[0] if wire else ()
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
    gap: tuple[int, int] | None = None  # raw offsets of furniture cut out of the line's middle

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


def _word_count(line: str) -> int:
    """Words of ``line``: runs between spaces, and each character of a script without spaces."""
    return len(line.split()) + len(_UNSPACED.findall(line))


def _is_short(line: str) -> bool:
    return len(line) <= _MAX_FURNITURE_CHARS and _word_count(line) <= _MAX_FURNITURE_WORDS


def is_copyright_notice(line: str) -> bool:
    """A copyright notice: short, and shaped like one.

    It starts with ``©`` (or ``℗``, ``(c) 2026``), or it is made of nothing but the notice's
    own words (copyright, all rights reserved, years, "Inc.") and a holder's name, every
    other word capitalised: "Copyright 2026 Some Outlet. All rights reserved.".  A sentence
    of prose that mentions copyright ("The court heard a copyright case on Monday") is not.
    """
    stripped = line.strip()
    if len(stripped) > _MAX_NOTICE_CHARS or not _COPYRIGHT.search(stripped):
        return False
    if _NOTICE_START.match(stripped):
        return True
    rest = _NOTICE_WORD.findall(_NOTICE_PARTS.sub(" ", stripped))
    others = [w for w in rest if w.lower() not in _NOTICE_WORDS]
    return len(others) <= 8 and all(w[0].isupper() or w[0].isdigit() or "." in w for w in others)


def is_crumb(line: str) -> bool:
    """A crumb or link row: short, and made of three or more short items between separators
    ("Home | World | Europe", "News > World > Eurasia", "Share · Tweet · Email")."""
    stripped = line.strip()
    if len(stripped) > _MAX_FURNITURE_CHARS:
        return False
    if _COMPACT_CRUMB.match(stripped):
        return True
    items = [item.strip() for item in _CRUMB_SEPARATOR.split(f" {stripped} ")]
    if items and not items[0]:  # "» Home » World"
        items = items[1:]
    if items and not items[-1]:
        items = items[:-1]
    return len(items) >= 3 and all(item and _word_count(item) <= _MAX_CRUMB_ITEM_WORDS for item in items)


def is_furniture(line: str) -> bool:
    """Whether a line at the edge of an article looks like site furniture rather than prose."""
    stripped = line.strip()
    if not stripped:
        return True
    if _URL.match(stripped) or is_copyright_notice(stripped) or is_crumb(stripped):
        return True
    if _SENTENCE_END.search(stripped):
        return False
    return _is_short(stripped)


def _is_title_shaped(line: str) -> bool:
    """Whether a first line can be a headline: a paragraph of prose is not one, nor a line that
    opens with a dateline ("WASHINGTON (AP) — The …": the body starts there), nor a long
    sentence closed by a full stop (no PTC headline ending in one has more than 9 words)."""
    stripped = line.strip()
    words = len(stripped.split())
    if len(stripped) > _MAX_TITLE_CHARS or words > _MAX_TITLE_WORDS:
        return False
    if words >= _MAX_STOPPED_TITLE_WORDS and re.search(r"\.[\"'”’»)\]]*$", stripped):
        return False
    return not opens_with_dateline(stripped)


def normalise_line_breaks(raw: str) -> str:
    """``raw`` with each lone ``\\r`` (and U+2028, U+2029) as ``\\n``: one character for one."""
    return _LONE_BREAK.sub("\n", raw) if ("\r" in raw or "\u2028" in raw or "\u2029" in raw) else raw


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
    """Clean scraped text (see the module docstring); ``has_title_line`` None (the default)
    means :func:`takes_title_line`.  ``Cleaned.raw`` is ``raw`` with its line breaks normalised
    (:func:`normalise_line_breaks`), which the offsets map into."""
    raw = normalise_line_breaks(raw)
    lines = _split_lines(raw)
    removed: list[RemovedBlock] = []
    keep = [not line.blank for line in lines]
    authors: list[str] = []

    def drop(i: int, reason: str) -> None:
        keep[i] = False
        if not lines[i].blank:
            removed.append(RemovedBlock(lines[i].start, lines[i].end, reason, lines[i].text.strip()))

    def take(i: int, reason: str) -> bool:
        """Drop furniture line ``i``; a caption that reports speech keeps its text, losing only
        its label and credit.  Whether the line is gone."""
        line = lines[i]
        kept = caption_text_span(line.text) if reason == "caption" else None
        if kept is None:
            drop(i, reason)
            return True
        a, b = kept
        if line.text[:a].strip():
            removed.append(RemovedBlock(line.start, line.start + a, "caption_credit", line.text[:a].strip()))
        if line.text[b:].strip():
            removed.append(RemovedBlock(line.start + b, line.end, "caption_credit", line.text[b:].strip()))
        line.start, line.end, line.text = line.start + a, line.start + b, line.text[a:b]
        return False

    first = next((i for i, line in enumerate(lines) if not line.blank), None)
    if first is None:
        raise EmptyInputError("the input has no text")
    if takes_title_line(has_title_line, title) and _is_title_shaped(lines[first].text):
        title = title or " ".join(lines[first].text.split())
        drop(first, "title")
        first += 1
    title_key = line_key(title) if title else None

    # Leading edge: repeated title and furniture, until the first line of prose.  The loose
    # edge rule (a short line without a full stop) holds only up to the first line a furniture
    # class takes: past a caption, a short line can be a subheading or a lead-in of the body.
    loose = True
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
        elif loose and find_dateline(line.text.strip()) is None and is_furniture(line.text):
            drop(i, "boilerplate")
        elif (reason := furniture_reason(line.text)) is not None:
            loose = False
            if not take(i, reason):
                break
        else:
            break
    # Trailing edge, the same way.
    loose = True
    for i in range(len(lines) - 1, first - 1, -1):
        line = lines[i]
        if line.blank or not keep[i]:
            continue
        named = byline_authors(line.text)
        if named:
            authors.extend(named)
            drop(i, "byline")
        elif line_key(line.text) in repeated_lines:
            drop(i, "repeated_line")
        elif loose and is_furniture(line.text):
            drop(i, "boilerplate")
        elif (reason := closing_reason(line.text)) is not None:  # a reporter's bio counts here only
            loose = False
            if not take(i, reason):
                break
        else:
            break
    # Anywhere: page furniture by class (readers.furniture: credits, captions, embed ids, share,
    # newsletter and ad blocks, links to other stories), one whole line at a time.
    in_poll = False
    for i in range(first, len(lines)):
        if not keep[i]:
            continue
        text_i = lines[i].text.strip()
        if in_poll and is_poll_question(text_i):
            drop(i, "form")  # the question and options of the poll widget just opened
            continue
        reason = furniture_reason(text_i)
        if reason is None and _LINK_LINE.match(text_i) and is_furniture(text_i):
            reason = "read_more"
        in_poll = reason in ("ad", "form") and ("poll" in text_i.casefold() or in_poll)
        if reason is not None:
            take(i, reason)
    # Anywhere: poll widgets (the repeated question, its answers, its form; readers.furniture).
    whole, cuts = poll_widget([line.text for line in lines])
    for i in whole:
        if keep[i]:
            drop(i, "form")
    for i, cut in cuts.items():
        if not keep[i]:
            continue
        if cut == 0:
            drop(i, "ad")
            continue
        line = lines[i]
        removed.append(RemovedBlock(line.start + cut, line.end, "ad", line.text[cut:].strip()))
        kept = line.text[:cut].rstrip()
        line.end, line.text = line.start + len(kept), kept
    inline: set[int] = set()  # widgets on lines of their own inside running text: no paragraph break
    # Anywhere: a shop widget glued to a sentence of the body ("… happening.” No Place to Hide: Edwa...
    # Glenn Greenwald Best Price: $1.49 Buy New $3.70 (as of 06:30 EDT - Details)"): the body's part stays
    for i in range(first, len(lines)):
        widget = price_widget(lines[i].text) if keep[i] else None
        if widget is None:
            continue
        line, (a, b) = lines[i], widget
        head, tail = line.text[:a].rstrip(), line.text[b:].strip()
        if not head and not tail:
            drop(i, "ad")
            inline.add(i)
            continue
        removed.append(RemovedBlock(line.start + a, line.start + b, "ad", line.text[a:b].strip()))
        if head and tail:  # the body on both sides: both stay, joined by a space
            line.gap = (line.start + a, line.start + b)
        elif head:
            line.end, line.text = line.start + len(head), head
        else:
            skip = len(line.text) - len(line.text[b:].lstrip())
            line.start, line.text = line.start + skip, line.text[skip:]
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
            _copy_break(builder, lines, previous, i, soft=set(range(previous + 1, i)) <= inline)
        if line.gap is None:
            _copy_line(builder, raw, line)
        else:
            a, b = line.gap
            _copy_line(builder, raw, _Line(line.start, a, None, raw[line.start:a]))
            space = next((k for k in range(a - 1, line.start - 1, -1) if raw[k] == " "), None)
            if space is not None:
                builder.copy(space, space + 1)
            _copy_line(builder, raw, _Line(b, line.end, None, raw[b:line.end]))
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


def _copy_break(builder: TextBuilder, lines: list[_Line], prev: int, nxt: int, *, soft: bool = False) -> None:
    """A line break after line ``prev``; a paragraph break if anything lay between, unless
    ``soft`` (what lay between was a widget inside running text, no break of the text's own)."""
    first_nl = lines[prev].newline
    if first_nl is None:  # lines split by a lone '\r': keep it as the separator
        builder.copy(lines[prev].end, lines[prev].end + 1)
        return
    builder.copy(first_nl, first_nl + 1)
    if nxt - prev > 1 and not soft:
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
        cleaned.raw,
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
