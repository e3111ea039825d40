"""A contrasting "…, but X says …" clause inside a content is an attribution of its own (issue 15)."""

from __future__ import annotations

from propscope.analyzers.attribution.embedded import embedded_cue
from propscope.article import Span


def _mention(text: str, name: str) -> Span:
    k = text.index(name)
    return Span(k, k + len(name), "PERSON")


def test_embedded_a_contrasting_named_source_gets_its_own_clause():
    text = "According to the agency, the target is met in most cases but Lina Ortez says that is not what nurses see."
    start = text.index("the target")
    cut = embedded_cue(text, (start, len(text) - 1), [_mention(text, "Lina Ortez")])
    assert cut is not None
    first_end, cue, source, rest = cut
    assert text[start:first_end] == "the target is met in most cases"
    assert text[cue[0] : cue[1]] == "says"
    assert text[source[0] : source[1]] == "Lina Ortez"
    assert text[rest[0] : rest[1]] == "that is not what nurses see"


def test_embedded_a_pronoun_source_counts_too():
    text = "The ministry said exports grew last year, while he argued that the figures were inflated."
    start = text.index("exports")
    cut = embedded_cue(text, (start, len(text) - 1), [])
    assert cut is not None and text[cut[2][0] : cut[2][1]] == "he"


def test_embedded_no_cut_without_a_named_source_or_inside_a_quotation():
    text = "The report said exports grew, but the reasons are unclear says nothing more about it."
    start = text.index("exports")
    assert embedded_cue(text, (start, len(text) - 1), []) is None  # "the reasons" is no entity mention
    text = 'She said "exports grew, but Lina Ortez says the figures are wrong" in May.'
    start = text.index('"')
    assert embedded_cue(text, (start, len(text) - 1), [_mention(text, "Lina Ortez")]) is None
    text = "Officials said the plan works, but Lina Ortez said no."
    start = text.index("the plan")
    assert embedded_cue(text, (start, len(text) - 1), [_mention(text, "Lina Ortez")]) is None  # too short to stand
