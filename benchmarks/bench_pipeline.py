"""Benchmark the full pipeline (techniques, entities, attribution, sources, voice) end to end.

    python benchmarks/bench_pipeline.py [--articles DIR] [--n 75] [--workers 1 2]

Articles: the ``*.txt`` files of ``--articles``; by default the PTC dev articles when
``../shared/data/ptc`` is beside the checkout (read in place, nothing copied), else the
bundled examples repeated.  Each worker count runs in its own spawned processes, each of
which builds the pipeline once (one ONNX thread per worker when there are several), the way
``propscope ingest --workers N`` does.  Reports articles/s, words/s, model load time and
the peak RSS of the largest process; writes ``benchmarks/results/pipeline.json``.
Target (issue 4): at least 6 articles/s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
FULL = ("techniques", "entities", "attribution", "sources", "voice")

_pipeline = None


def _init(names: tuple[str, ...], threads: int) -> None:
    global _pipeline
    from propscope.pipeline import Pipeline

    settings = {"techniques": {"threads": threads}}
    _pipeline = Pipeline.build(names, settings=settings)


def _load_seconds(names: tuple[str, ...], threads: int) -> float:
    start = time.perf_counter()
    _init(names, threads)
    return time.perf_counter() - start


def _run(text: str) -> int:
    from propscope.api import read

    assert _pipeline is not None
    analysis = _pipeline.run(read(text))
    analysis.dumps()
    return analysis.article.word_count


def _peak_rss_mb() -> float:
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def _texts(articles: Path | None, n: int) -> tuple[list[str], str]:
    if articles is None:
        dev = ROOT.parent / "shared" / "data" / "ptc" / "datasets" / "dev-articles"
        articles = dev if dev.is_dir() else None
    if articles is not None:
        files = sorted(articles.glob("*.txt"))[:n]
        return [f.read_text(encoding="utf-8") for f in files], str(articles)
    examples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [examples[i % len(examples)] for i in range(n)], "examples/*.txt repeated"


def _measure(texts: list[str], names: tuple[str, ...], workers: int) -> dict[str, object]:
    ctx = multiprocessing.get_context("spawn")
    threads = 2 if workers == 1 else 1
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        load_s = max(pool.map(_load_seconds, [names] * workers, [threads] * workers))
        # warm-up: one article per worker, not timed
        list(pool.map(_run, texts[:workers]))
        start = time.perf_counter()
        words = sum(pool.map(_run, texts, chunksize=1))
        seconds = time.perf_counter() - start
    return {  # the pool has exited: its processes are reaped, so RUSAGE_CHILDREN covers them
        "workers": workers,
        "onnx_threads_per_worker": threads,
        "articles": len(texts),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "load_s": round(load_s, 2),
        "peak_rss_mb_largest_process": round(_peak_rss_mb(), 1),
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=Path)
    p.add_argument("--n", type=int, default=75)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--analyzers", default=",".join(FULL))
    a = p.parse_args(argv)
    names = tuple(x.strip() for x in a.analyzers.split(",") if x.strip())
    texts, source = _texts(a.articles, a.n)
    runs = []
    for workers in a.workers:
        result = _measure(texts, names, workers)
        print(json.dumps(result), flush=True)
        runs.append(result)
    out = {
        "benchmark": "pipeline",
        "analyzers": list(names),
        "source": source,
        "cpu_count": os.cpu_count(),
        "runs": runs,
        "target_articles_per_s": 6 if names == tuple(FULL) else 10 if names == ("techniques",) else None,
    }
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    # the full pipeline writes pipeline.json; another analyzer set pipeline_<names>.json
    name = "pipeline" if names == tuple(FULL) else "pipeline_" + "_".join(names)
    (results / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
