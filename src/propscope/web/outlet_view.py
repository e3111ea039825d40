"""What the outlet page's charts show: a profile turned into chart data and escaped SVG.

The time charts run over every week from the first dated article to the last (an empty week
is a zero); articles without a date cannot sit on a time axis, so their number is said
beside the charts instead (``undated``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from propscope.corpus.profile import Profile
from propscope.report.dates import show_date
from propscope.report.registry import get_layer_style
from propscope.web.charts import Bar, Series, bar_chart, line_chart, stacked_bars, week_axis, weekly_points

__all__ = ["OutletCharts", "outlet_charts"]

RATE_UNIT = "technique spans per 1,000 words"


@dataclass
class OutletCharts:
    weeks: list[str]  # every week of the time axis (Mondays, ISO), first to last
    trend: dict[str, list[float]]  # voice -> technique rate per week, along ``weeks``
    articles_per_week: list[int]  # along ``weeks``
    undated: int  # articles without a date: in the totals, not on the time axis
    voices: list[str]
    label_name: Callable[[str], str]
    # the charts, escaped SVG ("" when there is nothing to draw)
    mix: Markup = Markup("")
    trend_svg: Markup = Markup("")
    articles_svg: Markup = Markup("")
    speakers: Markup = Markup("")
    sources: Markup = Markup("")
    agencies: Markup = Markup("")


def outlet_charts(profile: Profile) -> OutletCharts:
    style = get_layer_style("techniques")
    voices = sorted({t.voice for t in profile.total.techniques}, key=lambda v: (v != "outlet", v))
    mix: dict[str, dict[str, float]] = {}
    for t in profile.total.techniques:
        mix.setdefault(style.label_name(t.technique), {})[t.voice] = t.per_1000_words
    rows = sorted(mix.items(), key=lambda kv: -sum(kv[1].values()))
    dated = {w.week: w for w in profile.weekly if w.week is not None}
    undated = sum(w.articles for w in profile.weekly if w.week is None)
    axis = week_axis(list(dated))
    trend = {v: weekly_points(axis, {wk: sum(t.per_1000_words for t in p.techniques if t.voice == v)
                                     for wk, p in dated.items()}) for v in voices}
    per_week = [int(x) for x in weekly_points(axis, {wk: p.articles for wk, p in dated.items()})]
    labels = [show_date(w) for w in axis]  # the pages' one date format
    return OutletCharts(
        axis, trend, per_week, undated, voices, style.label_name,
        mix=stacked_bars(rows, voices, title="Techniques per 1,000 words, by voice", unit=" per 1,000 words"),
        trend_svg=line_chart(labels, [Series(v, trend[v]) for v in voices],
                                title="Technique rate per week, by voice", unit=" per 1,000 words",
                                y_label=RATE_UNIT) if any(trend.values()) else Markup(""),
        articles_svg=line_chart(labels, [Series("articles", [float(n) for n in per_week])],
                               title="Articles per week", unit=" articles", y_label="articles per week"),
        speakers=bar_chart([Bar(r.name, r.count) for r in profile.total.speakers], title="Most quoted speakers",
                              unit=" attributions", colour="#f76707"),
        sources=bar_chart([Bar(r.name, r.count, r.kind or "") for r in profile.total.sources],
                             title="Most cited sources", unit=" citations", colour="#37b24d"),
        agencies=bar_chart([Bar(r.name, r.count) for r in profile.total.agencies], title="Dateline agencies",
                              unit=" articles", colour="#ae3ec9"),
    )
