"""The calls both edges of the server make (API routes and pages), in one place.

Each is a direct call of a core function — the reader, the pipeline, the store,
:mod:`propscope.corpus` — with the request's arguments; none holds logic of its own beyond
turning "nothing there" into a ``store.not_found`` error the one error handler maps to 404,
and holding a request to the one article it can analyse (one input, one article in it).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from propscope.analysis import Analysis
from propscope.article import Article
from propscope.errors import AnalysisError, EmptyInputError, InputError, StoreError, UnsupportedInputError
from propscope.pipeline import Pipeline
from propscope.store.base import ArticleFilter, PutResult, SearchHit, Store
from propscope.web.errors import HttpError
from propscope.web.limits import InputLimits, check_input, check_text

if TYPE_CHECKING:
    from propscope.readers.base import ReadResult

__all__ = ["EMPTY_API", "EMPTY_FORM", "Page", "analyze", "get_analysis", "list_articles", "outlet_profile",
           "read_input", "search", "syndication"]


#: What an API caller is told when there is nothing to analyse: the fields of its JSON body.
EMPTY_API = "text is empty: send the article's text in the `text` field"
#: What the Analyze page says instead: the form's own controls.
EMPTY_FORM = "nothing to analyse: paste some text or choose a file"


def read_input(
    *,
    text: str | None = None,
    upload: bytes | None = None,
    upload_name: str | None = None,
    fetch_url: str | None = None,
    fetch_enabled: bool = False,
    format: str | None = None,
    empty_message: str = EMPTY_API,
    limits: InputLimits | None = None,
    **meta: Any,
) -> Article:
    """One Article from pasted text, an uploaded file, or (only with fetching on) a URL.

    Exactly one of them: a second one would be silently ignored, so it is refused.  An
    upload is ``bytes`` even when empty (``None`` means no file was chosen), so an empty
    file is named as such.  ``empty_message`` is what a caller who sent nothing is told,
    in the caller's own terms (API fields or form controls); the API's wording is the
    default because the API routes call this without saying who they are.

    With ``limits``, an input over the byte or tag limit is refused before it is read, and an
    article whose text is over the length limit before it is analysed (413 ``input.too_large``).
    A fetched page is bounded by the fetcher's own size limit and the server's time limit.
    """
    article = _read_input(text=text, upload=upload, upload_name=upload_name, fetch_url=fetch_url,
                          fetch_enabled=fetch_enabled, format=format, empty_message=empty_message, limits=limits,
                          **meta)
    if limits is not None:
        check_text(article.text, limits=limits, source=article.source)
    return article


def _read_input(*, text: str | None, upload: bytes | None, upload_name: str | None, fetch_url: str | None,
                fetch_enabled: bool, format: str | None, empty_message: str, limits: InputLimits | None,
                **meta: Any) -> Article:
    from propscope.readers import format_of_path, read_bytes, read_sources, read_string

    meta = {k: v for k, v in meta.items() if v not in (None, "")}
    fmt = format or None
    has_text = text is not None and bool(text.strip())
    _check_one_input(has_text=has_text, has_upload=upload is not None, has_url=bool(fetch_url))
    if fetch_url:
        def check(content: bytes, found_format: str | None, source: str) -> None:
            if limits is not None:  # a fetched page meets the same limits as an upload
                check_input(content, format=found_format, limits=limits, source=source)

        results = read_sources([fetch_url], fetch=fetch_enabled, format=fmt, check_fetched=check, **meta)
        return _only(results, fetch_url)
    if upload is not None:
        name = upload_name or "upload"
        if not upload.strip():
            raise EmptyInputError(f"the uploaded file {name} is empty", source=name)
        guessed = format_of_path(name) if "." in name else None
        # the content is sniffed, except for what sniffing cannot tell from text: the name says CSV/TSV
        fmt = fmt or (guessed if guessed in ("text", "html", "csv", "tsv") else None)
        if limits is not None:
            check_input(upload, format=fmt, limits=limits, source=name)
        results = read_bytes(upload, source=name, format=fmt, **meta)
        return _only(results, name)
    if not has_text:
        raise EmptyInputError(empty_message)
    if limits is not None:
        check_input(text or "", format=fmt, limits=limits, source="pasted text")
    return read_string(text or "", format=fmt, source="pasted text", **meta)


def _check_one_input(*, has_text: bool, has_upload: bool, has_url: bool) -> None:
    """Refuse two inputs at once: analysing one and dropping the other would mislead."""
    given = [name for name, present in (("a file", has_upload), ("a URL", has_url), ("text", has_text)) if present]
    if len(given) > 1:
        raise HttpError(422, f"send either {given[0]} or {given[1]}, not both", code="http.invalid")


def _only(results: Iterable[ReadResult], source: str) -> Article:
    """The one article of an input; an input that holds several (a JSONL or CSV corpus, a feed,
    a WARC) is refused rather than cut to its first, which would pass for the whole."""
    items = iter(results)
    first = next(items, None)
    if first is None:
        raise InputError("the input held no article", source=source, code="input.no_article")
    if next(items, None) is not None:
        raise UnsupportedInputError(
            "the input holds more than one article; this analyses one article at a time: "
            "for a corpus (JSONL, CSV, feed, WARC) use `propscope ingest`", source=source)
    if first.error is not None:
        if first.error.source in (None, "<stdin>"):
            first.error.source = source
        raise first.error
    if isinstance(first.article, Article):
        return first.article
    raise InputError("the input held no article", source=source, code="input.no_article")


def analyze(pipeline: Pipeline, store: Store | None, article: Article, *, keep: bool,
            deadline: float | None = None) -> tuple[Analysis, PutResult | None]:
    """Run the pipeline; with ``keep``, put the analysis in the store.

    ``deadline`` (a :func:`time.monotonic` time): past it, the pipeline stops before its next
    analyzer and nothing is stored, since the request has been answered ``analysis.timeout``.
    """
    analysis = pipeline.run(article, deadline=deadline)
    if keep and store is not None:
        if deadline is not None and time.monotonic() >= deadline:
            raise AnalysisError("the analysis ran out of time before it was stored", article_id=article.id,
                                source=article.source, code="analysis.timeout")
        return analysis, store.put(analysis)
    return analysis, None


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
        from propscope.corpus.search import no_profile_message

        raise StoreError(no_profile_message(store, outlet), code="store.not_found")
    return profile



def syndication(store: Store, *, since: str | None = None, until: str | None = None) -> Any:
    from propscope.corpus.syndication import find_syndication

    q = _checked_filter(None, since, until)
    return find_syndication(store, since=q.since, until=q.until)
