"""What every reader shares: the outcome type and the one way an Article is assembled."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from propscope.article import Article, Dateline, OffsetMap, RemovedBlock
from propscope.errors import EmptyInputError, PropscopeError, TooLargeError
from propscope.segment import segment

__all__ = ["MAX_ARTICLE_CHARS", "MAX_INPUT_BYTES", "ReadResult", "make_article"]

#: Inputs larger than this are refused (a 50 MB file is not a news article).
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: One article longer than this (about 80,000 words, several times the longest news feature)
#: is refused: it is a book or a whole site read as one page, and would tie up the analysis
#: for minutes.
MAX_ARTICLE_CHARS = 500_000


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
    """Segment, detect what is missing (language, dateline) and freeze an Article."""
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
