"""What the API says about its input: a body not sent as JSON, an empty text, two inputs at once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_web_fakes import ARTICLE, make_client


@pytest.fixture
def client() -> Any:
    with make_client() as c:
        yield c


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["status"] == status
    return error


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain; charset=utf-8"])
def test_web_inputs_json_without_json_content_type_says_so(client: Any, content_type: str) -> None:
    # what `curl -d '{"text": ...}'` sends: JSON bytes labelled as a form
    body = json.dumps({"text": ARTICLE}).encode()
    r = client.post("/api/v1/analyze", content=body, headers={"content-type": content_type})
    error = _error(r, 415)
    assert error["code"] == "http.unsupported_media_type"
    assert "Content-Type: application/json" in error["message"]
    assert content_type.split(";")[0] in error["message"]


def test_web_inputs_json_content_type_variants_still_work(client: Any) -> None:
    body = json.dumps({"text": ARTICLE}).encode()
    for content_type in ("application/json", "application/json; charset=utf-8"):
        r = client.post("/api/v1/analyze", content=body, headers={"content-type": content_type})
        assert r.status_code == 200, r.text
    invalid = client.post("/api/v1/analyze", json={"text": 5})  # a JSON body that is wrong stays 422
    assert _error(invalid, 422)["code"] == "http.invalid"


@pytest.mark.parametrize("body", [{"text": "   "}, {}])
def test_web_inputs_empty_text_uses_api_wording(client: Any, body: dict[str, Any]) -> None:
    error = _error(client.post("/api/v1/analyze", json=body), 422)
    assert error["code"] == "input.empty"
    assert "`text` field" in error["message"]
    assert "paste" not in error["message"] and "choose a file" not in error["message"]


def test_web_inputs_text_and_url_together_are_refused() -> None:
    with make_client(fetch=True) as c:
        r = c.post("/api/v1/analyze", json={"text": ARTICLE, "fetch_url": "https://example.org/story"})
    error = _error(r, 422)
    assert "not both" in error["message"]
