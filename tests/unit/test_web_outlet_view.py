"""The data the outlet page's charts and the report's table get (issue 16 §5)."""

from __future__ import annotations

from markupsafe import Markup
from test_corpus_profile import build

from propscope.analysis import Analysis, Layer
from propscope.article import Article, Span
from propscope.corpus.profile import build_profile
from propscope.report.dates import show_date
from propscope.report.table import report_table
from propscope.store import open_store
from propscope.web.charts import Series, line_chart, week_axis
from propscope.web.outlet_view import outlet_charts


def test_outlet_view_time_axis_has_every_week_and_counts_undated() -> None:
    store = open_store("memory://")
    store.put_many([build(1000, "2026-03-02", [("Doubt", "outlet")], n=1),
                    build(1000, "2026-03-24", [("Doubt", "outlet"), ("Doubt", "outlet")], n=2),
                    build(500, "sometime", [("Doubt", "outlet")], n=3)])  # no readable date
    charts = outlet_charts(build_profile(store, "Pravda Daily"))
    assert charts.weeks == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"]
    assert charts.articles_per_week == [1, 0, 0, 1]
    assert charts.trend == {"outlet": [1.0, 0.0, 0.0, 2.0]}
    assert charts.undated == 1
    assert "technique spans per 1,000 words" in charts.trend_svg
    assert "23 Mar 2026" in charts.articles_svg  # the last week is labelled, in the pages' date format


def test_outlet_view_chart_has_no_fixed_size_and_escapes_names() -> None:
    svg = line_chart(["a", "<b>"], [Series("<i>x</i>", [1, 2])],
                     title="t", y_label="<u>")
    assert isinstance(svg, Markup)
    assert 'width="' not in svg.split(">", 1)[0]  # the stylesheet sizes it to its card
    assert "<b>" not in svg and "<i>" not in svg and "<u>" not in svg and "&lt;b&gt;" in svg
    assert 'text-anchor="end">&lt;b&gt;' in svg  # the last x label ends inside the chart


def test_outlet_view_week_axis_of_nothing_is_empty() -> None:
    assert week_axis([]) == []
    assert week_axis(["2026-03-02"]) == ["2026-03-02"]


def test_report_dates_one_format() -> None:
    assert show_date("2026-03-02") == show_date("02 March 2026") == "2 Mar 2026"
    assert show_date("Mon, 02 Mar 2026 10:30:00 +0000") == "2 Mar 2026, 10:30 UTC"
    assert show_date(None) == "undated"
    assert show_date("soon") == "soon"


def _analysis(text: str, speakers: list[str], voices: list[str], published: str | None) -> Analysis:
    tech = tuple(Span(0, 1, "Doubt", {"score": 0.9, "voice": v}) for v in voices)
    attr = tuple(Span(0, 1, "direct", {"speaker": s}) for s in speakers)
    return Analysis(Article(text=text, published=published, outlet="O"),
                    {"techniques": Layer("techniques", "t", "1", tech, label_key="technique"),
                     "attributions": Layer("attributions", "a", "1", attr)})


def test_report_table_rates_voice_share_and_one_name_per_speaker() -> None:
    analyses = [_analysis("one two three four", ["Trump", "Trump", "AP"], ["outlet", "outlet", "Trump", "outlet"],
                          "2026-01-05"),
                _analysis("five six", ["Donald Trump", "Associated Press"], [], None)]
    table = report_table(analyses, ["A", "B"])
    a, b = table.rows
    assert (a.techniques, a.rate, a.outlet_share, a.published, a.published_sort) == (4, 1000.0, 0.75, "5 Jan 2026",
                                                                                     "2026-01-05")
    assert a.speakers == [("Donald Trump", 2), ("Associated Press", 1)]
    assert (b.techniques, b.outlet_share, b.published, b.published_sort) == (0, None, "undated", "")
    assert table.speakers == [("Donald Trump", 3), ("Associated Press", 2)]


def _y_ticks(svg: str) -> list[str]:
    import re

    return re.findall(r'<text x="\d+" y="[\d.]+" text-anchor="end">([^<]*)</text>', svg)


def test_outlet_view_counts_get_whole_number_ticks() -> None:
    """Articles per week with at most one a week: ticks 0 and 1, never "0.5" (issue 16 gap 5)."""
    articles = line_chart(["2026-01-05", "2026-01-12", "2026-01-19"], [Series("articles", [1.0, 0.0, 1.0])],
                          title="Articles per week")
    assert _y_ticks(articles) == ["0", "1"]
    three = line_chart(["w1", "w2"], [Series("articles", [3.0, 1.0])], title="Articles per week")
    assert _y_ticks(three) == ["0", "5"]
    many = line_chart(["w1", "w2"], [Series("articles", [7.0, 1.0])], title="Articles per week")
    assert _y_ticks(many) == ["0", "5", "10"]
    rates = line_chart(["w1", "w2"], [Series("rate", [0.4, 1.0])], title="Techniques per 1,000 words")
    assert _y_ticks(rates) == ["0", "0.5", "1"]  # rates are no counts: the half tick stays
