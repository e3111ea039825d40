"""``propscope export``: the corpus out, losslessly, as JSONL, CSV or Parquet.

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
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from propscope.analysis import Analysis
from propscope.errors import ConfigError
from propscope.store.base import ArticleFilter, Store

__all__ = ["COLUMNS", "FORMATS", "export", "read_export"]

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = ("id", "content_hash", "title", "outlet", "url", "published", "language", "authors", "word_count",
           "dateline", "source", "source_format", "metadata", "analyzers", "sightings", "text", "analysis_json")
_JSON_COLUMNS = {"authors", "dateline", "metadata", "analyzers", "sightings"}
_PARQUET_BATCH = 500


def _row(store: Store, analysis: Analysis) -> dict[str, Any]:
    a = analysis.article
    sightings = [{"outlet": s.outlet, "url": s.url, "published": s.published, "source": s.source,
                  "seen_at": s.seen_at} for s in store.sightings(a.id)]
    return {
        "id": a.id, "content_hash": a.content_hash, "title": a.title, "outlet": a.outlet, "url": a.url,
        "published": a.published, "language": a.language, "authors": list(a.authors), "word_count": a.word_count,
        "dateline": a.dateline.to_json() if a.dateline else None, "source": a.source,
        "source_format": a.source_format, "metadata": dict(a.metadata),
        "analyzers": [{"name": i.name, "version": i.version} for i in analysis.analyzers],
        "sightings": sightings, "text": a.text, "analysis_json": analysis.dumps(),
    }


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if k in _JSON_COLUMNS else v for k, v in row.items()}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV row no spreadsheet runs as formulas: text cells that would start one get a
    leading apostrophe (the OWASP advice); ``analysis_json`` keeps every value exact."""
    return {k: "'" + v if k != "analysis_json" and isinstance(v, str) and v.startswith(_FORMULA_START) else v
            for k, v in row.items()}


def export(store: Store, fmt: str, out: Path | IO[str] | None = None, *, where: ArticleFilter | None = None) -> int:
    """Write every analysis ``where`` selects to ``out`` (a path, a text stream, or stdout); returns the count."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}", code="config.format")
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise ConfigError("parquet needs an output file: -o corpus.parquet", code="config.output")
        return _parquet(store, Path(out), where)
    own = isinstance(out, (str, Path))
    stream: IO[str] = (Path(out).open("w", encoding="utf-8", newline="") if own  # type: ignore[arg-type]
                       else out or sys.stdout)  # type: ignore[assignment]
    n = 0
    try:
        if fmt == "jsonl":
            for analysis in store.iter_analyses(where):
                stream.write(analysis.dumps() + "\n")
                n += 1
        else:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for analysis in store.iter_analyses(where):
                writer.writerow(_inert(_flat(_row(store, analysis))))
                n += 1
    finally:
        if own:
            stream.close()
        else:
            stream.flush()
    return n


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("content_hash", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
        ("url", pa.string()), ("published", pa.string()), ("language", pa.string()),
        ("authors", pa.list_(pa.string())), ("word_count", pa.int64()), ("dateline", pa.string()),
        ("source", pa.string()), ("source_format", pa.string()), ("metadata", pa.string()),
        ("analyzers", pa.string()), ("sightings", pa.string()), ("text", pa.string()), ("analysis_json", pa.string()),
    ])


def _parquet(store: Store, path: Path, where: ArticleFilter | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for analysis in store.iter_analyses(where):
            row = _row(store, analysis)
            row = {k: (json.dumps(v, ensure_ascii=False) if k in _JSON_COLUMNS - {"authors"} else v)
                   for k, v in row.items()}
            batch.append(row)
            n += 1
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


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
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield Analysis.loads(row["analysis_json"])
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(str(path)).iter_batches(columns=["analysis_json"]):
            for value in batch.column(0).to_pylist():
                yield Analysis.loads(value)
    else:
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}", code="config.format")
