"""Attributions the page layout states: vox pops both ways round, and transcript labels."""

from __future__ import annotations

from propscope.analyzers.attribution.analyzer import _layout_attributions
from propscope.article import Span


def _texts(text: str, found) -> list[tuple[str, str, str]]:
    return [(text[f.source[0] : f.source[1]], text[f.cue[0] : f.cue[1]],
             " ".join(text[a:b] for a, b in f.content)) for f in found]


def test_quote_then_dash_then_name_on_each_line_is_a_vox_pop():
    text = ("“The new bridge has cut my commute in half.” ― Mara Lind\n"
            "“Nobody asked us before they closed the market.”\u00a0― Tomas Vey\u00a0\n"
            "\"Prices keep going up.\" — Ana Kell.")
    found = _layout_attributions(text, [Span(0, len(text))])
    assert _texts(text, found) == [
        ("Mara Lind", "―", "“The new bridge has cut my commute in half.”"),
        ("Tomas Vey", "―", "“Nobody asked us before they closed the market.”"),
        ("Ana Kell", "—", "\"Prices keep going up.\""),
    ]


def test_name_then_dash_then_quote_takes_the_rest_of_the_paragraph():
    text = "Carla Sanchez ― “Trump must stop portraying Latinos as gangsters.”"
    found = _layout_attributions(text, [Span(0, len(text))])
    assert _texts(text, found) == [("Carla Sanchez", "―", "“Trump must stop portraying Latinos as gangsters.”")]


def test_a_dash_inside_running_text_or_before_a_lowercase_word_is_no_vox_pop():
    for text in ("“We will rebuild,” he said ― and the crowd cheered.",
                 "The council voted ― “a historic day” ― to close the plant.",
                 "“It is over.” ― according to officials"):
        assert _layout_attributions(text, [Span(0, len(text))]) == [], text


def test_transcript_speaker_label():
    text = "WALLACE: Let's start with the economy.\nREYES: Gladly.\nWALLACE: Good."
    paragraphs = [Span(0, 38), Span(39, 53), Span(54, len(text))]
    found = _layout_attributions(text, paragraphs)
    assert _texts(text, found)[0] == ("WALLACE", ":", "Let's start with the economy.")
    assert [t[0] for t in _texts(text, found)] == ["WALLACE", "WALLACE"]  # REYES occurs once and nowhere else


def test_a_label_named_elsewhere_is_a_speaker_but_a_wire_heading_is_not():
    text = ("Host Chris Wallace spoke to the minister.\nWALLACE: Is the plan dead?\n"
            "MARKET WATCH: Shares fell 2 percent, traders said.")
    paragraphs, pos = [], 0
    for part in text.split("\n"):
        paragraphs.append(Span(pos, pos + len(part)))
        pos += len(part) + 1
    assert [t[0] for t in _texts(text, _layout_attributions(text, paragraphs))] == ["WALLACE"]


def test_mixed_case_interview_labels_that_recur_are_turns():
    text = "Newsline: What comes next?\nOlga Marin: We wait.\nNewsline: For how long?\nOlga Marin: A year.\nPhoto: Newsline"
    paragraphs, pos = [], 0
    for part in text.split("\n"):
        paragraphs.append(Span(pos, pos + len(part)))
        pos += len(part) + 1
    assert [(t[0], t[2]) for t in _texts(text, _layout_attributions(text, paragraphs))] == [
        ("Newsline", "What comes next?"), ("Olga Marin", "We wait."), ("Newsline", "For how long?"),
        ("Olga Marin", "A year.")]


def test_the_dateline_is_never_part_of_a_source_or_a_content():
    from propscope.analyzers.attribution.analyzer import Found, _outside_dateline

    text = "ISTRAVA, Jan 10 (Meridian) - Karvinia's president said order had been restored."
    end = text.index("Karvinia")
    f = Found([(0, text.index(" said"))], (text.index("said"), text.index("said") + 4), (0, text.index(" said")))
    g = Found([(text.index("order"), len(text) - 1)], (text.index("said"), text.index("said") + 4),
              (0, end - 2))  # a source wholly inside the dateline goes
    kept = _outside_dateline(text, [f, g], end - 1)
    assert [text[a:b] for a, b in kept[0].content] == ["Karvinia's president"]
    assert text[kept[0].source[0] : kept[0].source[1]] == "Karvinia's president"
    assert kept[1].source is None and text[kept[1].content[0][0] : kept[1].content[0][1]] == "order had been restored"
