"""Datasette metadata for a corpus: ``propscope datasette-metadata --db sqlite:///corpus.db``.

The shipped ``datasette-metadata.json`` holds the descriptions, facets and saved queries
(techniques by outlet and voice, top speakers, relays, examples of a technique) under the
database name ``corpus``; Datasette keys metadata by the database file's stem, so
:func:`metadata_for` files it under the corpus's own name, and fills the column descriptions
of the ``v_`` views from :data:`propscope.corpus.tables.COLUMNS` (one place describes them).

    propscope datasette-metadata --db sqlite:///news.db -o metadata.json
    datasette news.db -m metadata.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from propscope.corpus.tables import COLUMNS, VIEWS

__all__ = ["METADATA_PATH", "metadata_for"]

METADATA_PATH = Path(__file__).with_name("datasette-metadata.json")


def metadata_for(database: Path | str) -> dict[str, Any]:
    """The metadata for the SQLite file ``database`` (only its name is used)."""
    data: dict[str, Any] = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    db = data["databases"].pop("corpus")
    for table, view in VIEWS.items():
        columns = {"id": "Row key in the underlying table."}
        columns.update({c.name: c.description for c in COLUMNS[table]})
        db["tables"][view]["columns"] = columns
    data["databases"][Path(database).stem] = db
    return data
