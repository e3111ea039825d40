"""Relays in every common form (issue 15 §5): the speaker is whose words they are, the relay
who passed them on; texts written for these tests."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.analyzer import Found, _according_to_tail, _split_relay, _trailing_relay
from propscope.analyzers.attribution.relays import (according_to_inner, is_outlet_name, is_reporter, relay_name,
                                                    relay_in_sentence, relay_piece)
from propscope.article import Span


def _find(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _relay(text: str, content: str, cue: str, source: str) -> str | None:
    span = relay_in_sentence(text, [_find(text, content)], _find(text, cue), _find(text, source), (0, len(text)))
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize("text, content, cue, source, relay", [
    ('"We will not pay," Ivan Petrov told Reuters on Monday.', '"We will not pay,"', "told", "Ivan Petrov",
     "Reuters"),
    ("Speaking in an interview with the Kommersant newspaper, Petrov said the talks had failed.",
     "the talks had failed", "said", "Petrov", "the Kommersant"),
    ("Sitting down with The Hill earlier, Mara Lind said the case was weak.", "the case was weak", "said",
     "Mara Lind", "The Hill"),
    ('"It will not be covert," wrote Ana Kell in an article for Foreign Policy.', '"It will not be covert,"',
     "wrote", "Ana Kell", "Foreign Policy"),
    ('"Nobody is safe," said an official who was quoted in a New Yorker article.', '"Nobody is safe,"', "said",
     "an official", "New Yorker"),
    ("Ana Rell said she would close the border, according to a report by Bloomberg.com.",
     "she would close the border", "said", "Ana Rell", "Bloomberg.com"),
    ("The strike is over, union leader Mara Lind said (BelTA).", "The strike is over", "said",
     "union leader Mara Lind", "BelTA"),
    ("Mara Lind told the hosts at Reuters TV that the strike was over.", "the strike was over", "told",
     "Mara Lind", "Reuters TV"),
])
def test_relays_every_common_form_names_the_outlet(text, content, cue, source, relay):
    assert _relay(text, content, cue, source) == relay


@pytest.mark.parametrize("text, content, cue, source", [
    ('"We cannot wait," Lind told the minister.', '"We cannot wait,"', "told", "Lind"),
    ('"We cannot wait," Lind told reporters.', '"We cannot wait,"', "told", "Lind"),
    ('"We cannot wait," Lind told the head of Reuters TV.', '"We cannot wait,"', "told", "Lind"),  # an addressee
    ('"We cannot wait," Lind told Oleg Petrov, the finance minister.', '"We cannot wait,"', "told", "Lind"),
    ("Lind said the deal, reported by Reuters last week, was dead.", "the deal, reported by Reuters last week, was dead",
     "said", "Lind"),
])
def test_relays_an_addressee_or_words_inside_the_content_are_no_relay(text, content, cue, source):
    assert _relay(text, content, cue, source) is None


def test_relays_told_a_journalist_the_article_calls_a_reporter():
    text = ("Investigative reporter Sara Colt has the files. \"This is not about bribery,\" an official told Colt. "
            "\"It is over,\" the mayor told Petrov.")
    assert is_reporter(text, "Colt") and not is_reporter(text, "Petrov")
    first = text[: text.index(" \"It is")]
    assert _relay(first, '"This is not about bribery,"', "told", "an official") == "Colt"
    second = text[text.index("\"It is") :]
    assert _relay(second, '"It is over,"', "told", "the mayor") is None


def test_relays_outlet_names_from_the_registry_or_their_own_words():
    assert is_outlet_name("Reuters") and is_outlet_name("the Norvik news agency") and is_outlet_name("RT")
    assert is_outlet_name("Iran's state television")
    assert not is_outlet_name("the Justice Ministry in Oslo") and not is_outlet_name("Mara Lind")
    assert not is_outlet_name("the ministry's press office")


def test_relays_named_by_the_registry_canonical_name():
    assert relay_name("the Free Beacon") == "Washington Free Beacon"
    assert relay_name("Bloomberg.com") == "Bloomberg"
    assert relay_name("the Daily Caller News Foundation") == "Daily Caller News Foundation"
    assert relay_name("the Norvik Courier") == "Norvik Courier"  # unknown: its own words
    assert is_outlet_name("the Free Beacon") and is_outlet_name("Democracy Now!")


def test_relays_a_ministry_saying_something_is_the_speaker_not_a_relay():
    text = "Norway will not extradite him, the Justice Ministry in Oslo said."
    f = Found([_find(text, "Norway will not extradite him")], _find(text, "said"), _find(text, "Norway"))
    mentions = [Span(*_find(text, "Norway"), "GPE"), Span(*_find(text, "Justice Ministry"), "ORG")]
    assert _trailing_relay(text, f, Span(0, len(text)), mentions) is None
    wire = "Talks will resume, the minister said, the Norvik news agency reported."
    f = Found([_find(wire, "Talks will resume")], _find(wire, "said"), _find(wire, "the minister"))
    a, b = _trailing_relay(wire, f, Span(0, len(wire)), [])
    assert wire[a:b] == "the Norvik news agency"


def test_relays_according_to_an_outlet_then_a_speaker_is_inverted():
    text = "According to Interfax, Lind said the strike was over."
    hit = according_to_inner(text, [_find(text, "the strike was over")], _find(text, "said"), _find(text, "Interfax"))
    assert hit is not None
    who, verb, start = hit
    assert text[who[0] : who[1]] == "Lind" and text[verb[0] : verb[1]] == "said"
    assert text[start:].startswith("the strike")
    body = "According to the ministry, Lind said the strike was over."  # no outlet: the tagger's reading stands
    assert according_to_inner(body, [_find(body, "the strike was over")], _find(body, "said"),
                              _find(body, "the ministry")) is None


def test_relays_a_content_piece_that_is_only_a_relay_phrase():
    text = "The strike is over, union leader Mara Lind said, as quoted by BelTA."
    a, b = relay_piece(text, _find(text, "as quoted by BelTA"))
    assert text[a:b] == "BelTA"
    assert relay_piece(text, _find(text, "The strike is over")) is None


def test_saying_a_verb_of_judging_with_a_noun_object_states_no_claim():
    from propscope.analyzers.attribution.saying import states_a_claim

    assert not states_a_claim("then called out", "the traitors in the council")
    assert not states_a_claim("has openly criticized", "the plan and its author")
    assert states_a_claim("criticized", "that the plan came late")
    assert states_a_claim("said", "the plan came late")


def test_relays_an_entity_named_by_an_alias_shows_the_outlet_canonical_name():
    from propscope.analyzers.attribution.analyzer import _relay_display
    assert _relay_display("Free Beacon") == "Washington Free Beacon"
    assert _relay_display("the Free Beacon") == "Washington Free Beacon"
    assert _relay_display("TheDCNF") == "Daily Caller News Foundation"
    assert _relay_display("Ana Kell") == "Ana Kell"  # a journalist relay keeps her name


def test_relays_an_outlet_speaker_named_by_an_alias_shows_its_canonical_name():
    from propscope.analyzers.attribution.analyzer import _speaker_display
    from propscope.analyzers.entities.resolve import EntityRef
    assert _speaker_display(EntityRef("org:x", "TheDCNF", "ORG")) == "Daily Caller News Foundation"
    assert _speaker_display(EntityRef("org:y", "Norvik Port Authority", "ORG")) == "Norvik Port Authority"
    assert _speaker_display(EntityRef("person:z", "Ana Kell", "PERSON")) == "Ana Kell"


@pytest.mark.parametrize("source, expected", [
    ("the head of the Harbour Command, Ana Marie Kell", "Ana Marie Kell"),
    ("Former Speaker of the Assembly, Bo Lind, agreed with Kell", "Bo Lind"),
    ("Kostel's party, the DCM", "Kostel's party, the DCM"),  # no name in apposition
    ("Norvik, Tarsk Lind", "Norvik, Tarsk Lind"),  # no role before the comma
])
def test_attribution_a_role_then_a_name_in_apposition_is_the_name(source, expected):
    from propscope.analyzers.attribution.analyzer import _appositive_name
    text = source + " said the port was closed."
    f = Found([(len(source) + 6, len(text) - 1)], (len(source) + 1, len(source) + 5), (0, len(source)))
    _appositive_name(text, f)
    assert text[f.source[0] : f.source[1]] == expected


def test_attribution_a_source_run_back_over_a_comma_gives_the_clause_to_the_name():
    from propscope.analyzers.attribution.analyzer import _clause_before_source
    text = "Ports in the north are just empty shells, Norvik mayor Ana Kell has said, adding that fees must fall."
    src = (text.index("empty shells"), text.index(" has said"))
    cue = (text.index("has said"), text.index(", adding"))
    f = Found([(text.index("that fees"), len(text) - 1)], cue, src)
    _clause_before_source(text, f, [Span(0, len(text))], [0], [])
    assert text[f.source[0] : f.source[1]] == "Norvik mayor Ana Kell"
    assert [text[a:b] for a, b in f.content] == ["Ports in the north are just empty shells", "that fees must fall"]
    g = Found([(text.index("that fees"), len(text) - 1)], cue, (text.index("Norvik"), text.index(" has said")))
    _clause_before_source(text, g, [Span(0, len(text))], [0], [])
    assert len(g.content) == 1  # a plain name: nothing to move


def test_attribution_a_group_of_people_opening_the_sentence_names_no_one():
    from propscope.analyzers.attribution.analyzer import _group_at_sentence_start
    text = "Officials at Norvik's Harbour Office said the port was shut."
    assert _group_at_sentence_start(text, (0, text.index(" said")))
    text = "Ana Kell said the port was shut."
    assert not _group_at_sentence_start(text, (0, 8))
    text = "officials at the office said so."
    assert not _group_at_sentence_start(text, (0, 23))  # lower case already: the resolver's own test


def test_attribution_acronyms_the_text_defines_name_the_body_in_full():
    from propscope.analyzers.attribution.analyzer import _acronym_speaker, _speaker_display, acronym_definitions
    from propscope.analyzers.entities.resolve import EntityRef
    text = ("On Monday US Harbour and Border Control (HBC) said the port was shut. The HBC said it would reopen. "
            "Ana Kell (NPR) spoke.")
    defs = acronym_definitions(text)
    assert defs == {"HBC": "US Harbour and Border Control"}
    src = text.index("The HBC"), text.index("The HBC") + 7
    assert _acronym_speaker(text, src, defs).name == "US Harbour and Border Control"
    full = text.index("US Harbour"), text.index(" said")
    assert _acronym_speaker(text, full, defs).name == "US Harbour and Border Control"
    assert _acronym_speaker(text, (text.index("Ana Kell"), text.index(" (NPR)")), defs) is None  # no initials
    assert _speaker_display(EntityRef("person:x", "Bo Lind (R-Norvik", "PERSON")) == "Bo Lind"


def test_relays_an_outlet_named_in_full_then_by_its_last_word():
    from propscope.analyzers.attribution.relays import short_outlet
    text = ("The Washington Free Beacon obtained the plan. \"It is over,\" said the source, who would only speak to "
            "the Beacon on background.")
    assert short_outlet(text, "the Beacon", text.index("the Beacon on")) == "Washington Free Beacon"
    assert short_outlet(text, "the Beacon", 3) is None  # not named before
    assert short_outlet(text, "the Harbour", len(text)) is None
    span = relay_in_sentence(text, [_find(text, '"It is over,"')], _find(text, "said"), _find(text, "the source"),
                             (text.index('"It'), len(text)))
    assert span is not None and text[span[0] : span[1]] == "the Beacon"


def test_attribution_a_quoted_title_in_the_source_is_no_speaker():
    from propscope.analyzers.attribution.analyzer import _quoted_title
    text = "An article, “What the Harbour Means for Norvik,” published on Monday, went unnoticed."
    src = (0, text.index(" published"))
    assert _quoted_title(text, src, "Harbour Means for Norvik")
    text2 = "Ana Kell, author of “Harbour Days,” said the port was shut."
    assert not _quoted_title(text2, (0, text2.index(" said")), "Ana Kell")


def test_relays_a_body_saying_a_name_did_something_is_the_speaker_not_a_relay():
    from propscope.analyzers.attribution.analyzer import _relaying_split
    text = "The harbour office said Ana Kell stressed that the port will close."
    content = [(text.index("Ana Kell"), len(text) - 1)]
    f = Found(content, (text.index("said"), text.index("said") + 4), (0, text.index(" said")))
    mentions = [Span(text.index("Ana Kell"), text.index(" stressed"), "PERSON")]
    assert _relaying_split(text, f, mentions) is None  # the office speaks; no outlet relays Kell
    text2 = "Reuters said Ana Kell stressed that the port will close."
    f2 = Found([(text2.index("Ana Kell"), len(text2) - 1)], (8, 12), (0, 7))
    inner = _relaying_split(text2, f2, [Span(text2.index("Ana Kell"), text2.index(" stressed"), "PERSON")])
    assert inner is not None and text2[inner.source[0] : inner.source[1]] == "Ana Kell"


def test_attribution_a_name_the_entity_cut_short_is_shown_whole():
    from propscope.analyzers.attribution.analyzer import _fuller_name
    from propscope.analyzers.entities.resolve import EntityRef
    text = "Ana O’Kell said the port was shut."
    cut = EntityRef("person:ana", "Ana", "PERSON")
    src = (0, text.index(" said"))
    assert _fuller_name(text, src, cut).name == "Ana O’Kell"
    assert _fuller_name(text, src, cut).id == "person:ana"
    other = EntityRef("person:bo", "Bo Lind", "PERSON")
    assert _fuller_name(text, src, other) is other  # not the same name: kept
    assert _fuller_name("the harbour master said so.", (0, 17), cut) is cut  # no name run


def test_attribution_a_mission_speaks_under_its_name_with_its_place():
    from propscope.analyzers.attribution.analyzer import _body_in_place
    from propscope.analyzers.entities.resolve import EntityRef
    text = "The Norvik Mission in Tarsk issued an alert saying the port was shut."
    src = (4, text.index(" in Tarsk"))
    ref = _body_in_place(text, src, EntityRef("org:m", "Norvik Mission", "ORG"))
    assert ref.name == "Norvik Mission in Tarsk" and ref.id == "org:m"
    person = EntityRef("person:x", "Ana Kell", "PERSON")
    assert _body_in_place(text, src, person) is person
    text2 = "The Norvik Port Authority in Tarsk said so."
    auth = EntityRef("org:p", "Norvik Port Authority", "ORG")
    assert _body_in_place(text2, (4, text2.index(" in")), auth) is auth  # no mission or embassy


def test_attribution_a_post_signed_in_the_other_name_order_is_the_articles_person():
    from propscope.analyzers.attribution.analyzer import _post_authors

    class _Resolver:
        def person_named(self, a: int, b: int) -> None:
            raise AssertionError("the article's person should be taken")

    text = "We will not give in. Posted by Kéll Ána on Monday"
    f = Found([(0, 20)], None, (text.index("Kéll"), text.index(" on Monday")), layout="post")
    _post_authors(text, [f], _Resolver(), [{"id": "person:ana-kell", "name": "Ana Kell", "type": "PERSON"}])
    assert f.speaker is not None and f.speaker.name == "Ana Kell"


def test_relays_a_pronoun_speakers_quotation_is_not_split_into_a_relay():
    from propscope.analyzers.attribution.analyzer import _relaying_split
    text = '"They told us by phone that the ferry would come, and it came," he said.'
    content = [(0, text.index(" he said"))]
    cue = (text.index("said"), text.index("said") + 4)
    f = Found(content, cue, (text.index("he said"), text.index("he said") + 2))
    assert _relaying_split(text, f, []) is None  # his own story: "They" is no speaker he relays
    text2 = "He said they told the crew that the ferry would come."
    f2 = Found([(text2.index("they"), len(text2) - 1)], (3, 7), (0, 2))
    inner = _relaying_split(text2, f2, [])
    assert inner is not None and text2[inner.source[0] : inner.source[1]] == "they"  # reported speech still split


def test_a_source_that_joins_two_people_names_no_single_speaker():
    from propscope.analyzers.attribution.naming import _joint_source

    text = "The pact he and Vance signed said the port would open. Ida Vance and Tom Kell agreed. Ida Vance said so."
    assert _joint_source(text, (text.index("he and"), text.index(" signed")))
    assert _joint_source(text, (text.index("Ida Vance and"), text.index(" agreed")))
    assert not _joint_source(text, (text.rindex("Ida Vance"), text.rindex(" said")))
    shop = "Marks and Spencer said sales rose."
    assert not _joint_source(shop, (0, shop.index(" said")), "Marks and Spencer")  # one body


def test_a_share_of_a_bodys_people_is_no_speaker_named_by_the_body():
    from propscope.analyzers.attribution.naming import _share_of_body

    text = "as many in the Harbour Board and elsewhere have urged; the Harbour Board said no."
    assert _share_of_body(text, (text.index("many"), text.index(" have")))
    assert not _share_of_body(text, (text.rindex("the Harbour Board"), text.rindex(" said")))


def test_an_unnamed_source_is_no_name_near_its_qualifier():
    from propscope.analyzers.attribution.naming import _unnamed_source

    text = "The source familiar with the report said so. A source, Ida Vance, said so. The NPT report said so."
    assert _unnamed_source(text, (0, text.index(" said")), "NPT")  # the resolver's guess from nearby
    assert not _unnamed_source(text, (text.index("A source"), text.rindex(" said")), "Ida Vance")
    assert not _unnamed_source(text, (text.index("The NPT report"), text.rindex(" said")), "NPT")


def test_naming_joint_names_speak_as_a_pair() -> None:
    # regression: "Tanya and Jason Badger said …" had no speaker (PTC dev 777869943)
    from propscope.analyzers.attribution.naming import joint_names
    text = ("Ada and Tom Vale said they saw him. Ida Roe and Ben Hart agreed. Marks and Spencer said so. "
            "He and Kim spoke.")
    assert joint_names(text, (0, text.index(" said"))) == "Ada and Tom Vale"
    assert joint_names(text, (text.index("Ida"), text.index(" agreed"))) == "Ida Roe and Ben Hart"
    assert joint_names(text, (text.index("Marks"), text.index(" said so"))) is None  # one body
    assert joint_names(text, (text.index("He and"), text.index(" spoke"))) is None  # a pronoun joined


def test_analyzer_list_above_source_is_not_its_content() -> None:
    # regression: a rules list above "The Daily Star said that …" was kept as the paper's words (PTC dev 794141509)
    from propscope.analyzers.attribution.analyzer import Found, _list_before_source
    text = ("Use fake names\nBuy likes for pages\nSell accounts to others\n"
            "The Daily Star said that the pages were removed for spam.")
    src = text.index("The Daily Star")
    f = Found(content=[(0, src - 1), (text.index("the pages"), len(text) - 1)],
              cue=(text.index("said"), text.index("said") + 4), source=(src, src + 14))
    _list_before_source(text, f)
    assert f.content == [(text.index("the pages"), len(text) - 1)]
    prose = "He spoke first.\nShe replied.\nThey left.\n" + text[src:]  # sentences, not items: kept
    g = Found(content=[(0, 40), (41, 50)], cue=None, source=(40, 54))
    _list_before_source(prose, g)
    assert len(g.content) == 2


def test_naming_joint_names_drop_the_role_before_each_name() -> None:
    # a joint source with roles resolved to its last name only
    from propscope.analyzers.attribution.naming import joint_names
    text = ("Trade deputy minister Walt Roe and associate deputy minister Lisa Lind said so. "
            "Kalt owners Tore Lind and Ada Roe agreed. The wife of Tom Vale and Ida Roe spoke. "
            "Ada and Tom Vale said they saw him.")
    assert joint_names(text, (0, text.index(" said so"))) == "Walt Roe and Lisa Lind"
    assert joint_names(text, (text.index("Kalt owners"), text.index(" agreed"))) == "Tore Lind and Ada Roe"
    assert joint_names(text, (text.index("The wife"), text.index(" spoke"))) is None  # the wife speaks
    assert joint_names(text, (text.index("Ada and"), text.rindex(" said"))) == "Ada and Tom Vale"


def test_relays_according_to_anyone_after_a_verb_of_telling_relays_the_teller():
    text = "Ian Lind told aides that he viewed Roe as a threat, according to someone in attendance."
    f = Found([_find(text, "that he viewed Roe as a threat, according to someone in attendance")], _find(text, "told"),
              _find(text, "Ian Lind"))
    _according_to_tail(text, f)
    assert text[f.content[0][0] : f.content[0][1]] == "that he viewed Roe as a threat"
    span = _trailing_relay(text, f, Span(0, len(text)), [])
    assert span is not None and text[span[0] : span[1]] == "someone in attendance"


def test_relays_according_to_a_rule_after_a_verb_of_saying_is_no_relay():
    text = "The ministry said the plan follows the rules, according to the treaty."
    f = Found([_find(text, "the plan follows the rules, according to the treaty")], _find(text, "said"),
              _find(text, "The ministry"))
    _according_to_tail(text, f)
    assert text[f.content[0][0] : f.content[0][1]] == "the plan follows the rules, according to the treaty"
    assert _trailing_relay(text, f, Span(0, len(text)), []) is None


def test_relays_the_addressee_of_told_is_no_part_of_the_words_relayed():
    text = "Mayor Ian Lind told council members that the budget was final, according to two aides."
    outer = Found([_find(text, "Mayor Ian Lind told council members that the budget was final")],
                  _find(text, "according to"), _find(text, "two aides"))
    inner = _split_relay(text, outer, [Span(*_find(text, "Ian Lind"), "PERSON", {"entity": "person:ian-lind"})])
    assert inner is not None
    assert text[inner.content[0][0] : inner.content[0][1]] == "the budget was final"
    assert text[inner.source[0] : inner.source[1]] == "Mayor Ian Lind"


def test_relays_a_trailing_relay_after_a_quotation_that_holds_the_comma():
    # the comma before the relay clause closes the quoted words, inside their quotation mark
    text = ('Spokesman Li Wen said the sale was "a gross interference in our affairs," '
            "the Norvik Daily Times reported.")
    content = _find(text, 'the sale was "a gross interference in our affairs,"')
    f = Found([content], _find(text, "said"), _find(text, "Spokesman Li Wen"))
    a, b = _trailing_relay(text, f, Span(0, len(text)), [])
    assert text[a:b] == "the Norvik Daily Times"


def test_relays_according_to_an_outlet_then_a_speaker_who_told_someone():
    text = "According to Interfax, President Ana Rell told her Norvik counterpart that the talks would go on."
    hit = according_to_inner(text, [_find(text, "the talks would go on")], _find(text, "told"),
                             _find(text, "Interfax"))
    assert hit is not None
    who, verb, start = hit
    assert text[who[0] : who[1]] == "President Ana Rell" and text[verb[0] : verb[1]] == "told"
    assert text[start:].startswith("the talks")
