"""Claims: pairwise precision and recall of claim matching on hand-labelled PTC pairs, and voice accuracy.

    python benchmarks/bench_claims.py --ptc ../shared/data/ptc [--cache /tmp/claims-layers.json]
    python benchmarks/bench_claims.py --ptc ../shared/data/ptc --propose 200 > /tmp/candidates.tsv

Gold: ``benchmarks/data/claims/pairs.tsv``: two claim units of PTC articles (train/dev) about
the same story (the stories gold's clusters), as ids and offsets (no text): label 1 when B
carries the same claim by the same speaker as A (or restates it in the outlet's own voice),
0 when not; ``voice`` says how B carries it (reported: attributed to the speaker; restated:
in the outlet's voice).  Labelled by reading both passages in their articles.

Units come from the shipped ``entities`` and ``attribution`` analyzers
(:func:`propscope.corpus.claims.claim_units`); a pair is predicted "same claim" as
:func:`~propscope.corpus.claims.update_claims` decides it (speaker and cosine for two attributed
units, cosine alone for an outlet-voice B).  A gold span finds its unit by offsets, else the unit
covering at least half of it (the attribution layer may since have joined a continued quote to
it); a pair with no unit on a side is predicted "not the same" (a true one is a miss), so every
pair is scored whatever the analyzers' version (``unit_matches`` counts how).  The pairs are split in two halves by a hash; the
thresholds are chosen on half A (best F1 at precision >= 0.8 where reachable) and reported on
both, with the shipped defaults.  ``--propose N`` prints candidate pairs with their texts for
labelling (to a terminal or /tmp, never into the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from propscope.analysis import Analysis, Layer  # noqa: E402
from propscope.corpus.claims import ClaimSettings, ClaimUnit, claim_units, speakers_match, text_key  # noqa: E402

GOLD = ROOT / "benchmarks" / "data" / "claims" / "pairs.tsv"
STORIES = ROOT / "benchmarks" / "data" / "stories" / "pairs.tsv"
OUT = ROOT / "benchmarks" / "results" / "claims.json"


def split_of(ptc: Path, aid: str) -> str:
    return "train" if (ptc / "datasets" / "train-articles" / f"article{aid}.txt").exists() else "dev"


def story_clusters() -> list[list[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for line in STORIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        a, b, label = line.split("\t")[:3]
        if label == "1":
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


def analyses(ptc: Path, ids: list[str], cache: Path | None) -> dict[str, Analysis]:
    from bench_narratives import ptc_article

    from propscope.pipeline import Pipeline

    raw: dict[str, Any] = json.loads(cache.read_text()) if cache is not None and cache.is_file() else {}
    arts = {aid: ptc_article(ptc, split_of(ptc, aid), aid) for aid in ids}
    todo = [aid for aid in ids if aid not in raw]
    if todo:
        pipe = Pipeline.build(["entities", "attribution"])
        for n, aid in enumerate(todo, 1):
            raw[aid] = {"attributions": pipe.run(arts[aid]).layers["attributions"].to_json()}
            print(f"analysed {n}/{len(todo)}", file=sys.stderr)
        if cache is not None:
            cache.write_text(json.dumps(raw))
    return {aid: Analysis(arts[aid], {"attributions": Layer.from_json("attributions", raw[aid]["attributions"])})
            for aid in ids}


def units_of(all_: dict[str, Analysis], by_sentence: bool = True) -> dict[str, list[ClaimUnit]]:
    return {aid: claim_units(a, by_sentence=by_sentence) for aid, a in all_.items()}


def encode(units: dict[str, list[ClaimUnit]]) -> dict[tuple[str, int, int], np.ndarray]:
    from propscope.embeddings import default_encoder

    keys = [(aid, u.start, u.end) for aid, us in units.items() for u in us]
    texts = [u.text for us in units.values() for u in us]
    vecs = default_encoder().encode(texts)
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    return dict(zip(keys, vecs, strict=True))


def propose(args: argparse.Namespace) -> None:
    clusters = [c[:args.per_story] for c in story_clusters()[:args.stories]]
    ids = [a for c in clusters for a in c]
    units = units_of(analyses(args.ptc, ids, args.cache))
    vec = encode(units)
    rows = []
    for c in clusters:
        for a, b in itertools.combinations(c, 2):
            for ua in units[a]:
                if ua.speaker is None:
                    continue
                va = vec[(a, ua.start, ua.end)]
                for ub in units[b]:
                    cos = float(va @ vec[(b, ub.start, ub.end)])
                    if ub.speaker is not None and speakers_match(ua.speaker, ub.speaker) and cos >= 0.35:
                        rows.append((cos, "speaker", a, ua, b, ub))
                    elif ub.speaker is None and cos >= 0.55:
                        rows.append((cos, "outlet", a, ua, b, ub))
    rows.sort(key=lambda r: -r[0])
    for cos, kind, a, ua, b, ub in rows[:args.propose]:
        print("\t".join([split_of(args.ptc, a), a, str(ua.start), str(ua.end), split_of(args.ptc, b), b,
                         str(ub.start), str(ub.end), f"{cos:.3f}", kind, ua.speaker or "-", ub.speaker or "-",
                         ua.text[:300].replace("\t", " "), ub.text[:300].replace("\t", " ")]))


def read_gold() -> list[dict[str, Any]]:
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        c = line.split("\t")
        out.append({"a": c[1], "a_span": (int(c[2]), int(c[3])), "b": c[5], "b_span": (int(c[6]), int(c[7])),
                    "label": int(c[8]), "voice": c[9], "note": c[10] if len(c) > 10 else ""})
    return out


def half(p: dict[str, Any]) -> str:
    h = hashlib.sha1(f"{p['a']}:{p['a_span']}:{p['b']}:{p['b_span']}".encode()).digest()[0]
    return "A" if h % 2 == 0 else "B"


Combo = tuple[ClaimUnit, ClaimUnit, float]  # a unit under A's span, one under B's, their cosine


def find_units(units: list[ClaimUnit], span: tuple[int, int]) -> tuple[list[ClaimUnit], str]:
    """The units a gold span points at: the one with its offsets, else those it mostly holds or that
    mostly hold it (at least half of the shorter of the two: the attribution layer joined a continued
    quote to it, or a quote of several sentences gives a unit per sentence), else none (no unit there
    now: the pair cannot be predicted, so a true pair counts as a miss)."""
    s, e = span
    exact = [u for u in units if (u.start, u.end) == span]
    if exact:
        return exact, "exact"
    near = [u for u in units if min(e, u.end) - max(s, u.start) >= 0.5 * min(e - s, u.end - u.start)]
    return near, ("overlap" if near else "missing")


def predict(p: dict[str, Any], ua: ClaimUnit, ub: ClaimUnit, cos: float, same: float, restate: float) -> bool:
    wording = text_key(ua.text) == text_key(ub.text)  # one statement, whatever the cosine
    if ub.speaker is None:
        return cos >= restate or wording
    return bool(ua.speaker and speakers_match(ua.speaker, ub.speaker)) and (cos >= same or wording)


def matched(p: dict[str, Any], combos: list[Combo], same: float, restate: float) -> Combo | None:
    """The first unit pair predicted "same claim" (B's sighting joins the claim A's unit made), else None."""
    return next((c for c in combos if predict(p, *c, same, restate)), None)


def scores(pairs: list[tuple[dict[str, Any], list[Combo]]], same: float, restate: float) -> dict[str, Any]:
    tp = fp = fn = 0
    for p, combos in pairs:
        y = matched(p, combos, same, restate) is not None
        tp += y and p["label"] == 1
        fp += y and p["label"] == 0
        fn += (not y) and p["label"] == 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"pairs": len(pairs), "positives": tp + fn, "precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}


def evaluate(args: argparse.Namespace) -> None:
    gold = read_gold()
    ids = sorted({p["a"] for p in gold} | {p["b"] for p in gold})
    units = units_of(analyses(args.ptc, ids, args.cache), by_sentence=not args.whole_contents)
    vec = encode(units)
    pairs: list[tuple[dict[str, Any], list[Combo]]] = []
    how: dict[str, int] = defaultdict(int)
    for p in gold:
        uas, ha = find_units(units[p["a"]], p["a_span"])
        ubs, hb = find_units(units[p["b"]], p["b_span"])
        how[ha] += 1
        how[hb] += 1
        combos = [(ua, ub, float(vec[(p["a"], ua.start, ua.end)] @ vec[(p["b"], ub.start, ub.end)]))
                  for ua in uas for ub in ubs]
        pairs.append((p, sorted(combos, key=lambda c: -c[2])))
    missing = sum(1 for _, combos in pairs if not combos)
    halves = {h: [x for x in pairs if half(x[0]) == h] for h in "AB"}
    grid = [round(float(x), 2) for x in np.arange(0.5, 0.96, 0.05)]
    best = max(((s, r) for s in grid for r in grid),
               key=lambda sr: (scores(halves["A"], *sr)["precision"] >= 0.8, scores(halves["A"], *sr)["f1"], sr))
    d = ClaimSettings()
    positives = [x for x in pairs if x[0]["label"] == 1]
    voice_ok = 0
    for p, _ in positives:  # the voice of B's unit: the one holding most of B's span (none: wrong)
        s, e = p["b_span"]
        ubs = find_units(units[p["b"]], p["b_span"])[0]
        ub = max(ubs, key=lambda u: min(e, u.end) - max(s, u.start), default=None)
        voice_ok += ub is not None and (ub.speaker is None) == (p["voice"] == "restated")
    result = {
        "gold": str(GOLD.relative_to(ROOT)), "pairs": len(gold), "unmatched_units": missing,
        "unit_matches": dict(how), "units": "whole contents" if args.whole_contents else "one per sentence",
        "defaults": {"same_threshold": d.same_threshold, "restate_threshold": d.restate_threshold,
                     "all": scores(pairs, d.same_threshold, d.restate_threshold),
                     "half_A": scores(halves["A"], d.same_threshold, d.restate_threshold),
                     "half_B": scores(halves["B"], d.same_threshold, d.restate_threshold)},
        "tuned_on_A": {"same_threshold": best[0], "restate_threshold": best[1],
                       "half_A": scores(halves["A"], *best), "half_B": scores(halves["B"], *best)},
        "voice_accuracy_on_positives": round(voice_ok / len(positives), 3) if positives else None,
        "positives": len(positives),
        "command": "python benchmarks/bench_claims.py --ptc ../shared/data/ptc",
    }
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ptc", type=Path, required=True)
    p.add_argument("--cache", type=Path, default=None, help="A JSON file keeping the attribution layers.")
    p.add_argument("--propose", type=int, default=0, help="Print this many candidate pairs (with texts) instead.")
    p.add_argument("--whole-contents", action="store_true",
                   help="One unit per attributed content, not one per sentence (the earlier units).")
    p.add_argument("--stories", type=int, default=14)
    p.add_argument("--per-story", type=int, default=8)
    args = p.parse_args()
    propose(args) if args.propose else evaluate(args)


if __name__ == "__main__":
    main()
