"""Before/after of ``propscope analyze`` on a shared machine: CPU time, interleaved (issue 14 §2).

    python benchmarks/ab_analyze_cpu.py BEFORE_SRC AFTER_SRC --articles DIR [--n 75] [--rounds 3] [--workers 2]

Each round runs spaCy ``en_core_web_sm``'s full ``nlp.pipe`` over the texts (in this process,
load excluded), then ``propscope analyze DIR --workers N`` once with each source tree on
``PYTHONPATH`` (``src`` folders of two checkouts), in alternating order.  Printed per round:
wall seconds, CPU seconds of the whole command (user + sys of it and its workers, from
``getrusage``) and the wall-clock ratio to spaCy.  On a machine shared with other work the
wall-clock figures move with the load; compare the CPU seconds.
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

PROPSCOPE = Path(sys.executable).parent / "propscope"


def _analyze(src: str, folder: Path, out: Path, workers: int) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(PROPSCOPE), "analyze", str(folder), "-o", str(out), "--workers", str(workers),
                    "--no-progress"], env=env, check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--articles", type=Path, required=True, help="a folder of *.txt articles (PTC dev-articles)")
    p.add_argument("--n", type=int, default=75)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args(argv)
    import spacy

    from propscope.analyzers.entities.nlp import MODEL_NAMES

    files = sorted(a.articles.glob("*.txt"))[: a.n]
    if not files:
        p.error(f"no *.txt articles in {a.articles}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    assert nlp is not None, "en_core_web_sm is not installed"
    list(nlp.pipe(texts[:2]))
    with tempfile.TemporaryDirectory(prefix="ab-analyze-") as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "in"
        folder.mkdir()
        for f in files:  # links: nothing is copied
            (folder / f.name).symlink_to(f.resolve())
        outputs: dict[str, bytes] = {}
        for rnd in range(a.rounds):
            start = time.perf_counter()
            list(nlp.pipe(texts))
            spacy_rate = len(texts) / (time.perf_counter() - start)
            row: dict[str, object] = {"round": rnd, "spacy_articles_per_s": round(spacy_rate, 2)}
            order = [("before", a.before), ("after", a.after)]
            for label, src in (order if rnd % 2 == 0 else order[::-1]):
                out = tmp / f"{label}.jsonl"
                wall, cpu = _analyze(src, folder, out, a.workers)
                outputs[label] = out.read_bytes()
                row[label] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                              "ratio_to_spacy_sm": round(len(texts) / wall / spacy_rate, 3)}
            row["loadavg"] = [round(x, 2) for x in os.getloadavg()]
            print(json.dumps(row), flush=True)
        print(f"same bytes before and after: {outputs['before'] == outputs['after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
