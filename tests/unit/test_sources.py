"""Publisher, dateline agency and cited outlets (no model; issue 4)."""

from __future__ import annotations

import re

from propscope.analysis import Layer
from propscope.analyzers.sources import SourcesAnalyzer, find_sources
from propscope.article import Span
from propscope.readers.text import read_text


def _orgs(text: str, *names: str) -> Layer:
    spans = [Span(m.start(), m.end(), "ORG", {"entity": n.lower(), "source": "ner"})
             for n in names for m in re.finditer(re.escape(n), text)]
    return Layer("entities", "entities", "1", tuple(spans), {"entities": []})


def _article(text: str, outlet: str | None = "Daily Example"):
    return read_text(text, has_title_line=False, outlet=outlet)


def test_sources_dateline_agency_and_publisher_chain():
    a = _article("MOSCOW, Jan 10 (Reuters) - Russia said on Monday it would respond to the sanctions.\n")
    spans, data = find_sources(a, _orgs(a.text, "Reuters"))
    assert [(a.text[s.start : s.end], s.attrs["kind"], s.attrs["relation"]) for s in spans] == [
        ("Reuters", "agency", "dateline")]
    assert data["chain"] == [{"from": "Reuters", "to": "Daily Example", "relation": "dateline"}]
    kinds = {e["name"]: e["kind"] for e in data["sources"]}
    assert kinds == {"Daily Example": "publisher", "Reuters": "agency"}


def test_sources_cited_outlets_by_relation():
    text = ("The minister resigned, according to the Kyiv Post. Citing TASS, the paper said troops moved. "
            "The Washington Herald reported that talks failed. The governor told CNN the vote was fair. "
            "According to officials, nothing changed.\n")
    a = _article(text)
    spans, data = find_sources(a, _orgs(text, "Kyiv Post", "TASS", "The Washington Herald", "CNN"))
    found = {(s.attrs["name"], s.attrs["relation"]) for s in spans}
    assert ("Kyiv Post", "according_to") in found
    assert ("TASS", "citing") in found
    assert ("Washington Herald", "reported") in found
    assert ("CNN", "told") in found
    assert not any(name == "officials" for name, _ in found)  # not an outlet
    kinds = {e["name"]: e["kind"] for e in data["sources"]}
    assert kinds["TASS"] == "agency" and kinds["Kyiv Post"] == "cited_outlet"


def test_sources_news_agency_said():
    text = "The Interfax news agency said on Friday that the plant was closed.\n"
    a = _article(text, outlet=None)
    spans, data = find_sources(a, _orgs(text, "Interfax"))
    assert [(s.attrs["name"], s.attrs["relation"], s.attrs["kind"]) for s in spans] == [
        ("Interfax", "said", "agency")]
    assert data["chain"] == [] and data["publisher"] is None


def test_sources_analyzer_layer_and_no_sources():
    a = _article("Nothing is cited here at all.\n", outlet=None)
    out = SourcesAnalyzer().annotate(a, {"entities": _orgs(a.text)})
    assert len(out["sources"]) == 0 and out["sources"].data["sources"] == []


def test_sources_agencies_of_an_entities_layer():
    from propscope.analyzers.sources import agencies_of

    text = "TASS said so. The Environmental Protection Agency agreed. The Norvik news agency and the Daily Mirror did not."
    table = [{"id": f"org:{n.lower()}", "name": n, "type": "ORG"}
             for n in ("TASS", "Environmental Protection Agency", "Norvik", "Daily Mirror", "Interfax")]
    table.append({"id": "person:x", "name": "Agency Smith", "type": "PERSON"})
    i = text.index("Norvik")
    mentions = [Span(i, i + 6, "ORG", {"entity": "org:norvik"})]
    got = agencies_of(text, mentions, table, dateline_agency=None)
    assert got == {"org:tass": True, "org:environmental protection agency": False, "org:norvik": True,
                   "org:interfax": True}
    table.append({"id": "org:ukrinform", "name": "Ukrinform", "type": "ORG"})
    assert agencies_of(text, [], table, dateline_agency="Ukrinform")["org:ukrinform"] is True


def test_sources_an_outlet_named_after_its_kind():
    text = ("Kremnev said in an interview with the newspaper Vechernyaya Gazeta that talks failed. Linde said in a "
            "statement carried by state news agency Ravex that prices would rise. He told the ministry nothing.\n")
    a = _article(text, outlet=None)
    spans, data = find_sources(a, _orgs(text, "Vechernyaya Gazeta", "Ravex"))
    assert [(s.attrs["name"], s.attrs["relation"], s.attrs["kind"]) for s in spans] == [
        ("Vechernyaya Gazeta", "interview", "cited_outlet"), ("Ravex", "reported", "agency")]
