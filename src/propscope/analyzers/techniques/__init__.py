"""Persuasion techniques (PTC / SemEval-2020 Task 11): fragments, technique, calibrated score.

:class:`TechniqueAnalyzer` runs the shipped int8 ONNX model (fine-tuned all-MiniLM-L6-v2);
:class:`TechniqueBaselineAnalyzer` the hashed-feature logistic-regression baseline.  Both
produce the ``techniques`` layer: spans ``{"start", "end", "technique", "score"}`` and, in
``data``, an article summary (count and rate per 1,000 words per technique, share of
sentences with at least one technique, a calibrated score per sentence).  Run time needs
only onnxruntime, tokenizers and numpy.

Both models learned English news only.  An article whose language is known and is not
English (setting ``languages``, default ``["en"]``) is not scored: its layer has no spans and
``data`` says why (``skipped``), instead of a count of zero that would read as "no
techniques found".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.analyzers.techniques.definitions import DEFINITIONS, DISPLAY_NAMES, TECHNIQUES
from propscope.article import Article, Span
from propscope.errors import AnalysisError, ModelError, PropscopeError

__all__ = ["DEFINITIONS", "DISPLAY_NAMES", "TECHNIQUES", "TechniqueAnalyzer", "TechniqueBaselineAnalyzer",
           "fragment_units", "summarise", "unit_of_tokens"]


def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    from propscope.segment import segment

    return [(s.start, s.end) for s in segment(article.text)[1]]


#: a line of a hard-wrapped block is at least this share of the block's longest line
_WRAP_SHARE = 0.6
#: hard wrapping is at a fixed width of at most this many characters
_MAX_WRAP_WIDTH = 100


def _hard_wrapped(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` reads as prose wrapped at a fixed width: three lines or more,
    none over 100 characters, all but the last at least 60% of the longest."""
    lines = [line.strip() for line in text[start:end].split("\n")]
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    return width <= _MAX_WRAP_WIDTH and all(len(line) >= _WRAP_SHARE * width for line in lines[:-1])


def fragment_units(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches a technique fragment may not cross: the sentences, cut at their line breaks.

    The model learned on PTC articles, one sentence a line, so no fragment it was shown ever
    crossed a line.  The segmenter joins lines that end without a full stop into one sentence
    (list items, headings, link lists, an ad line, a page's fan counts), and a fragment then ran
    from a line of page furniture into the prose below it ("Discounted Prices⏎Scumbag shooter"),
    or over a whole list of rules.  A line break stays inside a unit only where the next line
    continues the sentence (it opens with a lower-case letter) or the sentence is hard-wrapped
    prose.
    """
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        if "\n" not in text[s:e] or _hard_wrapped(text, s, e):
            out.append((s, e))
            continue
        start = s
        for i in range(s, e):
            if text[i] != "\n":
                continue
            j = i + 1
            while j < e and text[j].isspace():
                j += 1
            if j < e and not text[j].islower():
                out.extend(_trimmed(text, start, i))
                start = j
        out.extend(_trimmed(text, start, e))
    return out


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if end > start else []


def unit_of_tokens(starts: Any, units: Sequence[tuple[int, int]]) -> Any:
    """For each token start offset, the index of the unit it lies in (the last unit starting
    at or before it)."""
    import numpy as np

    unit_starts = np.asarray([u[0] for u in units], dtype=np.int64)
    return np.maximum(np.searchsorted(unit_starts, np.asarray(starts, dtype=np.int64), side="right") - 1, 0)


def summarise(detections: list[tuple[int, int, str, float]], sentences: list[tuple[int, int]],
              sentence_scores: list[float], word_count: int) -> dict[str, Any]:
    """Counts and rates per 1,000 words per technique, share of sentences with ≥1 technique."""
    counts = {t: 0 for t in TECHNIQUES}
    for _, _, t, _ in detections:
        counts[t] += 1
    with_tech = 0
    for s, e in sentences:
        if any(a < e and b > s for a, b, _, _ in detections):
            with_tech += 1
    per_k = 1000.0 / word_count if word_count else 0.0
    return {
        "techniques": {t: {"count": c, "per_1000_words": round(c * per_k, 3)} for t, c in counts.items() if c},
        "total": len(detections),
        "per_1000_words": round(len(detections) * per_k, 3),
        "sentences": len(sentences),
        "sentences_with_technique": with_tech,
        "share_sentences_with_technique": round(with_tech / len(sentences), 4) if sentences else 0.0,
        "sentence_scores": sentence_scores,
        "word_count": word_count,
    }


class _TechniqueBase(BaseAnalyzer):
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ("techniques",)
    model_name: ClassVar[str] = "techniques"

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.predictor: Any = None

    def _make(self, model_dir: Path | None) -> Any:
        raise NotImplementedError

    def load(self, model_dir: Path | None = None) -> None:
        if self.predictor is None:
            self.predictor = self._make(Path(model_dir) if model_dir else None)

    def _annotate_many(self, articles: list[Article]) -> list[Mapping[str, Layer]]:
        from propscope.analyzers.techniques.predictor import Item

        self.load()
        skipped = {k: why for k, a in enumerate(articles)
                   if (why := self.unread_language(a, "the technique model")) is not None}
        readable = [a for k, a in enumerate(articles) if k not in skipped]
        scored_all = iter(self.predictor.score([Item(a.text, _sentences(a), a.title) for a in readable]))
        out: list[Mapping[str, Layer]] = []
        for k, article in enumerate(articles):
            if k in skipped:
                data = {"skipped": skipped[k], "model": self.predictor.config.get("kind", "")}
                out.append({"techniques": self.layer("techniques", [], data=data, label_key="technique")})
                continue
            scored = next(scored_all)
            # the model read whole sentences; a fragment is decoded within one line of them
            if len(scored.starts):
                scored.sentence = unit_of_tokens(scored.starts, fragment_units(article.text, scored.item.sentences))
            dets = self.predictor.detections(scored)
            sent_scores = self.predictor.sentence_scores(scored)
            spans = [Span.make(article.text, s, e, t, {"score": sc}) for s, e, t, sc in dets]
            data = summarise(dets, list(scored.item.sentences), sent_scores, article.word_count)
            data["model"] = self.predictor.config.get("kind", "")
            out.append({"techniques": self.layer("techniques", spans, data=data, label_key="technique")})
        return out

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        return self._annotate_many([article])[0]

    def annotate_batch(
        self, articles: Iterable[tuple[Article, Mapping[str, Layer]]]
    ) -> list[Mapping[str, Layer] | None]:
        """Several articles through ONNX together; on a failure, fall back to one at a time."""
        items = list(articles)
        try:
            return list(self._annotate_many([a for a, _ in items]))
        except ModelError:
            raise
        except (PropscopeError, Exception):  # noqa: BLE001 - isolate the failing article below
            return super().annotate_batch(items)


class TechniqueAnalyzer(_TechniqueBase):
    """Persuasion techniques with the fine-tuned MiniLM encoder (int8 ONNX)."""

    name = "techniques"
    version = "1"
    description = "Persuasion techniques (14 PTC techniques): fine-tuned MiniLM-L6, int8 ONNX, calibrated scores."

    def _make(self, model_dir: Path | None) -> Any:
        try:
            from propscope.analyzers.techniques.model import NeuralPredictor
        except ImportError as exc:  # pragma: no cover - missing runtime dependency
            raise AnalysisError(f"the techniques analyzer needs onnxruntime, tokenizers, numpy: {exc}") from exc
        return NeuralPredictor(model_dir, threads=self.settings.get("threads"),
                               batch_size=int(self.settings.get("batch_size", 1)))


class TechniqueBaselineAnalyzer(_TechniqueBase):
    """Persuasion techniques with the hashed-feature logistic-regression baseline (numpy only)."""

    name = "techniques_baseline"
    version = "1"
    description = "Persuasion techniques, non-neural baseline (hashed features, logistic regression)."

    def _make(self, model_dir: Path | None) -> Any:
        from propscope.analyzers.techniques.baseline import BaselinePredictor

        return BaselinePredictor(model_dir)
