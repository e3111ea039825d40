"""An Analysis: an article plus the annotation layers each analyzer produced.

Serialised as JSON with ``"schema": "propscope.analysis/1"`` (``schemas/analysis.schema.json``
in the repository, ``propscope/schemas/`` in the package); ``Analysis.from_json`` reads back
exactly what ``to_json`` wrote.

A layer holds spans over ``Article.text`` (each rendered as ``{"start", "end", <label_key>,
...attrs}``) and a free ``data`` mapping for what is not a span (summaries, entity tables).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from propscope.article import Article, Span
from propscope.version import __version__

__all__ = ["SCHEMA", "Analysis", "AnalyzerInfo", "Layer"]

SCHEMA = "propscope.analysis/1"


@dataclass(frozen=True)
class Layer:
    """The spans and data one analyzer produced under one name."""

    name: str
    analyzer: str
    version: str
    spans: tuple[Span, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    label_key: str = "label"

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", tuple(sorted(self.spans, key=lambda s: (s.start, s.end, s.label))))
        if not isinstance(self.data, MappingProxyType):
            object.__setattr__(self, "data", MappingProxyType(dict(self.data)))

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def to_json(self) -> dict[str, Any]:
        return {
            "analyzer": self.analyzer,
            "version": self.version,
            "label_key": self.label_key,
            "spans": [s.to_json(self.label_key) for s in self.spans],
            "data": _plain(self.data),
        }

    @classmethod
    def from_json(cls, name: str, data: Mapping[str, Any]) -> Layer:
        key = data.get("label_key", "label")
        return cls(
            name=name,
            analyzer=data["analyzer"],
            version=str(data["version"]),
            spans=tuple(Span.from_json(s, key) for s in data.get("spans", ())),
            data=data.get("data") or {},
            label_key=key,
        )


@dataclass(frozen=True)
class AnalyzerInfo:
    name: str
    version: str

    @property
    def qualified(self) -> str:
        return f"{self.name}.v{self.version}"


@dataclass(frozen=True)
class Analysis:
    """What the pipeline made of one article."""

    article: Article
    layers: Mapping[str, Layer] = field(default_factory=dict)
    analyzers: tuple[AnalyzerInfo, ...] = ()
    propscope_version: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.layers, MappingProxyType):
            object.__setattr__(self, "layers", MappingProxyType(dict(self.layers)))
        if not self.propscope_version:
            object.__setattr__(self, "propscope_version", __version__)

    def __getitem__(self, name: str) -> Layer:
        return self.layers[name]

    def get(self, name: str) -> Layer | None:
        return self.layers.get(name)

    def with_layers(self, layers: Mapping[str, Layer], analyzers: Sequence[AnalyzerInfo] = ()) -> Analysis:
        merged = dict(self.layers)
        merged.update(layers)
        return Analysis(self.article, merged, self.analyzers + tuple(analyzers), self.propscope_version)

    def to_json(self, *, include_raw: bool = True) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "propscope_version": self.propscope_version,
            "article": self.article.to_json(include_raw=include_raw),
            "analyzers": [{"name": a.name, "version": a.version} for a in self.analyzers],
            "layers": {name: layer.to_json() for name, layer in self.layers.items()},
        }

    def dumps(self, *, indent: int | None = None, include_raw: bool = True) -> str:
        return json.dumps(self.to_json(include_raw=include_raw), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Analysis:
        schema = data.get("schema")
        if schema != SCHEMA:
            from propscope.errors import InputError

            raise InputError(f"not a propscope analysis: schema is {schema!r}, expected {SCHEMA!r}")
        return cls(
            article=Article.from_json(data["article"]),
            layers={name: Layer.from_json(name, layer) for name, layer in data.get("layers", {}).items()},
            analyzers=tuple(AnalyzerInfo(a["name"], str(a["version"])) for a in data.get("analyzers", ())),
            propscope_version=data.get("propscope_version", ""),
        )

    @classmethod
    def loads(cls, text: str) -> Analysis:
        return cls.from_json(json.loads(text))


def _plain(value: Any) -> Any:
    """Mapping proxies and tuples to plain JSON types."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
