"""A content that swallowed its own cue: "…, X told Y, “…”" read as content of a source-less cue
(h-attr2); texts written for these tests."""

from __future__ import annotations

from propscope.analyzers.attribution.analyzer import Found, _cue_inside_content


def _span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def _words(text: str, f: Found) -> tuple[list[str], str | None, str | None]:
    return ([text[a:b] for a, b in f.content], text[f.cue[0] : f.cue[1]] if f.cue else None,
            text[f.source[0] : f.source[1]] if f.source else None)


def test_the_quote_after_x_told_y_is_x_s_and_the_question_is_no_content():
    text = "When asked if he owed her an apology, Mayor Roe told Harbour TV’s Ana Lind, “No, I do not.”"
    f = Found([_span(text, "if he owed")[0:1] + (len(text),)], _span(text, "asked"), None)
    _cue_inside_content(text, f)
    assert _words(text, f) == (["“No, I do not.”"], "told", "Mayor Roe")


def test_the_clause_before_x_said_stays_content_when_no_question_frames_it():
    text = "The port will close, Lind said, “and nobody will stop it.”"
    f = Found([(0, len(text))], None, None)
    _cue_inside_content(text, f)
    assert _words(text, f) == (["The port will close", "“and nobody will stop it.”"], "said", "Lind")


def test_a_told_inside_the_quotation_is_left_alone():
    text = "“Then Lind told me, “go home,” and I did,” the witness recalled."
    f = Found([_span(text, text[: text.rindex("”") + 1])], None, None)
    before = _words(text, f)
    _cue_inside_content(text, f)
    assert _words(text, f) == before
