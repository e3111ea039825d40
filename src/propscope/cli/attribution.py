"""``propscope attribution``: evaluate on PolNeAR, predict over text files, train the CRF.

* ``eval --data DIR --split dev`` scores the entities + attribution analyzers on a PolNeAR
  split (see :mod:`propscope.evaluation.attribution` for the metrics); ``--json FILE``
  also writes the scores.
* ``predict TEXT_DIR -o FILE.jsonl`` writes one line per ``.txt`` file:
  ``{"id", "quotes": [{"content", "cue", "source", "speaker", "kind"}]}`` with offsets
  into the raw file as read (UTF-8, Python ``str`` indices).

Training is ``propscope train attribution --polnear DIR -o MODEL_DIR`` (:mod:`propscope.cli.train`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from propscope.cli.app import app, run

__all__ = ["attribution_app", "predict_file"]

attribution_app = typer.Typer(name="attribution", help="Who said what: evaluate on PolNeAR, predict over text files.",
                              no_args_is_help=True, rich_markup_mode=None)
app.add_typer(attribution_app, name="attribution")


@attribution_app.command("eval")
def eval_command(
    data: Annotated[Path, typer.Option("--data", help="The PolNeAR folder (with data/<split>/).")],
    split: Annotated[str, typer.Option("--split", help="train, dev or test.")] = "dev",
    model: Annotated[Path | None, typer.Option("--model", help="An attribution model folder.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N articles.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores here.")] = None,
) -> None:
    """Score attribution on a PolNeAR split (exact, overlap, source, attribution P/R/F1)."""

    def go() -> None:
        from propscope.evaluation.attribution import evaluate, format_scores

        result = evaluate(data, split, model_dir=model, limit=limit)
        typer.echo(f"PolNeAR {split}: {result['articles']} articles in {result['seconds']}s")
        typer.echo(format_scores(result["scores"]))
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    run(go)


def predict_file(raw: str, name: str, entities: Any, attribution: Any) -> dict[str, Any]:
    """One output record for one raw text (identity reading: offsets are raw offsets)."""
    from propscope.evaluation.attribution import identity_article

    article = identity_article(raw, name)
    layers = dict(entities.annotate(article, {}))
    layers.update(attribution.annotate(article, layers))
    quotes = []
    for s in layers["attributions"].spans:
        quotes.append({
            "content": [list(article.raw_span(tuple(c))) for c in s.attrs["content"]],
            "cue": list(article.raw_span(tuple(s.attrs["cue"]))) if s.attrs.get("cue") else None,
            "source": list(article.raw_span(tuple(s.attrs["source"]))) if s.attrs.get("source") else None,
            "speaker": s.attrs.get("speaker"),
            "kind": s.label,
        })
    return {"id": name, "quotes": quotes}


@attribution_app.command("predict")
def predict_command(
    text_dir: Annotated[Path, typer.Argument(help="A folder of .txt files (UTF-8).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The JSONL file to write.")],
    model: Annotated[Path | None, typer.Option("--model", help="An attribution model folder.")] = None,
) -> None:
    """Attributions of every .txt file in TEXT_DIR, one JSON line per file."""

    def go() -> None:
        from propscope.analyzers.attribution import AttributionAnalyzer
        from propscope.analyzers.entities import EntityAnalyzer
        from propscope.errors import InputError

        if not text_dir.is_dir():
            raise InputError(f"{text_dir} is not a folder")
        entities = EntityAnalyzer()
        entities.load()
        attribution = AttributionAnalyzer()
        attribution.load(model)
        output.parent.mkdir(parents=True, exist_ok=True)
        n = 0
        with output.open("w", encoding="utf-8") as fh:
            for path in sorted(text_dir.glob("*.txt")):
                raw = path.read_bytes().decode("utf-8", errors="replace")
                if not raw.strip():
                    record: dict[str, Any] = {"id": path.stem, "quotes": []}
                else:
                    record = predict_file(raw, path.stem, entities, attribution)
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
        typer.echo(f"wrote {n} lines to {output}")

    run(go)
