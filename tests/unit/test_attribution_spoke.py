"""Quotation lines under a line that says someone spoke ("Mayor Ana Roe spoke to reporters on
Monday.") or that introduces them with a colon are that person's, each line of the run, however
short; texts written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from propscope.analyzers.attribution.layouts import lone_quotations
from propscope.analyzers.attribution.spoke import introducing_line
from propscope.analyzers.quotes import find_quotes

from speaker_samples import line_spans


def _source(line: str) -> str | None:
    hit = introducing_line(line, 0, len(line))
    return None if hit is None else line[hit[1][0] : hit[1][1]]


@pytest.mark.parametrize("line, source", [
    ("Mayor Ana Roe spoke to reporters at city hall on Monday.", "Mayor Ana Roe"),
    ("On Tuesday, Fire Chief Ana Bell addressed the council.", "Fire Chief Ana Bell"),
    ("She continued.", "She"),
    ("Lind gave a speech at the rally in Halifax.", "Lind"),
    ("Lind told reporters on Monday:", "Lind"),
    ("He said:", "He"),
])
def test_spoke_a_line_that_only_says_someone_spoke_introduces_their_words(line, source):
    assert _source(line) == source


@pytest.mark.parametrize("line", [
    "Roe spoke about the roads that will close.",  # what she said is in the line
    "Roe told reporters the roads would close.",
    "They continued to veer off script.",  # no speech
    "Despite Roe's continued support, the plan failed.",
    "Roe spoke as if the money were hers.",
    "Roe spoke to reporters, who asked about the roads.",
])
def test_spoke_a_line_that_gives_what_was_said_or_no_speech_introduces_nothing(line):
    assert _source(line) is None


def _lone(text: str) -> list[tuple[str, str | None]]:
    paragraphs = line_spans(text)
    got = lone_quotations(text, paragraphs, find_quotes(text, paragraphs), [],
                          lambda span, same, cue: SimpleNamespace(content=[span], cue=cue))
    return [(text[f.content[0][0] : f.content[0][1]], f.cue and text[f.cue[1][0] : f.cue[1][1]]) for f in got]


def test_spoke_every_quotation_line_of_the_run_is_the_speakers_until_story_text():
    text = ("Residents complained for weeks.\nMayor Ana Roe spoke to reporters on Monday.\n"
            "\"We will clear the roads by Friday.\"\n\"Be patient.\"\nThe city has 300 plows.\n"
            "\"Nobody here has seen a winter like this one.\"\n")
    assert _lone(text) == [("\"We will clear the roads by Friday.\"", "Mayor Ana Roe"),
                           ("\"Be patient.\"", "Mayor Ana Roe"),
                           ("\"Nobody here has seen a winter like this one.\"", None)]


def test_spoke_a_colon_line_gives_the_whole_run_not_only_its_first_line():
    text = ("Fire Chief Ana Bell told the council on Tuesday:\n"
            "\"Our trucks cannot get through.\"\n\"Someone will die.\"\n")
    assert _lone(text) == [("\"Our trucks cannot get through.\"", "Fire Chief Ana Bell"),
                           ("\"Someone will die.\"", "Fire Chief Ana Bell")]
