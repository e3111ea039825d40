"""The corpus as flat tables: one row per article, technique span, attribution, entity mention or
cited source, for table tools (``propscope export --table``).

The span tables have the columns of the SQL views the store creates (``v_techniques``,
``v_attributions``, ``v_mentions``, ``v_sources``; migration 0004), less the view's row ``id``:
the same rows whether a tool reads the database or an export.  Rows are built from an
:class:`~propscope.analysis.Analysis` through :func:`~propscope.store.records.decompose`, the
mapping the stores use, so every store (memory included) exports alike.

>>> [c.name for c in COLUMNS["techniques"]][:4]
['article_id', 'outlet', 'published_date', 'published']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from propscope.analysis import Analysis
from propscope.store.records import OUTLET_VOICE, decompose

__all__ = ["COLUMNS", "TABLES", "VIEWS", "Column", "table_rows"]

TABLES = ("articles", "techniques", "attributions", "entities", "sources")
#: export table -> the SQL view with the same columns
VIEWS = {"techniques": "v_techniques", "attributions": "v_attributions", "entities": "v_mentions",
         "sources": "v_sources"}
_UNKNOWN_SPEAKER = "unknown speaker"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str | int | float | date | list (of str) | offsets (list of [start, end])
    description: str


_COMMON = (
    Column("article_id", "str", "The article's id (16 hex digits of its text's hash): `propscope show ID`."),
    Column("outlet", "str", "The outlet that published the article, as the source named it."),
    Column("published_date", "date", "Publication date, parsed (YYYY-MM-DD); empty when it could not be read."),
    Column("published", "str", "Publication date as the source gave it (raw)."),
    Column("published_at", "str", "Publication time, sortable ISO 8601 (UTC when the source gave a zone)."),
    Column("title", "str", "The article's title."),
)
_SPAN = (
    Column("start", "int", "Start offset in the article's text (code points, inclusive)."),
    Column("end", "int", "End offset in the article's text (code points, exclusive)."),
    Column("analyzer", "str", "The analyzer that produced the span."),
)
_VOICE = Column("voice", "str", "Whose words the span is in: `outlet` (the outlet's own) or the quoted speaker's "
                                "name (`unknown speaker` when unresolved).")
_SPEAKER = Column("speaker", "str", "The quoted speaker whose words hold the span; empty in the outlet's voice.")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "articles": (
        *_COMMON,
        Column("url", "str", "The article's URL."),
        Column("week", "date", "Monday of the publication date's ISO week."),
        Column("language", "str", "Language code (ISO 639-1)."),
        Column("authors", "list", "Bylines."),
        Column("word_count", "int", "Words in the text."),
        Column("agency", "str", "News agency named in the dateline."),
        Column("source", "str", "Where the text was read from (file, feed item, URL)."),
        Column("source_format", "str", "The reader that read it."),
        Column("techniques", "int", "Technique spans found."),
        Column("attributions", "int", "Attributions (quotes and reported speech) found."),
        Column("mentions", "int", "Entity mentions found."),
        Column("sources", "int", "Cited sources found."),
        Column("text", "str", "The article's cleaned text, which every offset points into."),
    ),
    "techniques": (
        *_COMMON,
        Column("technique", "str", "Persuasion technique (SemEval-2020 task 11 labels, e.g. Loaded_Language)."),
        Column("score", "float", "The model's confidence, 0 to 1."),
        _VOICE,
        Column("voice_group", "str", "`outlet` or `quoted` (any speaker)."),
        _SPEAKER,
        Column("text", "str", "The span's words."),
        *_SPAN,
    ),
    "attributions": (
        *_COMMON,
        Column("kind", "str", "`direct` (in quotation marks), `mixed` or `indirect` (reported speech)."),
        Column("speaker", "str", "Who said it (canonical name); empty when unresolved."),
        Column("voice", "str", "The speaker, `unknown speaker`, or `outlet` when the content is in the outlet's "
                               "words (a belief or a crowd's view, not speech)."),
        Column("relayed_by", "str", "Who relays the words (\"…, Agency Y reported\")."),
        Column("text", "str", "What was said: the content's pieces, joined with \" … \"."),
        Column("cue_text", "str", "The cue (said, told, according to)."),
        Column("source_text", "str", "The words naming the speaker in the text."),
        Column("content_offsets", "offsets", "The content's pieces as [start, end] offsets."),
        *_SPAN,
    ),
    "entities": (
        *_COMMON,
        Column("type", "str", "Entity type (PERSON, ORG, GPE, …)."),
        Column("entity", "str", "Entity id within the article."),
        Column("name", "str", "The entity's canonical name."),
        _VOICE,
        _SPEAKER,
        Column("text", "str", "The mention's words."),
        *_SPAN,
    ),
    "sources": (
        *_COMMON,
        Column("name", "str", "The cited source's name."),
        Column("kind", "str", "`publisher`, `agency` or `outlet`."),
        Column("relation", "str", "How it is cited: dateline, credit, according to, …"),
        _VOICE,
        _SPEAKER,
        Column("text", "str", "The words citing it."),
        *_SPAN,
    ),
}

_DERIVED = {"techniques": "techniques", "attributions": "attributions", "entities": "mentions", "sources": "sources"}


def _offsets(value: str | None) -> list[list[int]] | None:
    try:
        parsed = json.loads(value) if value else None
    except ValueError:
        return None
    if isinstance(parsed, list) and all(isinstance(p, list) and len(p) == 2 and all(isinstance(v, int) for v in p)
                                        for p in parsed):
        return parsed
    return None


def table_rows(table: str, analysis: Analysis) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` for one analysis, with the columns of :data:`COLUMNS` in order."""
    record, groups = decompose(analysis)
    text = record.text
    common = {"article_id": record.id, "outlet": record.outlet, "published_date": record.published_date,
              "published": record.published, "published_at": record.published_at, "title": record.title}
    if table == "articles":
        counts = {name: sum(len(getattr(g.derived, name)) for g in groups)
                  for name in ("techniques", "attributions", "mentions", "sources")}
        a = analysis.article
        yield {**common, "url": record.url, "week": record.week, "language": record.language,
               "authors": list(a.authors), "word_count": record.word_count, "agency": record.agency,
               "source": record.source, "source_format": record.source_format, **counts, "text": text}
        return
    derived = _DERIVED[table]
    names = {(e["analyzer"], e["entity"]): e["name"] for g in reversed(groups) for e in reversed(g.derived.entities)}
    for g in groups:
        for r in getattr(g.derived, derived):
            span = {"start": r["start"], "end": r["end"], "analyzer": r["analyzer"]}
            fragment = text[r["start"]:r["end"]]
            if table == "techniques":
                voice = r["voice"]
                group = None if voice is None else OUTLET_VOICE if voice == OUTLET_VOICE else "quoted"
                speaker = None if voice in (None, OUTLET_VOICE, _UNKNOWN_SPEAKER) else voice
                yield {**common, "technique": r["technique"], "score": r["score"], "voice": voice,
                       "voice_group": group, "speaker": speaker, "text": fragment, **span}
            elif table == "attributions":
                yield {**common, "kind": r["kind"], "speaker": r["speaker"], "voice": r["voice"],
                       "relayed_by": r["relayed_by"], "text": r["content_text"], "cue_text": r["cue_text"],
                       "source_text": r["source_text"], "content_offsets": _offsets(r["content"]), **span}
            elif table == "entities":
                name = None if r["entity"] is None else names.get((r["analyzer"], r["entity"]))
                yield {**common, "type": r["type"], "entity": r["entity"], "name": name, "voice": r["voice"],
                       "speaker": r["speaker"], "text": fragment, **span}
            else:
                yield {**common, "name": r["name"], "kind": r["kind"], "relation": r["relation"], "voice": r["voice"],
                       "speaker": r["speaker"], "text": fragment, **span}
