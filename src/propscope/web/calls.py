"""The calls both edges of the server make (API routes and pages), in one place.

Each is a direct call of a core function — the reader, the pipeline, the store,
:mod:`propscope.corpus` — with the request's arguments; none holds logic of its own beyond
turning "nothing there" into a ``store.not_found`` error the one error handler maps to 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from propscope.analysis import Analysis
from propscope.article import Article
from propscope.errors import EmptyInputError, InputError, StoreError
from propscope.pipeline import Pipeline
from propscope.store.base import ArticleFilter, PutResult, SearchHit, Store

__all__ = ["Page", "analyze", "get_analysis", "list_articles", "outlet_profile", "read_input", "search",
           "syndication"]


def read_input(
    *,
    text: str | None = None,
    upload: bytes | None = None,
    upload_name: str | None = None,
    fetch_url: str | None = None,
    fetch_enabled: bool = False,
    format: str | None = None,
    **meta: Any,
) -> Article:
    """One Article from pasted text, an uploaded file, or (only with fetching on) a URL."""
    from propscope.readers import format_of_path, read_bytes, read_sources, read_string

    meta = {k: v for k, v in meta.items() if v not in (None, "")}
    fmt = format or None
    if fetch_url:
        results = read_sources([fetch_url], fetch=fetch_enabled, format=fmt, **meta)
        return _first(results, fetch_url)
    if upload:
        name = upload_name or "upload"
        guessed = format_of_path(name) if "." in name else None
        fmt = fmt or (guessed if guessed in ("text", "html") else None)
        results = read_bytes(upload, source=name, format=fmt, **meta)
        return _first(results, name)
    if text is None or not text.strip():
        raise EmptyInputError("nothing to analyse: paste some text or choose a file")
    return read_string(text, format=fmt, source="pasted text", **meta)


def _first(results: Any, source: str) -> Article:
    for item in results:
        if item.error is not None:
            if item.error.source in (None, "<stdin>"):
                item.error.source = source
            raise item.error
        if isinstance(item.article, Article):
            return item.article
    raise InputError("the input held no article", source=source, code="input.no_article")


def analyze(pipeline: Pipeline, store: Store | None, article: Article, *, keep: bool) -> tuple[Analysis, PutResult | None]:
    """Run the pipeline; with ``keep``, put the analysis in the store."""
    analysis = pipeline.run(article)
    stored = store.put(analysis) if keep and store is not None else None
    return analysis, stored


def get_analysis(store: Store, article_id: str) -> Analysis:
    analysis = store.get(article_id)
    if analysis is None:
        raise StoreError(f"no stored article {article_id!r}", article_id=article_id, code="store.not_found")
    return analysis


@dataclass(frozen=True)
class Page:
    """One page of results: ``items``, and where the next page starts (None at the end)."""

    items: list[Any]
    limit: int
    offset: int
    next_offset: int | None
    total: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "items": [i.to_json() if hasattr(i, "to_json") else i for i in self.items],
            "limit": self.limit, "offset": self.offset, "next_offset": self.next_offset,
        }
        if self.total is not None:
            out["total"] = self.total
        return out


def _page(hits: list[SearchHit], limit: int, offset: int, total: int | None = None) -> Page:
    more = len(hits) > limit
    return Page(hits[:limit], limit, offset, offset + limit if more else None, total)


def search(store: Store, text: str = "", *, limit: int = 20, offset: int = 0, **filters: Any) -> Page:
    """:func:`propscope.corpus.search.search`, one extra hit fetched to know if a next page exists."""
    from propscope.corpus.search import search as core_search

    filters = {k: v for k, v in filters.items() if v not in (None, "")}
    hits = core_search(store, text, limit=limit + 1, offset=offset, **filters)
    return _page(hits, limit, offset)


def list_articles(store: Store, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                  limit: int = 20, offset: int = 0) -> Page:
    """Stored articles, newest first (a search with no words), with the total count."""
    page = search(store, "", outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    q = _checked_filter(outlet, since, until)
    return Page(page.items, page.limit, page.offset, page.next_offset, store.count(q))


def _checked_filter(outlet: str | None, since: str | None, until: str | None) -> ArticleFilter:
    from propscope.corpus.search import make_query

    return make_query("", outlet=outlet or None, since=since or None, until=until or None).filter


def outlet_profile(store: Store, outlet: str, *, since: str | None = None, until: str | None = None,
                   top: int = 10) -> Any:
    from propscope.corpus.profile import build_profile

    q = _checked_filter(None, since, until)
    profile = build_profile(store, outlet, since=q.since, until=q.until, top=top)
    if profile.total.articles == 0:
        known = [name for name, _ in store.outlets()][:15]
        hint = f"; outlets: {', '.join(known)}" if known else "; the corpus is empty"
        raise StoreError(f"no articles from {outlet!r} in that period{hint}", code="store.not_found")
    return profile


def syndication(store: Store, *, since: str | None = None, until: str | None = None) -> Any:
    from propscope.corpus.syndication import find_syndication

    q = _checked_filter(None, since, until)
    return find_syndication(store, since=q.since, until=q.until)
