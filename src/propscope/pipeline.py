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

__all__ = ["DEFAULT_ANALYZERS", "Pipeline", "PipelineResult"]

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
                raise _with_context(exc, analyzer.name, article)
            except Exception as exc:
                raise _as_analysis_error(exc, analyzer.name, article) from exc
            unexpected = set(produced) - set(analyzer.produces)
            if unexpected:
                raise AnalysisError(f"analyzer {analyzer.name!r} produced undeclared layers {sorted(unexpected)}",
                                    analyzer=analyzer.name)
            layers.update(produced)
        return Analysis(article, layers, self.infos)

    def run_batch(self, articles: Sequence[Article]) -> list[PipelineResult]:
        """Annotate several articles analyzer by analyzer, each through its batched form
        (``annotate_batch``: one ``nlp.pipe`` and one set of ONNX batches for all of them).

        The layers are those :meth:`run` gives one article at a time (up to the last bits of
        a float, which batching across articles can move); an article whose analyzer fails
        drops out with that error and the others go on.
        """
        self.load()
        layers: list[dict[str, Layer]] = [{} for _ in articles]
        errors: dict[int, PropscopeError] = {}
        for analyzer in self.analyzers:
            alive = [k for k in range(len(articles)) if k not in errors]
            if not alive:
                break
            failed: dict[int, PropscopeError] = {}
            by_id = {id(articles[k]): k for k in alive}

            def record(article: Article, error: PropscopeError, failed: dict[int, PropscopeError] = failed,
                       by_id: dict[int, int] = by_id) -> None:
                failed[by_id[id(article)]] = error

            previous, analyzer.error_handler = analyzer.error_handler, record
            try:
                produced_all = analyzer.annotate_batch([(articles[k], layers[k]) for k in alive])
            except Exception:  # noqa: BLE001 - the batch form itself broke: one article at a time
                produced_all = []
                failed.clear()
                for k in alive:
                    try:
                        produced_all.append(analyzer.annotate(articles[k], layers[k]))
                    except Exception as exc:  # noqa: BLE001 - recorded below as the article's error
                        produced_all.append(None)
                        failed[k] = _as_analysis_error(exc, analyzer.name, articles[k])
            finally:
                analyzer.error_handler = previous
            for k, produced in zip(alive, produced_all, strict=True):
                if k in failed or produced is None:
                    errors[k] = _with_context(failed.get(k) or AnalysisError(
                        f"analyzer {analyzer.name!r} gave no result", analyzer=analyzer.name), analyzer.name,
                        articles[k])
                    continue
                unexpected = set(produced) - set(analyzer.produces)
                if unexpected:
                    errors[k] = AnalysisError(f"analyzer {analyzer.name!r} produced undeclared layers "
                                              f"{sorted(unexpected)}", analyzer=analyzer.name)
                    continue
                layers[k].update(produced)
        out = []
        for k, article in enumerate(articles):
            source = article.source or article.id
            if k in errors:
                out.append(PipelineResult(source, error=errors[k]))
            else:
                out.append(PipelineResult(source, analysis=Analysis(article, layers[k], self.infos)))
        return out

    def run_many(self, articles: Iterable[Article]) -> Iterator[PipelineResult]:
        """Annotate each article; one failure is reported and the rest go on."""
        for article in articles:
            source = article.source or article.id
            try:
                yield PipelineResult(source, analysis=self.run(article))
            except PropscopeError as exc:
                yield PipelineResult(source, error=exc)


def _as_analysis_error(exc: BaseException, analyzer: str, article: Article) -> PropscopeError:
    if isinstance(exc, PropscopeError):
        return exc
    return AnalysisError(f"analyzer {analyzer!r} failed: {type(exc).__name__}: {exc}", analyzer=analyzer,
                         article_id=article.id, source=article.source)


def _with_context(error: PropscopeError, analyzer: str, article: Article) -> PropscopeError:
    error.analyzer = error.analyzer or analyzer
    error.article_id = error.article_id or article.id
    error.source = error.source or article.source
    return error
