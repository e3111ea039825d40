"""``propscope export``: the corpus out as JSONL, CSV or Parquet, losslessly or as flat tables.

* ``jsonl`` — one ``propscope.analysis/1`` document per line (raw input and offsets included):
  exactly what ``propscope analyze --format jsonl`` writes, readable by ``Analysis.from_json``.
* ``csv`` and ``parquet`` — one row per article: the metadata as columns (``authors``,
  ``dateline``, ``metadata``, ``analyzers`` and ``sightings`` as JSON text in CSV, as typed or
  JSON columns in Parquet) and ``analysis_json``, the whole analysis, so nothing is lost.
  In CSV, a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return: a hostile title such as ``=HYPERLINK(…)``) gets a
  leading apostrophe; ``analysis_json`` is never changed and keeps the exact values.

:func:`read_export` reads any of the three back into Analyses (the round-trip tests use it).
Rows stream in batches: memory stays flat whatever the corpus size.
"""

from __future__ import annotations

import csv
import json
import sys
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from propscope.analysis import Analysis
from propscope.corpus.tables import COLUMNS as TABLE_COLUMNS
from propscope.corpus.tables import TABLES, table_rows
from propscope.corpus.thread_tables import THREAD_COLUMNS, THREAD_TABLES, thread_rows
from propscope.errors import ConfigError
from propscope.store.base import ArticleFilter, Store
from propscope.store.records import normalize_date

TABLE_COLUMNS = {**TABLE_COLUMNS, **THREAD_COLUMNS}  # issue 17: stories, claims and narratives too

__all__ = ["BOM", "CELL_LIMIT", "COLUMNS", "FORMATS", "ExportResult", "export", "long_cells_path", "read_export"]

FORMATS = ("jsonl", "csv", "parquet")
#: What ``--excel`` writes first: the UTF-8 byte-order mark, by which Excel knows the encoding.
BOM = "\ufeff"
COLUMNS = ("id", "content_hash", "title", "outlet", "url", "published", "published_date", "language", "authors",
           "word_count", "dateline", "source", "source_format", "metadata", "analyzers", "sightings", "text",
           "analysis_json")
#: The most characters a spreadsheet cell holds (Excel, LibreOffice Calc).
CELL_LIMIT = 32_767
_PREVIEW = 32_000
_JSON_COLUMNS = {"authors", "dateline", "metadata", "analyzers", "sightings"}
_PARQUET_BATCH = 500


def _row(store: Store, analysis: Analysis) -> dict[str, Any]:
    a = analysis.article
    sightings = [{"outlet": s.outlet, "url": s.url, "published": s.published, "source": s.source,
                  "seen_at": s.seen_at} for s in store.sightings(a.id)]
    return {
        "id": a.id, "content_hash": a.content_hash, "title": a.title, "outlet": a.outlet, "url": a.url,
        "published": a.published, "published_date": normalize_date(a.published, a.language)[1],
        "language": a.language, "authors": list(a.authors), "word_count": a.word_count,
        "dateline": a.dateline.to_json() if a.dateline else None, "source": a.source,
        "source_format": a.source_format, "metadata": dict(a.metadata),
        "analyzers": [{"name": i.name, "version": i.version} for i in analysis.analyzers],
        "sightings": sightings, "text": a.text, "analysis_json": analysis.dumps(),
    }


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if k in _JSON_COLUMNS else v for k, v in row.items()}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(row: dict[str, Any], exact: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A CSV row no spreadsheet runs as formulas: text cells that would start one get a
    leading apostrophe (the OWASP advice); columns in ``exact`` (``analysis_json``) keep every value."""
    return {k: "'" + v if k not in exact and isinstance(v, str) and v.startswith(_FORMULA_START) else v
            for k, v in row.items()}


@dataclass
class ExportResult:
    """What an export wrote: ``articles`` read, ``rows`` written (one per article without a table),
    ``long_cells`` CSV cells over :data:`CELL_LIMIT` and where they went (None: left whole, on stdout)."""

    articles: int = 0
    rows: int = 0
    long_cells: int = 0
    long_cells_path: Path | None = None


def long_cells_path(csv_path: Path) -> Path:
    """Where the long cells of a CSV export go: ``NAME.long.jsonl`` beside ``NAME.csv``."""
    return csv_path.with_name(csv_path.stem + ".long.jsonl")


class _CsvSink:
    """A CSV writer that moves cells over :data:`CELL_LIMIT` to the long-cells JSONL (when writing
    a file) and makes formula-like text cells inert."""

    def __init__(self, stream: IO[str], columns: tuple[str, ...], path: Path | None, result: ExportResult,
                 exact: frozenset[str] = frozenset(), *, line_end: str = "\n") -> None:
        self.writer = csv.DictWriter(stream, fieldnames=columns, lineterminator=line_end)
        self.writer.writeheader()
        self.side_path = long_cells_path(path) if path is not None else None
        self.side: IO[str] | None = None
        self.result = result
        self.exact = exact
        self.row = 1  # the header, as a spreadsheet numbers rows

    def write(self, row: dict[str, Any]) -> None:
        self.row += 1
        out = {}
        for key, value in row.items():
            if isinstance(value, str) and len(value) > CELL_LIMIT:
                self.result.long_cells += 1
                if self.side_path is not None:
                    if self.side is None:
                        self.side = self.side_path.open("w", encoding="utf-8")
                        self.result.long_cells_path = self.side_path
                    self.side.write(json.dumps({"row": self.row, "column": key,
                                                "article_id": row.get("article_id", row.get("id")),
                                                "length": len(value), "value": value}, ensure_ascii=False) + "\n")
                    value = (value[:_PREVIEW] + f" … [cut at {_PREVIEW:,} of {len(value):,} characters: the whole "
                             f"cell is in {self.side_path.name}, row {self.row}, column {key}]")
            out[key] = value
        self.writer.writerow(_inert(out, self.exact))

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
        elif self.side_path is not None and self.side_path.exists():
            self.side_path.unlink()  # an earlier export's: it would be read as this one's


def export(store: Store, fmt: str, out: Path | IO[str] | None = None, *, where: ArticleFilter | None = None,
           table: str | None = None, on_article: Callable[[int], None] | None = None,
           excel: bool = False) -> ExportResult:
    """Write every analysis ``where`` selects to ``out`` (a path, a text stream, or stdout):
    losslessly, or as the rows of ``table`` (:data:`~propscope.corpus.tables.TABLES`).
    ``on_article(n)`` is called after each article (progress).

    ``excel`` (CSV only): a UTF-8 byte-order mark first and CRLF line ends, so that Excel opened
    by a double-click reads the file as UTF-8 ("Zelenskyy’s", "Москва" intact) rather than in
    the system's code page.  Off by default: the mark is a stray character to tools that do not
    expect it (Python's ``csv`` reads it into the first column's name); pandas and DuckDB read both."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}", code="config.format")
    if excel and fmt != "csv":
        raise ConfigError(f"--excel is for CSV (a spreadsheet's byte-order mark and line ends), not {fmt}",
                          code="config.format")
    if table is not None and table not in TABLES and table not in THREAD_TABLES:
        raise ConfigError(f"unknown table {table!r}; available: {', '.join((*TABLES, *THREAD_TABLES))}",
                          code="config.table")
    result = ExportResult()

    def analyses() -> Iterator[Analysis]:
        for analysis in store.iter_analyses(where):
            yield analysis
            result.articles += 1
            if on_article is not None:
                on_article(result.articles)

    def rows() -> Iterator[dict[str, Any]]:
        if table in THREAD_TABLES:  # corpus-level rows, not one analysis at a time
            yield from thread_rows(store, table, where)
            return
        for analysis in analyses():
            if table is None:
                yield _row(store, analysis)
            else:
                yield from table_rows(table, analysis)

    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise ConfigError("parquet needs an output file: -o corpus.parquet", code="config.output")
        _parquet(rows(), Path(out), table, result)
        return result
    own = isinstance(out, (str, Path))
    path = Path(out) if own else None  # type: ignore[arg-type]
    stream: IO[str] = (path.open("w", encoding="utf-8", newline="") if path is not None
                       else out or sys.stdout)  # type: ignore[assignment]
    sink = None
    try:
        if excel:
            stream.write(BOM)
        if fmt == "jsonl":
            lines = (a.dumps() for a in analyses()) if table is None else (
                json.dumps(row, ensure_ascii=False) for row in rows())
            for line in lines:
                stream.write(line + "\n")
                result.rows += 1
        else:
            columns = COLUMNS if table is None else tuple(c.name for c in TABLE_COLUMNS[table])
            exact = frozenset({"analysis_json"}) if table is None else frozenset()
            sink = _CsvSink(stream, columns, path, result, exact, line_end="\r\n" if excel else "\n")
            for row in rows():
                sink.write(_flat(row) if table is None else _flat_table(row))
                result.rows += 1
    finally:
        if sink is not None:
            sink.close()
        if own:
            stream.close()
        else:
            stream.flush()
    return result


def _flat_table(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in row.items()}


def _schema(table: str | None) -> Any:
    import pyarrow as pa

    if table is not None:
        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
                 "list": pa.list_(pa.string()), "offsets": pa.list_(pa.list_(pa.int64()))}
        return pa.schema([(c.name, types[c.kind]) for c in TABLE_COLUMNS[table]])
    return pa.schema([
        ("id", pa.string()), ("content_hash", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
        ("url", pa.string()), ("published", pa.string()), ("published_date", pa.date32()), ("language", pa.string()),
        ("authors", pa.list_(pa.string())), ("word_count", pa.int64()), ("dateline", pa.string()),
        ("source", pa.string()), ("source_format", pa.string()), ("metadata", pa.string()),
        ("analyzers", pa.string()), ("sightings", pa.string()), ("text", pa.string()), ("analysis_json", pa.string()),
    ])


def _typed(row: dict[str, Any], dates: tuple[str, ...], json_columns: frozenset[str]) -> dict[str, Any]:
    out = {k: (json.dumps(v, ensure_ascii=False) if k in json_columns else v) for k, v in row.items()}
    for k in dates:
        if out.get(k):
            out[k] = dt.date.fromisoformat(out[k])
    return out


def _parquet(rows: Iterator[dict[str, Any]], path: Path, table: str | None, result: ExportResult) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema(table)
    dates = tuple(f.name for f in schema if f.type == pa.date32())
    json_columns = frozenset() if table is not None else frozenset(_JSON_COLUMNS - {"authors"})
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(_typed(row, dates, json_columns))
            result.rows += 1
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or result.rows == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def read_export(path: Path | str, fmt: str | None = None) -> Iterator[Analysis]:
    """The analyses of an export file, in file order."""
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt in ("jsonl", "ndjson"):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield Analysis.loads(line)
    elif fmt == "csv":
        csv.field_size_limit(sys.maxsize)
        long: dict[tuple[int, str], str] = {}
        side = long_cells_path(path)
        if side.exists():
            with side.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        cell = json.loads(line)
                        long[(cell["row"], cell["column"])] = cell["value"]
        with path.open(encoding="utf-8-sig", newline="") as fh:  # an --excel export starts with a BOM
            for n, row in enumerate(csv.DictReader(fh), start=2):
                yield Analysis.loads(long.get((n, "analysis_json"), row["analysis_json"]))
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(str(path)).iter_batches(columns=["analysis_json"]):
            for value in batch.column(0).to_pylist():
                yield Analysis.loads(value)
    else:
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}", code="config.format")
