"""The ``voice`` analyzer: whose words each technique span is in.

A technique span gets ``voice`` = the canonical speaker of the attribution whose content
contains it (``"unknown speaker"`` when that attribution's speaker is not resolved), or
``"outlet"`` when it lies in the author's own words.  A span counts as inside a content when
at least half of its characters lie in the content's pieces.  Reported speech (no quotation
marks) whose source is everyone or no one in general ("Every patriot knows …", "Nobody
doubts …", "All decent people understand …") stays in the outlet's voice: that is the
outlet speaking for an imagined crowd, not quoting anybody.  The layer keeps the name
``techniques``, its label key and data; only the ``voice`` attribute is added (and
``voice_attribution``, the index of the attribution in the ``attributions`` layer).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span

__all__ = ["UNKNOWN_SPEAKER", "VoiceAnalyzer", "assign_voice", "generic_source"]

OUTLET = "outlet"
UNKNOWN_SPEAKER = "unknown speaker"


#: "every patriot", "any honest observer", "all decent people", "everyone", "nobody"; not
#: "all three ministers", "all of the ministers", "each of them"
_GENERIC_SOURCE = re.compile(
    r"(?:(?:every|any|no)\s+(?!one\b|of\b)[a-z]|all\s+(?!the\b|of\b|these\b|those\b|their\b|his\b|her\b|our\b"
    r"|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|\d)[a-z]"
    r"|(?:everyone|everybody|anyone|anybody|nobody|no\s+one)\s*$)", re.IGNORECASE)


def generic_source(text: str, attribution: Span) -> bool:
    """Whether ``attribution`` is unquoted speech put in the mouth of everyone or no one."""
    src = attribution.attrs.get("source")
    if attribution.label != "indirect" or not src or attribution.attrs.get("speaker"):
        return False
    return _GENERIC_SOURCE.match(text[src[0] : src[1]].strip()) is not None


def assign_voice(techniques: Layer, attributions: Layer, text: str = "") -> list[Span]:
    """``text``: the article's text, to tell speech given to everyone or no one (outlet's voice)."""
    pieces: list[tuple[int, int, int]] = []  # (start, end, attribution index)
    for k, a in enumerate(attributions.spans):
        if text and generic_source(text, a):
            continue
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
        spans = assign_voice(tech, layers["attributions"], article.text)
        return {"techniques": Layer(tech.name, tech.analyzer, tech.version, tuple(spans), tech.data, tech.label_key)}
