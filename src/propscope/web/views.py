"""What the pages show of an analysis: the HTML report's own view model, reused.

:func:`article_page` builds :func:`propscope.report.view.build_report` for one analysis, so
the web page and the HTML report cut the text, colour the labels, flag the voices, fill the
hover card and build the "who said what" panel the same way.  The only thing made here is
nothing: the label colours come from the report's ``label_css``, served inline and allowed by its
sha256 in the page's Content-Security-Policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from propscope.analysis import Analysis
from propscope.report.html import json_for_script, label_css, layer_toggles
from propscope.report.view import ArticleView, build_report

__all__ = ["ArticlePage", "article_page"]

@dataclass
class ArticlePage:
    article: ArticleView
    css: str
    card_json: Markup
    analysis: Analysis
    toggles: list[tuple[str, str]]  # (layer, title) of each highlighted layer: a show/hide switch
    has_scores: bool  # whether the score threshold applies to any highlighted span


def article_page(analysis: Analysis) -> ArticlePage:
    report = build_report([analysis])
    return ArticlePage(report.articles[0], label_css(report), json_for_script(report.card_data()), analysis,
                       layer_toggles(report), any(s.score is not None and s.in_text for s in report.spans.values()))
