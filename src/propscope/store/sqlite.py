"""The embedded default store: one SQLite file in WAL mode, FTS5 full-text search.

``sqlite:///corpus.db`` (relative) or ``sqlite:////abs/path/corpus.db``.  Readers run
concurrently with the one writer (WAL); writes take the database lock up front
(``BEGIN IMMEDIATE``) and wait up to ``busy_timeout`` seconds for another process's write.
``synchronous=NORMAL``: a committed article survives the process being killed at any moment
(WAL); only an OS crash may lose the last few commits, never leave one half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from propscope.errors import StoreError
from propscope.store.records import QueryTerm
from propscope.store.sql import SqlStore

__all__ = ["SqliteStore", "fts5_query"]


def fts5_query(terms: Sequence[QueryTerm]) -> str:
    """An FTS5 MATCH expression: every term quoted (words are letters and digits only)."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


class SqliteStore(SqlStore):
    def __init__(self, url: str, *, busy_timeout: float = 60.0, migrate: bool = True, **engine_options: Any) -> None:
        parsed = sa.engine.make_url(url)
        database = parsed.database
        if not database or database == ":memory:":
            raise StoreError("an in-memory SQLite database cannot be shared; use memory:// or a file path",
                             code="store.url")
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed.set(drivername="sqlite+pysqlite", database=str(Path(database).expanduser())),
                                  connect_args={"timeout": busy_timeout, "check_same_thread": False},
                                  **engine_options)
        timeout_ms = int(busy_timeout * 1000)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # transactions are begun below, explicitly
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        super().__init__(url, engine, migrate=migrate)

    @property
    def path(self) -> Path:
        return Path(str(self.engine.url.database))

    def _fts_condition(self, terms: Sequence[QueryTerm]) -> sa.ColumnElement[bool]:
        from propscope.store.schema import articles

        sub = sa.text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(fts=fts5_query(terms))
        return articles.c.pk.in_(sub.columns(sa.column("rowid", sa.Integer)))
