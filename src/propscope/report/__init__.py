"""Reports over analyses: one self-contained HTML page, or Markdown.

``render_html(analyses)`` and ``render_markdown(analyses)`` take a list of
:class:`~propscope.analysis.Analysis`.  How each layer is shown is pluggable: see
:mod:`propscope.report.registry` (``register_layer_style``, ``LayerStyle``, ``Panel``).
"""

from __future__ import annotations

from propscope.report.html import render_html
from propscope.report.markdown import render_markdown
from propscope.report.registry import (
    DEFAULT_STYLE,
    LayerStyle,
    Panel,
    PanelGroup,
    PanelItem,
    get_layer_style,
    register_layer_style,
)

__all__ = [
    "DEFAULT_STYLE",
    "LayerStyle",
    "Panel",
    "PanelGroup",
    "PanelItem",
    "get_layer_style",
    "register_layer_style",
    "render_html",
    "render_markdown",
]
