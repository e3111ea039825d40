"""Attribution scores on a part of PolNeAR train that no model or rule choice has seen.

    python benchmarks/attribution_heldout.py [--polnear DIR] [--work DIR] [--no-deps]

Dev chose the attribution model's settings and decoding rules, so dev scores are optimistic.
This script cuts PolNeAR train once (seed 20200911) into 80 % and 20 % of its articles,
trains the CRF with the shipped settings on the 80 % (``propscope.training.attribution``),
runs the full ``entities`` + ``attribution`` analyzers over the 20 % and scores them with the
same scorer as ``propscope attribution eval``.  spaCy's output for train is cached in
``--work`` (about 4 minutes the first time); training takes about 2.5 minutes on one core.
Writes ``benchmarks/results/attribution_heldout.json`` (or ``_nodeps`` with ``--no-deps``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20200911


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--polnear", type=Path, default=HERE.parent.parent / "shared" / "data" / "quotes" / "polnear")
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "propscope-attr-heldout")
    p.add_argument("--no-deps", dest="deps", action="store_false", help="train without dependency-tree features")
    a = p.parse_args(argv)
    if not (a.polnear / "data").is_dir():
        print(f"error: {a.polnear}: no PolNeAR data/ folder (pass --polnear)", file=sys.stderr)
        return 2

    from propscope.analyzers.attribution import AttributionAnalyzer
    from propscope.analyzers.entities import EntityAnalyzer
    from propscope.evaluation import attribution as E
    from propscope.training.attribution import train

    articles = E.read_polnear(a.polnear, "train")
    names = sorted(x.name for x in articles)
    random.Random(SEED).shuffle(names)
    held = set(names[: round(0.2 * len(names))])
    fit = [x for x in articles if x.name not in held]
    test = [x for x in articles if x.name in held]
    print(f"train split: {len(fit)} articles to fit, {len(test)} held out (seed {SEED})", flush=True)
    model_dir = a.work / ("model" if a.deps else "model_nodeps")
    t0 = time.perf_counter()
    train(a.polnear, model_dir, work=a.work, use_deps=a.deps, articles=fit, log=print)
    train_s = time.perf_counter() - t0
    ents = EntityAnalyzer(parser=a.deps)
    ents.load()
    attr = AttributionAnalyzer()
    attr.load(model_dir)
    items = []
    for g in test:
        art = E.identity_article(g.text, g.name)
        layers = dict(ents.annotate(art, {}))
        layers.update(attr.annotate(art, layers))
        items.append((g.text, E.predicted_attrs(art, layers["attributions"]), g.attributions))
    scores = E.score(items).as_dict()
    print(E.format_scores(scores))
    out = {"split": {"fit": len(fit), "heldout": len(test), "seed": SEED, "fraction": 0.2},
           "dependency_features": a.deps, "train_seconds": round(train_s, 1), "scores": scores}
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    name = "attribution_heldout" + ("" if a.deps else "_nodeps")
    (results / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
