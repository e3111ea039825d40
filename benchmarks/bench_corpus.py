"""Corpus benchmarks; writes ``benchmarks/results/corpus.json``.

    python benchmarks/bench_corpus.py                  # full: 100,000-article corpus
    python benchmarks/bench_corpus.py --large 20000    # smaller large corpus
    python benchmarks/bench_corpus.py --postgres URL   # also search/profile on PostgreSQL

Measures, on this machine:

1. **Ingest throughput** (articles/s) with 1 and 2 worker processes, end to end (read JSONL,
   dedup against the store, analyze, write SQLite), for the default analyzers and for the
   ``synthetic`` stand-in analyzer burning ``--model-ms`` of CPU per article (a model's cost,
   which is what extra workers are for).
2. **Database size per 1,000 articles**: of the ingested corpus (raw input kept) and of the
   large corpus.
3. **Search and profile latency** (p50/p95) on a corpus of ``--large`` generated articles.
   These are inserted straight through ``Store.put_many`` with ready-made analyses
   (techniques with voice, attributions, sources; :func:`propscope.corpus.synth.synthetic_analyses`):
   no analyzer runs for them.
4. **Syndication precision/recall** on the generated benchmark
   (:func:`propscope.corpus.synth.syndication_benchmark`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
RESULTS = HERE / "results" / "corpus.json"


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return round(values[k] * 1000, 2)


def _latency(samples: list[float]) -> dict[str, Any]:
    return {"n": len(samples), "p50_ms": _pct(samples, 0.5), "p95_ms": _pct(samples, 0.95),
            "max_ms": round(max(samples) * 1000, 2), "mean_ms": round(statistics.fmean(samples) * 1000, 2)}


def _db_bytes(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def _write_jsonl(path: Path, n: int, seed: int) -> None:
    from propscope.corpus.synth import _Words

    rng = random.Random(seed)
    words = _Words(rng)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            names = [words.name() for _ in range(3)]
            paragraphs = [" ".join(words.sentence(names) for _ in range(rng.randint(2, 4))) for _ in range(5)]
            paragraphs.insert(1, f'"The enemy will always be a threat," {names[0]} {names[1]} said on day {i}.')
            paragraphs.append(f"According to Reuters, {words.sentence(names).lower()}")
            fh.write(json.dumps({"title": f"Story {i} " + words.sentence(names, 4, 8)[:-1],
                                 "text": "\n\n".join(paragraphs), "outlet": f"Outlet {i % 7}",
                                 "url": f"https://outlet{i % 7}.example/{i}",
                                 "published": f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"}) + "\n")


def bench_ingest(tmp: Path, n: int, model_ms: float, full: list[str]) -> dict[str, Any]:
    from propscope.corpus.ingest import ingest
    from propscope.corpus.synth import register_synthetic
    from propscope.pipeline import DEFAULT_ANALYZERS
    from propscope.store.sqlite import SqliteStore

    register_synthetic()
    src = tmp / "ingest.jsonl"
    _write_jsonl(src, n, seed=3)
    out: dict[str, Any] = {"articles": n, "source": "one JSONL file of generated articles (~230 words each)",
                           "store": "SQLite", "runs": []}
    setups: list[tuple[str, list[str], Any]] = [
        ("default analyzers: " + ",".join(DEFAULT_ANALYZERS), list(DEFAULT_ANALYZERS), None),
        (f"synthetic analyzer, {model_ms:g} ms CPU per article (model stand-in)", ["synthetic"],
         {"synthetic": {"cost_ms": model_ms}})]
    if full:
        from propscope.pipeline import Pipeline

        try:
            Pipeline.build(full, load=True)
            setups.append(("pipeline: " + ",".join(full), list(full), None))
        except Exception as exc:  # noqa: BLE001 - models not shipped yet: say so in the results
            out["full_pipeline_unavailable"] = f"{','.join(full)}: {type(exc).__name__}: {exc}"[:300]
    for label, names, settings in setups:
        for workers in (1, 2):
            db = tmp / f"ingest-{names[0]}-{workers}.db"
            store = SqliteStore(f"sqlite:///{db}")
            cpu0 = os.times()
            start = time.perf_counter()
            report = ingest([src], store, analyzers=names, settings=settings, workers=workers)
            seconds = time.perf_counter() - start
            cpu1 = os.times()
            cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system) + \
                (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
            assert report.inserted == n, report
            start = time.perf_counter()
            again = ingest([src], store, analyzers=names, settings=settings, workers=workers)
            rerun = time.perf_counter() - start
            assert again.unchanged == n, again
            store.close()
            row = {"analyzers": label, "workers": workers, "seconds": round(seconds, 2),
                   "articles_per_second": round(n / seconds, 1),
                   "cpu_ms_per_article": round(cpu / n * 1000, 1),  # all processes; includes worker start-up
                   "load_average": round(os.getloadavg()[0], 2),
                   "rerun_unchanged_articles_per_second": round(n / rerun, 1)}
            if workers == 1 and names == list(DEFAULT_ANALYZERS):
                row["db_bytes_per_1000_articles"] = round(_db_bytes(db) / n * 1000)
            out["runs"].append(row)
            print(f"ingest {label} workers={workers}: {row['articles_per_second']} art/s", flush=True)
    return out


_MEMORY_SCRIPT = """
import resource, sys
from propscope.corpus.ingest import ingest
from propscope.store import open_store
report = ingest([sys.argv[1]], open_store(sys.argv[2]), analyzers=["quotes"])
print(report.inserted, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_memory(tmp: Path, sizes: list[int]) -> dict[str, Any]:
    """Peak RSS of a whole ``ingest`` process for growing inputs: flat when it streams."""
    import subprocess

    out: dict[str, Any] = {"analyzers": "quotes", "runs": []}
    for n in sizes:
        src = tmp / f"mem-{n}.jsonl"
        _write_jsonl(src, n, seed=n)
        db = tmp / f"mem-{n}.db"
        result = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(src), f"sqlite:///{db}"],
                                capture_output=True, text=True, check=True)
        inserted, rss_kb = result.stdout.split()
        out["runs"].append({"articles": int(inserted), "input_mb": round(src.stat().st_size / 1e6, 1),
                            "peak_rss_mb": round(int(rss_kb) / 1024, 1)})
        print(f"memory: {n} articles -> peak RSS {int(rss_kb) / 1024:.0f} MB", flush=True)
    return out


def build_large(db_url: str, n: int, **store_options: Any) -> tuple[Any, float]:
    from propscope.corpus.synth import synthetic_analyses
    from propscope.store import open_store

    store = open_store(db_url, **store_options)
    start = time.perf_counter()
    batch = []
    for analysis in synthetic_analyses(n, seed=42):
        batch.append(analysis)
        if len(batch) >= 1000:
            store.put_many(batch)
            batch = []
    if batch:
        store.put_many(batch)
    return store, time.perf_counter() - start


def bench_queries(store: Any, *, n_search: int = 120, n_profile: int = 30, seed: int = 5) -> dict[str, Any]:
    from propscope.corpus.profile import build_profile
    from propscope.store import SearchQuery

    rng = random.Random(seed)
    sample = [r.text for _, r in zip(range(300), store.iter_articles(batch_size=300))]
    words = [w for text in sample for w in text.split()[2:40] if w.isalpha() and len(w) > 4]
    outlets = [name for name, _ in store.outlets()]
    speakers: list[str] = []
    for analysis in store.iter_analyses(batch_size=50):
        speakers.extend(s.attrs["speaker"] for s in analysis["attributions"])
        if len(speakers) > 50:
            break
    kinds: dict[str, list[float]] = {}
    queries = []
    for i in range(n_search):
        kind = ["word", "two words", "phrase", "prefix", "word+outlet+dates", "technique+voice", "speaker"][i % 7]
        w1, w2 = rng.choice(words), rng.choice(words)
        q = {"word": SearchQuery(w1), "two words": SearchQuery(f"{w1} {w2}"),
             "phrase": SearchQuery(f'"{" ".join(rng.choice(sample).split()[5:7])}"'),
             "prefix": SearchQuery(w1[:4] + "*"),
             "word+outlet+dates": SearchQuery(w1, outlet=rng.choice(outlets), since="2025-03-01", until="2025-06-30"),
             "technique+voice": SearchQuery("", technique="Loaded_Language", voice="outlet",
                                            outlet=rng.choice(outlets)),
             "speaker": SearchQuery("", speaker=rng.choice(speakers))}[kind]
        queries.append((kind, q))
    for kind, q in queries[:7]:  # warm caches once
        store.search(q)
    all_search = []
    for kind, q in queries:
        start = time.perf_counter()
        store.search(q)
        elapsed = time.perf_counter() - start
        kinds.setdefault(kind, []).append(elapsed)
        all_search.append(elapsed)
    profiles = []
    for i in range(n_profile):
        outlet = rng.choice(outlets)
        since, until = (None, None) if i % 2 else ("2025-04-01", "2025-06-30")
        start = time.perf_counter()
        build_profile(store, outlet, since=since, until=until)
        profiles.append(time.perf_counter() - start)
    return {"search": {**_latency(all_search), "by_kind": {k: _latency(v) for k, v in kinds.items()}},
            "profile": {**_latency(profiles), "note": "half over a whole year of one outlet (~5,000 articles), "
                                                      "half over one quarter"}}


def bench_syndication(events: int) -> dict[str, Any]:
    from propscope.analysis import Analysis
    from propscope.corpus.syndication import find_syndication
    from propscope.corpus.synth import evaluate_syndication, syndication_benchmark
    from propscope.store.memory import MemoryStore

    items = syndication_benchmark(events, seed=7)
    store = MemoryStore()
    store.put_many([Analysis(it.article) for it in items])
    start = time.perf_counter()
    report = find_syndication(store)
    seconds = time.perf_counter() - start
    scores = evaluate_syndication(report, items)
    scores["seconds"] = round(seconds, 2)
    scores["settings"] = {"shingle_words": 5, "num_perm": 128, "lsh_threshold": 0.15, "min_reuse": 0.35}
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", type=int, default=100_000, help="articles in the search/profile corpus")
    parser.add_argument("--ingest", type=int, default=300, help="articles for the ingest runs")
    parser.add_argument("--model-ms", type=float, default=40.0, help="CPU ms per article of the stand-in model")
    parser.add_argument("--events", type=int, default=300, help="events in the syndication benchmark")
    parser.add_argument("--postgres", default=os.environ.get("PROPSCOPE_BENCH_POSTGRES_URL"),
                        help="also measure search/profile on this PostgreSQL URL "
                             "(default: $PROPSCOPE_BENCH_POSTGRES_URL)")
    parser.add_argument("--skip", default="", help="comma-separated: ingest,memory,large,syndication")
    parser.add_argument("--pipeline", default="entities,attribution,sources,techniques,voice",
                        help="also measure ingest with these analyzers when their models load")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    sys.path.insert(0, str(HERE.parent / "src"))

    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "sqlite": sqlite3.sqlite_version, "platform": platform.platform(),
                          "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    results["generated_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="propscope-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "ingest" not in skip:
            full = [x for x in args.pipeline.split(",") if x]
            results["ingest"] = bench_ingest(tmp, args.ingest, args.model_ms, full)
        if "memory" not in skip:
            results["ingest_memory"] = bench_memory(tmp, [500, 5000])
        if "large" not in skip:
            db = tmp / "large.db"
            store, seconds = build_large(f"sqlite:///{db}", args.large)
            size = _db_bytes(db)
            print(f"large corpus: {args.large} articles in {seconds:.1f}s, {size / 1e6:.1f} MB", flush=True)
            sqlite_q = bench_queries(store)
            store.close()
            results["large_corpus"] = {
                "articles": args.large,
                "generation": "synthetic_analyses(): ready-made analyses inserted with Store.put_many in batches "
                              "of 1,000; no analyzer ran",
                "sqlite": {"insert_seconds": round(seconds, 1),
                           "insert_articles_per_second": round(args.large / seconds),
                           "db_bytes": size, "db_bytes_per_1000_articles": round(size / args.large * 1000),
                           **sqlite_q},
            }
            print(json.dumps(sqlite_q, indent=1), flush=True)
            if args.postgres:
                import uuid

                schema = f"bench_{uuid.uuid4().hex[:8]}"
                pg, pg_seconds = build_large(args.postgres, args.large, schema=schema)
                pg_q = bench_queries(pg)
                results["large_corpus"]["postgres"] = {"insert_seconds": round(pg_seconds, 1),
                                                       "insert_articles_per_second": round(args.large / pg_seconds),
                                                       **pg_q}
                print(json.dumps(pg_q, indent=1), flush=True)
                pg.drop_schema()
                pg.close()
        if "syndication" not in skip:
            results["syndication"] = bench_syndication(args.events)
            print(json.dumps(results["syndication"], indent=1), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
