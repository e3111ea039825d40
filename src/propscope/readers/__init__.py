"""Readers: every input format to :class:`~propscope.article.Article`.

The dispatcher that picks a reader by content and extension is :mod:`propscope.readers.dispatch`;
this package re-exports its public functions.  One module per format: ``text`` (scraped
text, boilerplate, dateline), ``html`` (trafilatura), ``feeds``, ``warc``, ``tabular``
(JSONL/CSV), ``fetch`` (guarded URL fetching), ``detect`` (encoding, language).
"""

from propscope.readers.base import MAX_INPUT_BYTES, ReadResult
from propscope.readers.dispatch import (
    FORMATS,
    format_of_path,
    read_bytes,
    read_file,
    read_sources,
    read_string,
    sniff_format,
)
from propscope.readers.tabular import ColumnMap

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
