"""The HTML report: content, overlapping spans, the pluggable layer styles, self-containment."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Dateline, RemovedBlock, Span
from propscope.report import LayerStyle, Panel, PanelGroup, PanelItem, registry, render_html
from propscope.report.html import json_for_script
from propscope.report.styles import TECHNIQUES
from propscope.report.view import build_report, safe_http_url
from propscope.segment import segment

TEXT = (
    "MOSCOW, Jan 10 (TASS) – Officials denounced a foreign-backed coup.\n\n"
    "\"They are terrorists, criminals and marauders,\" the minister said.\n"
    "A second line of the same paragraph."
)


def _article(text: str = TEXT, **kw: object) -> Article:
    paragraphs, sentences = segment(text)
    defaults: dict[str, object] = {
        "title": "Coup foiled",
        "outlet": "Example Wire",
        "url": "https://news.example.org/a/1",
        "published": "2026-01-10",
        "language": "en",
        "authors": ("A. Writer", "B. Editor"),
        "dateline": Dateline("MOSCOW", "TASS", "Jan 10", Span(0, 22)),
        "source": "examples/a.txt",
        "removed": (RemovedBlock(0, 9, "boilerplate", "Most read"), RemovedBlock(10, 20, "title", "Coup foiled")),
    }
    defaults.update(kw)
    return Article(text=text, paragraphs=paragraphs, sentences=sentences, **defaults)  # type: ignore[arg-type]


def _at(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def _analysis(text: str = TEXT, **kw: object) -> Analysis:
    article = _article(text, **kw)
    quote = Span(*_at(text, "\"They are terrorists, criminals and marauders,\""), "quote", {"depth": 0})
    coup = Span(*_at(text, "foreign-backed coup"), "Loaded_Language", {"score": 0.8712, "voice": "outlet"})
    labels = Span(*_at(text, "terrorists, criminals and marauders"), "Name_Calling,Labeling",
                  {"score": 0.5, "voice": "the minister"})
    return Analysis(
        article,
        {
            "quotes": Layer("quotes", "quotes", "1", (quote,)),
            "techniques": Layer("techniques", "techniques", "1", (coup, labels), {"spans_per_1000_words": 3.5},
                                label_key="technique"),
        },
        (AnalyzerInfo("quotes", "1"), AnalyzerInfo("techniques", "1")),
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_bodies: list[str] = []
        self._in_script = False
        self.style_bodies: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_bodies.append(data)
        if self._in_style:
            self.style_bodies.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _card_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="propscope-data">(.*?)</script>', html, re.DOTALL)
    assert m
    return json.loads(m.group(1))


def test_shows_text_metadata_and_removed_blocks() -> None:
    html = render_html([_analysis()])
    assert html.startswith("<!DOCTYPE html>")
    for value in ("Coup foiled", "Example Wire", "10 Jan 2026", "MOSCOW", "TASS", "A. Writer, B. Editor",
                  "examples/a.txt", "quotes v1"):
        assert value in html
    assert "Removed from the input" in html
    assert "Most read" in html and ">boilerplate<" in html
    # two paragraphs, the second keeps its inner line break (pre-wrap)
    text_section = html.split('<section class="text"', 1)[1].split("</section>", 1)[0]
    assert text_section.count("<p>") == 2
    assert "said.\nA second line" in text_section


def test_http_url_is_a_safe_link() -> None:
    html = render_html([_analysis()])
    links = [attrs for tag, attrs in _parse(html).tags if tag == "a" and attrs.get("href", "").startswith("http")]
    assert len(links) == 1
    assert links[0]["href"] == "https://news.example.org/a/1"
    assert "noopener" in (links[0]["rel"] or "") and "noreferrer" in (links[0]["rel"] or "")


def test_non_http_url_is_text() -> None:
    html = render_html([_analysis(url="ftp://files.example.org/a")])
    assert "ftp://files.example.org/a" in html
    assert not any(attrs.get("href", "").startswith("ftp") for _, attrs in _parse(html).tags)


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/x?a=1", True), ("HTTP://example.org", True), ("javascript:alert(1)", False),
    ("https://", False), ("https://exa mple.org", False), ("//example.org", False), ("data:text/html,x", False),
    (None, False), ("https://example.org/\"onmouseover=", False),
])
def test_safe_http_url(url: str | None, ok: bool) -> None:
    assert safe_http_url(url) is ok


def test_overlapping_spans_are_split_into_pieces() -> None:
    text = "abcdefghij"
    article = Article(text=text, paragraphs=(Span(0, 10),))
    analysis = Analysis(article, {
        "one": Layer("one", "one", "1", (Span(0, 6, "x"),)),
        "two": Layer("two", "two", "1", (Span(3, 9, "y"),)),
    })
    view = build_report([analysis]).articles[0]
    pieces = [(p.text, p.span_ids) for p in view.blocks[0]]
    assert pieces == [("abc", ("a0-0-0",)), ("def", ("a0-0-0", "a0-1-0")), ("ghi", ("a0-1-0",)), ("j", ())]
    html = render_html([analysis])
    assert 'data-s="a0-0-0 a0-1-0"' in html
    # the overlap gets a two-band background from the two label colours
    assert "linear-gradient" in html


def test_each_span_is_focusable_once_and_has_an_anchor() -> None:
    html = render_html([_analysis()])
    tags = _parse(html).tags
    focusable = [a for t, a in tags if t == "span" and a.get("tabindex") == "0"]
    assert len(focusable) == 3  # three spans, each focusable at its first piece
    anchors = {a["id"] for t, a in tags if t == "a" and a.get("class") == "anchor"}
    assert {"s-a0-0-0", "s-a0-0-1", "s-a0-1-0"} <= anchors
    # the per-layer list links to them
    assert 'href="#s-a0-1-0"' in html


def test_card_data_has_layer_label_and_formatted_attributes() -> None:
    data = _card_data(render_html([_analysis()]))
    span = data["spans"]["a0-0-0"]  # techniques sort before quotes (order 10 < 50)
    label = data["labels"][span["k"]]
    assert label["layer"] == "Persuasion techniques"
    assert label["label"] == "Loaded language"
    assert label["definition"] == TECHNIQUES.definitions["Loaded_Language"] != ""
    rows = dict(span["rows"])
    assert rows["technique"] == "Loaded language"
    assert rows["score"] == "0.87"
    assert rows["voice"] == "outlet"
    assert [r[0] for r in span["rows"]] == ["technique", "score", "voice"]
    other = data["spans"]["a0-0-1"]
    assert data["labels"][other["k"]]["label"] == TECHNIQUES.label_name("Name_Calling,Labeling")
    # the built-in techniques style marks a span in a quoted speaker's voice
    assert span["flag"] is None
    assert other["flag"] == "In a quoted speaker's voice: the minister"


def test_legend_lists_each_layer_and_label_with_counts() -> None:
    html = render_html([_analysis()])
    legend = html.split('<section class="legend"', 1)[1].split("</section>", 1)[0]
    assert "Quotation marks" in legend and "Persuasion techniques" in legend
    assert "Loaded language" in legend and TECHNIQUES.label_name("Name_Calling,Labeling") in legend
    assert "(1)" in legend


def test_unknown_layer_gets_default_rendering_and_data() -> None:
    analysis = _analysis().with_layers({"custom_layer": Layer("custom_layer", "custom", "2", (Span(0, 6, "ODD_label"),),
                                                              {"total": 1, "per_1000": 0.25})})
    html = render_html([analysis])
    assert "Custom layer" in html and "Odd label" in html and "custom v2" in html
    assert "&#34;per_1000&#34;: 0.25" in html  # layer data shown as JSON by default
    assert "spans_per_1000_words" in html


def test_registered_style_definitions_flag_and_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    style = LayerStyle(
        title="Persuasion techniques",
        label_names={"Loaded_Language": "Loaded language"},
        definitions={"Loaded_Language": "Words chosen for their emotional charge."},
        colours={"Loaded_Language": "#123456", "Name_Calling,Labeling": "not-a-colour; } body{x:y"},
        attr_order=("score", "voice"),
        flag=lambda span: None if span.attrs.get("voice") == "outlet" else f"voice: {span.attrs.get('voice')}",
        summary=lambda analysis, layer: [("spans", str(len(layer)))],
    )
    registry.get_layer_style("quotes")  # load the built-ins first
    monkeypatch.setitem(registry._styles, "techniques", style)
    html = render_html([_analysis()])
    data = _card_data(html)
    coup, labels = data["spans"]["a0-1-0"], data["spans"]["a0-1-1"]  # default order 100: after quotes
    assert data["labels"][coup["k"]]["definition"] == "Words chosen for their emotional charge."
    assert data["labels"][coup["k"]]["layer"] == "Persuasion techniques"
    assert [r[0] for r in coup["rows"]] == ["technique", "score", "voice"]
    assert coup["flag"] is None and labels["flag"] == "voice: the minister"
    assert re.search(r'class="seg [^"]*flag"', html)
    assert "#123456" in html
    assert "not-a-colour" not in html  # an invalid colour falls back to the palette
    assert "<th scope=\"row\">spans</th><td>2</td>" in html
    assert "Words chosen for their emotional charge." in html.split('<section class="legend"', 1)[1]


def test_panel_links_speakers_to_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXT
    quote_start, quote_end = _at(text, "\"They are terrorists, criminals and marauders,\"")

    def who_said_what(analysis: Analysis, layer: Layer) -> Panel:
        return Panel("Who said what", (
            PanelGroup("the minister", (
                PanelItem("They are terrorists…", note="direct", span=("quotes", 0)),
                PanelItem("reported speech", offsets=(quote_start + 1, quote_end - 1)),
                PanelItem("unresolvable", span=("nope", 9)),
            )),
        ))

    registry.get_layer_style("quotes")
    monkeypatch.setitem(registry._styles, "attributions", LayerStyle(panel=who_said_what, highlight=False))
    analysis = _analysis()
    analysis = analysis.with_layers({"attributions": Layer("attributions", "attribution", "1",
                                                           (Span(quote_start, quote_end, "direct"),))})
    html = render_html([analysis])
    assert "Who said what" in html and "the minister" in html
    assert 'href="#s-a0-1-0"' in html  # the quote span
    assert 'href="#t-a0-0"' in html and 'id="t-a0-0"' in html and 'data-t="t-a0-0"' in html
    assert "<li>unresolvable</li>" in html
    # a layer with highlight=False is listed but not highlighted (it sorts last: order 100)
    text_section = html.split('<section class="text"', 1)[1].split("</section>", 1)[0]
    assert "a0-2-0" not in text_section
    assert "Attributions: 1 span<" in html


def test_spans_outside_the_text_do_not_break_the_report() -> None:
    article = Article(text="short", paragraphs=(Span(0, 5),))
    analysis = Analysis(article, {"x": Layer("x", "x", "1", (Span(2, 50, "bad"), Span(1, 1, "empty")))})
    html = render_html([analysis])
    assert "(outside the text)" in html
    assert ">short</p>" in html


def test_many_articles_share_colours_and_have_a_table_of_contents() -> None:
    html = render_html([_analysis(), _analysis(title="Second one")])
    assert '<table class="articles"' in html and 'href="#a1"' in html  # the table replaced the bare list
    assert 'id="a0"' in html and 'id="a1"' in html
    data = _card_data(html)
    assert data["spans"]["a0-1-0"]["k"] == data["spans"]["a1-1-0"]["k"]


def test_empty_list_renders() -> None:
    assert "0 articles" in render_html([])


def test_self_contained_and_csp_hashes_match() -> None:
    html = render_html([_analysis()])
    lowered = html.lower()
    for needle in ("<script src", "<link", "@import", "url(", "<img", "<iframe", "http-equiv=\"refresh\""):
        assert needle not in lowered
    parsed = _parse(html)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp and "unsafe-inline" not in csp
    scripts = [a for t, a in parsed.tags if t == "script"]
    assert [s.get("type") for s in scripts] == ["application/json", None]

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {sha(parsed.script_bodies[-1])}" in csp
    assert f"style-src {sha(parsed.style_bodies[0])}" in csp


def test_json_for_script_escapes_element_breakers() -> None:
    value = {"a": "</script><!-- & \u2028\u2029 >"}
    out = str(json_for_script(value))
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out
    assert json.loads(out) == value


@given(
    text=st.text(alphabet="ab \n", min_size=1, max_size=60),
    raw_spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["x", "y"])), max_size=8),
)
@settings(max_examples=150, deadline=None)
def test_pieces_cover_paragraphs_and_list_exactly_the_covering_spans(
    text: str, raw_spans: list[tuple[int, int, str]]
) -> None:
    paragraphs, _ = segment(text)
    spans = tuple(Span(min(a, b, len(text)), min(max(a, b), len(text)), label) for a, b, label in raw_spans)
    analysis = Analysis(Article(text=text, paragraphs=tuple(paragraphs)), {"l": Layer("l", "l", "1", spans)})
    view = build_report([analysis]).articles[0]
    layer_spans = analysis.layers["l"].spans
    blocks = [(p.start, p.end) for p in paragraphs]
    assert ["".join(piece.text for piece in block) for block in view.blocks] == [text[a:b] for a, b in blocks]
    for (start, _), block in zip(blocks, view.blocks, strict=True):
        pos = start
        for piece in block:
            expected = {f"a0-0-{i}" for i, s in enumerate(layer_spans) if s.start <= pos < s.end}
            assert set(piece.span_ids) == expected
            pos += len(piece.text)


def test_builtin_attributions_panel_groups_by_speaker() -> None:
    text = TEXT
    q0, q1 = _at(text, "\"They are terrorists, criminals and marauders,\"")
    c0, c1 = _at(text, "Officials denounced a foreign-backed coup")
    layer = Layer("attributions", "attribution", "1", (
        Span(q0, q1, "direct", {"speaker": "Lena Okova", "kind": "direct", "relayed_by": "Baltvest"}),
        Span(c0, c1, "indirect", {"kind": "indirect"}),
    ))
    html = render_html([_analysis().with_layers({"attributions": layer})])
    panel = html.split('<section class="panel"', 1)[1].split("</section>", 1)[0]
    assert "Who said what" in panel
    assert panel.index("Lena Okova") < panel.index("Unresolved speaker")
    assert "They are terrorists, criminals and marauders," in panel and "Direct quote, relayed by Baltvest" in panel
    assert 'href="#s-a0-2-' in panel  # linked to the attribution spans in the text


def test_attributions_panel_names_content_no_one_said_as_the_outlets_own() -> None:
    text = "Every patriot knows the nation stands united. Officials said the army moved."
    a0, a1 = _at(text, "the nation stands united")
    s0, s1 = _at(text, "Every patriot")
    b0, b1 = _at(text, "the army moved")
    o0, o1 = _at(text, "Officials")
    k0, k1 = _at(text, "knows")
    c0, c1 = _at(text, "said")
    layer = Layer("attributions", "attribution", "1", (
        Span(a0, a1, "indirect", {"kind": "indirect", "source": [s0, s1], "cue": [k0, k1], "speaker": None}),
        Span(b0, b1, "indirect", {"kind": "indirect", "source": [o0, o1], "cue": [c0, c1], "speaker": None}),
    ))
    analysis = Analysis(Article(text=text), {"attributions": layer})
    html = render_html([analysis])
    panel = html.split('<section class="panel"', 1)[1].split("</section>", 1)[0]
    assert panel.index("Unresolved speaker") < panel.index("the army moved")
    assert panel.index("the army moved") < panel.index("No one quoted (the outlet&#39;s own voice)")
    assert panel.index("No one quoted") < panel.index("the nation stands united")


def test_legend_counts_are_per_article() -> None:
    view = build_report([_analysis(), _analysis(title="Second one")])
    for article in view.articles:
        quotes = next(layer for layer in article.layers if layer.name == "quotes")
        assert [lv.count for lv in quotes.labels] == [1]


def test_builtin_sources_and_entities_panels() -> None:
    text = TEXT
    tass = text.index("TASS")
    officials = _at(text, "Officials")
    sources = Layer("sources", "sources", "1", (Span(tass, tass + 4, "TASS", {"name": "TASS", "kind": "agency",
                                                                              "relation": "dateline"}),),
                    {"sources": [{"name": "TASS", "kind": "agency", "relations": ["dateline"], "evidence": 1}],
                     "chain": [{"from": "TASS", "to": "Example Wire", "relation": "dateline"}]})
    entities = Layer("entities", "entities", "1", (Span(*officials, "PERSON", {"entity": "e0", "source": "ner"}),),
                     {"entities": [{"id": "e0", "name": "The Officials", "type": "PERSON", "mentions": 1,
                                    "aliases": ["Officials"], "roles": ["spokesman"]}]})
    html = render_html([_analysis().with_layers({"sources": sources, "entities": entities})])
    assert "Relay: TASS → Example Wire (dateline)" in html
    assert "<h4>TASS <span class=\"note\">agency</span></h4>" in html
    assert "The Officials</a> <span class=\"note\">Person, 1 mention; also “Officials”</span>" in html
    data = _card_data(html)
    # entities are not highlighted, so they are not in the card data...
    assert not any(["entity", "The Officials"] in v["rows"] for v in data["spans"].values())
    view = build_report([_analysis().with_layers({"entities": entities})]).articles[0]
    rows = next(layer for layer in view.layers if layer.name == "entities").spans[0].rows
    assert ("entity", "The Officials") in rows and ("found by", "ner") in rows  # ...but listed with their rows


def test_offset_attributes_are_shown_as_text() -> None:
    text = TEXT
    q0, q1 = _at(text, "\"They are terrorists, criminals and marauders,\"")
    cue = _at(text, "said")
    who = _at(text, "the minister")
    layer = Layer("attributions", "attribution", "1", (
        Span(q0, q1, "direct", {"content": [[q0, q1]], "cue": list(cue), "source": list(who),
                                "speaker": "Lena Okova", "speaker_id": "e3", "relayed_by": None}),
    ), label_key="kind")
    data = _card_data(render_html([_analysis().with_layers({"attributions": layer})]))
    rows = next(v["rows"] for v in data["spans"].values() if v["rows"][0][0] == "kind")
    assert rows == [["kind", "Direct quote"], ["speaker", "Lena Okova"], ["source mention", "the minister"],
                    ["cue", "said"], ["relayed by", "—"]]


def test_attribution_passages_lose_only_a_pair_of_outer_quotation_marks() -> None:
    from propscope.report.styles import _unwrap_quote

    assert _unwrap_quote('"They are terrorists,"') == "They are terrorists,"
    assert _unwrap_quote('“Calm,” … “and soon.”') == '“Calm,” … “and soon.”'  # two quotations: kept
    assert _unwrap_quote('"restraint on all sides" – a demand') == '"restraint on all sides" – a demand'
    assert _unwrap_quote('the events "a textbook revolution."') == 'the events "a textbook revolution."'
