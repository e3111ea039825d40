"""The Python API: read and analyze.  The CLI, HTTP API and web pages call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from propscope.analysis import Analysis
from propscope.article import Article
from propscope.pipeline import DEFAULT_ANALYZERS, Pipeline

__all__ = ["analyze", "read"]

_pipelines: dict[tuple[str, ...], Pipeline] = {}


def _pipeline(names: Iterable[str]) -> Pipeline:
    key = tuple(names)
    pipe = _pipelines.get(key)
    if pipe is None:
        pipe = _pipelines[key] = Pipeline.build(key)
    return pipe


def read(text_or_html: str, **options: Any) -> Article:
    """An Article from a string of scraped text or HTML (detected by content)."""
    from propscope.readers import read_string

    return read_string(text_or_html, **options)


def analyze(
    text_or_html: str | Article,
    *,
    analyzers: Iterable[str] = DEFAULT_ANALYZERS,
    pipeline: Pipeline | None = None,
    **options: Any,
) -> Analysis:
    """Analyze one article given as text, HTML or an :class:`Article`.

    ``options`` go to the reader: ``title``, ``outlet``, ``url``, ``published``,
    ``language``, ``format`` ("text" or "html").  Scraped text's first line is taken as the
    title only when no ``title`` is given (``has_title_line=True`` forces it).
    """
    article = text_or_html if isinstance(text_or_html, Article) else read(text_or_html, **options)
    return (pipeline or _pipeline(analyzers)).run(article)
