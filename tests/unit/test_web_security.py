"""Security of the web edge: hostile data shown as text, headers, body limit, tokens, hosts, fetching."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from test_web_fakes import ARTICLE, make_client
from typer.testing import CliRunner

from propscope.errors import ConfigError
from propscope.web import WebSettings, create_app

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'
XSS_URL = "javascript:alert(1)//<script>"
HOSTILE_TEXT = (
    f"{XSS} headline\n\n"
    f"The hysterical {XSS} campaign went on.\n\n"
    f'Minister said "the traitors {XSS} will never win" today.\n'
)
class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _assert_inert(html: str) -> None:
    """The payload never becomes markup: no foreign element, handler attribute or script URL."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag != "img", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").strip().lower().startswith(("javascript:", "data:")), (tag, attrs)
        if tag == "script":  # only our external scripts and the JSON data block
            assert attrs in ({"type": "application/json", "id": "propscope-data"},) or (
                set(attrs) == {"src", "defer"} and re.fullmatch(r"/static/[\w/.-]+\.js", attrs["src"] or "")), attrs
    for block in re.findall(r'<script type="application/json" id="propscope-data">(.*?)</script>', html, re.DOTALL):
        assert "<" not in block and ">" not in block


@pytest.fixture
def hostile() -> Iterator[tuple[Any, str]]:
    with make_client(technique_label=XSS, speaker=XSS) as client:
        r = client.post("/api/v1/analyze", json={"text": HOSTILE_TEXT, "title": XSS, "outlet": XSS, "url": XSS_URL,
                                                 "published": "2026-01-05", "store": True})
        assert r.status_code == 200, r.text
        yield client, r.json()["stored"]["article_id"]


def test_web_security_hostile_fields_render_as_text(hostile: tuple[Any, str]) -> None:
    client, aid = hostile
    q = quote(XSS, safe="")
    pages = [
        f"/articles/{aid}", "/articles", f"/articles?outlet={q}", "/outlets", f"/outlets/{q}", "/syndication",
        f"/search?q={q}", f"/search?q=campaign&outlet={q}&speaker={q}&voice={q}&technique={q}&since=&until=",
        f"/search?q=hysterical&technique={q}", "/nothing/" + q,
    ]
    for path in pages:
        r = client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code, r.text[:300])
        _assert_inert(r.text)
    article = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;alert(" in article  # shown, as text
    assert "javascript:alert(1)" in article and 'href="javascript' not in article
    # the technique label and the speaker reach the page, escaped
    assert article.count("&lt;img src=x onerror=alert(1)&gt;") >= 3
    profile = client.get(f"/outlets/{quote(XSS, safe='')}").text
    assert "&lt;script&gt;" in profile and "<svg" in profile
    hits = client.get("/search", params={"q": "hysterical", "technique": XSS}).text
    assert f"/articles/{aid}" in hits
    posted = client.post("/analyze", data={"text": HOSTILE_TEXT, "title": XSS, "outlet": XSS, "url": XSS_URL})
    assert posted.status_code == 200
    _assert_inert(posted.text)
    error = client.post("/analyze", data={"text": " ", "title": XSS})
    _assert_inert(error.text)


def test_web_security_hostile_json_stays_json(hostile: tuple[Any, str]) -> None:
    client, aid = hostile
    body = client.get(f"/api/v1/articles/{aid}")
    assert body.headers["content-type"].startswith("application/json")
    assert body.json()["article"]["title"] == XSS  # the API returns data unchanged, as JSON
    r = client.get("/api/v1/nothing/" + quote(XSS, safe=""))
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")


def test_web_security_headers_everywhere() -> None:
    with make_client() as client:
        aid = client.post("/api/v1/analyze", json={"text": ARTICLE, "store": True}).json()["stored"]["article_id"]
        for path in ("/", f"/articles/{aid}", "/api/v1/articles", "/nothing", "/api/v1/nothing",
                     "/static/web.css", "/openapi.json"):
            r = client.get(path)
            csp = r.headers["content-security-policy"]
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
            assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
            assert "default-src 'none'" in csp
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["x-frame-options"] == "DENY"
        page = client.get(f"/articles/{aid}")
        styles = re.findall(r"<style>(.*?)</style>", page.text, re.DOTALL)
        assert styles, "the label colours are one inline stylesheet"
        for css in styles:
            digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in page.headers["content-security-policy"]
        assert " style=" not in page.text and "onclick" not in page.text.lower()


def test_web_security_body_limit_declared_streamed_and_form() -> None:
    with make_client(max_body=10_000) as client:
        big = "word " * 5000
        r = client.post("/api/v1/analyze", json={"text": big})
        assert r.status_code == 413 and r.json()["error"]["code"] == "input.too_large"

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(50):
                yield b"x" * 1000
            yield b'"}'

        r = client.post("/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413, r.text
        assert r.json()["error"]["code"] == "input.too_large"
        r = client.post("/analyze", data={"text": big})
        assert r.status_code == 413
        r = client.post("/api/v1/analyze", json={"text": ARTICLE})
        assert r.status_code == 200


def test_web_security_writes_need_the_token() -> None:
    with make_client(token="s3cret") as client:
        assert client.post("/api/v1/analyze", json={"text": ARTICLE}).status_code == 200  # no write
        r = client.post("/api/v1/analyze", json={"text": ARTICLE, "store": True})
        assert r.status_code == 401 and r.json()["error"]["code"] == "http.unauthorized"
        r = client.post("/api/v1/analyze", json={"text": ARTICLE, "store": True},
                        headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401
        r = client.post("/api/v1/analyze", json={"text": ARTICLE, "store": True},
                        headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200 and r.json()["stored"]
        assert client.post("/analyze", data={"text": ARTICLE, "store": "on"}).status_code == 401
        ok = client.post("/analyze", data={"text": ARTICLE, "store": "on", "token": "s3cret"})
        assert ok.status_code == 200 and 'id="permalink"' in ok.text


def test_web_security_refuses_non_loopback_without_token() -> None:
    with pytest.raises(ConfigError):
        create_app(WebSettings(host="0.0.0.0"))
    with pytest.raises(ConfigError):
        create_app(WebSettings(host="192.0.2.7"))
    create_app(WebSettings(host="0.0.0.0", token="t"))  # with a token it may
    from propscope.cli import app

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", "memory://"])
    assert result.exit_code == 2 and "token" in result.output


def test_web_security_host_and_origin_checks() -> None:
    with make_client() as client:
        r = client.get("/", headers={"host": "attacker.example"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "http.bad_host"
        assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
        r = client.post("/api/v1/analyze", json={"text": ARTICLE}, headers={"origin": "https://attacker.example"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "http.cross_origin"
        r = client.post("/analyze", data={"text": ARTICLE}, headers={"origin": "http://127.0.0.1:8000"})
        assert r.status_code == 200
        r = client.post("/analyze", data={"text": ARTICLE}, headers={"sec-fetch-site": "cross-site"})
        assert r.status_code == 403


def test_web_security_fetches_only_when_enabled_and_through_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    from propscope.readers import fetch

    calls: list[str] = []
    real = fetch.fetch_url

    def spy(url: str, **kw: Any) -> Any:
        calls.append(url)
        return real(url, **kw)

    monkeypatch.setattr(fetch, "fetch_url", spy)
    with make_client() as client:  # fetching off
        r = client.post("/api/v1/analyze", json={"fetch_url": "https://example.org/"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "input.fetch_refused"
        r = client.post("/analyze", data={"fetch_url": "https://example.org/", "text": ""})
        assert r.status_code == 422  # the field is ignored: nothing to analyse
    assert calls == []
    with make_client(fetch=True) as client:  # on: the private-address guard still refuses loopback
        r = client.post("/api/v1/analyze", json={"fetch_url": "http://127.0.0.1:9/secret"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "input.fetch_refused"
        assert "fetch_url" in client.get("/").text
    assert calls == ["http://127.0.0.1:9/secret"]
