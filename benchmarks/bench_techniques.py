"""Benchmark the persuasion-technique analyzers end to end: text -> Article -> layer -> JSON.

    python benchmarks/bench_techniques.py [--articles DIR] [--n 200] [--analyzer techniques]

Articles: ``*.txt`` files of ``--articles``; by default the PTC dev articles when
``../shared/data/ptc`` is beside the checkout (read in place, nothing copied), else the
bundled examples repeated.  Reports articles/s,
words/s, tokens/s (word pieces of the shipped encoder's tokenizer, counted after the timed
run), model load time and the peak RSS of this process; writes ``benchmarks/results/techniques.json``.
Targets: >= 10 articles/s and peak RSS <= 600 MB on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def _synthetic(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = ("the government said officials would never allow a disastrous invasion of our great nation and "
             "critics called the plan a shameful betrayal of every patriot while experts doubted the figures "
             "reported by the agency on Tuesday").split()
    out = []
    for _ in range(n):
        sents = []
        for _ in range(45):
            k = rng.randint(8, 32)
            s = " ".join(rng.choice(words) for _ in range(k))
            sents.append(s[0].upper() + s[1:] + ".")
        out.append("A headline about the news\n\n" + "\n".join(sents))
    return out


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--articles", type=Path)
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--analyzer", default="techniques")
    p.add_argument("--batch", type=int, default=1, help="articles per annotate_batch call (1: as the pipeline runs)")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)

    from propscope.analysis import Analysis
    from propscope.api import read

    dev = HERE.parent.parent / "shared" / "data" / "ptc" / "datasets" / "dev-articles"
    articles = a.articles or (dev if dev.is_dir() else None)
    if articles:
        files = sorted(articles.glob("*.txt"))[: a.n]
        texts = [f.read_text(encoding="utf-8") for f in files]
    else:  # a fresh clone without ../shared: the bundled examples, repeated
        examples = [p.read_text(encoding="utf-8") for p in sorted((HERE.parent / "examples").glob("*.txt"))]
        texts = [examples[i % len(examples)] for i in range(a.n)] if examples else _synthetic(a.n)
    if a.analyzer == "techniques_baseline":
        from propscope.analyzers.techniques import TechniqueBaselineAnalyzer as cls
    else:
        from propscope.analyzers.techniques import TechniqueAnalyzer as cls  # type: ignore[assignment]
    analyzer = cls(threads=a.threads)
    t_load = time.perf_counter()
    analyzer.load()
    load_s = time.perf_counter() - t_load

    t0 = time.perf_counter()
    n_words = n_spans = 0
    cleaned: list[str] = []
    for i in range(0, len(texts), a.batch):
        arts = [read(t) for t in texts[i : i + a.batch]]
        outs = analyzer.annotate_batch([(art, {}) for art in arts])
        for art, layers in zip(arts, outs, strict=True):
            assert layers is not None
            n_spans += len(layers["techniques"])
            n_words += art.word_count
            cleaned.append(art.text)
            Analysis(art, layers).dumps()
    dt = time.perf_counter() - t0
    from propscope.analyzers.techniques.predictor import default_model_dir
    from propscope.analyzers.techniques.runtime import load_tokenizer

    tokenizer = load_tokenizer(default_model_dir("techniques") / "tokenizer.json")
    n_tokens = sum(len(e.ids) for e in tokenizer.encode_batch(cleaned, add_special_tokens=False))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res = {
        "analyzer": a.analyzer,
        "articles": len(texts),
        "source": str(articles) if articles else "examples/*.txt repeated",
        "seconds": round(dt, 2),
        "articles_per_s": round(len(texts) / dt, 2),
        "words_per_s": round(n_words / dt, 1),
        "tokens_per_s": round(n_tokens / dt, 1),
        "mean_words": round(n_words / max(1, len(texts)), 1),
        "spans": n_spans,
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(rss_mb, 1),
        "threads": a.threads,
        "targets": {"articles_per_s": 10, "peak_rss_mb": 600},
    }
    print(json.dumps(res, indent=1))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"{a.analyzer}.json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
