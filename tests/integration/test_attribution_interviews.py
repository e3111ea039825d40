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
