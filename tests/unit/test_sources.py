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


def test_sources_read_the_one_registry_for_kind_and_facts():
    """Issue 15 §2: outlets and agencies come from the registry, not a list of the sources analyzer's own."""
    text = ("BelTA quoted the minister as saying the border was closed. Sputnik reported the same. "
            "The Meridian Gazette cited Xinhua.\n")
    a = _article(text, outlet="The Telegraph")
    spans, data = find_sources(a, _orgs(text, "BelTA", "Sputnik", "Xinhua", "The Meridian Gazette"))
    by_name = {e["name"]: e for e in data["sources"]}
    # agencies whose names do not say "agency" are agencies because the registry says so
    assert by_name["BelTA"]["kind"] == "agency" and by_name["Xinhua"]["kind"] == "agency"
    assert by_name["Sputnik"]["state_affiliated"] is True and by_name["Sputnik"]["country"] == "RU"
    assert by_name["Sputnik"]["affiliation_source"].startswith("https://")
    # the publisher is matched to its registry entry too; an unknown outlet carries no facts
    assert by_name["The Telegraph"]["registry_name"] == "The Daily Telegraph"
    assert by_name["The Telegraph"]["state_affiliated"] is False
    meridian = [e for e in data["sources"] if "Meridian" in e["name"]]
    assert meridian and all("state_affiliated" not in e for e in meridian)


def test_sources_agencies_of_uses_the_registry():
    from propscope.analyzers.sources import agencies_of

    text = "Anadolu said the talks ended, and Reuters confirmed it."
    spans = [Span(m.start(), m.end(), "ORG", {"entity": f"org:{m.group().lower()}"}) for m in re.finditer(r"Anadolu|Reuters", text)]
    table = [{"id": "org:anadolu", "name": "Anadolu", "type": "ORG", "aliases": []},
             {"id": "org:reuters", "name": "Reuters", "type": "ORG", "aliases": []}]
    assert agencies_of(text, spans, table, None) == {"org:anadolu": True, "org:reuters": True}


def _layer(text: str, table: list[dict], **labels: str) -> Layer:
    """An entities layer: each ``name=label`` mention (underscores for spaces) at every occurrence."""
    spans = []
    for key, label in labels.items():
        name = key.replace("_", " ")
        eid = f"{label.lower()}:{name.lower()}"
        spans += [Span(m.start(), m.end(), label, {"entity": eid, "source": "ner"})
                  for m in re.finditer(re.escape(name), text)]
    return Layer("entities", "entities", "1", tuple(spans), {"entities": table})


def test_sources_bodies_people_and_bare_acronyms_are_not_outlets():
    text = ("The Federal Bureau of Inquiry reported two arrests. The FBI reported more later. "
            "Mayor Jane Roe wrote that the city was calm. A report from the Northland Health Organization "
            "said cases rose. Officials said the Federal Relief Agency reported delays. "
            "The Harbour Gazette reported that the port closed.\n")
    table = [{"id": "org:fbi", "name": "FBI", "type": "ORG", "aliases": []},
             {"id": "person:jane roe", "name": "Jane Roe", "type": "PERSON", "aliases": []}]
    layer = _layer(text, table, Federal_Bureau_of_Inquiry="ORG", FBI="ORG", Jane_Roe="ORG",
                   Northland_Health_Organization="ORG", Federal_Relief_Agency="ORG", Harbour_Gazette="ORG")
    spans, data = find_sources(_article(text), layer)
    assert [s.attrs["name"] for s in spans] == ["Harbour Gazette"]
    assert {e["name"]: e["kind"] for e in data["sources"]}["Harbour Gazette"] == "cited_outlet"


def test_sources_an_acronym_with_an_outlet_alias_is_an_outlet():
    text = "The Coastline Times broke the story. As CLT reported on Monday, the port closed.\n"
    table = [{"id": "org:clt", "name": "Coastline Times", "type": "ORG", "aliases": ["CLT"]}]
    layer = Layer("entities", "entities", "1",
                  (Span(text.index("CLT"), text.index("CLT") + 3, "ORG", {"entity": "org:clt"}),), {"entities": table})
    spans, _ = find_sources(_article(text), layer)
    assert [s.attrs["name"] for s in spans] == ["CLT"]


def test_sources_names_trimmed_to_the_outlet():
    text = ("As The Harbour Gazette reported, the port closed. But Eastland TV reported otherwise. "
            "The event was reported by Northwire’s Jane Roe on Monday. "
            "Asked in an interview with the Freedonian Blick newspaper, he declined. "
            "In remarks reported by the Catholic newspaper Der Morgenbote, she agreed. "
            "A report from the Sentinel Wire tells the story.\n")
    layer = _layer(text, [], Harbour_Gazette="ORG", Eastland="ORG", Northwire="ORG", Freedonian="NORP",
                   Blick="ORG", Der_Morgenbote="ORG", Sentinel_Wire="ORG")
    spans, _ = find_sources(_article(text), layer)
    got = [(text[s.start : s.end], s.attrs["relation"]) for s in spans]
    assert got == [("Harbour Gazette", "reported"), ("Eastland TV", "reported"), ("Northwire", "reported"),
                   ("Blick", "interview"), ("Der Morgenbote", "reported"), ("Sentinel Wire", "reported")]


def test_sources_media_words_outweigh_an_entity_type_and_a_colon_block_cites_an_acronym():
    text = ("The Lakeside Morning News reported that the dam held. The Pinecrest Union-Tribune reported floods. "
            "A resident told the Lark website she left.\n"
            "HGT reports:\nThe dam held through the night.\n")
    table = [{"id": "gpe:lakeside", "name": "Lakeside", "type": "GPE", "aliases": []},
             {"id": "person:lark", "name": "Lark", "type": "PERSON", "aliases": []},
             {"id": "org:hgt", "name": "HGT", "type": "ORG", "aliases": []}]
    layer = _layer(text, table, Lakeside="GPE", Lark="PERSON", HGT="ORG")
    layer = Layer("entities", "entities", "1", (*layer.spans, Span(text.index("Lakeside"),
                  text.index(" reported"), "ORG", {"entity": "org:lmn"})), {"entities": table})
    spans, _ = find_sources(_article(text), layer)
    assert [s.attrs["name"] for s in spans] == ["Lakeside Morning News", "Pinecrest Union-Tribune", "Lark", "HGT"]


def test_sources_one_name_per_source_whatever_its_case():
    text = ("PORTVALE (NORTHWIRE) — The port closed on Monday.\n"
            "The closure was first reported by Northwire on Sunday.\n")
    a = _article(text)
    spans, data = find_sources(a, _orgs(a.text, "Northwire"))
    assert {s.attrs["name"] for s in spans} == {s.label for s in spans} == {"Northwire"}
    assert [e["name"] for e in data["sources"] if e["kind"] != "publisher"] == ["Northwire"]


def test_sources_the_agency_of_a_quoted_storys_dateline():
    text = ("The mayor resigned on Friday, as the wires reported.\n"
            "The Harbour Gazette reports:\n"
            "PORTVALE (AP) — The mayor of Portvale resigned on Friday.\n"
            "Later lines mention Reuters (in brackets) and EASTMERE (Unknownwire) — a made-up wire.\n")
    a = _article(text)
    assert a.dateline is None
    spans, data = find_sources(a, _orgs(a.text, "Harbour Gazette"))
    got = {(s.attrs["name"], s.attrs["kind"], s.attrs["relation"]) for s in spans}
    assert ("AP", "agency", "dateline") in got
    assert not any(s.attrs["name"] in ("Unknownwire", "in brackets") for s in spans)


def test_sources_a_news_word_outweighs_a_weak_body_word_but_not_a_strong_one():
    text = ("The Faith News Service reported the visit. The Coastal Media Research Institute reported a rise. "
            "The Port Service reported delays.\n")
    layer = _layer(text, [], Faith_News_Service="ORG", Coastal_Media_Research_Institute="ORG", Port_Service="ORG")
    spans, _ = find_sources(_article(text), layer)
    assert [s.attrs["name"] for s in spans] == ["Faith News Service"]


def test_sources_a_credit_line_names_where_the_text_ran_first():
    text = ("Officials met on Monday and agreed on nothing.\n"
            "The story first appeared in The Times on Monday and was picked up by many.\n"
            "It first appeared in 1927 and has grown since.\n"
            "Reprinted with permission from Harbor Sentinel.com.\n")
    a = _article(text)
    spans, data = find_sources(a, _orgs(a.text))
    # where it stands in the text, the line is the evidence span; cleaning may also have removed it
    assert all((s.attrs["name"], s.attrs["relation"]) == ("Harbor Sentinel.com", "republished") for s in spans)
    assert data["chain"] == [{"from": "Harbor Sentinel.com", "to": "Daily Example", "relation": "republished"}]
    # a person credited is no outlet
    a = _article("Jane Roe wrote about the talks for a week before they collapsed.\n"
                 "Reprinted with permission from Jane Roe.\n")
    person = Span(0, 8, "PERSON", {"entity": "p1"})
    ents = Layer("entities", "entities", "1", (person,), {"entities": [{"id": "p1", "type": "PERSON",
                                                                        "name": "Jane Roe"}]})
    assert [e["kind"] for e in find_sources(a, ents)[1]["sources"]] == ["publisher"]


def test_sources_a_credit_line_that_cleaning_removed_stays_a_source():
    text = ("Talks Collapse in the Capital\n"
            "This report was originally published by Jane Roe at Lark Daily\n"
            "Talks between the two parties collapsed on Monday after a week of meetings in the capital.\n"
            "Both sides blamed the other for the failure, and no new date was set for a further round.\n")
    a = read_text(text, has_title_line=True, outlet="Daily Example")
    assert "Lark Daily" not in a.text and any("Lark Daily" in b.text for b in a.removed)
    spans, data = find_sources(a, _orgs(a.text))
    entry = next(e for e in data["sources"] if e["name"] == "Lark Daily")
    assert entry["relations"] == ["republished"] and entry["removed_line"] is True and spans == []


def test_sources_a_line_posting_with_permission_credits_an_outlet_not_a_person():
    # "Article posted with permission from X" says where the text ran first, like "Reprinted from X";
    # a name shaped as a person's with no entity to ask (cleaning removed the line) is no outlet
    body = ("Talks between the two parties collapsed on Monday after a week of meetings in the capital.\n"
            "Both sides blamed the other for the failure, and no new date was set for a further round.\n")
    for credit, outlet in (("Article posted with permission from The Carver Standard", "Carver Standard"),
                           ("Article posted with permission from End of the Harbour Road", "End of the Harbour Road"),
                           ("Article posted with permission from Maria Lindqvist", None),
                           ("He posted with permission from the board a photo of the new hall.", None)):
        a = read_text("Talks Collapse\n" + body + credit + "\n", has_title_line=True, outlet="Daily Example")
        _, data = find_sources(a, _orgs(a.text))
        got = [e["name"] for e in data["sources"] if "republished" in e["relations"]]
        assert got == ([outlet] if outlet else []), credit


def test_sources_a_relay_note_names_where_the_text_ran_or_who_pointed_to_it():
    # "Via X" over a relayed excerpt: the text below ran at X; "H/T X": X pointed to the story.
    # Cleaning removes both lines as furniture; what they said stays a source.
    body = ("Talks between the two parties collapsed on Monday after a week of meetings in the capital.\n"
            "Both sides blamed the other for the failure, and no new date was set for a further round.\n")
    for note, name, relation in (("Via Harbour Ledger…", "Harbour Ledger", "republished"),
                                 ("via www.harbourledger.example/news/tram", "harbourledger.example", "republished"),
                                 ("H/T The Carver Standard", "Carver Standard", "citing"),
                                 ("Via @harbourfan", None, None)):
        a = read_text("Talks Collapse\n" + body + note + "\n" + body, has_title_line=True, outlet="Daily Example")
        assert note not in a.text
        _, data = find_sources(a, _orgs(a.text))
        got = [(e["name"], e["relations"]) for e in data["sources"] if e["kind"] != "publisher"]
        assert got == ([(name, [relation])] if name else []), note


def test_sources_a_wire_byline_names_the_agency_that_supplied_the_text():
    a = _article("Mira Sollen, The Associated Press\n\nNORVIK -- The port reopened on Tuesday, officials told "
                 "The Associated Press.\n")
    _, data = find_sources(a, _orgs(a.text, "The Associated Press"))
    assert data["agency"] == "Associated Press"
    entry = next(e for e in data["sources"] if e["name"] == "Associated Press")
    assert entry["kind"] == "agency" and "byline" in entry["relations"]
    # the relation that says who supplied the text leads the chain, not "told"
    assert data["chain"] == [{"from": "Associated Press", "to": "Daily Example", "relation": "byline"}]
    # a dateline's agency stays the article's agency
    b = _article("Mira Sollen, The Associated Press\n\nMOSCOW, Jan 10 (Reuters) - Russia said it would respond.\n")
    assert find_sources(b, _orgs(b.text, "Reuters"))[1]["agency"] == "Reuters"


def test_sources_an_outlet_the_text_calls_a_news_agency_is_an_agency():
    a = _article("Defense Minister Ivo Marr accused the opposition of plotting, the Ravex news agency said.\n")
    _, data = find_sources(a, _orgs(a.text, "Ravex"))
    assert {e["name"]: e["kind"] for e in data["sources"]}["Ravex"] == "agency"
    b = _article("Defense Minister Ivo Marr accused the opposition of plotting, the Ravex newspaper said.\n")
    _, data = find_sources(b, _orgs(b.text, "Ravex"))
    assert {e["name"]: e["kind"] for e in data["sources"]}["Ravex"] == "cited_outlet"


def test_sources_a_source_note_names_the_outlet_the_text_came_from():
    a = _article("The minister said the sanctions had failed.\nSource: IRNA\n")
    assert [b.reason for b in a.removed] == ["boilerplate"]  # the reader removed the note
    _, data = find_sources(a, _orgs(a.text))
    entry = next(e for e in data["sources"] if e["name"] == "IRNA")
    assert entry["kind"] == "agency" and entry["relations"] == ["republished"] and entry["removed_line"]
    assert data["agency"] == "IRNA"
    # a chart's source is no outlet
    b = _article("Spending rose by a third in five years.\nSource: NATO.\n")
    assert [e["name"] for e in find_sources(b, _orgs(b.text))[1]["sources"]] == ["Daily Example"]
