"""The list endpoints are typed in the OpenAPI document, and their answers are unchanged (issue 16 gap 3)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import BaseModel  # noqa: E402

import propscope.web.models as m  # noqa: E402
from propscope.corpus.profile import build_profile  # noqa: E402
from propscope.corpus.search import search  # noqa: E402
from propscope.corpus.syndication import find_syndication  # noqa: E402
from propscope.corpus.synth import register_synthetic, syndication_benchmark, synthetic_analyses  # noqa: E402
from propscope.pipeline import Pipeline  # noqa: E402
from propscope.store import Store, open_store  # noqa: E402
from propscope.web import WebSettings, create_app  # noqa: E402

LISTS = {
    "/api/v1/search": ("SearchPage", {"query", "items", "limit", "offset", "next_offset"}),
    "/api/v1/articles": ("ArticlesPage", {"items", "limit", "offset", "next_offset", "total"}),
    "/api/v1/outlets": ("OutletsPage", {"items", "limit", "offset", "next_offset", "total"}),
    "/api/v1/outlets/{name}/profile": ("ProfileResponse", {"outlet", "techniques", "top_speakers", "weekly",
                                                           "rates_by_voice"}),
    "/api/v1/syndication": ("SyndicationResponse", {"clusters", "relays", "chains", "total_clusters"}),
}


@pytest.fixture(scope="module")
def corpus() -> tuple[TestClient, Store]:
    register_synthetic()
    store = open_store("memory://")
    pipe = Pipeline.build(["synthetic"])
    for item in syndication_benchmark(4, seed=3):
        store.put(pipe.run(item.article))
    store.put_many(list(synthetic_analyses(12, days=20)))
    app = create_app(WebSettings(), pipeline=pipe, store=store)
    return TestClient(app, base_url="http://127.0.0.1:8000"), store


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def test_web_models_openapi_shows_the_fields_of_every_list(corpus: tuple[TestClient, Store]) -> None:
    client, _ = corpus
    doc = client.get("/openapi.json").json()
    paths = {p.replace("{name:path}", "{name}"): v for p, v in doc["paths"].items()}
    for path, (name, fields) in LISTS.items():
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok.get("$ref", "").endswith("/" + name), (path, ok)
        props = _resolve(doc, ok)["properties"]
        assert fields <= set(props), (path, sorted(props))
    items = _resolve(doc, doc["components"]["schemas"]["SearchPage"]["properties"]["items"]["items"])
    assert {"article_id", "title", "outlet", "url", "published", "snippet"} == set(items["properties"])
    member = _resolve(doc, doc["components"]["schemas"]["Member"])
    assert {"reuse", "copied_from", "exact"} <= set(member["properties"])


def _valid(model: type[BaseModel], data: dict[str, Any]) -> None:
    model.model_validate(data)  # extra fields are refused: a model that misses a field fails here


def test_web_models_answers_are_the_core_json_and_fit_the_models(corpus: tuple[TestClient, Store]) -> None:
    client, store = corpus
    page = client.get("/api/v1/search", params={"q": "the", "limit": 3}).json()
    _valid(m.SearchPage, page)
    assert page["items"] == [h.to_json() for h in search(store, "the", limit=3)]

    articles = client.get("/api/v1/articles", params={"limit": 5, "offset": 2}).json()
    _valid(m.ArticlesPage, articles)
    assert articles["total"] == store.count() and articles["items"] == [h.to_json() for h in
                                                                        search(store, "", limit=5, offset=2)]

    outlets = client.get("/api/v1/outlets").json()
    _valid(m.OutletsPage, outlets)
    assert [(o["outlet"], o["articles"]) for o in outlets["items"]] == store.outlets()

    name = outlets["items"][0]["outlet"]
    profile = client.get(f"/api/v1/outlets/{name}/profile").json()
    _valid(m.ProfileResponse, profile)
    assert profile == build_profile(store, name).to_json()

    synd = client.get("/api/v1/syndication", params={"limit": 100}).json()
    _valid(m.SyndicationResponse, synd)
    report = find_syndication(store).to_json()
    assert synd["clusters"] and synd["relays"]  # the corpus has both: the models meet real members
    assert {k: synd[k] for k in report} == report
