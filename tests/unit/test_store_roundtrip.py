"""Hypothesis: any article and any layers read back exactly from every store."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Dateline, Span
from propscope.store import Store

# PostgreSQL text cannot hold NUL; readers never produce it (binary input is refused).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=120)
SHORT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.floats(allow_nan=False, allow_infinity=False) | SHORT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SHORT, inner, max_size=3), max_leaves=6)
ATTRS = st.dictionaries(SHORT.filter(lambda k: k not in ("start", "end", "label", "technique")), JSON_VALUE,
                        max_size=3)
_nonce = itertools.count()


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(TEXT) + f"\n#{next(_nonce):012d}"  # unique, and always the same length
    n = len(text)

    def spans(label_strategy: Any, attrs: Any) -> tuple[Span, ...]:
        out = []
        for _ in range(draw(st.integers(0, 4))):
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, n))
            out.append(Span(a, b, draw(label_strategy), draw(attrs)))
        return tuple(out)

    tech_attrs = st.fixed_dictionaries({"score": st.floats(0, 1), "voice": st.sampled_from(["outlet", "quoted"])})
    layers = {
        "techniques": Layer("techniques", "techniques", draw(st.sampled_from(["1", "2.0"])),
                            spans(st.sampled_from(["Doubt", "Name_Calling"]), tech_attrs), label_key="technique"),
        "free": Layer("free", "other", "7", spans(SHORT, ATTRS), data=draw(st.dictionaries(SHORT, JSON_VALUE,
                                                                                           max_size=3))),
    }
    infos = (AnalyzerInfo("techniques", layers["techniques"].version),) + (
        (AnalyzerInfo("other", "7"),) if draw(st.booleans()) else ())
    published = draw(st.none() | st.datetimes().map(lambda d: d.isoformat()) | SHORT)
    article = Article(
        text=text, title=draw(st.none() | SHORT), outlet=draw(st.none() | SHORT), url=draw(st.none() | SHORT),
        published=published, language=draw(st.none() | st.sampled_from(["en", "ru", "uk"])),
        authors=tuple(draw(st.lists(SHORT, max_size=2))),
        dateline=draw(st.none() | st.builds(Dateline, st.none() | SHORT, st.none() | SHORT, st.none() | SHORT)),
        paragraphs=(Span(0, n),), sentences=(Span(0, n),), source=draw(st.none() | SHORT),
        raw=draw(st.none() | st.just(text + "  raw tail")), metadata=draw(st.dictionaries(SHORT, JSON_VALUE,
                                                                                          max_size=3)),
    )
    return Analysis(article, layers, infos)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(analysis=analyses())
def test_store_round_trip_is_lossless(store: Store, analysis: Analysis) -> None:
    assert store.put(analysis).status == "inserted"
    got = store.get(analysis.article.id)
    assert got is not None
    assert got.to_json() == analysis.to_json()
    assert got == analysis
    assert store.put(analysis).status == "unchanged"
