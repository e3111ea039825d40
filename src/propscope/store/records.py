"""How an Analysis becomes rows, and back: the one mapping every store shares.

An :class:`~propscope.analysis.Analysis` is stored as

* one **article** row: the text, the raw input (``None`` when it equals the text), the
  indexed metadata (outlet, url, dates, language, word count, dateline agency) and
  ``article_json``, the rest of ``Article.to_json()`` (offsets, paragraphs, sentences,
  dateline, removed blocks, metadata), so the article reads back exactly;
* one **analyses** row per analyzer (name, version, the layers it produced as JSON): the
  lossless record, and what idempotence compares (an article is re-analysed only when an
  analyzer's version changed);
* rows **derived** from well-known layers, for queries only: ``techniques`` ->
  technique_spans, ``attributions`` -> attributions, ``entities`` -> entities + mentions,
  ``sources`` -> sources.  A layer that is absent simply derives nothing.

Also here (re-exported from :mod:`propscope.dates`): date normalisation (``published_date``,
ISO ``week``); name keys for case-insensitive filters, and the search-query parser all
stores share.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.dates import normalize_date, parse_published, week_of

__all__ = [
    "AnalyzerRecord",
    "ArticleRecord",
    "DerivedRows",
    "QueryTerm",
    "compose_analysis",
    "decompose",
    "name_key",
    "normalize_date",
    "parse_date_arg",
    "parse_query",
    "tokenize",
    "week_of",
]

#: Layer names whose spans are copied into query tables.
TECHNIQUES_LAYER = "techniques"
ATTRIBUTIONS_LAYER = "attributions"
ENTITIES_LAYER = "entities"
SOURCES_LAYER = "sources"

_TOKEN = re.compile(r"[^\W_]+")


# -- small normalisations --------------------------------------------------------------------
def name_key(value: str | None) -> str | None:
    """Case- and whitespace-insensitive key of a name (outlet, speaker, source)."""
    if value is None:
        return None
    key = " ".join(unicodedata.normalize("NFKC", str(value)).casefold().split())
    return key or None


#: ``voice`` values the techniques layer uses: ``outlet`` (the outlet's own words) or the name of
#: the quoted speaker (``unknown speaker`` when unresolved).  Filters and profiles group every
#: non-outlet voice as ``quoted``.
OUTLET_VOICE = "outlet"
QUOTED_VOICE = "quoted"


def voice_group(voice: str | None) -> str | None:
    """``outlet``, ``quoted`` (any speaker's words) or None (no voice assigned)."""
    if voice is None:
        return None
    return OUTLET_VOICE if voice == OUTLET_VOICE else QUOTED_VOICE


def voice_keyword(wanted: str | None) -> str | None:
    """``outlet`` or ``quoted`` when the ``--voice`` filter names a group (in any case), else None
    (it names a speaker), so ``--voice Outlet`` means the outlet's own words, not a speaker "Outlet"."""
    key = name_key(wanted)
    return key if key in (OUTLET_VOICE, QUOTED_VOICE) else None


def voice_matches(voice: str | None, wanted: str) -> bool:
    """The ``--voice`` filter: ``outlet``, ``quoted`` (any non-outlet voice) or one speaker's name,
    compared like ``--speaker`` (case- and whitespace-insensitive)."""
    keyword = voice_keyword(wanted)
    if keyword == OUTLET_VOICE:
        return voice == OUTLET_VOICE
    if keyword == QUOTED_VOICE:
        return voice is not None and voice != OUTLET_VOICE
    return voice is not None and name_key(voice) == name_key(wanted)


def tokenize(text: str) -> list[str]:
    """Words as the full-text indexes see them: runs of letters and digits, case-folded."""
    return _TOKEN.findall(text.casefold())


def parse_date_arg(value: str | None) -> str | None:
    """A ``--since``/``--until`` argument as ``YYYY-MM-DD``; raises ValueError when unreadable."""
    if value is None or value == "":
        return None
    parsed = parse_published(value, fallback=False)
    if parsed is None:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed[0].isoformat()


# -- search queries ---------------------------------------------------------------------------
@dataclass(frozen=True)
class QueryTerm:
    """A word, a ``"quoted phrase"`` (several words in a row), or ``word*`` (a prefix)."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str) -> list[QueryTerm]:
    """Terms that must all match.  Anything but words, quotes and a trailing ``*`` is ignored,
    so no input can be a syntax error in any backend."""
    terms: list[QueryTerm] = []
    for m in re.finditer(r'"([^"]*)"?|(\S+)', query or ""):
        phrase, word = m.group(1), m.group(2)
        part = phrase if phrase is not None else word
        words = tuple(tokenize(part))
        if not words:
            continue
        prefix = phrase is None and part.rstrip().endswith("*") and len(words) == 1
        if phrase is None and len(words) > 1:  # "e-mail" -> a phrase of its parts
            terms.append(QueryTerm(words))
        else:
            terms.append(QueryTerm(words, prefix))
    return terms


def match_positions(tokens: Sequence[str], terms: Sequence[QueryTerm]) -> list[int] | None:
    """Token indexes where ``terms`` match (all must), or None: the memory store's matcher."""
    hits: list[int] = []
    for term in terms:
        n = len(term.words)
        found = False
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k] == term.words[k] for k in range(n - 1)):
                last = tokens[i + n - 1]
                if last == term.words[-1] or (term.prefix and last.startswith(term.words[-1])):
                    hits.extend(range(i, i + n))
                    found = True
        if not found:
            return None
    return sorted(set(hits))


# -- rows -------------------------------------------------------------------------------------
def _text(value: Any) -> str | None:
    """A column value for a free attribute: strings as they are, anything else as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


@dataclass
class DerivedRows:
    """Query rows derived from one analyzer's layers (no article key: the store adds it)."""

    techniques: list[dict[str, Any]] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    TABLES = ("techniques", "attributions", "entities", "mentions", "sources")

    def items(self) -> Iterable[tuple[str, list[dict[str, Any]]]]:
        for name in self.TABLES:
            yield name, getattr(self, name)


@dataclass
class AnalyzerRecord:
    """One analyzer's share of an analysis: the unit a store writes or replaces."""

    name: str
    version: str
    listed: bool  # in Analysis.analyzers (False: a layer whose analyzer was not listed)
    seq: int
    layers: dict[str, Any]  # layer name -> Layer.to_json()
    derived: DerivedRows

    @property
    def layers_json(self) -> str:
        return json.dumps(self.layers, ensure_ascii=False)


@dataclass
class ArticleRecord:
    id: str
    content_hash: str
    title: str | None
    outlet: str | None
    outlet_key: str | None
    url: str | None
    published: str | None
    published_at: str | None
    published_date: str | None
    week: str | None
    language: str | None
    word_count: int
    agency: str | None
    source: str | None
    source_format: str | None
    text: str
    raw: str | None
    article_json: str
    propscope_version: str

    def columns(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _pieces(text: str, value: Any) -> str | None:
    """The text of an offsets attribute: ``[start, end]`` or a list of them (joined with " … ");
    None when there are none or they are not offsets."""
    if not isinstance(value, (list, tuple)) or not value:
        return None
    pairs = [value] if all(isinstance(v, int) and not isinstance(v, bool) for v in value) else value
    parts: list[str] = []
    for pair in pairs:
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in pair)):
            return None
        parts.append(text[pair[0]:pair[1]])
    return " … ".join(parts)


def _voices(spans: Sequence[Span], attributions: Layer | None, text: str) -> list[tuple[str, str | None]]:
    """``(voice, speaker)`` of each span, by the voice analyzer's rule (:func:`assign_voice`):
    ``outlet``, or the speaker of the quote whose content holds it (``unknown speaker`` unresolved)."""
    if not spans:
        return []
    if attributions is None or not attributions.spans:
        return [(OUTLET_VOICE, None)] * len(spans)
    from propscope.analyzers.voice import UNKNOWN_SPEAKER, assign_voice

    voiced = assign_voice(Layer("spans", "", "", tuple(spans)), attributions, text)
    # Layer sorts its spans; map them back to the order given
    by_key: dict[tuple[int, int, str], list[str]] = {}
    for v in voiced:
        by_key.setdefault((v.start, v.end, v.label), []).append(str(v.attrs["voice"]))
    out = []
    for s in spans:
        voice = by_key[(s.start, s.end, s.label)].pop(0)
        out.append((voice, None if voice in (OUTLET_VOICE, UNKNOWN_SPEAKER) else voice))
    return out


def _attribution_voice(text: str, span: Span, speaker: str | None) -> str:
    from propscope.analyzers.voice import UNKNOWN_SPEAKER, outlet_voiced

    return OUTLET_VOICE if outlet_voiced(text, span) else speaker or UNKNOWN_SPEAKER


def _derive(layer_name: str, layer: Layer, analyzer: str, text: str = "",
            attributions: Layer | None = None) -> DerivedRows:
    """``text`` and ``attributions`` (the article's, when it has them) fill the columns that
    read without offsets: quoted text and cue of each attribution, the voice of every span."""
    rows = DerivedRows()
    base = {"analyzer": analyzer, "layer": layer_name}
    if layer_name == TECHNIQUES_LAYER:
        for s in layer.spans:
            rows.techniques.append({**base, "start": s.start, "end": s.end, "technique": s.label,
                                    "score": _float(s.attrs.get("score")), "voice": _text(s.attrs.get("voice"))})
    elif layer_name == ATTRIBUTIONS_LAYER:
        for s in layer.spans:
            a = s.attrs
            speaker = _text(a.get("speaker"))
            rows.attributions.append({
                **base, "start": s.start, "end": s.end, "label": s.label,
                "kind": _text(a.get("kind", s.label if layer.label_key == "kind" else None)),
                "content": _text(a.get("content")), "cue": _text(a.get("cue")), "source": _text(a.get("source")),
                "speaker": speaker, "speaker_key": name_key(speaker), "relayed_by": _text(a.get("relayed_by")),
                "content_text": _pieces(text, a.get("content")) if "content" in a else text[s.start:s.end],
                "cue_text": _pieces(text, a.get("cue")), "source_text": _pieces(text, a.get("source")),
                "voice": _attribution_voice(text, s, speaker),
            })
    elif layer_name == ENTITIES_LAYER:
        table = layer.data.get("entities")
        items: list[tuple[str | None, Mapping[str, Any]]] = []
        if isinstance(table, Mapping):
            items = [(str(k), v if isinstance(v, Mapping) else {"name": v}) for k, v in table.items()]
        elif isinstance(table, (list, tuple)):
            items = [(None, v if isinstance(v, Mapping) else {"name": v}) for v in table]
        for key, info in items:
            entity = _text(info.get("entity", info.get("id", key)))
            name = _text(info.get("name", info.get("canonical", info.get("text", entity))))
            rows.entities.append({**base, "entity": entity, "type": _text(info.get("type", info.get("label"))),
                                  "name": name, "name_key": name_key(name),
                                  "mentions": next((v for v in (info.get("mentions"), info.get("count"))
                                                    if isinstance(v, int) and not isinstance(v, bool)), None),
                                  "attrs_json": _text(dict(info))})
        for s, (voice, speaker) in zip(layer.spans, _voices(layer.spans, attributions, text), strict=True):
            rows.mentions.append({**base, "start": s.start, "end": s.end, "type": s.label,
                                  "entity": _text(s.attrs.get("entity")), "voice": voice, "speaker": speaker})
    elif layer_name == SOURCES_LAYER:
        for s, (voice, speaker) in zip(layer.spans, _voices(layer.spans, attributions, text), strict=True):
            name = _text(s.attrs.get("name"))
            rows.sources.append({**base, "start": s.start, "end": s.end, "name": name, "name_key": name_key(name),
                                 "kind": _text(s.attrs.get("kind")), "relation": _text(s.attrs.get("relation")),
                                 "voice": voice, "speaker": speaker})
    return rows


def _merge(into: DerivedRows, more: DerivedRows) -> None:
    for name, rows in more.items():
        getattr(into, name).extend(rows)


def decompose(analysis: Analysis) -> tuple[ArticleRecord, list[AnalyzerRecord]]:
    """The rows of one analysis."""
    art = analysis.article
    data = art.to_json(include_raw=True)
    text = data.pop("text")
    raw = data.pop("raw")
    del data["id"], data["content_hash"]  # columns already, and derived from the text
    published_at, published_date, week = normalize_date(art.published, art.language)
    record = ArticleRecord(
        id=art.id, content_hash=art.content_hash, title=art.title, outlet=art.outlet, outlet_key=name_key(art.outlet),
        url=art.url, published=art.published, published_at=published_at, published_date=published_date, week=week,
        language=art.language, word_count=art.word_count,
        agency=art.dateline.agency if art.dateline and art.dateline.agency else None,
        source=art.source, source_format=art.source_format, text=text, raw=None if raw == text else raw,
        article_json=json.dumps(data, ensure_ascii=False), propscope_version=analysis.propscope_version,
    )
    attributions = analysis.layers.get(ATTRIBUTIONS_LAYER)
    groups: dict[str, AnalyzerRecord] = {}
    for seq, info in enumerate(analysis.analyzers):
        groups[info.name] = AnalyzerRecord(info.name, info.version, True, seq, {}, DerivedRows())
    for layer_name, layer in analysis.layers.items():
        group = groups.get(layer.analyzer)
        if group is None:
            group = groups[layer.analyzer] = AnalyzerRecord(layer.analyzer, layer.version, False, len(groups), {},
                                                            DerivedRows())
        group.layers[layer_name] = layer.to_json()
        _merge(group.derived, _derive(layer_name, layer, layer.analyzer, art.text, attributions))
    return record, list(groups.values())


def compose_analysis(article_columns: Mapping[str, Any],
                     analyzer_rows: Iterable[tuple[str, str, bool, int, str]]) -> Analysis:
    """The Analysis back from an article row and its ``(name, version, listed, seq, layers_json)`` rows."""
    data = json.loads(article_columns["article_json"])
    data["text"] = article_columns["text"]
    raw = article_columns.get("raw")
    data["raw"] = article_columns["text"] if raw is None else raw
    article = Article.from_json(data)
    layers: dict[str, Layer] = {}
    infos: list[AnalyzerInfo] = []
    for name, version, listed, _seq, layers_json in sorted(analyzer_rows, key=lambda r: (r[3], r[0])):
        if listed:
            infos.append(AnalyzerInfo(name, version))
        for layer_name, layer in json.loads(layers_json).items():
            layers[layer_name] = Layer.from_json(layer_name, layer)
    return Analysis(article, layers, tuple(infos), article_columns.get("propscope_version") or "")
