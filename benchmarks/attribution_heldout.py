"""Attribution scores on a part of PolNeAR train that no model or rule choice has seen.

    python benchmarks/attribution_heldout.py [--polnear DIR] [--work DIR] [--no-deps]

Dev chose the attribution model's settings and decoding rules, so dev scores are optimistic.
This script cuts PolNeAR train once into 80 % and 20 % of its articles (seed 20200911, the
same cut as for the technique model's held-out part: ``propscope.training.data.split_heldout``),
trains the CRF with the shipped settings on the 80 % (``propscope.training.attribution``),
runs the full ``entities`` + ``attribution`` analyzers over the 20 % and scores them with the
same scorer as ``propscope attribution eval``.  spaCy's output for train is cached in
``--work`` (about 4 minutes the first time); training takes about 2.5 minutes on one core.
Writes ``benchmarks/results/attribution_heldout.json`` (or ``_nodeps`` with ``--no-deps``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--polnear", type=Path, default=HERE.parent.parent / "shared" / "data" / "quotes" / "polnear")
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "propscope-attr-heldout")
    p.add_argument("--no-deps", dest="deps", action="store_false", help="train without dependency-tree features")
    a = p.parse_args(argv)
    if not (a.polnear / "data").is_dir():
        print(f"error: {a.polnear}: no PolNeAR data/ folder (pass --polnear)", file=sys.stderr)
        return 2

    from propscope.evaluation import attribution as E
    from propscope.training.attribution import train
    from propscope.training.data import HELDOUT_FRACTION, SPLIT_SEED, split_heldout

    fit, test = split_heldout(E.read_polnear(a.polnear, "train"), HELDOUT_FRACTION, SPLIT_SEED, key=lambda x: x.name)
    print(f"train split: {len(fit)} articles to fit, {len(test)} held out (seed {SPLIT_SEED})", flush=True)
    model_dir = a.work / ("model" if a.deps else "model_nodeps")
    t0 = time.perf_counter()
    train(a.polnear, model_dir, work=a.work, use_deps=a.deps, articles=fit, log=print)
    train_s = time.perf_counter() - t0
    scores = E.evaluate_articles(test, model_dir=model_dir, entity_settings={"parser": a.deps})["scores"]
    print(E.format_scores(scores))
    out = {"split": {"fit": len(fit), "heldout": len(test), "seed": SPLIT_SEED, "fraction": HELDOUT_FRACTION},
           "dependency_features": a.deps, "train_seconds": round(train_s, 1), "scores": scores}
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    name = "attribution_heldout" + ("" if a.deps else "_nodeps")
    (results / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
