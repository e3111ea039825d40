"""The dispatcher: picks a reader for each input by content and extension.

* :func:`read_string` — one string of scraped text or HTML (detected by content).
* :func:`read_file` — one file, by extension and content: text, HTML, RSS/Atom, WARC,
  JSONL/JSON, CSV/TSV; yields one :class:`ReadResult` per article or failure.
* :func:`read_sources` — paths, directories (recursively), ``-`` (stdin) and URLs.

The iterators never raise for a bad input: each bad item becomes a ``ReadResult`` whose
``error`` is a :class:`~propscope.errors.PropscopeError` naming the item and the reason.

Metadata options (``**meta``): ``title``, ``outlet``, ``url``, ``published``,
``language``, ``authors``, ``has_title_line`` (scraped text: is the first line the title?
default: yes unless a ``title`` is given, see :func:`propscope.readers.text.takes_title_line`),
``metadata``.  Files holding many articles (feeds, archives, corpora) take
only ``outlet`` and ``language`` from them, as overrides for every article.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from propscope.article import Article
from propscope.errors import (
    EmptyInputError,
    FetchRefusedError,
    InputError,
    NoArticleError,
    NotFoundError,
    PropscopeError,
    TooLargeError,
    UnreadableInputError,
    UnsupportedInputError,
)
from propscope.readers.base import MAX_INPUT_BYTES, ReadResult, display_name
from propscope.readers.detect import decode_bytes, looks_binary
from propscope.readers.tabular import ColumnMap, read_csv, read_json, read_jsonl

__all__ = [
    "FORMATS",
    "MAX_INPUT_BYTES",
    "ColumnMap",
    "ReadResult",
    "format_of_path",
    "read_bytes",
    "read_file",
    "read_sources",
    "read_string",
    "sniff_format",
]

#: Format names accepted by ``format=`` (aliases: txt, htm, rss, atom, ndjson, arc, tsv).
FORMATS = ("text", "html", "feed", "warc", "jsonl", "json", "csv", "tsv")
_ALIASES = {"txt": "text", "htm": "html", "xhtml": "html", "rss": "feed", "atom": "feed", "ndjson": "jsonl",
            "arc": "warc", "auto": None}
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "xml",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
}
_SINGLE_META = frozenset({"title", "outlet", "url", "published", "language", "authors", "has_title_line", "metadata"})
_TEXT_KEYS = frozenset({"title", "outlet", "url", "published", "language", "has_title_line"})
_HTML_KEYS = frozenset({"title", "outlet", "url", "published", "language", "authors", "metadata"})
_MANY_KEYS = frozenset({"outlet", "language"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_MIB = 1024 * 1024


def _check_meta(meta: dict[str, Any]) -> None:
    unknown = set(meta) - _SINGLE_META
    if unknown:
        raise TypeError(f"unknown reader option(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(_SINGLE_META))}")


def _pick(meta: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k in keys and v is not None}


def _normalise_format(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    key = fmt.strip().lower().lstrip(".")
    if key in _ALIASES:
        return _ALIASES[key]
    if key not in FORMATS:
        raise UnsupportedInputError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}")
    return key


def format_of_path(path: str | Path) -> str | None:
    """Format named by a file's extension (``"xml"`` when it must be sniffed), or ``None``."""
    name = Path(path).name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return "warc"
    suffix = Path(name).suffix
    if not suffix:
        return "text"
    return _EXTENSIONS.get(suffix)


def sniff_format(head: bytes) -> str:
    """Format of a document from its first bytes: warc, gzip, feed, html, json, jsonl or text."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    sample = head[:4096].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    low = sample.lower()
    if low.startswith("warc/"):
        return "warc"
    if low.startswith("<"):
        # skip an XML declaration, processing instructions and comments
        body = re.sub(r"^(?:\s*<\?.*?\?>|\s*<!--.*?-->)*\s*", "", low, flags=re.DOTALL)
        if re.match(r"<(?:rss|feed|rdf:rdf)[\s>]", body):
            return "feed"
    from propscope.readers.html import looks_like_html

    if looks_like_html(sample):
        return "html"
    if low.startswith("{"):
        return "jsonl"
    if low.startswith("["):
        return "json"
    return "text"


def _gzip_is_warc(stream: BinaryIO) -> bool:
    """Whether a gzip stream holds a WARC archive; rewinds ``stream``."""
    try:
        with gzip.open(stream, "rb") as fh:
            return fh.read(5).upper() == b"WARC/"
    except (OSError, EOFError):
        return False
    finally:
        stream.seek(0)


# ---------------------------------------------------------------------------- single article


def read_string(s: str, *, format: str | None = None, source: str | None = None, **meta: Any) -> Article:
    """One Article from a string of scraped text or HTML.

    ``format`` is ``"text"``, ``"html"`` or ``None`` (detect: an ``<html>``, ``<body>``,
    ``<article>`` or ``<!doctype>`` tag near the start, or a leading tag such as ``<p>``).
    Raises a :class:`~propscope.errors.PropscopeError` for bad input.
    """
    _check_meta(meta)
    fmt = _normalise_format(format)
    if fmt not in (None, "text", "html"):
        raise UnsupportedInputError(f"a string is read as text or html, not {format!r}", source=source)
    if len(s) > MAX_INPUT_BYTES:
        raise TooLargeError(f"the input is over the {MAX_INPUT_BYTES // _MIB} MiB limit", source=source)
    if not s.strip():
        raise EmptyInputError("the input is empty", source=source)
    from propscope.readers.html import looks_like_html

    if fmt == "html" or (fmt is None and looks_like_html(s)):
        return _html(s, source=source, meta=meta)
    return _text(s, source=source, meta=meta)


def _html(s: str, *, source: str | None, meta: dict[str, Any], repeated_lines: frozenset[str] = frozenset(),
          url: str | None = None) -> Article:
    from propscope.readers.html import read_html

    kw = _pick(meta, _HTML_KEYS)
    if url and "url" not in kw:
        kw["url"] = url
    return read_html(s, source=source, repeated_lines=repeated_lines, **kw)


def _text(s: str, *, source: str | None, meta: dict[str, Any], repeated_lines: frozenset[str] = frozenset(),
          url: str | None = None) -> Article:
    from propscope.readers.text import read_text

    kw = _pick(meta, _TEXT_KEYS)
    if url and "url" not in kw:
        kw["url"] = url
    return read_text(s, source=source, repeated_lines=repeated_lines, **kw)


# ---------------------------------------------------------------------------- files


def _one(source: str, build: Any) -> Iterator[ReadResult]:
    try:
        article = build()
    except PropscopeError as exc:
        yield ReadResult(source, error=exc)
    else:
        yield ReadResult(source, article=article)


def _read_document(
    data: bytes,
    *,
    source: str,
    fmt: str | None,
    column_map: ColumnMap | None,
    repeated_lines: frozenset[str],
    meta: dict[str, Any],
    charset: str | None = None,
    url: str | None = None,
) -> Iterator[ReadResult]:
    """Dispatch an in-memory document (file, stdin, download) to its reader."""
    if fmt in (None, "xml"):
        sniffed = sniff_format(data[:65536])
        if sniffed == "gzip":
            sniffed = "warc" if _gzip_is_warc(io.BytesIO(data)) else "gzip"
        if fmt == "xml" and sniffed not in ("feed", "html"):
            yield ReadResult(source, error=UnsupportedInputError("an XML file that is neither RSS nor Atom", source=source))
            return
        if sniffed == "gzip":
            yield ReadResult(source, error=UnsupportedInputError(
                "a compressed file that is not a WARC archive", source=source))
            return
        fmt = sniffed
    if fmt == "warc":
        from propscope.readers.warc import read_warc

        yield from read_warc(io.BytesIO(data), source=source, **_pick(meta, _MANY_KEYS))
        return
    if fmt == "feed":
        from propscope.readers.feeds import read_feed

        try:  # feedparser detects the encoding itself; only refuse empty and binary input here
            _check_not_empty_or_binary(data, source)
        except PropscopeError as exc:
            yield ReadResult(source, error=exc)
            return
        yield from read_feed(data, source=source, repeated_lines=repeated_lines, **_pick(meta, _MANY_KEYS))
        return
    if fmt == "html" and not charset:
        from propscope.readers.html import declared_charset

        charset = declared_charset(data)
    try:
        text = _decode(data, source, charset)
    except PropscopeError as exc:
        yield ReadResult(source, error=exc)
        return
    if fmt == "html":
        yield from _one(source, lambda: _html(text, source=source, meta=meta, repeated_lines=repeated_lines, url=url))
    elif fmt == "text":
        yield from _one(source, lambda: _text(text, source=source, meta=meta, repeated_lines=repeated_lines, url=url))
    else:
        many = {"source": source, "column_map": column_map, "repeated_lines": repeated_lines, **_pick(meta, _MANY_KEYS)}
        if fmt == "jsonl":
            yield from read_jsonl(text, **many)
        elif fmt == "json":
            yield from read_json(text, **many)
        elif fmt in ("csv", "tsv"):
            yield from read_csv(text, delimiter="\t" if fmt == "tsv" else ",", **many)
        else:  # pragma: no cover - _normalise_format and sniff_format return known names
            raise AssertionError(fmt)


def _check_not_empty_or_binary(data: bytes, source: str) -> None:
    from propscope.errors import BinaryInputError

    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    if looks_binary(data):
        raise BinaryInputError("the input is binary, not text or HTML", source=source)


def _decode(data: bytes, source: str, charset: str | None) -> str:
    """A declared charset first (HTTP header, HTML ``<meta>``), when the bytes fit it.

    UTF-8 bytes declared as something else are read as UTF-8 (a common mislabel)."""
    if charset and data.strip() and not looks_binary(data):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, source=source)


def _size_error(source: str, size: int) -> TooLargeError:
    return TooLargeError(
        f"the file is {size / _MIB:.1f} MiB, over the {MAX_INPUT_BYTES // _MIB} MiB limit for one input", source=source
    )


def _os_error(source: str, exc: OSError, path: str | Path | None = None) -> InputError:
    """The input error for an OSError on ``path``; a symbolic link loop or a link to nothing
    is named as such (``os.stat`` only says "too many levels" or "no such file")."""
    if exc.errno == errno.ELOOP:
        return UnreadableInputError("cannot read it: a loop of symbolic links", source=source)
    if isinstance(exc, FileNotFoundError):
        if path is not None and os.path.islink(path):
            try:
                target = display_name(os.readlink(path))
            except OSError:
                target = "?"
            return NotFoundError(f"a symbolic link to nothing: its target {target} does not exist", source=source)
        return NotFoundError("no such file or directory", source=source)
    reason = exc.strerror or type(exc).__name__
    return UnreadableInputError(f"cannot read it: {reason}", source=source)


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def _not_regular(source: str, mode: int) -> UnsupportedInputError:
    kind = next((f" but {name}" for test, name in _KINDS if test(mode)), "")
    return UnsupportedInputError(f"not a regular file{kind}; only regular files are read", source=source)


#: Open for reading without blocking (a FIFO swapped in after the stat() opens at once, and
#: fstat() then refuses it), without becoming the controlling terminal, not inherited.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _open_regular(path: str | Path, source: str, *, limit: int | None = MAX_INPUT_BYTES) -> BinaryIO:
    """``path`` opened for binary reading, if it is a regular file (of at most ``limit``
    bytes, unless ``None``); else an :class:`InputError`.

    The one way a reader opens a file.  ``os.stat`` first, so that nothing that is not a
    regular file is ever opened (a FIFO would block forever, ``/dev/zero`` never ends, a
    device may act on being opened); the open does not block and ``fstat`` checks again,
    for a file swapped between the two calls.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_error(source, exc, path) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(source, st.st_mode)
    if limit is not None and st.st_size > limit:
        raise _size_error(source, st.st_size)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(source, exc, path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(source, st.st_mode)
        if limit is not None and st.st_size > limit:
            raise _size_error(source, st.st_size)
        if _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _resolved(path: str | Path) -> Path:
    """``Path.resolve()``, or the absolute path where it cannot be resolved (a symbolic link
    loop raises RuntimeError before Python 3.13)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def read_file(
    path: str | Path,
    *,
    format: str | None = None,
    column_map: ColumnMap | None = None,
    repeated_lines: frozenset[str] = frozenset(),
    skip: frozenset[Path] = frozenset(),
    **meta: Any,
) -> Iterator[ReadResult]:
    """The articles of one file (or, given a directory, of every known file in it).

    The format comes from ``format``, else the extension, else the content.  A file over
    ``MAX_INPUT_BYTES`` is refused before it is read (WARC archives are streamed and have
    no limit).  Never raises for a bad file: it yields a ``ReadResult`` with the error.
    ``skip``: resolved paths of files and folders that a directory walk passes over (the
    command's own output, which may be written while the walk goes on).
    """
    _check_meta(meta)
    fmt = _normalise_format(format)
    if isinstance(path, str) and not path:
        yield ReadResult('""', error=NotFoundError("an empty path names no file", source='""'))
        return
    source = display_name(str(path))  # printable and encodable, whatever bytes the name holds
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        yield ReadResult(source, error=_os_error(source, exc, p))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _read_directory(p, fmt=fmt, column_map=column_map, repeated_lines=repeated_lines, meta=meta,
                                   skip=skip)
        return
    try:
        fh = _open_regular(p, source, limit=None)  # the size limit depends on the format
    except InputError as exc:
        yield ReadResult(source, error=exc)
        return
    with fh:
        yield from _read_open_file(fh, p, source=source, fmt=fmt, column_map=column_map,
                                   repeated_lines=repeated_lines, meta=meta)


def _read_open_file(
    fh: BinaryIO, p: Path, *, source: str, fmt: str | None, column_map: ColumnMap | None,
    repeated_lines: frozenset[str], meta: dict[str, Any],
) -> Iterator[ReadResult]:
    """The articles of a regular file opened by :func:`_open_regular`; every read is from ``fh``."""
    size = os.fstat(fh.fileno()).st_size
    if size == 0:
        yield ReadResult(source, error=EmptyInputError("the file is empty", source=source))
        return
    sniff_plain = fmt is None and not p.suffix  # no extension: text, unless the content says otherwise
    fmt = fmt or format_of_path(p)
    try:
        if fmt in (None, "xml") or sniff_plain:
            sniffed = sniff_format(fh.read(65536))
            fh.seek(0)
            if sniffed == "gzip":
                sniffed = "warc" if _gzip_is_warc(fh) else "gzip"
            if fmt == "xml" and sniffed not in ("feed", "html"):
                yield ReadResult(source, error=UnsupportedInputError("an XML file that is neither RSS nor Atom",
                                                                     source=source))
                return
            if sniffed == "gzip":
                yield ReadResult(source, error=UnsupportedInputError("a compressed file that is not a WARC archive",
                                                                     source=source))
                return
            fmt = sniffed if not sniff_plain or sniffed in ("warc", "feed", "html") else "text"
        if fmt == "warc":
            from propscope.readers.warc import read_warc

            yield from read_warc(fh, source=source, **_pick(meta, _MANY_KEYS))
            return
        if fmt in _STREAMED_CORPORA:
            yield from _read_corpus_file(fh, source=source, fmt=fmt, column_map=column_map,
                                         repeated_lines=repeated_lines, meta=meta)
            return
        if size > MAX_INPUT_BYTES:
            yield ReadResult(source, error=_size_error(source, size))
            return
        data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        yield ReadResult(source, error=_os_error(source, exc))
        return
    if len(data) > MAX_INPUT_BYTES:  # the file grew
        yield ReadResult(source, error=_size_error(source, len(data)))
        return
    yield from _read_document(data, source=source, fmt=fmt, column_map=column_map,
                              repeated_lines=repeated_lines, meta=meta)


_STREAMED_CORPORA = ("jsonl", "csv", "tsv")


def _read_corpus_file(
    fh: BinaryIO, *, source: str, fmt: str, column_map: ColumnMap | None, repeated_lines: frozenset[str],
    meta: dict[str, Any],
) -> Iterator[ReadResult]:
    """JSONL and CSV corpora stream from disk with no size limit (each row is one article).

    The encoding is decided on the first MiB (UTF-8, else the detected one).
    """
    head = fh.read(1 << 20)
    fh.seek(0)
    try:
        _check_not_empty_or_binary(head, source)
        encoding = _stream_encoding(head)
    except PropscopeError as exc:
        yield ReadResult(source, error=exc)
        return
    many = {"source": source, "column_map": column_map, "repeated_lines": repeated_lines, **_pick(meta, _MANY_KEYS)}
    stream = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
    try:
        if fmt == "jsonl":
            yield from read_jsonl(stream, **many)
        else:
            yield from read_csv(stream, delimiter="\t" if fmt == "tsv" else ",", **many)
    finally:
        stream.detach()  # the caller closes fh


def _stream_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return best.encoding if best is not None else "utf-8"


# ---------------------------------------------------------------------------- directories


def _directory_files(root: Path, skip: frozenset[Path] = frozenset()) -> Iterator[tuple[Path, list[Path]]]:
    """(directory, its readable files sorted) for ``root`` and its subdirectories, pre-order;
    hidden ones and those in ``skip`` (resolved paths) left out."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (skip and _resolved(Path(dirpath, d)) in skip))
        files = sorted(
            Path(dirpath, f) for f in filenames
            if not f.startswith(".") and Path(f).suffix and format_of_path(f) is not None
            and not (skip and _resolved(Path(dirpath, f)) in skip)
        )
        yield Path(dirpath), files


def _texts_for_learning(paths: list[Path]) -> Iterator[str]:
    """The texts of regular files within the size limit; the others are read (and reported) later."""
    for p in paths:
        try:
            with _open_regular(p, "") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
            if len(data) <= MAX_INPUT_BYTES:
                yield decode_bytes(data)
        except (OSError, PropscopeError):
            continue


def _read_directory(
    root: Path,
    *,
    fmt: str | None,
    column_map: ColumnMap | None,
    repeated_lines: frozenset[str],
    meta: dict[str, Any],
    skip: frozenset[Path] = frozenset(),
) -> Iterator[ReadResult]:
    """Every file with a known extension under ``root``, sorted, hidden ones and ``skip`` skipped.

    Before the scraped-text files of each directory are read, lines repeated across them
    (the same outlet's furniture) are learned and removed from each.
    """
    found = False
    for _folder, files in _directory_files(root, skip):
        if not files:
            continue
        found = True
        texts = [f for f in files if (fmt or format_of_path(f)) == "text"]
        learned: frozenset[str] = frozenset()
        if len(texts) >= 2:
            from propscope.readers.text import learn_repeated_lines

            learned = learn_repeated_lines(_texts_for_learning(texts))
        for f in files:
            lines = repeated_lines | learned if f in texts else repeated_lines
            yield from read_file(f, format=fmt, column_map=column_map, repeated_lines=lines, **meta)
    if not found:
        known = ", ".join(sorted({*_EXTENSIONS, ".warc.gz"}))
        name = display_name(str(root))
        yield ReadResult(name, error=NoArticleError(
            f"the directory has no files with a known extension ({known})", source=name))


# ---------------------------------------------------------------------------- sources


def _read_stream(stream: BinaryIO, source: str, **kw: Any) -> Iterator[ReadResult]:
    try:
        data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        yield ReadResult(source, error=_os_error(source, exc))
        return
    if len(data) > MAX_INPUT_BYTES:
        yield ReadResult(source, error=TooLargeError(
            f"the input is over the {MAX_INPUT_BYTES // _MIB} MiB limit for one input", source=source))
        return
    yield from _read_document(data, source=source, **kw)


def read_bytes(
    data: bytes,
    *,
    source: str,
    format: str | None = None,
    column_map: ColumnMap | None = None,
    **meta: Any,
) -> Iterator[ReadResult]:
    """The articles of one in-memory document (an upload, a download): format given, or
    sniffed from the content; the same limits and errors as :func:`read_file`."""
    _check_meta(meta)
    fmt = _normalise_format(format)
    if len(data) > MAX_INPUT_BYTES:
        yield ReadResult(source, error=TooLargeError(
            f"the input is over the {MAX_INPUT_BYTES // _MIB} MiB limit for one input", source=source))
        return
    yield from _read_document(data, source=source, fmt=fmt, column_map=column_map,
                              repeated_lines=frozenset(), meta=meta)


def _content_type_format(content_type: str | None) -> tuple[str | None, str | None]:
    """(format, charset) named by an HTTP Content-Type."""
    if not content_type:
        return None, None
    mime, *params = [p.strip() for p in content_type.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in params if p.lower().startswith("charset=")), None)
    mime = mime.lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html", charset
    if mime in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed", charset
    if mime in ("application/xml", "text/xml"):
        return "xml", charset
    if mime == "text/plain":
        return "text", charset
    if mime in ("application/warc", "application/x-warc"):
        return "warc", charset
    return None, charset


def _read_url(
    url: str,
    *,
    fetch: bool,
    allow_private: bool,
    timeout: float | None,
    fmt: str | None,
    column_map: ColumnMap | None,
    repeated_lines: frozenset[str],
    meta: dict[str, Any],
    check_fetched: Callable[[bytes, str | None, str], None] | None = None,
) -> Iterator[ReadResult]:
    source = display_name(url)
    if not fetch:
        yield ReadResult(source, error=FetchRefusedError("fetching URLs is off: pass --fetch to fetch URLs",
                                                         source=source))
        return
    from propscope.readers.fetch import DEFAULT_TIMEOUT, fetch_url

    try:
        fetched = fetch_url(url, allow_private=allow_private, timeout=timeout or DEFAULT_TIMEOUT)
    except PropscopeError as exc:
        yield ReadResult(source, error=exc)
        return
    declared, charset = _content_type_format(fetched.content_type)
    if check_fetched is not None:
        try:
            check_fetched(fetched.content, fmt or declared, source)
        except PropscopeError as exc:
            yield ReadResult(source, error=exc)
            return
    yield from _read_document(fetched.content, source=source, fmt=fmt or declared, charset=charset, url=fetched.url,
                              column_map=column_map, repeated_lines=repeated_lines, meta=meta)


def read_sources(
    sources: Iterable[str | Path],
    *,
    fetch: bool = False,
    allow_private: bool = False,
    timeout: float | None = None,
    format: str | None = None,
    column_map: ColumnMap | None = None,
    repeated_lines: frozenset[str] = frozenset(),
    stdin: BinaryIO | None = None,
    skip: Iterable[str | Path] = (),
    check_fetched: Callable[[bytes, str | None, str], None] | None = None,
    **meta: Any,
) -> Iterator[ReadResult]:
    """The articles of files, directories, ``-`` (standard input) and http(s) URLs; a walk
    through a directory passes over the files and folders in ``skip``.

    ``check_fetched(content, format, source)`` sees a fetched document before it is parsed (a
    server's size limits); the error it raises is that URL's result.

    URLs are fetched only with ``fetch=True`` (see :mod:`propscope.readers.fetch`; private
    addresses need ``allow_private=True``); without it each URL is an error result.  Every
    bad item is a ``ReadResult`` with its error; this never raises for bad input.
    """
    _check_meta(meta)
    fmt = _normalise_format(format)
    kw: dict[str, Any] = {"fmt": fmt, "column_map": column_map, "repeated_lines": repeated_lines, "meta": meta}
    skipped = frozenset(_resolved(p) for p in skip)
    for item in sources:
        name = display_name(str(item))
        if isinstance(item, str) and item == "-":
            yield from _read_stream(stdin or sys.stdin.buffer, "<stdin>", **kw)
        elif isinstance(item, str) and _SCHEME.match(item):
            from propscope.readers.fetch import is_url

            if is_url(item):
                yield from _read_url(item, fetch=fetch, allow_private=allow_private, timeout=timeout,
                                     check_fetched=check_fetched, **kw)
            else:
                scheme = item.split(":", 1)[0]
                yield ReadResult(name, error=UnsupportedInputError(
                    f"only http and https URLs can be read, not {scheme}", source=name))
        else:
            yield from read_file(item, format=format, column_map=column_map, repeated_lines=repeated_lines,
                                 skip=skipped, **meta)
