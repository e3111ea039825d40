"""Story threads, narratives and claims (issue 17 §4): pages and the same data under ``/api/v1``.

Pages: ``/stories``, ``/stories/{id}``, ``/narratives``, ``/narratives/{id}``, ``/claims``,
``/claims/{id}``.  API: the same paths under ``/api/v1`` plus
``/api/v1/outlets/{name}/stories`` (the outlet's top narratives and stories, shown on its
profile page).  Unknown ids are a ``store.not_found`` error (404) through the one handler.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

import propscope.web.models_stories as ms
from propscope.corpus.search import MAX_OFFSET
from propscope.errors import StoreError
from propscope.store.base import ArticleFilter
from propscope.web.pages_support import render
from propscope.web.routes.api import ERRORS, MAX_LIMIT, Date, Limit, Offset, _ok
from propscope.web.story_view import catalogue_rows, narrative_page, story_page

__all__ = ["api_router", "outlet_extras", "page_router"]

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/v1", tags=["stories"])

PAGE_SIZE = 20


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value))) if value not in (None, "") else default
    except ValueError:
        return default


def _where(outlet: str | None = None, since: str | None = None, until: str | None = None) -> ArticleFilter | None:
    if not (outlet or since or until):
        return None
    return ArticleFilter(outlet=outlet or None, since=since or None, until=until or None)


def _story(store: Any, key: str) -> Any:
    from propscope.stories import get_story

    story = get_story(store, key)
    if story is None:
        raise StoreError(f"no story with id {key!r} (run `propscope stories --update` after an ingest)",
                         code="store.not_found")
    return story


def _narrative(store: Any, narrative: str, where: ArticleFilter | None) -> Any:
    page = narrative_page(store, narrative, where)
    if page is None:
        raise StoreError(f"no narrative {narrative!r} in the catalogue or the corpus", code="store.not_found")
    return page


def _narrative_json(page: Any) -> dict[str, Any]:
    return {**page.data.to_json(), "description": page.description, "parent": page.parent}


def outlet_extras(store: Any, outlet: str, since: str | None = None, until: str | None = None,
                  top: int = 10) -> dict[str, Any]:
    """The outlet's top narratives (most articles first) and its latest stories carried by several outlets."""
    from propscope.corpus.narratives import narrative_table
    from propscope.stories import list_stories

    where = ArticleFilter(outlet=outlet, since=since or None, until=until or None)
    narratives = [r for r in narrative_table(store, where) if r.outlet == outlet][:top]
    stories = list_stories(store, outlet=outlet, since=since or None, until=until or None, limit=top)
    return {"outlet": outlet, "narratives": [r.to_json() for r in narratives],
            "stories": [s.to_json() for s in stories]}


# -- pages -------------------------------------------------------------------------------------------
@page_router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    from propscope.stories import list_stories

    params = {k: v for k, v in request.query_params.items() if k in ("outlet", "since", "until", "offset")}
    offset = _int(params.get("offset"), 0, 0, MAX_OFFSET)
    found = list_stories(request.app.state.store, since=params.get("since") or None,
                         until=params.get("until") or None, outlet=params.get("outlet") or None)
    return render(request, "stories.html.j2", stories=found[offset:offset + PAGE_SIZE], total=len(found),
                  offset=offset, page_size=PAGE_SIZE, params=params)


@page_router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, request: Request) -> HTMLResponse:
    return render(request, "story.html.j2", page=story_page(_story(request.app.state.store, story_id)))


@page_router.get("/narratives", response_class=HTMLResponse)
def narratives_page(request: Request) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items() if k in ("outlet", "since", "until")}
    rows = catalogue_rows(request.app.state.store, _where(**params))
    return render(request, "narratives.html.j2", rows=rows, params=params)


@page_router.get("/narratives/{narrative}", response_class=HTMLResponse)
def narrative(narrative: str, request: Request) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items() if k in ("outlet", "since", "until")}
    page = _narrative(request.app.state.store, narrative, _where(**params))
    return render(request, "narrative.html.j2", page=page, params=params)


# -- API ---------------------------------------------------------------------------------------------
@api_router.get("/stories", response_model=None, responses=_ok(ms.StoriesPage, "A page of stories, newest first"),
                summary="Story threads across outlets (propscope stories)")
def api_stories(request: Request, outlet: str | None = None, since: Date = None, until: Date = None,
                min_articles: Annotated[int, Query(ge=1, le=10**6)] = 2, limit: Limit = 20,
                offset: Offset = 0) -> dict[str, Any]:
    from propscope.stories import list_stories

    found = list_stories(request.app.state.store, since=since, until=until, outlet=outlet, min_articles=min_articles)
    return {"items": [s.to_json() for s in found[offset:offset + limit]], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(found) > offset + limit else None, "total": len(found)}


@api_router.get("/stories/{story_id}", response_model=None, responses=_ok(ms.StoryResponse, "The story thread"),
                summary="One story: articles in time order, relays, framing per outlet (propscope story)")
def api_story(story_id: str, request: Request) -> dict[str, Any]:
    result: dict[str, Any] = _story(request.app.state.store, story_id).to_json()
    return result


@api_router.get("/narratives", response_model=None,
                responses=_ok(ms.NarrativesResponse, "The catalogue's narratives with their figures"),
                summary="Narratives and how often the corpus carries them (propscope narratives)")
def api_narratives(request: Request, outlet: str | None = None, since: Date = None,
                   until: Date = None) -> dict[str, Any]:
    return {"items": catalogue_rows(request.app.state.store, _where(outlet, since, until))}


@api_router.get("/narratives/{narrative}", response_model=None,
                responses=_ok(ms.NarrativeResponse, "One narrative: outlets carrying it, week by week, by voice"),
                summary="One narrative across outlets over time")
def api_narrative(narrative: str, request: Request, outlet: str | None = None, since: Date = None,
                  until: Date = None) -> dict[str, Any]:
    return _narrative_json(_narrative(request.app.state.store, narrative, _where(outlet, since, until)))


@api_router.get("/outlets/{name:path}/stories", response_model=None,
                responses={**ERRORS, **_ok(ms.OutletStoriesResponse, "The outlet's top narratives and stories")},
                summary="An outlet's top narratives and its stories carried by several outlets")
def api_outlet_stories(name: str, request: Request, since: Date = None, until: Date = None,
                       top: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10) -> dict[str, Any]:
    return outlet_extras(request.app.state.store, name, since, until, top)


# -- claims ------------------------------------------------------------------------------------------
def _claim(store: Any, claim_id: str) -> Any:
    from propscope.corpus.claims import get_claim

    claim = get_claim(store, claim_id)
    if claim is None:
        raise StoreError(f"no claim with id {claim_id!r} (run `propscope claims --update` after an ingest)",
                         code="store.not_found")
    return claim


@page_router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request) -> HTMLResponse:
    from propscope.corpus.claims import list_claims

    params = {k: v for k, v in request.query_params.items() if k in ("speaker", "outlet", "since", "until", "offset")}
    offset = _int(params.get("offset"), 0, 0, MAX_OFFSET)
    found = list_claims(request.app.state.store, speaker=params.get("speaker") or None,
                        outlet=params.get("outlet") or None, since=params.get("since") or None,
                        until=params.get("until") or None)
    return render(request, "claims.html.j2", claims=found[offset:offset + PAGE_SIZE], total=len(found),
                  offset=offset, page_size=PAGE_SIZE, params=params)


@page_router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(claim_id: str, request: Request) -> HTMLResponse:
    return render(request, "claim.html.j2", claim=_claim(request.app.state.store, claim_id))


@api_router.get("/claims", response_model=None, responses=_ok(ms.ClaimsPage, "A page of claims, most outlets first"),
                summary="Claims across outlets (propscope claims)")
def api_claims(request: Request, speaker: str | None = None, outlet: str | None = None, since: Date = None,
               until: Date = None, min_sightings: Annotated[int, Query(ge=1, le=10**6)] = 1,
               min_articles: Annotated[int, Query(ge=1, le=10**6)] = 2, limit: Limit = 20,
               offset: Offset = 0) -> dict[str, Any]:
    from propscope.corpus.claims import list_claims

    found = list_claims(request.app.state.store, speaker=speaker, outlet=outlet, since=since, until=until,
                        min_sightings=min_sightings, min_articles=min_articles)
    return {"items": [c.to_json() for c in found[offset:offset + limit]], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(found) > offset + limit else None, "total": len(found)}


@api_router.get("/claims/{claim_id}", response_model=None, responses=_ok(ms.ClaimResponse, "The claim and its sightings"),
                summary="One claim: its sightings in time order, each reported or restated (propscope claim)")
def api_claim(claim_id: str, request: Request) -> dict[str, Any]:
    result: dict[str, Any] = _claim(request.app.state.store, claim_id).to_json()
    return result
