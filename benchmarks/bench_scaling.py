"""What a corpus ingest costs with the shipped models, and what one million articles a day needs.

    python benchmarks/bench_scaling.py [--articles DIR] [--n 75] [--no-dask]

On the same articles (default: the PTC dev articles when ``../shared/data/ptc`` is beside the
checkout, read in place; else the bundled examples repeated), with the default analyzers:

1. ``propscope ingest DIR --db sqlite:///… --workers 1`` and ``--workers 2``, each into a fresh
   database, as a subprocess: wall-clock articles/s and CPU seconds per article of every
   process (the ingest client and its workers);
2. the Dask engine: a ``distributed.LocalCluster`` of 2 worker processes (1 thread each) started
   here, and ``propscope ingest --engine dask --scheduler ADDR`` against it: the same figures,
   the cluster's worker CPU included;
3. CPU seconds per article of each step (reading and each analyzer, through its batched form),
   from ``bench_pipeline._cpu_per_step``;
4. from those, the cores one million articles a day needs at a 3× peak.

Writes ``benchmarks/results/scaling.json``; docs/scaling.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench_pipeline import PROPSCOPE, _articles, _cpu_per_step  # noqa: E402

PER_DAY = 1_000_000
PEAK = 3.0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _ingest(folder: Path, db: Path, extra: list[str]) -> dict[str, Any]:
    cmd = [str(PROPSCOPE), "ingest", str(folder), "--db", f"sqlite:///{db}", "--no-progress", "--json", *extra]
    cpu0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    report = json.loads(done.stdout)
    return {"seconds": round(seconds, 2), "cpu_seconds": _children_cpu() - cpu0, "report": report}


def _dask_ingest(folder: Path, db: Path, workers: int) -> dict[str, Any]:
    import psutil
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        pids = [w.pid for w in cluster.workers.values() if getattr(w, "pid", None)]
        procs = [psutil.Process(p) for p in pids]
        before = sum(sum(p.cpu_times()[:2]) for p in procs)
        run = _ingest(folder, db, ["--engine", "dask", "--scheduler", cluster.scheduler_address])
        run["cpu_seconds"] += sum(sum(p.cpu_times()[:2]) for p in procs) - before
    return run


def _summary(name: str, run: dict[str, Any], n: int, model_loads: int, load_cpu: float) -> dict[str, Any]:
    """Figures of one run; the steady-state cost leaves out the one-off model loads."""
    report = run["report"]
    stored = report.get("inserted", 0) + report.get("updated", 0)
    return {"run": name, "articles": n, "stored": stored, "errors": report.get("errors", 0),
            "seconds": run["seconds"], "articles_per_s": round(n / run["seconds"], 2),
            "cpu_seconds_per_article": round(run["cpu_seconds"] / n, 3),
            "steady_cpu_seconds_per_article": round(max(0.0, run["cpu_seconds"] - model_loads * load_cpu) / n, 3)}


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=Path)
    p.add_argument("--n", type=int, default=75)
    p.add_argument("--no-dask", action="store_true")
    a = p.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "in"
        src.mkdir()
        folder, texts, source = _articles(a.articles, a.n, src)
        n = len(texts)
        from propscope.pipeline import DEFAULT_ANALYZERS

        steps = _cpu_per_step(texts, DEFAULT_ANALYZERS)
        load_cpu = steps["model load (once per process)"]
        print("CPU seconds per article:", json.dumps(steps), flush=True)
        for workers in (1, 2):
            run = _ingest(folder, tmp / f"local-{workers}.db", ["--workers", str(workers)])
            runs.append(_summary(f"ingest --workers {workers}", run, n, workers, load_cpu))
            print(json.dumps(runs[-1]), flush=True)
        if not a.no_dask:
            run = _dask_ingest(folder, tmp / "dask.db", 2)
            runs.append(_summary("ingest --engine dask, LocalCluster 2 workers x 1 thread", run, n, 2, load_cpu))
            print(json.dumps(runs[-1]), flush=True)
    # the costliest way of the three, every process counted, model loads left out (once per worker)
    per_article = max(r["steady_cpu_seconds_per_article"] for r in runs)
    peak_rate = PER_DAY / 86400 * PEAK
    cores = peak_rate * per_article
    out = {
        "benchmark": "scaling",
        "source": source,
        "articles": n,
        "cpu_count": os.cpu_count(),
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews the wall-clock figures
        "runs": runs,
        "cpu_seconds_per_article_by_step": steps,
        "one_million_a_day": {
            "mean_articles_per_s": round(PER_DAY / 86400, 1),
            "peak_articles_per_s": round(peak_rate, 1),
            "cpu_seconds_per_article": per_article,
            "busy_cores_at_peak": round(cores, 1),
            "cores_at_70_percent": round(cores / 0.7, 1),
        },
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "scaling.json").write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out["one_million_a_day"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
