"""Speaker ranking for "he"/"she" sources and the continued-quote layout (issue 15 §1, §3)."""

from __future__ import annotations

import re

import pytest

from propscope.analyzers.attribution.analyzer import Found
from propscope.analyzers.attribution.layouts import continued_quotes, only_quotation
from propscope.analyzers.attribution.speakers import AttributionSpeakers, is_furniture
from propscope.analyzers.entities.resolve import EntityRef
from propscope.analyzers.quotes import find_quotes
from propscope.article import Span

from speaker_samples import line_spans, speaker_resolver


_paragraphs = line_spans
_resolver = speaker_resolver


def test_a_reporter_in_a_video_promo_is_not_the_she_who_speaks():
    text = ("Nora Vale keeps her son's photos in a drawer.\n"
            "Her message is simple: do not share pills.\n"
            "The Daily's Tom Reed tells us about the crisis. 10:43.\n"
            "After he died, she urged police to investigate.")
    r = _resolver(text, {"Nora Vale": ("Nora Vale", "f"), "Tom Reed": ("Tom Reed", None)})
    she = text.rindex("she")
    assert r.resolve(she, she + 3).name == "Nora Vale"


def test_the_person_just_introduced_beats_an_earlier_prominent_one():
    text = ("Prime Minister Ian Holt said the bill would pass. Holt said it was fair.\n"
            "Minister Ravi Kand said the policy was broad.\n"
            "\"We listen to everyone,\" he said.")
    r = _resolver(text, {"Ian Holt": ("Ian Holt", "m"), "Holt": ("Ian Holt", "m"), "Ravi Kand": ("Ravi Kand", None)})
    he = text.rindex("he said")
    kand = r.entities["person:ravi-kand"]
    assert r.resolve(he, he + 2, previous=kand).name == "Ravi Kand"


def test_a_known_gender_mismatch_rules_a_candidate_out():
    text = "Mrs Alma Berg spoke first.\nThen he left."
    r = _resolver(text, {"Alma Berg": ("Alma Berg", "f")})
    he = text.rindex("he")
    assert r.resolve(he, he + 2) is None


def test_captions_credits_and_promos_are_furniture():
    assert is_furniture("Luis Tato AFP Getty Images")
    assert is_furniture("Wendy Golden at her home in Amherst. (Steve Lawrence/CBC)")
    assert is_furniture("The Daily's Tom Reed tells us about the crisis. 10:43.")
    assert is_furniture("Story continues below advertisement.")
    assert not is_furniture("Golden said the police did not investigate until 2015.")
    assert not is_furniture("He said the talks continued below the surface.")


def _carry(text: str, found: list[Found]) -> list[tuple[str, str]]:
    paragraphs = _paragraphs(text)
    quotes = find_quotes(text, paragraphs)
    new = continued_quotes(text, paragraphs, quotes, found,
                           lambda span, last: Found([span], None, last.source, speaker=last.speaker), lambda p: False)
    return [(text[f.content[0][0] : f.content[0][1]], f.speaker.name) for f in new]


def test_a_quotation_paragraph_without_cue_continues_the_last_speaker():
    text = ("\"We were not told,\" said Ana Moss.\n"
            "\"Nobody called us. Nobody came.\"\n"
            "\"It took a week.\"\n"
            "The council did not reply.\n"
            "\"This is not over.\"")
    moss = EntityRef("person:ana-moss", "Ana Moss", "PERSON")
    first = Found([(0, text.index(" said"))], None, None, speaker=moss)
    assert _carry(text, [first]) == [("\"Nobody called us. Nobody came.\"", "Ana Moss"),
                                     ("\"It took a week.\"", "Ana Moss")]


def test_a_paragraph_with_words_outside_its_quote_is_not_only_quotation():
    text = "Critics called it \"a disgrace\" on Monday."
    paragraphs = [Span(0, len(text))]
    assert only_quotation(text, paragraphs[0], find_quotes(text, paragraphs)) == []


def test_head_name_is_the_person_not_the_body_that_qualifies_the_role():
    from propscope.analyzers.attribution.speakers import head_name

    def name(m: str) -> str | None:
        r = head_name(m)
        return m[r[0] : r[1]] if r else None

    assert name("Harbour Sharks head coach Lena Ostrova") == "Lena Ostrova"
    assert name("former Bank of Westland governor Piet Dalen") == "Piet Dalen"
    assert name("Coastal Liberal MP Omar Reyes") == "Omar Reyes"
    assert name("the FSDI’s Amal Noor Rahim") == "Amal Noor Rahim"
    assert name("Ivo Baran, Minister of Transport and Ports") == "Ivo Baran"
    assert name("Ivo Baran with the Union of Dock Workers") == "Ivo Baran"
    assert name("Tarn's father, Elias") == "Elias"
    assert name("Hereditary Chief Na'kwet") == "Na'kwet"
    assert name("the National Institute on Rail Safety") is None
    # a part of a body after a possessive is no person's name: the people named before it speak
    assert name("Ana Vell and Tom Rask of the FBI’s Harbour Division") is None
    assert name("the agency’s Field Bureau") is None
    assert name("Westland Rail Workers United") is None


def _org_resolver(text: str, orgs: dict[str, str]) -> AttributionSpeakers:
    mentions, table = [], {}
    for surface, name in orgs.items():
        eid = "org:" + name.lower().replace(" ", "-")
        table[eid] = {"id": eid, "name": name, "type": "ORG", "aliases": [surface]}
        pos = text.find(surface)
        while pos >= 0:
            mentions.append(Span(pos, pos + len(surface), "ORG", {"entity": eid}))
            pos = text.find(surface, pos + 1)
    paragraphs = _paragraphs(text)
    return AttributionSpeakers(text, mentions, list(table.values()), None, paragraphs, paragraphs)


def test_the_company_is_the_organisation_the_story_is_about():
    text = ("Brightline said it would cut fares. Brightline runs six routes.\n"
            "Riders on Brightline compare it with Metrobus.\n"
            "The company said the cut would last a year.")
    r = _org_resolver(text, {"Brightline": "Brightline", "Metrobus": "Metrobus"})
    at = text.index("The company")
    assert r.resolve(at, at + len("The company")).name == "Brightline"


def test_a_place_that_qualifies_a_person_noun_does_not_speak():
    text = "Dunmore is cold.\nA Dunmore hockey coach said the rink was closed."
    r = _org_resolver(text, {})
    r.mentions = [Span(0, 7, "GPE", {"entity": "gpe:dunmore"}), Span(19, 26, "GPE", {"entity": "gpe:dunmore"})]
    r.starts = [m.start for m in r.mentions]
    r.entities["gpe:dunmore"] = EntityRef("gpe:dunmore", "Dunmore", "GPE")
    at = text.index("A Dunmore")
    assert r.resolve(at, at + len("A Dunmore hockey coach")) is None


def test_a_quoted_sentence_of_its_own_continues_the_sentence_before_it():
    text = "\"We will win,\" said Rep. Ann Hale, vowing to vote. \"They should say yes.\" Others disagreed."
    paragraphs = [Span(0, len(text))]
    quotes = find_quotes(text, paragraphs)
    sentences = [Span(0, 51), Span(52, 74), Span(75, len(text))]
    hale = EntityRef("person:ann-hale", "Ann Hale", "PERSON")
    first = Found([(0, 15)], (16, 20), (21, 34), speaker=hale)
    new = continued_quotes(text, paragraphs, quotes, [first],
                           lambda span, last: Found([span], None, last.source, speaker=last.speaker),
                           lambda p: False, sentences)
    assert [(text[f.content[0][0] : f.content[0][1]], f.speaker.name) for f in new] == [
        ("\"They should say yes.\"", "Ann Hale")]


def test_separator_and_promo_paragraphs_put_no_distance_before_a_pronoun():
    text = ("Mayor Lise Orban said the plan works.\n.\nStory continues below advertisement.\n.\n"
            "Councillor Teo Marsh disagreed with her.\n.\nHe said the vote was rushed.")
    r = _resolver(text, {"Lise Orban": ("Lise Orban", "f"), "Teo Marsh": ("Teo Marsh", None)})
    he = text.rindex("He said")
    assert r._story_index[r._par(he)] - r._story_index[r._par(text.index("Councillor"))] == 1
    assert r.resolve(he, he + 2).name == "Teo Marsh"


def test_a_quotation_over_several_lines_of_one_paragraph_continues_the_last_speaker_once():
    # one sentence per line, no blank lines between the lines of a paragraph
    text = ("\"We were not told,\" said Ana Moss.\n\"Nobody called us.\nNobody came.\"\n"
            "The council did not reply.\n\"This is not over.\"\n\nA new paragraph.")
    paragraphs = [Span(0, text.index("\n\n")), Span(text.index("A new"), len(text))]
    quotes = find_quotes(text, paragraphs)
    moss = EntityRef("person:ana-moss", "Ana Moss", "PERSON")
    first = Found([(0, text.index(" said"))], None, None, speaker=moss)
    new = continued_quotes(text, paragraphs, quotes, [first],
                           lambda span, last: Found([span], None, last.source, speaker=last.speaker), lambda p: False)
    assert [(text[f.content[0][0] : f.content[0][1]], f.speaker.name) for f in new] == [
        ("\"Nobody called us.\nNobody came.\"", "Ana Moss")]


def _body_resolver(text: str, bodies: list[str], types: dict[str, str] | None = None) -> AttributionSpeakers:
    mentions, table = [], []
    for name in bodies:
        kind = (types or {}).get(name, "ORG")
        eid = kind.lower() + ":" + name.lower()
        table.append({"id": eid, "name": name, "type": kind, "gender": None, "aliases": []})
        pos = text.find(name)
        while pos >= 0:
            mentions.append(Span(pos, pos + len(name), kind, {"entity": eid}))
            pos = text.find(name, pos + 1)
    mentions.sort(key=lambda m: m.start)
    paragraphs = _paragraphs(text)
    return AttributionSpeakers(text, mentions, table, None, paragraphs, [Span(p.start, p.end) for p in paragraphs])


def test_it_continues_the_body_quoted_last_not_the_body_named_nearest():
    text = ("In a memo, Orvex told staff it was working with Kaltra to restore access.\n"
            "It also told workers to wait.")
    r = _body_resolver(text, ["Orvex", "Kaltra"])
    orvex = r.resolve(text.index("Orvex"), text.index("Orvex") + 5)
    it = text.rindex("It")
    assert r.resolve(it, it + 2, previous=orvex).name == "Orvex"
    # quoted long ago (more than a paragraph back): the nearest body, as before
    far = "Orvex said it was fine.\nAnalysts met.\nPrices rose.\nKaltra moved.\nIt said sales fell."
    r = _body_resolver(far, ["Orvex", "Kaltra"])
    orvex = r.resolve(0, 5)
    it = far.rindex("It")
    assert r.resolve(it, it + 2, previous=orvex).name == "Kaltra"


def test_the_company_continues_the_body_quoted_last():
    text = ("Orvex said it would restore access for Kaltra users. Kaltra, Kaltra and Kaltra phones were hit.\n"
            "The company noted that no customer data was lost.")
    r = _body_resolver(text, ["Orvex", "Kaltra"])
    orvex = r.resolve(0, 5)
    co = text.index("The company")
    assert r.resolve(co, co + len("The company"), previous=orvex).name == "Orvex"


def test_a_group_of_people_a_name_qualifies_is_no_speaker_named():
    from propscope.analyzers.attribution.speakers import _group_of_people

    for mention in ("Treasury officials", "Orvex backers", "people arrested at the Kaltra camp",
                    "Some Norvik politicians", "Kaltra lawmakers", "Norvik troops"):
        assert _group_of_people(mention), mention
    for mention in ("Orvex", "the union", "Jane Roe, a resident"):
        assert not _group_of_people(mention), mention
    text = "Orvex said sales fell.\nOrvex employees said they were worried."
    r = _body_resolver(text, ["Orvex"])
    src = text.index("Orvex employees")
    assert r.resolve(src, src + len("Orvex employees")) is None


def test_a_document_issued_by_a_body_speaks_for_that_body():
    text = ("Kaltra said prices rose.\nOrvex Union members met.\n"
            "A release sent to media from Orvex Union late Friday said talks had failed.")
    r = _body_resolver(text, ["Orvex Union", "Kaltra"])
    src = text.index("A release")
    end = text.index(" said talks")
    assert r.resolve(src, end).name == "Orvex Union"


@pytest.mark.parametrize("text, expected", [
    ("Ana Lind, who chairs the board, said the levy was fair.", "Ana Lind"),
    ("Ana Lind, a lawyer who chairs the board, said the levy was fair.", "Ana Lind"),
    ("As Ana Lind reports, a rally is planned for Friday by residents who say the levy is unfair.", None),
    ("Ana Lind left early. That has not stopped councillors, who say the levy is unfair.", None),
])
def test_attribution_speakers_a_relative_pronoun_stands_for_the_mention_right_before_it(text, expected):
    """Issue 15: "who" is the name it follows, not a name further back."""
    r = _resolver(text, {"Ana Lind": ("Ana Lind", "f")})
    who = text.index("who")
    got = r.resolve(who, who + 3)
    assert (got.name if got else None) == expected


def test_attribution_speakers_a_body_a_leader_names_is_not_the_leader():
    """Issue 15: "the Holt government ordered …" is the government's act, not Ian Holt's words."""
    from propscope.analyzers.attribution.speakers import _group_of_people
    for mention in ("the Holt government", "the Lind administration", "the Kand campaign"):
        assert _group_of_people(mention), mention
    assert not _group_of_people("Ian Holt")


def test_attribution_speakers_a_titled_document_speaks_for_the_body_named_after_it():
    text = ("The Safety Board said brakes failed. Kaltra Rail runs the line.\n"
            "Cold is hard on trains, says a document titled Cold Ledger: Rails in Winter on Kaltra Rail's website.\n"
            "Analysts met. Prices rose.\n"
            "The Safety Board met again.\n"
            "The white paper also said speeds fall in the cold.")
    r = _body_resolver(text, ["Safety Board", "Kaltra Rail", "Cold Ledger"], {"Cold Ledger": "WORK_OF_ART"})
    src = text.index("a document titled")
    assert r.resolve(src, text.index(": Rails")).name == "Kaltra Rail"
    again = text.index("The white paper")
    assert r.resolve(again, again + len("The white paper")).name == "Kaltra Rail"  # the same paper again


def test_attribution_speakers_a_title_product_or_law_never_speaks():
    text = "Orvex said fares rose.\nThe Cold Ledger says trains slow down."
    r = _body_resolver(text, ["Orvex", "Cold Ledger"], {"Cold Ledger": "WORK_OF_ART"})
    src = text.index("Cold Ledger")
    assert r.resolve(src, src + len("Cold Ledger")) is None


def test_attribution_speakers_a_noun_the_body_s_name_holds_names_it_however_far_back():
    text = ("Kaltra Railway moved grain.\nUnion leaders met.\nOrvex Workers United spoke.\nOrvex Workers United left.\n"
            "A.\nB.\nC.\nD.\nE.\nF.\nG.\nOrvex Workers United said more.\n"
            "The Calgary-based railway said it adds engines in winter.")
    r = _body_resolver(text, ["Kaltra Railway", "Orvex Workers United"])
    src = text.index("The Calgary-based railway")
    assert r.resolve(src, src + len("The Calgary-based railway")).name == "Kaltra Railway"
    # a head noun no body's name holds, and not a body noun: no name ("the bureau" of nobody)
    src = text.index("Union leaders")
    assert r.resolve(src, src + len("Union leaders")) is None


def test_attribution_speakers_the_person_a_sentence_introduces_is_the_he_that_follows():
    text = ("Ian Holt said the plan was sound. Holt said it twice.\n"
            "Holt said it again.\n"
            "Ravi Kand was on a trip to Lyon when he was caught in the siege.\n"
            "\"They texted us to wait,\" he said.\n"
            "As officers came, the attackers fired at them, he said.")
    r = _resolver(text, {"Ian Holt": ("Ian Holt", "m"), "Holt": ("Ian Holt", "m"), "Ravi Kand": ("Ravi Kand", None)})
    holt = r.entities["person:ian-holt"]
    first = text.index("he said")
    assert r.resolve(first, first + 2, previous=holt).name == "Ravi Kand"
    # the same "he" one paragraph on, whatever the attribution before it was given to
    second = text.rindex("he said")
    assert r.resolve(second, second + 2, previous=None).name == "Ravi Kand"


def test_attribution_speakers_a_person_named_before_is_no_new_introduction():
    text = ("Ravi Kand met Ian Holt. Holt said it twice.\n"
            "Ravi Kand was on a trip to Lyon.\n"
            "\"They texted us to wait,\" she said.")
    r = _resolver(text, {"Ian Holt": ("Ian Holt", "m"), "Holt": ("Ian Holt", "m"), "Ravi Kand": ("Ravi Kand", None)})
    assert r.just_introduced(text.index("she said"), "f", None) is None


def test_attribution_speakers_separator_lines_put_no_distance_before_the_body_a_document_speaks_for():
    text = ("Brant Hall runs the study.\n.\nAda Roe spoke.\n.\nShe left.\n.\nRain fell.\n.\nBuses ran.\n.\n"
            "Fans met.\n.\nShelter users, according to the preliminary findings, want more beds.")
    r = _body_resolver(text, ["Brant Hall"])
    src = text.index("the preliminary findings")
    assert r.resolve(src, src + len("the preliminary findings")).name == "Brant Hall"


def test_attribution_speakers_a_quotation_cut_into_sentences_still_follows_the_introduction():
    text = ("Ian Holt said the port was closed.\n"
            "Yuni Sari was at home when the water came.\n"
            "\"I heard a rumbling. Then water came in. I ran,\" she said.")
    r = _resolver(text, {"Ian Holt": ("Ian Holt", "m"), "Yuni Sari": ("Yuni Sari", None)})
    par = text.index("\"I heard")
    r.sentences = [s for s in r.sentences if s.start < par] + [
        Span(par, text.index(" Then")), Span(text.index("Then"), text.index(" I ran")), Span(text.index("I ran"), len(text))]
    r.sent_starts = [s.start for s in r.sentences]
    she = text.index("she said")
    assert r.just_introduced(she, "f", (par, she)).name == "Yuni Sari"


def test_attribution_speakers_credit_lines_and_caption_phrases_are_furniture():
    assert is_furniture("Team members are seen in this undated handout photo. Coach Al Roe, second from right, smiles.")
    assert is_furniture("The team at practice. Dana Lee Wu/THE DAILY PRESS.")
    assert is_furniture("Open this photo in gallery The rink at night.")
    assert not is_furniture("He said his/her rights were fine.")
    assert not is_furniture("Flights run Toronto/Montreal.")
    assert not is_furniture("The coach said he saw this photo years ago.")


def test_attribution_speakers_an_indefinite_description_is_the_person_the_next_sentence_introduces():
    text = ("A Lyon hockey coach says he is amazed by the video.\n"
            "Coach Stephen Vale said it was the nicest gift.\n"
            "A senior official said talks continue.\n"
            "Talks resumed on Monday. Ian Holt spoke.")
    r = _resolver(text, {"Stephen Vale": ("Stephen Vale", "m"), "Ian Holt": ("Ian Holt", "m")})
    src = text.index("A Lyon hockey coach")
    assert r.resolve(src, src + len("A Lyon hockey coach")).name == "Stephen Vale"
    src = text.index("A senior official")  # the next sentence introduces no one as its subject
    assert r.resolve(src, src + len("A senior official")) is None


def test_attribution_speakers_they_continues_two_people_quoted_together():
    text = ("Orvex said the vote passed.\n"
            "In a statement, owners Tore Lind and Ada Roe said they respected the vote.\n"
            "\"We value our staff,\" they said.")
    r = _body_resolver(text, ["Orvex"])
    r2 = _resolver(text, {"Tore Lind": ("Tore Lind", "m"), "Ada Roe": ("Ada Roe", "f")})
    src = text.index("owners Tore Lind")
    lind = r2.resolve(src, text.index(" said they"))
    assert lind.name == "Tore Lind"
    they = text.rindex("they said")
    assert r2.resolve(they, they + 4, previous=lind).name == "Tore Lind"
    assert r.resolve(they, they + 4) is None or r.resolve(they, they + 4).name == "Orvex"  # no pair: as before


def test_attribution_speakers_a_possessor_cut_from_its_noun_is_no_speaker():
    text = "Mark Vale was charged.\nVale’s lawyers said the case was political."
    r = _resolver(text, {"Mark Vale": ("Mark Vale", "m"), "Vale": ("Mark Vale", "m")})
    src = text.index("Vale’s")
    assert r.resolve(src, src + len("Vale’s")) is None


def test_attribution_speakers_the_company_continues_the_body_quoted_just_before_however_salient_another():
    text = ("Kaltra blocked apps. Kaltra, Kaltra and Kaltra phones failed. Kaltra was silent. Kaltra shares fell.\n"
            "Kaltra, Kaltra and Kaltra stores closed early. Kaltra staff went home.\n"
            "Orvex said Kaltra has also revoked its access.\n"
            "\"We expect it resolved soon,\" the company said.")
    r = _body_resolver(text, ["Orvex", "Kaltra"])
    orvex = r.resolve(text.index("Orvex"), text.index("Orvex") + 5)
    co = text.index("the company")
    assert r.resolve(co, co + len("the company"), previous=orvex).name == "Orvex"


def test_attribution_speakers_they_after_a_nationality_that_qualifies_a_plural_is_no_one_named():
    text = "Vostranian senators met on Monday.\nThey said they would not vote."
    r = _body_resolver(text, ["Vostranian"], {"Vostranian": "NORP"})
    they = text.index("They")
    assert r.resolve(they, they + 4) is None
    text = "The Vostranians met on Monday.\nThey said they would not vote."
    r = _body_resolver(text, ["Vostranians"], {"Vostranians": "NORP"})
    they = text.index("They")
    assert r.resolve(they, they + 4).name == "Vostranians"


def test_attribution_speakers_groups_and_people_close_to_a_body_are_not_the_body():
    from propscope.analyzers.attribution.speakers import _group_of_people

    assert _group_of_people("Officials at Orvex's Office of Assets Control")
    assert _group_of_people("Proponents of the Kaltra accord")
    text = "Orvex met in March.\nOne source close to Orvex who has seen the plan said it was ready."
    r = _body_resolver(text, ["Orvex"])
    src = text.index("One source")
    assert r.resolve(src, text.index(" said it")) is None


def test_attribution_speakers_head_name_after_a_title_phrase_in_apposition():
    from propscope.analyzers.attribution.speakers import head_name

    for mention, name in (("Former Speaker of the House, Ian Holt, agreed with Roe", "Ian Holt"),
                          ("The president, Ana Lind", "Ana Lind"), ("Orvex Police, Canada", None)):
        got = head_name(mention)
        assert (mention[got[0] : got[1]] if got else None) == name, mention


def test_attribution_speakers_the_person_the_writer_asked_is_the_he_that_answers():
    text = ("Ada Roe wrote to me about her husband. He was poking fun at her, she said. "
            "But is the trend over? I asked barber Tom Vale, who named his shop after his grandmother Mildred. "
            "(He, of course, looks the part.) \u201cThe big beard is over,\u201d he explains.")
    r = _resolver(text, {"Ada Roe": ("Ada Roe", None), "Tom Vale": ("Tom Vale", None), "Mildred": ("Mildred", "f")})
    r.sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^.?)]+[.?)]+\s*|\u201c[^\u201d]+\u201d[^.]*\.", text)]
    r.sent_starts = [s.start for s in r.sentences]
    roe = r.entities["person:ada-roe"]
    he = text.rindex("he explains")
    assert r.just_introduced(he, "m", None).name == "Tom Vale"
    assert r.resolve(he, he + 2, previous=roe).name == "Tom Vale"


def test_attribution_speakers_the_writer_introduces_one_new_person_beside_one_named_before():
    text = ("No, I am not talking about Rex Monti, the actor.\n"
            "Ana Lind and Tom Vale at the shop. (Peter Lee / The Record)\n"
            "I am talking about Ana Lind, who like Monti was born in Lyon. \u201cWe print anything,\u201d "
            "says the 39-year-old founder of the shop.")
    r = _resolver(text, {"Rex Monti": ("Rex Monti", "m"), "Monti": ("Rex Monti", "m"), "Ana Lind": ("Ana Lind", None),
                         "Tom Vale": ("Tom Vale", "m")})
    par = text.index("I am talking about Ana")
    r.sentences = [s for s in r.sentences if s.end <= par] + [Span(par, text.index(" \u201cWe")),
                                                               Span(text.index("\u201cWe"), len(text))]
    r.sent_starts = [s.start for s in r.sentences]
    src = text.index("the 39-year-old founder")
    assert r.resolve(src, src + len("the 39-year-old founder of the shop")).name == "Ana Lind"


def test_attribution_speakers_the_person_an_inverted_cue_names_is_the_description_that_follows():
    text = ("Ian Holt said the shop was full.\n"
            "There is a satisfaction, insists 16-year-old Tom Vale, in finishing a book. "
            "\u201cIt takes months,\u201d says the self-taught resident.")
    r = _resolver(text, {"Ian Holt": ("Ian Holt", "m"), "Tom Vale": ("Tom Vale", None)})
    par = text.index("There is")
    r.sentences = [Span(0, par - 1), Span(par, text.index(" \u201cIt")), Span(text.index("\u201cIt"), len(text))]
    r.sent_starts = [s.start for s in r.sentences]
    holt = r.entities["person:ian-holt"]
    src = text.index("the self-taught resident")
    assert r.resolve(src, src + len("the self-taught resident"), previous=holt).name == "Tom Vale"


def test_attribution_speakers_a_shared_surname_is_the_sharer_quoted_most_so_far():
    text = ("Ana Lind, mother of Tom Lind, says her son was ill. His mother, Ana Lind, says he was anxious.\n"
            "\"He needed help,\" Lind says.")
    r = _resolver(text, {"Ana Lind": ("Ana Lind", "f"), "Tom Lind": ("Tom Lind", "m")})
    tom = r.entities["person:tom-lind"]
    r.mentions.append(Span(text.rindex("Lind"), text.rindex("Lind") + 4, "PERSON", {"entity": tom.id}))
    r.mentions.sort(key=lambda m: m.start)
    r.starts = [m.start for m in r.mentions]
    for src in ("Ana Lind, mother", "His mother, Ana Lind"):
        a = text.index(src)
        r.resolve(a, a + len(src))
    lind = text.rindex("Lind")
    assert r.resolve(lind, lind + 4).name == "Ana Lind"  # the entity layer gave the surname to Tom


def test_attribution_speakers_a_person_after_a_fronted_clause_is_the_subject_just_introduced():
    text = ("Stacy Vale said the week was calm.\n"
            "When asked which is harder, Mark Mulvane did not hesitate.\n"
            "\"This, for sure,\" he said.")
    r = _resolver(text, {"Stacy Vale": ("Stacy Vale", "f"), "Mark Mulvane": ("Mark Mulvane", None)})
    vale = r.entities["person:stacy-vale"]
    he = text.index("he said")
    assert r.resolve(he, he + 2, previous=vale).name == "Mark Mulvane"



def test_attribution_speakers_a_he_whose_words_name_a_man_is_not_that_man():
    text = ("Oskar Brandt, a ferry clerk, watched from the pier.\n"
            "The captain, Emil Sund, was on deck when the storm hit.\n"
            "Sund and two deckhands hid below, he said, but the ferry drifted.")
    names = {"Oskar Brandt": ("Oskar Brandt", "m"), "Emil Sund": ("Emil Sund", "m"), "Sund": ("Emil Sund", "m")}
    he = text.rindex("he said")
    pieces = [(text.index("Sund and"), text.index(", he said")), (text.index("but the"), len(text) - 1)]
    skip = (pieces[0][0], pieces[-1][1])
    assert _resolver(text, names).resolve(he, he + 2, skip=skip, words=pieces) is None  # he speaks of Sund: not Sund, left open
    assert _resolver(text, names).resolve(he, he + 2, skip=skip).name == "Emil Sund"  # without his words: the last man


def test_a_body_named_by_its_kind_that_spoke_last_can_be_the_body_a_noun_continues():
    # the previous speaker is a body named by its kind ("body:…"), which is in no entity table:
    # "the department" weighs it with the bodies the table holds instead of failing
    text = ("The Tarsk fire department said the blaze was out.\n"
            "Acme Marine said its boats were safe.\n"
            "The department said the harbour would reopen.\n")
    res = _resolver(text, {})
    org = "org:acme-marine"
    res.entities[org] = EntityRef(org, "Acme Marine", "ORG")
    res.mentions = [Span(text.index("Acme"), text.index("Acme") + 11, "ORG", {"entity": org})]
    res.starts = [m.start for m in res.mentions]
    previous = EntityRef("body:the-tarsk-fire-department", "the Tarsk fire department", "ORG")
    res.spoke_at[previous.id] = text.index("The Tarsk")
    start = text.index("The department")
    got = res.nearest_body(start, None, previous, head="department")
    assert got is not None and got.id in (previous.id, org)


def test_the_recent_subject_whose_gender_matches_beats_the_last_speaker_of_unknown_gender():
    text = ("Dana Quill demanded a vote on the bill.\n"
            "\"It must pass now,\" Dana Quill said.\n"
            "Dana Quill, Lena Ostrova and Omar Reyes have all signed the letter.\n"
            "Omar Reyes also is raising money for his campaign.\n"
            "\"Sign it today,\" he tweeted.")
    r = _resolver(text, {"Dana Quill": ("Dana Quill", None), "Lena Ostrova": ("Lena Ostrova", "f"),
                         "Omar Reyes": ("Omar Reyes", "m")})
    said = text.index("Dana Quill said")
    quill = r.resolve(said, said + len("Dana Quill"))
    he = text.rindex("he tweeted")
    assert r.resolve(he, he + 2, previous=quill).name == "Omar Reyes"


def test_a_place_inside_the_description_of_a_study_is_not_its_speaker():
    text = "A second survey that counted overdose deaths in Westmark from 2015 to 2018 found a rise."
    r = _body_resolver(text, ["Westmark"], {"Westmark": "GPE"})
    src = text[: text.index(" found")]
    assert r.resolve(0, len(src)) is None
    # a study by a body still speaks for it
    text = "A study by Westmark found a rise."
    r = _body_resolver(text, ["Westmark"], {"Westmark": "ORG"})
    assert r.resolve(0, text.index(" found")).name == "Westmark"


def test_people_described_by_a_place_are_not_the_place():
    for text in ("Federal officials in Westmark issued a warning last year.",
                 "Longtime residents of Westmark said the river had never been so low."):
        r = _body_resolver(text, ["Westmark"], {"Westmark": "GPE"})
        cut = text.index(" issued") if "issued" in text else text.index(" said")
        assert r.resolve(0, cut) is None


def test_a_business_description_takes_a_business_not_the_public_body_named_nearest():
    text = ("Orvex removed hundreds of pages on Friday.\n"
            "Critics said Orvex and Kaltra had gone too far.\n"
            "Prices fell.\n"
            "In a note by Orvex Head of Security Ana Lind, once of the Westland Security Council, "
            "the social media platform said it acted.")
    r = _body_resolver(text, ["Orvex Head of", "Westland Security Council", "Orvex", "Kaltra"])
    # NER's cut name "Orvex Head of" is a mention of Orvex; no "Orvex" inside it is a mention of its own
    cut = text.index("Orvex Head of")
    r.mentions = [m for m in r.mentions if not (m.start == cut and m.end == cut + len("Orvex"))]
    r.starts = [m.start for m in r.mentions]
    src = text.index("the social media platform")
    assert r.resolve(src, src + len("the social media platform")).name == "Orvex"
    # no business named: no speaker rather than the council
    text = "Officials at the Westland Security Council met.\nThe platform said it acted."
    r = _body_resolver(text, ["Westland Security Council"])
    src = text.index("The platform")
    assert r.resolve(src, src + len("The platform")) is None


def test_attribution_speakers_a_person_described_by_a_body_is_the_person_named_near_not_the_body():
    # "a Supreme Court justice wrote" resolved to the court named inside the description
    text = ("A Norvik Supreme Court justice wrote that the firm acted in bad faith.\n"
            "Justice Ann Dow also ordered costs.\n"
            "Justice Ida Roe heard the appeal in May.\n"
            "Talks resumed on Monday.\n"
            "A Norvik Supreme Court justice wrote that the appeal failed.\n"
            "A Norvik Harbour Board clerk said the ferry was late.")
    mentions, table = [], []
    for name, kind in (("Norvik Supreme Court", "ORG"), ("Norvik Harbour Board", "ORG"), ("Ann Dow", "PERSON"),
                       ("Ida Roe", "PERSON")):
        eid = kind.lower() + ":" + name.lower().replace(" ", "-")
        table.append({"id": eid, "name": name, "type": kind, "gender": "f" if kind == "PERSON" else None,
                      "aliases": []})
        for m in re.finditer(name, text):
            mentions.append(Span(m.start(), m.end(), kind, {"entity": eid}))
    mentions.sort(key=lambda m: m.start)
    paragraphs = _paragraphs(text)
    r = AttributionSpeakers(text, mentions, table, None, paragraphs, [Span(p.start, p.end) for p in paragraphs])
    src = "A Norvik Supreme Court justice"
    first = text.index(src)
    assert r.resolve(first, first + len(src)).name == "Ann Dow"  # named in the next sentence
    later = text.rindex(src)
    assert r.resolve(later, later + len(src)) is None  # two justices named before: neither, and not the court
    clerk = text.index("A Norvik Harbour Board clerk")
    assert r.resolve(clerk, clerk + len("A Norvik Harbour Board clerk")) is None  # no clerk named: not the board
    text2 = ("Justice Ann Dow heard the case.\nTalks resumed on Monday.\n"
             "A Norvik Supreme Court justice wrote that it failed.")
    mentions2 = [Span(m.start(), m.end(), "PERSON", {"entity": "person:ann-dow"})
                 for m in re.finditer("Ann Dow", text2)]
    mentions2 += [Span(m.start(), m.end(), "ORG", {"entity": "org:norvik-supreme-court"})
                  for m in re.finditer("Norvik Supreme Court", text2)]
    mentions2.sort(key=lambda m: m.start)
    p2 = _paragraphs(text2)
    r2 = AttributionSpeakers(text2, mentions2, table, None, p2, [Span(p.start, p.end) for p in p2])
    at = text2.index(src)
    assert r2.resolve(at, at + len(src)).name == "Ann Dow"  # the one justice named before


def test_attribution_speakers_a_document_named_by_a_role_speaks_for_the_role_holder():
    # "The IG report confirmed …" resolved to an entity "IG", not the inspector general named before
    text = ("On Monday, Inspector General Ann Dow testified before the panel.\n"
            "Orvex staff were quiet.\n"
            "The IG report confirmed that the rules were broken.\n"
            "The Orvex report said otherwise.")
    mentions, table = [], []
    for name, kind in (("Ann Dow", "PERSON"), ("IG", "ORG"), ("Orvex", "ORG")):
        eid = kind.lower() + ":" + name.lower().replace(" ", "-")
        table.append({"id": eid, "name": name, "type": kind, "gender": None, "aliases": []})
        for m in re.finditer(rf"\b{name}\b", text):
            mentions.append(Span(m.start(), m.end(), kind, {"entity": eid}))
    mentions.sort(key=lambda m: m.start)
    paragraphs = _paragraphs(text)
    r = AttributionSpeakers(text, mentions, table, None, paragraphs, [Span(p.start, p.end) for p in paragraphs])
    src = text.index("The IG report")
    assert r.resolve(src, src + len("The IG report")).name == "Ann Dow"
    src = text.index("The Orvex report")
    assert r.resolve(src, src + len("The Orvex report")).name == "Orvex"  # a body's report: as before


def test_attribution_speakers_a_title_is_no_part_of_a_person_named_by_the_source():
    text = "Aino Varis of the agency spoke first.\nLater Mr Varis, the agency's deputy head, said the risk had grown."
    r = _resolver(text, {"Aino Varis": ("Aino Varis", "m")})
    a = text.index("Mr Varis")
    assert r.person_named(a, a + len("Mr Varis")).id == "person:aino-varis"


def test_attribution_speakers_a_business_role_repeats_the_person_an_earlier_one_was_resolved_to():
    text = ("I am talking about Ana Lind, who opened a print shop in Lyon.\n"
            "\u201cWe print anything,\u201d says the 39-year-old founder of the shop.\n"
            "\u201cMost places want a thousand copies,\u201d says her partner, Tom Vale.\n"
            "\u201cOne!\u201d says the cheerful proprietor.")
    r = _resolver(text, {"Ana Lind": ("Ana Lind", "f"), "Tom Vale": ("Tom Vale", "m")})
    founder = text.index("the 39-year-old founder")
    assert r.resolve(founder, founder + len("the 39-year-old founder of the shop")).name == "Ana Lind"
    vale = text.index("Tom Vale")
    r.resolve(vale, vale + len("Tom Vale"))
    owner = text.index("the cheerful proprietor")
    assert r.resolve(owner, owner + len("the cheerful proprietor"),
                     previous=r.entities["person:tom-vale"]).name == "Ana Lind"


@pytest.mark.parametrize("source, owner", [
    ("Ian Lind's report", "Ian Lind"),
    ("Pellton's Street Needs Assessment", "Pellton"),
    ("Ian Lind's latest housing plan", "Ian Lind"),
])
def test_attribution_speakers_a_document_a_name_owns_speaks_for_the_owner(source, owner):
    text = f"Mayor Ian Lind spoke in Pellton on Monday.\n{source} says 4,000 homes will be built by 2030."
    r = _body_resolver(text, ["Ian Lind", "Pellton", "Street Needs Assessment"],
                       {"Ian Lind": "PERSON", "Pellton": "GPE"})
    at = text.index(source)
    assert r.resolve(at, at + len(source)).name == owner


def test_a_body_noun_opening_a_role_before_a_name_is_no_group():
    from propscope.analyzers.attribution.naming import _group_at_sentence_start

    text = "Campaign chair Ana Roe said the row was absurd. Officials at the Norvik campaign said nothing."
    roe = text.index("Campaign chair Ana Roe")
    assert not _group_at_sentence_start(text, (roe, roe + len("Campaign chair Ana Roe")))
    officials = text.index("Officials at the Norvik campaign")
    assert _group_at_sentence_start(text, (officials, officials + len("Officials at the Norvik campaign")))
