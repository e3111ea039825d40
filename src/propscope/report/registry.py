"""How each annotation layer is shown in a report: a small, pluggable registry.

A :class:`LayerStyle` says how one layer's spans are named, coloured and explained: a
display name and a definition per label (shown in the legend and the hover card), fixed
colours where a layer wants stable ones (one colour per technique across reports), the
order and formatting of span attributes, an optional *flag* (a span marked in the text,
such as a technique span in a quoted speaker's voice rather than the outlet's), an
optional summary table from ``Layer.data`` and an optional *panel* (the attribution layer's
"who said what": speakers with their quotes, linked to the text).

Styles are looked up by layer name.  Built-in styles are listed in
:data:`BUILTIN_LAYER_STYLES` as lazy ``module:attribute`` paths (so rendering a report
never imports an analyzer's model code), plugins add theirs through the
``propscope.report_styles`` entry-point group or :func:`register_layer_style`, and an unknown
layer gets :data:`DEFAULT_STYLE`.

Everything a style returns is *text*: the report escapes it.  A style cannot inject markup.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from propscope.analysis import Analysis, Layer
    from propscope.article import Span

__all__ = [
    "BUILTIN_LAYER_STYLES",
    "DEFAULT_STYLE",
    "PALETTE",
    "LayerStyle",
    "Panel",
    "PanelGroup",
    "PanelItem",
    "format_value",
    "get_layer_style",
    "humanize",
    "register_layer_style",
    "text_at",
    "unwrap_quote",
    "in_marks",
]

#: Light, distinguishable background colours (text stays black on each).
PALETTE: tuple[str, ...] = (
    "#ffd8a8", "#b2f2bb", "#a5d8ff", "#ffc9c9", "#d0bfff", "#ffec99", "#99e9f2", "#fcc2d7",
    "#c0eb75", "#eebefa", "#bac8ff", "#96f2d7", "#ffa8a8", "#e9d8a6", "#ced4da", "#f4a261",
    "#8ce99a", "#74c0fc", "#faa2c1", "#b197fc",
)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

ENTRY_POINT_GROUP = "propscope.report_styles"


@dataclass(frozen=True)
class PanelItem:
    """One line of a panel, optionally linked to the text.

    ``span`` names a span of a layer as ``(layer name, index in Layer.spans)``; ``offsets``
    names a ``[start, end)`` range of ``Article.text`` directly (for content kept in
    ``Layer.data``).  The report links the item to the first of them it can resolve.
    """

    text: str
    note: str = ""
    span: tuple[str, int] | None = None
    offsets: tuple[int, int] | None = None


@dataclass(frozen=True)
class PanelGroup:
    """A heading (a speaker, a source) and its items."""

    heading: str
    items: tuple[PanelItem, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Panel:
    """A titled box shown above the article text, such as "Who said what"."""

    title: str
    groups: tuple[PanelGroup, ...] = ()
    note: str = ""


SummaryFn = Callable[["Analysis", "Layer"], Sequence[tuple[str, str]]]
PanelFn = Callable[["Analysis", "Layer"], "Panel | None"]
FlagFn = Callable[["Span"], "str | None"]
SpanRowsFn = Callable[["Analysis", "Layer", "Span"], Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class LayerStyle:
    """How a layer is rendered; every field has a sensible default."""

    #: Heading of the layer; default: the layer name, humanized.
    title: str | None = None
    #: One line under the heading.
    description: str = ""
    #: label -> display name; default: the label humanized (``Name_Calling`` -> ``Name calling``).
    label_names: Mapping[str, str] = field(default_factory=dict)
    #: whether labels without a display name are humanized (off for names such as outlets).
    humanize_labels: bool = True
    #: label -> definition, shown in the legend and the hover card.
    definitions: Mapping[str, str] = field(default_factory=dict)
    #: label -> ``#rrggbb``; labels not listed take palette colours in order.
    colours: Mapping[str, str] = field(default_factory=dict)
    #: attributes shown first, in this order (others follow alphabetically).
    attr_order: tuple[str, ...] = ()
    #: attributes never shown.
    hidden_attrs: frozenset[str] = frozenset()
    #: attribute -> display name.
    attr_names: Mapping[str, str] = field(default_factory=dict)
    #: attribute -> formatter of its value (default: :func:`format_value`).
    formatters: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    #: attributes holding offsets into the text (``[start, end]`` or a list of them), shown as
    #: the text they point at (an attribution's ``cue`` and ``source``).
    text_attrs: frozenset[str] = frozenset()
    #: the card's rows for a span, replacing the attribute rows (e.g. an entity id -> its name).
    span_rows: SpanRowsFn | None = None
    #: a note for spans to mark in the text (dotted underline), e.g. ``"voice: Putin"``.
    flag: FlagFn | None = None
    #: whether the layer's spans are highlighted in the text (they are always listed).
    highlight: bool = True
    #: rows ``(name, value)`` summarising ``Layer.data``; default: the data as JSON.
    summary: SummaryFn | None = None
    #: a panel shown above the text (the attribution layer's "who said what").
    panel: PanelFn | None = None
    #: layers render sorted by ``(order, name)``.
    order: int = 100

    def display_title(self, layer_name: str) -> str:
        return self.title or humanize(layer_name)

    def label_name(self, label: str) -> str:
        return self.label_names.get(label) or (humanize(label) if self.humanize_labels else label) or "(no label)"

    def colour(self, label: str) -> str | None:
        colour = self.colours.get(label)
        return colour if colour and _COLOUR.match(colour) else None

    def attr_rows(self, attrs: Mapping[str, Any], text: str = "") -> list[tuple[str, str]]:
        """``(display name, formatted value)`` for the attributes to show, in order."""
        keys = [k for k in self.attr_order if k in attrs]
        keys += sorted(k for k in attrs if k not in self.attr_order)
        rows = []
        for key in keys:
            if key in self.hidden_attrs:
                continue
            value = attrs[key]
            shown = text_at(text, value) if key in self.text_attrs else None
            if shown is None:
                formatter = self.formatters.get(key, format_value)
                try:
                    shown = formatter(value)
                except Exception:  # noqa: BLE001 - a plugin's formatter must not break the report
                    shown = format_value(value)
            rows.append((self.attr_names.get(key, key), shown))
        return rows

    def rows_for(self, analysis: Analysis, layer: Layer, span: Span) -> list[tuple[str, str]]:
        """The card rows of ``span`` (after its label): ``span_rows`` or the attributes."""
        if self.span_rows is not None:
            try:
                return [(str(k), str(v)) for k, v in self.span_rows(analysis, layer, span)]
            except Exception:  # noqa: BLE001, S110 - a plugin's rows must not break the report
                pass
        return self.attr_rows(span.attrs, analysis.article.text)

    def flag_of(self, span: Span) -> str | None:
        if self.flag is None:
            return None
        try:
            note = self.flag(span)
        except Exception:  # noqa: BLE001 - a plugin's flag must not break the report
            return None
        return str(note) if note else None


DEFAULT_STYLE = LayerStyle()

#: layer name -> ``module:attribute`` of its :class:`LayerStyle`.
BUILTIN_LAYER_STYLES: dict[str, str] = {
    "quotes": "propscope.report.styles:QUOTES",
    "techniques": "propscope.report.styles:TECHNIQUES",
    "narratives": "propscope.report.narrative_style:NARRATIVES",
    "attributions": "propscope.report.styles:ATTRIBUTIONS",
    "sources": "propscope.report.styles:SOURCES",
    "entities": "propscope.report.styles:ENTITIES",
}

_styles: dict[str, LayerStyle | str] = {}
_loaded = False


def register_layer_style(name: str, style: LayerStyle | str) -> None:
    """Register the style of layer ``name`` (or a lazy ``module:attribute`` path to it)."""
    _styles[name] = style


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for name, target in BUILTIN_LAYER_STYLES.items():
        _styles.setdefault(name, target)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        _styles.setdefault(ep.name, ep.value)
    _loaded = True


def get_layer_style(name: str) -> LayerStyle:
    """The style registered for layer ``name``, or :data:`DEFAULT_STYLE`."""
    _load()
    target = _styles.get(name)
    if target is None:
        return DEFAULT_STYLE
    if isinstance(target, str):
        module_name, _, attr = target.partition(":")
        try:
            resolved = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError):
            resolved = None
        target = resolved if isinstance(resolved, LayerStyle) else DEFAULT_STYLE
        _styles[name] = target
    return target


_QUOTE_MARKS = "\"“”«»„"


def unwrap_quote(shown: str) -> str:
    """Drop the quotation marks around a passage that is one quotation (the panel shows its
    own), and only then: '"restraint" – a demand …' keeps its marks balanced."""
    if (len(shown) >= 2 and shown[0] in _QUOTE_MARKS and shown[-1] in _QUOTE_MARKS
            and sum(ch in _QUOTE_MARKS for ch in shown) == 2):
        return shown[1:-1].strip()
    return shown


def in_marks(shown: str) -> str:
    """``shown`` between quotation marks, unless it opens with its own (a passage that starts a
    quotation keeps its marks: no ““…”)."""
    return shown if shown[:1] in _QUOTE_MARKS else f"“{shown}”"


def text_at(text: str, value: Any, *, limit: int = 200) -> str | None:
    """The text at ``[start, end]`` or at each of ``[[start, end], ...]`` (joined with " … ")."""

    def pair(v: Any) -> tuple[int, int] | None:
        if (isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) and not isinstance(x, bool)
                                                                  for x in v) and 0 <= v[0] <= v[1] <= len(text)):
            return int(v[0]), int(v[1])
        return None

    single = pair(value)
    pieces = [single] if single else [pair(v) for v in value] if isinstance(value, (list, tuple)) and value else []
    if not pieces or any(p is None for p in pieces):
        return None
    out = " … ".join(" ".join(text[a:b].split()) for a, b in pieces if a is not None)  # type: ignore[misc]
    return out if len(out) <= limit else out[: limit - 1] + "…"


def humanize(name: str) -> str:
    """``Name_Calling,Labeling`` -> ``Name calling, labeling``; ``quotes`` -> ``Quotes``."""
    text = name.replace("_", " ").replace(",", ", ")
    text = " ".join(text.split())
    return text[:1].upper() + text[1:].lower() if text else ""


def format_value(value: Any, *, limit: int = 300) -> str:
    """A span attribute as short text: floats as ``0.87``, lists and mappings as JSON."""
    if value is None:
        out = "—"
    elif isinstance(value, bool):
        out = "yes" if value else "no"
    elif isinstance(value, float):
        out = f"{value:.2f}" if math.isfinite(value) else str(value)
    elif isinstance(value, (int, str)):
        out = str(value)
    else:
        try:
            out = json.dumps(value, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            out = str(value)
    return out if len(out) <= limit else out[: limit - 1] + "…"
