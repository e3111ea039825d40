"""Analyzers: each annotates an Article with layers of spans.  See ``base`` for the contract."""

from propscope.analyzers.base import Analyzer, BaseAnalyzer, available_analyzers, get_analyzer_class

__all__ = ["Analyzer", "BaseAnalyzer", "available_analyzers", "get_analyzer_class"]
