"""The person a question was put to answers the "he said" after it (interview write-ups)."""

from __future__ import annotations

import pytest

from propscope.analyzers.attribution.addressee import asked_in, asks_again

from speaker_samples import speaker_resolver


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return sorted((text.index(n), text.index(n) + len(n)) for n in names)


@pytest.mark.parametrize("sentence, asked", [
    ("Dana Pell asked Omar Quist in a podcast taped Friday if he would run again.", "Omar Quist"),
    ("Pell pressed Quist on the budget.", "Quist"),
    ("Pell followed up by asking Quist whether the deal was dead.", "Quist"),
    ("Quist was asked about the budget by Pell.", "Quist"),
    ("Pell asked Quist: could the deal still pass?", "Quist"),
])
def test_attribution_addressee_the_person_a_sentence_questions(sentence, asked):
    names = [n for n in ("Dana Pell", "Omar Quist", "Pell", "Quist") if n in sentence
             and not any(n != m and n in m and m in sentence for m in ("Dana Pell", "Omar Quist"))]
    hit = asked_in(sentence, 0, len(sentence), _spans(sentence, *names))
    assert hit is not None and sentence[hit[0] : hit[1]] == asked


@pytest.mark.parametrize("sentence", [
    "Pell asked Quist to step down.",
    "Pell asked Quist for a loan.",
    "Pell met Quist about the budget.",
])
def test_attribution_addressee_a_request_or_a_meeting_puts_no_question(sentence):
    assert asked_in(sentence, 0, len(sentence), _spans(sentence, "Pell", "Quist")) is None


def test_attribution_addressee_a_pronoun_that_asks_is_the_interviewer():
    text = "“Really?” he pressed. “Yes,” he said."
    assert asks_again(text, text.index("he pressed"))
    assert not asks_again(text, text.index("he said"))


_resolver = speaker_resolver


_INTERVIEW = ("Former mayor Omar Quist said he had no regrets about the stadium.\n"
              "Radio host Dana Pell asked Quist on her morning show if he had ever apologized to the council.\n"
              "“I apologized to the whole city,” Quist said.\n"
              "Pell followed up by asking Quist whether he had called the council leader.\n"
              "“I never called him,” he said.")


def test_attribution_speakers_the_he_after_a_question_is_the_man_asked_not_the_asker():
    r = _resolver(_INTERVIEW, {"Omar Quist": ("Omar Quist", "m"), "Quist": ("Omar Quist", "m"),
                               "Dana Pell": ("Dana Pell", None), "Pell": ("Dana Pell", None)})
    he = _INTERVIEW.rindex("he said")
    quote = _INTERVIEW.rindex("“I never")
    pell = r.entities["person:dana-pell"]
    assert r.resolve(he, he + 2, previous=pell, skip=(quote, he - 2)).name == "Omar Quist"


def test_attribution_speakers_a_question_put_to_a_woman_leaves_the_he_to_the_ranking():
    text = _INTERVIEW.replace("Omar Quist", "Ruth Quist").replace(" he had", " she had")
    r = _resolver(text, {"Ruth Quist": ("Ruth Quist", "f"), "Quist": ("Ruth Quist", "f"),
                         "Dana Pell": ("Dana Pell", "m"), "Pell": ("Dana Pell", "m")})
    he = text.rindex("he said")
    quote = text.rindex("“I never")
    assert r.addressee_asked(he, "m", (quote, he - 2)) is None
    assert r.resolve(he, he + 2, skip=(quote, he - 2)).name == "Dana Pell"
