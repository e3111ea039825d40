"""The server store: PostgreSQL through psycopg 3, full-text search on a generated tsvector.

``postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`` (any libpq URL; ``?options=-csearch_path%3DX``
puts the tables in schema X, or pass ``schema="X"``).  Many processes may write at once; a
put is one transaction, and a race on the same text is retried.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from propscope.errors import StoreError
from propscope.store.records import QueryTerm
from propscope.store.sql import SqlStore

__all__ = ["PostgresStore", "tsquery"]


def tsquery(terms: Sequence[QueryTerm]) -> str:
    """A ``to_tsquery('simple', …)`` expression: phrases with ``<->``, prefixes with ``:*``."""
    parts = []
    for term in terms:
        words = [f"'{w}'" for w in term.words]
        if term.prefix:
            words[-1] += ":*"
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


class PostgresStore(SqlStore):
    def __init__(self, url: str, *, schema: str | None = None, migrate: bool = True, **engine_options: Any) -> None:
        try:
            parsed = sa.engine.make_url(url)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"not a database URL: {url!r}", code="store.url") from exc
        connect_args: dict[str, Any] = {}
        if schema:
            if not schema.replace("_", "").isalnum():
                raise StoreError(f"bad schema name {schema!r}", code="store.url")
            connect_args["options"] = f"-c search_path={schema}"
        engine_options.setdefault("pool_pre_ping", True)
        engine = sa.create_engine(parsed.set(drivername="postgresql+psycopg"), connect_args=connect_args,
                                  **engine_options)
        self.schema = schema
        if schema:
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            except sa.exc.SQLAlchemyError as exc:
                raise StoreError(f"cannot open the database: {getattr(exc, 'orig', exc)}", code="store.open") from exc
        super().__init__(url, engine, migrate=migrate)

    def _fts_condition(self, terms: Sequence[QueryTerm]) -> sa.ColumnElement[bool]:
        query = sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), sa.bindparam("tsq", tsquery(terms)))
        return sa.literal_column("articles.tsv").bool_op("@@")(query)

    def drop_schema(self) -> None:
        """Drop this store's schema and everything in it (tests)."""
        if not self.schema:
            raise StoreError("drop_schema needs a store opened with schema=…", code="store.usage")
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')
