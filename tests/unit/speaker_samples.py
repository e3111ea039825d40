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


def speaker_resolver(text: str, names: dict[str, tuple[str, str | None]]) -> AttributionSpeakers:
    """Mentions of every occurrence of each surface (``names``: surface -> (name, gender)); an
    occurrence inside a mention made before it ("Quist" of "Omar Quist") is no mention of its own.
    Each line is a paragraph and a sentence."""
    mentions: list[Span] = []
    table = {}
    for surface, (name, gender) in names.items():
        eid = "person:" + name.lower().replace(" ", "-")
        table[eid] = {"id": eid, "name": name, "type": "PERSON", "gender": gender, "aliases": [surface]}
        pos = text.find(surface)
        while pos >= 0:
            if not any(m.start <= pos < m.end for m in mentions):
                mentions.append(Span(pos, pos + len(surface), "PERSON", {"entity": eid}))
            pos = text.find(surface, pos + 1)
    mentions.sort(key=lambda m: m.start)
    lines = line_spans(text)
    return AttributionSpeakers(text, mentions, list(table.values()), None, lines, [Span(s.start, s.end) for s in lines])
