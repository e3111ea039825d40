"""propscope: analyse news for information manipulation.

The public API is what ``__all__`` lists; everything else is internal.
"""

from propscope.analysis import Analysis, Layer
from propscope.api import analyze, read
from propscope.article import Article, OffsetMap, Span
from propscope.errors import PropscopeError
from propscope.pipeline import Pipeline
from propscope.store import open_store
from propscope.version import __version__

__all__ = [
    "Analysis",
    "Article",
    "Layer",
    "OffsetMap",
    "Pipeline",
    "PropscopeError",
    "Span",
    "__version__",
    "analyze",
    "open_store",
    "read",
]
