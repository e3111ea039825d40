"""The article model: one immutable text, spans into it, and a map back to the raw input.

Every annotation in propscope is a :class:`Span` ``[start, end)`` over ``Article.text``,
counted in Python ``str`` code points.  Spans are built through :meth:`Span.make` (or
:meth:`Article.span`), which rejects offsets outside the text and can snap offsets to
word boundaries under a named mode.

Cleaning only ever *deletes* characters of the raw input (a title line, boilerplate lines,
surplus whitespace); it never rewrites them.  ``Article.text`` is therefore a subsequence
of the raw input, and :class:`OffsetMap` records it as runs of copied characters.  Every
character of the text maps to one raw character equal to it, and every span maps to a raw
span (``OffsetMap.to_raw``), which is what evaluation commands report.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "Article",
    "Dateline",
    "OffsetMap",
    "RemovedBlock",
    "Span",
    "TextBuilder",
    "content_hash",
]

AlignmentMode = Literal["strict", "contract", "expand"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _freeze(attrs: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if not attrs:
        return _EMPTY
    return MappingProxyType(dict(attrs))


@dataclass(frozen=True, slots=True)
class Span:
    """``[start, end)`` over ``Article.text`` with a label and free, JSON-able attributes."""

    start: int
    end: int
    label: str = ""
    attrs: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError(f"span offsets must be int, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")
        if not isinstance(self.attrs, MappingProxyType):
            object.__setattr__(self, "attrs", _freeze(self.attrs))

    @classmethod
    def make(
        cls,
        text: str,
        start: int,
        end: int,
        label: str = "",
        attrs: Mapping[str, Any] | None = None,
        *,
        mode: AlignmentMode = "strict",
    ) -> Span:
        """The one checked constructor.

        ``strict`` rejects offsets outside ``text``; ``contract`` drops surrounding
        whitespace; ``expand`` also grows both ends to whole words.
        """
        if not (0 <= start <= end <= len(text)):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)} characters")
        if mode in ("contract", "expand"):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
        if mode == "expand":
            while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
                start -= 1
            while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
                end += 1
        return cls(start, end, label, _freeze(attrs))

    def __len__(self) -> int:
        return self.end - self.start

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_json(self, label_key: str = "label") -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.label or label_key != "label":
            out[label_key] = self.label
        for key, value in self.attrs.items():
            if key in ("start", "end", label_key):
                raise ValueError(f"span attribute {key!r} clashes with a reserved key")
            out[key] = value
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any], label_key: str = "label") -> Span:
        rest = {k: v for k, v in data.items() if k not in ("start", "end", label_key)}
        return cls(int(data["start"]), int(data["end"]), str(data.get(label_key, "")), rest)


class OffsetMap:
    """Maps offsets of a cleaned text back to the raw input it was cut from.

    Stored as runs ``(text_start, raw_start, length)`` of characters copied unchanged.
    """

    __slots__ = ("_lengths", "_raw_length", "_raw_starts", "_text_length", "_text_starts")

    def __init__(self, runs: Iterable[tuple[int, int, int]], text_length: int, raw_length: int):
        merged: list[list[int]] = []
        for t0, r0, n in runs:
            if n <= 0:
                continue
            if merged and merged[-1][0] + merged[-1][2] == t0 and merged[-1][1] + merged[-1][2] == r0:
                merged[-1][2] += n
            else:
                merged.append([t0, r0, n])
        self._text_starts = [m[0] for m in merged]
        self._raw_starts = [m[1] for m in merged]
        self._lengths = [m[2] for m in merged]
        self._text_length = text_length
        self._raw_length = raw_length
        covered = sum(self._lengths)
        if covered != text_length:
            raise ValueError(f"offset runs cover {covered} characters of a text of {text_length}")

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, 0, length)], length, length)

    @property
    def runs(self) -> list[tuple[int, int, int]]:
        return list(zip(self._text_starts, self._raw_starts, self._lengths, strict=True))

    @property
    def raw_length(self) -> int:
        return self._raw_length

    def char_to_raw(self, i: int) -> int:
        """Raw index of text character ``i`` (``0 <= i < len(text)``)."""
        if not 0 <= i < self._text_length:
            raise IndexError(f"character {i} is outside a text of {self._text_length}")
        k = bisect.bisect_right(self._text_starts, i) - 1
        return self._raw_starts[k] + (i - self._text_starts[k])

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering text ``[start, end)``.

        An empty span maps to the raw position just before the next kept character.
        """
        if not 0 <= start <= end <= self._text_length:
            raise ValueError(f"span [{start}, {end}) is outside a text of {self._text_length}")
        if start == end:
            if start < self._text_length:
                pos = self.char_to_raw(start)
            elif self._text_length:
                pos = self.char_to_raw(self._text_length - 1) + 1
            else:
                pos = 0
            return pos, pos
        return self.char_to_raw(start), self.char_to_raw(end - 1) + 1

    def to_text(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Text ``[start, end)`` of the kept characters inside raw ``[raw_start, raw_end)``."""
        start = self._raw_to_text(raw_start)
        end = self._raw_to_text(raw_end)
        return start, max(start, end)

    def _raw_to_text(self, raw: int) -> int:
        """Text offset of the first kept character at or after raw offset ``raw``."""
        k = bisect.bisect_right(self._raw_starts, raw) - 1
        if k < 0:
            return 0
        offset = raw - self._raw_starts[k]
        if offset < self._lengths[k]:
            return self._text_starts[k] + offset
        return self._text_starts[k] + self._lengths[k]

    def to_json(self) -> dict[str, Any]:
        return {"runs": [list(r) for r in self.runs], "raw_length": self._raw_length}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], text_length: int) -> OffsetMap:
        return cls([tuple(r) for r in data["runs"]], text_length, int(data["raw_length"]))  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.runs == other.runs and self._raw_length == other._raw_length

    def __repr__(self) -> str:
        return f"OffsetMap({len(self._lengths)} runs, text={self._text_length}, raw={self._raw_length})"


class TextBuilder:
    """Builds a cleaned text by copying pieces of a raw string, recording the offset map."""

    def __init__(self, raw: str):
        self.raw = raw
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int]] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Append ``raw[raw_start:raw_end]``; return its ``[start, end)`` in the new text."""
        if not 0 <= raw_start <= raw_end <= len(self.raw):
            raise ValueError(f"raw range [{raw_start}, {raw_end}) outside input of {len(self.raw)}")
        start = self._length
        if raw_end > raw_start:
            self._parts.append(self.raw[raw_start:raw_end])
            self._runs.append((start, raw_start, raw_end - raw_start))
            self._length += raw_end - raw_start
        return start, self._length

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self._parts)
        return text, OffsetMap(self._runs, len(text), len(self.raw))


@dataclass(frozen=True, slots=True)
class Dateline:
    """``CITY, Jan 10 (Agency) –`` at the head of an article; the span stays in the text."""

    place: str | None
    agency: str | None = None
    date: str | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "agency": self.agency,
            "date": self.date,
            "span": [self.span.start, self.span.end] if self.span else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Dateline:
        span = data.get("span")
        return cls(data.get("place"), data.get("agency"), data.get("date"),
                   Span(span[0], span[1], "dateline") if span else None)


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A piece of the raw input that cleaning removed, and why (``title``, ``boilerplate``…)."""

    raw_start: int
    raw_end: int
    reason: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"raw_start": self.raw_start, "raw_end": self.raw_end, "reason": self.reason, "text": self.text}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RemovedBlock:
        return cls(int(data["raw_start"]), int(data["raw_end"]), str(data["reason"]), str(data["text"]))


def content_hash(text: str) -> str:
    """Stable identity of an article's content: sha256 of its NFC text, whitespace-folded."""
    import unicodedata

    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article: the cleaned text once, its metadata, and spans into it.

    ``raw`` is the input the text was cut from (scraped text, or the text an HTML extractor
    produced); ``offsets`` maps text offsets into it.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    dateline: Dateline | None = None
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    source: str | None = None
    source_format: str | None = None
    raw: str | None = None
    offsets: OffsetMap | None = None
    removed: tuple[RemovedBlock, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", _freeze(self.metadata))
        n = len(self.text)
        for group in (self.paragraphs, self.sentences):
            for s in group:
                if s.end > n:
                    raise ValueError(f"span [{s.start}, {s.end}) is outside a text of {n} characters")
        if self.offsets is None:
            object.__setattr__(self, "offsets", OffsetMap.identity(n))
        if self.raw is None:
            object.__setattr__(self, "raw", self.text)

    @property
    def id(self) -> str:
        """Content hash of the text (first 16 hex digits); the same text, the same id."""
        return self.content_hash[:16]

    @property
    def content_hash(self) -> str:
        cached = self.__dict__.get("_content_hash")
        if cached is None:
            cached = content_hash(self.text)
            object.__setattr__(self, "_content_hash", cached)
        return cached

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def span(
        self,
        start: int,
        end: int,
        label: str = "",
        attrs: Mapping[str, Any] | None = None,
        *,
        mode: AlignmentMode = "strict",
    ) -> Span:
        return Span.make(self.text, start, end, label, attrs, mode=mode)

    def raw_span(self, span: Span | tuple[int, int]) -> tuple[int, int]:
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        assert self.offsets is not None
        return self.offsets.to_raw(start, end)

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``, if any."""
        starts = [s.start for s in self.sentences]
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and self.sentences[k].start <= offset < self.sentences[k].end:
            return k
        return None

    def iter_sentences(self) -> Iterator[tuple[Span, str]]:
        for s in self.sentences:
            yield s, self.text[s.start : s.end]

    def to_json(self, *, include_raw: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "content_hash": self.content_hash,
            "title": self.title,
            "text": self.text,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "authors": list(self.authors),
            "dateline": self.dateline.to_json() if self.dateline else None,
            "paragraphs": [[s.start, s.end] for s in self.paragraphs],
            "sentences": [[s.start, s.end] for s in self.sentences],
            "source": self.source,
            "source_format": self.source_format,
            "removed": [b.to_json() for b in self.removed],
            "metadata": dict(self.metadata),
        }
        if include_raw:
            assert self.offsets is not None
            out["raw"] = self.raw
            out["offsets"] = self.offsets.to_json()
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Article:
        text = data["text"]
        offsets = OffsetMap.from_json(data["offsets"], len(text)) if data.get("offsets") else None
        dl = data.get("dateline")
        return cls(
            text=text,
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=data.get("published"),
            language=data.get("language"),
            authors=tuple(data.get("authors") or ()),
            dateline=Dateline.from_json(dl) if dl else None,
            paragraphs=_spans(data.get("paragraphs", ())),
            sentences=_spans(data.get("sentences", ())),
            source=data.get("source"),
            source_format=data.get("source_format"),
            raw=data.get("raw"),
            offsets=offsets,
            removed=tuple(RemovedBlock.from_json(b) for b in data.get("removed", ())),
            metadata=data.get("metadata") or {},
        )


def _spans(pairs: Sequence[Sequence[int]]) -> tuple[Span, ...]:
    return tuple(Span(int(a), int(b)) for a, b in pairs)
