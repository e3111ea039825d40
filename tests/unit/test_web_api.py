"""The HTTP API under /api/v1 and the pages, in-process (FastAPI's TestClient over httpx)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_web_fakes import ARTICLE, make_client

from propscope.errors import ModelError

ERROR_KEYS = {"code", "message", "status"}


def assert_error_shape(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert ERROR_KEYS <= set(error), error
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error


@pytest.fixture
def client() -> Any:
    with make_client() as c:
        yield c


def _store(client: Any, text: str = ARTICLE, **meta: Any) -> str:
    r = client.post("/api/v1/analyze", json={"text": text, "store": True, **meta})
    assert r.status_code == 200, r.text
    return str(r.json()["stored"]["article_id"])


def test_web_api_analyze_returns_the_analysis(client: Any) -> None:
    r = client.post("/api/v1/analyze", json={"text": ARTICLE, "outlet": "Daily", "published": "2026-01-05"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] is None
    analysis = body["analysis"]
    assert analysis["schema"] == "propscope.analysis/1"
    assert analysis["article"]["outlet"] == "Daily"
    assert "raw" not in analysis["article"]
    labels = {s["label"] for s in analysis["layers"]["techniques"]["spans"]}
    assert labels == {"Loaded_Language", "Name_Calling,Labeling", "Slogans"}


def test_web_api_title_field_keeps_the_first_line(client: Any) -> None:
    text = "The army said on Monday that the drills were over.\nIt left the town on Tuesday.\n"
    article = client.post("/api/v1/analyze", json={"text": text, "title": "My title"}).json()["analysis"]["article"]
    assert article["title"] == "My title"
    assert article["text"].startswith("The army said on Monday")
    untitled = client.post("/api/v1/analyze", json={"text": text}).json()["analysis"]["article"]
    assert untitled["text"] == "It left the town on Tuesday."


def test_web_api_store_then_get_list_search_profile(client: Any) -> None:
    aid = _store(client, outlet="Daily", published="2026-01-05")
    r = client.get(f"/api/v1/articles/{aid}")
    assert r.status_code == 200
    assert r.json()["article"]["id"] == aid
    listing = client.get("/api/v1/articles").json()
    assert listing["total"] == 1 and listing["items"][0]["article_id"] == aid and listing["next_offset"] is None
    hits = client.get("/api/v1/search", params={"q": "campaign", "technique": "Slogans", "voice": "Ivanov"}).json()
    assert [h["article_id"] for h in hits["items"]] == [aid]
    assert "**campaign**" in hits["items"][0]["snippet"]
    assert client.get("/api/v1/search", params={"q": "campaign", "speaker": "nobody"}).json()["items"] == []
    profile = client.get("/api/v1/outlets/daily/profile").json()
    assert profile["articles"] == 1
    voices = {t["voice"] for t in profile["techniques"]}
    assert "outlet" in voices and len(voices) == 2  # the outlet's own, and the quoted speaker's
    assert profile["top_speakers"][0]["name"] == "Ivanov"
    outlets = client.get("/api/v1/outlets").json()
    assert outlets["items"] == [{"outlet": "Daily", "articles": 1}]
    synd = client.get("/api/v1/syndication").json()
    assert synd["articles"] == 1 and synd["clusters"] == []


def test_web_api_pagination_limits_and_next_offset(client: Any) -> None:
    for i in range(5):
        _store(client, text=f"Story {i}\n\nThe hysterical story number {i} about the campaign.\n",
               published=f"2026-01-0{i + 1}")
    first = client.get("/api/v1/search", params={"q": "campaign", "limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    last = client.get("/api/v1/search", params={"q": "campaign", "limit": 2, "offset": 4}).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None
    seen = [h["article_id"] for off in (0, 2, 4)
            for h in client.get("/api/v1/articles", params={"limit": 2, "offset": off}).json()["items"]]
    assert len(set(seen)) == 5
    assert_error_shape(client.get("/api/v1/articles", params={"limit": 101}), 422, "http.invalid")
    assert_error_shape(client.get("/api/v1/search", params={"limit": 0}), 422, "http.invalid")
    assert_error_shape(client.get("/api/v1/search", params={"offset": -1}), 422, "http.invalid")


def test_web_api_bounds_names_and_blank_outlets(client: Any) -> None:
    """Offsets past 10**9 are refused, not overflowed; technique and voice names are loose but
    checked; a blank outlet is refused rather than profiling every article."""
    aid = _store(client, outlet="Daily", published="2026-01-05")
    for path in ("/api/v1/search", "/api/v1/articles", "/api/v1/outlets", "/api/v1/syndication"):
        assert_error_shape(client.get(path, params={"offset": 10**9 + 1}), 422, "http.invalid")
        assert client.get(path, params={"offset": 10**9}).status_code == 200, path
    for technique in ("loaded language", "LOADED_LANGUAGE", "name calling", "Slogans"):
        hits = client.get("/api/v1/search", params={"technique": technique}).json()["items"]
        assert [h["article_id"] for h in hits] == [aid], technique
    assert [h["article_id"] for h in client.get("/api/v1/search", params={"voice": "Outlet"}).json()["items"]] == [aid]
    assert [h["article_id"] for h in client.get("/api/v1/search", params={"voice": "IVANOV"}).json()["items"]] == [aid]
    error = assert_error_shape(client.get("/api/v1/search", params={"voice": "outlets"}), 422, "input.voice")
    assert "Ivanov" in error["message"]
    for name in ("%20", "%09"):
        error = assert_error_shape(client.get(f"/api/v1/outlets/{name}/profile"), 422, "input.outlet")
        assert error["message"] == "an outlet name is needed"
    assert_error_shape(client.get("/api/v1/search", params={"q": "*"}), 422, "input.query")
    assert client.get("/api/v1/search", params={"q": "", "outlet": "daily"}).json()["items"][0]["article_id"] == aid


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), [
    ("get", "/api/v1/nothing", {}, 404, "http.not_found"),
    ("get", "/api/v1/articles/0123456789abcdef", {}, 404, "store.not_found"),
    ("get", "/api/v1/outlets/nobody/profile", {}, 404, "store.not_found"),
    ("put", "/api/v1/analyze", {}, 405, "http.method_not_allowed"),
    ("post", "/api/v1/analyze", {"content": b"{not json", "headers": {"content-type": "application/json"}},
     400, "http.malformed"),
    ("post", "/api/v1/analyze", {"json": {"text": 5}}, 422, "http.invalid"),
    ("post", "/api/v1/analyze", {"json": {"text": "x", "unknown": 1}}, 422, "http.invalid"),
    ("post", "/api/v1/analyze", {"json": {"text": "   "}}, 422, "input.empty"),
    ("post", "/api/v1/analyze", {"json": {"text": "a", "format": "pdf"}}, 422, "http.invalid"),
    ("get", "/api/v1/search?since=yesterday", {}, 400, "config.date"),
    ("get", "/api/v1/search?q=coup&offset=99999999999999999999999", {}, 422, "http.invalid"),
    ("get", "/api/v1/articles?offset=99999999999999999999999", {}, 422, "http.invalid"),
    ("get", "/api/v1/search?q=!!!", {}, 422, "input.query"),
    ("get", "/api/v1/search?q=%22", {}, 422, "input.query"),
    ("get", "/api/v1/search?technique=bogus", {}, 422, "input.technique"),
    ("get", "/api/v1/search?voice=nobody", {}, 422, "input.voice"),
    ("get", "/api/v1/outlets/%20/profile", {}, 422, "input.outlet"),
    ("post", "/api/v1/analyze", {"json": {"fetch_url": "http://127.0.0.1/x"}}, 403, "input.fetch_refused"),
])
def test_web_api_every_error_has_one_shape(client: Any, method: str, path: str, kwargs: dict[str, Any],
                                            status: int, code: str) -> None:
    assert_error_shape(getattr(client, method)(path, **kwargs), status, code)


def test_web_api_internal_errors_keep_the_shape_and_hide_the_trace() -> None:
    with make_client() as c:
        def boom(article: Any, **options: Any) -> Any:
            raise RuntimeError("secret internals")

        c.app.state.pipeline.run = boom  # type: ignore[attr-defined]
        error = assert_error_shape(c.post("/api/v1/analyze", json={"text": ARTICLE}), 500, "http.internal")
        assert "secret internals" not in error["message"]


def test_web_api_core_errors_map_to_statuses() -> None:
    with make_client() as c:
        def fail(article: Any, **options: Any) -> Any:
            raise ModelError("model folder missing", analyzer="techniques")

        c.app.state.pipeline.run = fail  # type: ignore[attr-defined]
        error = assert_error_shape(c.post("/api/v1/analyze", json={"text": ARTICLE}), 500, "analysis.model")
        assert error["analyzer"] == "techniques"


def test_web_api_openapi_and_offline_docs(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/v1/analyze", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search",
            "/api/v1/outlets/{name}/profile", "/api/v1/syndication"} <= paths
    assert not any(p.startswith("/articles") or p == "/" for p in paths)  # pages stay out of the API
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/v1/search" in docs.text
    assert not re.search(r"""(src|href)=["']https?://""", docs.text)  # nothing from a CDN
    assert client.get("/redoc").status_code == 404


def test_web_pages_render_every_page(client: Any) -> None:
    aid = _store(client, outlet="Daily", published="2026-01-05")
    for path in ("/", "/articles", f"/articles/{aid}", "/search", "/search?q=campaign&technique=Slogans",
                 "/outlets", "/outlets/Daily", "/syndication", "/docs"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        assert not re.search(r"""(src|href)=["']https?://""", r.text), path
    page = client.get(f"/articles/{aid}").text
    assert 'class="seg' in page and "data-s=" in page
    assert "Who said what" in page and "Ivanov" in page
    assert 'id="propscope-data"' in page and "/static/report/report.js" in page
    profile = client.get("/outlets/Daily").text
    assert profile.count("<svg") >= 3 and "Loaded language" in profile


def test_web_pages_analyze_form_stores_and_links(client: Any) -> None:
    r = client.post("/analyze", data={"text": ARTICLE, "outlet": "Daily", "store": "on"})
    assert r.status_code == 200, r.text
    m = re.search(r'id="permalink" href="/articles/([0-9a-f]{16})"', r.text)
    assert m, r.text
    assert client.get(f"/articles/{m.group(1)}").status_code == 200
    html = (b"<html><body><article><h1>T</h1><p>The hysterical campaign went on and on for days.</p>"
            b"</article></body></html>")
    upload = client.post("/analyze", files={"file": ("story.html", html, "text/html")})
    assert upload.status_code == 200 and "data-s=" in upload.text


def test_web_pages_show_only_the_layers_there_are() -> None:
    from fastapi.testclient import TestClient

    from propscope.pipeline import Pipeline
    from propscope.store import open_store
    from propscope.web import WebSettings, create_app

    app = create_app(WebSettings(), pipeline=Pipeline.build(["quotes"]), store=open_store("memory://"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        r = c.post("/analyze", data={"text": ARTICLE})
    assert r.status_code == 200
    assert "Who said what" not in r.text and "Persuasion techniques" not in r.text
    assert "data-s=" in r.text  # the quotes layer is highlighted


def test_web_pages_errors_render_as_pages(client: Any) -> None:
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "store.not_found" in r.text
    r = client.post("/analyze", data={"text": "  "})
    assert r.status_code == 422 and "input.empty" in r.text


def test_web_app_builds_pipeline_and_store_once() -> None:
    with make_client() as c:
        pipe, store = c.app.state.pipeline, c.app.state.store  # type: ignore[attr-defined]
        for _ in range(3):
            c.post("/api/v1/analyze", json={"text": ARTICLE})
        assert c.app.state.pipeline is pipe and c.app.state.store is store  # type: ignore[attr-defined]


def test_web_app_lifespan_builds_from_settings() -> None:
    from fastapi.testclient import TestClient

    from propscope.web import WebSettings, create_app

    app = create_app(WebSettings(db="memory://", analyzers=("quotes",)))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.app.state.pipeline.names == ["quotes"]  # type: ignore[attr-defined]
        assert c.post("/api/v1/analyze", json={"text": ARTICLE, "store": True}).json()["stored"]


def test_web_syndication_links_clusters_to_articles(client: Any) -> None:
    body = ("The ministry announced new grain export quotas on Tuesday after a week of talks with traders, "
            "saying the measures would stabilise domestic prices through the winter and protect farmers. "
            "Officials said the quotas would be reviewed in March, and that exporters who breach them face fines.")
    ids = [_store(client, text=f"Grain quotas\n\n{body}{extra}\n", outlet=outlet, published=day)
           for outlet, day, extra in (("Wire One", "2026-01-05", ""), ("Copy Two", "2026-01-06", " More later."))]
    synd = client.get("/api/v1/syndication").json()
    assert synd["total_clusters"] == 1
    members = [synd["clusters"][0]["original"]["article_id"]] + [m["article_id"] for m in
                                                                  synd["clusters"][0]["copies"]]
    assert sorted(members) == sorted(ids)
    page = client.get("/syndication").text
    for aid in ids:
        assert f'href="/articles/{aid}"' in page


def test_web_docs_list_every_api_route(client: Any) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"`{path}" in doc, f"{path} is not in docs/web.md"


def test_web_cli_serve_is_registered() -> None:
    from typer.testing import CliRunner

    from propscope.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--fetch", "--token"):
        assert option in result.output
