"""The report's opening table: one row per article, the figures to sort a batch by.

For each article: its outlet and date, words, technique spans and their rate per 1,000
words, the share of those spans in the outlet's own voice (the ``voice`` attribute;
``None`` when no voice was assigned), and the speakers it quotes most.  Speakers across the
report are one row per person or agency (:func:`propscope.corpus.names.canonical_names`),
so "Trump" in one article and "Donald Trump" in another are one speaker everywhere.

Plain records, no markup: the template escapes every string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from propscope.analysis import Analysis
from propscope.corpus.names import canonical_names, merge_names
from propscope.dates import normalize_date
from propscope.report.dates import show_date

__all__ = ["ArticleRow", "ReportTable", "report_table"]

TOP_SPEAKERS = 3


@dataclass
class ArticleRow:
    anchor: str  # the article's id in the page (#a0 …)
    heading: str
    outlet: str
    published: str  # shown ("5 Jan 2026"), "undated" when none
    published_sort: str  # ISO, "" when undated: what the column sorts by
    words: int
    techniques: int | None  # technique spans; None: no techniques layer
    rate: float | None  # per 1,000 words
    outlet_share: float | None  # share of technique spans in the outlet's own voice, 0..1
    attributions: int | None
    speakers: list[tuple[str, int]]  # top speakers, most quoted first
    more_speakers: int  # how many more speakers the row does not list


@dataclass
class ReportTable:
    rows: list[ArticleRow] = field(default_factory=list)
    speakers: list[tuple[str, int]] = field(default_factory=list)  # across the report, one row each
    has_voice: bool = False  # whether any technique span carries a voice (else the share column is empty)


def _speakers(analysis: Analysis) -> Counter[str]:
    layer = analysis.layers.get("attributions")
    counts: Counter[str] = Counter()
    if layer is None:
        return counts
    for span in layer.spans:
        name = span.attrs.get("speaker")
        if isinstance(name, str) and name.strip():
            counts[" ".join(name.split())] += 1
    return counts


def report_table(analyses: Sequence[Analysis], headings: Sequence[str]) -> ReportTable:
    """The rows of ``analyses`` (``headings``: each article's heading as the report shows it)."""
    per_article = [_speakers(a) for a in analyses]
    canonical = canonical_names(name for counts in per_article for name in counts)
    table = ReportTable()
    total: list[tuple[str, int]] = []
    for index, (analysis, heading, counts) in enumerate(zip(analyses, headings, per_article, strict=True)):
        article = analysis.article
        merged = merge_names((canonical.get(n, n), c) for n, c in counts.items())
        total += merged
        tech = analysis.layers.get("techniques")
        n_tech = len(tech.spans) if tech is not None else None
        voiced = [s.attrs.get("voice") for s in tech.spans if s.attrs.get("voice")] if tech is not None else []
        table.has_voice = table.has_voice or bool(voiced)
        words = article.word_count
        at, _, _ = normalize_date(article.published, article.language)
        attr = analysis.layers.get("attributions")
        table.rows.append(ArticleRow(
            anchor=f"a{index}", heading=heading, outlet=article.outlet or "",
            published=show_date(article.published, article.language), published_sort=at or "",
            words=words, techniques=n_tech,
            rate=round(1000.0 * n_tech / words, 1) if n_tech is not None and words else None,
            outlet_share=(sum(v == "outlet" for v in voiced) / len(voiced)) if voiced else None,
            attributions=len(attr.spans) if attr is not None else None,
            speakers=merged[:TOP_SPEAKERS], more_speakers=max(0, len(merged) - TOP_SPEAKERS),
        ))
    table.speakers = merge_names(total)
    return table
