"""Train the attribution CRF on PolNeAR train (``propscope attribution train-model``).

Steps: read the split (one annotator per article), segment each article, find its quotes,
run spaCy NER (cached in ``--work``), turn the gold Source / Cue / Content spans into BIO
tags over the regex tokens, learn the cue lexicon (words tagged Cue in at least
``min_cue_share`` of their occurrences and ``min_cue_count`` times), and fit a linear-chain
CRF with L-BFGS and elastic-net regularisation (defaults: the shipped model's settings,
``c1=2.0``, ``c2=0.05``, 120 iterations, features seen fewer than 5 times dropped; strong L1
scored best on dev: c1 0.2 / 0.5 / 1 / 2 / 4 gave attribution F1 0.552 / 0.556 / 0.606 /
0.614 / 0.612 with the same rules).  ``stack_folds`` > 1 adds a stacked level-2 CRF over
out-of-fold level-1 tags; measured at c1=0.2 it did not help (0.548 vs 0.552), so the
shipped model has none.  Writes ``crf.model``, ``cue_words.txt``,
``config.json`` and ``MANIFEST.sha256``.

Needs only the runtime dependencies (python-crfsuite, spaCy); PolNeAR is an argument and
nothing of it is written to the model folder except learned weights and the cue lexicon.
"""

from __future__ import annotations

import json
import pickle
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from propscope.analyzers.attribution.features import (
    Unit,
    dependency_tree,
    featurize,
    quote_depths,
    span_labels,
    stack_features,
    units,
)
from propscope.analyzers.attribution.model import entity_labels, write_manifest
from propscope.analyzers.quotes import find_quotes
from propscope.article import Span
from propscope.evaluation.attribution import GoldArticle, read_polnear
from propscope.segment import segment

__all__ = ["gold_tags", "prepare", "train"]

ROLE_TAG = {"Source": "SRC", "Cue": "CUE", "Content": "CON"}


def gold_tags(article: GoldArticle, us: Sequence[Unit]) -> list[list[str]]:
    """BIO tags of every token: a token takes the role of the span covering its first char."""
    owner: dict[int, tuple[str, int, int]] = {}
    for k, attr in enumerate(article.attributions):
        for role, spans in (("CON", attr.content), ("CUE", attr.cue), ("SRC", attr.source)):
            for j, (a, b) in enumerate(spans):
                for i in range(a, b):
                    owner.setdefault(i, (role, k, j))
    out = []
    for u in us:
        tags = []
        prev = None
        for t in u.tokens:
            o = owner.get(t.start)
            if o is None:
                tags.append("O")
            else:
                tags.append(("I-" if prev == o else "B-") + o[0])
            prev = o
        out.append(tags)
    return out


def prepare(articles: Sequence[GoldArticle], work: Path | None, use_entities: bool,
            max_tokens: int = 250, use_deps: bool = False) -> list[dict[str, Any]]:
    """Segment, find quotes and run spaCy (cached in ``work``) over each article."""
    cache: dict[str, tuple[Any, ...]] = {}
    cache_file = (work / ("nlp_deps.pkl" if use_deps else "nlp.pkl")) if work else None
    if use_entities:
        if cache_file and cache_file.is_file():
            raw = pickle.loads(cache_file.read_bytes())
            # (ents, tags, deps, heads); caches written before the parser was used hold (ents, tags)
            cache = {k: ([Span(*x) for x in v[0]], [Span(*x) for x in v[1]], *(v[2:] or ([], [])))
                     for k, v in raw.items()}
        todo = [a for a in articles if a.name not in cache]
        if todo:
            from propscope.analyzers.entities.nlp import _chunks, analyse_many, load_spacy

            nlp = load_spacy(parser=use_deps)
            items = []
            for a in todo:
                paras, _ = segment(a.text)
                items.append((a.text, _chunks(a.text, paras)))
            for a, res in zip(todo, analyse_many(nlp, items), strict=True):
                cache[a.name] = (list(res.ents), list(res.tags), list(res.deps), list(res.heads))
            if cache_file:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                plain = {k: ([(s.start, s.end, s.label) for s in v[0]], [(s.start, s.end, s.label) for s in v[1]],
                             *v[2:]) for k, v in cache.items()}
                cache_file.write_bytes(pickle.dumps(plain))
    out = []
    for a in articles:
        paras, sents = segment(a.text)
        us = units(a.text, paras, sents, max_tokens)
        quotes = find_quotes(a.text, paras)
        ents, tags, deps, heads = cache.get(a.name, ([], [], [], []))
        out.append({"article": a, "units": us, "quotes": quotes, "paras": paras, "sents": sents,
                    "entities": ents, "pos": tags, "deps": deps, "heads": heads})
    return out


def learn_cue_words(prepared: Sequence[dict[str, Any]], min_count: int = 3, min_share: float = 0.15) -> list[str]:
    total: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for item in prepared:
        for u, tags in zip(item["units"], item["tags"], strict=True):
            for t, tag in zip(u.tokens, tags, strict=True):
                w = t.text.lower()
                total[w] += 1
                if tag.endswith("CUE") and w.isalpha():
                    cue[w] += 1
    return sorted(w for w, c in cue.items() if c >= min_count and c / total[w] >= min_share)


def train(
    polnear: Path,
    out_dir: Path,
    *,
    work: Path | None = None,
    use_entities: bool = True,
    c1: float = 2.0,
    c2: float = 0.05,
    max_iterations: int = 120,
    limit: int | None = None,
    max_tokens: int = 250,
    minfreq: int = 5,
    stack_folds: int = 0,
    use_deps: bool = True,
    articles: Sequence[GoldArticle] | None = None,
    log: Any = print,
) -> dict[str, Any]:
    """Fit the CRF on PolNeAR train (or on ``articles``, e.g. a part of train) into ``out_dir``."""
    import pycrfsuite

    t0 = time.time()
    if articles is None:
        articles = read_polnear(polnear, "train", limit=limit)
    log(f"read {len(articles)} train articles, {sum(len(a.attributions) for a in articles)} attributions")
    prepared = prepare(articles, work, use_entities, max_tokens, use_deps=use_deps)
    for item in prepared:
        item["tags"] = gold_tags(item["article"], item["units"])
    cue_words = frozenset(learn_cue_words(prepared))
    log(f"prepared in {time.time() - t0:.0f}s; {len(cue_words)} cue words")
    seqs: list[list[tuple[Any, list[dict[str, float]], list[str]]]] = []  # per article: (unit, feats, tags)
    n_tokens = 0
    for item in prepared:
        art = []
        tag_starts = [s.start for s in item["pos"]]
        for u, tags in zip(item["units"], item["tags"], strict=True):
            depths = quote_depths(u.tokens, item["quotes"])
            ents = entity_labels(item["entities"], u.tokens) if use_entities else None
            pos = span_labels(item["pos"], u.tokens) if use_entities else None
            tree = (dependency_tree(u.tokens, item["pos"], item["deps"], item["heads"], tag_starts)
                    if use_deps else None)
            art.append((u, featurize(u, depths, cue_words, ents, pos, tree), tags))
            n_tokens += len(tags)
        seqs.append(art)
    params = {"c1": c1, "c2": c2, "max_iterations": max_iterations,
              "feature.possible_transitions": True, "feature.minfreq": minfreq}
    out_dir.mkdir(parents=True, exist_ok=True)

    def fit(arts: Sequence[int], path: Path, level2: dict[int, list[list[dict[str, float]]]] | None = None) -> None:
        trainer = pycrfsuite.Trainer(verbose=False)
        for k in arts:
            for j, (_, feats, tags) in enumerate(seqs[k]):
                trainer.append(level2[k][j] if level2 is not None else feats, tags)
        trainer.set_params(params)
        trainer.train(str(path))

    log(f"training on {n_tokens} tokens")
    fit(range(len(seqs)), out_dir / "crf.model")
    log(f"level 1 trained at {time.time() - t0:.0f}s")
    if stack_folds > 1:
        level2: dict[int, list[list[dict[str, float]]]] = {}
        for fold in range(stack_folds):
            held = [k for k in range(len(seqs)) if k % stack_folds == fold]
            rest = [k for k in range(len(seqs)) if k % stack_folds != fold]
            tmp = out_dir / f".fold{fold}.model"
            fit(rest, tmp)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(tmp))
            for k in held:
                level2[k] = [stack_features(feats, u, tagger) for u, feats, _ in seqs[k]]
            tagger.close()
            tmp.unlink()
            log(f"fold {fold + 1}/{stack_folds} at {time.time() - t0:.0f}s")
        fit(range(len(seqs)), out_dir / "crf2.model", level2)
        log(f"level 2 trained at {time.time() - t0:.0f}s")
    (out_dir / "cue_words.txt").write_text("\n".join(sorted(cue_words)) + "\n", encoding="utf-8")
    config = {"use_entities": use_entities, "use_pos": use_entities, "use_deps": use_deps,
              "max_tokens": max_tokens, "c1": c1, "c2": c2, "max_iterations": max_iterations, "minfreq": minfreq,
              "stacked": stack_folds > 1, "stack_folds": stack_folds, "train_articles": len(articles),
              "train_tokens": n_tokens, "features": "features.v3" if use_deps else "features.v2"}
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    write_manifest(out_dir)
    log(f"trained in {time.time() - t0:.0f}s -> {out_dir}")
    return config


if __name__ == "__main__":  # pragma: no cover
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", type=Path, required=True)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--no-entities", action="store_true")
    ap.add_argument("--iterations", type=int, default=120)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--c1", type=float, default=2.0)
    ap.add_argument("--minfreq", type=int, default=5)
    ap.add_argument("--stack-folds", type=int, default=0)
    ap.add_argument("--no-deps", dest="deps", action="store_false", help="no dependency-tree features")
    ns = ap.parse_args()
    train(ns.polnear, ns.out, work=ns.work, use_entities=not ns.no_entities, max_iterations=ns.iterations,
          limit=ns.limit, c1=ns.c1, minfreq=ns.minfreq, stack_folds=ns.stack_folds, use_deps=ns.deps)
