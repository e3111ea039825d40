"""Interview write-ups and lone quotations (h-attr29): the "he said" after a question put to a
guest is the guest's.  Sentences written for the test, shipped models."""

from __future__ import annotations

from attribution_helpers import attributions


def test_attribution_the_answer_after_a_question_is_the_guest_s(pipeline):
    text = ("Former coach Omar Quist said his apology to the players was enough.\n"
            "Radio host Dan Pell asked Quist in an interview aired Sunday if he had apologized to the team captain.\n"
            "“I apologized to everyone in that locker room,” Quist said.\n"
            "Pell followed up by asking Quist if he had ever called the captain.\n"
            "“I have never called him.\n"
            "But I did say sorry in public.\n"
            "That is different,” he said.\n")
    got = attributions(pipeline, text)
    answer = next(s for c, s in got if "never called him" in c)
    assert answer == "Omar Quist", got


def test_attribution_a_lone_quotation_line_is_the_speaker_of_the_same_words(pipeline):
    text = ("The harbour strike ended on Monday.\n"
            "'We never planned to close the port.'\n"
            "Mayor Ian Lind said the harbour would stay open through the winter.\n"
            "\u201cWe never planned to close the port,\u201d Lind told the council.\n")
    got = attributions(pipeline, text)
    assert ("'We never planned to close the port.'", "Ian Lind") in got, got


def test_attribution_a_lone_quotation_line_nobody_says_elsewhere_has_an_unknown_speaker(pipeline):
    text = ("The harbour strike ended on Monday.\n"
            "\u201cThe ships will be back before the spring.\u201d\n"
            "The harbour board met on Monday to count the cost.\n")
    got = attributions(pipeline, text)
    assert ("\u201cThe ships will be back before the spring.\u201d", None) in got, got


def test_attribution_a_quotation_after_a_said_colon_line_is_its_subject_s(pipeline):
    text = ("The council met after the vote. Mayor Ian Lind answered by pointing to the harbour.\n\n"
            "He said:\n\n"
            "\"We have a port that works. The ships come in on time, every day.\"\n\n"
            "The council voted again on Friday.\n")
    got = attributions(pipeline, text)
    assert ("\"We have a port that works. The ships come in on time, every day.\"", "Ian Lind") in got, got


def test_attribution_x_told_y_according_to_z_is_x_relayed_by_z(pipeline):
    text = ("The budget fight went on into the night.\n"
            "Mayor Ian Lind told council members that the budget was final, according to two people who attended.\n"
            "Ian Lind told aides that he saw Ada Roe as a threat, according to someone in the room.\n")
    got = attributions(pipeline, text.replace("\n", "\n\n"))
    article_spans = {c: s for c, s in got}
    assert article_spans.get("the budget was final") == "Ian Lind", got
    assert any(c.startswith("that he saw Ada Roe") and s == "Ian Lind" for c, s in got), got
