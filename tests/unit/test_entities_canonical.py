"""Canonical entities from hand-made NER mentions (no spaCy model; issue 4)."""

from __future__ import annotations

import pytest

from propscope.analyzers.entities import entity_layer_parts, is_acronym_misspelling, strip_titles
from propscope.analyzers.entities.canonical import acronym_of
from propscope.article import Span

from entity_samples import ner as _ner


def _by_entity(text: str, spans: list[Span]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in spans:
        out.setdefault(s.attrs["entity"], []).append(text[s.start : s.end])
    return out


def test_entities_strip_titles():
    assert strip_titles("President Emmanuel Macron") == "Emmanuel Macron"
    assert strip_titles("Mr. Macron") == "Macron"
    assert strip_titles("Macron’s") == "Macron"
    assert strip_titles("President") == "President"  # never strips every word
    # police and fire ranks of local news, also in the plural before a pair ("Officers A and B")
    assert strip_titles("Officers Anna Roe") == "Anna Roe"
    assert strip_titles("Detective Ivo Tamm") == "Ivo Tamm"
    assert strip_titles("Trooper Lind") == "Lind"


def test_entities_full_name_surname_and_title_join_one_person():
    text = "President Emmanuel Macron spoke. Macron said no. Mr Macron left."
    _spans, table = entity_layer_parts(text, _ner(text, ("Emmanuel Macron", "PERSON"), ("Macron", "PERSON", 1),
                                                 ("Mr Macron", "PERSON")))
    people = [e for e in table if e["type"] == "PERSON"]
    assert len(people) == 1
    assert people[0]["name"] == "Emmanuel Macron"
    assert people[0]["mentions"] == 3
    assert set(people[0]["aliases"]) == {"Macron", "Mr Macron"}
    assert people[0]["id"] == "person:emmanuel-macron"


def test_entities_a_surname_two_people_share_is_the_one_named_last_before_it():
    text = ("As Ada Varga has written, the talks were doomed. Later, what about Lena Varga, "
            "the ministry's lawyer? Varga said she would testify. Varga's plea came on Monday.")
    spans, table = entity_layer_parts(text, _ner(text, ("Ada Varga", "PERSON"), ("Lena Varga", "PERSON"),
                                                 ("Varga", "PERSON", 2), ("Varga", "PERSON", 3)))
    groups = sorted(_by_entity(text, spans).values(), key=len)
    assert groups == [["Ada Varga"], ["Lena Varga", "Varga", "Varga"]]
    # the person named in full more often keeps the surname over one named once in passing
    text = ("Ivo Tamm drove the truck. The crash hurt Ivo Tamm and his son, Oskar Tamm, 4. "
            "Tamm said he saw no sign.")
    spans, _ = entity_layer_parts(text, _ner(text, ("Ivo Tamm", "PERSON"), ("Oskar Tamm", "PERSON"),
                                             ("Tamm", "PERSON", 3)))
    assert sorted(_by_entity(text, spans).values(), key=len) == [["Oskar Tamm"], ["Ivo Tamm", "Ivo Tamm", "Tamm"]]


def test_entities_role_description_links_to_the_person():
    text = ("French President Emmanuel Macron met reporters. The French president said the talks were over. "
            "Angela Merkel, the German chancellor, disagreed. The German chancellor left.")
    spans, table = entity_layer_parts(text, _ner(text, ("French", "NORP"), ("Emmanuel Macron", "PERSON"),
                                                 ("Angela Merkel", "PERSON"), ("German", "NORP")))
    groups = _by_entity(text, spans)
    assert "The French president" in groups["person:emmanuel-macron"]
    assert "The German chancellor" in groups["person:angela-merkel"]
    macron = next(e for e in table if e["id"] == "person:emmanuel-macron")
    assert "french president" in macron["roles"]


def test_entities_acronym_in_brackets_and_without():
    text = ("The World Health Organization (WHO) warned on Monday. Later the WHO said more. "
            "UNICEF and the United Nations Children's Fund agreed.")
    _spans, table = entity_layer_parts(text, _ner(text, ("World Health Organization (WHO)", "ORG"), ("WHO", "ORG", 1),
                                                 ("UNICEF", "ORG"), ("the United Nations", "ORG")))
    who = next(e for e in table if e["name"] == "World Health Organization")
    assert who["mentions"] == 3  # expansion, bracketed acronym, later acronym
    assert who["type"] == "ORG"


def test_entities_acronym_without_brackets_elsewhere_in_the_text():
    text = "NATO ministers met. The North Atlantic Treaty Organization said it would expand."
    _spans, table = entity_layer_parts(text, _ner(text, ("NATO", "ORG"), ("The North Atlantic Treaty Organization", "ORG")))
    orgs = [e for e in table if e["type"] == "ORG"]
    assert len(orgs) == 1 and orgs[0]["name"] == "North Atlantic Treaty Organization"
    assert orgs[0]["mentions"] == 2


@pytest.mark.parametrize(
    "wrong,right,expected",
    [
        ("CTSO", "CSTO", True),  # adjacent letters transposed
        ("CSOT", "CSTO", True),  # transposed
        ("OSTC", "CSTO", True),  # same letters in another order
        ("CTO", "CSTO", True),  # a letter dropped
        ("CSSTO", "CSTO", True),  # a letter added
        ("NATP", "NATO", True),  # a letter changed in a long acronym
        ("FBA", "FBI", False),  # a changed letter in a three-letter acronym is another acronym
        ("NAFTA", "NATO", False),
        ("EU", "UE", False),  # too short to call
        ("CSTO", "CSTO", False),
    ],
)
def test_entities_acronym_misspelling_rule(wrong, right, expected):
    assert is_acronym_misspelling(wrong, right) is expected


def test_entities_misspelled_acronym_joins_the_expanded_entity():
    text = ("The Collective Security Treaty Organization (CSTO) met in Minsk. The CTSO summit was delayed. "
            "CSTO members disagreed.")
    spans, table = entity_layer_parts(text, _ner(text, ("Collective Security Treaty Organization", "ORG"),
                                                 ("Minsk", "GPE")))
    groups = _by_entity(text, spans)
    csto = groups["org:collective-security-treaty-organization"]
    assert "CTSO" in csto and csto.count("CSTO") == 2
    entry = next(e for e in table if e["id"] == "org:collective-security-treaty-organization")
    assert entry["name"] == "Collective Security Treaty Organization"


def test_entities_misspelling_joins_the_more_frequent_correct_form():
    text = "OPEC raised output. OPEC ministers met. The OPCE statement followed."
    spans, table = entity_layer_parts(text, _ner(text, ("OPEC", "ORG")))
    assert len({s.attrs["entity"] for s in spans}) == 1
    assert [e["name"] for e in table] == ["OPEC"]


def test_entities_acronym_of():
    assert acronym_of(["World", "Health", "Organization"]) == "WHO"
    assert acronym_of(["Federal", "Bureau", "of", "Investigation"]) == "FBI"


def test_entities_ner_repairs_use_the_rest_of_the_article():
    text = ("Health Minister Joseph Kamau spoke. Kamau said the figures were wrong. "
            "Kremlin spokesman Pavel Orlov said no.")
    spans, _table = entity_layer_parts(text, _ner(text, ("Joseph Kamau", "PERSON"), ("Kamau", "ORG", 1),
                                                 ("Kremlin", "ORG"), ("Pavel Orlov", "ORG")))
    groups = _by_entity(text, spans)
    assert groups["person:joseph-kamau"] == ["Joseph Kamau", "Kamau"]
    assert "person:pavel-orlov" in groups


def test_entities_no_mentions():
    spans, table = entity_layer_parts("nothing to see here.", [])
    assert spans == [] and table == []


def test_entities_a_place_is_named_as_written_in_the_text_not_as_in_the_dateline():
    text = "ISTRAVA, Jan 10 (KNA) - Crowds gathered in Istrava on Monday. NATO said nothing."
    _spans, table = entity_layer_parts(text, _ner(text, ("ISTRAVA", "GPE"), ("Istrava", "GPE"), ("NATO", "ORG")))
    names = {(e["type"], e["name"]) for e in table}
    assert ("GPE", "Istrava") in names and ("ORG", "NATO") in names  # an organisation's capitals stay
    assert ("GPE", "ISTRAVA") not in names


def test_entities_the_dateline_place_is_a_place_even_in_capitals():
    text = "DRAVENSK, March 3 (Sovna News) - The DCM met NATO officials. The UN said little."
    ner = _ner(text, ("Sovna News", "ORG"), ("NATO", "ORG"))
    _spans, table = entity_layer_parts(text, ner)
    assert ("ORG", "DRAVENSK") in {(e["type"], e["name"]) for e in table}  # without the dateline: an "acronym"
    spans, table = entity_layer_parts(text, ner, places=[(0, 8)])
    names = {(e["type"], e["name"]) for e in table}
    assert ("GPE", "Dravensk") in names and ("ORG", "NATO") in names and ("ORG", "UN") in names
    assert not any(e["name"].upper() == "DRAVENSK" and e["type"] != "GPE" for e in table)
    assert [text[s.start : s.end] for s in spans if s.label == "GPE"] == ["DRAVENSK"]
    short = "UAE, March 3 (WAM) - Officials met."
    _spans, table = entity_layer_parts(short, [], places=[(0, 3)])
    assert ("GPE", "UAE") in {(e["type"], e["name"]) for e in table}  # too short to tell from an acronym


def test_entities_a_name_after_a_kind_of_publisher_is_an_organisation():
    text = "Linde spoke to state news agency Ravex and to the daily Kommersant. Spokesman Pavel Orlov agreed."
    _spans, table = entity_layer_parts(text, _ner(text, ("Linde", "PERSON"), ("Ravex", "PERSON"),
                                                  ("Kommersant", "PERSON"), ("Pavel Orlov", "ORG")))
    types = {e["name"]: e["type"] for e in table}
    assert types["Ravex"] == "ORG" and types["Kommersant"] == "ORG"
    assert types["Linde"] == "PERSON" and types["Pavel Orlov"] == "PERSON"


def test_entities_the_national_leader_is_the_one_head_of_state_and_us_joins_the_united_states():
    text = ("President Vladimir Putin warned the United States. The Russian leader said the U.S. plans were a "
            "threat. The Republican leader disagreed. Foreign Minister Anna Lind agreed.")
    spans, table = entity_layer_parts(text, _ner(text, ("Vladimir Putin", "PERSON"), ("the United States", "GPE"),
                                                 ("U.S.", "GPE"), ("Russian", "NORP"), ("Republican", "NORP"),
                                                 ("Anna Lind", "PERSON")))
    by_entity = _by_entity(text, spans)
    assert "The Russian leader" in by_entity["person:vladimir-putin"]
    assert not any("Republican leader" in s for mentions in by_entity.values() for s in mentions)
    assert [e["id"] for e in table if e["name"] == "United States"] == ["gpe:united-states"]
    assert set(by_entity["gpe:united-states"]) == {"the United States", "U.S."}


def test_entities_the_minister_is_the_one_named_so_far():
    text = ("Foreign Minister Sergei Lavrin spoke. The minister stressed unity. Chinese Foreign Minister Wen Li "
            "agreed. The minister then left.")
    spans, _table = entity_layer_parts(text, _ner(text, ("Sergei Lavrin", "PERSON"), ("Wen Li", "PERSON"),
                                                 ("Chinese", "NORP")))
    by_entity = _by_entity(text, spans)
    assert "The minister" in by_entity["person:sergei-lavrin"]  # Wen Li is not named yet
    assert by_entity["person:sergei-lavrin"].count("The minister") == 1  # after both: nobody
    assert "The minister" not in by_entity.get("person:wen-li", [])


def test_entities_transliterations_and_initials_name_one_person():
    text = ("Ukrainian President Volodymyr Zelenskyy spoke. Zelensky said no. Zelenskiy left. President Vladimir Putin "
            "replied. V. Putin said yes. The Russian president waited. Navalnyy and Navalny are one.")
    spans, table = entity_layer_parts(text, _ner(text, ("Volodymyr Zelenskyy", "PERSON"), ("Zelensky", "PERSON"),
                                                 ("Zelenskiy", "PERSON"), ("Vladimir Putin", "PERSON"),
                                                 ("V. Putin", "PERSON"), ("Navalnyy", "PERSON"),
                                                 ("Navalny", "PERSON"), ("Russian", "NORP")))
    by_entity = _by_entity(text, spans)
    assert set(by_entity["person:volodymyr-zelenskyy"]) == {"Volodymyr Zelenskyy", "Zelensky", "Zelenskiy"}
    assert set(by_entity["person:vladimir-putin"]) == {"Vladimir Putin", "V. Putin", "The Russian president"}
    assert len([e for e in table if e["name"].startswith("Naval")]) == 1


def test_entities_a_hyphenated_surname_and_a_dateline_city_with_its_region():
    from propscope.analyzers.entities.analyzer import dateline_place
    from propscope.readers.text import read_text

    article = read_text("T\nTUCSON, Ariz. – Agents arrested Francisco Lopez-Loyola on Monday. Lopez was held.\n")
    places = dateline_place(article)
    assert [article.text[a:b] for a, b in places] == ["TUCSON"]
    spans, table = entity_layer_parts(article.text, _ner(article.text, ("Francisco Lopez-Loyola", "PERSON"),
                                                         ("Lopez", "PERSON", 1)), places)
    assert set(_by_entity(article.text, spans)["person:francisco-lopez-loyola"]) == {"Francisco Lopez-Loyola", "Lopez"}
    assert ("GPE", "Tucson") in {(e["type"], e["name"]) for e in table}


def test_entities_one_word_read_as_a_place_and_a_people_is_one_entity():
    text = "A Guatemalan citizen was removed. Guatemalan police thanked the agents."
    _spans, table = entity_layer_parts(text, _ner(text, ("Guatemalan", "GPE", 0), ("Guatemalan", "NORP", 1)))
    assert [(e["name"], e["mentions"]) for e in table] == [("Guatemalan", 2)]


def test_entities_an_indefinite_article_is_not_part_of_an_organisations_name() -> None:
    # read on a real article: "According to a World Health Organization doctor" named the
    # organisation "a World Health Organization"; only "the" was dropped
    from propscope.analyzers.entities.canonical import build_entities

    text = "According to a World Health Organization doctor, it is near. The World Health Organization agreed."
    _, entities = build_entities(text, _ner(text, ("a World Health Organization", "ORG"),
                                            ("The World Health Organization", "ORG")))
    names = {e.canonical() for e in entities}
    assert all(not n.lower().startswith(("a ", "the ")) for n in names), names
    assert len(entities) == 1


def test_entities_a_surname_behind_a_particle_joins_the_full_name():
    text = ("Samir Al Hadid fled in 2016. Nour Al Hadid joined him later. Leila Van Dorn wrote. "
            "Van Dorn said the winter was hard. Al Hadid said the same.")
    spans, table = entity_layer_parts(text, _ner(text, ("Samir Al Hadid", "PERSON"), ("Nour Al Hadid", "PERSON"),
                                                 ("Leila Van Dorn", "PERSON"), ("Van Dorn", "PERSON", 1),
                                                 ("Al Hadid", "PERSON", 2)))
    by_entity = _by_entity(text, spans)
    assert set(by_entity["person:leila-van-dorn"]) == {"Leila Van Dorn", "Van Dorn"}
    # two people share the surname: it joins neither (a wrong name is worse than none)
    assert by_entity["person:samir-al-hadid"] == ["Samir Al Hadid"]
    assert by_entity["person:nour-al-hadid"] == ["Nour Al Hadid"]


def test_entities_a_short_form_joins_the_one_body_named_in_full():
    text = ("The Brandon Hawks cut ties with Orvex-Lamarre. Orvex said nothing. The Hawks said they would not "
            "comment. The Liberal Party and the Green Party met; the Party said little.")
    spans, table = entity_layer_parts(text, _ner(text, ("Brandon Hawks", "ORG"), ("Orvex-Lamarre", "ORG"),
                                                 ("Orvex", "ORG", 1), ("Hawks", "ORG", 1),
                                                 ("Liberal Party", "ORG"), ("Green Party", "ORG"), ("Party", "ORG", 2)))
    by_entity = _by_entity(text, spans)
    assert set(by_entity["org:brandon-hawks"]) == {"Brandon Hawks", "Hawks"}
    assert set(by_entity["org:orvex-lamarre"]) == {"Orvex-Lamarre", "Orvex"}
    assert by_entity["org:liberal-party"] == ["Liberal Party"]  # a generic head joins no one


def test_entities_a_name_ner_missed_before_a_person_appositive_is_a_person():
    text = ("Many residents fled.\nYuni, a resident of Lampung, was at home when she heard the water.\n"
            "Flooding, a problem for years, grew. Officials, a group of six, met.")
    spans, table = entity_layer_parts(text, _ner(text, ("Lampung", "GPE")))
    people = {e["name"] for e in table if e["type"] == "PERSON"}
    assert people == {"Yuni"}  # "Flooding, a problem": no person noun; "Officials": written in lower case too


def test_entities_the_number_of_a_body_s_unit_is_part_of_its_name():
    text = "A release from Orvex Local 832 said the vote passed. Orvex Local 832 president Ada Roe spoke in 2019."
    spans, table = entity_layer_parts(text, _ner(text, ("Orvex Local", "ORG", 0), ("Orvex Local 832", "WORK_OF_ART", 1),
                                                 ("Ada Roe", "PERSON")))
    assert {e["name"]: e["type"] for e in table} == {"Orvex Local 832": "ORG", "Ada Roe": "PERSON"}


def test_entities_a_bracket_left_open_in_a_mention_is_cut_off():
    text = "Senate chairman Ian Holt (R-Iowa) said the bill was fair."
    spans, table = entity_layer_parts(text, [Span(text.index("Ian"), text.index("Iowa") + 4, "PERSON")])
    assert [e["name"] for e in table if e["type"] == "PERSON"] == ["Ian Holt"]


def test_entities_a_name_cut_at_its_hyphen_runs_over_it():
    text = "Orvex-Lamarre sought a deal. Orvex-Lamarre said talks would go on."
    spans, table = entity_layer_parts(text, _ner(text, ("Orvex", "ORG")))
    assert [e["name"] for e in table] == ["Orvex-Lamarre"]


def test_entities_a_surname_ner_missed_is_its_person_unless_a_common_word_or_joined_to_a_name():
    text = ("When Ada Roe met Randy Cable, she smiled. When Roe first told Cable she loved him, he fell silent. "
            "Cable News ran it. Ian Golden spoke. Golden said the golden era was over.")
    spans, table = entity_layer_parts(text, _ner(text, ("Ada Roe", "PERSON"), ("Randy Cable", "PERSON"),
                                                 ("Ian Golden", "PERSON")))
    by_entity = _by_entity(text, spans)
    assert by_entity["person:randy-cable"] == ["Randy Cable", "Cable"]  # not "Cable News"
    assert by_entity["person:ada-roe"] == ["Ada Roe", "Roe"]
    assert by_entity["person:ian-golden"] == ["Ian Golden"]  # "golden" is a word of this article too


def test_entities_a_relative_named_by_first_name_is_not_another_person_with_that_first_name():
    text = ("Police Chief Joseph Boinnet spoke first. Jason Spindler died in the attack. "
            "Spindler's father, Joseph, said his son loved Kenya. Joseph Boinnet left.")
    spans, table = entity_layer_parts(text, _ner(text, ("Joseph Boinnet", "PERSON"), ("Jason Spindler", "PERSON"),
                                                 ("Spindler", "PERSON", 1), ("Joseph", "PERSON", 1)))
    by_entity = _by_entity(text, spans)
    assert by_entity["person:joseph-boinnet"] == ["Joseph Boinnet", "Joseph Boinnet"]
    assert by_entity["person:joseph"] == ["Joseph"]


def test_entities_a_person_title_inside_a_mention_splits_off_the_person():
    text = "Tsilhqot'in Hereditary Chief Na'kwa said no. The Senate National Finance Committee met. Na'kwa left."
    spans, table = entity_layer_parts(text, _ner(text, ("Tsilhqot'in Hereditary Chief Na'kwa", "ORG"),
                                                 ("Senate National Finance Committee", "ORG"), ("Na'kwa", "PERSON", 1)))
    people = {e["name"] for e in table if e["type"] == "PERSON"}
    assert people == {"Na'kwa"}
    assert "Senate National Finance Committee" in {e["name"] for e in table if e["type"] == "ORG"}


def test_entities_a_body_s_name_keeps_its_subject_and_drops_a_role_read_after_it():
    # NER cuts a body's name before "on/for/of + its subject", and reads a role into a name
    text = ("Ana Pike works at the Coastal Centre on Tidal Energy. The Review Board for Harbour Permits met "
            "on Monday, and the Coastal Council on Monday said no. A statement by Lumora Head of Safety Tom Reyes "
            "followed. Lumora declined. Reyes works at the Council on the hill.")
    ner = _ner(text, ("Ana Pike", "PERSON"), ("Coastal Centre", "ORG"), ("Review Board", "ORG"),
               ("Coastal Council", "ORG"), ("Lumora Head of", "ORG"), ("Tom Reyes", "PERSON"), ("Lumora", "ORG", 1),
               ("Reyes", "PERSON", 1), ("Council", "ORG", 1))
    _spans, table = entity_layer_parts(text, sorted(ner, key=lambda s: s.start))
    orgs = {e["name"] for e in table if e["type"] == "ORG"}
    # "the Council" alone is the short form of the one council named in full ("Coastal Council")
    assert orgs == {"Coastal Centre on Tidal Energy", "Review Board for Harbour Permits", "Coastal Council",
                    "Lumora"}
    assert "Council" in next(e["aliases"] for e in table if e["name"] == "Coastal Council")


def test_entities_an_outlet_s_acronym_is_no_misspelling_of_another_body_s():
    # "CBC" of a photo credit is one letter short of "CBCF": the registry's outlet, not a misspelling
    text = ("Ana Pike at home. (Tom Reyes/CBC)\nShe was held at the Cape Bay Correctional Facility. "
            "The Cape Bay Correctional Facility declined to comment.")
    ner = _ner(text, ("Ana Pike", "PERSON"), ("Tom Reyes", "PERSON"), ("CBC", "ORG"),
               ("Cape Bay Correctional Facility", "ORG"))
    _spans, table = entity_layer_parts(text, ner)
    by_name = {e["name"]: e["aliases"] for e in table if e["type"] == "ORG"}
    assert "CBC" in by_name and "CBC" not in by_name.get("Cape Bay Correctional Facility", [])


def test_entities_a_name_cut_before_its_acronym_runs_on_and_its_misspelling_joins_it():
    # the NER reads "Organization for Security and Co-operation" and "Europe" apart; the acronym after
    # them spells the whole name (OSCE, not OSC), so the name runs on; "OCSE" halfway down is its misspelling
    text = ("Monitors of the Organization for Security and Co-operation in Europe (OSCE) counted shells. "
            "The OSCE mission said so. Later the OCSE said its drones were jammed.")
    spans, table = entity_layer_parts(text, _ner(text, ("Organization for Security and Co-operation", "ORG"),
                                                 ("Europe", "LOC"), ("OSCE", "ORG", 1), ("OCSE", "ORG")))
    groups = _by_entity(text, spans)
    assert list(groups) == ["org:organization-for-security-and-co-operation-in-europe"]
    assert sorted(groups["org:organization-for-security-and-co-operation-in-europe"]) == \
        ["OCSE", "OSCE", "OSCE", "Organization for Security and Co-operation in Europe"]
    assert [e["name"] for e in table] == ["Organization for Security and Co-operation in Europe"]
    # an acronym that spells only the part the NER read leaves the name as it is
    text = "The Council of Europe (CE) met. Europe watched."
    spans, _ = entity_layer_parts(text, _ner(text, ("Council of Europe", "ORG"), ("Europe", "LOC", 1)))
    assert [text[s.start:s.end] for s in spans if s.attrs["entity"].startswith("org:")][0] == "Council of Europe"


def test_entities_canonical_two_capitalised_words_ner_missed_are_one_name():
    from propscope.analyzers.entities import entity_layer_parts

    text = "The data is kept by the technology company QWX VORN and owned by the party. Files from QWX VORN show it."
    _spans, table = entity_layer_parts(text, [])
    assert [(e["name"], e["type"], e["mentions"]) for e in table] == [("QWX VORN", "ORG", 2)]
