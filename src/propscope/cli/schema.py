"""``propscope schema [LAYER]``: the JSON Schema of what ``analyze`` writes."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from propscope.cli.app import app, run, user_errors

__all__ = ["schema_command"]


@app.command("schema")
def schema_command(
    layer: Annotated[str | None, typer.Argument(
        metavar="LAYER", help="Only this part: article, techniques, attributions, entities, sources or quotes.",
    )] = None,
) -> None:
    """Print the JSON Schema of an analysis (propscope.analysis/1), or of one layer."""

    def go() -> None:
        from propscope.schema import analysis_schema, layer_schema

        with user_errors():
            schema = layer_schema(layer) if layer else analysis_schema()
        typer.echo(json.dumps(schema, ensure_ascii=False, indent=2))

    run(go)
