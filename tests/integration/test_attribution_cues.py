"""Cue and source classes found on state-media and hyper-partisan articles (h-attr2): a speech
noun after a determiner, a long description before the name after an inverted cue, a dash credit
after a quote, a quote after "X told Y,".  Sentences written for the test, shipped models."""

from __future__ import annotations

import pytest

from attribution_helpers import attributions


def _attrs(pipeline, text):
    return attributions(pipeline, text, with_source=True)


def test_a_speech_noun_after_a_determiner_is_no_cue(pipeline):
    text = ("The harbour board met on Monday.\n\n"
            "The claims came exactly a decade after the 2009 strike that closed the port for a month.\n\n"
            "The mayor claims the port will reopen next spring.\n")
    got = _attrs(pipeline, text)
    assert not any(src in ("The", "the") for _c, src, _s in got), got
    assert any(src == "The mayor" for _c, src, _s in got), got


@pytest.mark.parametrize("text", [
    # the tagger finds no cue: the rule for a quote before "said NAME" took only "WHO"
    ("The minister spoke on Monday.\n\n"
     "\"Humanity is more exposed than before,\" said WHO specialist in infectious diseases Dr. Lena Varga.\n"),
    # the tagger takes the cue and reads the description as more content
    ("Port traffic fell again in May.\n\n"
     "\"Humanity is more exposed than before,\" said WHO specialist in maritime trade Dr. Lena Varga.\n"),
])
def test_an_inverted_cue_speaker_is_the_name_closing_a_long_description(pipeline, text):
    # the capitalised word after "said" is a body qualifying the description, not who speaks
    got = _attrs(pipeline, text)
    assert [(c, spk) for c, _src, spk in got if "more exposed" in c] == [
        ("\"Humanity is more exposed than before,\"", "Lena Varga")], got


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    # a name no entity mention holds (a credit line is too short for the tagger): an outlet's words
    ("The storm hit the coast.\n\n"
     "“Fear beats reason, which is why the lobby keeps selling fear to the public.” –Liberty Health Watch\n\n"
     "The storm hit the coast again.\n", "Fear beats reason", "Liberty Health Watch"),
    # a quotation of several lines, its credit after the closing mark of the last one
    ("The debate went on all week.\n\n"
     "“We have to stop blaming the port for everything.\nAnd we have to start fixing the roads.\n"
     "So, what do we do about that?” –Tomas Varga\n"
     "I thought it would help to look at the numbers.\n", "We have to stop blaming", "Tomas Varga"),
    # a hyphen glued to the name
    ("Some words on leadership.\n\n"
     "“If you want to change the harbour you are going to have to trouble the council.” -Ivo Marek\n\n"
     "The council met on Monday.\n", "If you want to change", "Ivo Marek"),
])
def test_a_dash_credit_after_a_quote_names_its_speaker(pipeline, text, quote, speaker):
    got = _attrs(pipeline, text)
    assert [spk for c, _src, spk in got if c.startswith("“" + quote)] == [speaker], got


def test_a_byline_under_a_quote_is_no_credit(pipeline):
    # the dash on the line after the quote is the reporter's byline, not the quote's speaker
    text = ("“They gave us their word,” Mayor Anna Kask said of the port deal.\n\n"
            "“They will keep it.”\n"
            "— Tomas Varga\n"
            "Harbour Daily\n")
    got = _attrs(pipeline, text)
    assert not any(spk == "Tomas Varga" for _c, _src, spk in got), got


def test_a_quote_after_x_told_y_is_x_s_when_the_tagger_took_the_cue_for_content(pipeline):
    # a left single mark typed for the apostrophe of "NBC‘s" leads the tagger to read all after "asked" as content
    text = ("The senator spoke about the scandal on Monday.\n\n"
            "When asked if he owed Ana Lind an apology, President Tomas Roe told NBC‘s Ivo Marek, "
            "“No, I do not — "
            "I have never talked to her.\nBut I did say publicly that I was sorry.”\n\n"
            "The interview aired on Tuesday.\n")
    got = _attrs(pipeline, text)
    quote = [(c, src, spk) for c, src, spk in got if "No, I do not" in c]
    assert len(quote) == 1 and quote[0][0].startswith("“No, I do not") and quote[0][1:] == (
        "President Tomas Roe", "Tomas Roe"), got
