"""Benchmark ``propscope analyze`` end to end against spaCy ``en_core_web_sm`` on the same texts.

    python benchmarks/bench_pipeline.py [--articles DIR] [--n 75] [--workers 1 2] [--repeat 1]

Articles: the ``*.txt`` files of ``--articles``; by default the PTC dev articles when
``shared/data/ptc`` is beside the checkout or beside a folder above it (a git worktree; read
in place, nothing copied), else the bundled examples repeated into a temporary folder (much
shorter texts: the figures are not comparable; the source is printed and recorded).

In one run, on the same texts:

* **spaCy sm**: the full ``en_core_web_sm`` pipeline (every component, as ``spacy.load`` gives
  it), ``nlp.pipe`` over the texts in this process; the model load is not counted.
* **propscope analyze**: the whole command as a user runs it, ``propscope analyze DIR -o
  out.jsonl --workers N``, in a fresh process: start-up, model loads, reading, every default
  analyzer and the JSON output all counted (wall clock).
* **where the time goes**: CPU seconds per article of each step (reading, each analyzer through
  its batched form, JSON output), measured in one process with ``time.process_time``, each
  analyzer with the ONNX threads a default ``analyze`` gives it (one per worker on a machine of
  several cores); unless ``--no-stories``, also the ``narratives`` analyzer (not a default one)
  and ``ingest``'s story-threading step (after a warm-up on two articles: its imports and the
  encoder's first runs are paid once per process, like a model load), and their share of the
  rest (issue 17: at most 0.30).

The ratio analyze/spaCy is reported per worker count. Target (issue 14): at least 1.5 with
every core of a 2-core machine. Writes ``benchmarks/results/pipeline.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
PYTHON = Path(sys.executable)
PROPSCOPE = PYTHON.parent / "propscope"


def _articles(articles: Path | None, n: int, tmp: Path) -> tuple[Path, list[str], str]:
    if articles is None:  # ../shared beside the checkout, or beside a folder above it (a git worktree)
        found = [d / "shared" / "data" / "ptc" / "datasets" / "dev-articles" for d in ROOT.parents]
        articles = next((d for d in found if d.is_dir()), None)
    if articles is not None:
        files = sorted(articles.glob("*.txt"))[:n]
        for f in files:  # a folder of exactly these articles (links: nothing is copied)
            (tmp / f.name).symlink_to(f.resolve())
        return tmp, [f.read_text(encoding="utf-8") for f in files], str(articles)
    examples = sorted((ROOT / "examples").glob("*.txt"))
    for i in range(n):
        shutil.copyfile(examples[i % len(examples)], tmp / f"example-{i:04d}.txt")
    return tmp, [p.read_text(encoding="utf-8") for p in sorted(tmp.glob("*.txt"))], "examples/*.txt repeated"


def _spacy_seconds(texts: list[str]) -> float:
    import spacy

    from propscope.analyzers.entities.nlp import MODEL_NAMES

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    list(nlp.pipe(texts[:2]))  # warm-up
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def _analyze_seconds(folder: Path, workers: int, out: Path, analyzers: str | None) -> float:
    start = time.perf_counter()
    extra = ["--analyzers", analyzers] if analyzers else []
    subprocess.run([str(PROPSCOPE), "analyze", str(folder), "-o", str(out), "--workers", str(workers),
                    "--no-progress", *extra], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _cpu_per_step(texts: list[str], names: tuple[str, ...], stories: bool = False) -> dict[str, float]:
    """CPU seconds per article of each step, one process, the same chunks ``analyze`` uses.

    With ``stories``: the ``narratives`` analyzer after the others (it reads their
    attributions and techniques), and the story-threading step of ``ingest`` (the analyses
    stored in a temporary SQLite database first, not counted; then
    :func:`~propscope.corpus.ingest_threads.thread_stored`, its encoder already loaded)."""
    from propscope.api import read
    from propscope.parallel import CHUNK_SIZE, default_workers, worker_settings
    from propscope.pipeline import Pipeline

    if stories and "narratives" not in names:
        names = (*names, "narratives")
    start = time.process_time()
    # the ONNX threads ``analyze`` gives each analyzer at its default worker count (one per worker
    # when there are several cores): the CPU a default run spends, not that of idle pool threads
    pipe = Pipeline.build(names, settings=worker_settings(None, default_workers()))
    steps: dict[str, float] = {"model load (once per process)": time.process_time() - start}
    t = time.process_time()
    articles = [read(text) for text in texts]
    steps["read"] = time.process_time() - t
    from propscope.analysis import Analysis

    analyses = []
    for lo in range(0, len(articles), CHUNK_SIZE):
        chunk = articles[lo:lo + CHUNK_SIZE]
        layers: list[dict[str, Any]] = [{} for _ in chunk]
        for analyzer in pipe.analyzers:
            t = time.process_time()
            produced = analyzer.annotate_batch(list(zip(chunk, layers, strict=True)))
            steps[analyzer.name] = steps.get(analyzer.name, 0.0) + time.process_time() - t
            for k, p in enumerate(produced):
                layers[k].update(p or {})
        analyses += [Analysis(a, lay, pipe.infos) for a, lay in zip(chunk, layers, strict=True)]
    t = time.process_time()
    for analysis in analyses:
        analysis.dumps(include_raw=True)
    steps["JSON output"] = time.process_time() - t
    if stories:
        steps["threads"] = _thread_seconds(analyses)
    n = len(articles)
    return {k: round(v if k.startswith("model load") else v / n, 4) for k, v in steps.items()}


def _thread_seconds(analyses: list[Any]) -> float:
    """CPU seconds of ``ingest``'s threading step over ``analyses`` (stored first, not counted)."""
    from propscope.corpus.ingest_threads import thread_stored
    from propscope.embeddings import story_encoder
    from propscope.store import open_store

    with tempfile.TemporaryDirectory(prefix="bench-threads-") as tmp:
        encoder = story_encoder()
        warm = open_store(f"sqlite:///{Path(tmp) / 'warm-up.db'}")
        try:  # once per process, like a model load: the step's imports and the encoder's first runs
            warm.put_many(analyses[:2])
            thread_stored(warm, encoder=encoder)
        finally:
            warm.close()
        store = open_store(f"sqlite:///{Path(tmp) / 'threads.db'}")
        try:
            store.put_many(analyses)
            t = time.process_time()
            step = thread_stored(store, encoder=encoder)
            seconds = time.process_time() - t
        finally:
            store.close()
    if step.error:
        raise RuntimeError(step.error)
    return seconds


def _share(steps: dict[str, float]) -> dict[str, float] | None:
    """Narratives + threads against the rest of the pipeline (CPU per article, loads excluded)."""
    if "narratives" not in steps or "threads" not in steps:
        return None
    added = steps["narratives"] + steps["threads"]
    rest = sum(v for k, v in steps.items() if k not in ("narratives", "threads") and not k.startswith("model load"))
    return {"narratives_plus_threads": round(added, 4), "rest": round(rest, 4),
            "ratio": round(added / rest, 3) if rest else None, "target_ratio": 0.30}


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=Path)
    p.add_argument("--n", type=int, default=75)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best is kept")
    p.add_argument("--no-steps", action="store_true", help="skip the per-step CPU breakdown")
    p.add_argument("--analyzers", help="comma-separated analyzers (default: analyze's default set)")
    p.add_argument("--no-stories", dest="stories", action="store_false",
                   help="leave the narratives analyzer and the threading step out of the CPU breakdown")
    a = p.parse_args(argv)
    from propscope.pipeline import DEFAULT_ANALYZERS

    names = tuple(x.strip() for x in (a.analyzers or "").split(",") if x.strip()) or DEFAULT_ANALYZERS
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "in"
        src.mkdir()
        folder, texts, source = _articles(a.articles, a.n, src)
        n = len(texts)
        print(f"articles: {n} from {source}", flush=True)
        spacy_s = min(_spacy_seconds(texts) for _ in range(a.repeat))
        spacy_rate = n / spacy_s
        print(f"spaCy sm full pipeline: {spacy_rate:.2f} articles/s ({spacy_s:.1f} s for {n})", flush=True)
        runs = []
        outputs = []
        for workers in a.workers:
            out = tmp / f"out-{workers}.jsonl"
            seconds = min(_analyze_seconds(folder, workers, out, a.analyzers) for _ in range(a.repeat))
            rate = n / seconds
            outputs.append(out.read_bytes())
            runs.append({"workers": workers, "seconds": round(seconds, 2), "articles_per_s": round(rate, 2),
                         "ratio_to_spacy_sm": round(rate / spacy_rate, 3)})
            print(json.dumps(runs[-1]), flush=True)
        same = all(o == outputs[0] for o in outputs)
        print(f"same bytes for every worker count: {same}", flush=True)
        steps = {} if a.no_steps else _cpu_per_step(texts, names, a.stories)
        share = _share(steps)
        if steps:
            print("CPU seconds per article:", json.dumps(steps), flush=True)
        if share:
            print("narratives + threads against the rest:", json.dumps(share), flush=True)
    out = {
        "benchmark": "pipeline",
        "command": "propscope analyze DIR -o out.jsonl --workers N (whole process, model load included)",
        "analyzers": list(names),
        "source": source,
        "articles": n,
        "cpu_count": os.cpu_count(),
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews the wall-clock figures
        "spacy_sm_full": {"seconds": round(spacy_s, 2), "articles_per_s": round(spacy_rate, 2)},
        "runs": runs,
        "same_bytes_across_workers": same,
        "cpu_seconds_per_article": steps,
        "narratives_threads_share": share,
        "target_ratio_to_spacy_sm": 1.5,
    }
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    # the default set writes pipeline.json; another analyzer set pipeline_<names>.json
    name = "pipeline" if names == tuple(DEFAULT_ANALYZERS) else "pipeline_" + "_".join(names)
    (results / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
