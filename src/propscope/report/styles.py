"""Report styles of the built-in layers (see :mod:`propscope.report.registry`).

* ``techniques`` — the 14 persuasion techniques of the Propaganda Techniques Corpus, one
  fixed colour each, display names and definitions from
  :mod:`propscope.analyzers.techniques.definitions`; the card shows ``score`` then
  ``voice``; a span whose ``voice`` is not ``"outlet"`` (a quoted speaker's words, not the
  outlet's) gets a dotted underline; a summary table from the layer data.
* ``quotes`` — quotation marks.
* ``attributions`` — a "Who said what" panel: attributions grouped by ``speaker``, each
  linked to the text; the card shows the speaker, source mention, cue and relay.
* ``sources`` — a "Sources" panel: each source with its kind and its evidence.
* ``entities`` — an "Entities" panel (canonical name, type, mentions, aliases); mentions
  are not highlighted (they would bury the techniques) but each entity links to its first.

These read only labels, attributes and layer data, so they render any analysis JSON with
such layers; nothing here loads a model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from propscope.analysis import Analysis, Layer
from propscope.analyzers.voice import outlet_voiced
from propscope.article import Span
from propscope.report.registry import LayerStyle, Panel, PanelGroup, PanelItem, format_value, text_at, unwrap_quote

__all__ = ["ATTRIBUTIONS", "ENTITIES", "QUOTES", "SOURCES", "TECHNIQUES", "who_said_what"]

UNRESOLVED = "Unresolved speaker"
#: content tagged as someone's that is the outlet's own: "Every patriot knows …", an unnamed
#: source with a cue that is no verb of saying ("Only traitors want …")
OUTLET_OWN = "No one quoted (the outlet's own voice)"

QUOTES = LayerStyle(
    title="Quotation marks",
    description="Passages the article puts between quotation marks.",
    label_names={"quote": "Quote"},
    definitions={"quote": "Words the article presents, between quotation marks, as someone else's."},
    colours={"quote": "#d0ebff"},
    attr_names={"depth": "nesting depth"},
    order=50,
)

# ---------------------------------------------------------------------------- techniques

#: one distinct light colour per PTC technique, stable across reports.  Chosen so that any two
#: highlight colours (these, quotation marks and attributions) differ by a CIELAB distance of
#: 20 or more (the red and the pink of name calling and fear were 16 apart) and the ink keeps a
#: contrast of at least 6.5:1 on each: tests/unit/test_report_colours.py checks both.
TECHNIQUE_COLOURS: dict[str, str] = {
    "Loaded_Language": "#ffc078",
    "Name_Calling,Labeling": "#ff8787",
    "Repetition": "#d0bfff",
    "Doubt": "#ffe066",
    "Exaggeration,Minimisation": "#e599f7",
    "Appeal_to_fear-prejudice": "#fcc2d7",
    "Flag-Waving": "#74c0fc",
    "Causal_Oversimplification": "#63e6be",
    "Appeal_to_Authority": "#66d9e8",
    "Slogans": "#91a7ff",
    "Black-and-White_Fallacy": "#e9d8a6",
    "Whataboutism,Straw_Men,Red_Herring": "#c0eb75",
    "Thought-terminating_Cliches": "#8ce99a",
    "Bandwagon,Reductio_ad_hitlerum": "#adb5bd",
}


def _technique_texts() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """(display names, definitions) from the techniques package, if it is there."""
    try:
        from propscope.analyzers.techniques.definitions import DEFINITIONS, DISPLAY_NAMES
    except ImportError:
        return {}, {}
    return DISPLAY_NAMES, DEFINITIONS


def _voice_flag(span: Span) -> str | None:
    voice = span.attrs.get("voice")
    if voice in (None, "", "outlet"):
        return None
    return f"In a quoted speaker's voice: {voice}"


def _technique_summary(analysis: Analysis, layer: Layer) -> Sequence[tuple[str, str]]:
    data: Mapping[str, Any] = layer.data
    rows: list[tuple[str, str]] = []
    if "total" in data:
        rate = data.get("per_1000_words")
        rows.append(("Technique spans", f"{data['total']}" + (f" ({rate:.1f} per 1,000 words)" if rate is not None
                                                               else "")))
    if "sentences" in data and "sentences_with_technique" in data:
        share = data.get("share_sentences_with_technique")
        rows.append(("Sentences with a technique", f"{data['sentences_with_technique']} of {data['sentences']}"
                     + (f" ({share:.0%})" if isinstance(share, (int, float)) else "")))
    per = data.get("techniques")
    if isinstance(per, Mapping):
        names = TECHNIQUES.label_names
        for label, entry in sorted(per.items(), key=lambda kv: -int(kv[1].get("count", 0))):
            rate = entry.get("per_1000_words")
            rows.append((names.get(label, label), f"{entry.get('count', 0)}"
                         + (f" ({rate:.1f} per 1,000 words)" if isinstance(rate, (int, float)) else "")))
    if data.get("model"):
        rows.append(("Model", str(data["model"])))
    return rows


_NAMES, _DEFINITIONS = _technique_texts()

TECHNIQUES = LayerStyle(
    title="Persuasion techniques",
    description="Fragments that use a persuasion technique. Dotted underline: in a quoted speaker's words, "
    "not the outlet's own.",
    label_names=_NAMES,
    definitions=_DEFINITIONS,
    colours=TECHNIQUE_COLOURS,
    attr_order=("score", "voice"),
    hidden_attrs=frozenset({"voice_attribution"}),
    flag=_voice_flag,
    summary=_technique_summary,
    order=10,
)

# ---------------------------------------------------------------------------- attributions


def _content_text(text: str, span: Span, limit: int = 200) -> str:
    pieces = span.attrs.get("content")
    # whole first, then unwrapped, then shortened: a long quotation loses both its marks, not one
    shown = text_at(text, pieces, limit=len(text) + 1) if pieces else None
    if shown is None:
        shown = " ".join(text[span.start : span.end].split())
    shown = _unwrap_quote(shown.strip())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_unwrap_quote = unwrap_quote


def who_said_what(analysis: Analysis, layer: Layer) -> Panel | None:
    """Each speaker with their attributed passages (attribution spans, by ``speaker``)."""
    if not layer.spans:
        return None
    text = analysis.article.text
    groups: dict[str, list[PanelItem]] = {}
    for index, span in enumerate(layer.spans):
        if span.end > len(text):
            continue
        attrs: dict[str, Any] = dict(span.attrs)
        speaker = str(attrs.get("speaker") or (OUTLET_OWN if outlet_voiced(text, span) else UNRESOLVED))
        notes = [ATTRIBUTIONS.label_name(str(attrs.get("kind") or span.label)) if (attrs.get("kind") or span.label)
                 else ""]
        source = text_at(text, attrs.get("source")) if attrs.get("source") else None
        if source and source != speaker:
            notes.append(f"as “{source}”")
        if attrs.get("relayed_by"):
            notes.append(f"relayed by {attrs['relayed_by']}")
        groups.setdefault(speaker, []).append(
            PanelItem(_content_text(text, span), note=", ".join(n for n in notes if n), span=(layer.name, index))
        )
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] in (UNRESOLVED, OUTLET_OWN), kv[0] == OUTLET_OWN,
                                                     -len(kv[1]), kv[0].lower()))
    return Panel("Who said what", tuple(PanelGroup(name, tuple(items), note=f"{len(items)}") for name, items
                                        in ordered))


ATTRIBUTIONS = LayerStyle(
    title="Attributions",
    description="Quoted and reported speech, attributed to its speaker.",
    label_names={"direct": "Direct quote", "mixed": "Partly quoted", "indirect": "Reported speech"},
    definitions={
        "direct": "Words wholly between quotation marks, attributed to a speaker.",
        "mixed": "Reported speech with some of the speaker's words in quotation marks.",
        "indirect": "A speaker's words reported without quotation marks.",
    },
    colours={"direct": "#fff4e6", "mixed": "#fff4e6", "indirect": "#fff9f2"},
    attr_order=("speaker", "source", "cue", "relayed_by"),
    attr_names={"source": "source mention", "relayed_by": "relayed by"},
    hidden_attrs=frozenset({"content", "speaker_id"}),
    text_attrs=frozenset({"source", "cue"}),
    panel=who_said_what,
    order=60,
)

# ---------------------------------------------------------------------------- sources


def _sources_panel(analysis: Analysis, layer: Layer) -> Panel | None:
    text = analysis.article.text
    entries = layer.data.get("sources")
    groups: dict[str, list[PanelItem]] = {}
    kinds: dict[str, str] = {}
    if isinstance(entries, Sequence):
        for entry in entries:
            if isinstance(entry, Mapping) and entry.get("name"):
                groups.setdefault(str(entry["name"]), [])
                kinds[str(entry["name"])] = str(entry.get("kind", ""))
    for index, span in enumerate(layer.spans):
        if span.end > len(text):
            continue
        name = str(span.attrs.get("name") or span.label)
        kinds.setdefault(name, str(span.attrs.get("kind", "")))
        groups.setdefault(name, []).append(PanelItem(
            fragment_around(text, span), note=str(span.attrs.get("relation", "")), span=(layer.name, index)))
    if not groups:
        return None
    chain = layer.data.get("chain")
    note = ""
    if isinstance(chain, Sequence) and chain:
        note = "; ".join(f"{c.get('from')} → {c.get('to')} ({c.get('relation')})" for c in chain
                         if isinstance(c, Mapping))
    return Panel("Sources", tuple(
        PanelGroup(name, tuple(items), note=kinds.get(name, "").replace("_", " ")) for name, items in groups.items()
    ), note=f"Relay: {note}" if note else "")


def fragment_around(text: str, span: Span, context: int = 60) -> str:
    """The span with a little of its sentence around it, on one line."""
    start = max(0, span.start - context)
    end = min(len(text), span.end + context)
    out = " ".join(text[start:end].split())
    return ("…" if start else "") + out + ("…" if end < len(text) else "")


SOURCES = LayerStyle(
    title="Sources",
    description="The publisher, the dateline agency and the outlets the article cites.",
    humanize_labels=False,
    attr_order=("name", "kind", "relation"),
    panel=_sources_panel,
    order=70,
)

# ---------------------------------------------------------------------------- entities

_NER_TYPES = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Country, city or state", "LOC": "Place",
    "NORP": "Nationality, religious or political group", "FAC": "Building or facility", "EVENT": "Event",
    "LAW": "Law or treaty", "PRODUCT": "Product", "WORK_OF_ART": "Title of a work",
}


def _entity_table(layer: Layer) -> dict[str, Mapping[str, Any]]:
    table = layer.data.get("entities")
    if not isinstance(table, Sequence):
        return {}
    return {str(e.get("id")): e for e in table if isinstance(e, Mapping)}


def _entity_rows(analysis: Analysis, layer: Layer, span: Span) -> Sequence[tuple[str, str]]:
    entity = _entity_table(layer).get(str(span.attrs.get("entity")))
    rows = []
    if entity is not None:
        rows.append(("entity", str(entity.get("name", ""))))
        if entity.get("roles"):
            rows.append(("roles", format_value(entity["roles"])))
    if span.attrs.get("source"):
        rows.append(("found by", str(span.attrs["source"])))
    return rows


def _entities_panel(analysis: Analysis, layer: Layer) -> Panel | None:
    table = _entity_table(layer)
    if not table:
        return None
    first: dict[str, Span] = {}
    for span in layer.spans:
        key = str(span.attrs.get("entity"))
        if key not in first or span.start < first[key].start:
            first[key] = span
    items = []
    for key, entity in sorted(table.items(), key=lambda kv: -int(kv[1].get("mentions", 0) or 0)):
        aliases = entity.get("aliases") or []
        note = f"{_NER_TYPES.get(str(entity.get('type')), str(entity.get('type', '')))}, " \
               f"{entity.get('mentions', 0)} mention{'s' if entity.get('mentions') != 1 else ''}"
        if aliases:
            note += "; also " + ", ".join(f"“{a}”" for a in list(aliases)[:6])
        mention = first.get(key)
        items.append(PanelItem(str(entity.get("name", key)), note=note,
                               offsets=(mention.start, mention.end) if mention is not None else None))
    return Panel("Entities", (PanelGroup("People, organisations and places", tuple(items)),))


ENTITIES = LayerStyle(
    title="Entities",
    description="People, organisations and places, each under one canonical name.",
    label_names=_NER_TYPES,
    span_rows=_entity_rows,
    highlight=False,
    panel=_entities_panel,
    order=80,
)
