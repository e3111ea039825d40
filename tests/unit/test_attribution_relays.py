"""Relays in news syntax: "…, X said, Agency Y reported" and '"…," X said, according to Y'."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.analyzer import Found, _speaker_under_according_to, _trailing_relay
from propscope.article import Span


def _find(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def test_attribution_trailing_relay_names_the_agency_not_the_speaker():
    text = "Order has been restored in the city, President Ana Rell said on Monday, the Norvik news agency reported."
    f = Found([_find(text, "Order has been restored in the city")], _find(text, "said"), _find(text, "President Ana Rell"))
    mentions = [Span(*_find(text, "Ana Rell"), "PERSON"), Span(*_find(text, "Norvik"), "ORG")]
    a, b = _trailing_relay(text, f, Span(0, len(text)), mentions)
    assert text[a:b] == "the Norvik news agency"


def test_attribution_trailing_relay_ignores_a_second_person_and_plain_clauses():
    text = "Talks will resume, the minister said, Ivan Petrov reported."
    f = Found([_find(text, "Talks will resume")], _find(text, "said"), _find(text, "the minister"))
    assert _trailing_relay(text, f, Span(0, len(text)), [Span(*_find(text, "Ivan Petrov"), "PERSON")]) is None
    text = "Talks will resume, the minister said, adding that nothing was agreed."
    f = Found([_find(text, "Talks will resume")], _find(text, "said"), _find(text, "the minister"))
    assert _trailing_relay(text, f, Span(0, len(text)), []) is None


def test_attribution_according_to_after_a_speech_verb_is_a_relay():
    text = '"They were paid to sow chaos," Rell said in a televised address, according to Norvik.'
    content = _find(text, '"They were paid to sow chaos," Rell said in a televised address')
    f = Found([content], _find(text, "according to"), _find(text, "Norvik"))
    inner = _speaker_under_according_to(text, f)
    assert inner is not None
    assert [text[a:b] for a, b in inner.content] == ['"They were paid to sow chaos,"']
    assert text[inner.source[0] : inner.source[1]] == "Rell"
    assert text[inner.cue[0] : inner.cue[1]] == "said"


def test_attribution_according_to_alone_keeps_its_source():
    text = "Prices will rise next year, according to the central bank."
    f = Found([_find(text, "Prices will rise next year")], _find(text, "according to"), _find(text, "the central bank"))
    assert _speaker_under_according_to(text, f) is None


def test_attribution_trailing_relay_by_the_news_agency_unnamed():
    text = "More troops will come, Defence Minister Oleg Sidorov said, the state news agency reported."
    f = Found([_find(text, "More troops will come")], _find(text, "said"), _find(text, "Defence Minister Oleg Sidorov"))
    a, b = _trailing_relay(text, f, Span(0, len(text)), [Span(*_find(text, "Oleg Sidorov"), "PERSON")])
    assert text[a:b] == "the state news agency"


def test_attribution_parenthetical_cue_gets_the_rest_of_the_sentence():
    from propscope.analyzers.attribution.analyzer import _complete_parenthetical

    text = "Only decisive action, he said, saved the country from ruin. Next sentence."
    sentences = [Span(0, 59), Span(60, len(text))]
    f = Found([_find(text, "Only decisive action")], _find(text, "said"), _find(text, "he"))
    _complete_parenthetical(text, f, sentences, [s.start for s in sentences], [])
    assert [text[a:b] for a, b in f.content] == ["Only decisive action", "saved the country from ruin"]
    # not when another chunk holds the rest, when the rest is quoted or one word, or without the commas
    for t, taken in ((text, [_find(text, "the country")]), ('Only decisive action, he said, "saved us."', []),
                     ("Only decisive action, he said, indeed.", []), ("Only decisive action he said saved us.", [])):
        f = Found([_find(t, "Only decisive action")], _find(t, "said"), _find(t, "he"))
        _complete_parenthetical(t, f, [Span(0, len(t))], [0], taken)
        assert len(f.content) == 1, t


def test_attribution_according_to_takes_its_source_out_of_the_content():
    from propscope.analyzers.attribution.analyzer import _according_to_source

    text = "According to the interior ministry, 38 people were killed in the unrest."
    f = Found([(text.index("the interior"), len(text) - 1)], _find(text, "According to"), None)
    _according_to_source(text, f)
    assert text[f.source[0] : f.source[1]] == "the interior ministry"
    assert [text[a:b] for a, b in f.content] == ["38 people were killed in the unrest"]
    # a source already found, another cue, or a quotation before the comma: left alone
    kept = Found([(text.index("the interior"), len(text) - 1)], _find(text, "According to"), _find(text, "ministry"))
    _according_to_source(text, kept)
    assert kept.source == _find(text, "ministry")
    quoted = 'According to "reliable sources", 38 people were killed.'
    f = Found([(13, len(quoted) - 1)], _find(quoted, "According to"), None)
    _according_to_source(quoted, f)
    assert f.source is None


def test_attribution_according_to_gives_the_contents_subject_back():
    from propscope.analyzers.attribution.analyzer import _according_to_subject

    text = "According to a police review of the 2014 shooting, Roe found himself behind a pillar."
    src = (text.index("a police"), text.index(" found"))  # the tagger ran past the comma
    f = Found([(text.index("found"), len(text) - 1)], _find(text, "According to"), src)
    _according_to_subject(text, f)
    assert text[f.source[0] : f.source[1]] == "a police review of the 2014 shooting"
    assert [text[a:b] for a, b in f.content] == ["Roe found himself behind a pillar"]
    # an appositive before the content's own clause stays in the source
    text = "According to Jane Roe, the mayor, the road will close."
    f = Found([(text.index("the road"), len(text) - 1)], _find(text, "According to"),
              (text.index("Jane"), text.index(", the road")))
    _according_to_subject(text, f)
    assert text[f.source[0] : f.source[1]] == "Jane Roe, the mayor"


def test_attribution_an_anonymity_aside_is_not_the_attribution():
    from propscope.analyzers.attribution.analyzer import _past_anonymity

    text = 'One minister, who asked not to be named, called the proposal "a gift to speculators."'
    content = (text.index("not to be named"), len(text))
    f = Found([content], _find(text, "asked"), _find(text, "One minister, who"))
    _past_anonymity(text, f, frozenset())
    assert text[f.cue[0] : f.cue[1]] == "called"
    assert [text[a:b] for a, b in f.content] == ['the proposal "a gift to speculators."']
    assert text[f.source[0] : f.source[1]] == "One minister"
    # a plain "asked" stays the cue
    text = "The minister asked whether the cap would hold."
    f = Found([(text.index("whether"), len(text) - 1)], _find(text, "asked"), _find(text, "The minister"))
    _past_anonymity(text, f, frozenset())
    assert text[f.cue[0] : f.cue[1]] == "asked"


def test_attribution_according_to_with_no_content_takes_what_follows_the_comma():
    from propscope.analyzers.attribution.analyzer import _content_for_cue
    from propscope.segment import segment

    text = "According to the interior ministry, the detainees had links to foreign intelligence. Others disagreed."
    _paras, sentences = segment(text)
    starts = [s.start for s in sentences]
    cue, src = _find(text, "According to"), _find(text, "the interior ministry")
    got = _content_for_cue(text, cue, src, sentences, starts, [cue, src])
    assert [text[a:b] for a, b in got] == ["the detainees had links to foreign intelligence"]
    said = "The ministry said, the detainees had links to foreign intelligence."  # no "according to": nothing
    _paras, sentences = segment(said)
    cue, src = _find(said, "said"), _find(said, "The ministry")
    assert _content_for_cue(said, cue, src, sentences, [s.start for s in sentences], [cue, src]) == []


@pytest.mark.parametrize(("source", "expected"), [
    ("Defence Minister Erik Halvorsen on Tuesday", "Defence Minister Erik Halvorsen"),
    ("Erik Halvorsen late on Friday", "Erik Halvorsen"),
    ("The ministry earlier this week", "The ministry"),
    ("Kostel's party, the Democratic Choice Movement (DCM),", "Kostel's party, the Democratic Choice Movement (DCM)"),
    ("The Monday Club", "The Monday Club"),
    ("Halvorsen", "Halvorsen"),
    ("Western officials, who spoke on condition of anonymity,", "Western officials"),
    ("Two diplomats, speaking on condition of anonymity,", "Two diplomats"),
    ("Port officials for two weeks", "Port officials"),
    ("The survey, whose results were published in The Harbour Gazette,", "The survey"),
    ("The survey, which the Harbour Board paid for,", "The survey"),
    ("The harbour board for the past three months", "The harbour board"),
])
def test_attribution_a_source_ends_at_its_name_not_at_the_time(source, expected):
    from propscope.analyzers.attribution.analyzer import _tidy_source

    text = f"{source} said the plan failed."
    f = Found([_find(text, "the plan failed")], _find(text, "said"), (0, len(source)))
    _tidy_source(text, f)
    assert text[f.source[0] : f.source[1]] == expected


def test_attribution_quoted_as_saying_makes_the_agency_a_relay():
    from propscope.analyzers.attribution.analyzer import _quoted_as_saying

    text = 'Linde slammed the sanctions as "economic terrorism", the news agency SNA quoted her as saying.'
    f = Found([_find(text, 'slammed the sanctions as "economic terrorism"'), _find(text, "her as saying")],
              _find(text, "quoted"), _find(text, "the news agency SNA"))
    inner = _quoted_as_saying(text, f)
    assert inner is not None and inner.named_in_content
    assert text[inner.source[0] : inner.source[1]] == "her"
    assert [text[a:b] for a, b in inner.content] == ['slammed the sanctions as "economic terrorism"']
    after = "SNA quoted Linde as saying that the sanctions would fail."
    inner = _quoted_as_saying(after, Found([_find(after, "Linde as saying that the sanctions would fail")],
                                           _find(after, "quoted"), _find(after, "SNA")))
    assert inner is not None and [after[a:b] for a, b in inner.content] == ["the sanctions would fail"]
    titled = '"We will not pay," Norvik News quoted Deputy Foreign Minister Ana Maria Linde as saying.'
    inner = _quoted_as_saying(titled, Found([_find(titled, '"We will not pay,"'),
                                             _find(titled, "Deputy Foreign Minister Ana Maria Linde as saying")],
                                            _find(titled, "quoted"), _find(titled, "Norvik News")))
    assert inner is not None and titled[inner.source[0] : inner.source[1]] == "Deputy Foreign Minister Ana Maria Linde"
    said = "SNA said Linde was right."
    assert _quoted_as_saying(said, Found([_find(said, "Linde was right")], _find(said, "said"), _find(said, "SNA"))) is None


def test_attribution_a_subject_right_before_its_verb_is_not_speech():
    from propscope.analyzers.attribution.analyzer import _subject_of_its_cue

    text = 'The sanctions regime was imposed in March. The plan will fail, said the minister. "No," was all he said.'
    assert _subject_of_its_cue(text, Found([_find(text, "The sanctions regime")], _find(text, "was imposed"), None))
    assert not _subject_of_its_cue(text, Found([_find(text, "The plan will fail")], _find(text, "said"), None))
    assert not _subject_of_its_cue(text, Found([_find(text, '"No,"')], _find(text, "was all"), None))
    assert not _subject_of_its_cue(text, Found([_find(text, "The sanctions regime")], _find(text, "was imposed"),
                                               _find(text, "the minister")))
    passive = "The meeting was first reported by the Times."
    assert not _subject_of_its_cue(passive, Found([_find(passive, "The meeting")], _find(passive, "was first reported"),
                                                  None))


def test_attribution_quoted_as_saying_tagged_apart_becomes_the_relay_of_the_attribution_before():
    from propscope.analyzers.attribution.analyzer import _quoted_as_apart
    from propscope.segment import segment

    text = 'Linde slammed the sanctions as "terrorism", SNA quoted her as saying. Ravex quoted her as saying.'
    _paras, sentences = segment(text)
    first = Found([_find(text, 'the sanctions as "terrorism"')], _find(text, "slammed"), _find(text, "Linde"))
    relay = Found([_find(text, "her as saying")], _find(text, "quoted"), _find(text, "SNA"))
    i = text.index("Ravex")
    alone = Found([(i + 19, i + 32)], (i + 6, i + 12), (i, i + 5))  # nothing before it in its sentence
    out = _quoted_as_apart(text, [first, relay, alone], sentences, [s.start for s in sentences])
    assert out == [first, alone] and text[first.relay[0] : first.relay[1]] == "SNA"


def test_attribution_was_quoted_as_saying_by_an_agency():
    from propscope.analyzers.attribution.analyzer import _passive_quoted
    from propscope.segment import segment

    text = ("The fire was put out overnight, regional governor Marta Venn was quoted as saying by the Interfax "
            "news agency. Prices rose, it was quoted as saying.")
    _paras, sentences = segment(text)
    starts = [s.start for s in sentences]
    f = Found([_find(text, "The fire was put out overnight, regional governor Marta Venn")],
              _find(text, "was quoted as saying"), None)
    _passive_quoted(text, f, sentences, starts)
    assert [text[a:b] for a, b in f.content] == ["The fire was put out overnight"]
    assert text[f.source[0] : f.source[1]] == "regional governor Marta Venn"
    assert text[f.relay[0] : f.relay[1]] == "the Interfax news agency"
    i, j = text.index("Prices rose, it"), text.rindex("was quoted as saying")
    lower = Found([(i, i + len("Prices rose, it"))], (j, j + len("was quoted as saying")), None)
    _passive_quoted(text, lower, sentences, starts)
    assert lower.source is None and lower.content == [(i, i + len("Prices rose, it"))]  # no name: left alone
    cited = "Orvan was cited by the Hirado news portal as saying Hungary would veto it."
    f = Found([_find(cited, "Orvan"), _find(cited, "by the Hirado news portal as saying Hungary would veto it")],
              _find(cited, "was cited"), None)
    _paras, sentences = segment(cited)
    _passive_quoted(cited, f, sentences, [s.start for s in sentences])
    assert cited[f.source[0] : f.source[1]] == "Orvan" and cited[f.relay[0] : f.relay[1]] == "the Hirado news portal"
    assert [cited[a:b] for a, b in f.content] == ["Hungary would veto it"]


def test_a_body_that_will_do_something_is_no_inner_speaker():
    from propscope.analyzers.attribution.analyzer import _split_relay

    text = "He said Harbour Police will maintain a presence in the area this week."
    content = (text.index("Harbour"), len(text) - 1)
    f = Found([content], _find(text, "said"), _find(text, "He"))
    mentions = [Span(*_find(text, "Harbour Police"), "ORG")]
    assert _split_relay(text, f, mentions) is None
    text = "He said Harbour Police stressed that the area was safe again."
    f = Found([(text.index("Harbour"), len(text) - 1)], _find(text, "said"), _find(text, "He"))
    inner = _split_relay(text, f, [Span(*_find(text, "Harbour Police"), "ORG")])
    assert inner is not None and text[inner.source[0] : inner.source[1]] == "Harbour Police"


def test_attribution_a_speech_act_inside_an_outlets_report_has_its_own_speaker():
    from propscope.analyzers.attribution.analyzer import _speech_inside_outlet_report

    text = "This prompted the Norvik Foreign Ministry to urge its citizens to stay home, according to Reuters."
    f = Found([_find(text, "This prompted the Norvik Foreign Ministry to urge its citizens to stay home")],
              _find(text, "according to"), _find(text, "Reuters"))
    mentions = [Span(*_find(text, "Norvik Foreign Ministry"), "ORG"), Span(*_find(text, "Reuters"), "ORG")]
    inner = _speech_inside_outlet_report(text, f, mentions)
    assert inner is not None and text[inner.source[0] : inner.source[1]] == "Norvik Foreign Ministry"
    assert [text[a:b] for a, b in inner.content] == ["its citizens to stay home"]
    plain = "The Norvik Foreign Ministry built a bridge, according to Reuters."
    f = Found([_find(plain, "The Norvik Foreign Ministry built a bridge")], _find(plain, "according to"),
              _find(plain, "Reuters"))
    assert _speech_inside_outlet_report(plain, f, [Span(*_find(plain, "Norvik Foreign Ministry"), "ORG")]) is None
    minister = "The minister urged calm, according to the mayor."  # no outlet: the tagger's reading stands
    f = Found([_find(minister, "The minister urged calm")], _find(minister, "according to"),
              _find(minister, "the mayor"))
    assert _speech_inside_outlet_report(minister, f, []) is None


def test_attribution_a_gerund_clause_after_a_verb_of_saying_is_content_not_cue():
    from propscope.analyzers.attribution.analyzer import _gerund_content

    text = "Port officials denied knowing anything about the missing cargo."
    f = Found([_find(text, "the missing cargo")], _find(text, "denied knowing anything about"), (0, 14))
    _gerund_content(text, f)
    assert text[f.cue[0] : f.cue[1]] == "denied"
    assert text[f.content[0][0] : f.content[0][1]] == "knowing anything about the missing cargo"
    # "denied saying": the verb chain is the cue, left as the tagger marked it
    text = "Port officials denied saying the cargo was lost."
    f = Found([_find(text, "the cargo was lost")], _find(text, "denied saying"), (0, 14))
    _gerund_content(text, f)
    assert text[f.cue[0] : f.cue[1]] == "denied saying"


def test_attribution_according_to_inside_a_claim_a_postposed_cue_closes():
    from propscope.analyzers.attribution.analyzer import _according_to_in_claim

    text = "The port has always kept ships safe according to the Harbour Code, Vey said on Monday."
    f = Found([_find(text, "The port has always kept ships safe")], _find(text, "according to"),
              _find(text, "the Harbour Code"))
    _according_to_in_claim(text, f)
    assert text[f.source[0] : f.source[1]] == "Vey" and text[f.cue[0] : f.cue[1]] == "said"
    claim = "The port has always kept ships safe according to the Harbour Code"
    assert text[f.content[0][0] : f.content[0][1]] == claim
    # no cue after it: "according to X" is the source
    text = "The port has always kept ships safe, according to the Harbour Board."
    f = Found([_find(text, "The port has always kept ships safe")], _find(text, "according to"),
              _find(text, "the Harbour Board"))
    _according_to_in_claim(text, f)
    assert text[f.source[0] : f.source[1]] == "the Harbour Board"


def test_attribution_a_titled_name_after_the_cue_across_a_line_break_is_the_source():
    from propscope.analyzers.attribution.analyzer import _titled_source_after

    text = '"The Harbour Board misled the town," said Sen.\nIda Vance, who chairs the panel.'
    quote = _find(text, '"The Harbour Board misled the town,"')
    f = Found([quote], _find(text, "said"), _find(text, "Harbour Board"))  # a name inside the quotation
    _titled_source_after(text, f)
    assert text[f.source[0] : f.source[1]] == "Ida Vance"
    f = Found([quote], _find(text, "said"), None)
    _titled_source_after(text, f)
    assert text[f.source[0] : f.source[1]] == "Ida Vance"
    text = '"The Harbour Board misled the town," said the mayor.'
    f = Found([_find(text, '"The Harbour Board misled the town,"')], _find(text, "said"), _find(text, "the mayor"))
    _titled_source_after(text, f)
    assert text[f.source[0] : f.source[1]] == "the mayor"


def test_attribution_a_clause_according_to_x_closes_is_xs_when_the_tagger_cue_reports_no_speech():
    from propscope.analyzers.attribution.analyzer import _according_to_at_end
    from propscope.article import Span

    text = "Tides, winds and storms reportedly grew worse each year, according to the Norvik Courier."
    f = Found([_find(text, "and storms reportedly grew worse each year")], _find(text, "winds"), _find(text, "Tides"))
    _according_to_at_end(text, f, Span(0, len(text)))
    assert text[f.source[0] : f.source[1]] == "the Norvik Courier"
    assert text[f.content[0][0] : f.content[0][1]] == "Tides, winds and storms reportedly grew worse each year"
    # a verb of saying: the tagger's source speaks and the outlet only relays (left to the relay rules)
    text = "The mayor said storms grew worse each year, according to the Norvik Courier."
    f = Found([_find(text, "storms grew worse each year")], _find(text, "said"), _find(text, "The mayor"))
    _according_to_at_end(text, f, Span(0, len(text)))
    assert text[f.source[0] : f.source[1]] == "The mayor"


def test_attribution_a_speech_act_past_an_appositive_inside_an_outlets_report():
    from propscope.analyzers.attribution.analyzer import _speech_inside_outlet_report

    text = ("Ida Vance, an adviser to the harbour court, disclosed in remarks aired on Monday that the port was "
            "sold, according to a translation published by Reuters.")
    f = Found([(0, text.index(", according"))], _find(text, "according to"),
              _find(text, "a translation published by Reuters"))
    mentions = [Span(*_find(text, "Ida Vance"), "PERSON"), Span(*_find(text, "Reuters"), "ORG")]
    inner = _speech_inside_outlet_report(text, f, mentions)
    assert inner is not None and text[inner.source[0] : inner.source[1]] == "Ida Vance"
    assert text[inner.cue[0] : inner.cue[1]] == "disclosed"
    assert [text[a:b] for a, b in inner.content] == ["the port was sold"]
    built = "Ida Vance, an adviser to the court, built a bridge that spans the bay, according to Reuters."
    f = Found([(0, built.index(", according"))], _find(built, "according to"), _find(built, "Reuters"))
    assert _speech_inside_outlet_report(built, f, [Span(*_find(built, "Ida Vance"), "PERSON")]) is None
