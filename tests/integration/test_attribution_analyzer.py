"""Entities + attribution + sources + voice with the shipped models (spaCy sm, CRF): issue 4.

The spaCy model and the CRF are pinned dependencies / shipped data, so these run in CI; the
pipeline is loaded once per session.
"""

from __future__ import annotations

import time

import pytest

from propscope.analysis import Layer
from propscope.article import Span
from propscope.pipeline import Pipeline
from propscope.readers.text import read_text


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.build(["entities", "attribution", "sources"])


def _run(pipeline: Pipeline, text: str, **kw):
    article = read_text(text, has_title_line=False, **kw)
    analysis = pipeline.run(article)
    return article, analysis


def _attrs(article, analysis):
    out = []
    for s in analysis["attributions"].spans:
        content = " | ".join(article.text[a:b] for a, b in s.attrs["content"])
        src = s.attrs["source"]
        out.append((content, article.text[src[0] : src[1]] if src else None, s.attrs["speaker"], s.label))
    return out


NEWS = (
    "PARIS, Jan 10 (Reuters) - French President Emmanuel Macron said on Tuesday that Europe must act faster "
    "on defence. \"We have waited too long,\" he told reporters.\n\n"
    "German Chancellor Angela Merkel was more cautious. \"We need to look at the costs first,\" Merkel said.\n\n"
    "The French president insisted the plan was affordable, according to the Le Monde newspaper.\n"
)


def test_attribution_finds_speakers_and_kinds(pipeline):
    article, analysis = _run(pipeline, NEWS, outlet="Example Daily")
    got = _attrs(article, analysis)
    by_content = {c: (src, spk, kind) for c, src, spk, kind in got}
    assert by_content['"We have waited too long,"'] == ("he", "Emmanuel Macron", "direct")
    assert by_content['"We need to look at the costs first,"'][1:] == ("Angela Merkel", "direct")
    assert any(spk == "Emmanuel Macron" and kind == "indirect" for _, _, spk, kind in got)
    layer = analysis["attributions"]
    assert layer.label_key == "kind"
    for s in layer.spans:
        assert set(s.attrs) == {"content", "cue", "source", "speaker", "speaker_id", "relayed_by"}
    sources = analysis["sources"].data
    assert {e["name"]: e["kind"] for e in sources["sources"]} == {
        "Example Daily": "publisher", "Reuters": "agency", "Le Monde": "cited_outlet"}
    assert {"from": "Reuters", "to": "Example Daily", "relation": "dateline"} in sources["chain"]


def test_attribution_json_round_trip(pipeline):
    from propscope.analysis import Analysis

    _, analysis = _run(pipeline, NEWS)
    back = Analysis.loads(analysis.dumps())
    assert back["attributions"].to_json() == analysis["attributions"].to_json()
    assert back["entities"].data["entities"] == analysis["entities"].to_json()["data"]["entities"]


def test_attribution_nested_relay(pipeline):
    text = "Minister Ivan Petrov underscored the need to act quickly, the Interfax news agency reported.\n"
    article, analysis = _run(pipeline, text)
    spans = analysis["attributions"].spans
    assert spans, "no attribution found"
    relayed = [s for s in spans if s.attrs["relayed_by"]]
    assert relayed, _attrs(article, analysis)
    s = relayed[0]
    assert s.attrs["speaker"] == "Ivan Petrov"
    assert "Interfax" in s.attrs["relayed_by"]
    assert "the need to act quickly" in article.text[s.start : s.end]


@pytest.mark.parametrize(
    "text",
    [
        'He said "this quote never closes and goes on.\n\nA new paragraph "with a real quote," she said.\n',
        "He said “curly quotes work,” and «guillemets too», and 'single ones'.\n",
        "“The first paragraph of a long quote.\n\n“The second paragraph,” the minister said.\n",
        "“They called it ‘a coup’ yesterday,” the spokesman said.\n",
        "Nothing here is quoted and nobody says anything.\n",
        '"\n',
        "«»“”\"\"\n",
    ],
)
def test_attribution_bad_input_does_not_break(pipeline, text):
    from propscope.evaluation.attribution import identity_article

    article = identity_article(text)  # the raw text as is: no reader cleaning in the way
    analysis = pipeline.run(article)
    for s in analysis["attributions"].spans:
        assert 0 <= s.start < s.end <= len(article.text)
        for a, b in s.attrs["content"]:
            assert 0 <= a < b <= len(article.text)
        assert s.label in ("direct", "mixed", "indirect")


def test_attribution_long_article_finishes(pipeline):
    sentence = "The council said on Monday that the budget would rise. "
    text = "\n\n".join(sentence * 10 for _ in range(200)) + "\n"  # 2,000 sentences
    t0 = time.perf_counter()
    _article, analysis = _run(pipeline, text)
    seconds = time.perf_counter() - t0
    assert len(analysis["attributions"]) >= 1000
    assert seconds < 60


def test_voice_on_a_hand_made_technique_layer(pipeline):
    from propscope.analyzers.voice import VoiceAnalyzer

    article, analysis = _run(pipeline, NEWS)
    i = article.text.index("waited too long")
    j = article.text.index("act faster")
    tech = Layer("techniques", "techniques", "1",
                 (Span(i, i + 15, "Loaded_Language", {"score": 0.5}),
                  Span(0, 5, "Flag-Waving", {"score": 0.5})), {}, "technique")
    layers = dict(analysis.layers)
    layers["techniques"] = tech
    out = VoiceAnalyzer().annotate(article, layers)["techniques"]
    assert [s.attrs["voice"] for s in out.spans] == ["outlet", "Emmanuel Macron"]
    del j


def test_attribution_the_agency_is_the_agency_the_article_names(pipeline):
    text = ("MOSCOW (TASS) - President Ivan Petrov vowed on Monday to crush the rebels. A foreign-backed coup "
            "is underway, the agency added. Defence Minister Oleg Sidorov said more troops would come, the news "
            "agency reported.\n")
    article, analysis = _run(pipeline, text)
    by_content = {article.text[s.start : s.end]: s.attrs for s in analysis["attributions"].spans}
    assert by_content["A foreign-backed coup is underway"]["speaker"] == "TASS"
    troops = by_content["more troops would come"]
    assert (troops["speaker"], troops["relayed_by"]) == ("Oleg Sidorov", "TASS")


def test_attribution_it_continues_an_unnamed_source_not_an_older_organisation(pipeline):
    text = ("ISTRAVA (Meridian) - Rights groups called for an inquiry on Monday. The interior ministry said 1,142 "
            "people had been detained. It did not say how many had been charged.\n")
    article, analysis = _run(pipeline, text)
    got = {src: spk for _, src, spk, _ in _attrs(article, analysis)}
    assert got.get("The interior ministry", "missing") == "the interior ministry"  # a body by its kind (issue 15)
    assert got.get("It", "missing") == "the interior ministry"  # the ministry again, not Meridian nor Istrava


def test_attribution_an_agency_that_quoted_someone_as_saying_relays_them(pipeline):
    text = ("VELGRAD (VTA) - Foreign Minister Petra Linde on Wednesday slammed the sanctions as \"economic "
            "terrorism\", the news agency SNA quoted her as saying. Linde said in a statement carried by state news "
            "agency Ravex that the measures would fail. \"We will survive this,\" she told reporters.\n")
    article, analysis = _run(pipeline, text)
    got = [(s.attrs["speaker"], s.attrs["relayed_by"]) for s in analysis["attributions"].spans]
    # "a statement carried by state news agency Ravex": Ravex passed it on (a relay since issue 15)
    assert got == [("Petra Linde", "SNA"), ("Petra Linde", "Ravex"), ("Petra Linde", None)]


def test_attribution_state_media_syntax_end_to_end(pipeline):
    """An invented state-outlet article with the syntax this analyzer's rules were written for."""
    text = ("DRAVENSK, March 3 (Sovna News) – Defence Minister Erik Halvorsen on Tuesday vowed to crush what he "
            "called \"a foreign-backed coup\", the Tarsk News Agency reported.\n\n"
            "Opposition leader Mira Kostel rejected the accusations. Kostel's party, the Democratic Choice "
            "Movement (DCM), said the arrests were politically motivated.\n\n"
            "According to the interior ministry, the detainees had links to foreign intelligence.\n\n"
            "Western officials, who spoke on condition of anonymity, said the measures targeted arms exports.\n")
    article, analysis = _run(pipeline, text)
    by_content = {article.text[s.start : s.end]: s.attrs for s in analysis["attributions"].spans}
    coup = next(v for k, v in by_content.items() if "foreign-backed coup" in k)
    assert (coup["speaker"], coup["relayed_by"]) == ("Erik Halvorsen", "Tarsk News Agency")
    assert article.text[slice(*coup["source"])] == "Defence Minister Erik Halvorsen"  # not "… on Tuesday"
    assert by_content["the arrests were politically motivated"]["speaker"] == "Democratic Choice Movement"
    ministry = by_content["the detainees had links to foreign intelligence"]
    assert article.text[slice(*ministry["source"])] == "the interior ministry"
    officials = by_content["the measures targeted arms exports"]
    assert article.text[slice(*officials["source"])] == "Western officials"
    places = {e["name"]: e["type"] for e in analysis["entities"].data["entities"]}
    assert places.get("Dravensk") == "GPE" and "DRAVENSK" not in places
