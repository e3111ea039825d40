"""``propscope ptc``: predict and score on the Propaganda Techniques Corpus (SemEval-2020 Task 11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from propscope.cli.app import app, fail, user_errors

ptc_app = typer.Typer(help="Propaganda Techniques Corpus: predict spans, classify, evaluate.", no_args_is_help=True)
app.add_typer(ptc_app, name="ptc")


def _predictor(model: Path | None, baseline: bool) -> Any:
    try:
        if baseline:
            from propscope.analyzers.techniques.baseline import BaselinePredictor

            return BaselinePredictor(model)
        from propscope.analyzers.techniques.model import NeuralPredictor

        return NeuralPredictor(model)
    except ImportError as exc:
        fail(f"the technique model needs onnxruntime, tokenizers and numpy: {exc}")


MODEL = typer.Option(None, "--model", help="Model folder (default: the shipped model).")
BASELINE = typer.Option(False, "--baseline", help="Use the non-neural baseline model.")


@ptc_app.command("predict-spans")
def predict_spans(
    articles_dir: Path = typer.Argument(..., help="Folder of article<ID>.txt files."),
    output: Path = typer.Option(..., "-o", "--output", help="Write rows 'article_id<TAB>start<TAB>end' here."),
    model: Path = MODEL,
    baseline: bool = BASELINE,
) -> None:
    """Find technique fragments (task SI)."""
    from propscope.evaluation.ptc import predict_si, read_articles, write_si

    with user_errors():
        arts = read_articles(articles_dir)
        rows = predict_si(_predictor(model, baseline), arts)
        write_si(output, rows)
    typer.echo(f"{len(rows)} fragments in {len(arts)} articles -> {output}", err=True)


@ptc_app.command("classify")
def classify(
    articles_dir: Path = typer.Argument(..., help="Folder of article<ID>.txt files."),
    template: Path = typer.Argument(..., help="Rows 'article_id<TAB>?<TAB>start<TAB>end'."),
    output: Path = typer.Option(..., "-o", "--output", help="The template rows with the technique filled in."),
    model: Path = MODEL,
    baseline: bool = BASELINE,
) -> None:
    """Name the technique of each template fragment (task TC)."""
    from propscope.evaluation.ptc import classify_rows, read_articles, read_tc_labels, write_tc

    with user_errors():
        arts = read_articles(articles_dir)
        rows = read_tc_labels(template)
        out = classify_rows(_predictor(model, baseline), arts, rows)
        write_tc(output, out)
    typer.echo(f"{len(out)} rows -> {output}", err=True)


@ptc_app.command("eval")
def evaluate_cmd(
    data: Path = typer.Option(..., "--data", help="The ptc folder (containing datasets/)."),
    split: str = typer.Option("dev", "--split", help="train or dev."),
    model: Path = MODEL,
    baseline: bool = BASELINE,
    json_out: Path = typer.Option(None, "--json", help="Also write the scores as JSON here."),
) -> None:
    """Score a model on a split: SI P/R/F1, TC micro P/R/F1 and per-technique F1."""
    import json

    from propscope.evaluation.ptc import evaluate, format_scores
    from propscope.training.data import load_split

    with user_errors():
        docs = load_split(data, split)
        scores = evaluate(_predictor(model, baseline), [d.article for d in docs], [r for d in docs for r in d.gold])
    typer.echo(format_scores(scores))
    if json_out:
        json_out.write_text(json.dumps(scores, indent=1), encoding="utf-8")
