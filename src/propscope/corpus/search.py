"""``propscope search``: full-text search with filters, over any store.

Query syntax, the same on every store: words must all match (``sanctions gas``), a
``"quoted phrase"`` matches words in a row, ``word*`` matches a prefix; case is ignored.
Filters: ``outlet``, ``since``/``until`` (publication date, inclusive), ``technique``
(articles with a span of that technique), ``voice`` (with ``technique``: a span in that
voice; alone: any technique in that voice), ``speaker`` (an attribution to that speaker).
Results are newest first; matched words in the snippet are wrapped in ``**``.
"""

from __future__ import annotations

from typing import Any

from propscope.errors import ConfigError
from propscope.store.base import SearchHit, SearchQuery, Store
from propscope.store.records import parse_date_arg

__all__ = ["make_query", "search"]


def make_query(text: str = "", *, outlet: str | None = None, since: str | None = None, until: str | None = None,
               technique: str | None = None, speaker: str | None = None, voice: str | None = None,
               limit: int = 20, offset: int = 0) -> SearchQuery:
    """A checked query: dates read as ``YYYY-MM-DD`` (or ISO), limits positive."""
    try:
        since_d, until_d = parse_date_arg(since), parse_date_arg(until)
    except ValueError as exc:
        raise ConfigError(str(exc), code="config.date") from exc
    if limit < 1 or offset < 0:
        raise ConfigError("--limit must be at least 1 and --offset at least 0", code="config.limit")
    return SearchQuery(text, outlet, since_d, until_d, technique, speaker, voice, limit, offset)


def search(store: Store, text: str = "", **filters: Any) -> list[SearchHit]:
    return store.search(make_query(text, **filters))
