"""Fit decoding, stacker and calibration on all of PTC train, from cross-fitted predictions.

``python -m propscope.training.distill crossfit`` (a GPU run) trains K fold models, each
predicting the fold it did not see, and one model on all of train.  This step ships that
model: it exports it to int8 ONNX, and fits everything that sits on top of the encoder
(the stacked technique classifier, the decoding thresholds, calibration and per-technique
thresholds) on the out-of-fold predictions of all 371 train articles, five times the 74
held-out articles the single-split protocol leaves for it.  The baseline's technique
probabilities, stacked too, are cross-fitted the same way (same folds).  Dev is scored once.

    python -m propscope.training.crossfit --ptc PTC --parts GPU_OUT --work WORK -o MODEL_DIR
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.model import NeuralPredictor
from propscope.analyzers.techniques.predictor import Scored
from propscope.errors import InputError
from propscope.manifest import write_manifest
from propscope.training.data import Doc, load_split

log = logging.getLogger("propscope.train")


class OutOfFoldPredictor(NeuralPredictor):
    """A NeuralPredictor whose token logits (and stacked baseline) come from cross-fitted models:
    each article is scored by the fold model that never saw it."""

    def __init__(self, root: Path, logits: dict[str, np.ndarray], aux_by_text: dict[str, Any] | None = None):
        super().__init__(root, check=False, require_stacker=False, threads=2)
        self.oof = logits  # article text -> float32 [n_tokens, 15]
        self.aux_by_text = aux_by_text or {}

    def token_logits(self, items: Sequence[Any], encoded: Sequence[Any]) -> list[np.ndarray]:
        out = []
        for it, enc in zip(items, encoded, strict=True):
            lg = self.oof.get(it.text)
            if lg is None or len(lg) != len(enc):
                raise InputError("no out-of-fold logits that match this article's tokens")
            out.append(lg)
        return out

    def aux_for(self, scored: Scored) -> Any:
        # stacking the baseline at all is self.aux's choice; for a train article, the fold's own
        return None if self.aux is None else self.aux_by_text[scored.item.text]


def load_oof(parts: Path, docs: Sequence[Doc]) -> dict[str, np.ndarray]:
    by_id: dict[str, np.ndarray] = {}
    for f in sorted(parts.glob("oof*.npz")):
        with np.load(f) as z:
            by_id.update({k: z[k].astype(np.float32) for k in z.files})
    missing = [d.id for d in docs if d.id not in by_id]
    if missing:
        raise InputError(f"{parts}: no out-of-fold logits for {len(missing)} articles (e.g. {missing[0]})")
    return {d.text: by_id[d.id] for d in docs}


def check_parts(parts: Path) -> dict[str, Any]:
    """The summary of a ``distill crossfit`` output, checked before anything is written."""
    path = Path(parts) / "summary.json"
    if not path.is_file():
        raise InputError(f"{parts}: not a cross-fitting output (no summary.json)")
    summary = json.loads(path.read_text())
    missing = [k for k in ("folds", "fold_ids", "hparams") if k not in summary]
    if missing:
        raise InputError(f"{parts}: summary.json has no {', '.join(missing)}: a `distill run` output? "
                         "--crossfit needs what `distill crossfit` writes")
    if not (Path(parts) / "kept.json").is_file() or not list(Path(parts).glob("weights.part*")):
        raise InputError(f"{parts}: the shipped model's weights (weights.part*, kept.json) are missing")
    if not list(Path(parts).glob("oof*.npz")):
        raise InputError(f"{parts}: the out-of-fold predictions (oof*.npz) are missing")
    return summary


def _baseline(docs: Sequence[Doc], bdir: Path) -> Any:
    """The baseline trained on exactly ``docs``: reused from ``bdir`` only if it was trained on them."""
    from propscope.analyzers.techniques.baseline import HashedTC
    from propscope.training.baseline import train_baseline

    key = hashlib.sha256("\n".join(sorted(d.id for d in docs)).encode()).hexdigest()
    stamp = bdir / "trained_on.sha256"
    if not ((bdir / "baseline.npz").is_file() and stamp.is_file() and stamp.read_text().strip() == key):
        if bdir.exists():
            shutil.rmtree(bdir)
        train_baseline(docs, bdir)
        stamp.write_text(key)
    return HashedTC(bdir / "baseline.npz")


def quantisation_agreement(out: Path, fp32_onnx: Path, work: Path, articles: Sequence[Any]) -> dict[str, float]:
    """int8 against the fp32 graph of the same model, on texts alone (no gold): how far the span
    probabilities move, and how well the fragments found agree (SI F1 of int8 against fp32)."""
    from propscope.evaluation.ptc import predict_si, score_articles, si_scores
    from propscope.training.techniques import fp32_copy

    fp_dir = fp32_copy(out, fp32_onnx, work / "fp32-model")
    runs = {}
    for name, root in (("fp32", fp_dir), ("int8", out)):
        pred = NeuralPredictor(root, check=False, threads=2)
        scored = score_articles(pred, articles)
        runs[name] = (scored, predict_si(pred, articles, scored))
    diff = np.concatenate([np.abs(a.p_span - b.p_span) for a, b in zip(runs["fp32"][0], runs["int8"][0], strict=True)])
    return {"articles": len(articles), "p_span_mean_abs_diff": float(diff.mean()) if diff.size else 0.0,
            "p_span_max_abs_diff": float(diff.max()) if diff.size else 0.0,
            "fragment_agreement_f1": si_scores(runs["int8"][1], runs["fp32"][1])["f1"]}


def run(ptc: Path, parts: Path, work: Path, out: Path, *, limit: int = 0) -> dict[str, Any]:
    from propscope.evaluation.ptc import evaluate
    from propscope.training import distill, neural
    from propscope.training import techniques as tt

    summary = check_parts(parts)  # before anything is deleted or written
    docs = load_split(ptc, "train", limit or None)
    dev = load_split(ptc, "dev", limit or None)
    oof = load_oof(parts, docs)
    tt._setup_logging(work)
    t0 = time.time()
    tinfo = distill.unpack(parts, work)
    hp = neural.HParams.from_dict(summary["hparams"])
    if out.exists():
        shutil.rmtree(out)
    einfo = neural.export_onnx(hp, work, out)
    labels = tt._labels_json("neural", {"max_len": hp.max_len, "title_tokens": hp.title_tokens,
                                        "base_model": neural.BASE_MODEL_PACKAGE,
                                        "base_sha256": neural.BASE_MODEL_SHA256, "crossfit_folds": summary["folds"]})
    (out / "labels.json").write_text(json.dumps(labels), encoding="utf-8")

    # the baseline, cross-fitted on the same folds, and once on all of train (the one shipped)
    aux_by_text: dict[str, Any] = {}
    by_id = {d.id: d for d in docs}
    for k, fold in enumerate(summary["fold_ids"]):
        in_fold = set(fold)
        tc = _baseline([d for d in docs if d.id not in in_fold], work / f"baseline-fold{k}")
        aux_by_text.update({by_id[i].text: tc for i in fold if i in by_id})
    full_aux = _baseline(docs, work / "baseline-all")
    shutil.copyfile(work / "baseline-all" / "baseline.npz", out / "baseline.npz")

    pred = OutOfFoldPredictor(out, oof, aux_by_text)
    info: dict[str, Any] = {"train": tinfo, "export": einfo, "crossfit": {
        k: summary.get(k) for k in ("folds", "articles", "seeds", "chosen", "variant_quick_scores",
                                    "fold_quick_scores", "oof_quick_scores", "runs")}}
    info.update(tt.fit_on_heldout(pred, docs, stack=True, aux=full_aux))
    if pred.aux is not None:
        labels["stack_baseline"] = True
    else:
        (out / "baseline.npz").unlink()
    tt._save_fitted(pred, out, labels)
    final = NeuralPredictor(out, check=False, threads=2)
    info["dev"] = evaluate(final, [d.article for d in dev], [r for d in dev for r in d.gold])
    info["speed"] = tt._speed(final, dev)
    info["quantisation"] = quantisation_agreement(out, work / "model.fp32.onnx", work, [d.article for d in dev])
    log.info("quantisation (int8 against fp32, no gold): %s", info["quantisation"])
    info["hparams"] = summary["hparams"]
    _write_card(out, info, summary)
    write_manifest(out)
    info["size_bytes"] = tt._dir_size(out)
    info["wall_seconds"] = time.time() - t0
    (work / "results.json").write_text(json.dumps(tt._round(info), indent=1, default=str), encoding="utf-8")
    log.info("cross-fitted: out-of-fold SI %s; dev SI %.4f TC %.4f", info["heldout_si"],
             info["dev"]["si"]["f1"], info["dev"]["tc"]["f1"])
    return info


def _write_card(out: Path, info: dict[str, Any], summary: dict[str, Any]) -> None:
    """A model card from the run's own figures (the shipped card adds the narrative by hand)."""
    from propscope.training import neural
    from propscope.training.techniques import CITATION

    hp, dev, si = summary["hparams"], info["dev"], info["heldout_si"]
    runs = {r["name"]: r for r in summary.get("runs", [])}
    steps = ", ".join(f"{n} {r.get('steps')}" for n, r in sorted(runs.items()))
    per = dev["tc"].get("per_technique", {})
    lines = [
        "# propscope persuasion-technique model (fine-tuned all-MiniLM-L6-v2, int8 ONNX, cross-fitted)",
        "",
        "Finds fragments of news text that use one of the 14 persuasion techniques of the",
        "Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11), names the technique, and gives",
        "a calibrated score in [0, 1]. Base encoder: sentence-transformers/all-MiniLM-L6-v2",
        f"({neural.BASE_MODEL_PACKAGE}, sha256 checked), Apache-2.0; this derivative is Apache-2.0 too.",
        "",
        "## Training",
        "",
        f"{summary['folds']} fold models, each trained on the other folds, scored the fold they did not see;",
        f"the shipped encoder was trained on all {summary['articles']} train articles. Recipe: max_len={hp['max_len']},",
        f"batch_size={hp['batch_size']}, epochs={hp['epochs']}, lr={hp['lr']} (head {hp['head_lr']}), warm-up",
        f"{hp['warmup']}, weight_decay={hp['weight_decay']}, span_pool_weight={hp['span_pool_weight']},",
        f"dropout={hp['dropout']}, seed={hp['seed']}, device={hp['device']}, bf16={hp['bf16']}; steps run: {steps}.",
        *([f"Seeds {', '.join(map(str, summary['seeds']))}, each from the same starting weights; out-of-fold "
           f"quick scores (SI F1 + TC accuracy) chose {summary['chosen']} ('soup': the seeds' weights averaged): "
           + "; ".join(f"{v} {sc['si_f1']:.3f} + {sc['tc_acc']:.3f}"
                       for v, sc in summary.get("variant_quick_scores", {}).items()) + "."]
          if len(summary.get("seeds", [])) > 1 else []),
        "Stacker (CV over all train rows), decoding, calibration and thresholds: fitted on the",
        "out-of-fold predictions; the stacked baseline cross-fitted on the same folds.",
        "",
        "## Scores",
        "",
        "| | SI P | SI R | SI F1 | TC micro-F1 |",
        "|---|---|---|---|---|",
        (f"| train, out of fold (TC: stacker CV) | {si['precision']:.3f} | {si['recall']:.3f} | {si['f1']:.3f} "
         f"| {info['stacker']['cv_accuracy']:.3f} |"),
        (f"| dev | {dev['si']['precision']:.3f} | {dev['si']['recall']:.3f} | {dev['si']['f1']:.3f} "
         f"| {dev['tc']['f1']:.3f} |"),
        "",
        "Dev TC F1 per technique (support):",
        "",
        *[f"- {t}: {v['f1']:.3f} ({v['support']})" for t, v in sorted(per.items())],
        "",
        *([("Calibration on dev (expected calibration error over ten bins; Brier): detections "
            f"{cal['detections']['ece']:.3f} ({cal['detections']['brier']:.3f}, n {cal['detections']['n']}), "
            f"sentences {cal['sentences']['ece']:.3f} ({cal['sentences']['brier']:.3f}).")
           for cal in [dev.get("calibration")] if cal]),
        "",
        ("Quantisation (int8 against the fp32 graph, dev texts, no gold): span probabilities move by "
         f"{info['quantisation']['p_span_mean_abs_diff']:.3f} on average; the fragments agree at SI F1 "
         f"{info['quantisation']['fragment_agreement_f1']:.3f}."),
        "",
        "## Speed and size",
        "",
        f"{info['speed']['articles_per_s']:.1f} articles/s on the dev split (one process, 2 onnxruntime",
        "threads, decoding and calibration included), measured during training; see",
        "`benchmarks/bench_techniques.py` for the benchmark.",
        "",
        "## Licence and citation of the data",
        "",
        "The PTC release states no licence; it is used for research training and evaluation only",
        "and none of its text ships. Cite:",
        "",
        CITATION,
        "",
    ]
    (out / "CARD.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m propscope.training.crossfit")
    p.add_argument("--ptc", required=True, type=Path)
    p.add_argument("--parts", required=True, type=Path, help="what `distill crossfit` wrote")
    p.add_argument("--work", required=True, type=Path)
    p.add_argument("-o", "--out", required=True, type=Path)
    p.add_argument("--limit", type=int, default=0)
    a = p.parse_args(argv)
    run(a.ptc, a.parts, a.work, a.out, limit=a.limit)


if __name__ == "__main__":
    main()
