"""The HTTP API under ``/api/v1``, mirroring the CLI: analyze, articles, search, profile, syndication.

Every route is a call of :mod:`propscope.web.calls`; every error goes through
:mod:`propscope.web.errors` and has the one JSON shape ``{"error": {"code", "message", ...}}``.
Lists are paginated with ``limit`` (1 to 100) and ``offset`` (0 to 10**9, the CLI's bounds too);
each page says its ``next_offset`` (null on the last page).  Out of bounds is a 422, never clamped.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

import propscope.web.calls as calls
import propscope.web.models as m
from propscope.corpus.search import MAX_OFFSET
from propscope.web.security import bearer, check_token

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])

MAX_LIMIT = 100
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (1 to {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Skip this many results (0 to {MAX_OFFSET:,}).")]
Date = Annotated[str | None, Query(description="YYYY-MM-DD, inclusive.")]


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable code: input.*, pipeline.*, store.*, config.*, http.*")
    message: str
    status: int
    source: str | None = None
    article_id: str | None = None
    analyzer: str | None = None
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in {400: "Malformed request", 404: "Not found", 413: "Body over the size limit",
                       422: "Invalid request or unreadable input", 500: "Internal error"}.items()
}
ANALYZE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"model": ErrorResponse, "description": "Body, input, HTML tags or article text over the server's limits"},
    503: {"model": ErrorResponse, "description": "Every analysis slot busy (http.busy, with Retry-After), or the "
                                                 "analysis over the time limit (analysis.timeout)"},
}


def _ok(model: type[BaseModel], text: str) -> dict[int | str, dict[str, Any]]:
    """The error answers and a 200 described by ``model`` (documentation only: the route's own
    dictionary is sent as it is, never re-shaped through the model)."""
    return {200: {"model": model, "description": text}, **ERRORS}


class AnalyzeRequest(BaseModel):
    """An article as text or HTML (or a URL to fetch, when the server fetches), and its metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Scraped text or HTML of one article.")
    format: Literal["text", "html"] | None = Field(None, description="Default: detected from the content.")
    fetch_url: str | None = Field(None, description="An http(s) URL to fetch instead of text; only on a server "
                                                    "started with --fetch, through the private-address guard.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = Field(None, description="The article's URL, as metadata (not fetched).")
    published: str | None = None
    language: str | None = None
    store: bool = Field(False, description="Also store the analysis in the corpus (needs the token, if any).")
    include_raw: bool = Field(False, description="Include the raw input and its offset map.")


class Stored(BaseModel):
    article_id: str
    status: str
    permalink: str
    api: str


def _analysis_schema() -> dict[str, Any]:
    """The analysis JSON Schema, inlined for the OpenAPI document (docs only: answers are
    written as before, never re-validated or re-shaped by a model)."""
    from propscope.schema import inline_schema

    return inline_schema()


class AnalyzeResponse(BaseModel):
    analysis: dict[str, Any] = Field(description="A propscope.analysis/1 document (propscope schema).",
                                     json_schema_extra=_analysis_schema())
    stored: Stored | None = None


@router.post("/analyze", response_model=AnalyzeResponse, responses=ANALYZE_ERRORS,
             summary="Analyze one article (propscope analyze)")
async def analyze(body: AnalyzeRequest, request: Request) -> Response:
    """Reading, analysis and the JSON of the answer all run in an analysis thread, within the
    server's size, time and concurrency limits (:mod:`propscope.web.limits`)."""
    state = request.app.state
    settings = state.settings
    if body.store:
        check_token(settings.token, bearer(request.scope["headers"]))

    def work(deadline: float) -> Response:
        article = calls.read_input(
            text=body.text, fetch_url=body.fetch_url, fetch_enabled=settings.fetch, format=body.format,
            title=body.title, outlet=body.outlet, url=body.url, published=body.published, language=body.language,
            limits=settings.input_limits,
        )
        analysis, put = calls.analyze(state.pipeline, state.store, article, keep=body.store, deadline=deadline)
        stored = None
        if put is not None:
            stored = {"article_id": put.article_id, "status": put.status,
                      "permalink": f"/articles/{put.article_id}", "api": f"/api/v1/articles/{put.article_id}"}
        return JSONResponse({"analysis": analysis.to_json(include_raw=body.include_raw), "stored": stored})

    response: Response = await state.gate.run(work)
    return response


@router.get("/articles", response_model=None, responses=_ok(m.ArticlesPage, "A page of articles, newest first"),
            summary="Stored articles, newest first")
def list_articles(request: Request, limit: Limit = 20, offset: Offset = 0, outlet: str | None = None,
                  since: Date = None, until: Date = None) -> dict[str, Any]:
    return calls.list_articles(request.app.state.store, outlet=outlet, since=since, until=until,
                               limit=limit, offset=offset).to_json()


@router.get("/articles/{article_id}", summary="One stored analysis (by id or content hash)",
            responses={**ERRORS, 200: {"description": "A propscope.analysis/1 document (propscope schema).",
                                       "content": {"application/json": {"schema": _analysis_schema()}}}})
def get_article(article_id: str, request: Request, include_raw: bool = False) -> dict[str, Any]:
    return calls.get_analysis(request.app.state.store, article_id).to_json(include_raw=include_raw)


@router.get("/search", response_model=None, responses=_ok(m.SearchPage, "A page of matching articles"),
            summary="Full-text search with facets (propscope search)")
def search(request: Request,
           q: Annotated[str, Query(description='Words (all must match), "a phrase", prefix*.')] = "",
           outlet: str | None = None, since: Date = None, until: Date = None,
           technique: Annotated[str | None, Query(description="A label such as Loaded_Language, in any case, with "
                                                      "spaces for underscores; a unique start such as "
                                                      "'name calling' will do.")] = None,
           speaker: str | None = None,
           voice: Annotated[str | None, Query(description="outlet, quoted or a quoted speaker's name (any "
                                                          "case).")] = None,
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    page = calls.search(request.app.state.store, q, outlet=outlet, since=since, until=until, technique=technique,
                        speaker=speaker, voice=voice, limit=limit, offset=offset)
    return {"query": q, **page.to_json()}


@router.get("/outlets", response_model=None, responses=_ok(m.OutletsPage, "A page of outlets"),
            summary="Outlets with their article counts")
def outlets(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    rows = request.app.state.store.outlets()
    items = [{"outlet": name, "articles": n} for name, n in rows[offset:offset + limit]]
    nxt = offset + limit if len(rows) > offset + limit else None
    return {"items": items, "limit": limit, "offset": offset, "next_offset": nxt, "total": len(rows)}


@router.get("/outlets/{name:path}/profile", response_model=None,
            responses=_ok(m.ProfileResponse, "The outlet's profile"), summary="An outlet's profile (propscope profile)")
def profile(name: str, request: Request, since: Date = None, until: Date = None,
            top: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10) -> dict[str, Any]:
    result: dict[str, Any] = calls.outlet_profile(request.app.state.store, name, since=since, until=until,
                                                  top=top).to_json()
    return result


@router.get("/syndication", response_model=None, responses=_ok(m.SyndicationResponse, "A page of copy clusters, "
                                                                                     "with every relay"),
            summary="Copy clusters and relay chains (propscope syndication)")
def syndication(request: Request, since: Date = None, until: Date = None, limit: Limit = 20,
                offset: Offset = 0) -> dict[str, Any]:
    report = calls.syndication(request.app.state.store, since=since, until=until)
    data: dict[str, Any] = report.to_json()
    clusters = data["clusters"]
    data["clusters"] = clusters[offset:offset + limit]
    data.update(limit=limit, offset=offset, total_clusters=len(clusters),
                next_offset=offset + limit if len(clusters) > offset + limit else None)
    return data
