"""Benchmark the ``narratives`` analyzer on hand-labelled PTC sentences.

    python benchmarks/bench_narratives.py [--ptc DIR] [--fit] [--out benchmarks/results/narratives.json]
    python benchmarks/bench_narratives.py --speed 60 [--cache layers.json]

Gold: ``benchmarks/data/narratives/gold.tsv`` (split, article id, start, end, narratives or
``none``, voice), offsets into ``../shared/data/ptc`` (never the texts).  Each PTC line is a
sentence.  ``--fit`` fits the calibrated logistic and the default threshold on the *train*
articles only (the largest recall at precision >= 0.85 there) and writes
``src/propscope/analyzers/narratives/data/calibration.json``; the figures reported are on
the *dev* articles.  A gold sentence's prediction is the narratives of the analyzer's spans
lying at least half inside it; voice accuracy compares reported (a speaker's) against
restated (the outlet's) on every gold narrative sentence, and on the found ones.

With the fine-tuned classifier (``propscope/models/narratives/classifier.onnx``), the
``train`` figures are optimistic (it learned from four of five train folds); the
``train_held_out`` split is the fold it never saw.

``--speed N``: the analyzer's cost, CPU seconds per article (``time.process_time``, one
process, the shipped encoder with one ONNX thread, model load and a warm-up article not
counted) over the first ``N`` PTC dev articles, given their attribution and technique layers
(as the pipeline gives them); nothing else is measured or written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from propscope.analysis import Layer  # noqa: E402
from propscope.analyzers.narratives import NarrativesAnalyzer  # noqa: E402
from propscope.analyzers.narratives.analyzer import sentence_voices  # noqa: E402
from propscope.analyzers.narratives.head import default_head_dir  # noqa: E402
from propscope.analyzers.narratives.scoring import FEATURES, Calibration, default_calibration_path  # noqa: E402
from propscope.article import Article, Span  # noqa: E402
from propscope.manifest import write_manifest  # noqa: E402
from propscope.pipeline import Pipeline  # noqa: E402
from propscope.training.narratives import fit_head  # noqa: E402

GOLD = HERE / "data" / "narratives" / "gold.tsv"
TARGET_PRECISION = 0.85
FOLDS = 5
EMBED_CACHE = Path("/tmp/propscope-narratives-embeddings.npz")


class CachingEncoder:
    """The shipped encoder, remembering every text it embedded (saved to ``EMBED_CACHE``), so
    that refitting after a catalogue edit embeds only the new examples."""

    def __init__(self, path: Path = EMBED_CACHE):
        from propscope.embeddings import default_encoder

        self.inner = default_encoder()
        self.path = path
        self.memo: dict[str, np.ndarray] = {}
        if path.is_file():
            data = np.load(path, allow_pickle=False)
            self.memo = dict(zip(data["texts"].tolist(), data["vecs"], strict=True))
        self.dirty = False

    def encode(self, texts):
        todo = sorted({t for t in texts if t not in self.memo})
        if todo:
            for t, v in zip(todo, self.inner.encode(todo), strict=True):
                self.memo[t] = v
            self.dirty = True
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    def save(self) -> None:
        if self.dirty:
            texts = list(self.memo)
            np.savez(self.path, texts=np.asarray(texts), vecs=np.stack([self.memo[t] for t in texts]))


def article_features(analyzer: NarrativesAnalyzer, art: Article, layers: dict[str, Layer]) -> dict[int, np.ndarray]:
    """The scorer's features of every sentence of ``art``, computed as the analyzer does
    (contents, context and technique counts included), keyed by the sentence's start."""
    units = analyzer.units(art, layers.get("attributions"))
    context, counts = analyzer.unit_inputs(units, layers.get("techniques"))
    feats = analyzer.scorer.features([art.text[s:e] for s, e, _, _ in units], art.language,
                                     context=context, techniques=counts)
    return {s: feats[i] for i, (s, _, kind, _) in enumerate(units) if kind == "sentence"}


def choose_threshold(probs: np.ndarray, y: np.ndarray, n_gold: int) -> tuple[float, tuple[float, float]]:
    """The threshold on a sentence's best probability with the largest recall at precision >=
    ``TARGET_PRECISION`` (short of it, the best precision); and its (precision, recall)."""
    best = probs.argmax(axis=1)
    top = probs[np.arange(len(y)), best]
    correct = y[np.arange(len(y)), best] == 1
    threshold, best_pr, best_key = 0.99, (0.0, 0.0), (-1.0, -1.0)
    for t in np.unique(np.round(top, 3)):
        sel = top >= t
        if sel.sum() < 5:  # a threshold that keeps a handful of sentences says nothing
            continue
        p, rc = float(correct[sel].mean()), float(correct[sel].sum() / n_gold)
        key = (1.0, rc) if p >= TARGET_PRECISION else (0.0, p)
        if key > best_key:
            threshold, best_pr, best_key = float(t), (round(p, 3), round(rc, 3)), key
    return threshold, best_pr


def read_gold(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        split, aid, s, e, labels, voice = line.split("\t")
        rows.append({"split": split, "article": aid, "start": int(s), "end": int(e),
                     "labels": set() if labels == "none" else set(labels.split("|")), "voice": voice})
    return rows


def ptc_article(ptc: Path, split: str, aid: str) -> Article:
    text = (ptc / "datasets" / f"{split}-articles" / f"article{aid}.txt").read_text(encoding="utf-8")
    sents, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            sents.append(Span(pos, pos + len(line), "sentence"))
        pos += len(line) + 1
    return Article(text=text, sentences=tuple(sents), paragraphs=tuple(sents), language="en",
                   source=f"ptc:{split}:{aid}")


def load_layers(articles: dict[str, Article], cache: Path | None) -> dict[str, dict[str, Layer]]:
    """The attribution and technique layers of every article, from ``cache`` where it has
    them; the missing articles are analysed and added to the cache (saved as it goes)."""
    raw: dict = json.loads(cache.read_text()) if cache is not None and cache.is_file() else {}
    out: dict[str, dict[str, Layer]] = {}
    todo = []
    for aid in articles:
        v = raw.get(aid)
        if isinstance(v, dict) and "attributions" in v and "techniques" in v:
            out[aid] = {k: Layer.from_json(k, lv) for k, lv in v.items()}
        else:
            todo.append(aid)
    if todo:
        pipe = Pipeline.build(["techniques", "entities", "attribution"])
        for n, aid in enumerate(todo, 1):
            got = pipe.run(articles[aid]).layers
            out[aid] = {"attributions": got["attributions"], "techniques": got["techniques"]}
            raw[aid] = {k: lv.to_json() for k, lv in out[aid].items()}
            if cache is not None and (n % 10 == 0 or n == len(todo)):
                cache.write_text(json.dumps(raw))
            print(f"analysed {n}/{len(todo)}", file=sys.stderr)
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 3000) -> tuple[np.ndarray, float]:
    """Plain gradient descent on the mean log-loss (classes weighted to balance)."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
    x = (x - mu) / sd  # fitted on standardised features, returned on raw ones
    w, b = np.zeros(x.shape[1]), 0.0
    pos = y.mean()
    sw = np.where(y == 1, 0.5 / max(pos, 1e-9), 0.5 / max(1 - pos, 1e-9))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * sw
        w -= 0.5 * (x.T @ g / len(y) + l2 * w)
        b -= 0.5 * g.mean()
    return w / sd, float(b - (w * mu / sd).sum())


def wilson(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """A 95 % Wilson interval of a share k/n (precision 5/5 is not "certainly 1.0": it is 0.57-1.0)."""
    if not n:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3)]


def evaluate(rows: list[dict], preds: dict[tuple[str, int], list[Span]], narratives: list[str]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    voice_all = voice_found = n_all = n_found = 0
    for r in rows:
        got = preds.get((r["article"], r["start"]), [])
        labs = {s.label for s in got}
        for n in labs:
            (tp if n in r["labels"] else fp)[n] += 1
        for n in r["labels"] - labs:
            fn[n] += 1
        if r["labels"]:
            n_all += 1
            ok = (r["pred_voice"] == "outlet") == (r["voice"] == "outlet")
            voice_all += ok
            hits = [s for s in got if s.label in r["labels"]]
            if hits:
                n_found += 1
                voice_found += (hits[0].attrs["voice"] == "outlet") == (r["voice"] == "outlet")
    per = {}
    for n in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[n] / (tp[n] + fp[n]) if tp[n] + fp[n] else None
        rc = tp[n] / (tp[n] + fn[n]) if tp[n] + fn[n] else None
        per[n] = {"tp": tp[n], "fp": fp[n], "fn": fn[n], "precision": _r(p), "recall": _r(rc)}
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    P = T / (T + F) if T + F else 0.0
    R = T / (T + N) if T + N else 0.0
    return {"sentences": len(rows), "with_narrative": n_all,
            "micro": {"tp": T, "fp": F, "fn": N, "precision": _r(P), "recall": _r(R),
                      "f1": _r(2 * P * R / (P + R) if P + R else 0.0),
                      "precision_95_interval": wilson(T, T + F), "recall_95_interval": wilson(T, T + N)},
            "voice_accuracy_all_gold": _r(voice_all / n_all if n_all else None),
            "voice_accuracy_found": _r(voice_found / n_found if n_found else None), "found": n_found,
            "per_narrative": per}


def article_level(rows: list[dict], preds: dict[tuple[str, int], list[Span]], cal: Calibration) -> dict:
    """Does an article carry a narrative?  No gold article is labelled exhaustively, so the
    "article" here is the set of its labelled sentences: its gold is the union of their
    labels, its prediction the narratives sighted in them at least ``min_sightings`` times
    or once at ``single`` or more (the analyzer's own ``carried`` rule)."""
    tp = fp = fn = 0
    by_article: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_article[r["article"]].append(r)
    for aid, rs in by_article.items():
        gold = set().union(*(r["labels"] for r in rs))
        count: Counter = Counter()
        top: dict[str, float] = defaultdict(float)
        for r in rs:
            for sp in {s.label: s for s in preds.get((aid, r["start"]), [])}.values():
                count[sp.label] += 1
                top[sp.label] = max(top[sp.label], sp.attrs["score"])
        got = {n for n in count if count[n] >= cal.article_min_sightings or top[n] >= cal.article_single}
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return {"articles": len(by_article), "tp": tp, "fp": fp, "fn": fn, "precision": _r(p), "recall": _r(rc),
            "rule": {"min_sightings": cal.article_min_sightings, "single": cal.article_single}}


def speed(ptc: Path, n: int, cache: Path | None, catalogue: str | None, head: str | None = None,
          classifier: str | None = None) -> dict:
    """CPU seconds per article of ``NarrativesAnalyzer.annotate`` on the first ``n`` dev articles."""
    files = sorted((ptc / "datasets" / "dev-articles").glob("article*.txt"))[:n]
    articles = {f.stem.removeprefix("article"): ptc_article(ptc, "dev", f.stem.removeprefix("article"))
                for f in files}
    layers = load_layers(articles, cache)
    analyzer = NarrativesAnalyzer(catalogue=catalogue, threads=1, head=head, classifier=classifier)
    analyzer.load()
    first = next(iter(articles))
    analyzer.annotate(articles[first], layers[first])  # warm-up: ONNX allocations, lazy imports
    units = 0
    t0 = time.process_time()
    w0 = time.perf_counter()
    for aid, art in articles.items():
        units += len(analyzer.units(art, layers[aid].get("attributions")))
        analyzer.annotate(art, layers[aid])
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    return {"articles": len(articles), "units": units, "cpu_s_per_article": round(cpu / len(articles), 4),
            "wall_s_per_article": round(wall / len(articles), 4)}


def _held_fold(analyzer: NarrativesAnalyzer) -> int | None:
    """The fold of train articles the fine-tuned classifier did not learn from (its
    ``info.held_out``: ``crc32(id) % 5 == k``), when it has one: the honest train figure."""
    clf = analyzer.scorer.classifier if analyzer.scorer is not None else None
    if clf is None or clf.info.get("fit_on_all_train"):
        return None
    held = str(clf.info.get("held_out", ""))
    return int(held.rsplit("==", 1)[1]) if "==" in held else None


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", default=str(ROOT.parent.parent / "shared" / "data" / "ptc"))
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--fit", action="store_true", help="fit the calibration on the train articles")
    ap.add_argument("--catalogue", default=None)
    ap.add_argument("--cache", default=None, help="a JSON file caching the attribution layers")
    ap.add_argument("--out", default=str(HERE / "results" / "narratives.json"))
    ap.add_argument("--head", default=None, help="a head model folder, or 'none' for similarity scoring only")
    ap.add_argument("--classifier", default=None,
                    help="a fine-tuned classifier folder, or 'none' for the head and similarity scoring")
    ap.add_argument("--embed-cache", default=str(EMBED_CACHE), help="where embedded texts are remembered")
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="only measure CPU seconds per article on the first N dev articles")
    args = ap.parse_args()
    ptc = Path(args.ptc)
    if not ptc.is_dir():
        ptc = Path("/work/shared/data/ptc")
    if args.speed:
        print(json.dumps(speed(ptc, args.speed, Path(args.cache) if args.cache else None, args.catalogue, args.head,
                               args.classifier)))
        return
    rows = read_gold(Path(args.gold))
    arts = {(r["split"], r["article"]) for r in rows}
    articles = {aid: ptc_article(ptc, sp, aid) for sp, aid in sorted(arts)}
    cached = load_layers(articles, Path(args.cache) if args.cache else None)
    layers = {aid: v["attributions"] for aid, v in cached.items()}
    encoder = CachingEncoder(Path(args.embed_cache))
    analyzer = NarrativesAnalyzer(catalogue=args.catalogue, encoder=encoder,
                                  head=args.head if not args.fit else "none",
                                  classifier=args.classifier if not args.fit else "none")
    analyzer.load()
    scorer = analyzer.scorer
    assert scorer is not None
    ids = [n.id for n in scorer.narratives]
    if args.fit:
        train = [r for r in rows if r["split"] == "train"]
        feats = np.stack([article_features(analyzer, articles[r["article"]], cached[r["article"]])[r["start"]]
                          for r in train])
        y = np.asarray([[1.0 if n in r["labels"] else 0.0 for n in ids] for r in train])
        groups = np.asarray([zlib.crc32(r["article"].encode()) % FOLDS for r in train])
        oof = np.zeros(y.shape)
        for f in range(FOLDS):  # out-of-fold probabilities: folds by article, never by sentence
            tr, te = groups != f, groups == f
            w, b = fit_logistic(feats[tr].reshape(-1, len(FEATURES)).astype(np.float64), y[tr].reshape(-1))
            oof[te] = 1 / (1 + np.exp(-(feats[te] @ w + b)))
        threshold, cv = choose_threshold(oof, y, sum(len(r["labels"] & set(ids)) for r in train))
        w, b = fit_logistic(feats.reshape(-1, len(FEATURES)).astype(np.float64), y.reshape(-1))
        cal = Calibration(tuple(round(float(v), 6) for v in w), round(b, 6), threshold,
                          {"fitted_on": "benchmarks/data/narratives/gold.tsv, train articles only",
                           "train_sentences": len(train), "train_precision_target": TARGET_PRECISION,
                           "cv_folds_by_article": FOLDS, "cv_precision_at_threshold": cv[0],
                           "cv_recall_at_threshold": cv[1]})
        default_calibration_path().write_text(json.dumps(cal.to_json(), indent=2) + "\n", encoding="utf-8")
        vecs = scorer.embed([articles[r["article"]].text[r["start"]:r["end"]] for r in train])
        head = fit_head(ids, vecs, y, [r["article"] for r in train], scorer._ex_vecs, scorer._ex_owner,
                        scorer._neg_vecs, target_precision=TARGET_PRECISION,
                        info={"fitted_on": "benchmarks/data/narratives/gold.tsv, train articles only",
                              "catalogue_fingerprint": scorer.catalogue.fingerprint})
        head.save(default_head_dir())
        write_manifest(default_head_dir())
        print("head", json.dumps({k: head.info[k] for k in ("cv_precision_at_threshold", "cv_recall_at_threshold")}),
              "threshold", head.threshold, file=sys.stderr)
        analyzer = NarrativesAnalyzer(catalogue=args.catalogue, encoder=analyzer.encoder, head=args.head,
                                      classifier=args.classifier)
        analyzer.load()
    result: dict = {"gold": str(Path(args.gold).relative_to(ROOT)) if Path(args.gold).is_relative_to(ROOT)
                    else args.gold, "catalogue_fingerprint": analyzer.scorer.catalogue.fingerprint,
                    "calibration": analyzer.scorer.calibration.to_json(),
                    "head": None if analyzer.scorer.head is None else
                    {"threshold": analyzer.scorer.head.threshold, "platt": list(analyzer.scorer.head.platt),
                     "narratives": len(analyzer.scorer.head.ids), "info": analyzer.scorer.head.info},
                    "classifier": None if analyzer.scorer.classifier is None else
                    {"threshold": analyzer.scorer.classifier.threshold, "platt": list(analyzer.scorer.classifier.platt),
                     "narratives": len(analyzer.scorer.classifier.ids),
                     "info": {k: v for k, v in analyzer.scorer.classifier.info.items() if k != "history"}},
                    "splits": {}}
    held = _held_fold(analyzer)
    for split in ("train", "train_held_out", "dev"):
        if split == "train_held_out" and held is None:
            continue
        srows = [r for r in rows if r["split"] == split.removesuffix("_held_out")
                 and (split != "train_held_out" or zlib.crc32(r["article"].encode()) % FOLDS == held)]
        preds: dict[tuple[str, int], list[Span]] = defaultdict(list)
        for aid in sorted({r["article"] for r in srows}):
            art = articles[aid]
            layer = analyzer.annotate(art, cached[aid])["narratives"]
            golds = [r for r in srows if r["article"] == aid]
            sents = [(x.start, x.end) for x in art.sentences]
            voices = dict(zip([x[0] for x in sents], sentence_voices(art.text, sents, layers[aid]), strict=True))
            for r in golds:
                r["pred_voice"] = voices[r["start"]][0]
                for s in layer.spans:
                    inside = max(0, min(s.end, r["end"]) - max(s.start, r["start"]))
                    if inside * 2 >= s.end - s.start:
                        preds[(aid, r["start"])].append(s)
        result["splits"][split] = evaluate(srows, preds, ids)
        result["splits"][split]["article_level"] = article_level(srows, preds, analyzer.scorer.calibration)
    encoder.save()
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for split, res in result["splits"].items():
        print(split, json.dumps(res["micro"]), "voice", res["voice_accuracy_all_gold"], res["voice_accuracy_found"],
              "article", json.dumps({k: res["article_level"][k] for k in ("tp", "fp", "fn", "precision", "recall")}))


if __name__ == "__main__":
    main()
