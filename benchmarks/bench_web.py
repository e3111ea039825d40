"""Load on the web server: 8 concurrent clients on POST /api/v1/analyze and on GET /api/v1/search.

    python benchmarks/bench_web.py [--clients 8] [--requests 400] [--seconds 30] [--corpus 2000]
                                   [--analyzers quotes] [--port 0]

Starts ``propscope serve`` as a subprocess on 127.0.0.1 (never anything else) over a fresh
SQLite corpus of ``--corpus`` synthetic analyses (:func:`propscope.corpus.synth.synthetic_analyses`),
then runs a bounded asyncio + httpx load generator: each scenario stops after ``--requests``
requests or ``--seconds`` seconds, whichever comes first, after a short warm-up.  Reports
requests/s, p50/p90/p99 latency and the error count (any non-2xx or transport error; it
must be 0) and writes ``benchmarks/results/web.json``.  The client shares the machine's
CPUs with the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
HOST = "127.0.0.1"  # the benchmark only ever targets loopback

ARTICLE_PARAGRAPHS = [
    ("MOSCOW, Jan 5 (Reuters) - The government said on Tuesday that officials would never allow what it called "
     "a disastrous invasion of the nation's markets, and critics called the plan a shameful betrayal."),
    ('"This is a hysterical campaign by traitors who want to destroy everything we have built," the minister told '
     "reporters, according to the state news agency. Opposition leaders doubted the figures."),
    ("Experts at the institute said the numbers reported by the agency could not be checked, and that the "
     'decision was "a gamble with the savings of ordinary families", as one economist put it.'),
]


def _article(i: int) -> str:
    rng = random.Random(i)
    paras = [ARTICLE_PARAGRAPHS[rng.randrange(3)] for _ in range(12)]
    return f"Markets and the minister, report {i}\n\n" + "\n\n".join(paras) + f"\n\nReport number {i}.\n"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _populate(url: str, n: int) -> tuple[list[str], list[str]]:
    """Fill the corpus; return some words of its texts and its outlets, for queries."""
    from propscope.corpus.synth import synthetic_analyses
    from propscope.store import open_store

    store = open_store(url)
    batch: list[Any] = []
    words: set[str] = set()
    for analysis in synthetic_analyses(n, seed=3):
        batch.append(analysis)
        if len(words) < 400:
            words.update(w for w in re.findall(r"[a-z]{5,}", analysis.article.text.lower())[:5])
        if len(batch) >= 200:
            store.put_many(batch)
            batch = []
    if batch:
        store.put_many(batch)
    outlets = [name for name, _ in store.outlets()]
    store.close()
    return sorted(words), outlets


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


async def _scenario(name: str, base: str, make: Any, *, clients: int, requests: int, seconds: float,
                    warmup: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(10**9))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits, trust_env=False) as client:
        for i in range(warmup):
            method, path, kw = make(-1 - i)
            await client.request(method, path, **kw)
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            while time.perf_counter() < deadline:
                i = next(counter)
                if i >= requests:
                    return
                method, path, kw = make(i)
                t0 = time.perf_counter()
                try:
                    r = await client.request(method, path, **kw)
                    if r.status_code >= 300:
                        errors.append(f"{r.status_code} {r.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append((time.perf_counter() - t0) * 1000)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - start
    done = len(latencies)
    return {
        "scenario": name, "clients": clients, "requests": done, "seconds": round(wall, 2),
        "requests_per_s": round(done / wall, 1) if wall else 0.0,
        "p50_ms": round(_percentile(latencies, 50), 1), "p90_ms": round(_percentile(latencies, 90), 1),
        "p99_ms": round(_percentile(latencies, 99), 1), "max_ms": round(max(latencies, default=0.0), 1),
        "errors": len(errors), "error_samples": errors[:5],
    }


def _serve(db: str, port: str, corpus: str, analyzers: str, meta: str) -> int:
    """The server process: fill the corpus, write what the queries need, serve on loopback."""
    import uvicorn

    from propscope.pipeline import DEFAULT_ANALYZERS, Pipeline
    from propscope.store import open_store
    from propscope.web import WebSettings, create_app

    t0 = time.perf_counter()
    words, outlets = _populate(db, int(corpus))
    Path(meta).write_text(json.dumps({"words": words, "outlets": outlets,
                                      "seconds": round(time.perf_counter() - t0, 1)}), encoding="utf-8")
    names = tuple(n for n in analyzers.split(",") if n) or DEFAULT_ANALYZERS
    settings = WebSettings(db=db, host=HOST, port=int(port), analyzers=names)
    app = create_app(settings, pipeline=Pipeline.build(names), store=open_store(db))
    uvicorn.run(app, host=HOST, port=int(port), log_level="warning", access_log=False, server_header=False)
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        return _serve(*argv[1:6])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=400, help="per scenario (upper bound)")
    ap.add_argument("--seconds", type=float, default=30.0, help="per scenario (upper bound)")
    ap.add_argument("--corpus", type=int, default=2000, help="synthetic analyses in the corpus searched")
    ap.add_argument("--analyzers", default="", help="analyzers the server runs (default: propscope's default)")
    ap.add_argument("--db", choices=("sqlite", "memory"), default="sqlite", help="corpus store of the server")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "web.json")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="propscope-bench-web-") as tmp:
        db = f"sqlite:///{tmp}/corpus.db" if args.db == "sqlite" else "memory://bench"
        port = args.port or _free_port()
        meta = Path(tmp) / "corpus.json"
        # The server process fills its corpus (so memory:// works too), then runs the app as `propscope serve` does.
        cmd = [sys.executable, str(Path(__file__).resolve()), "--serve", db, str(port), str(args.corpus),
               args.analyzers, str(meta)]
        env = {**os.environ, "PROPSCOPE_TOKEN": ""}
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://{HOST}:{port}"
        try:
            import httpx

            deadline = time.monotonic() + 300
            while True:
                if server.poll() is not None:
                    raise SystemExit(f"the server exited: {server.stderr.read().decode() if server.stderr else ''}")
                try:
                    if httpx.get(base + "/api/v1/outlets", timeout=2, trust_env=False).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start in 300 s")
                time.sleep(0.2)
            corpus = json.loads(meta.read_text(encoding="utf-8"))
            words, outlets, populate_s = corpus["words"], corpus["outlets"], corpus["seconds"]
            analyzers = httpx.post(base + "/api/v1/analyze", json={"text": _article(0)}, timeout=60,
                                   trust_env=False).json()["analysis"]["analyzers"]

            def analyze(i: int) -> tuple[str, str, dict[str, Any]]:
                return "POST", "/api/v1/analyze", {"json": {"text": _article(i), "outlet": "Bench"}}

            rng = random.Random(5)
            facets = [{}, {"outlet": None}, {"technique": "Loaded_Language"}, {"voice": "outlet"}]

            def search(i: int) -> tuple[str, str, dict[str, Any]]:
                params: dict[str, Any] = {"q": rng.choice(words), "limit": 20}
                facet = dict(facets[i % len(facets)])
                if "outlet" in facet:
                    facet["outlet"] = rng.choice(outlets)
                params.update(facet)
                return "GET", "/api/v1/search", {"params": params}

            results = []
            for name, make in (("analyze", analyze), ("search", search)):
                res = asyncio.run(_scenario(name, base, make, clients=args.clients, requests=args.requests,
                                            seconds=args.seconds, warmup=8))
                results.append(res)
                print(f"{name:8s} {res['requests']:5d} req in {res['seconds']:6.2f} s  {res['requests_per_s']:7.1f} "
                      f"req/s  p50 {res['p50_ms']:7.1f} ms  p99 {res['p99_ms']:7.1f} ms  errors {res['errors']}",
                      flush=True)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()

    out = {
        "benchmark": "web",
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "server": {"host": HOST, "workers": 1, "analyzers": [a["name"] for a in analyzers], "db": args.db,
                   "corpus_articles": args.corpus, "corpus_build_s": round(populate_s, 1)},
        "load": {"clients": args.clients, "max_requests": args.requests, "max_seconds": args.seconds,
                 "generator": "asyncio + httpx, same machine"},
        "analyze_words": len(_article(1).split()),
        "scenarios": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if all(r["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
