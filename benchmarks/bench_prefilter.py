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
the figures go to ``benchmarks/results/prefilter.json``, with a trade-off table (recall
targets 0.8 to 0.97: pass fraction and recall out of fold and on dev) and, with
``--model-hits``, how many of the shipped analyzer's own calls (pre-filter off) each target
keeps: the check to redo when the scorer behind the pre-filter changes.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from dataclasses import replace
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


def model_hits(ptc: Path, gold: Path, cache: Path | None, embed_cache: Path | None) -> dict[str, np.ndarray]:
    """Per split, per gold row (in :func:`gold_units`' order): whether the narratives
    analyzer as shipped (its scorer, the pre-filter off) calls a narrative there (a span
    lying at least half inside the sentence, as ``bench_narratives.py`` counts)."""
    sys.path.insert(0, str(HERE))
    from bench_narratives import CachingEncoder, load_layers, ptc_article, read_gold

    rows = read_gold(gold)
    by_article: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        by_article.setdefault((r["split"], r["article"]), []).append(r)
    articles = {aid: ptc_article(ptc, split, aid) for split, aid in sorted(by_article)}
    layers = load_layers(articles, cache)
    encoder = CachingEncoder(embed_cache) if embed_cache else None
    analyzer = NarrativesAnalyzer(prefilter="none", **({"encoder": encoder} if encoder else {}))
    out: dict[str, list[bool]] = {"train": [], "dev": []}
    for (split, aid), rs in sorted(by_article.items()):
        spans = analyzer.annotate(articles[aid], layers[aid])["narratives"].spans
        for r in rs:
            out[split].append(any(2 * max(0, min(s.end, r["end"]) - max(s.start, r["start"])) >= s.end - s.start
                                  for s in spans))
    if encoder is not None:
        encoder.save()
    return {k: np.asarray(v, dtype=bool) for k, v in out.items()}


def tradeoff(oof: np.ndarray, y: np.ndarray, dev_probs: np.ndarray, dev_y: np.ndarray,
             hits: dict[str, np.ndarray] | None, targets: list[float]) -> list[dict]:
    """For each recall target: the threshold out of fold, what it passes and keeps on train
    (out of fold) and on dev, and how many of the model's own calls it keeps."""
    from propscope.analyzers.narratives.prefilter import threshold_for_recall

    table = []
    for r in targets:
        t = threshold_for_recall(oof, y, r)
        kt, kd = oof >= t, dev_probs >= t
        row = {"target_recall": r, "threshold": round(t, 6),
               "train_oof_pass": round(float(kt.mean()), 3), "train_oof_recall": round(float(kt[y > 0].mean()), 3),
               "dev_pass": round(float(kd.mean()), 3), "dev_recall": round(float(kd[dev_y > 0].mean()), 3)}
        if hits is not None:
            row["model_calls_kept_train_oof"] = f"{int((kt & hits['train']).sum())}/{int(hits['train'].sum())}"
            row["model_calls_kept_dev"] = f"{int((kd & hits['dev']).sum())}/{int(hits['dev'].sum())}"
        table.append(row)
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", default=str(ROOT.parent.parent / "shared" / "data" / "ptc"))
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--target-recall", type=float, default=0.97)
    ap.add_argument("--l2", type=float, nargs="+", default=[1e-3])
    ap.add_argument("--fit", action="store_true", help="write the model to src/propscope/models/prefilter")
    ap.add_argument("--out", default=str(HERE / "results" / "prefilter.json"))
    ap.add_argument("--model-hits", action="store_true",
                    help="also count how many of the shipped analyzer's own calls each recall target keeps")
    ap.add_argument("--cache", help="bench_narratives' layer cache (JSON), for --model-hits")
    ap.add_argument("--embed-cache", help="bench_narratives' embedding cache (npz), for --model-hits")
    ap.add_argument("--tradeoff", type=float, nargs="+", default=[0.8, 0.9, 0.95, 0.97],
                    help="the recall targets of the trade-off table")
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
    best_oof = None
    tried = []
    for l2 in a.l2:
        pf, oof = fit_prefilter(pairs, y, groups, narratives=ids, target_recall=a.target_recall, l2=l2,
                                extra_pairs=extra + neg, extra_labels=extra_y + [0] * len(neg), folds=FOLDS)
        tried.append({"l2": l2, "oof_recall": pf.info["oof_recall"], "oof_pass_fraction": pf.info["oof_pass_fraction"]})
        print(json.dumps(tried[-1]), file=sys.stderr)
        if best is None or pf.info["oof_pass_fraction"] < best.info["oof_pass_fraction"]:
            best, best_oof = pf, oof
    assert best is not None
    dev_y = np.asarray([lab for _, _, lab, _ in dev])
    dev_probs = best.probabilities([(u, c) for u, c, _, _ in dev])
    dev_pass = dev_probs >= best.threshold
    hits = model_hits(ptc, Path(a.gold), Path(a.cache) if a.cache else None,
                      Path(a.embed_cache) if a.embed_cache else None) if a.model_hits else None
    assert best_oof is not None
    table = tradeoff(best_oof, y, dev_probs, dev_y, hits, sorted({*a.tradeoff, a.target_recall}))
    info = dict(best.info)
    info.update({"dev_units": int(len(dev_y)), "dev_positives": int(dev_y.sum()),
                 "dev_recall": round(float(dev_pass[dev_y > 0].mean()), 3) if dev_y.any() else None,
                 "dev_pass_fraction": round(float(dev_pass.mean()), 3),
                 "fitted_on": "benchmarks/data/narratives/gold.tsv, train articles only, and the catalogue"})
    best = replace(best, info=info)
    if a.fit:
        best.save(default_prefilter_dir())
        write_manifest(default_prefilter_dir())
    result = {"command": "PYTHONPATH=src python benchmarks/bench_prefilter.py " + " ".join(sys.argv[1:]),
              "threshold": round(best.threshold, 6), "tried": tried, **info, "tradeoff": table}
    Path(a.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
