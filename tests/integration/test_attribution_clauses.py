"""Speaker and content classes found on real articles (h-attr3), checked on sentences written
for the test with the shipped models."""

from __future__ import annotations

from propscope.readers.text import read_text

from attribution_helpers import attributions


def _attrs(pipeline, text):
    return attributions(pipeline, text)


def test_a_cue_in_a_relative_clause_says_nothing_of_the_main_clause(pipeline):
    text = ("Somewhere in the “house rules” that Google demands everyone follow is a strange clause. "
            "The league said it would review the rules.\n")
    got = _attrs(pipeline, text)
    assert not any("strange clause" in c for c, _ in got), got
    assert ("it would review the rules", "league") in got or any(c == "it would review the rules" for c, _ in got)


def test_a_body_nouns_document_speaks_for_a_body_of_that_kind(pipeline):
    text = ("Workers at two Harlow Bakery shops have voted to join a union.\n\n"
            "A statement from Teamsters Local 77 said most of the bakers voted yes.\n\n"
            "Maria Olsen, a cashier, said the pay was too low.\n\n"
            "Staff had first raised their concerns in posts on Facebook last year.\n\n"
            "Bakers and cashiers at both shops will be represented from March, according to the union's "
            "Friday release.\n")
    got = _attrs(pipeline, text)
    march = [spk for c, spk in got if "represented from March" in c]
    assert march == ["Teamsters Local 77"], got


def test_a_person_the_words_are_from_is_the_next_he(pipeline):
    text = ("Senator Mark Dunley asked for the files to be released. \"The public deserves to see them,\" he said.\n\n"
            "It was a similar message on Twitter from former Rep. Tomas Garrow of Ohio.\n\n"
            "\"Release the files to the people,\" he wrote.\n")
    got = _attrs(pipeline, text)
    assert [spk for c, spk in got if "Release the files" in c] == ["Tomas Garrow"], got


def test_a_relative_clause_whose_noun_is_the_claims_subject_keeps_the_claim(pipeline):
    # the parser hangs "was at the party" on the main clause; it is still what Roe claimed
    text = "A third guest that Roe claimed was at the party says she was not there.\n"
    got = _attrs(pipeline, text)
    assert any(c.startswith("was at the party") for c, _ in got), got


def test_a_participle_cue_is_said_by_the_subject_its_verb_has(pipeline):
    # the subject is a description, or a name after an opening adjunct: no mention among the first words
    text = ("Harbour pilots in Tallinn have protested for a week.\n\n"
            "A county court judge criticised the port authority on Friday, saying it had ignored the pilots.\n\n"
            "At a rally in Tartu, Mayor Anna Kask struck a calmer tone, saying the talks would resume.\n")
    article = read_text(text, has_title_line=False)
    spans = pipeline.run(article)["attributions"].spans
    sources = [article.text[s.attrs["source"][0] : s.attrs["source"][1]] for s in spans
               if s.attrs["source"] and "ignored the pilots" in article.text[s.start : s.end]]
    assert sources == ["A county court judge"], sources
    got = _attrs(pipeline, text)
    assert [spk for c, spk in got if "talks would resume" in c] == ["Anna Kask"], got


def test_a_possessor_of_a_speech_noun_is_the_source(pipeline):
    text = ("Mayor Anna Kask met the harbour board on Monday.\n\n"
            "In Kask's telling, the talks went well and a deal is close.\n\n"
            "The board has not commented.\n")
    got = _attrs(pipeline, text)
    assert [spk for c, spk in got if "a deal is close" in c] == ["Anna Kask"], got
