"""What one analysis request may cost: sizes before parsing, a time limit, analysis slots (issue 14 §5.1).

The analyzer here blocks until the test lets it go, so "busy" and "too slow" are states the
test holds, not races it hopes to win.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_web_api import assert_error_shape
from test_web_fakes import ARTICLE, FakeLayers
from typer.testing import CliRunner

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article
from propscope.cli import app as cli_app
from propscope.errors import ConfigError
from propscope.pipeline import Pipeline
from propscope.store import open_store
from propscope.web import WebSettings, create_app
from propscope.web.limits import LIMITS, limit

HTML = "<html><body><article><h1>T</h1><p>The hysterical campaign went on and on for days.</p></article></body></html>"


class Gate(BaseAnalyzer):
    """Blocks each article until ``go`` is set; ``entered`` says one is inside."""

    name = "gate"
    version = "1"
    produces = ("gated",)

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.entered = threading.Event()
        self.go = threading.Event()
        self.finished = threading.Event()

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        self.entered.set()
        assert self.go.wait(10), "the test never let the analysis go"
        self.finished.set()
        return {"gated": self.layer("gated", [])}


def client_for(*analyzers: BaseAnalyzer, **settings: Any) -> TestClient:
    application = create_app(WebSettings(db="memory://", **settings), pipeline=Pipeline(list(analyzers)),
                             store=open_store("memory://"))
    return TestClient(application, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


@pytest.fixture
def gate() -> Iterator[Gate]:
    g = Gate()
    yield g
    g.go.set()  # never leave a thread blocked behind a failed test


def test_web_limits_body_and_input_bytes_are_413_before_reading() -> None:
    with client_for(FakeLayers(), max_body=50_000, max_input=2_000) as client:
        error = assert_error_shape(client.post("/api/v1/analyze", json={"text": "word " * 20_000}), 413,
                                   "input.too_large")
        assert "request body" in error["message"]
        error = assert_error_shape(client.post("/api/v1/analyze", json={"text": "word " * 1_000}), 413,
                                   "input.too_large")
        assert "limit of 2,000 bytes" in error["message"] and error["source"] == "pasted text"
        page = client.post("/analyze", files={"file": ("big.txt", b"word " * 1_000, "text/plain")})
        assert page.status_code == 413 and "limit of 2,000 bytes" in page.text  # the form, with the error
        assert client.post("/api/v1/analyze", json={"text": ARTICLE}).status_code == 200


def test_web_limits_too_many_tags_is_413_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import propscope.readers as readers

    def no_parsing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an input over the tag limit was parsed")

    with client_for(FakeLayers(), max_tags=100) as client:
        monkeypatch.setattr(readers, "read_string", no_parsing)
        monkeypatch.setattr(readers, "read_bytes", no_parsing)
        hostile = "<b>x</b>" * 60
        error = assert_error_shape(client.post("/api/v1/analyze", json={"text": hostile}), 413, "input.too_large")
        assert "120 HTML tags" in error["message"] and "limit of 100" in error["message"]
        page = client.post("/analyze", files={"file": ("page.html", hostile.encode(), "text/html")})
        assert page.status_code == 413 and "120 HTML tags" in page.text
        monkeypatch.undo()
        # the same characters read as text are not markup: not counted
        ok = client.post("/api/v1/analyze", json={"text": "a < b, " * 150 + ARTICLE, "format": "text"})
        assert ok.status_code == 200, ok.text
        assert client.post("/api/v1/analyze", json={"text": HTML}).status_code == 200


def test_web_limits_article_text_over_the_limit_is_413_before_analysis() -> None:
    gate = Gate()
    with client_for(gate, max_text=200) as client:
        text = "Title\n\n" + "The campaign went on for days and days. " * 20
        error = assert_error_shape(client.post("/api/v1/analyze", json={"text": text}), 413, "input.too_large")
        assert "characters long" in error["message"] and "limit of 200" in error["message"]
        assert not gate.entered.is_set()


def test_web_limits_busy_is_503_with_retry_after_not_a_queue(gate: Gate) -> None:
    with client_for(gate, max_analyses=1, analysis_wait=0) as client, ThreadPoolExecutor(1) as pool:
        first = pool.submit(client.post, "/api/v1/analyze", json={"text": ARTICLE})
        assert gate.entered.wait(5)
        started = time.monotonic()
        busy = client.post("/api/v1/analyze", json={"text": ARTICLE})
        assert time.monotonic() - started < 2  # answered, not queued
        error = assert_error_shape(busy, 503, "http.busy")
        assert "busy" in error["message"] and int(busy.headers["retry-after"]) >= 1
        page = client.post("/analyze", data={"text": ARTICLE})
        assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
        assert "retry-after" in page.headers
        gate.go.set()
        assert first.result(10).status_code == 200
        assert client.post("/api/v1/analyze", json={"text": ARTICLE}).status_code == 200  # the slot is free again


def test_web_limits_a_request_waits_for_a_slot_within_the_wait(gate: Gate) -> None:
    with client_for(gate, max_analyses=1, analysis_wait=10) as client, ThreadPoolExecutor(2) as pool:
        first = pool.submit(client.post, "/api/v1/analyze", json={"text": ARTICLE})
        assert gate.entered.wait(5)
        second = pool.submit(client.post, "/api/v1/analyze", json={"text": ARTICLE + "Again.\n"})
        time.sleep(0.2)
        assert not second.done()  # waiting for the slot, not refused
        gate.go.set()
        assert first.result(10).status_code == 200 and second.result(10).status_code == 200


def test_web_limits_time_limit_is_503_and_the_slot_is_held_until_the_work_stops(gate: Gate) -> None:
    with client_for(gate, FakeLayers(), max_analyses=1, analysis_wait=0, analysis_timeout=0.3) as client:
        slow = client.post("/api/v1/analyze", json={"text": ARTICLE, "store": True})
        error = assert_error_shape(slow, 503, "analysis.timeout")
        assert "0.3 s" in error["message"]
        # the work is still inside the analyzer: its slot is still taken
        assert_error_shape(client.post("/api/v1/analyze", json={"text": ARTICLE}), 503, "http.busy")
        gate.go.set()
        assert gate.finished.wait(5)
        for _ in range(50):  # the thread frees its slot as it returns
            if client.app.state.gate.busy == 0:  # type: ignore[attr-defined]
                break
            time.sleep(0.02)
        assert client.app.state.gate.busy == 0  # type: ignore[attr-defined]
        # it stopped before the next analyzer, and stored nothing
        assert client.get("/api/v1/articles").json()["total"] == 0


def test_web_limits_pages_answer_while_an_analysis_runs(gate: Gate) -> None:
    with client_for(gate) as client, ThreadPoolExecutor(1) as pool:
        running = pool.submit(client.post, "/api/v1/analyze", json={"text": ARTICLE})
        assert gate.entered.wait(5)
        started = time.monotonic()
        for path in ("/", "/api/v1/articles", "/search?q=campaign"):
            assert client.get(path).status_code == 200, path
        assert time.monotonic() - started < 2
        assert not running.done()  # all of that while the analysis was still inside its analyzer
        gate.go.set()
        assert running.result(10).status_code == 200


def test_web_limits_are_declared_once_and_documented() -> None:
    from pathlib import Path

    docs = (Path(__file__).parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    help_text = " ".join(CliRunner().invoke(cli_app, ["serve", "--help"]).output.split())
    defaults = WebSettings()
    for item in LIMITS:
        assert getattr(defaults, item.field) == item.default, item.field
        row = next((line for line in docs.splitlines() if line.startswith(f"| `{item.option} ")), None)
        assert row is not None, f"docs/web.md has no row for {item.option}"
        assert f"`${item.env}`, else {item.shown.replace(' tags', '')}" in row, row
        assert item.option in help_text and f"${item.env}" in help_text, item.option


def test_web_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROPSCOPE_MAX_TAGS", "500")
    monkeypatch.setenv("PROPSCOPE_ANALYSIS_TIMEOUT", "2.5")
    settings = WebSettings.from_env(max_tags=None)
    assert settings.max_tags == 500 and settings.analysis_timeout == 2.5
    assert WebSettings.from_env(max_tags=7).max_tags == 7  # an option beats the variable
    monkeypatch.setenv("PROPSCOPE_MAX_ANALYSES", "two")
    with pytest.raises(ConfigError, match="PROPSCOPE_MAX_ANALYSES"):
        WebSettings.from_env()
    monkeypatch.delenv("PROPSCOPE_MAX_ANALYSES")
    with pytest.raises(ConfigError, match="--max-analyses"):
        WebSettings(max_analyses=0)
    assert limit("max_body").shown == "5 MiB"


def test_web_limits_a_fetched_page_meets_the_tag_limit_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 14 §5: a URL fetched by the server (--fetch) was parsed whatever markup it held
    import propscope.readers.dispatch as dispatch
    import propscope.readers.fetch as fetch

    page = ("<html><body>" + "<b>x</b>" * 60 + "</body></html>").encode()
    monkeypatch.setattr(fetch, "fetch_url", lambda url, **kw: fetch.Fetched(url, "text/html", page))

    def no_parsing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a fetched page over the tag limit was parsed")

    monkeypatch.setattr(dispatch, "_read_document", no_parsing)
    with client_for(FakeLayers(), max_tags=100, fetch=True) as client:
        error = assert_error_shape(client.post("/api/v1/analyze", json={"fetch_url": "https://example.org/story"}),
                                   413, "input.too_large")
    assert "124 HTML tags" in error["message"] and error["source"] == "https://example.org/story"
