"""The Markdown report carries the same information as the HTML one."""

from __future__ import annotations

import pytest

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Dateline, RemovedBlock, Span
from propscope.report import LayerStyle, Panel, PanelGroup, PanelItem, registry, render_markdown
from propscope.report.markdown import md_escape
from propscope.segment import segment

TEXT = (
    "KYIV, Jan 10 (Meridian) - The ministry called it a foreign-backed coup.\n\n"
    "\"They are terrorists,\" he said.\n"
    "- a line that starts like a list item\n\n"
    "# not a heading"
)


def _analysis() -> Analysis:
    paragraphs, sentences = segment(TEXT)
    start = TEXT.index("foreign-backed coup")
    q = TEXT.index("\"They are terrorists,\"")
    article = Article(
        text=TEXT, title="A *bold* title", outlet="Meridian", url="https://example.org/x", published="2026-01-10",
        language="en", authors=("Ana Writer",), dateline=Dateline("KYIV", "Meridian", "Jan 10"),
        paragraphs=paragraphs, sentences=sentences, source="wire.txt",
        removed=(RemovedBlock(0, 9, "boilerplate", "Most read\nShare on Telegram"),),
    )
    return Analysis(article, {
        "quotes": Layer("quotes", "quotes", "1", (Span(q, q + len("\"They are terrorists,\""), "quote", {"depth": 0}),)),
        "techniques": Layer("techniques", "techniques", "1",
                            (Span(start, start + len("foreign-backed coup"), "Loaded_Language",
                                  {"score": 0.8712, "voice": "outlet"}),),
                            {"rate": 2.5}, label_key="technique"),
    }, (AnalyzerInfo("quotes", "1"), AnalyzerInfo("techniques", "1")))


def test_metadata_text_layers_and_removed() -> None:
    md = render_markdown([_analysis()])
    assert md.startswith("# propscope report\n")
    assert "## A \\*bold\\* title" in md
    for line in ("- **Outlet:** Meridian", "- **Published:** 10 Jan 2026", "- **Language:** en",
                 "- **Dateline place:** KYIV", "- **Dateline agency:** Meridian", "- **Authors:** Ana Writer",
                 "- **Source:** wire.txt", "- **URL:** https://example.org/x"):
        assert line in md
    assert "### Text" in md
    assert "### Quotation marks" in md and "### Persuasion techniques" in md
    assert "1. **Loaded language** “foreign-backed coup”" in md
    assert "score: 0.87; voice: outlet" in md
    assert "“They are terrorists,”" in md  # one pair of marks around a span that is one quotation
    assert "### Removed from the input" in md
    assert "**boilerplate**" in md and "Most read\nShare on Telegram" in md
    assert '"rate": 2.5' in md


def test_paragraphs_and_line_breaks_are_kept_without_becoming_markup() -> None:
    md = render_markdown([_analysis()])
    body = md.split("### Text\n\n", 1)[1].split("\n### ", 1)[0]
    paragraphs = body.strip().split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1] == "\"They are terrorists,\" he said.\\\n\\- a line that starts like a list item"
    assert paragraphs[2] == "\\# not a heading"


def test_panel_and_definitions_from_the_style(monkeypatch: pytest.MonkeyPatch) -> None:
    style = LayerStyle(
        definitions={"Loaded_Language": "Words chosen for their emotional charge."},
        flag=lambda span: "checked by hand",
        panel=lambda a, layer: Panel("Who said what", (PanelGroup("the minister", (PanelItem("They are…",
                                                                                            note="direct"),)),)),
    )
    registry.get_layer_style("quotes")
    monkeypatch.setitem(registry._styles, "techniques", style)
    md = render_markdown([_analysis()])
    assert "- **Loaded language** (1) — Words chosen for their emotional charge." in md
    assert "### Who said what" in md and "- **the minister**" in md and "  - “They are…” (direct)" in md
    assert "voice: outlet; checked by hand" in md  # the attribute, then the flag


def test_many_articles() -> None:
    md = render_markdown([_analysis(), _analysis()])
    assert "2 articles" in md
    assert md.count("## A \\*bold\\* title") == 2


@pytest.mark.parametrize("text,expected", [
    ("a <b> & [link](x)", "a \\<b\\> \\& \\[link\\](x)"),
    ("1. first", "1\\. first"),
    ("  - item", "  \\- item"),
    ("> quote", "\\> quote"),
    ("plain", "plain"),
])
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_a_layer_its_analyzer_could_not_read_says_not_analysed() -> None:
    from propscope.analysis import Analysis, Layer
    from propscope.article import Article
    from propscope.report import render_markdown

    layer = Layer("entities", "entities", "1", (), {"entities": [], "skipped": "reads English only"})
    md = render_markdown([Analysis(Article(text="Текст статьи."), {"entities": layer})])
    assert "Not analysed: reads English only" in md


def test_a_span_that_is_one_quotation_is_listed_inside_one_pair_of_marks() -> None:
    md = render_markdown([_analysis()])
    assert "“They are terrorists,”" in md
    assert "“\\\"They are terrorists,\\\"”" not in md and "““" not in md


def test_a_long_quotation_in_who_said_what_loses_both_marks() -> None:
    from propscope.report.styles import who_said_what

    quote = "\"" + " ".join(["The harbour stayed closed all week"] * 12) + ",\""
    text = quote + " the mayor said.\n"
    span = Span(0, len(quote), "direct", {"kind": "direct", "speaker": "Mayor", "content": [[0, len(quote)]]})
    paragraphs, sentences = segment(text)
    article = Article(text=text, paragraphs=paragraphs, sentences=sentences)
    layer = Layer("attribution", "attributions", "1", (span,), label_key="kind")
    panel = who_said_what(Analysis(article, {"attributions": layer}, (AnalyzerInfo("attribution", "1"),)), layer)
    shown = panel.groups[0].items[0].text
    assert shown.startswith("The harbour") and shown.endswith("…") and "\"" not in shown


def test_a_quoted_speakers_voice_is_said_once_in_the_span_list() -> None:
    text = "\"They are traitors,\" the mayor said.\n"
    paragraphs, sentences = segment(text)
    article = Article(text=text, paragraphs=paragraphs, sentences=sentences)
    a = text.index("traitors")
    layer = Layer("techniques", "techniques", "1",
                  (Span(a, a + len("traitors"), "Name_Calling,Labeling", {"score": 0.7, "voice": "Jane Mayor"}),),
                  label_key="technique")
    md = render_markdown([Analysis(article, {"techniques": layer}, (AnalyzerInfo("techniques", "1"),))])
    line = next(x for x in md.splitlines() if "“traitors”" in x)
    assert line.count("Jane Mayor") == 1


def test_a_passage_that_opens_a_quotation_is_not_wrapped_in_a_second_pair() -> None:
    from propscope.report import render_html

    text = "\"We stay,\" she said. \"We build <b>here</b>.\" Then she left.\n"
    paragraphs, sentences = segment(text)
    article = Article(text=text, paragraphs=paragraphs, sentences=sentences)
    end = text.index(" Then")
    span = Span(0, end, "direct", {"kind": "direct", "speaker": "Ana Roe", "content": [[0, 10], [21, end]]})
    layer = Layer("attribution", "attributions", "1", (span,), label_key="kind")
    analysis = Analysis(article, {"attributions": layer}, (AnalyzerInfo("attribution", "1"),))
    md = render_markdown([analysis])
    html = render_html([analysis])
    assert "“\\\"We stay" not in md and "“&#34;We stay" not in html and "“&quot;We stay" not in html
    assert "<b>here</b>" not in html and "&lt;b&gt;here&lt;/b&gt;" in html
