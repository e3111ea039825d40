"""What story threading reads of an article: its document vector, entities, speakers and day.

The document vector is the normalised mean of the sentence vectors of the title and the first
``lead_sentences`` sentences (news puts the story in its lead; the body drifts to background
that other stories share).  ``benchmarks/bench_stories.py`` compares this with one vector of the
whole lead and with the mean over every sentence.

Entities are the canonical ids of the ``entities`` layer (people, organisations, places,
events); speakers are the resolved speakers of the ``attributions`` layer.  An article analysed
without those analyzers simply has none: threading then rests on the vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from propscope.analysis import Analysis
from propscope.embeddings import Encoder

__all__ = ["article_day", "document_texts", "document_vectors", "entity_keys", "speaker_keys"]

#: entity types that identify a story; numbers, dates and nationalities do not
STORY_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC", "WORK_OF_ART", "LAW"})


def document_texts(title: str | None, sentences: Sequence[str], lead_sentences: int) -> list[str]:
    """The texts whose vectors make the document vector: the title, then the lead sentences."""
    texts = [title.strip()] if title and title.strip() else []
    for s in sentences:
        if len(texts) >= lead_sentences + (1 if title else 0):
            break
        s = " ".join(s.split())
        if len(s) >= 3:
            texts.append(s)
    return texts or [""]


def document_vectors(encoder: Encoder, docs: Sequence[Sequence[str]], *, batch_size: int = 32) -> np.ndarray:
    """One unit vector per document: the normalised mean of its texts' vectors (batched across docs)."""
    flat = [t for d in docs for t in d]
    vecs = encoder.encode(flat, batch_size=batch_size) if flat else np.zeros((0, encoder.dim), np.float32)
    out = np.zeros((len(docs), encoder.dim), dtype=np.float32)
    i = 0
    for k, d in enumerate(docs):
        v = vecs[i:i + len(d)].mean(axis=0) if d else np.zeros(encoder.dim, np.float32)
        i += len(d)
        n = float(np.linalg.norm(v))
        out[k] = v / n if n > 0 else v
    return out


def article_sentences(analysis: Analysis) -> list[str]:
    art = analysis.article
    return [art.text[s.start:s.end] for s in art.sentences]


def entity_keys(analysis: Analysis) -> frozenset[str]:
    layer = analysis.layers.get("entities")
    if layer is None:
        return frozenset()
    ents: list[dict[str, Any]] = (layer.data or {}).get("entities", [])
    return frozenset(str(e["id"]) for e in ents if e.get("id") and (e.get("type") or "").upper() in STORY_ENTITY_TYPES)


def speaker_keys(analysis: Analysis) -> frozenset[str]:
    layer = analysis.layers.get("attributions")
    if layer is None:
        return frozenset()
    out = set()
    for span in layer.spans:
        attrs = span.attrs or {}
        key = attrs.get("speaker_id") or attrs.get("speaker")
        if key:
            out.add(str(key))
    return frozenset(out)


def article_day(published_at: str | None) -> date | None:
    if not published_at or len(published_at) < 10:
        return None
    try:
        return date.fromisoformat(published_at[:10])
    except ValueError:
        return None
