"""Reading a text's attributions in the integration tests."""

from __future__ import annotations

from propscope.pipeline import Pipeline
from propscope.readers.text import read_text


def attributions(pipeline: Pipeline, text: str, *, with_source: bool = False) -> list[tuple]:
    """(content, speaker) per attribution of ``text`` read as a body, or (content, source text, speaker)."""
    article = read_text(text, has_title_line=False)
    out = []
    for s in pipeline.run(article)["attributions"].spans:
        content = " | ".join(article.text[a:b] for a, b in s.attrs["content"])
        src = s.attrs["source"]
        source = article.text[src[0] : src[1]] if src else None
        out.append((content, source, s.attrs["speaker"]) if with_source else (content, s.attrs["speaker"]))
    return out
