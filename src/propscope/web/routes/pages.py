"""Server-rendered pages: Analyze, Article, Articles, Search, Outlets, Outlet profile, Syndication, API docs.

Each page calls :mod:`propscope.web.calls` (the same calls as the API) and renders a
template; the annotated article is the HTML report's view model
(:mod:`propscope.web.views`).  Errors raise and meet the one handler in
:mod:`propscope.web.errors`, which renders them as an error page.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

import propscope.web.calls as calls
from propscope.errors import PropscopeError
from propscope.report.registry import get_layer_style
from propscope.store.base import PutResult
from propscope.web.errors import HttpError, status_for
from propscope.web.outlet_view import outlet_charts
from propscope.web.reprint import copy_info
from propscope.web.pages_support import render
from propscope.web.security import bearer, check_token
from propscope.web.views import ArticlePage, article_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
_META_FIELDS = ("title", "outlet", "url", "published", "language")


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value))) if value not in (None, "") else default
    except ValueError:
        return default


def _technique_choices() -> list[tuple[str, str]]:
    """The technique labels the report knows (its ``techniques`` style), for the search facet."""
    style = get_layer_style("techniques")
    labels = dict.fromkeys([*style.label_names, *style.definitions, *style.colours])
    return sorted(((label, style.label_name(label)) for label in labels), key=lambda kv: kv[1])


def _analyzers(request: Request) -> list[str]:
    pipe = request.app.state.pipeline
    return list(pipe.names) if pipe is not None else []


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render(request, "analyze.html.j2", form={}, page=None, stored=None, analyzers=_analyzers(request),
                  error=None)


@router.get("/analyze")
def analyze_get() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_post(request: Request) -> HTMLResponse:
    state = request.app.state
    settings = state.settings
    data, name = None, None
    async with request.form(max_files=1, max_fields=20, max_part_size=settings.max_body) as form:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read()
            name = upload.filename
    keep = fields.get("store") == "on"
    shown: dict[str, str | bool] = {k: fields.get(k, "") for k in (*_META_FIELDS, "text", "fetch_url", "format")}
    shown["store"] = keep
    meta = {k: fields.get(k) for k in _META_FIELDS}

    def work(deadline: float) -> tuple[ArticlePage, PutResult | None]:
        article = calls.read_input(
            text=fields.get("text"), upload=data, upload_name=name,
            fetch_url=fields.get("fetch_url") if settings.fetch else None, fetch_enabled=settings.fetch,
            format=fields.get("format") or None, empty_message=calls.EMPTY_FORM, limits=settings.input_limits,
            **meta)
        analysis, put = calls.analyze(state.pipeline, state.store, article, keep=keep, deadline=deadline)
        return article_page(analysis), put

    try:
        if keep:
            check_token(settings.token, fields.get("token") or bearer(request.scope["headers"]))
        page, put = await state.gate.run(work)  # within the server's limits, off the event loop
    except PropscopeError as exc:
        if isinstance(exc, HttpError) and exc.status == 401:
            raise
        status = status_for(exc)
        if status >= 500:
            raise
        return render(request, "analyze.html.j2", status=status, form=shown, page=None, stored=None,
                      analyzers=_analyzers(request), error={**exc.to_dict(), "status": status})
    response: HTMLResponse = await run_in_threadpool(
        render, request, "analyze.html.j2", styles=(page.css,), form=shown, page=page, stored=put,
        analyzers=_analyzers(request), error=None)
    return response


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request) -> HTMLResponse:
    params = dict(request.query_params)
    limit = _int(params.get("limit"), PAGE_SIZE, 1, 100)
    offset = _int(params.get("offset"), 0, 0, 10**9)
    page = calls.list_articles(request.app.state.store, outlet=params.get("outlet") or None,
                               since=params.get("since") or None, until=params.get("until") or None,
                               limit=limit, offset=offset)
    return render(request, "articles.html.j2", results=page, params=params)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(article_id: str, request: Request) -> HTMLResponse:
    store = request.app.state.store
    analysis = calls.get_analysis(store, article_id)
    page = article_page(analysis)
    sightings = store.sightings(analysis.article.id)
    return render(request, "article.html.j2", styles=(page.css,), page=page, sightings=sightings,
                  copy=copy_info(store, analysis))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items()
              if k in ("q", "outlet", "since", "until", "technique", "speaker", "voice", "offset", "limit")}
    limit = _int(params.get("limit"), PAGE_SIZE, 1, 100)
    offset = _int(params.get("offset"), 0, 0, 10**9)
    store = request.app.state.store
    filters = {k: params.get(k) or None for k in ("outlet", "since", "until", "technique", "speaker", "voice")}
    searched = any(params.get(k) for k in ("q", *filters))
    results = None
    if searched:
        results = calls.search(store, params.get("q", ""), limit=limit, offset=offset, **filters)
    return render(request, "search.html.j2", params=params, results=results, outlets=store.outlets(),
                  techniques=_technique_choices(), limit=limit)


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request) -> HTMLResponse:
    return render(request, "outlets.html.j2", outlets=request.app.state.store.outlets())


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet(name: str, request: Request) -> HTMLResponse:
    params = dict(request.query_params)
    profile = calls.outlet_profile(request.app.state.store, name, since=params.get("since") or None,
                                   until=params.get("until") or None)
    from propscope.web.routes.stories import outlet_extras  # issue 17: top narratives and stories

    extras = outlet_extras(request.app.state.store, profile.outlet, params.get("since"), params.get("until"))
    return render(request, "outlet.html.j2", profile=profile, charts=outlet_charts(profile), params=params,
                  extras=extras)


@router.get("/syndication", response_class=HTMLResponse)
def syndication(request: Request) -> HTMLResponse:
    params = dict(request.query_params)
    report = calls.syndication(request.app.state.store, since=params.get("since") or None,
                               until=params.get("until") or None)
    return render(request, "syndication.html.j2", report=report, params=params)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API described from the app's own OpenAPI document: no script, no CDN."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [(p.get("name", ""), p.get("in", ""), bool(p.get("required")),
                       p.get("description") or "", _schema_text(p.get("schema", {})))
                      for p in op.get("parameters", [])]
            body = None
            ref = (op.get("requestBody", {}).get("content", {}).get("application/json", {})
                   .get("schema", {}).get("$ref"))
            if ref:
                body = _model(spec, ref)
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "params": params, "body": body,
                               "responses": sorted(op.get("responses", {}).keys())})
    return render(request, "docs.html.j2", operations=operations, spec=spec)


def _schema_text(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_text(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    kind = str(schema.get("type", "object"))
    bounds = [f"{k}={schema[k]}" for k in ("minimum", "maximum", "default") if k in schema]
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def _model(spec: dict[str, Any], ref: str) -> list[tuple[str, str, str]]:
    name = ref.rsplit("/", 1)[-1]
    schema = spec.get("components", {}).get("schemas", {}).get(name, {})
    return [(field, _schema_text(s), s.get("description", "")) for field, s in schema.get("properties", {}).items()]
