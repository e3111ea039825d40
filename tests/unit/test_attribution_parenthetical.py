"""Parenthetical attributions: a source and cue set inside the sentence they report."""

from __future__ import annotations

from propscope.analyzers.attribution.parenthetical import head_before, inverted_name, uncovered


def _find(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def _readable(text: str, found):
    return [([text[a:b] for a, b in pieces], text[c[0] : c[1]], text[s[0] : s[1]]) for pieces, c, s in found]


def test_a_sentence_cut_by_its_source_and_cue_is_reported_in_both_halves():
    text = "Most of the time, she says, the boats come back empty."
    assert _readable(text, uncovered(text, [(0, len(text))], [])) == [
        (["Most of the time", "the boats come back empty"], "says", "she")]


def test_postposed_cue_with_a_name_and_according_to_and_in_her_words():
    text = ("The harvest will be late this year, adds Tomas Vey. "
            "By noon, according to Ms. Lind, the pier was closed. "
            "The market had, in her words, become a ghost town.")
    sents = [_find(text, "The harvest will be late this year, adds Tomas Vey."),
             _find(text, "By noon, according to Ms. Lind, the pier was closed."),
             _find(text, "The market had, in her words, become a ghost town.")]
    assert _readable(text, uncovered(text, sents, [])) == [
        (["The harvest will be late this year"], "adds", "Tomas Vey"),
        (["By noon", "the pier was closed"], "according to", "Ms. Lind"),
        (["The market had", "become a ghost town"], "in her words", "her"),
    ]


def test_no_parenthetical_reading_for_other_verbs_taken_sentences_or_quotes():
    texts = ["Last week, the mayor arrived, and the crowd cheered.",  # "arrived" reports nothing
             "“We will win,” she says, pointing at the sea.",  # a quote: the quote rules' work
             "Later, Vey said the pier was closed."]  # no parenthetical comma after the cue
    for text in texts:
        assert uncovered(text, [(0, len(text))], []) == [], text
    text = "Most of the time, she says, the boats come back empty."
    assert uncovered(text, [(0, len(text))], [(5, 9)]) == []


def test_the_head_before_a_parenthetical_cue_joins_the_content():
    text = "What the divers found, he says, is that the wreck had moved."
    content = [_find(text, "is that the wreck had moved")]
    he = text.index("he says")
    got = head_before(text, content, _find(text, "says"), (he, he + 2), (0, len(text)), [])
    assert got is not None and text[got[0] : got[1]] == "What the divers found"
    # content not right after the cue's comma, or the head held by another attribution: nothing to add
    assert head_before(text, [_find(text, "the wreck had moved")], _find(text, "says"), (he, he + 2),
                       (0, len(text)), []) is None
    assert head_before(text, content, _find(text, "says"), (he, he + 2), (0, len(text)), [(0, 4)]) is None


def test_a_name_after_a_postposed_cue_is_the_source_not_the_content():
    text = "That is a problem for the whole town, argued Palmer."
    name = _find(text, "Palmer")
    got = inverted_name(text, [name], _find(text, "argued"), None, (0, len(text)), [name], [])
    assert got is not None
    content, source = got
    assert text[content[0] : content[1]] == "That is a problem for the whole town" and source == name
    # the name is no person mention: left alone
    assert inverted_name(text, [name], _find(text, "argued"), None, (0, len(text)), [], []) is None


def test_reported_speech_after_a_verb_of_saying_runs_to_the_sentence_end_other_cues_do_not():
    from propscope.analyzers.attribution.analyzer import Found, _extend_content
    from propscope.article import Span

    text = "Vey said most boats are idle, which worries the town. Vey believes the pier is safe, which it is."
    first, second = Span(0, 53), Span(54, len(text))
    said = Found([_find(text, "most boats are idle")], _find(text, "said"), (0, 3))
    _extend_content(text, said, [first, second], [0, 54], [])
    assert text[said.content[0][0] : said.content[0][1]] == "most boats are idle, which worries the town"
    believes = Found([_find(text, "the pier is safe")], _find(text, "believes"), (54, 57))
    _extend_content(text, believes, [first, second], [0, 54], [])
    assert text[believes.content[0][0] : believes.content[0][1]] == "the pier is safe"


def test_the_extension_stops_before_a_trailing_relay_or_cue():
    from propscope.analyzers.attribution.analyzer import Found, _extend_content
    from propscope.article import Span

    text = "Vey said more boats would come soon, the news agency reported."
    f = Found([_find(text, "more boats would come")], _find(text, "said"), (0, 3))
    _extend_content(text, f, [Span(0, len(text))], [0], [])
    assert text[f.content[0][0] : f.content[0][1]] == "more boats would come soon"


def test_a_plain_report_the_tagger_left_is_found_with_its_source():
    from propscope.analyzers.attribution.parenthetical import plain_reports

    text = ("Harbour councillor and fishing advocate Tomas Vey told Coast Radio the new rules favour the big boats. "
            "She said Monday that the pier would reopen in spring. "
            "It said nothing more.")
    a = text.index("She")
    b = text.index("It said")
    sents = [(0, a - 1), (a, b - 1), (b, len(text))]
    got = _readable(text, plain_reports(text, sents, []))
    assert got == [(["the new rules favour the big boats"], "told", "Harbour councillor and fishing advocate Tomas Vey"),
                   (["the pier would reopen in spring"], "said", "She")]
    assert plain_reports(text, sents, [(0, 5)])[0][2][0] == a  # a taken sentence is left alone


def _labels(text: str) -> list[tuple[str, str, list[str]]]:
    from propscope.analyzers.attribution.parenthetical import named_labels
    return [(text[s[0] : s[1]], text[q[0] : q[1]], [text[a:b] for a, b in c])
            for c, q, s in named_labels(text, [(0, len(text))], [])]


def test_parenthetical_a_label_a_source_puts_on_something_is_its_content():
    assert _labels("The mayor has used methods that critics have called reckless, and lost allies.") == [
        ("critics", "called", ["reckless"])]
    assert _labels("Guards wait for what the harbour master called a coming “flood” of ships.") == [
        ("the harbour master", "called", ["a coming “flood”"])]
    assert _labels("The drills resumed, which Norvik has long rebuked as provocative.") == [
        ("Norvik", "rebuked as", ["provocative"])]
    assert _labels("The coastguard termed these close passes, “unsafe and reckless.”") == [
        ("The coastguard", "termed", ["“unsafe and reckless.”"])]
    assert _labels("Lind, for her part, compared the levy to a toll on air, saying it was unfair.") == [
        ("Lind", "compared", ["the levy to a toll on air"])]


def test_parenthetical_naming_without_a_speaker_or_label_is_no_attribution():
    assert _labels("He called his mother on Sunday.") == []
    assert _labels("The town was called Riverbend until 1900.") == []
    assert _labels("In Tarsk, prices compared well to last year.") == []


def test_the_extension_follows_a_participle_cue_and_passes_a_long_clause_between_dashes():
    from propscope.analyzers.attribution.analyzer import Found, _extend_content
    from propscope.article import Span

    text = "Vey said he was unsure, noting that he has served 40 years, and there is much to weigh."
    f = Found([_find(text, "that he has served 40 years")], _find(text, "noting"), (0, 3))
    _extend_content(text, f, [Span(0, len(text))], [0], [])
    assert text[f.content[0][0] : f.content[0][1]] == "that he has served 40 years, and there is much to weigh"
    text = "But he said small brewers — those that sell to other states and abroad — will suffer most."
    f = Found([_find(text, "small brewers")], _find(text, "said"), _find(text, "he"))
    _extend_content(text, f, [Span(0, len(text))], [0], [])
    assert text[f.content[0][0] : f.content[0][1]].endswith("will suffer most")


def test_parenthetical_as_source_said_then_the_claim():
    from propscope.analyzers.attribution.parenthetical import as_reports

    def parts(text: str) -> list[tuple[str, str, list[str]]]:
        return [(text[s[0] : s[1]], text[q[0] : q[1]], [text[a:b] for a, b in c])
                for c, q, s in as_reports(text, [(0, len(text))], [])]

    assert parts("As the Norvik Courier pointed out on Monday, the port will close for good.") == [
        ("the Norvik Courier", "pointed out", ["the port will close for good"])]
    assert parts("As Lind grandly proclaimed, nobody will pay the levy again!") == [
        ("Lind", "proclaimed", ["nobody will pay the levy again"])]
    assert parts("As the ferry approaches the port, the mayor waits.") == []  # no verb of saying
    assert parts("As expected, the port closed on Monday.") == []


def test_parenthetical_plain_reports_with_multiword_cues():
    from propscope.analyzers.attribution.parenthetical import plain_reports
    text = "That said, Mayor Ana Kell made clear earlier in the week that the port will not reopen."
    ((content,), cue, src), = plain_reports(text, [(0, len(text))], [])
    assert (text[src[0] : src[1]], text[cue[0] : cue[1]], text[content[0] : content[1]]) == (
        "Mayor Ana Kell", "made clear", "the port will not reopen")
    text = "Inspector Kell did confirm that the gates were shut for a week."
    ((content,), cue, src), = plain_reports(text, [(0, len(text))], [])
    assert text[cue[0] : cue[1]] == "confirm" and text[content[0] : content[1]] == "the gates were shut for a week"


def test_parenthetical_the_opening_clause_before_a_postposed_cue_is_reported_too():
    from propscope.analyzers.attribution.parenthetical import clause_before
    text = "As the harbour fills with ships, a new levy is likely, the mayor said on Monday."
    content = [(text.index("a new levy"), text.index(", the mayor"))]
    cue = (text.index("said"), text.index("said") + 4)
    src = (text.index("the mayor"), text.index(" said"))
    head = clause_before(text, content, cue, src, (0, len(text)), [])
    assert head is not None and text[head[0] : head[1]] == "As the harbour fills with ships"
    said = "Officials said that, the levy is likely, the mayor said on Monday."
    content2 = [(said.index("the levy"), said.index(", the mayor"))]
    cue2 = (said.rindex("said"), said.rindex("said") + 4)
    src2 = (said.index("the mayor"), said.rindex(" said"))
    assert clause_before(said, content2, cue2, src2, (0, len(said)), []) is None  # another report
    # a second piece after the cue ("…, the mayor said, noting that …") does not hide the shape
    text = "As the harbour fills with ships, a new levy is likely, the mayor said, noting that fees rose."
    content = [(text.index("a new levy"), text.index(", the mayor")), (text.index("noting"), len(text) - 1)]
    cue = (text.index("said"), text.index("said") + 4)
    src = (text.index("the mayor"), text.index(" said"))
    head = clause_before(text, content, cue, src, (0, len(text)), [])
    assert head is not None and text[head[0] : head[1]] == "As the harbour fills with ships"


def test_a_short_aside_before_the_next_report_of_the_sentence_is_content_the_next_clause_is_not():
    from propscope.analyzers.attribution.analyzer import Found, _extend_content
    from propscope.article import Span

    text = "The mayor noted that few ships stop in Brill, for instance, adding that most sail on to Osk."
    f = Found([_find(text, "few ships stop in Brill")], _find(text, "noted"), (0, 9))
    for nxt in (_find(text, "that most sail on to Osk"), _find(text, "adding")):  # its content or its cue
        f = Found([_find(text, "few ships stop in Brill")], _find(text, "noted"), (0, 9))
        _extend_content(text, f, [Span(0, len(text))], [0], [nxt])
        assert text[f.content[0][0] : f.content[0][1]] == "few ships stop in Brill, for instance"
    # a longer stretch, or a name, before the next report is no aside: left as the tagger cut it
    text = "The mayor noted that few ships stop in Brill, unlike the port of Osk, adding that most sail on."
    f = Found([_find(text, "few ships stop in Brill")], _find(text, "noted"), (0, 9))
    _extend_content(text, f, [Span(0, len(text))], [0], [_find(text, "that most sail on")])
    assert text[f.content[0][0] : f.content[0][1]] == "few ships stop in Brill"


def test_the_medium_before_a_quotation_is_not_content():
    from propscope.analyzers.attribution.parenthetical import medium_before_quote

    text = 'An official wrote in an email, "Oops. We agreed to more than that."'
    piece = (text.index("in an email"), text.index("Oops") + 4)
    a, b = medium_before_quote(text, piece)
    assert text[a:b] == '"Oops'
    text = "She said in a statement that the port was closed."  # no quotation: left as it is
    piece = (text.index("in a statement"), len(text) - 1)
    assert medium_before_quote(text, piece) == piece


def test_a_sentence_closed_by_as_source_urged_is_what_the_source_urged():
    from propscope.analyzers.attribution.parenthetical import as_urged

    text = "“We will weigh it,” on whether to close the port to all tankers, as many in the council have urged."
    (content, cue, src), = as_urged(text, [(0, len(text))], [])
    assert text[content[0][0] : content[0][1]] == "on whether to close the port to all tankers"
    assert text[cue[0] : cue[1]] == "urged" and text[src[0] : src[1]] == "many in the council"
    # the cue of another attribution there: not a new one
    assert as_urged(text, [(0, len(text))], [(text.index("urged"), text.index("urged") + 5)]) == []
    # no verb of saying at the end: nothing
    text = "The port will close to all tankers next year, as the town has grown."
    assert as_urged(text, [(0, len(text))], []) == []
