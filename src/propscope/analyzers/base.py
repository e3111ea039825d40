"""The analyzer contract and the one registry that built-ins and plugins share.

An analyzer has a versioned name, declares the layers it ``requires`` and ``produces``,
is cheap to construct (settings only) and loads its model in a separate ``load`` step.
``annotate`` takes an article and the layers produced so far and returns new layers.

Built-in analyzers are listed in :data:`BUILTIN_ANALYZERS` as ``module:attribute`` and go
through the same code path as plugins found in the ``propscope.analyzers`` entry-point
group; modules are imported only when an analyzer is asked for, so listing analyzers never
loads onnxruntime or spaCy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from propscope.analysis import Layer
from propscope.article import Article
from propscope.errors import AnalysisError, PipelineError, PropscopeError

__all__ = [
    "BUILTIN_ANALYZERS",
    "Analyzer",
    "BaseAnalyzer",
    "ErrorHandler",
    "available_analyzers",
    "get_analyzer_class",
    "register_analyzer",
]

#: name -> "module:attribute"; the same path as an entry point.
BUILTIN_ANALYZERS: dict[str, str] = {
    "quotes": "propscope.analyzers.quotes:QuoteMarks",
    "entities": "propscope.analyzers.entities:EntityAnalyzer",
    "attribution": "propscope.analyzers.attribution:AttributionAnalyzer",
    "sources": "propscope.analyzers.sources:SourcesAnalyzer",
    "voice": "propscope.analyzers.voice:VoiceAnalyzer",
    "techniques": "propscope.analyzers.techniques:TechniqueAnalyzer",
    "techniques_baseline": "propscope.analyzers.techniques:TechniqueBaselineAnalyzer",
    "narratives": "propscope.analyzers.narratives:NarrativesAnalyzer",
}

ENTRY_POINT_GROUP = "propscope.analyzers"

#: Names for the language codes an analyzer's "not read" message is likely to show.
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "de": "German", "fr": "French",
                  "es": "Spanish", "zh": "Chinese", "ar": "Arabic", "fa": "Persian", "tr": "Turkish"}


@runtime_checkable
class Analyzer(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    produces: ClassVar[tuple[str, ...]]

    def load(self, model_dir: Path | None = None) -> None: ...

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]: ...


ErrorHandler = Callable[[Article, PropscopeError], None]


def _raise(article: Article, error: PropscopeError) -> None:
    raise error


class BaseAnalyzer:
    """Convenience base: settings in ``__init__``, no-op ``load``, looping ``annotate_batch``."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    def __init__(self, **settings: Any) -> None:
        self.settings = settings
        self.error_handler: ErrorHandler = _raise

    def load(self, model_dir: Path | None = None) -> None:  # noqa: B027 - optional hook
        """Open models and other heavy state; the default has none."""

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        raise NotImplementedError

    def annotate_batch(
        self, articles: Iterable[tuple[Article, Mapping[str, Layer]]]
    ) -> list[Mapping[str, Layer] | None]:
        """Annotate many; a failure goes to ``error_handler`` and yields ``None`` for that item."""
        out: list[Mapping[str, Layer] | None] = []
        for article, layers in articles:
            try:
                out.append(self.annotate(article, layers))
            except PropscopeError as exc:
                self.error_handler(article, exc)
                out.append(None)
            except Exception as exc:  # an analyzer bug must not lose the batch
                err = AnalysisError(f"{type(exc).__name__}: {exc}", analyzer=self.name, article_id=article.id)
                self.error_handler(article, err)
                out.append(None)
        return out

    def layer(self, name: str, spans: Iterable[Any] = (), data: Mapping[str, Any] | None = None,
              label_key: str = "label") -> Layer:
        return Layer(name, self.name, self.version, tuple(spans), data or {}, label_key)

    def unread_language(self, article: Article, what: str = "this model") -> str | None:
        """Why ``what`` (a model that learned English only) cannot read ``article``, or None.

        Setting ``languages`` (default ``["en"]``; ``["*"]``: any) lists what it reads; an
        article whose language could not be told is read.
        """
        languages = [str(x).lower() for x in self.settings.get("languages") or ["en"]]
        lang = (article.language or "").lower()
        if not lang or lang in languages or "*" in languages:
            return None
        names = ", ".join(LANGUAGE_NAMES.get(x, x) for x in languages)
        return f"{what} reads {names} only; this article's language is {LANGUAGE_NAMES.get(lang, lang)}"


_registry: dict[str, str | type] = {}
_loaded = False


def register_analyzer(name: str, target: str | type) -> None:
    """Register an analyzer class, or a lazy ``module:attribute`` path to one."""
    _registry[name] = target


def _load_registry() -> None:
    global _loaded
    if _loaded:
        return
    for name, target in BUILTIN_ANALYZERS.items():
        register_analyzer(name, target)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in BUILTIN_ANALYZERS:
            register_analyzer(ep.name, ep.value)
    _loaded = True


def available_analyzers() -> list[str]:
    _load_registry()
    return sorted(_registry)


def get_analyzer_class(name: str) -> type:
    _load_registry()
    target = _registry.get(name)
    if target is None:
        from propscope.suggest import did_you_mean

        known = available_analyzers()
        guess = did_you_mean(name, known)
        raise PipelineError(f"no analyzer {name!r}; {guess + ' ' if guess else ''}available: {', '.join(known)}",
                            code="pipeline.unknown_analyzer")
    if isinstance(target, str):
        module_name, _, attr = target.partition(":")
        try:
            target = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise PipelineError(f"analyzer {name!r} cannot be imported from {target}: {exc}",
                                code="pipeline.import") from exc
        _registry[name] = target
    assert isinstance(target, type)
    return target
