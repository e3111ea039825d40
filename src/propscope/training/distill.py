"""Cross-fitted self-distillation of the technique tagger, for a GPU when one is lent.

PTC's fragment boundaries are noisy: two annotators rarely mark the same words.  Teachers
trained on K-1 folds of the fit part predict the fold they did not see; their averaged
token probabilities (out of fold, so not memorised) are mixed into the gold targets of
students trained on the whole fit part.  Students with ``distill=0`` are plain fine-tunes
with the same seeds, the control.  Every run is scored on held-out train after each epoch;
the student with the best held-out score is kept, and only its weights come back.

Three steps, each a sub-command:

- ``pack-base --out DIR``: the verified base model, re-saved as float16 (45 MB, small enough
  to send to a GPU machine that cannot install packages), with a REPACK.json that names the
  original's sha256;
- ``run --ptc PTC --work DIR --out DIR --device cuda``: teachers, then students, in
  parallel worker processes; writes ``summary.json`` and the kept student's weights, word
  embeddings left out (they are frozen, so the base model has them), in parts of < 16 MB;
- ``unpack --parts DIR --work DIR``: the parts and the base model's word embeddings back into
  ``WORK/best.pt`` + ``train_info.json``, for
  ``python -m propscope.training.techniques --work DIR --resume --skip-baseline``.

Nothing here is needed at run time; the shipped model is the usual int8 ONNX export.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.runtime import load_tokenizer
from propscope.errors import InputError
from propscope.training import neural

log = logging.getLogger("propscope.train")

WORD_EMBEDDINGS = "encoder.embeddings.word_embeddings.weight"
PART_BYTES = 15 * 1024 * 1024
DEFAULT_STUDENTS = ((0.0, 13), (0.0, 29), (0.3, 13), (0.3, 29), (0.5, 13), (0.5, 29), (0.7, 13), (0.7, 29))


def pack_base(out: Path) -> dict[str, Any]:
    """Write a float16 copy of the verified base model (weights, config, tokenizer) to ``out``."""
    import torch
    from safetensors.torch import load_file, save_file

    src = neural.base_model_dir()
    neural.check_base_model(src)
    out.mkdir(parents=True, exist_ok=True)
    tensors = load_file(str(src / "model.safetensors"))
    save_file({k: v.to(torch.float16).contiguous() for k, v in tensors.items()}, str(out / "model.safetensors"),
              metadata={"format": "pt"})
    for name in ("config.json", "tokenizer.json"):
        (out / name).write_bytes((src / name).read_bytes())
    info = {"source_package": neural.BASE_MODEL_PACKAGE, "source_sha256": neural.BASE_MODEL_SHA256,
            "dtype": "float16", "sha256": neural.file_sha256(out / "model.safetensors")}
    (out / "REPACK.json").write_text(json.dumps(info, indent=1))
    neural.check_base_model(out)  # the pinned digest of the float16 rounding
    return info


def folds_of(ids: list[str], k: int, seed: int) -> list[list[str]]:
    """``k`` disjoint, seeded folds covering ``ids``."""
    import random

    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _job(job: dict[str, Any]) -> dict[str, Any]:
    """One training run in a worker process: train, then save logits for ``predict`` docs."""
    work = Path(job["work"])
    work.mkdir(parents=True, exist_ok=True)
    # a handler for this run only: the driver's own console logging stays as it is
    handler = logging.FileHandler(work / "train.log")
    handler.setFormatter(logging.Formatter(f"%(asctime)s [{job['name']}] %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        return _run_job(job, work)
    finally:
        log.removeHandler(handler)
        handler.close()


def _run_job(job: dict[str, Any], work: Path) -> dict[str, Any]:
    import torch

    from propscope.training.data import load_split

    hp = neural.HParams(**job["hp"])
    docs = load_split(Path(job["ptc"]), "train", job.get("limit") or None)
    by_id = {d.id: d for d in docs}
    fit = [by_id[i] for i in job["fit"]]
    held = [by_id[i] for i in job["held"]]
    if job.get("soft"):
        soft = np.load(job["soft"])
        for d in fit:
            d._soft = soft[d.id]  # type: ignore[attr-defined]
    info = neural.train(fit, held, hp, work)
    model = neural.build_model(hp)
    model.load_state_dict(torch.load(work / "best.pt", map_location="cpu"))
    model.to(hp.device)
    tokenizer = load_tokenizer(neural.base_model_dir() / "tokenizer.json")
    pred_docs = [by_id[i] for i in job["predict"]]
    neural.prepare_docs(tokenizer, pred_docs, hp)
    logits = neural.predict_torch(model, tokenizer, pred_docs, hp)
    np.savez_compressed(work / "logits.npz", **{d.id: lg for d, lg in zip(pred_docs, logits, strict=True)})
    return {"name": job["name"], "kind": job["kind"], "distill": hp.distill, "seed": hp.seed, "hparams": asdict(hp),
            "best": info["best"], "history": info["history"], "train_seconds": info["train_seconds"],
            "steps": info["steps"], "work": str(work)}


def _job_key(job: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(job, sort_keys=True).encode()).hexdigest()


def finished_result(job: dict[str, Any]) -> dict[str, Any] | None:
    """The result of this very job from an earlier, interrupted call, if it finished then."""
    path = Path(job["work"]) / "result.json"
    try:
        done = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if done.get("job_key") != _job_key(job) or "error" in done.get("result", {}):
        return None
    result: dict[str, Any] = done["result"]
    return result


def _safe_job(job: dict[str, Any]) -> dict[str, Any]:
    """A failed run is reported, not fatal: the others' results are kept.  A finished run leaves
    ``result.json``, so that a call cut short can be repeated without training it again."""
    done = finished_result(job)
    if done is not None:
        log.info("%s: finished in an earlier call, reused", job["name"])
        return done
    try:
        result = _job(job)
        (Path(job["work"]) / "result.json").write_text(json.dumps({"job_key": _job_key(job), "result": result}))
        return result
    except Exception as exc:  # noqa: BLE001 - reported in the summary with its run's name
        import traceback

        return {"name": job["name"], "kind": job["kind"], "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc()[-2000:]}


def _pool(jobs: list[dict[str, Any]], workers: int) -> list[dict[str, Any]]:
    if not jobs:
        return []
    if workers <= 1:
        return [_safe_job(j) for j in jobs]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # a worker the system kills (out of memory) breaks the pool: an error, not a hang
    try:
        with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=mp.get_context("spawn")) as pool:
            return list(pool.map(_safe_job, jobs))
    except BrokenProcessPool as exc:
        raise InputError(f"a training worker died ({exc}); try fewer --workers") from exc


def run(ptc: Path, work: Path, out: Path, *, device: str = "cuda", folds: int = 4,
        teacher_seeds: tuple[int, ...] = (13, 29), students: tuple[tuple[Any, ...], ...] = DEFAULT_STUDENTS,
        workers: int = 8, epochs: int = 10, teacher_budget_s: float = 0.0, student_budget_s: float = 0.0,
        limit: int = 0, max_steps: int = 0, bf16: bool = True, threads: int = 2,
        max_len: int = neural.HParams.max_len) -> dict[str, Any]:
    from propscope.training.data import load_split, split_heldout

    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    docs = load_split(ptc, "train", limit or None)
    fit, held = split_heldout(docs)
    fit_ids, held_ids = [d.id for d in fit], [d.id for d in held]
    base_hp = neural.HParams(epochs=epochs, device=device, bf16=bf16, threads=threads, max_steps=max_steps,
                             max_len=max_len)
    summary: dict[str, Any] = {"device": device, "folds": folds, "teacher_seeds": list(teacher_seeds),
                               "students": [list(s) for s in students], "hparams": asdict(base_hp),
                               "fit": len(fit), "heldout": len(held)}

    def save() -> None:
        summary["elapsed_s"] = round(time.time() - t0, 1)
        (out / "summary.json").write_text(json.dumps(summary, indent=1))

    # ---- teachers: each fold predicted by models that never saw it
    fold_ids = folds_of(fit_ids, folds, neural.HParams.seed)
    jobs = []
    for k, fold in enumerate(fold_ids):
        in_fold = set(fold)
        rest = [i for i in fit_ids if i not in in_fold]
        for seed in teacher_seeds:
            hp = replace(base_hp, seed=seed, eval_from=epochs, time_budget_s=teacher_budget_s)
            jobs.append({"kind": "teacher", "name": f"t{k}s{seed}", "hp": asdict(hp), "ptc": str(ptc),
                         "limit": limit, "fit": rest, "held": held_ids, "predict": fold + held_ids,
                         "work": str(work / f"t{k}s{seed}")})
    log.info("%d teachers (%d folds x %d seeds), %d workers", len(jobs), folds, len(teacher_seeds), workers)
    teachers = _pool(jobs, workers)
    summary["teachers"] = [{k: v for k, v in t.items() if k != "work"} for t in teachers]
    save()
    for t in teachers:
        if "error" in t:
            log.error("teacher %s failed: %s", t["name"], t["traceback"])

    oof: dict[str, list[np.ndarray]] = {}
    held_probs: dict[str, list[np.ndarray]] = {}
    held_set = set(held_ids)
    for t, job in zip(teachers, jobs, strict=True):
        if "error" in t:
            continue
        lg = np.load(Path(t["work"]) / "logits.npz")
        for i in job["predict"]:
            (held_probs if i in held_set else oof).setdefault(i, []).append(_sigmoid(lg[i]))
    soft = {i: np.mean(v, axis=0).astype(np.float16) for i, v in oof.items()}
    missing = set(fit_ids) - set(soft)
    if missing:  # a whole fold's teachers failed: no soft targets, only the plain students run
        log.error("no out-of-fold teacher prediction for %d fit articles: plain students only", len(missing))
        students = tuple(s for s in students if s[0] == 0)
    else:
        np.savez_compressed(work / "soft.npz", **soft)
        # the teachers' ensemble on held-out: what distillation could at best pass on
        tok = load_tokenizer(neural.base_model_dir() / "tokenizer.json")
        neural.prepare_docs(tok, held, base_hp)
        ens = [_logit(np.mean(held_probs[d.id], axis=0)) for d in held]
        summary["teacher_ensemble_heldout"] = neural.quick_scores(held, ens)
        log.info("teacher ensemble held-out %s", summary["teacher_ensemble_heldout"])
    save()

    # ---- students: whole fit part, gold mixed with the teachers' out-of-fold probabilities
    jobs = []
    for alpha, seed, *more in students:  # (alpha, seed[, lr[, epochs]])
        lr = float(more[0]) if more else base_hp.lr
        n_ep = int(more[1]) if len(more) > 1 else epochs
        hp = replace(base_hp, seed=seed, distill=alpha, lr=lr, epochs=n_ep, eval_from=max(1, n_ep // 2),
                     time_budget_s=student_budget_s)
        name = f"s{round(alpha * 100):02d}s{seed}" + (f"lr{lr:g}e{n_ep}" if more else "")
        jobs.append({"kind": "student", "name": name, "hp": asdict(hp), "ptc": str(ptc), "limit": limit,
                     "fit": fit_ids, "held": held_ids, "predict": held_ids, "soft": str(work / "soft.npz") if alpha > 0 else "",
                     "work": str(work / name)})
    results = _pool(jobs, workers)
    summary["students"] = [{k: v for k, v in r.items() if k != "work"} for r in results]
    save()
    done = [r for r in results if "error" not in r]
    for r in results:
        if "error" in r:
            log.error("student %s failed: %s", r["name"], r["traceback"])
    if not done:
        raise InputError("every student run failed; see summary.json")
    best = max(done, key=lambda r: r["best"]["score"])
    summary["kept"] = {k: v for k, v in best.items() if k not in ("work", "history")}
    log.info("kept %s: %s", best["name"], best["best"])
    _write_parts(Path(best["work"]) / "best.pt", out, best)
    save()
    return summary


def crossfit(ptc: Path, work: Path, out: Path, *, device: str = "cuda", folds: int = 5, workers: int = 6,
             epochs: int = 10, budget_s: float = 0.0, limit: int = 0, max_steps: int = 0, bf16: bool = True,
             threads: int = 2, seed: int = neural.HParams.seed, seeds: tuple[int, ...] = ()) -> dict[str, Any]:
    """K fold models give every train article an out-of-fold prediction (``oof0.npz``, ``oof1.npz``:
    token logits, float16), for fitting decoding, stacker and calibration on all of train; one more model,
    trained on all of train for the same fixed number of epochs, is the one to ship.

    With several ``seeds``, every model is trained once per seed from the same starting weights, and
    the seeds' weights are also averaged (a "soup": one model's cost at run time).  Which of the seeds
    or the soup ships is decided on out-of-fold scores alone (:func:`choose_variant`), and the same
    choice gives the fold models whose out-of-fold logits are written."""
    from propscope.training.data import load_split

    seeds = tuple(seeds) or (seed,)
    if len(set(seeds)) != len(seeds):
        raise InputError(f"--seeds repeats a seed: {','.join(map(str, seeds))}")
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    docs = load_split(ptc, "train", limit or None)
    ids = [d.id for d in docs]
    hp = neural.HParams(epochs=epochs, device=device, bf16=bf16, threads=threads, max_steps=max_steps, seed=seeds[0],
                        init_seed=seeds[0] if len(seeds) > 1 else 0, time_budget_s=budget_s)
    fold_ids = folds_of(ids, folds, seed)

    def tag(s: int) -> str:  # run names: f0, full with one seed; f0s13, fulls13 with several
        return f"s{s}" if len(seeds) > 1 else ""

    jobs = []
    for s in seeds:
        hs = asdict(replace(hp, seed=s))
        for k, fold in enumerate(fold_ids):
            in_fold = set(fold)
            jobs.append({"kind": "fold", "name": f"f{k}{tag(s)}", "hp": hs, "ptc": str(ptc), "limit": limit,
                         "fit": [i for i in ids if i not in in_fold], "held": [], "predict": fold,
                         "work": str(work / f"f{k}{tag(s)}")})
        jobs.append({"kind": "full", "name": f"full{tag(s)}", "hp": hs, "ptc": str(ptc), "limit": limit,
                     "fit": ids, "held": [], "predict": [], "work": str(work / f"full{tag(s)}")})
    log.info("cross-fitting: %d folds + one model on all %d articles, seeds %s, %d workers", folds, len(ids),
             ",".join(map(str, seeds)), workers)
    results = _pool(jobs, workers)
    summary: dict[str, Any] = {"device": device, "folds": folds, "fold_ids": fold_ids, "hparams": asdict(hp),
                               "seeds": list(seeds), "articles": len(ids),
                               "runs": [{k: v for k, v in r.items() if k not in ("work", "hparams")} for r in results]}
    failed = [r for r in results if "error" in r]
    for r in failed:
        log.error("%s failed: %s", r["name"], r["traceback"])
    if failed:
        (out / "summary.json").write_text(json.dumps(summary, indent=1))
        raise InputError(f"{len(failed)} cross-fitting runs failed; see summary.json")
    tok = load_tokenizer(neural.base_model_dir() / "tokenizer.json")
    neural.prepare_docs(tok, docs, hp)
    by_id = {d.id: d for d in docs}
    by_name = {r["name"]: r for r in results}

    variants: dict[str, dict[str, np.ndarray]] = {}
    for s in seeds:  # each seed's own fold models
        oof: dict[str, np.ndarray] = {}
        for k, fold in enumerate(fold_ids):
            lg = np.load(Path(by_name[f"f{k}{tag(s)}"]["work"]) / "logits.npz")
            oof.update({i: lg[i] for i in fold})
        variants[f"seed{s}"] = oof
    if len(seeds) > 1:  # the soup of each fold's seeds predicts that fold
        model = neural.build_model(hp).to(hp.device)
        oof = {}
        for k, fold in enumerate(fold_ids):
            model.load_state_dict(average_states([Path(by_name[f"f{k}{tag(s)}"]["work"]) / "best.pt" for s in seeds]))
            oof.update(zip(fold, neural.predict_torch(model, tok, [by_id[i] for i in fold], hp), strict=True))
        variants["soup"] = oof
    scores = {v: neural.quick_scores(docs, [oof[d.id] for d in docs]) for v, oof in variants.items()}
    chosen = choose_variant(scores)
    summary["variant_quick_scores"], summary["chosen"] = scores, chosen
    log.info("out-of-fold quick scores %s; shipping %s", scores, chosen)
    oof = variants[chosen]
    summary["fold_quick_scores"] = [neural.quick_scores([by_id[i] for i in fold], [oof[i] for i in fold])
                                    for fold in fold_ids]
    summary["oof_quick_scores"] = scores[chosen]
    keys = sorted(oof)
    for n in range(2):  # two files, each under the 16 MB a GPU machine sends back
        np.savez_compressed(out / f"oof{n}.npz", **{i: oof[i].astype(np.float16) for i in keys[n::2]})
    if chosen == "soup":
        import torch

        fulls = [by_name[f"full{tag(s)}"] for s in seeds]
        (work / "full-soup").mkdir(parents=True, exist_ok=True)
        torch.save(average_states([Path(r["work"]) / "best.pt" for r in fulls]), work / "full-soup" / "best.pt")
        full = {**fulls[0], "name": "full-soup", "seed": list(seeds), "work": str(work / "full-soup"),
                "steps": [r["steps"] for r in fulls], "train_seconds": sum(r["train_seconds"] for r in fulls)}
    else:
        full = by_name[f"full{tag(int(chosen.removeprefix('seed')))}"]
    _write_parts(Path(full["work"]) / "best.pt", out, full)
    summary["elapsed_s"] = round(time.time() - t0, 1)
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    return summary


def choose_variant(scores: dict[str, dict[str, float]]) -> str:
    """The variant to ship, from out-of-fold quick scores (SI F1 + TC accuracy): the soup when it beats
    every single seed, otherwise the best seed (ties: the first listed)."""
    total = {v: s["si_f1"] + s["tc_acc"] for v, s in scores.items()}
    seeds = [v for v in scores if v != "soup"]
    best_seed = max(seeds, key=lambda v: total[v])
    if "soup" in total and total["soup"] > total[best_seed]:
        return "soup"
    return best_seed


def average_states(paths: list[Path]) -> dict[str, Any]:
    """The element-wise mean of saved state dicts (integer buffers taken from the first)."""
    import torch

    states = [torch.load(p, map_location="cpu") for p in paths]
    return mean_state(states)


def mean_state(states: list[dict[str, Any]]) -> dict[str, Any]:
    """Average tensors (torch or numpy) key by key; keys and shapes must agree."""
    keys = list(states[0])
    for st in states[1:]:
        if list(st) != keys:
            raise InputError("the runs to average have different weights (not one architecture)")
    out = {}
    for k in keys:
        first = states[0][k]
        if any(tuple(st[k].shape) != tuple(first.shape) for st in states[1:]):
            raise InputError(f"the runs to average disagree on the shape of {k}")
        is_float = first.is_floating_point() if hasattr(first, "is_floating_point") else np.issubdtype(first.dtype, np.floating)
        out[k] = sum(st[k] for st in states) / len(states) if is_float else first
    return out


def _write_parts(best_pt: Path, out: Path, result: dict[str, Any]) -> None:
    """The kept weights without the frozen word embeddings, in parts small enough to send back."""
    import torch

    state = torch.load(best_pt, map_location="cpu")
    state.pop(WORD_EMBEDDINGS)
    buf = io.BytesIO()
    torch.save(state, buf)
    data = buf.getvalue()
    for n, i in enumerate(range(0, len(data), PART_BYTES)):
        (out / f"weights.part{n}").write_bytes(data[i : i + PART_BYTES])
    info = {k: v for k, v in result.items() if k != "work"}
    info["sha256"] = hashlib.sha256(data).hexdigest()
    info["base_float16"] = (neural.base_model_dir() / "REPACK.json").is_file()
    (out / "kept.json").write_text(json.dumps(info, indent=1))


def unpack(parts: Path, work: Path) -> dict[str, Any]:
    """Rebuild ``work/best.pt`` (with the base model's frozen word embeddings) and ``train_info.json``."""
    files = sorted(parts.glob("weights.part*"), key=lambda p: int(p.name.removeprefix("weights.part")))
    if not files or not (parts / "kept.json").is_file():
        raise InputError(f"{parts}: not a distill/crossfit output (no weights.part* files or no kept.json)")
    import torch

    data = b"".join(f.read_bytes() for f in files)
    kept = json.loads((parts / "kept.json").read_text())
    if hashlib.sha256(data).hexdigest() != kept["sha256"]:
        raise InputError(f"{parts}: the weight parts do not match kept.json's sha256")
    state = torch.load(io.BytesIO(data), map_location="cpu")
    hp = neural.HParams.from_dict(kept.get("hparams") or {})
    model = neural.build_model(hp)
    emb = model.state_dict()[WORD_EMBEDDINGS]
    if kept.get("base_float16", True):  # trained on the float16 repack's embeddings: the very same values
        emb = emb.to(torch.float16).float()
    state[WORD_EMBEDDINGS] = emb
    model.load_state_dict(state)
    work.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), work / "best.pt")
    summary = json.loads((parts / "summary.json").read_text()) if (parts / "summary.json").is_file() else {}
    info = {"hparams": summary.get("hparams", asdict(hp)), "history": kept.get("history", []),
            "best": kept["best"], "base_sha256": neural.BASE_MODEL_SHA256,
            "train_seconds": kept.get("train_seconds"), "steps": kept.get("steps"),
            "distill": {"name": kept["name"], "distill": kept["distill"], "seed": kept["seed"],
                        "summary": summary}}
    (work / "train_info.json").write_text(json.dumps(info, indent=1))
    return info


def _student_spec(text: str) -> tuple[Any, ...]:
    """``alpha:seed[:lr[:epochs]]`` → a student tuple."""
    parts = text.split(":")
    if not 2 <= len(parts) <= 4:
        raise InputError(f"student {text!r}: expected alpha:seed[:lr[:epochs]]")
    try:
        out: list[Any] = [float(parts[0]), int(parts[1])]
        if len(parts) > 2:
            out.append(float(parts[2]))
        if len(parts) > 3:
            out.append(int(parts[3]))
    except ValueError as exc:
        raise InputError(f"student {text!r}: expected alpha:seed[:lr[:epochs]] ({exc})") from exc
    return tuple(out)


def _int_list(text: str, what: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError as exc:
        raise InputError(f"{what} {text!r}: expected comma-separated integers") from exc


def _training_parser(sub: Any, name: str, *, workers: int, folds: int) -> Any:
    """A sub-command with the options every training run takes."""
    q = sub.add_parser(name)
    q.add_argument("--ptc", required=True, type=Path)
    q.add_argument("--work", required=True, type=Path)
    q.add_argument("--out", required=True, type=Path)
    q.add_argument("--device", default="cuda")
    q.add_argument("--workers", type=int, default=workers)
    q.add_argument("--folds", type=int, default=folds)
    q.add_argument("--epochs", type=int, default=10)
    q.add_argument("--limit", type=int, default=0)
    q.add_argument("--max-steps", type=int, default=0)
    q.add_argument("--threads", type=int, default=2)
    q.add_argument("--no-bf16", action="store_true")
    return q


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m propscope.training.distill")
    sub = p.add_subparsers(dest="cmd", required=True)
    pk = sub.add_parser("pack-base")
    pk.add_argument("--out", required=True, type=Path)
    r = _training_parser(sub, "run", workers=8, folds=4)
    r.add_argument("--teacher-budget-s", type=float, default=0.0)
    r.add_argument("--student-budget-s", type=float, default=0.0)
    r.add_argument("--teacher-seeds", default="13,29")
    r.add_argument("--max-len", type=int, default=neural.HParams.max_len, help="window length in tokens")
    default_students = ",".join(f"{a}:{s}" for a, s in DEFAULT_STUDENTS)
    r.add_argument("--students", default="", help=f"alpha:seed[:lr[:epochs]],... (default: {default_students})")
    c = _training_parser(sub, "crossfit", workers=6, folds=5)
    c.add_argument("--budget-s", type=float, default=0.0)
    c.add_argument("--seeds", default="", help="several seeds, e.g. 13,29,41: each model trained per seed, and their "
                   "weights averaged; out-of-fold scores pick seed or average (default: one seed, 13)")
    u = sub.add_parser("unpack")
    u.add_argument("--parts", required=True, type=Path)
    u.add_argument("--work", required=True, type=Path)
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if a.cmd == "pack-base":
        print(json.dumps(pack_base(a.out)))
    elif a.cmd == "run":
        students: tuple[tuple[Any, ...], ...] = DEFAULT_STUDENTS
        if a.students:
            students = tuple(_student_spec(x) for x in a.students.split(","))
        s = run(a.ptc, a.work, a.out, device=a.device, folds=a.folds, workers=a.workers, epochs=a.epochs,
                teacher_budget_s=a.teacher_budget_s, student_budget_s=a.student_budget_s, limit=a.limit,
                max_steps=a.max_steps, bf16=not a.no_bf16, threads=a.threads, students=students,
                teacher_seeds=tuple(int(x) for x in a.teacher_seeds.split(",")), max_len=a.max_len)
        print(json.dumps(s.get("kept", {})))
    elif a.cmd == "crossfit":
        s = crossfit(a.ptc, a.work, a.out, device=a.device, folds=a.folds, workers=a.workers, epochs=a.epochs,
                     budget_s=a.budget_s, limit=a.limit, max_steps=a.max_steps, bf16=not a.no_bf16,
                     threads=a.threads, seeds=_int_list(a.seeds, "--seeds"))
        print(json.dumps(s["oof_quick_scores"]))
    else:
        print(json.dumps(unpack(a.parts, a.work)["best"]))


if __name__ == "__main__":
    import sys

    from propscope.errors import PropscopeError

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        main()
    except PropscopeError as exc:  # bad input: one line, not a traceback
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
