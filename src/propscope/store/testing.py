"""Helpers for testing code against every store (the contract suite uses them; so can plugins).

``STORE_KINDS`` lists ``memory``, ``sqlite`` and ``postgres``; :func:`make_store` opens a
fresh, empty store of a kind.  PostgreSQL needs ``$PROPSCOPE_TEST_POSTGRES_URL`` (see
``scripts/ci-postgres.sh``); each store gets its own schema, dropped by ``close``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from propscope.store.base import Store

__all__ = ["POSTGRES_ENV", "STORE_KINDS", "make_store", "postgres_url"]

STORE_KINDS = ("memory", "sqlite", "postgres")
POSTGRES_ENV = "PROPSCOPE_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def make_store(kind: str, tmp_path: Path) -> Iterator[Store]:
    """A fresh store of ``kind``; raises LookupError for postgres when no server is configured."""
    if kind == "memory":
        from propscope.store.memory import MemoryStore

        yield MemoryStore("memory://")
    elif kind == "sqlite":
        from propscope.store.sqlite import SqliteStore

        store = SqliteStore(f"sqlite:///{tmp_path / f'corpus-{uuid.uuid4().hex[:8]}.db'}")
        try:
            yield store
        finally:
            store.close()
    elif kind == "postgres":
        url = postgres_url()
        if url is None:
            raise LookupError(f"{POSTGRES_ENV} is not set (scripts/ci-postgres.sh starts a server and prints it)")
        from propscope.store.postgres import PostgresStore

        pg = PostgresStore(url, schema=f"t_{uuid.uuid4().hex[:12]}")
        try:
            yield pg
        finally:
            pg.drop_schema()
            pg.close()
    else:
        raise ValueError(f"unknown store kind {kind!r}; known: {', '.join(STORE_KINDS)}")
