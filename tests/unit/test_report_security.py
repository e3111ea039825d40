"""Hostile article data must never become markup or a live link in a report."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Dateline, RemovedBlock, Span
from propscope.report import LayerStyle, Panel, PanelGroup, PanelItem, registry, render_html, render_markdown

SCRIPT = "<script>alert(1)</script>"
IMG = "\"><img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
CLOSERS = "</script><!--</style>"
PAYLOADS = (SCRIPT, IMG, JS_URL, CLOSERS)
EVIL = " ".join(PAYLOADS)


def _hostile(url: str = JS_URL) -> Analysis:
    text = f"Intro {EVIL} middle.\n\nSecond {SCRIPT} paragraph with {IMG} and {JS_URL} end \u2028 sep."
    start = text.index(SCRIPT)
    span_attrs = {"score": 0.9, "voice": EVIL, IMG: SCRIPT, "link": JS_URL, "nested": {"k": [SCRIPT]}}
    article = Article(
        text=text,
        title=EVIL,
        outlet=EVIL,
        url=url,
        published=IMG,
        language=IMG,
        authors=(SCRIPT, IMG),
        dateline=Dateline(SCRIPT, IMG, JS_URL),
        paragraphs=(Span(0, text.index("\n\n")), Span(text.index("Second"), len(text))),
        source=EVIL,
        source_format=IMG,
        removed=(RemovedBlock(0, 1, SCRIPT, EVIL + "\n```\n" + SCRIPT),),
        metadata={"x": SCRIPT},
    )
    layers = {
        "techniques": Layer("techniques", SCRIPT, IMG, (
            Span(start, start + len(SCRIPT), EVIL, span_attrs),
            Span(start + 3, text.index("middle"), IMG, {"score": 0.1}),
        ), {"summary": EVIL, IMG: [JS_URL]}, label_key="technique"),
        IMG: Layer(IMG, IMG, SCRIPT, (Span(0, 5, SCRIPT, {"a": IMG}),), {"d": SCRIPT}),
        # the built-in styles of these layers build panels from labels, attributes and data
        "attributions": Layer("attributions", "a", "1", (
            Span(start, start + 10, IMG, {"speaker": SCRIPT, "relayed_by": IMG, "cue": [0, 5], "source": IMG}),
        ), label_key="kind"),
        "sources": Layer("sources", "s", "1", (Span(0, 5, SCRIPT, {"name": IMG, "kind": SCRIPT, "relation": IMG}),),
                         {"sources": [{"name": SCRIPT, "kind": IMG}], "chain": [{"from": SCRIPT, "to": IMG}]}),
        "entities": Layer("entities", "e", "1", (Span(0, 5, SCRIPT, {"entity": IMG}),),
                          {"entities": [{"id": IMG, "name": SCRIPT, "type": IMG, "aliases": [SCRIPT]}]}),
    }
    return Analysis(article, layers, (AnalyzerInfo(SCRIPT, IMG),))


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _check_html(html: str) -> None:
    for payload in PAYLOADS[:2]:
        assert payload not in html
    assert "<img" not in html.lower()
    assert "onerror=alert(1)>" not in html
    parser = _Collect()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert names.count("script") == 2  # the JSON data block and our own script, nothing injected
    assert "img" not in names
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    # the JSON data block cannot be closed or commented out from inside
    body = re.search(r'<script type="application/json" id="propscope-data">(.*?)</script>', html, re.DOTALL)
    assert body is not None
    for bad in ("<", ">", "\u2028", "\u2029"):
        assert bad not in body.group(1)
    data = json.loads(body.group(1))
    assert any(SCRIPT in json.dumps(v) for v in data["spans"].values())  # the data survives, as data


def _outside_code(md: str) -> str:
    """The Markdown outside fenced code blocks (whose content renders as literal text)."""
    out, fence = [], None
    for line in md.splitlines():
        m = re.match(r"^(`{3,})", line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None:
            out.append(line)
    assert fence is None, "an unclosed code fence"
    return "\n".join(out)


def test_html_escapes_every_field() -> None:
    html = render_html([_hostile()])
    _check_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert JS_URL in html  # the URL is shown, as text, never as a link
    assert "Who said what" in html and "Relay:" in html and "<h3>Entities</h3>" in html  # panels were built


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "https://ok.example/\"><img src=x>",
])
def test_only_http_urls_become_links(url: str) -> None:
    html = render_html([_hostile(url=url)])
    _check_html(html)
    assert not re.search(r'href="(?!#|https?://)', html)


def test_hostile_style_output_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin's style returns text; it cannot inject markup either."""
    style = LayerStyle(
        title=SCRIPT,
        description=IMG,
        label_names={EVIL: IMG},
        definitions={EVIL: SCRIPT},
        colours={EVIL: "red;}</style><script>alert(1)</script>"},
        flag=lambda span: SCRIPT,
        span_rows=lambda analysis, layer, span: [(SCRIPT, IMG)],
        summary=lambda analysis, layer: [(SCRIPT, IMG)],
        panel=lambda analysis, layer: Panel(SCRIPT, (PanelGroup(IMG, (PanelItem(SCRIPT, note=IMG, span=("x", 0)),),
                                                                 note=SCRIPT),), note=IMG),
    )
    registry.get_layer_style("quotes")
    monkeypatch.setitem(registry._styles, "techniques", style)
    html = render_html([_hostile()])
    _check_html(html)
    md = _outside_code(render_markdown([_hostile()]))
    assert not re.search(r"(?<!\\)<", md)


def test_markdown_escapes_every_field() -> None:
    full = render_markdown([_hostile()])
    md = _outside_code(full)
    assert not re.search(r"(?<!\\)<", md)  # every < outside code is backslash-escaped
    assert "](" not in md  # no Markdown link was formed
    assert "\\<script\\>alert(1)\\</script\\>" in md
    # the removed block with a ``` inside sits in a longer fence
    assert "````\n" in full
