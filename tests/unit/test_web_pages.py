"""The Analyze and Search pages: what they say about uploads, two inputs, corpora and result ranges."""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_web_fakes import ARTICLE, make_client


@pytest.fixture
def client() -> Any:
    with make_client() as c:
        yield c


def _alert(html: str) -> str:
    m = re.search(r'<div class="error-box" role="alert">\s*<strong>(.*?)</strong>', html, re.DOTALL)
    assert m, html[-2000:]
    return m.group(1)


def test_web_pages_empty_text_keeps_the_form_wording(client: Any) -> None:
    r = client.post("/analyze", data={"text": "  "})
    assert r.status_code == 422
    assert _alert(r.text) == "nothing to analyse: paste some text or choose a file"


def test_web_pages_empty_upload_is_named(client: Any) -> None:
    r = client.post("/analyze", files={"file": ("notes.txt", b"", "text/plain")})
    assert r.status_code == 422
    assert _alert(r.text) == "the uploaded file notes.txt is empty"


def test_web_pages_no_file_chosen_is_not_an_upload(client: Any) -> None:
    # a browser sends the file part with an empty name when no file was chosen
    r = client.post("/analyze", data={"text": ARTICLE}, files={"file": ("", b"", "application/octet-stream")})
    assert r.status_code == 200 and "data-s=" in r.text


def test_web_pages_file_and_text_together_are_refused(client: Any) -> None:
    r = client.post("/analyze", data={"text": "some pasted text"},
                    files={"file": ("story.txt", ARTICLE.encode(), "text/plain")})
    assert r.status_code == 422
    assert _alert(r.text) == "send either a file or text, not both"
    assert "data-s=" not in r.text  # nothing was analysed


@pytest.mark.parametrize(("name", "data"), [
    ("corpus.jsonl", (b'{"text": "One\\n\\nThe hysterical first story went on."}\n'
                      b'{"text": "Two\\n\\nThe second story went on too."}\n')),
    ("corpus.csv", b'title,text\nOne,"The hysterical first story went on."\nTwo,"The second story went on."\n'),
])
def test_web_pages_multi_article_upload_is_refused(client: Any, name: str, data: bytes) -> None:
    r = client.post("/analyze", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 415
    message = _alert(r.text)
    assert "more than one article" in message and "propscope ingest" in message
    assert "data-s=" not in r.text


@pytest.mark.parametrize(("name", "data"), [
    ("one.jsonl", b'{"title": "One", "text": "The hysterical first story went on and on."}\n'),
    ("one.csv", b'title,text\nOne,"The hysterical first story went on and on."\n'),
])
def test_web_pages_single_article_corpus_upload_is_analysed(client: Any, name: str, data: bytes) -> None:
    r = client.post("/analyze", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 200, r.text
    assert "data-s=" in r.text


def _results_line(html: str) -> str | None:
    m = re.search(r'<p class="note">(Results [^<]*)</p>', html)
    return m.group(1) if m else None


def test_web_pages_search_results_range(client: Any) -> None:
    for i in range(3):
        r = client.post("/api/v1/analyze", json={"text": f"Story {i}\n\nThe hysterical campaign number {i}.\n",
                                                 "store": True, "published": f"2026-01-0{i + 1}"})
        assert r.status_code == 200, r.text
    assert _results_line(client.get("/search", params={"q": "campaign"}).text) == "Results 1–3 for “campaign”"
    second = client.get("/search", params={"q": "campaign", "limit": 2, "offset": 2}).text
    assert _results_line(second) == "Results 3–3 for “campaign”"
    for params in ({"q": "campaign", "offset": 50}, {"q": "nothingmatches"}):
        page = client.get("/search", params=params).text
        assert _results_line(page) is None, params
        assert "No matches." in page
