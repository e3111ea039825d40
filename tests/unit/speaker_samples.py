"""A speaker resolver over hand-made person mentions, one sentence per line (shared by the speaker tests)."""

from __future__ import annotations

from propscope.analyzers.attribution.speakers import AttributionSpeakers
from propscope.article import Span


def line_spans(text: str) -> list[Span]:
    """One span per line of ``text``."""
    out, pos = [], 0
    for part in text.split("\n"):
        out.append(Span(pos, pos + len(part)))
        pos += len(part) + 1
    return out


def speaker_resolver(text: str, names: dict[str, tuple[str, str | None] | tuple[str, str | None, str]]
                     ) -> AttributionSpeakers:
    """Mentions of every occurrence of each surface (``names``: surface -> (name, gender), or
    (name, gender, type) for an entity that is no person: "ORG", "GPE"); an occurrence inside a
    mention made before it ("Quist" of "Omar Quist") is no mention of its own.
    Each line is a paragraph and a sentence."""
    mentions: list[Span] = []
    table = {}
    for surface, (name, gender, *kind) in names.items():
        type_ = kind[0] if kind else "PERSON"
        eid = type_.lower() + ":" + name.lower().replace(" ", "-")
        table[eid] = {"id": eid, "name": name, "type": type_, "gender": gender, "aliases": [surface]}
        pos = text.find(surface)
        while pos >= 0:
            if not any(m.start <= pos < m.end for m in mentions):
                mentions.append(Span(pos, pos + len(surface), type_, {"entity": eid}))
            pos = text.find(surface, pos + 1)
    mentions.sort(key=lambda m: m.start)
    lines = line_spans(text)
    return AttributionSpeakers(text, mentions, list(table.values()), None, lines, [Span(s.start, s.end) for s in lines])
