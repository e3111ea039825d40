"""JSONL, JSON and CSV/TSV corpora to Articles: one ReadResult per row.

A :class:`ColumnMap` says which field holds what; unset fields are found among common
names (``text``/``body``/``content``...).  A row whose text looks like HTML goes through
the HTML reader, other rows through the scraped-text reader (without a title line: the
title is its own field).  A bad row (invalid JSON, no text) is an error result named
``PATH#LINE`` and the rest of the file goes on.

Hostile rows are bad rows too: JSON nested deeper than the parser's recursion allows, a
number longer than Python converts (``sys.get_int_max_str_digits``), a line longer than
``MAX_INPUT_BYTES`` characters: each is one ``input.malformed`` result, never an exception.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, TextIO

from propscope.article import Article
from propscope.errors import (
    ConfigError,
    EmptyInputError,
    MalformedInputError,
    NoArticleError,
    PropscopeError,
    UnsupportedInputError,
)
from propscope.readers.base import MAX_INPUT_BYTES, ReadResult, replace_surrogates
from propscope.readers.tools import ToolFormat, detect_tool, language_tag, split_authors

__all__ = ["ColumnMap", "read_csv", "read_json", "read_jsonl"]

# what a non-string text field is, in the words of the format it came from
_JSON_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}
_DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "maintext"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher", "site", "source_domain"),
    "published": ("published", "date", "published_at", "date_publish", "pubdate"),
    "language": ("language", "lang"),
    "id": ("id", "article_id", "doc_id", "uuid"),
    "authors": ("authors", "author", "byline"),
}


@dataclass(frozen=True)
class ColumnMap:
    """Which column (or JSON field) holds each piece of an article.

    ``text`` holds plain text or HTML (detected by content); ``html`` always HTML.  A field
    left ``None`` is looked for under its common names, case-insensitively.
    """

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    id: str | None = None
    authors: str | None = None

    @classmethod
    def parse(cls, spec: str) -> ColumnMap:
        """``"text=body,title=headline"`` (the CLI's ``--columns``) to a ColumnMap."""
        names = {f.name for f in fields(cls)}
        values: dict[str, str] = {}
        for part in spec.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            key = key.strip()
            if not sep or key not in names or not value.strip():
                raise ConfigError(
                    f"bad column mapping {part.strip()!r}: expected FIELD=COLUMN with FIELD one of {', '.join(sorted(names))}"
                )
            values[key] = value.strip()
        return cls(**values)

    def resolve(self, columns: Iterable[str], tool: ToolFormat | None = None,
                row: Mapping[str, Any] | None = None) -> dict[str, str]:
        """Field name → actual column, for the columns present (explicit names must exist).

        An explicit name wins; then ``tool``'s own field names (see
        :mod:`propscope.readers.tools`), else the common names.  Given the ``row``, a
        candidate column that is empty there (``null``, ``""``) gives way to the next."""
        present = list(columns)
        lower = {c.lower(): c for c in reversed(present)}
        out: dict[str, str] = {}
        for f in fields(self):
            chosen = getattr(self, f.name)
            if chosen is not None:
                if chosen in present:
                    out[f.name] = chosen
                elif chosen.lower() in lower:
                    out[f.name] = lower[chosen.lower()]
                continue
            candidates = tool.fields.get(f.name, _DEFAULTS[f.name]) if tool else _DEFAULTS[f.name]
            for candidate in candidates:
                if candidate in lower and (row is None or row.get(lower[candidate]) not in (None, "")):
                    out[f.name] = lower[candidate]
                    break
        return out

    def missing(self, columns: Iterable[str]) -> list[str]:
        """Explicitly mapped columns that are not among ``columns``."""
        lower = {c.lower() for c in columns}
        return [v for f in fields(self) if (v := getattr(self, f.name)) is not None and v.lower() not in lower]


_MAX_INT_DIGITS = 4000  # below Python's default conversion limit (4300)


class _Digits(str):
    """A JSON integer too long to convert, kept as written (still a number, not text)."""


def _int(digits: str) -> int | str:
    """A JSON integer; one too long to be a number anyone meant (a 5,000-digit id) stays the
    string it was written as, so the row is read instead of lost."""
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else _Digits(digits)


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_int)


def _json_error(exc: ValueError | RecursionError, source: str, *, lines: bool) -> MalformedInputError:
    """The input error for a ``json.loads`` failure (``lines``: say the line of a syntax error).

    Besides syntax errors, the standard parser raises ``RecursionError`` for deep nesting
    (``[[[[...``) and ``ValueError`` for an integer over Python's digit limit: both are a
    property of the input, not a bug.
    """
    if isinstance(exc, json.JSONDecodeError):
        where = f"line {exc.lineno}, column {exc.colno}" if lines else f"column {exc.colno}"
        return MalformedInputError(f"invalid JSON: {exc.msg} ({where})", source=source)
    if isinstance(exc, RecursionError):
        return MalformedInputError("invalid JSON: nested too deeply to be read", source=source)
    if "integer string conversion" in str(exc):  # "Exceeds the limit (4300 digits) for integer string conversion"
        return MalformedInputError(f"invalid JSON: a number with more than {sys.get_int_max_str_digits()} digits",
                                   source=source)
    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    return MalformedInputError(f"invalid JSON: {reason}", source=source)


def _bounded_lines(stream: TextIO, limit: int) -> Iterator[str | None]:
    """The lines of ``stream``, each read with at most ``limit + 1`` characters in memory; a
    longer line is skipped to its end and yields ``None`` in its place."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while True:
                rest = stream.readline(1 << 16)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            yield None
        else:
            yield line


def _too_long(source: str, limit: int) -> MalformedInputError:
    return MalformedInputError(f"the line is over {limit:,} characters long: not one article", source=source)


class _LineTooLong(Exception):
    pass


class _raise_on_long:  # noqa: N801 - an iterator used like a generator function
    """The lines for ``csv.reader``: a ``None`` (a line too long) raises :class:`_LineTooLong`
    from ``next`` and the iteration goes on (a generator would end at its first raise)."""

    def __init__(self, lines: Iterator[str | None]) -> None:
        self._lines = lines

    def __iter__(self) -> _raise_on_long:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if line is None:
            raise _LineTooLong
        return line


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _no_text(column_map: ColumnMap, tool: ToolFormat | None, source: str) -> PropscopeError:
    if column_map.text or column_map.html:
        wanted = " or ".join(repr(c) for c in (column_map.text, column_map.html) if c)
        return EmptyInputError(f"the row has no text (field {wanted} is missing or empty)", source=source)
    if tool is not None:
        return NoArticleError(tool.no_text, source=source)
    names = ", ".join(_DEFAULTS["text"] + _DEFAULTS["html"])
    return EmptyInputError(f"the row has no text (no non-empty field among {names})", source=source)


def row_article(
    row: Mapping[str, Any],
    column_map: ColumnMap,
    *,
    source: str,
    source_format: str,
    outlet: str | None = None,
    language: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
) -> Article:
    """The Article of one row (a dict of column → value); a neighbouring tool's record (see
    :mod:`propscope.readers.tools`) is read with that tool's field names."""
    from propscope.readers.html import looks_like_html, read_html

    tool = detect_tool(row.keys())
    cols = column_map.resolve(row.keys(), tool, row)
    html_value = row.get(cols["html"]) if "html" in cols else None
    text_value = row.get(cols["text"]) if "text" in cols else None
    body = html_value if isinstance(html_value, str) and html_value.strip() else text_value
    if body is None or (isinstance(body, str) and not body.strip()):
        raise _no_text(column_map, tool, source)
    if not isinstance(body, str) or isinstance(body, _Digits):
        kind = "a number" if isinstance(body, _Digits) else _JSON_KINDS.get(type(body), f"a {type(body).__name__}")
        raise MalformedInputError(f"the row's text field is {kind}, not a string", source=source)
    get = {k: _str(row.get(c)) for k, c in cols.items() if k not in ("text", "html", "authors")}
    get = {k: replace_surrogates(v) if v else v for k, v in get.items()}  # "\udc00" escapes
    authors = split_authors(row.get(cols["authors"])) if "authors" in cols else ()
    metadata: dict[str, Any] = {"record_id": get["id"]} if get.get("id") else {}
    if tool is not None:
        metadata["source_tool"] = tool.name
    common: dict[str, Any] = {
        "source": source,
        "title": get.get("title"),
        "outlet": outlet or get.get("outlet"),
        "url": get.get("url"),
        "published": get.get("published"),
        "language": language or language_tag(get.get("language")),
        "repeated_lines": repeated_lines,
        "source_format": source_format,
    }
    if body is html_value or looks_like_html(body):
        return read_html(body, metadata=metadata or None, authors=authors or None, **common)
    from propscope.readers.text import read_text

    article = read_text(body, has_title_line=False, **common)
    if metadata or authors:
        from dataclasses import replace

        article = replace(article, metadata={**article.metadata, **metadata},
                          authors=tuple(replace_surrogates(a) for a in authors) or article.authors)
    return article


def _row_result(row: Any, column_map: ColumnMap, source: str, source_format: str, **kw: Any) -> ReadResult:
    if not isinstance(row, Mapping):
        return ReadResult(source, error=MalformedInputError(
            f"the record is a JSON {type(row).__name__}, not an object", source=source))
    schema = row.get("schema")
    if isinstance(schema, str) and schema.startswith("propscope.analysis/"):
        return ReadResult(source, error=UnsupportedInputError(
            "the record is a propscope analysis (the output of propscope analyze), not an article", source=source))
    try:
        return ReadResult(source, article=row_article(row, column_map, source=source, source_format=source_format, **kw))
    except PropscopeError as exc:
        return ReadResult(source, error=exc)


def read_jsonl(
    text: str | TextIO,
    *,
    source: str,
    column_map: ColumnMap | None = None,
    outlet: str | None = None,
    language: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
) -> Iterator[ReadResult]:
    """One result per non-blank line of JSON Lines, sources ``SOURCE#LINE``.

    ``text`` may be an open text stream: a corpus file is read line by line, never whole.
    """
    cmap = column_map or ColumnMap()
    lines = io.StringIO(text, newline=None) if isinstance(text, str) else text  # CR, LF or CRLF
    for number, line in enumerate(_bounded_lines(lines, MAX_INPUT_BYTES), start=1):
        row_source = f"{source}#{number}"
        if line is None:
            yield ReadResult(row_source, error=_too_long(row_source, MAX_INPUT_BYTES))
            continue
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            row = _loads(line.rstrip("\r\n"))  # a cut-off line is "unterminated", not a "control character"
        except (ValueError, RecursionError) as exc:
            yield ReadResult(row_source, error=_json_error(exc, row_source, lines=False))
            continue
        yield _row_result(row, cmap, row_source, "jsonl", outlet=outlet, language=language,
                          repeated_lines=repeated_lines)


def read_json(
    text: str,
    *,
    source: str,
    column_map: ColumnMap | None = None,
    outlet: str | None = None,
    language: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
) -> Iterator[ReadResult]:
    """A ``.json`` file: an array of objects (sources ``SOURCE#N``), one object, or JSON Lines."""
    stripped = text.lstrip("\ufeff \t\r\n")
    whole: Any = None
    if not stripped.startswith("["):
        try:
            whole = _loads(stripped)
        except json.JSONDecodeError:  # perhaps JSON Lines: each line is read (and judged) on its own
            yield from read_jsonl(text, source=source, column_map=column_map, outlet=outlet, language=language,
                                  repeated_lines=repeated_lines)
            return
        except (ValueError, RecursionError) as exc:  # nested too deeply, a number too long
            yield ReadResult(source, error=_json_error(exc, source, lines=True))
            return
        rows: list[Any] = _unwrap(whole)
    else:
        try:
            rows = _loads(stripped)
        except (ValueError, RecursionError) as exc:
            yield ReadResult(source, error=_json_error(exc, source, lines=True))
            return
    if rows == []:
        yield ReadResult(source, error=EmptyInputError("an empty JSON array: no articles", source=source))
        return
    cmap = column_map or ColumnMap()
    listed = stripped.startswith("[") or bool(rows) and rows[0] is not whole
    url_list = _url_only_list(rows, cmap)
    if url_list is not None:
        yield ReadResult(source, error=NoArticleError(f"{url_list.no_text} ({len(rows)} records)", source=source))
        return
    for number, row in enumerate(rows, start=1):
        row_source = f"{source}#{number}" if len(rows) > 1 or listed else source
        yield _row_result(row, cmap, row_source, "json", outlet=outlet, language=language,
                          repeated_lines=repeated_lines)


def _unwrap(whole: Any) -> list[Any]:
    """The records of a JSON document that is one object: a GDELT DOC API answer
    (``{"articles": [...]}``) holds its records in ``articles``; any other object is one record."""
    if isinstance(whole, dict) and isinstance(whole.get("articles"), list) and whole["articles"] \
            and all(isinstance(r, Mapping) for r in whole["articles"]) \
            and not ({"text", "html", "body", "content", "maintext"} & {k.lower() for k in whole}):
        return list(whole["articles"])
    return [whole]


def _url_only_list(rows: list[Any], cmap: ColumnMap) -> ToolFormat | None:
    """The tool of a list of records in which no record has a text field (a GDELT or Media
    Cloud list of URLs): one error for the file, not one per record."""
    if cmap.text or cmap.html or not rows or not all(isinstance(r, Mapping) for r in rows):
        return None
    tool = detect_tool(rows[0].keys())
    if tool is None:
        return None
    for row in rows:
        cols = cmap.resolve(row.keys(), tool)
        if any(isinstance(row.get(cols[k]), str) and row[cols[k]].strip() for k in ("text", "html") if k in cols):
            return None
    return tool


def _delimiter(header_line: str, default: str) -> str:
    if default in header_line:
        return default
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else default


def read_csv(
    text: str | TextIO,
    *,
    source: str,
    column_map: ColumnMap | None = None,
    delimiter: str = ",",
    outlet: str | None = None,
    language: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
) -> Iterator[ReadResult]:
    """One result per CSV/TSV row (the first row names the columns), sources ``SOURCE#LINE``.

    ``delimiter`` is the expected one (``,`` for CSV, tab for TSV); a header without it
    but with ``;``, tab or ``|`` uses that instead.  ``LINE`` is the row's first line.
    """
    cmap = column_map or ColumnMap()
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    lines = _bounded_lines(stream, MAX_INPUT_BYTES)
    first_line = next(lines, "")
    if first_line is None:
        yield ReadResult(source, error=_too_long(source, MAX_INPUT_BYTES))
        return
    first_line = first_line.lstrip("\ufeff")
    rows = itertools.chain([first_line], _raise_on_long(lines))
    reader = csv.reader(rows, delimiter=_delimiter(first_line.split("\n", 1)[0], delimiter), strict=False)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_INPUT_BYTES))
    try:
        try:
            header = next(reader)
        except StopIteration:
            yield ReadResult(source, error=EmptyInputError("the CSV file has no header row", source=source))
            return
        header = [h.strip() for h in header]
        missing = cmap.missing(header)
        if missing:
            yield ReadResult(source, error=MalformedInputError(
                f"column(s) {', '.join(map(repr, missing))} not in the CSV header (columns: {', '.join(header)})",
                source=source))
            return
        tool = detect_tool(header)
        if not ({"text", "html"} & cmap.resolve(header, tool).keys()):
            if tool is not None and not (cmap.text or cmap.html):
                yield ReadResult(source, error=NoArticleError(f"{tool.no_text} (columns: {', '.join(header)})",
                                                              source=source))
                return
            yield ReadResult(source, error=MalformedInputError(
                f"no text column in the CSV header (columns: {', '.join(header)}); "
                "name one with a column mapping such as text=COLUMN", source=source))
            return
        line = reader.line_num + 1
        rows = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                if not rows:
                    yield ReadResult(source, error=EmptyInputError("the CSV file has a header but no rows",
                                                                   source=source))
                break
            except csv.Error as exc:
                yield ReadResult(f"{source}#{line}", error=MalformedInputError(f"bad CSV row ({exc})",
                                                                               source=f"{source}#{line}"))
                line = reader.line_num + 1
                continue
            except _LineTooLong:  # the reader starts afresh at the next line
                yield ReadResult(f"{source}#{line}", error=_too_long(f"{source}#{line}", MAX_INPUT_BYTES))
                line = reader.line_num + 2  # the skipped line was never counted
                continue
            row_source, line = f"{source}#{line}", reader.line_num + 1
            rows += 1
            if not any(v.strip() for v in values):
                continue
            row = dict(zip(header, values, strict=False))
            yield _row_result(row, cmap, row_source, "csv", outlet=outlet, language=language,
                              repeated_lines=repeated_lines)
    finally:
        csv.field_size_limit(limit)
