"""A handful of analyses written for the corpus-tools tests (issue 16): every layer the views
read, with offsets found in the text, so each expected fragment is stated once, here."""

from __future__ import annotations

from typing import Any

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span

ANALYZERS = tuple(AnalyzerInfo(n, "1") for n in ("entities", "attribution", "sources", "voice"))


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _analysis(text: str, *, outlet: str | None, published: str | None, title: str,
              techniques: list[tuple[str, str, str, float]],
              attributions: list[dict[str, Any]],
              mentions: list[tuple[str, str, str, str]],
              sources: list[tuple[str, str, str]]) -> Analysis:
    """``techniques``: (words, label, voice, score); ``attributions``: kind, content (list of
    words), cue, source, speaker, relayed_by; ``mentions``: (words, type, entity id, name);
    ``sources``: (words, kind, relation)."""
    tech = [Span(*_at(text, w), label, {"score": score, "voice": voice}) for w, label, voice, score in techniques]
    attrs = []
    for a in attributions:
        pieces = [list(_at(text, w)) for w in a["content"]]
        attrs.append(Span(pieces[0][0], pieces[-1][1], a["kind"], {
            "content": pieces, "cue": list(_at(text, a["cue"])) if a.get("cue") else None,
            "source": list(_at(text, a["source"])) if a.get("source") else None,
            "speaker": a.get("speaker"), "speaker_id": None, "relayed_by": a.get("relayed_by")}))
    ments = [Span(*_at(text, w), typ, {"entity": eid, "source": "ner"}) for w, typ, eid, _ in mentions]
    table = {eid: {"id": eid, "name": name, "type": typ, "mentions": 1} for _, typ, eid, name in mentions}
    srcs = [Span(*_at(text, w), w, {"name": w, "kind": kind, "relation": rel}) for w, kind, rel in sources]
    layers = {
        "entities": Layer("entities", "entities", "1", tuple(ments), {"entities": list(table.values())}),
        "attributions": Layer("attributions", "attribution", "1", tuple(attrs), {}, "kind"),
        "sources": Layer("sources", "sources", "1", tuple(srcs), {}),
        "techniques": Layer("techniques", "voice", "1", tuple(tech), {}, "technique"),
    }
    article = Article(text=text, title=title, outlet=outlet, published=published, language="en",
                      url="https://news.example/" + title.lower().replace(" ", "-"))
    return Analysis(article, layers, ANALYZERS)


COURIER_TEXT = ('Police said the protest in the capital was peaceful. "These thugs from Moscow are destroying our '
                'country," Mayor Ivan Petrov said, according to Reuters. The shameful decision stunned everyone.')
SENTINEL_TEXT = ('"We will win," Anna Smith said, "and we will win soon." Critics called the plan a disgrace '
                 'and the police chief a coward.\n\n=cmd|\' /C calc\'!A0 was found in the leaked file.')


def samples() -> list[Analysis]:
    courier = _analysis(
        COURIER_TEXT, outlet="Daily Courier", published="2026-03-02T08:00:00Z", title="Protest in the capital",
        techniques=[("These thugs", "Name_Calling", "Ivan Petrov", 0.91),
                    ("destroying our country", "Appeal_to_Fear", "Ivan Petrov", 0.55),
                    ("shameful", "Loaded_Language", "outlet", 0.83)],
        attributions=[
            {"kind": "indirect", "content": ["the protest in the capital was peaceful"], "cue": "said",
             "source": "Police"},
            {"kind": "direct", "content": ["These thugs from Moscow are destroying our country"], "cue": "said,",
             "source": "Mayor Ivan Petrov", "speaker": "Ivan Petrov", "relayed_by": "Reuters"},
        ],
        mentions=[("Moscow", "GPE", "e1", "Moscow"), ("Ivan Petrov", "PERSON", "e2", "Ivan Petrov"),
                  ("Reuters", "ORG", "e3", "Reuters")],
        sources=[("Reuters", "agency", "according to")])
    sentinel = _analysis(
        SENTINEL_TEXT, outlet="The Sentinel", published="March 3, 2026", title="Win, soon",
        techniques=[("disgrace", "Loaded_Language", "outlet", 0.77), ("coward", "Name_Calling", "outlet", 0.88),
                    ("=cmd|' /C calc'!A0", "Doubt", "outlet", 0.12)],
        attributions=[{"kind": "direct", "content": ["We will win,", "and we will win soon."], "cue": "said,",
                       "source": "Anna Smith", "speaker": "Anna Smith"}],
        mentions=[("Anna Smith", "PERSON", "e1", "Anna Smith")],
        sources=[])
    long_text = "Ceasefire talks resumed in Geneva. " + "Diplomats met again and spoke at length. " * 900
    undated = _analysis(
        long_text, outlet=None, published="sometime last spring", title="Talks",
        techniques=[("Diplomats", "Repetition", "outlet", 0.3)], attributions=[],
        mentions=[("Geneva", "GPE", "e1", "Geneva")], sources=[])
    return [courier, sentinel, undated]
