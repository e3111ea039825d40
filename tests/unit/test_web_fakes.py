"""Fakes shared by the web tests (no tests here): an analyzer that makes every layer the pages show.

``FakeLayers`` marks each word in ``TECHNIQUE_WORDS`` as a technique span (voice ``outlet``,
or the speaker's name inside a quote) and each quoted passage as an attribution to the
name before ``said``; it needs no model, so the pages can be tested before the real
analyzers land.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fastapi.testclient import TestClient

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span
from propscope.pipeline import Pipeline
from propscope.store import open_store
from propscope.web import WebSettings, create_app

TECHNIQUE_WORDS = {"hysterical": "Loaded_Language", "traitors": "Name_Calling,Labeling", "never": "Slogans"}
_QUOTE = re.compile(r'"([^"]+)"')
_SPEAKER = re.compile(r"(\w+) said")


class FakeLayers(BaseAnalyzer):
    name = "webfake"
    version = "1"
    produces = ("techniques", "attributions")

    def __init__(self, *, technique_label: str | None = None, speaker: str | None = None, **settings: Any) -> None:
        super().__init__(**settings)
        self.technique_label = technique_label
        self.speaker = speaker

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        text = article.text
        quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
        said = _SPEAKER.search(text)
        speaker = self.speaker or (said.group(1) if said else "Unknown")
        techniques = []
        for word, label in TECHNIQUE_WORDS.items():
            for m in re.finditer(re.escape(word), text):
                inside = any(a <= m.start() < b for a, b in quotes)
                techniques.append(Span(m.start(), m.end(), self.technique_label or label,
                                       {"score": 0.91, "voice": speaker if inside else "outlet"}))
        attributions = [Span(a, b, "direct", {"speaker": speaker, "kind": "direct"}) for a, b in quotes]
        return {"techniques": self.layer("techniques", techniques),
                "attributions": self.layer("attributions", attributions)}


ARTICLE = (
    "Hysterical protests\n\n"
    "The hysterical campaign went on for a week, the paper wrote.\n\n"
    'Minister Ivanov said "the traitors will never win" on Monday.\n'
)


def make_client(*, token: str | None = None, max_body: int | None = None, host: str = "127.0.0.1",
                fetch: bool = False, store_url: str = "memory://", **fake: Any) -> TestClient:
    settings = WebSettings(db=store_url, host=host, token=token, fetch=fetch,
                           **({"max_body": max_body} if max_body else {}))
    app = create_app(settings, pipeline=Pipeline([FakeLayers(**fake)]), store=open_store(store_url))
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
