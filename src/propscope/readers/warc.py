"""WARC, WARC.gz and ARC.gz web archives to Articles, through warcio.

The archive is streamed record by record (never loaded whole); only ``response`` records
with HTTP status 200 and an HTML Content-Type are read, each through the HTML reader
(``WARC-Target-URI`` is the Article's url, ``WARC-Date`` its date when the page states
none).  A record's body is read up to ``MAX_INPUT_BYTES``, so memory stays bounded.

A bad record (no article body, too large) gives an error result and the archive goes on;
a truncated or malformed archive gives what could be read, then one error result.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any, BinaryIO

from propscope.errors import MalformedInputError, NoArticleError, PropscopeError, TooLargeError
from propscope.readers.base import MAX_INPUT_BYTES, ReadResult
from propscope.readers.detect import decode_bytes, looks_binary

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 65536


def _quiet_iterator_class() -> type:
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
        """Two additions to warcio's iterator.

        * warcio writes a warning to stderr for a record with a wrong length: count it only
          (``err_count``), the caller reports it.
        * warcio silently stops at a gzip member cut short (a truncated ``.warc.gz``): note
          it in ``truncated`` when the iterator closes with an unfinished decompressor.
        """

        INC_RECORD = ""
        truncated = False

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None) if self.reader else None
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.truncated = True
            super().close()

    return QuietArchiveIterator


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decode(body: bytes, content_type: str, source: str) -> str:
    """The page's text: UTF-8, else the charset of the HTTP header or the ``<meta>`` tag, else detected."""
    from propscope.readers.html import declared_charset

    if not looks_binary(body):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        for charset in (_charset(content_type), declared_charset(body)):
            if charset:
                try:
                    return body.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    pass
    return decode_bytes(body, source=source)


class _Page:
    """An HTML response record's body and headers, read off the stream."""

    __slots__ = ("body", "content_type", "date", "url")

    def __init__(self, url: str | None, date: str | None, content_type: str, body: bytes) -> None:
        self.url, self.date, self.content_type, self.body = url, date, content_type, body


def _read_page(record: Any, max_record_bytes: int) -> _Page | None:
    """The page in ``record``, or ``None`` for records that are not 200 HTML responses."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    date = record.rec_headers.get_header("WARC-Date") or None
    # content_stream() undoes chunked and gzip transfer encodings; read at most one byte too many
    return _Page(url, date, content_type, record.content_stream().read(max_record_bytes + 1))


def _page_result(page: _Page, source: str, max_record_bytes: int, **meta: Any) -> ReadResult:
    from propscope.readers.html import article_from_extract, extract_html

    try:
        if len(page.body) > max_record_bytes:
            raise TooLargeError(f"the record's page is over the {max_record_bytes}-byte limit", source=source)
        html = _decode(page.body, page.content_type, source)
        extract = extract_html(html, url=page.url, source=source)
        article = article_from_extract(
            extract, source=source, source_format="warc", url=page.url,
            published=extract.published or page.date, **meta,
        )
    except PropscopeError as exc:
        return ReadResult(source, error=exc)
    return ReadResult(source, article=article)


def read_warc(
    path: str | Path | BinaryIO,
    *,
    source: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    max_record_bytes: int = MAX_INPUT_BYTES,
) -> Iterator[ReadResult]:
    """One ReadResult per HTML response record, sources ``PATH#N`` (N: the record's number).

    ``path`` may also be an open binary stream (then name it with ``source``).

    An archive without any HTML page gives one :class:`NoArticleError` result.
    """
    from warcio.exceptions import ArchiveLoadFailed

    name = source or (str(path) if isinstance(path, (str, Path)) else "<warc>")
    pages = errors = 0
    with open(path, "rb") if isinstance(path, (str, Path)) else nullcontext(path) as fh:
        if not _starts_like_archive(fh):
            yield ReadResult(name, error=MalformedInputError("not a WARC or ARC file", source=name))
            return
        outcome = _Outcome()
        for result in _iterate(fh, name, outcome, outlet=outlet, language=language, max_record_bytes=max_record_bytes):
            pages += result.article is not None
            errors += result.article is None
            yield result
        if outcome.whole_gzip:
            # A .warc.gz compressed as one gzip stream (not one member per record): warcio refuses
            # it after the first record.  Read it again through a streaming decompressor, skipping
            # the records already given; a cut stream ends in an EOFError, reported as truncation.
            plain, complete = _gunzip(fh)
            with plain:
                rest = _Outcome()
                for result in _iterate(plain, name, rest, skip=outcome.records, outlet=outlet, language=language,
                                       max_record_bytes=max_record_bytes):
                    pages += result.article is not None
                    errors += result.article is None
                    yield result
                    if result.error is not None:
                        complete = True  # already reported
            if not complete:
                errors += 1
                yield ReadResult(name, error=MalformedInputError(
                    f"truncated archive: the gzip stream ends inside record {rest.records + 1}", source=name))
    if not pages and not errors:
        yield ReadResult(name, error=NoArticleError("the archive has no HTML response with status 200", source=name))


def _gunzip(fh: BinaryIO) -> tuple[BinaryIO, bool]:
    """``fh``'s gzip stream (all members) decompressed into a temporary file (in memory up to
    8 MiB, then on disk), rewound, and whether the stream was complete; a cut stream gives what
    could be decompressed."""
    import tempfile

    out = tempfile.SpooledTemporaryFile(max_size=8 << 20)
    fh.seek(0)
    complete = True
    decompressor = zlib.decompressobj(wbits=31)
    try:
        while chunk := fh.read(_CHUNK):
            while chunk:
                out.write(decompressor.decompress(chunk))
                if decompressor.eof:  # the next member starts in what is left
                    chunk = decompressor.unused_data
                    decompressor = zlib.decompressobj(wbits=31) if chunk.startswith(b"\x1f\x8b") else None
                    if decompressor is None:
                        break
                else:
                    chunk = b""
            if decompressor is None:
                break
        complete = decompressor is None or decompressor.eof
    except zlib.error:
        complete = False
    out.seek(0)
    return out, complete  # type: ignore[return-value]


class _Outcome:
    """What :func:`_iterate` found besides its results."""

    records = 0  # records read whole
    whole_gzip = False  # stopped at a single-stream .warc.gz (warcio's "non-chunked gzip file")


def _iterate(fh: BinaryIO, name: str, outcome: _Outcome, *, skip: int = 0, **page_kw: Any) -> Iterator[ReadResult]:
    """The results of the records of ``fh`` after the first ``skip``; one error result ends it."""
    from warcio.exceptions import ArchiveLoadFailed

    stream_errors = (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, IndexError, KeyError)
    max_record_bytes = page_kw.pop("max_record_bytes")
    iterator = _quiet_iterator_class()(fh, arc2warc=True)
    records = iter(iterator)
    number = 0
    while True:
        number += 1
        try:
            record = next(records)
        except StopIteration:
            if iterator.truncated or iterator.offset < fh.seek(0, os.SEEK_END):
                # gzip member cut short, or warcio stopped at a record header cut short
                yield ReadResult(name, error=MalformedInputError(
                    f"truncated archive: the data ends inside record {number}", source=name))
            return
        except ArchiveLoadFailed as exc:
            if "non-chunked gzip" in str(exc) and not skip:
                outcome.whole_gzip = True
                return
            yield _broken(name, number, exc)
            return
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on a broken archive
            yield _broken(name, number, exc)
            return
        try:
            page = _read_page(record, max_record_bytes) if number > skip else None
            _drain(record)
        except stream_errors as exc:
            yield _broken(name, number, exc)
            return
        outcome.records = number
        if page is not None:
            yield _page_result(page, f"{name}#{number}", max_record_bytes, **page_kw)
        if iterator.err_count:
            yield ReadResult(name, error=MalformedInputError(
                f"malformed archive: record {number} is not followed by the next one (wrong Content-Length?)",
                source=name))
            return


def _broken(name: str, number: int, exc: BaseException) -> ReadResult:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return ReadResult(name, error=MalformedInputError(
        f"truncated or malformed archive at record {number} ({reason})", source=name))


class _Truncated(EOFError):
    pass


def _drain(record: Any) -> None:
    """Read the rest of ``record``; raise if the archive ends before its Content-Length."""
    from warcio.limitreader import LimitReader

    raw = record.raw_stream
    length = str(record.rec_headers.get_header("Content-Length") or "").strip()
    if not length.isdigit() or not isinstance(raw, LimitReader):
        raise _Truncated("a record without a valid Content-Length (headers cut short?)")
    while raw.read(_CHUNK):
        pass
    if raw.limit > 0:
        raise _Truncated(f"the archive ends {raw.limit} bytes before the end of the record")


def _starts_like_archive(fh: BinaryIO) -> bool:
    """``WARC/`` or an ARC ``filedesc://`` header, possibly gzip-compressed; rewinds ``fh``."""
    import gzip

    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
                head = gz.read(16)
        except (OSError, EOFError, zlib.error):
            head = b""
        fh.seek(0)
    else:
        head = fh.read(16)
        fh.seek(0)
    return head.lstrip(b"\r\n").upper().startswith((b"WARC/", b"FILEDESC://"))
