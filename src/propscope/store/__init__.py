"""Corpus storage: one :class:`Store` protocol (``base``), memory / SQLite / PostgreSQL
implementations (``memory``, ``sqlite``, ``postgres``) and :func:`open_store` (``open``), which
picks one by URL.  This package only re-exports; modules inside it import from the defining module.

    from propscope.store import open_store
    store = open_store("sqlite:///corpus.db")   # or "postgresql://…", "memory://"
"""

from propscope.store.base import (
    ArticleFilter,
    ArticleRow,
    IngestErrorRecord,
    ProfileCounts,
    PutResult,
    SearchHit,
    SearchQuery,
    Store,
    needs_analysis,
)
from propscope.store.open import DEFAULT_DB_URL, open_store

__all__ = [
    "DEFAULT_DB_URL",
    "ArticleFilter",
    "ArticleRow",
    "IngestErrorRecord",
    "ProfileCounts",
    "PutResult",
    "SearchHit",
    "SearchQuery",
    "Store",
    "needs_analysis",
    "open_store",
]
