"""Another mention taken as the source: the sentence names its own speaker, and the tagger's
pairing took someone else (the last sentence's speaker, a name inside the content); texts
written for these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.analyzer import Found, _own_tail_cue
from propscope.segment import segment


def _find(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _retarget(text: str, content: list[str], cue: str, source: str) -> Found:
    _, sentences = segment(text)
    sentences = list(sentences)
    f = Found([_find(text, c) for c in content], _find(text, cue), _find(text, source))
    _own_tail_cue(text, f, sentences, [s.start for s in sentences], [])
    return f


def _words(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_own_tail_cue_takes_the_speaker_the_sentence_names_after_the_content():
    text = ("The port stays open to ships of every flag, Ana Lind said. The two sailors held on the pier had asked "
            "for a lawyer on their first day, the harbour authority said in a statement. Talks go on.")
    f = _retarget(text, ["The two sailors held on the pier had asked for a lawyer on their first day, the harbour "
                         "authority said in a statement."], "said", "Ana Lind")
    assert _words(text, f.source) == "the harbour authority"
    assert _words(text, f.cue) == "said"
    assert f.cue[0] > text.index("harbour")
    assert text[f.content[-1][0] : f.content[-1][1]].endswith("first day")


def test_own_tail_cue_over_a_verb_inside_the_content():
    text = ("Mara Kell has the files. The clerk saw the money change hands but was told by the police to keep "
            "quiet about it, Kell explained. Nobody answered.")
    f = _retarget(text, ["The clerk saw the money change hands but was", "to keep quiet about it"], "told",
                  "the police")
    assert _words(text, f.source) == "Kell"
    assert _words(text, f.cue) == "explained"


def test_own_tail_cue_keeps_a_cue_before_the_content_in_its_sentence():
    text = ("Ana Lind said the road was closed, the driver told them. Then it rained.")
    f = _retarget(text, ["the road was closed"], "said", "Ana Lind")
    assert _words(text, f.source) == "Ana Lind"


def test_own_tail_cue_keeps_the_closing_mark_of_a_quotation():
    text = ("Oleg Petrov runs the shop. “We start small,” he says quietly. The shop opened in May.")
    f = _retarget(text, ["“We start small,”", "quietly"], "says", "he")
    assert _words(text, f.source) == "he"
    assert [text[a:b] for a, b in f.content] == ["“We start small,”"]


def _relative(text: str, content: str, cue: str, source: str) -> list[Found]:
    from propscope.analyzers.attribution.analyzer import _relative_speech

    return _relative_speech(text, [Found([_find(text, content)], _find(text, cue), _find(text, source))])


def test_relative_speech_whom_clause_names_its_own_speaker():
    text = "The ministry has doubts about the girl, whom the family says they adopted in Ghana last year."
    outer, inner = _relative(text, "the girl, whom the family says they adopted in Ghana last year", "has doubts about",
                             "The ministry")
    assert [text[a:b] for a, b in outer.content] == ["the girl"]
    assert _words(text, inner.source) == "the family"
    assert _words(text, inner.cue) == "says"
    assert [text[a:b] for a, b in inner.content] == ["they adopted in Ghana last year"]


def test_relative_speech_who_clause_is_its_antecedents():
    text = "Lind said she would meet Petrov, who also claimed the talks were over, and then fly home."
    outer, inner = _relative(text, "she would meet Petrov, who also claimed the talks were over, and then fly "
                             "home", "said", "Lind")
    assert _words(text, inner.source) == "who"
    assert [text[a:b] for a, b in inner.content] == ["the talks were over"]
    assert [text[a:b] for a, b in outer.content] == ["she would meet Petrov", "and then fly home"]


def test_relative_speech_leaves_how_a_source_spoke():
    text = "Lind said the deal was signed by an official, who asked not to be named, on Monday in Riga."
    found = _relative(text, "the deal was signed by an official, who asked not to be named, on Monday in Riga",
                      "said", "Lind")
    assert len(found) == 1


def _missed(text: str) -> list[tuple[str, str, str]]:
    from propscope.analyzers.attribution.analyzer import _missed_quotes
    from propscope.analyzers.quotes import find_quotes

    paragraphs, sentences = (list(x) for x in segment(text))
    found = _missed_quotes(text, find_quotes(text, paragraphs), [], sentences, frozenset())
    return [(text[f.content[0][0] : f.content[0][1]], _words(text, f.cue), _words(text, f.source)) for f in found]


def test_missed_quote_with_a_description_after_it():
    text = "The memo is long. “The odds that the board will change course on its own are low,” the memo states."
    assert _missed(text) == [("“The odds that the board will change course on its own are low,”", "states",
                              "the memo")]


def test_missed_quote_after_a_question_keeps_a_description_that_does_not_speak():
    text = "It was late. “Who will pay for all of the repairs to the roof?” the old house stood empty."
    assert _missed(text) == []


def test_that_said_links_sentences_and_names_no_source():
    from propscope.analyzers.attribution.analyzer import _that_said

    text = "“We will win the vote in May,” the mayor said. That said, the council has doubts about the plan."
    f = Found([_find(text, "the council has doubts about the plan")], _find(text, "said,"), _find(text, "That"))
    f.cue = (f.cue[0], f.cue[1] - 1)
    assert _that_said(text, f)
    g = Found([_find(text, "“We will win the vote in May,”")], _find(text, "said."), _find(text, "the mayor"))
    assert not _that_said(text, g)


def _inverted(text: str, content: str, cue: str) -> Found:
    from propscope.analyzers.attribution.analyzer import _inverted_source_as_content

    _, sentences = segment(text)
    sentences = list(sentences)
    f = Found([_find(text, content)], _find(text, cue), None)
    _inverted_source_as_content(text, f, sentences, [s.start for s in sentences])
    return f


def test_inverted_cue_source_read_as_content_becomes_the_source():
    text = "Ice is a problem. In deep cold, the pumps take longer to start, said the annual safety review. It ends."
    f = _inverted(text, "the annual safety review", "said")
    assert _words(text, f.source) == "the annual safety review"
    assert [text[a:b] for a, b in f.content] == ["In deep cold, the pumps take longer to start"]


def test_inverted_cue_participle_keeps_its_clause_content():
    text = ("Ice is a problem. Lind argued the move hurt her group, noting the board often writes to its members. "
            "It ends.")
    f = _inverted(text, "the board often writes to its members", "noting")
    assert f.source is None
    assert [text[a:b] for a, b in f.content] == ["the board often writes to its members"]


def _coordinated(text: str, content: str, cue: str, source: str, names: list[str]) -> list[Found]:
    from propscope.analyzers.attribution.analyzer import _coordinated_speech
    from propscope.article import Span

    mentions = [Span(*_find(text, n), "PERSON") for n in names]
    return _coordinated_speech(text, [Found([_find(text, content)], _find(text, cue), _find(text, source))], mentions)


def test_coordinated_clause_with_its_own_speaker_leaves_the_outer_content():
    text = "The Greens said the vote was close but Ms. Kell predicted that the coalition would fall by spring."
    outer, inner = _coordinated(text, "the vote was close but Ms. Kell predicted that the coalition would fall by "
                                "spring", "said", "The Greens", ["Kell"])
    assert [text[a:b] for a, b in outer.content] == ["the vote was close"]
    assert _words(text, inner.source) == "Ms. Kell"
    assert _words(text, inner.cue) == "predicted"
    assert [text[a:b] for a, b in inner.content] == ["the coalition would fall by spring"]


def test_coordinated_clause_without_a_verb_of_saying_stays():
    text = "The Greens said the vote was close and Ms. Kell lost her seat to a newcomer from the coast."
    found = _coordinated(text, "the vote was close and Ms. Kell lost her seat to a newcomer from the coast", "said",
                         "The Greens", ["Kell"])
    assert len(found) == 1


def test_participle_after_a_subordinate_clause_is_said_by_its_subject():
    from propscope.analyzers.attribution.analyzer import _subordinate_subject
    from propscope.article import Span

    text = ("Lind offered that help a day after Mayor Oleg Petrov had defended the plan, saying, “We stand by it.” "
            "Nobody else spoke.")
    mentions = [Span(*_find(text, "Lind"), "PERSON"), Span(*_find(text, "Oleg Petrov"), "PERSON")]
    prev = Found([_find(text, "that help a day after Mayor Oleg Petrov had defended the plan,")],
                 _find(text, "offered"), _find(text, "Lind"))
    f = Found([_find(text, "“We stand by it.”")], _find(text, "saying"), None)
    assert _words(text, _subordinate_subject(text, prev, f, mentions)) == "Mayor Oleg Petrov"
    plain = Found([_find(text, "that help a day")], _find(text, "offered"), _find(text, "Lind"))
    assert _subordinate_subject(text, plain, f, mentions) is None


def test_owner_of_a_role_before_the_named_person_is_no_source():
    from propscope.analyzers.attribution.analyzer import _appositive_name

    text = ("The Treasury's acting under secretary for sanctions and financial crime during the last government, "
            "Ana Lind, claimed that the banks were closed to them. Nobody else spoke.")
    f = Found([_find(text, "that the banks were closed to them")], _find(text, "claimed"), _find(text, "The Treasury"))
    _appositive_name(text, f)
    assert _words(text, f.source) == "Ana Lind"


def test_relative_speech_past_a_phrase_of_where_before_that():
    text = "They cited several officials, including Lind, who said in her testimony that the funds were frozen."
    outer, inner = _relative(text, "several officials, including Lind, who said in her testimony that the funds were "
                             "frozen", "cited", "They")
    assert _words(text, inner.source) == "who"
    assert [text[a:b] for a, b in inner.content] == ["the funds were frozen"]


def test_speech_under_if_inside_another_sources_sentence_is_the_outer_speakers():
    from propscope.analyzers.attribution.analyzer import _hypothetical_speech

    text = ("Sen. Ana Lind said that the mayor promised a new bridge, but if the mayor is now saying, “We will pay "
            "for it with your taxes,” that is wrong. Nobody else spoke.")
    _, sentences = segment(text)
    sentences = list(sentences)
    outer = Found([_find(text, "that the mayor promised a new bridge")], _find(text, "said"),
                  _find(text, "Sen. Ana Lind"))
    mayor = text.index("the mayor is")
    inner = Found([_find(text, "“We will pay for it with your taxes,”")], _find(text, "is now saying"),
                  (mayor, mayor + len("the mayor")))
    found = _hypothetical_speech(text, [outer, inner], sentences, [s.start for s in sentences])
    assert found == [outer]
    assert text[outer.content[0][0] : outer.content[-1][1]].endswith("with your taxes,”")


def test_speech_of_its_own_after_another_sources_content_stays():
    from propscope.analyzers.attribution.analyzer import _hypothetical_speech

    text = "Sen. Ana Lind said that the bridge is late, but the mayor said, “We will pay for it.” Nobody else spoke."
    _, sentences = segment(text)
    sentences = list(sentences)
    outer = Found([_find(text, "that the bridge is late")], _find(text, "said"), _find(text, "Sen. Ana Lind"))
    inner = Found([_find(text, "“We will pay for it.”")], _find(text, "said,"), _find(text, "the mayor"))
    assert len(_hypothetical_speech(text, [outer, inner], sentences, [s.start for s in sentences])) == 2


def test_missed_quote_scolded_is_a_verb_of_saying():
    text = "The letter came late. “The question is who knew about the deal and when they knew it,” Lind scolded."
    assert _missed(text) == [("“The question is who knew about the deal and when they knew it,”", "scolded", "Lind")]


def test_own_tail_cue_is_no_main_clause_after_the_content():
    text = ("It was late. While the details are unclear, according to police, the officer admitted to hitting him. "
            "Nobody else spoke.")
    f = _retarget(text, ["While the details are unclear, according to police, the officer admitted to hitting him."],
                  "according to", "police")
    assert _words(text, f.source) == "police"


def test_inverted_cue_clause_after_it_is_no_source():
    text = "It was late. Barr, in his letter to the leaders, said Mueller's inquiry was conducted properly. It ends."
    f = _inverted(text, "Mueller's inquiry was conducted properly", "said")
    assert f.source is None


def test_inverted_cue_only_of_a_verb_that_inverts():
    text = "It was late. The tapes shot by many people at the hotel, now calls the whole story into question. It ends."
    f = _inverted(text, "the whole story into question", "calls")
    assert f.source is None


def test_uncovered_sentence_closed_by_a_description_and_its_verb():
    from propscope.analyzers.attribution.parenthetical import uncovered

    text = "He locked the door and then drove off with the money to the coast, the indictment said."
    [(pieces, cue, source)] = uncovered(text, [(0, len(text))], [])
    assert [text[a:b] for a, b in pieces] == ["He locked the door and then drove off with the money to the coast"]
    assert _words(text, cue) == "said"
    assert _words(text, source) == "the indictment"


def test_cue_closing_its_sentence_reports_that_sentence_not_the_next():
    from propscope.analyzers.attribution.analyzer import _content_before_tail_cue

    text = "It was late. The gunmen then held the top floor of the hotel for hours, he said.\n.\nA long night.\n"
    _, sentences = segment(text)
    sentences = list(sentences)
    he = text.index("he said")
    f = Found([_find(text, "A long night.")], _find(text, "said"), (he, he + 2))
    _content_before_tail_cue(text, f, sentences, [s.start for s in sentences], [])
    assert [text[a:b] for a, b in f.content] == ["The gunmen then held the top floor of the hotel for hours"]
