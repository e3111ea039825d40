"""Mentions that are not names, or not one name (:mod:`propscope.analyzers.entities.filters`)."""

from propscope.analyzers.entities.canonical import build_entities
from propscope.analyzers.entities.filters import acronym_kind, clean_spans, is_junk, platform_spans, retype, split_coordination
from propscope.article import Span


def _span(text: str, part: str, label: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return Span(i, i + len(part), label)


def _names(text: str, spans) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in spans]


def test_junk_tokens_are_not_names():
    assert is_junk("n't") and is_junk("n’t") and is_junk("'s") and is_junk("--")
    assert not is_junk("eBay") and not is_junk("G7") and not is_junk("Oslo") and not is_junk("the state office")


def test_or_always_splits_and_splits_when_a_part_is_written_alone():
    text = "Join Gab and Quibble today."  # a platform of the word lists
    assert len(split_coordination(text, _span(text, "Gab and Quibble", "ORG"))) == 2
    text = "Posts on Lumo or Quibble spread. Users of Vexa and Tarnly moved. Vexa grew. Smith and Wesson sells."
    spans = [_span(text, "Lumo or Quibble", "ORG"), _span(text, "Vexa and Tarnly", "ORG"),
             _span(text, "Vexa", "ORG", 1), _span(text, "Smith and Wesson", "ORG")]
    out = [p for s in spans for p in split_coordination(text, s)]
    assert _names(text, out) == [("Lumo", "ORG"), ("Quibble", "ORG"), ("Vexa", "ORG"), ("Tarnly", "ORG"),
                                 ("Vexa", "ORG"), ("Smith and Wesson", "ORG")]


def test_shouted_ordinary_words_are_not_acronyms_but_real_ones_are():
    text = "Rally AGAINST the plan today, says the KLMA. On that day the KLMA met. Wear it for one DAY."
    against = text.index("AGAINST")  # the tagger reads it as a preposition
    assert acronym_kind(text, against, against + 7, [Span(against, against + 7, "IN")]) is None
    assert acronym_kind(text, against, against + 7, [Span(against, against + 7, "NNP")]) == "ORG"
    isis = "Fighters went from Lumo to KLMA, she said."  # a capital word the tagger reads as a verb
    k = isis.index("KLMA")
    assert acronym_kind(isis, k, k + 4, [Span(k, k + 4, "VB")], ner=True) == "ORG"
    assert acronym_kind(isis, k, k + 4, [Span(k, k + 4, "VB")]) is None
    assert acronym_kind(text, text.index("DAY"), text.index("DAY") + 3) is None
    assert acronym_kind(text, text.index("KLMA"), text.index("KLMA") + 4) == "ORG"
    shout = "She wrote MAMA SAID THAT in the margin."
    assert acronym_kind(shout, shout.index("SAID"), shout.index("SAID") + 4) is None
    url = "Paste the URL here."
    assert acronym_kind(url, url.index("URL"), url.index("URL") + 3) is None


def test_a_state_code_after_a_place_is_a_place():
    text = "BRANDVILLE, OH (Wire) - The council met."
    assert acronym_kind(text, 12, 14) == "GPE"
    _, entities = build_entities(text, [Span(0, 10, "GPE")])
    assert ("Ohio", "GPE") in [(e.name, e.type) for e in entities]  # the state, by its name
    assert "ORG" not in {e.type for e in entities}


def test_a_sentence_opening_verb_is_not_a_name():
    text = "Subscribe to the letter. Dana Roe wrote it."
    tags = [Span(0, 9, "VB"), Span(10, 12, "IN"), Span(13, 16, "DT"), Span(17, 23, "NN"), Span(23, 24, "."),
            Span(25, 29, "NNP"), Span(30, 33, "NNP"), Span(34, 39, "VBD"), Span(40, 42, "PRP"), Span(42, 43, ".")]
    out = clean_spans(text, [Span(0, 9, "PRODUCT"), Span(25, 33, "PERSON")], tags)
    assert _names(text, out) == [("Dana Roe", "PERSON")]
    text = "Bookmark them now. Visit Lumo daily."  # no tags: the object pronoun tells
    assert _names(text, clean_spans(text, [Span(0, 8, "PERSON"), Span(25, 29, "ORG")])) == [("Lumo", "ORG")]
    text = "Lumo them all. Users of Lumo stay."  # written as a name inside a sentence: kept
    assert _names(text, clean_spans(text, [Span(0, 4, "ORG")])) == [("Lumo", "ORG")]


def test_coordinated_names_become_two_entities():
    text = "Neither Lumo or Quibble replied. Lumo said nothing."
    _, entities = build_entities(text, [_span(text, "Lumo or Quibble", "ORG"), _span(text, "Lumo", "ORG", 1)])
    assert sorted(e.name for e in entities) == ["Lumo", "Quibble"]


def test_a_page_with_its_audience_is_an_organisation():
    text = "Pages like Lumo Watch (1.2 million fans) and Dana Roe (300K likes) went dark. Dana Roe (41) spoke."
    spans = [_span(text, "Lumo Watch", "PERSON"), _span(text, "Dana Roe", "PERSON"), _span(text, "Dana Roe", "PERSON", 1)]
    assert [retype(text, s, spans) for s in spans] == ["ORG", "ORG", "PERSON"]


def test_a_full_name_whose_first_name_is_a_person_is_a_person():
    text = "Tarun Velasko wrote it. Tarun was at Lumo Labs. Velasko said so. Lumo Labs grew."
    spans = [_span(text, "Tarun Velasko", "ORG"), _span(text, "Tarun", "PERSON", 1), _span(text, "Lumo Labs", "ORG"),
             _span(text, "Velasko", "ORG", 1)]
    assert [retype(text, s, spans) for s in spans] == ["PERSON", "PERSON", "ORG", "ORG"]
    _, entities = build_entities(text, spans)
    assert {e.name: e.type for e in entities}["Tarun Velasko"] == "PERSON"
    text = "The Border Patrol said so. Border was quiet."  # a stray person-typed word, no surname alone
    spans = [_span(text, "Border Patrol", "ORG"), _span(text, "Border", "PERSON", 1)]
    assert retype(text, spans[0], spans) == "ORG"
    text = "Twitter Safety replied. Twitter said no."  # a platform, even where NER read it as a person
    spans = [_span(text, "Twitter Safety", "ORG"), _span(text, "Twitter", "PERSON", 1)]
    assert retype(text, spans[0], spans) == "ORG"


def test_a_publication_named_as_one_is_an_organisation():
    text = "It ran in the publication Quiet Harbor last week."
    _, entities = build_entities(text, [_span(text, "Quiet Harbor", "PERSON")])
    assert [(e.name, e.type) for e in entities] == [("Quiet Harbor", "ORG")]


def test_platforms_ner_missed_are_organisation_mentions():
    text = "Posts on Facebook spread. Facebook said so; google it, see facebook.com or @Facebook. NER saw YouTube."
    spans = [_span(text, "YouTube", "ORG")]
    assert _names(text, platform_spans(text, spans)) == [("Facebook", "ORG"), ("Facebook", "ORG")]


def test_entities_a_roundups_rubric_in_capitals_is_no_acronym():
    from propscope.analyzers.entities.filters import acronym_kind
    text = ("Markets rose on Monday.\n\nENERGY: Crude oil fell 40 cents.\n\nTRADER'S VIEW: Prices may slip.\n\n"
            "The OPEC group met. CENTRO said it would act.\nDB: We will see.")
    at = text.index("ENERGY")
    assert acronym_kind(text, at, at + 6) is None
    at = text.index("VIEW")
    assert acronym_kind(text, at, at + 4) is None  # the second word of the rubric too
    at = text.index("OPEC")
    assert acronym_kind(text, at, at + 4) == "ORG"  # inside a sentence: an acronym still
    at = text.index("CENTRO")
    assert acronym_kind(text, at, at + 6) == "ORG"


def test_an_order_opening_a_name_span_is_cut_off_when_the_rest_is_a_name_written_elsewhere():
    from propscope.analyzers.entities.filters import trim_imperative

    text = "Lena Varga filed the audit. “Publish the Varga audit now,” he said. Varga declined to comment."
    s = trim_imperative(text, _span(text, "Publish the Varga", "WORK_OF_ART"), [])
    assert s is not None and text[s.start : s.end] == "Varga" and s.label == "WORK_OF_ART"
    # the whole name only: an organisation named with an order keeps its name
    text = "Rescue the Reef said the bay is dying. The group marched."
    s = _span(text, "Rescue the Reef", "ORG")
    assert trim_imperative(text, s, []) is s
    # a first name before "the" is no order
    text = "Alfred the Great ruled Wessex. Great deeds followed."
    s = _span(text, "Alfred the Great", "PERSON")
    assert trim_imperative(text, s, []) is s
    # a span inside a sentence is left alone
    text = "They said Publish the Varga was a slogan. Varga smiled."
    s = _span(text, "Publish the Varga", "PERSON")
    assert trim_imperative(text, s, []) is s


def test_names_cut_out_of_a_line_written_in_capitals_are_no_entities():
    text = ("BREAKING NEWS: MAYOR TELLS HARBOUR BOARD TO CLOSE THE BRIDGE AS TARSK FLOODS\n"
            "Mayor Ida Vance told the Harbour Board on Monday to close the bridge.\n"
            "The FBI said it was not involved.")
    spans = [_span(text, "MAYOR TELLS HARBOUR BOARD", "PERSON"), _span(text, "TARSK", "GPE"),
             _span(text, "Ida Vance", "PERSON"), _span(text, "Harbour Board", "ORG"), _span(text, "FBI", "ORG")]
    assert _names(text, clean_spans(text, spans)) == [("Ida Vance", "PERSON"), ("Harbour Board", "ORG"), ("FBI", "ORG")]


def test_capital_words_of_a_shouted_line_or_a_contraction_are_no_acronym_organisations():
    text = ("BREAKING NEWS: MAYOR TELLS HARBOUR BOARD TO CLOSE THE BRIDGE AS TARSK FLOODS\n"
            "The board WON’T say when. The FBI said it was not involved.\n")
    _, ents = build_entities(text, [])
    assert {e.name for e in ents if e.type == "ORG"} == {"FBI"}


def test_entities_filters_a_body_named_by_a_list_stays_whole():
    from propscope.analyzers.entities.filters import join_coordinated_bodies
    text = "He was handed to the Ontario Parks, Trails and Rivers Department on Monday."
    a = text.index("Ontario")
    spans = [Span(a, a + len("Ontario Parks"), "ORG"), Span(text.index("Trails"), text.index("Trails") + 6, "NORP"),
             Span(text.index("Rivers"), text.index(" on"), "ORG")]
    got = [(text[s.start : s.end], s.label) for s in join_coordinated_bodies(text, spans)]
    assert got == [("Ontario Parks, Trails and Rivers Department", "ORG")]


def test_entities_filters_a_title_before_a_name_makes_the_office_a_place():
    from propscope.analyzers.entities.filters import trim_office_before_name
    text = "Pike County Sheriff Dana Moss said so."
    spans = [Span(0, 19, "FAC"), Span(20, 29, "PERSON")]
    got = [(text[s.start : s.end], s.label) for s in trim_office_before_name(text, spans)]
    assert got == [("Pike County", "GPE"), ("Dana Moss", "PERSON")]


def test_entities_filters_a_two_word_office_is_not_cut_into_the_place():
    from propscope.analyzers.entities.filters import trim_office_before_name
    text = ("Marlow County District Attorney Ellen Price filed it; the Pike County State's Attorney "
            "Noel Grant agreed, as did the Lane County District Attorney's office.")
    spans = [_span(text, "Marlow County District", "GPE"), _span(text, "Ellen Price", "PERSON"),
             _span(text, "Pike County State's", "FAC"), _span(text, "Noel Grant", "PERSON"),
             _span(text, "Lane County District", "GPE")]
    got = _names(text, trim_office_before_name(text, spans))
    assert got == [("Marlow County", "GPE"), ("Ellen Price", "PERSON"), ("Pike County", "GPE"),
                   ("Noel Grant", "PERSON"), ("Lane County", "GPE")]


def test_entities_filters_a_district_of_a_place_stays_without_a_title():
    from propscope.analyzers.entities.filters import trim_office_before_name
    text = "Voters of the Marlow School District Tuesday rejected it."
    spans = [_span(text, "Marlow School District", "GPE")]
    assert _names(text, trim_office_before_name(text, spans)) == [("Marlow School District", "GPE")]


def test_entities_filters_a_family_in_the_plural_is_not_an_organisation():
    from propscope.analyzers.entities.filters import drop_family_plurals
    text = "Rita Marlow spoke. The Marlows, who own the land, agreed."
    spans = [Span(0, 11, "PERSON"), Span(text.index("Marlows"), text.index("Marlows") + 7, "ORG")]
    got = [(text[s.start : s.end], s.label) for s in drop_family_plurals(text, spans)]
    assert got == [("Rita Marlow", "PERSON")]


def test_entities_a_hashtag_is_no_name():
    text = "The #SaveHarbour Pike rally drew thousands, Ana Pike said."
    a = text.index("SaveHarbour")
    b = text.index("Ana Pike")
    out = clean_spans(text, [Span(a, a + len("SaveHarbour Pike"), "PRODUCT"), Span(b, b + 8, "PERSON")])
    assert [(text[s.start : s.end], s.label) for s in out] == [("Ana Pike", "PERSON")]


def test_entities_an_account_handle_is_no_name():
    text = "— Ana Pike (@anapike) October 3, 2018"
    a = text.index("anapike")
    b = text.index("Ana Pike")
    out = clean_spans(text, [Span(b, b + 8, "PERSON"), Span(a, a + 7, "GPE")])
    assert [(text[s.start : s.end], s.label) for s in out] == [("Ana Pike", "PERSON")]


def test_entities_a_handle_read_with_its_at_sign_is_no_name():
    text = "— Ana Pike (@anapike) October 3, 2018"
    a = text.index("@anapike")
    out = clean_spans(text, [Span(2, 10, "PERSON"), Span(a, a + 8, "NORP")])
    assert [(text[s.start : s.end], s.label) for s in out] == [("Ana Pike", "PERSON")]


def test_entities_a_photo_credit_word_is_no_name():
    # a caption's credit says who sent the picture; the same word in a sentence is left to NER
    text = ("Ana Pike at home. (Submitted by Tom Reyes)\nThe dock in May. Photo: Supplied\n"
            "The Handout Fund paid. Supplied Industries said so.")
    spans = [_span(text, "Submitted", "FAC"), _span(text, "Tom Reyes", "PERSON"), _span(text, "Supplied", "ORG"),
             _span(text, "Handout Fund", "ORG"), _span(text, "Supplied Industries", "ORG"), _span(text, "Ana Pike", "PERSON")]
    got = _names(text, clean_spans(text, sorted(spans, key=lambda s: s.start)))
    assert sorted(got) == sorted([("Ana Pike", "PERSON"), ("Tom Reyes", "PERSON"), ("Handout Fund", "ORG"),
                                  ("Supplied Industries", "ORG")])


def test_entities_filters_a_time_zone_is_no_organisation():
    text = "The vote closed at 9:30 p.m. CST and results came at 10 EDT. Polls open at 2 p.m. ET, said Sen. Roe (D-CT)."
    ner = [_span(text, "CST", "ORG"), _span(text, "Roe", "PERSON")]
    _, entities = build_entities(text, ner)
    names = {(e.name, e.type) for e in entities}
    assert not {n for n, _ in names} & {"CST", "EDT", "ET"}
    assert ("Roe", "PERSON") in names
    gmt = "It starts at midnight GMT. The KLMA voted."
    assert acronym_kind(gmt, gmt.index("GMT"), gmt.index("GMT") + 3) is None
    assert acronym_kind(gmt, gmt.index("KLMA"), gmt.index("KLMA") + 4) == "ORG"


def test_entities_a_person_or_a_one_word_body_needs_a_capital():
    text = "He smoked marijuana daily. The state department said so. Rendition flights ended. Berlin agreed."
    spans = [Span(text.index("marijuana"), text.index("marijuana") + 9, "PERSON"),
             Span(text.index("state department"), text.index("state department") + 16, "ORG"),
             Span(text.index("flights") - 10, text.index("flights") - 1, "ORG"),
             Span(text.index("Berlin"), text.index("Berlin") + 6, "GPE")]
    kept = [text[s.start:s.end] for s in clean_spans(text, spans)]
    assert "marijuana" not in kept  # a person always has a capital in a cased script
    assert "state department" in kept  # a house style may write a body's name in lower case
    assert "Rendition" in kept and "Berlin" in kept
    lower = "he smoked weed. rendition ended."
    assert [lower[s.start:s.end] for s in clean_spans(lower, [Span(17, 26, "ORG")])] == []  # one word, no capital
    arabic = "قال محمد"
    assert clean_spans(arabic, [Span(4, 8, "PERSON")])  # a script without case keeps its names


def test_entities_filters_common_nouns_of_a_shouted_headline_are_no_acronyms():
    text = "MAYOR PUTS CAPS ON WATER USE IN DROUGHT\nThe NDMA and the FEMA met."
    caps, use = text.index("CAPS"), text.index("USE")
    assert acronym_kind(text, caps, caps + 4, [Span(caps, caps + 4, "NNS")], ner=True) is None
    assert acronym_kind(text, use, use + 3, [Span(use, use + 3, "NN")], ner=True) is None
    ndma = text.index("NDMA")  # an acronym in a sentence stays one, whatever its tag
    assert acronym_kind(text, ndma, ndma + 4, [Span(ndma, ndma + 4, "NN")], ner=True) == "ORG"
    short = "NDMA TO BLAME, SAY MAYORS"  # a name of a shouted headline, tagged as one, stays
    k = short.index("NDMA")
    assert acronym_kind(short, k, k + 4, [Span(k, k + 4, "NNP")], ner=True) == "ORG"


def test_entities_filters_a_span_run_into_a_list_loses_the_dangling_and():
    text = "He called police in Lumo & told them. Posts on Facebook and were shared."
    spans = [_span(text, "Lumo &", "ORG"), _span(text, "Facebook and", "WORK_OF_ART")]
    assert _names(text, clean_spans(text, spans)) == [("Lumo", "ORG"), ("Facebook", "WORK_OF_ART")]
