"""Cue and source classes found on state-media and hyper-partisan articles (h-attr2): a speech
noun after a determiner, a long description before the name after an inverted cue, a dash credit
after a quote, a quote after "X told Y,".  Sentences written for the test, shipped models."""

from __future__ import annotations

import pytest

from propscope.pipeline import Pipeline
from propscope.readers.text import read_text


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.build(["entities", "attribution"])


def _attrs(pipeline, text):
    article = read_text(text, has_title_line=False)
    analysis = pipeline.run(article)
    out = []
    for s in analysis["attributions"].spans:
        content = " | ".join(article.text[a:b] for a, b in s.attrs["content"])
        src = s.attrs["source"]
        out.append((content, article.text[src[0] : src[1]] if src else None, s.attrs["speaker"]))
    return out


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
