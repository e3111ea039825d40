"""Corpus storage: one :class:`Store` protocol, memory / SQLite / PostgreSQL implementations.

    from propscope.store import open_store
    store = open_store("sqlite:///corpus.db")   # or "postgresql://…", "memory://"
"""

from propscope.store.base import (
    DEFAULT_DB_URL,
    ArticleFilter,
    ArticleRow,
    IngestErrorRecord,
    ProfileCounts,
    PutResult,
    SearchHit,
    SearchQuery,
    Store,
    needs_analysis,
    open_store,
)

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
