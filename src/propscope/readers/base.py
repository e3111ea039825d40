"""What every reader shares: the outcome type and the one way an Article is assembled."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from propscope.article import Article, Dateline, OffsetMap, RemovedBlock
from propscope.errors import EmptyInputError, PropscopeError, TooLargeError
from propscope.segment import segment

__all__ = ["MAX_ARTICLE_CHARS", "MAX_INPUT_BYTES", "ReadResult", "display_name", "make_article", "replace_surrogates",
           "replace_surrogates_in"]

#: Inputs larger than this are refused (a 50 MB file is not a news article).
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: One article longer than this (about 80,000 words, several times the longest news feature)
#: is refused: it is a book or a whole site read as one page, and would tie up the analysis
#: for minutes.
MAX_ARTICLE_CHARS = 500_000


_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (``"\\udc00"`` from a JSON escape, a char
    reference, a caller's string) replaced by U+FFFD.

    A surrogate cannot be encoded: left in, it fails every write of the text as UTF-8.
    One code point for one, so offsets into the text stay valid.
    """
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def replace_surrogates_in(value: Any) -> Any:
    """A JSON-able value with lone surrogates replaced in every string, keys included."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, Mapping):
        return {replace_surrogates_in(k): replace_surrogates_in(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(replace_surrogates_in(v) for v in value)
    return value


def display_name(name: str) -> str:
    """A file name or URL as a printable, encodable ``source``: the bytes of a name that is
    not valid UTF-8 (which Python holds as ``surrogateescape`` code points) as ``\\xNN``,
    control characters as ``\\xNN``, any other surrogate as ``\\uNNNN``.

    The name is only shown and stored; the file is opened by its real path.
    """
    if _UNPRINTABLE.search(name) is None:
        return name

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of byte code - 0xDC00
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, name)


@dataclass(frozen=True)
class ReadResult:
    """One item a reader produced: an article, or the error that stopped it.

    ``source`` names the item for the user: a path, ``path#3`` for the 3rd record of a
    JSONL/CSV/feed/WARC file, or a URL.
    """

    source: str
    article: Article | None = None
    error: PropscopeError | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def make_article(
    raw: str,
    text: str,
    offsets: OffsetMap,
    *,
    title: str | None = None,
    removed: Iterable[RemovedBlock] = (),
    dateline: Dateline | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    authors: Iterable[str] = (),
    source: str | None = None,
    source_format: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    detect_language: bool = True,
) -> Article:
    """Segment, detect what is missing (language, dateline) and freeze an Article.

    Lone surrogates are replaced in every string (one for one in ``raw`` and ``text``, so
    ``offsets`` hold): an Article is always encodable as UTF-8.
    """
    raw, text = replace_surrogates(raw), replace_surrogates(text)
    title, outlet, url, published, language, source = (
        replace_surrogates(v) if v else v for v in (title, outlet, url, published, language, source))
    authors = [replace_surrogates(a) for a in authors]
    removed = [RemovedBlock(b.raw_start, b.raw_end, b.reason, replace_surrogates(b.text)) for b in removed]
    metadata = replace_surrogates_in(metadata) if metadata else metadata
    if not text.strip():
        raise EmptyInputError("no article text left after cleaning", source=source)
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLargeError(f"the article is {len(text):,} characters long, over the {MAX_ARTICLE_CHARS:,} one "
                            "analysis takes: split it into articles", source=source)
    if dateline is None:
        from propscope.readers.dateline import find_dateline

        dateline = find_dateline(text)
    if language is None and detect_language:
        from propscope.readers.detect import detect_language as _detect

        language = _detect(text)
    paragraphs, sentences = segment(text)
    return Article(
        text=text,
        title=title or None,
        outlet=outlet or None,
        url=url or None,
        published=published or None,
        language=language,
        authors=tuple(a for a in authors if a),
        dateline=dateline,
        paragraphs=paragraphs,
        sentences=sentences,
        source=source,
        source_format=source_format,
        raw=raw,
        offsets=offsets,
        removed=tuple(removed),
        metadata=metadata or {},
    )
