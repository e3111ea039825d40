"""Sentence-encoder throughput (the shipped int8 ONNX model) on real news sentences, one run.

    python benchmarks/bench_embeddings.py --ptc ../shared/data/ptc [--sentences 2000] [--threads 2]

Encodes the first N sentences of PTC dev (title lines included) at batch sizes 32 and 1 and
writes sentences per second, mean tokens per sentence and the load average before and after to
``benchmarks/results/embeddings.json``.  A throughput figure: on a shared machine it is only
as good as the load average next to it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from propscope.embeddings import Encoder  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ptc", type=Path, required=True)
    p.add_argument("--sentences", type=int, default=2000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "embeddings.json")
    a = p.parse_args()
    texts: list[str] = []
    for f in sorted((a.ptc / "datasets" / "dev-articles").glob("article*.txt")):
        texts += [ln.strip() for ln in f.read_text(encoding="utf-8").split("\n") if ln.strip()]
        if len(texts) >= a.sentences:
            break
    texts = texts[:a.sentences]
    enc = Encoder(threads=a.threads).load()
    tokens = sum(len(e.ids) for e in enc._tokenizer.encode_batch(texts)) / len(texts)
    enc.encode(texts[:64])  # warm-up
    load_before = os.getloadavg()
    runs = {}
    for bs in (32, 1):
        t0 = time.perf_counter()
        enc.encode(texts, batch_size=bs)
        dt = time.perf_counter() - t0
        runs[f"batch_{bs}"] = {"seconds": round(dt, 2), "sentences_per_second": round(len(texts) / dt, 1)}
    result = {"sentences": len(texts), "mean_tokens": round(tokens, 1), "threads": a.threads, **runs,
              "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in os.getloadavg()],
              "machine": f"{os.cpu_count()} cores, shared with other jobs"}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
