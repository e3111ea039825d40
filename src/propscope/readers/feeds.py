"""RSS and Atom feed files to Articles, through feedparser: one ReadResult per item.

Each item's body is its full content (``content:encoded``, Atom ``<content>``) or else its
summary.  HTML bodies become text with :func:`~propscope.readers.html.html_fragment_to_text`
(all of the item's text, one line per block) and are cleaned like extracted HTML; plain
text bodies go through the scraped-text reader.  The item's title, link, date and authors,
and the feed's title (as the outlet), become the Article's metadata; a date feedparser
cannot read is kept as the feed wrote it (:mod:`propscope.dates` reads it when stored).

The feed is always handed to feedparser as a byte stream: given a string, feedparser would
treat it as a URL or a file name and fetch or open it.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from propscope.article import Article
from propscope.errors import MalformedInputError, NoArticleError, PropscopeError
from propscope.readers.base import ReadResult, replace_surrogates, replace_surrogates_in

__all__ = ["read_feed"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _valid_charrefs(data: bytes) -> bytes:
    """Numeric character references to no character (a lone surrogate such as ``&#xdc00;``,
    0, past U+10FFFF) as ``&#xfffd;``: feedparser's fallback parser raises on them, and the
    whole feed would be lost for one bad reference."""

    def fix(m: re.Match[bytes]) -> bytes:
        hex_digits, dec_digits = m.group(1), m.group(2)
        digits = hex_digits or dec_digits
        if len(digits.lstrip(b"0")) > 8:
            return b"&#xfffd;"
        code = int(hex_digits, 16) if hex_digits else int(dec_digits)
        return b"&#xfffd;" if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m.group(0)

    return _CHARREF.sub(fix, data) if b"&#" in data else data


def _iso(parsed: Any) -> str | None:
    """feedparser's UTC ``struct_time`` as ISO 8601 (``2024-03-14T09:30:00+00:00``)."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _own(entry: Mapping[str, Any], key: str) -> Any:
    """The entry's own value: feedparser answers a missing ``updated*`` with ``published*``
    and a DeprecationWarning, but ``in`` tells the truth."""
    return entry.get(key) if key in entry else None


def _none_if_blank(value: Any) -> str | None:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text or None


def _body(entry: Mapping[str, Any]) -> tuple[str, bool] | None:
    """The item's fullest body and whether it is HTML."""
    candidates: list[Mapping[str, Any]] = list(entry.get("content") or [])
    detail = entry.get("summary_detail")
    if detail:
        candidates.append(detail)
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    best: tuple[str, bool] | None = None
    for item in candidates:
        value = item.get("value") or ""
        if not value.strip():
            continue
        is_html = str(item.get("type") or "text/html").lower() in _HTML_TYPES
        if best is None or len(value) > len(best[0]) * 1.5:  # content:encoded beats a teaser
            best = (value, is_html)
    return best


def _plain(value: str | None, detail: Mapping[str, Any] | None, source: str) -> str | None:
    if not value:
        return None
    if detail and str(detail.get("type") or "").lower() in _HTML_TYPES:
        from propscope.readers.html import html_fragment_to_text

        value = html_fragment_to_text(value, source=source)
    text = " ".join(value.split())
    return text or None


def _entry_article(
    entry: Mapping[str, Any],
    *,
    source: str,
    feed_title: str | None,
    outlet: str | None,
    language: str | None,
    repeated_lines: frozenset[str],
) -> Article:
    body = _body(entry)
    if body is None:
        raise NoArticleError("the feed item has no content or summary", source=source)
    value, is_html = body
    title = _plain(entry.get("title"), entry.get("title_detail"), source)
    url = entry.get("link") or None
    # feedparser reads RFC 822 and ISO dates; any other form ("4 сентября 2026") is kept as the
    # feed wrote it, for the store to read in the article's language or report as unread
    published = (_iso(_own(entry, "published_parsed")) or _iso(_own(entry, "updated_parsed"))
                 or _none_if_blank(_own(entry, "published")) or _none_if_blank(_own(entry, "updated")))
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    if not authors and entry.get("author"):
        authors = [entry["author"]]
    metadata: dict[str, Any] = {}
    if entry.get("id"):
        metadata["entry_id"] = entry["id"]
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    if tags:
        metadata["categories"] = tags
    if is_html:
        from propscope.readers.html import HtmlExtract, article_from_extract, html_fragment_to_text

        text = html_fragment_to_text(value, source=source)
        if not text.strip():
            raise NoArticleError("the feed item's content has no text", source=source)
        extract = HtmlExtract(text=text, title=title, authors=tuple(authors), published=published,
                              outlet=feed_title, url=url, metadata=metadata)
        return article_from_extract(extract, source=source, source_format="feed", outlet=outlet,
                                    language=language, repeated_lines=repeated_lines)
    from propscope.readers.text import read_text

    article = read_text(value, source=source, title=title, outlet=outlet or feed_title, url=url,
                        published=published, language=language, has_title_line=False,
                        repeated_lines=repeated_lines, source_format="feed")
    if authors or metadata:
        from dataclasses import replace

        article = replace(article, authors=tuple(replace_surrogates_in(authors)) or article.authors,
                          metadata={**article.metadata, **replace_surrogates_in(metadata)})
    return article


def read_feed(
    data: bytes | str,
    *,
    source: str,
    outlet: str | None = None,
    language: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
) -> Iterator[ReadResult]:
    """One ReadResult per feed item, sources ``SOURCE#1``, ``SOURCE#2``...

    A document feedparser cannot read as a feed gives one :class:`MalformedInputError`
    result; a valid feed without items one :class:`NoArticleError` result.  ``outlet`` and
    ``language``, when given, override the feed's.
    """
    import feedparser

    headers = None
    if isinstance(data, str):
        data = replace_surrogates(data).encode("utf-8")
        headers = {"content-type": "application/xml; charset=utf-8"}
    try:
        parsed = feedparser.parse(io.BytesIO(_valid_charrefs(data)), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - a third-party parser crashing on one feed is a bad input
        yield ReadResult(source, error=MalformedInputError(f"not a readable feed ({type(exc).__name__}: {exc})",
                                                           source=source))
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            reason = parsed.get("bozo_exception")
            detail = f" ({' '.join(str(reason).split())})" if reason else ""
            yield ReadResult(source, error=MalformedInputError(f"not a valid RSS or Atom feed{detail}", source=source))
        else:
            yield ReadResult(source, error=NoArticleError("the feed has no items", source=source))
        return
    feed = parsed.get("feed") or {}
    try:
        feed_title = _plain(feed.get("title"), feed.get("title_detail"), source)
    except PropscopeError as exc:
        yield ReadResult(source, error=exc)
        return
    for number, entry in enumerate(entries, start=1):
        item_source = f"{source}#{number}"
        try:
            article = _entry_article(entry, source=item_source, feed_title=feed_title, outlet=outlet,
                                     language=language, repeated_lines=repeated_lines)
        except PropscopeError as exc:
            yield ReadResult(item_source, error=exc)
        else:
            yield ReadResult(item_source, article=article)
