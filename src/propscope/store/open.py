"""Opening a store by URL: the one place that knows every implementation.

The implementations import :mod:`propscope.store.base` (the protocol and its records), so the
factory that picks one of them lives here, beside them, rather than in ``base``.  Each is
imported only when its scheme is asked for: the SQL stores bring SQLAlchemy (and Alembic).
"""

from __future__ import annotations

import os
from typing import Any

from propscope.errors import StoreError
from propscope.store.base import Store

__all__ = ["DEFAULT_DB_URL", "open_store"]

#: The database ``ingest``, ``search``… use when neither ``--db`` nor ``$PROPSCOPE_DB`` is given.
DEFAULT_DB_URL = "sqlite:///propscope.db"


def open_store(url: str | None = None, **options: Any) -> Store:
    """A store from a URL: ``memory://``, ``sqlite:///path`` (or a path), ``postgresql://…``.

    SQL stores bring their schema up to date (Alembic) when opened.
    """
    url = url or os.environ.get("PROPSCOPE_DB") or DEFAULT_DB_URL
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == "memory":
        from propscope.store.memory import MemoryStore

        return MemoryStore(url, **options)
    if scheme.startswith("sqlite") or not scheme:
        from propscope.store.sqlite import SqliteStore

        return SqliteStore(url if scheme else f"sqlite:///{url}", **options)
    if scheme.startswith("postgres"):
        from propscope.store.postgres import PostgresStore

        return PostgresStore(url, **options)
    raise StoreError(
        f"unknown database URL scheme {scheme!r} in {url!r}; "
        "use sqlite:///PATH, postgresql://USER@HOST/DB or memory://",
        code="store.url",
    )
