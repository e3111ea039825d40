"""The report's view model: analyses turned into plain, format-neutral records.

Both renderers read these records.  Nothing here produces markup: every string is the
article's (hostile) text or a style's text, and the HTML template escapes all of it.

The text of each article is cut at every span boundary (of every highlighted layer) and
every paragraph boundary into *pieces*; each piece carries the ids of the spans covering
it, so overlapping spans of different layers and labels need no nesting.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from propscope.analysis import Analysis, Layer, _plain
from propscope.article import Article, Span
from propscope.report.dates import show_date
from propscope.report.registry import PALETTE, LayerStyle, Panel, format_value, get_layer_style, unwrap_quote
from propscope.segment import has_word

__all__ = [
    "ArticleView",
    "LabelView",
    "LayerView",
    "PanelView",
    "Piece",
    "ReportView",
    "SpanView",
    "build_report",
    "fragment",
    "safe_http_url",
]

_FRAGMENT_LIMIT = 400


@dataclass
class LabelView:
    """One (layer, label) pair: its CSS class ``k<n>``, colour, name, definition and span count."""

    css: str
    colour: str
    layer: str
    layer_title: str
    label: str
    display: str
    definition: str
    count: int = 0


@dataclass
class SpanView:
    id: str
    layer: str
    layer_index: int
    index: int
    label: str
    label_css: str
    display: str
    start: int
    end: int
    fragment: str
    rows: list[tuple[str, str]]
    flag: str | None
    in_text: bool
    score: float | None = None  # the span's ``score`` attribute, for the score threshold


@dataclass
class PanelItemView:
    text: str
    note: str
    target: str | None


@dataclass
class PanelGroupView:
    heading: str
    note: str
    items: list[PanelItemView]


@dataclass
class PanelView:
    layer: str
    title: str
    note: str
    groups: list[PanelGroupView]


@dataclass
class LayerView:
    name: str
    title: str
    description: str
    analyzer: str
    version: str
    label_key: str
    highlight: bool
    labels: list[LabelView]
    spans: list[SpanView]
    summary: list[tuple[str, str]]
    data_json: str | None


@dataclass
class Piece:
    """A run of text covered by the same spans.

    ``anchors`` are link targets placed just before the piece (the first piece of each span,
    ``s-<span id>``, and of each panel range, ``<target id>``); ``targets`` are the panel
    ranges covering the piece, so a followed link can light all of its pieces up.
    """

    text: str
    span_ids: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    combo: str = ""
    flagged: bool = False
    anchors: tuple[str, ...] = ()
    focusable: bool = False

    @property
    def wrapped(self) -> bool:
        return bool(self.span_ids or self.targets or self.anchors)


@dataclass
class ArticleView:
    index: int
    anchor: str
    heading: str
    meta: list[tuple[str, str]]
    url: str | None
    url_is_link: bool
    blocks: list[list[Piece]]
    layers: list[LayerView]
    panels: list[PanelView]
    removed: list[tuple[str, str]]
    analyzers: list[str]
    byline: str = ""  # "Outlet · 5 Jan 2026 · 1,234 words": what a reader needs before the text


@dataclass
class ReportView:
    articles: list[ArticleView] = field(default_factory=list)
    labels: dict[tuple[str, str], LabelView] = field(default_factory=dict)
    #: combination of label classes -> combo class name ``m<n>``
    combos: dict[tuple[str, ...], str] = field(default_factory=dict)
    spans: dict[str, SpanView] = field(default_factory=dict)

    def label(self, layer: str, label: str, style: LayerStyle) -> LabelView:
        key = (layer, label)
        view = self.labels.get(key)
        if view is None:
            css = f"k{len(self.labels)}"
            colour = style.colour(label) or PALETTE[len(self.labels) % len(PALETTE)]
            view = LabelView(css, colour, layer, style.display_title(layer), label, style.label_name(label),
                             style.definitions.get(label, ""))
            self.labels[key] = view
        return view

    def combo(self, classes: tuple[str, ...]) -> str:
        if not classes:
            return ""
        name = self.combos.get(classes)
        if name is None:
            name = self.combos[classes] = f"m{len(self.combos)}"
        return name

    def card_data(self) -> dict[str, Any]:
        """What the hover card script needs (no markup: it sets ``textContent`` only)."""
        return {
            "labels": {
                lv.css: {"layer": lv.layer_title, "label": lv.display, "definition": lv.definition,
                         "colour": lv.colour}
                for lv in self.labels.values()
            },
            "spans": {
                sv.id: {"k": sv.label_css, "rows": [list(r) for r in sv.rows], "flag": sv.flag, "text": sv.fragment,
                        "l": sv.layer, "sc": sv.score}
                for sv in self.spans.values()
                if sv.in_text
            },
        }


def safe_http_url(url: str | None) -> bool:
    """Whether ``url`` may be a live link: an absolute http(s) URL without odd characters."""
    if not url or len(url) > 2048:
        return False
    lowered = url.lower()
    if not lowered.startswith(("http://", "https://")):
        return False
    if any(c.isspace() or ord(c) < 32 or c in "<>\"'`\\" for c in url):
        return False
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fragment(text: str, span: Span, limit: int = _FRAGMENT_LIMIT) -> str:
    """The span's text on one line, shortened in the middle when long, without the quotation
    marks around it when it is one quotation (reports show their own)."""
    out = unwrap_quote(" ".join(text[span.start : span.end].split()))
    if len(out) > limit:
        half = limit // 2 - 1
        out = out[:half] + " … " + out[-half:]
    return out


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _metadata(article: Article) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []

    def add(name: str, value: Any) -> None:
        if value not in (None, "", (), []):
            rows.append((name, value if isinstance(value, str) else format_value(value)))

    add("Title", article.title)
    add("Outlet", article.outlet)
    if article.published:
        add("Published", show_date(article.published, article.language))
    add("Language", article.language)
    if article.dateline:
        add("Dateline place", article.dateline.place)
        add("Dateline agency", article.dateline.agency)
        if article.dateline.date:
            add("Dateline date", show_date(article.dateline.date, article.language))
    add("Authors", ", ".join(article.authors))
    add("Source", article.source)
    add("Source format", article.source_format)
    add("Words", article.word_count)
    add("Article id", article.id)
    return rows


def _byline(article: Article) -> str:
    parts = [article.outlet or "", show_date(article.published, article.language, undated="undated"),
             f"{article.word_count:,} word{'s' if article.word_count != 1 else ''}"]
    if article.authors:
        parts.append("by " + ", ".join(article.authors))
    return " · ".join(p for p in parts if p)


def _blocks(article: Article) -> list[tuple[int, int]]:
    """Paragraph ranges, plus any text with a letter or digit that no paragraph covers, in order
    (a " ." or "* * *" separator between paragraphs is no block: segmentation gives it none)."""
    text = article.text
    paras = sorted((p.start, p.end) for p in article.paragraphs if p.end <= len(text) and p.start < p.end)
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in paras:
        start = max(start, pos)
        if start >= end:
            continue
        if has_word(text, pos, start):
            out.append((pos, start))
        out.append((start, end))
        pos = end
    if has_word(text, pos):
        out.append((pos, len(text)))
    return out


def _pieces(
    report: ReportView,
    text: str,
    blocks: Sequence[tuple[int, int]],
    spans: Sequence[SpanView],
    targets: Sequence[tuple[str, int, int]],
) -> list[list[Piece]]:
    """Cut each block at every span and target boundary; each piece lists what covers it."""
    marks: list[tuple[str, int, int, SpanView | None]] = [(sv.id, sv.start, sv.end, sv) for sv in spans]
    marks += [(tid, start, end, None) for tid, start, end in targets]
    cuts: set[int] = set()
    starts: dict[int, list[tuple[str, int, int, SpanView | None]]] = {}
    ends: dict[int, list[str]] = {}
    for mark in marks:
        cuts.update((mark[1], mark[2]))
        starts.setdefault(mark[1], []).append(mark)
        ends.setdefault(mark[2], []).append(mark[0])
    for start, end in blocks:
        cuts.update((start, end))
    ordered = sorted(cuts)
    active: dict[str, tuple[str, int, int, SpanView | None]] = {}
    anchored: set[str] = set()
    out: list[list[Piece]] = [[] for _ in blocks]
    block_index = 0
    for i, pos in enumerate(ordered[:-1]):
        for mid in ends.get(pos, ()):
            active.pop(mid, None)
        for mark in starts.get(pos, ()):
            active[mark[0]] = mark
        while block_index < len(blocks) and blocks[block_index][1] <= pos:
            block_index += 1
        if block_index == len(blocks) or pos < blocks[block_index][0]:
            continue  # between paragraphs
        covering = sorted(active.values(), key=lambda m: (m[1], -m[2], m[0]))
        # layers in report order (techniques first), then outer spans before inner ones
        span_marks = sorted((m[3] for m in covering if m[3] is not None),
                            key=lambda sv: (sv.layer_index, sv.start, -sv.end, sv.index))
        new = [m[0] for m in covering if m[0] not in anchored]
        anchored.update(new)
        classes = tuple(dict.fromkeys(sv.label_css for sv in span_marks))
        out[block_index].append(Piece(
            text=text[pos : ordered[i + 1]],
            span_ids=tuple(sv.id for sv in span_marks),
            targets=tuple(m[0] for m in covering if m[3] is None),
            combo=report.combo(classes),
            flagged=any(sv.flag for sv in span_marks),
            anchors=tuple(mid if mid.startswith("t-") else f"s-{mid}" for mid in new),
            focusable=any(sv.id in new for sv in span_marks),
        ))
    return out


def _panel_view(panel: Panel, layer_name: str, span_ids: dict[tuple[str, int], str],
                range_ids: dict[tuple[int, int], str]) -> PanelView:
    groups = []
    for group in panel.groups:
        items = []
        for item in group.items:
            target = None
            if item.span is not None and (item.span[0], item.span[1]) in span_ids:
                target = f"s-{span_ids[(item.span[0], item.span[1])]}"
            elif item.offsets is not None and tuple(item.offsets) in range_ids:
                target = range_ids[(item.offsets[0], item.offsets[1])]
            items.append(PanelItemView(str(item.text), str(item.note), target))
        groups.append(PanelGroupView(str(group.heading), str(group.note), items))
    return PanelView(layer_name, str(panel.title), str(panel.note), groups)


def _summary(style: LayerStyle, analysis: Analysis, layer: Layer) -> tuple[list[tuple[str, str]], str | None]:
    skipped = layer.data.get("skipped")
    if skipped and not layer.spans:  # an analyzer that could not read the article says why, whatever its style
        return [("Not analysed", str(skipped))], None
    if style.summary is not None:
        try:
            rows = [(str(k), str(v)) for k, v in style.summary(analysis, layer)]
        except Exception:  # noqa: BLE001 - a plugin's summary must not break the report; show the data
            rows = []
        if rows:
            return rows, None
    if not layer.data:
        return [], None
    return [], json.dumps(_plain(layer.data), ensure_ascii=False, indent=2, default=str)


def _article_view(report: ReportView, index: int, analysis: Analysis) -> ArticleView:
    article = analysis.article
    text = article.text
    prefix = f"a{index}"
    layer_items = sorted(analysis.layers.items(), key=lambda kv: (get_layer_style(kv[0]).order, kv[0]))
    layers: list[LayerView] = []
    highlighted: list[SpanView] = []
    span_ids: dict[tuple[str, int], str] = {}
    styles: list[tuple[LayerStyle, Layer]] = []
    for li, (name, layer) in enumerate(layer_items):
        style = get_layer_style(name)
        styles.append((style, layer))
        labels: dict[str, LabelView] = {}
        span_views = []
        for si, span in enumerate(layer.spans):
            lv = report.label(name, span.label, style)
            # the report shares classes and colours; the counts are this article's
            labels.setdefault(span.label, replace(lv, count=0)).count += 1
            valid = span.end <= len(text)
            sv = SpanView(
                id=f"{prefix}-{li}-{si}",
                layer=name,
                layer_index=li,
                index=si,
                label=span.label,
                label_css=lv.css,
                display=lv.display,
                start=span.start,
                end=span.end,
                fragment=fragment(text, span) if valid else "(outside the text)",
                rows=[(layer.label_key, lv.display), *style.rows_for(analysis, layer, span)],
                flag=style.flag_of(span),
                in_text=valid and span.end > span.start and style.highlight,
                score=_score(span.attrs.get("score")),
            )
            span_ids[(name, si)] = sv.id
            span_views.append(sv)
            report.spans[sv.id] = sv
            if sv.in_text:
                highlighted.append(sv)
        summary, data_json = _summary(style, analysis, layer)
        layers.append(LayerView(
            name=name, title=style.display_title(name), description=style.description,
            analyzer=layer.analyzer, version=layer.version, label_key=layer.label_key,
            highlight=style.highlight, labels=sorted(labels.values(), key=lambda lv: lv.display.lower()),
            spans=span_views, summary=summary, data_json=data_json,
        ))
    panels_raw: list[tuple[str, Panel]] = []
    range_ids: dict[tuple[int, int], str] = {}
    for (style, layer), (name, _) in zip(styles, layer_items, strict=True):
        if style.panel is None:
            continue
        try:
            panel = style.panel(analysis, layer)
        except Exception:  # noqa: BLE001 - a plugin's panel must not break the report
            panel = None
        if panel is None:
            continue
        panels_raw.append((name, panel))
        for group in panel.groups:
            for item in group.items:
                if item.offsets is not None:
                    a, b = int(item.offsets[0]), int(item.offsets[1])
                    if 0 <= a < b <= len(text):
                        range_ids.setdefault((a, b), f"t-{prefix}-{len(range_ids)}")
    blocks = _blocks(article)
    targets = [(tid, a, b) for (a, b), tid in range_ids.items()]
    pieces = _pieces(report, text, blocks, highlighted, targets)
    panels = [_panel_view(p, name, span_ids, range_ids) for name, p in panels_raw]
    return ArticleView(
        index=index,
        anchor=prefix,
        heading=article.title or article.source or f"Article {index + 1}",
        meta=_metadata(article),
        url=article.url,
        url_is_link=safe_http_url(article.url),
        blocks=pieces,
        layers=layers,
        panels=panels,
        removed=[(b.reason, b.text) for b in article.removed],
        analyzers=[f"{a.name} v{a.version}" for a in analysis.analyzers],
        byline=_byline(article),
    )


def build_report(analyses: Sequence[Analysis]) -> ReportView:
    """The view model of a report over ``analyses`` (colours shared across articles)."""
    report = ReportView()
    for index, analysis in enumerate(analyses):
        report.articles.append(_article_view(report, index, analysis))
    return report
