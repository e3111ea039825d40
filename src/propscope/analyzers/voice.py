"""The ``voice`` analyzer: whose words each technique span is in.

A technique span gets ``voice`` = the canonical speaker of the attribution whose content
contains it (``"unknown speaker"`` when that attribution's speaker is not resolved), or
``"outlet"`` when it lies in the author's own words.  A span counts as inside a content when
at least half of its characters lie in the content's pieces.  The layer keeps the name
``techniques``, its label key and data; only the ``voice`` attribute is added (and
``voice_attribution``, the index of the attribution in the ``attributions`` layer).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span

__all__ = ["UNKNOWN_SPEAKER", "VoiceAnalyzer", "assign_voice"]

OUTLET = "outlet"
UNKNOWN_SPEAKER = "unknown speaker"


def assign_voice(techniques: Layer, attributions: Layer) -> list[Span]:
    pieces: list[tuple[int, int, int]] = []  # (start, end, attribution index)
    for k, a in enumerate(attributions.spans):
        for s, e in a.attrs.get("content") or [[a.start, a.end]]:
            pieces.append((s, e, k))
    pieces.sort()
    starts = [p[0] for p in pieces]
    out = []
    for span in techniques.spans:
        best_k, best = None, 0
        i = bisect.bisect_right(starts, span.end)
        for s, e, k in pieces[max(0, i - 50) : i]:
            inter = min(e, span.end) - max(s, span.start)
            if inter > best:
                best_k, best = k, inter
        attrs = dict(span.attrs)
        if best_k is not None and best * 2 >= max(1, span.end - span.start):
            speaker = attributions.spans[best_k].attrs.get("speaker")
            attrs["voice"] = speaker or UNKNOWN_SPEAKER
            attrs["voice_attribution"] = best_k
        else:
            attrs["voice"] = OUTLET
        out.append(Span(span.start, span.end, span.label, attrs))
    return out


class VoiceAnalyzer(BaseAnalyzer):
    name = "voice"
    version = "1"
    requires = ("techniques", "attributions")
    produces = ("techniques",)
    description = "Marks each technique span as the outlet's own voice or a quoted speaker's."

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        tech = layers["techniques"]
        spans = assign_voice(tech, layers["attributions"])
        return {"techniques": Layer(tech.name, tech.analyzer, tech.version, tuple(spans), tech.data, tech.label_key)}
