"""A small hand-written corpus for the story, narrative and claim views (issue 17): three outlets
report one flood, one of them relays another; narratives in the outlet's and a speaker's voice.

Text is written for these tests (no dataset text).  Titles and names may carry hostile markup.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.segment import segment

XSS = '<img src=x onerror=alert(1)>'


class WordEncoder:
    """Unit vectors of hashed lowercase words: texts sharing words are close (stands in for the model)."""

    dim = 384

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]{4,}", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        return out


def analysis(text: str, outlet: str, published: str | None, *,
             quotes: Sequence[tuple[str, str]] = (), relayed_by: str | None = None,
             techniques: Sequence[tuple[str, str, str]] = (),
             narratives: Sequence[tuple[str, str, str]] = ()) -> Analysis:
    """``quotes``: (quoted content, speaker); ``techniques``: (word, label, voice);
    ``narratives``: (passage, narrative id, voice)."""
    title, _, body = text.partition("\n")
    paragraphs, sentences = segment(body)
    art = Article(body, title=title, outlet=outlet, published=published, language="en", paragraphs=paragraphs,
                  sentences=sentences, url=f"https://{re.sub(r'[^a-z]', '', outlet.lower())}.example/"
                                           f"{hashlib.md5(text.encode()).hexdigest()[:8]}")
    attrs = []
    for content, speaker in quotes:
        at = body.index(content)
        attrs.append(Span(at, at + len(content), "direct",
                          {"speaker": speaker, "kind": "direct", "relayed_by": relayed_by,
                           "content": [[at, at + len(content)]]}))
    tech = [Span(body.index(w), body.index(w) + len(w), t, {"score": 0.8, "voice": v}) for w, t, v in techniques]
    nar = []
    names = {}
    for passage, nid, voice in narratives:
        at = body.index(passage)
        nar.append(Span(at, at + len(passage), nid, {"score": 0.9, "unit": "sentence", "voice": voice}))
        names[nid] = {"name": nid.replace("_", " ").title(), "count": 1}
    layers = {"attributions": Layer("attributions", "attribution", "1", tuple(attrs)),
              "techniques": Layer("techniques", "techniques", "1", tuple(tech), label_key="technique"),
              "narratives": Layer("narratives", "narratives", "1", tuple(nar), {"narratives": names},
                                  label_key="narrative")}
    return Analysis(art, layers, (AnalyzerInfo("attribution", "1"), AnalyzerInfo("techniques", "1"),
                                  AnalyzerInfo("narratives", "1")))


CLAIM = "the floods were caused by foreign saboteurs"

FLOOD_A = ("Floods swamp Velsk harbour " + XSS + "\nFloodwater swamped the harbour district of Velsk overnight. "
           f"Governor Ilse Varn said {CLAIM}. Rescue crews evacuated residents from flooded streets near the harbour.")
FLOOD_B = ("Velsk harbour district evacuated after floods\nRescue crews evacuated residents of the Velsk harbour "
           "district after floodwater swamped streets overnight. Governor Varn claimed the floods were caused by "
           "foreign saboteurs, according to the Harbor Gazette. Residents described flooded homes.")
FLOOD_C = ("Saboteurs behind Velsk floods\nThe floods were caused by foreign saboteurs, the Coast Courier has "
           "learned. Rescue crews evacuated residents from flooded streets.")
VOTE = ("Parliament passes budget\nThe parliament passed the budget on Tuesday after a long debate. "
        "Opposition deputies voted against the spending plan.")


def corpus() -> list[Analysis]:
    return [
        analysis(FLOOD_A, "Harbor Gazette " + XSS, "2019-03-01T08:00:00Z", quotes=[(CLAIM, "Ilse Varn")],
                 techniques=[("swamped", "Loaded_Language", "outlet"), ("saboteurs", "Name_Calling,Labeling",
                                                                         "Ilse Varn")],
                 narratives=[(CLAIM, "foreign_plot", "Ilse Varn")]),
        analysis(FLOOD_B, "Northern Star", "2019-03-02T09:00:00Z",
                 quotes=[("the floods were caused by foreign saboteurs", "Governor Varn")],
                 relayed_by="Harbor Gazette " + XSS,
                 narratives=[("the floods were caused by foreign saboteurs", "foreign_plot", "Governor Varn")]),
        analysis(FLOOD_C, "Coast Courier", "2019-03-09T10:00:00Z",
                 techniques=[("foreign saboteurs", "Name_Calling,Labeling", "outlet")],
                 narratives=[("The floods were caused by foreign saboteurs, the Coast Courier has learned.",
                              "foreign_plot", "outlet")]),
        analysis(VOTE, "Northern Star", "2019-03-05T09:00:00Z"),
    ]
