"""The JSON Schema of an analysis (``propscope.analysis/1``) and of each of its layers.

One file, ``schemas/analysis.schema.json`` in the package, describes what ``analyze`` writes:
the article's metadata and every known layer's span fields (technique, score, voice,
speaker, relayed_by, kind, entity, ...) and summary data.  ``propscope schema [LAYER]``
prints it; the HTTP API's OpenAPI document embeds it (:func:`inline_schema`), so both say
the same as a test that validates real analyses against it.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from propscope.errors import ConfigError

__all__ = ["LAYERS", "analysis_schema", "inline_schema", "layer_schema"]

#: The parts ``propscope schema`` can print on their own: the article, and each known layer.
LAYERS = ("article", "techniques", "attributions", "entities", "sources", "quotes", "narratives")


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(files("propscope").joinpath("schemas/analysis.schema.json").read_text("utf-8"))
    return loaded


def analysis_schema() -> dict[str, Any]:
    """The whole schema (a fresh copy)."""
    return copy.deepcopy(_load())


def layer_schema(name: str) -> dict[str, Any]:
    """A standalone schema for one part (see :data:`LAYERS`): its definition as the root,
    with the definitions it refers to.  An unknown name is a :class:`ConfigError` that
    suggests the closest."""
    if name not in LAYERS:
        from propscope.suggest import did_you_mean

        guess = did_you_mean(name, LAYERS)
        raise ConfigError(f"no layer {name!r} in the schema; {guess + ' ' if guess else ''}layers: {', '.join(LAYERS)}",
                          code="config.schema_layer")
    whole = _load()
    key = name if name == "article" else f"{name}_layer"
    return {
        "$schema": whole["$schema"],
        "$id": whole["$id"].replace("analysis.schema.json", f"{name}.schema.json"),
        "title": f"propscope analysis: {name}",
        "$ref": f"#/$defs/{key}",
        "$defs": copy.deepcopy(whole["$defs"]),
    }


def inline_schema(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """``schema`` (default: the analysis schema) with every ``#/$defs/`` reference replaced by
    its definition: one self-contained object to embed in another document (OpenAPI)."""
    root = schema if schema is not None else _load()
    defs = root.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                rest = {k: walk(v) for k, v in node.items() if k != "$ref"}
                return {**walk(defs[ref[len("#/$defs/"):]]), **rest}
            return {k: walk(v) for k, v in node.items() if k not in ("$defs", "$schema", "$id")}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(copy.deepcopy(root))
