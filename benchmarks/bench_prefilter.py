"""Fit and measure the narratives pre-filter (``propscope.analyzers.narratives.prefilter``).

    python benchmarks/bench_prefilter.py [--ptc DIR] [--fit] [--target-recall 0.97] [--l2 1e-3 ...]

Units are the PTC sentences of the hand-labelled gold (``benchmarks/data/narratives/gold.tsv``,
offsets only), each with its context (the sentences before and after, as the analyzer builds
it); the label is "carries any narrative".  The model is fitted on the *train* articles (with
the catalogue's examples as positives and its negatives as negatives), its threshold chosen
out of fold (five folds by article) for ``--target-recall``; the figures reported: the pass
fraction and the recall of narrative sentences out of fold on train, and on dev (never used
for a choice).  With several ``--l2`` values, the one with the smallest out-of-fold pass
fraction at the target recall is kept.  ``--fit`` writes ``src/propscope/models/prefilter``;
the figures go to ``benchmarks/results/prefilter.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from propscope.analyzers.narratives import NarrativesAnalyzer, load_catalogue  # noqa: E402
from propscope.analyzers.narratives.prefilter import default_prefilter_dir, fit_prefilter, unit_pairs  # noqa: E402
from propscope.manifest import write_manifest  # noqa: E402

GOLD = HERE / "data" / "narratives" / "gold.tsv"
FOLDS = 5


def gold_units(ptc: Path, gold: Path) -> dict[str, list[tuple[str, str, int, str]]]:
    """Per split: (unit, context, label, article id) for every gold row."""
    sys.path.insert(0, str(HERE))
    from bench_narratives import ptc_article, read_gold

    rows = read_gold(gold)
    out: dict[str, list[tuple[str, str, int, str]]] = {"train": [], "dev": []}
    by_article: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        by_article.setdefault((r["split"], r["article"]), []).append(r)
    for (split, aid), rs in sorted(by_article.items()):
        art = ptc_article(ptc, split, aid)
        units = NarrativesAnalyzer.units(NarrativesAnalyzer(), art, None)
        context, _ = NarrativesAnalyzer.unit_inputs(units, None)
        texts = [art.text[s:e] for s, e, _, _ in units]
        pairs = unit_pairs(texts, context)
        where = {s: i for i, (s, _, _, _) in enumerate(units)}
        for r in rs:
            unit, ctx = pairs[where[r["start"]]]
            out[split].append((unit, ctx, int(bool(r["labels"])), aid))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", default=str(ROOT.parent.parent / "shared" / "data" / "ptc"))
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--target-recall", type=float, default=0.97)
    ap.add_argument("--l2", type=float, nargs="+", default=[1e-3])
    ap.add_argument("--fit", action="store_true", help="write the model to src/propscope/models/prefilter")
    ap.add_argument("--out", default=str(HERE / "results" / "prefilter.json"))
    a = ap.parse_args()
    ptc = Path(a.ptc)
    if not ptc.is_dir():
        ptc = Path("/work/shared/data/ptc")
    data = gold_units(ptc, Path(a.gold))
    cat = load_catalogue()
    ids = [n.id for n in cat.matchable]
    extra = [(ex.text, "") for n in cat.matchable for ex in n.examples]
    extra_y = [1] * len(extra)
    neg = [(ex.text, "") for n in cat.matchable for ex in n.negatives]
    train, dev = data["train"], data["dev"]
    pairs = [(u, c) for u, c, _, _ in train]
    y = np.asarray([lab for _, _, lab, _ in train])
    groups = [zlib.crc32(aid.encode()) for _, _, _, aid in train]
    best = None
    tried = []
    for l2 in a.l2:
        pf, oof = fit_prefilter(pairs, y, groups, narratives=ids, target_recall=a.target_recall, l2=l2,
                                extra_pairs=extra + neg, extra_labels=extra_y + [0] * len(neg), folds=FOLDS)
        tried.append({"l2": l2, "oof_recall": pf.info["oof_recall"], "oof_pass_fraction": pf.info["oof_pass_fraction"]})
        print(json.dumps(tried[-1]), file=sys.stderr)
        if best is None or pf.info["oof_pass_fraction"] < best.info["oof_pass_fraction"]:
            best = pf
    assert best is not None
    dev_y = np.asarray([lab for _, _, lab, _ in dev])
    dev_pass = best.probabilities([(u, c) for u, c, _, _ in dev]) >= best.threshold
    info = dict(best.info)
    info.update({"dev_units": int(len(dev_y)), "dev_positives": int(dev_y.sum()),
                 "dev_recall": round(float(dev_pass[dev_y > 0].mean()), 3) if dev_y.any() else None,
                 "dev_pass_fraction": round(float(dev_pass.mean()), 3),
                 "fitted_on": "benchmarks/data/narratives/gold.tsv, train articles only, and the catalogue"})
    best = type(best)(best.weights, best.bias, best.threshold, best.narratives, info)
    if a.fit:
        best.save(default_prefilter_dir())
        write_manifest(default_prefilter_dir())
    result = {"command": "PYTHONPATH=src python benchmarks/bench_prefilter.py " + " ".join(sys.argv[1:]),
              "threshold": round(best.threshold, 6), "tried": tried, **info}
    Path(a.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
