"""A Pipeline: analyzers built from names, checked, loaded once, run over articles.

``Pipeline.build(["techniques", "attribution"])`` resolves each name in the registry,
orders nothing implicitly and refuses to build when an analyzer requires a layer that no
earlier analyzer produces.  Models are loaded once per pipeline (so once per process or
Dask worker), never per article.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.analyzers.base import BaseAnalyzer, get_analyzer_class
from propscope.article import Article
from propscope.errors import AnalysisError, PipelineError, PropscopeError

__all__ = ["DEFAULT_ANALYZERS", "Pipeline", "PipelineResult", "run_read_results"]

#: What ``propscope analyze`` runs when no ``--analyzers`` are given: persuasion techniques,
#: who said what (entities, attribution), sources, and the voice of every technique span.
DEFAULT_ANALYZERS: tuple[str, ...] = ("techniques", "entities", "attribution", "sources", "voice")


@dataclass(frozen=True)
class PipelineResult:
    """One input's outcome: an analysis, or the error that stopped it."""

    source: str
    analysis: Analysis | None = None
    error: PropscopeError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Pipeline:
    def __init__(self, analyzers: Sequence[BaseAnalyzer]):
        self.analyzers = list(analyzers)
        self._check()
        self._loaded = False

    @classmethod
    def build(
        cls,
        names: Iterable[str] = DEFAULT_ANALYZERS,
        *,
        settings: Mapping[str, Mapping[str, Any]] | None = None,
        model_dirs: Mapping[str, Path] | None = None,
        load: bool = True,
    ) -> Pipeline:
        settings = settings or {}
        analyzers = []
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise PipelineError(f"analyzer {name!r} is listed twice", code="pipeline.duplicate")
            seen.add(name)
            klass = get_analyzer_class(name)
            analyzers.append(klass(**dict(settings.get(name, {}))))
        pipe = cls(analyzers)
        if load:
            pipe.load(model_dirs or {})
        return pipe

    def _check(self) -> None:
        produced: set[str] = set()
        for analyzer in self.analyzers:
            missing = [r for r in analyzer.requires if r not in produced]
            if missing:
                providers = ", ".join(missing)
                raise PipelineError(
                    f"analyzer {analyzer.name!r} requires {providers}, which no earlier analyzer in "
                    f"[{', '.join(a.name for a in self.analyzers)}] produces",
                    analyzer=analyzer.name,
                    code="pipeline.missing_requirement",
                )
            produced.update(analyzer.produces)

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    @property
    def infos(self) -> tuple[AnalyzerInfo, ...]:
        return tuple(AnalyzerInfo(a.name, a.version) for a in self.analyzers)

    def load(self, model_dirs: Mapping[str, Path] | None = None) -> Pipeline:
        if not self._loaded:
            for analyzer in self.analyzers:
                analyzer.load((model_dirs or {}).get(analyzer.name))
            self._loaded = True
        return self

    def run(self, article: Article, *, deadline: float | None = None) -> Analysis:
        """Annotate one article with every analyzer; raises the first error.

        ``deadline`` (a :func:`time.monotonic` time): once it has passed, the run stops before
        the next analyzer with an ``analysis.timeout`` error.  An analyzer already running is
        not interrupted; callers that need a bound on one analyzer bound its input.
        """
        self.load()
        layers: dict[str, Layer] = {}
        for analyzer in self.analyzers:
            if deadline is not None and time.monotonic() >= deadline:
                raise AnalysisError(f"the analysis ran out of time before analyzer {analyzer.name!r}",
                                    analyzer=analyzer.name, article_id=article.id, source=article.source,
                                    code="analysis.timeout")
            try:
                produced = analyzer.annotate(article, layers)
            except PropscopeError as exc:
                exc.analyzer = exc.analyzer or analyzer.name
                exc.article_id = exc.article_id or article.id
                exc.source = exc.source or article.source
                raise
            except Exception as exc:
                raise AnalysisError(
                    f"analyzer {analyzer.name!r} failed: {type(exc).__name__}: {exc}",
                    analyzer=analyzer.name, article_id=article.id, source=article.source,
                ) from exc
            unexpected = set(produced) - set(analyzer.produces)
            if unexpected:
                raise AnalysisError(f"analyzer {analyzer.name!r} produced undeclared layers {sorted(unexpected)}",
                                    analyzer=analyzer.name)
            layers.update(produced)
        return Analysis(article, layers, self.infos)

    def run_many(self, articles: Iterable[Article]) -> Iterator[PipelineResult]:
        """Annotate each article; one failure is reported and the rest go on."""
        for article in articles:
            source = article.source or article.id
            try:
                yield PipelineResult(source, analysis=self.run(article))
            except PropscopeError as exc:
                yield PipelineResult(source, error=exc)


def run_read_results(pipeline: Pipeline, results: Iterable[Any]) -> Iterator[PipelineResult]:
    """Run ``pipeline`` over reader results (``ReadResult``); a read error and an analysis
    error both make a failed item, and the rest goes on."""
    from propscope.errors import InputError

    for item in results:
        if item.error is not None or item.article is None:
            error = item.error or InputError("the reader produced no article", source=item.source)
            error.source = error.source or item.source
            yield PipelineResult(item.source, error=error)
            continue
        try:
            yield PipelineResult(item.source, analysis=pipeline.run(item.article))
        except PropscopeError as exc:
            exc.source = exc.source or item.source
            yield PipelineResult(item.source, error=exc)
