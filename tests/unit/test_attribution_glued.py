"""Colon statements that run over the paragraph end (issue 15 §3)."""

from __future__ import annotations

from propscope.analyzers.attribution.glued import glued_statements
from propscope.analyzers.quotes import find_quotes
from propscope.segment import segment


def _glued(text: str, mentions: list[tuple[str, int]] = (), taken=()) -> list[tuple[list[str], str, str]]:
    paragraphs, sentences = (list(x) for x in segment(text))
    quotes = find_quotes(text, paragraphs)
    from propscope.article import Span

    spans = []
    for name, nth in mentions:
        at = -1
        for _ in range(nth + 1):
            at = text.index(name, at + 1)
        spans.append(Span(at, at + len(name), "PERSON"))
    out = glued_statements(text, paragraphs, sentences, quotes, spans, list(taken))
    return [([text[a:b] for a, b in c], text[cue[0] : cue[1]], text[src[0] : src[1]]) for c, cue, src in out]


def test_a_paragraph_ending_in_said_colon_owns_the_quotation_paragraphs_after_it():
    text = ("The council met on Monday. Mayor Tom Becker said:\n\n\"We will rebuild the bridge.\"\n\n"
            "\"It will take two years.\"\n\nThe vote is on Friday.\n\n\"Nobody knows the cost.\"")
    got = _glued(text, [("Tom Becker", 0)])
    assert got == [(["\"We will rebuild the bridge.\"", "\"It will take two years.\""], "said", "Tom Becker")]


def test_a_pronoun_before_the_cue_is_the_source():
    text = "She paused. Then she told reporters:\n\n\"We are not done yet.\""
    assert _glued(text) == [(["\"We are not done yet.\""], "told", "she")]


def test_a_colon_that_introduces_a_list_is_no_statement():
    text = "The plan includes:\n\n\"a new bridge\"\n\nThe mayor said the plan was costly."
    assert _glued(text) == []


def test_a_colon_cue_with_no_quotation_after_it_gives_nothing():
    text = "Mayor Tom Becker said:\n\nThe bridge will be rebuilt by the autumn."
    assert _glued(text, [("Tom Becker", 0)]) == []


def test_a_possessive_message_is_simple_states_the_possessors_words():
    text = ("Ana Ruiz lost her house in the flood.\n\nHer message now is simple: build the levee first.\n\n"
            "\"The water came at night.\"\n\nThe town has not answered.")
    got = _glued(text)
    assert got == [(["build the levee first", "\"The water came at night.\""], "message", "Her")]


def test_a_statement_inside_a_paragraph_takes_no_quotation_after_it():
    text = "Ruiz's advice was blunt: leave early. She then went home.\n\n\"The water came at night.\""
    assert _glued(text) == [(["leave early"], "advice", "Ruiz")]


def test_a_capitalised_article_is_no_possessor():
    assert _glued("The message now is simple: leave early.") == []


def test_text_already_attributed_is_left_alone():
    text = "Mayor Tom Becker said:\n\n\"We will rebuild the bridge.\""
    start = text.index("\"We")
    assert _glued(text, [("Tom Becker", 0)], taken=[(start, len(text))]) == []


def test_a_statement_takes_over_a_quotation_the_tagger_glued_to_a_later_paragraphs_cue():
    from propscope.analyzers.attribution.analyzer import Found
    from propscope.analyzers.attribution.glued import with_glued

    text = ("Her message is simple: leave early.\n\n\"The water came at night.\"\n\n"
            "A reporter tells us about the flood.")
    paragraphs, sentences = (list(x) for x in segment(text))
    quotes = find_quotes(text, paragraphs)
    q = text.index("\"The water")
    q_end = text.index("\n\nA reporter")
    about = text.index("the flood")
    cue = text.index("tells us about")
    wrong = Found([(q, q_end), (about, len(text) - 1)], (cue, cue + 14), (0, 10))
    out = with_glued(text, paragraphs, sentences, quotes, [], [wrong], Found)
    assert [[text[a:b] for a, b in f.content] for f in out] == [
        ["the flood"], ["leave early", "\"The water came at night.\""]]


def _mixed(text: str, people: list[str] = ()) -> list[tuple[str, str]]:
    from propscope.analyzers.attribution.analyzer import Found
    from propscope.analyzers.attribution.glued import carried_mixed
    from propscope.analyzers.entities.resolve import EntityRef
    from propscope.article import Span

    paragraphs, _ = (list(x) for x in segment(text))
    quotes = find_quotes(text, paragraphs)
    q = quotes[0]
    src = text.index("Ana Ruiz")
    first = Found([(q.start, q.end)], (q.end + 1, q.end + 5), (src, src + 8),
                  speaker=EntityRef("person:ana-ruiz", "Ana Ruiz", "PERSON"))
    mentions = [Span(text.index(p), text.index(p) + len(p), "PERSON") for p in people]
    new = carried_mixed(text, paragraphs, quotes, mentions, [first],
                        lambda c, last: Found(c, None, last.source, speaker=last.speaker))
    return [(text[f.content[0][0] : f.content[0][1]], f.speaker.name) for f in new]


def test_a_cue_less_paragraph_leading_into_a_quotation_continues_the_speaker_quoted_before():
    text = ("\"The talks failed,\" said Ana Ruiz.\n\n"
            "As long as nobody acts on the river, \"we will build the levee on our own.\"\n\nThe vote is on Friday.")
    assert _mixed(text) == [("As long as nobody acts on the river, \"we will build the levee on our own.\"",
                             "Ana Ruiz")]


def test_a_quotation_that_runs_over_a_line_is_taken_whole():
    text = ("\"The talks failed,\" said Ana Ruiz.\n"
            "Without a levee, \"the river wins.\nThe town loses every spring.\"\nThe vote is on Friday.")
    assert _mixed(text) == [("Without a levee, \"the river wins.\nThe town loses every spring.\"", "Ana Ruiz")]


def test_another_person_or_a_verb_of_saying_outside_the_quote_stops_the_carry():
    said = "\"The talks failed,\" said Ana Ruiz.\n\nCritics said the plan was \"a costly vanity project for her.\""
    named = "\"The talks failed,\" said Ana Ruiz.\n\nFor Tom Becker the plan is \"a costly vanity project for her.\""
    assert _mixed(said) == []
    assert _mixed(named, ["Tom Becker"]) == []


def test_a_scare_quote_inside_narration_is_not_carried():
    short = "\"The talks failed,\" said Ana Ruiz.\n\nThe plan is a \"vanity project.\""
    middle = "\"The talks failed,\" said Ana Ruiz.\n\nThe \"vanity project of the decade\" will cost millions."
    assert _mixed(short) == []
    assert _mixed(middle) == []


def _answers(text: str) -> list[str]:
    from propscope.analyzers.attribution.analyzer import Found
    from propscope.analyzers.attribution.glued import past_a_question
    from propscope.analyzers.entities.resolve import EntityRef

    paragraphs, sentences = (list(x) for x in segment(text))
    quotes = find_quotes(text, paragraphs)
    q = quotes[0]
    cue = text.index("she said")
    first = Found([(q.start, q.end)], (cue + 4, cue + 8), (cue, cue + 3),
                  speaker=EntityRef("person:ana-ruiz", "Ana Ruiz", "PERSON"))
    new = past_a_question(text, sentences, quotes, [first], lambda span, last: Found([span], None, last.source,
                                                                                     speaker=last.speaker))
    return [text[f.content[0][0] : f.content[0][1]] for f in new]


def test_a_quoted_answer_to_the_writers_question_continues_the_speaker_before_it():
    text = "\"We are ready,\" she said. And if the state refuses? \"I won't think about that.\" The vote is Friday."
    assert _answers(text) == ["\"I won't think about that.\""]


def test_no_carry_over_a_statement_or_a_paragraph_break():
    statement = "\"We are ready,\" she said. The state refused. \"I won't think about that.\""
    broken = "\"We are ready,\" she said. And if the state refuses?\n\n\"I won't think about that.\""
    assert _answers(statement) == []
    assert _answers(broken) == []


def test_a_named_subject_with_an_appositive_and_a_copula_states_the_quotation_after_the_colon():
    text = ("The town council met on Monday.\n\nOkafor, the engineer who built the dam, is more worried: "
            "\"The wall will not hold another winter.\"\n\n\"We have told them twice.\"\n\nThe vote is on Friday.")
    got = _glued(text, [("Okafor", 0)])
    assert got == [(["\"The wall will not hold another winter.\"", "\"We have told them twice.\""], "is", "Okafor")]


def test_a_named_subject_that_has_a_view_states_the_quotation_inside_its_paragraph():
    text = "Lena Park has a different view: \"Nobody asked the farmers.\" The meeting ended.\n\n\"Not one.\""
    assert _glued(text, [("Lena Park", 0)]) == [(["\"Nobody asked the farmers.\""], "has", "Lena Park")]


def test_a_pronoun_subject_before_a_copula_and_a_colon_is_the_source():
    text = "She is blunt: \"Leave before the water comes.\""
    assert _glued(text) == [(["\"Leave before the water comes.\""], "is", "She")]


def test_a_subject_that_is_no_person_before_a_colon_gives_nothing():
    assert _glued("The problem is simple: \"no money, no repairs.\"") == []
    text = "Riverside has a different view: \"Build it now.\""
    assert _glued(text, []) == []  # a place, not a person's mention


def test_a_subject_colon_with_no_quotation_after_it_gives_nothing():
    assert _glued("Okafor is more worried: the wall will fail.", [("Okafor", 0)]) == []


def test_a_subject_that_had_this_to_say_states_the_quotation():
    text = "Okafor had this to say: \"The wall will not hold.\""
    assert _glued(text, [("Okafor", 0)]) == [(["\"The wall will not hold.\""], "had", "Okafor")]


def test_a_predicate_pointing_at_someone_elses_words_gives_nothing():
    assert _glued("Okafor was a fan of the slogan: \"Build it now.\"", [("Okafor", 0)]) == []
    assert _glued("Okafor was handed a note: \"Build it now.\"", [("Okafor", 0)]) == []


def test_a_subject_asked_a_question_does_not_state_it():
    assert _glued("Okafor was asked: \"Will the wall hold?\"", [("Okafor", 0)]) == []
