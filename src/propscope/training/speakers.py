"""Learn the pronoun ranking of speaker resolution from PolNeAR train (issue 15 §1).

    python -m propscope.training.speakers POLNEAR_DIR [--out DIR] [--work DIR] [--report FILE]

Labelled examples for free: every gold attribution whose source is an unambiguous name of a
person ("Sen. Jane Roe said", "Roe said": a PERSON mention that ends the source, in a source
of at most six words) is turned into the same attribution with "he"/"she" as its source.  The
name's mentions inside the source are removed from the entity layer (so the resolver sees
what it would see had the text said "he"), the pronoun takes the gender the text gives the
person (titles, pronouns after their mentions); people of unknown gender give no example.
The candidates are the gender-compatible people named before the source, with the features
of :meth:`AttributionSpeakers.features` (previous speaker, recency, subject, …); the label
is the named person.  With ``--pronouns``, real "he"/"she" sources add examples too: when
exactly one of the people of known gender named before one agrees with the pronoun, that
person is the label and those people are ranked with gender-blind features, so the
weights also see how writers really use pronouns (a writer repeats a name where a pronoun
would be unclear, which makes the name examples harder than real pronouns).  Features the
examples cannot teach keep hand-set weights (:data:`FIXED_WEIGHTS`).  Speakers of earlier attributions (the ``previous`` and ``was_speaker``
features) are what the resolver itself returns for them, as at run time.

Model: a conditional logit (softmax over the candidates of one mention) with L2, fitted by
L-BFGS over standardised features (numpy and scipy, both runtime dependencies); the
threshold on the top candidate's probability is calibrated on the fitting examples to
maximise right − ``wrong_cost`` × wrong (abstaining scores 0: a wrong name is worse than
none).  Reported: top-1 accuracy and, with the threshold, precision and coverage, on a
held-out 20 % of train (:func:`propscope.training.data.split_heldout`; fitted on the other
80 %) and on PolNeAR dev (fitted on all of train, the shipped model), next to the hand-set
weights this replaced.

spaCy's NER output is cached in ``--work`` (``ner.pkl``).  Nothing of PolNeAR is written to
the model folder but the learned weights and counts.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analyzers.attribution.speakers import (
    FEATURES,
    NAMES_FILE,
    SCORER_FILE,
    AttributionSpeakers,
    SpeakerScorer,
    load_first_names,
)
from propscope.analyzers.entities.analyzer import entity_layer_parts
from propscope.analyzers.entities.resolve import EntityRef
from propscope.article import Span
from propscope.evaluation.attribution import GoldArticle, read_polnear
from propscope.manifest import write_manifest
from propscope.segment import segment

__all__ = ["FIXED_WEIGHTS", "HAND_WEIGHTS", "Example", "article_examples", "calibrate", "evaluate", "fit", "hand_scorer", "main"]

#: the hand-set weights the learned ones replaced (raw feature scale), for comparison
HAND_WEIGHTS = {"last_speaker": 2.0, "recency": -0.6, "subject": 0.8, "same_sentence": 1.0,
                "salience": 0.5, "furniture": -4.0, "one_word": -1.5}
#: weights the examples cannot teach, held at their hand-set values: PolNeAR has no captions,
#: credits or video promos, so a candidate named only there never occurs; and a writer does
#: not name the subject of a sentence again as its source ("After Roe was moved, Roe said"),
#: so in the examples the subject of the pronoun's own sentence is never the speaker, while
#: in real text ("After Roe was moved, she said") it nearly always is
FIXED_WEIGHTS = {"furniture": -4.0, "same_sentence": 1.0}
#: a wrong name costs this many right ones when the threshold is calibrated
WRONG_COST = 1.0
_MAX_SOURCE_WORDS = 6

Example = tuple[np.ndarray, int]  # candidate feature rows, index of the right one


def hand_scorer() -> SpeakerScorer:
    """The hand-set weights as a scorer (no standardisation, no threshold)."""
    w = np.array([HAND_WEIGHTS.get(f, 0.0) for f in FEATURES])
    return SpeakerScorer(w, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), 0.0)


def _named_person(r: AttributionSpeakers, text: str, src: tuple[int, int]) -> tuple[Span, EntityRef] | None:
    """The PERSON mention that names a source, when the source is just a (titled) name."""
    a, b = src
    words = text[a:b].split()
    if not words or len(words) > _MAX_SOURCE_WORDS:
        return None
    inside = [m for m in r.mentions if a <= m.start and m.end <= b]
    people = [m for m in inside if r.entities[m.attrs["entity"]].type == "PERSON"]
    if len(people) != 1 or len(inside) != 1:
        return None
    m = people[0]
    rest = text[m.end : b].strip(" ,.")
    if rest or r._possessor(m.end, b):
        return None  # "Roe's spokesman", "Roe and aides": not the name alone
    return m, r.entities[m.attrs["entity"]]


def article_examples(gold: GoldArticle, ents: Sequence[Span], scorer: SpeakerScorer,
                     counts: Counter[str] | None = None, names: Mapping[str, str] | None = None,
                     kind: str = "names") -> list[Example]:
    """Ranking examples of one article (see the module doc): ``kind="names"``, named sources
    turned into pronouns; ``kind="pronouns"``, real "he"/"she" sources where exactly one of the
    candidates of known gender has the pronoun's, ranked gender-blind among those (the label comes
    from agreement, the features ignore it, so they learn how real pronouns are used)."""
    counts = counts if counts is not None else Counter()
    text = gold.text
    paras, sents = segment(text)
    mentions, table = entity_layer_parts(text, ents)
    full = AttributionSpeakers(text, mentions, table, None, paras, sents, scorer=scorer, first_names=names or {})
    attrs = sorted((x for x in gold.attributions if x.source), key=lambda x: x.source[0][0])
    known = dict(full.gender)  # before any pronoun is resolved (resolving one assigns a gender)
    previous: EntityRef | None = None
    out: list[Example] = []
    for attr in attrs:
        src = attr.source[0]
        skip = (attr.content[0][0], attr.content[-1][1])
        word = text[src[0] : src[1]].strip().lower()
        named = _named_person(full, text, src) if kind == "names" else None
        if kind == "pronouns" and word in ("he", "she"):
            cands, x = full.candidate_matrix(src[0], None, previous, skip)
            gs = [known.get(c.id) for c in cands]
            rows = [i for i, g in enumerate(gs) if g is not None]  # people of unknown gender: left out
            gs = [gs[i] for i in rows]
            if len(rows) >= 2 and gs.count("m" if word == "he" else "f") == 1:
                counts["examples"] += 1
                out.append((x[rows], gs.index("m" if word == "he" else "f")))
            else:
                counts["skipped: gender leaves no single candidate"] += 1
        if named is not None:
            m, ent = named
            counts["named sources"] += 1
            kept = [x for x in mentions if not (src[0] <= x.start < src[1])]
            r = AttributionSpeakers(text, kept, table, None, paras, sents, scorer=scorer, first_names=names or {})
            r.spoke = dict(full.spoke)
            gender = r.gender.get(ent.id)
            if gender is None:
                counts["skipped: gender unknown"] += 1
            else:
                cands, x = r.candidate_matrix(m.start, gender, previous, skip)
                ids = [c.id for c in cands]
                if ent.id not in ids:
                    counts["skipped: no earlier mention"] += 1
                else:
                    counts["examples"] += 1
                    counts[f"candidates {min(len(ids), 5)}{'+' if len(ids) >= 5 else ''}"] += 1
                    out.append((x, ids.index(ent.id)))
        sp = full.resolve(src[0], src[1], previous=previous, skip=skip)
        if sp is not None:
            previous = sp
    return out


def _loss(params: np.ndarray, xs: Sequence[np.ndarray], ys: Sequence[int], l2: float,
          ws: Sequence[float] | None = None) -> tuple[float, np.ndarray]:
    """Weighted mean negative log-likelihood of the right candidates plus ``l2`` / 2 × |params|²,
    and its gradient."""
    loss, grad = 0.0, np.zeros_like(params)
    ws = ws if ws is not None else [1.0] * len(xs)
    for x, y, w in zip(xs, ys, ws, strict=True):
        s = x @ params
        s = s - s.max()
        e = np.exp(s)
        loss -= w * float(s[y] - np.log(e.sum()))
        grad += w * (x.T @ (e / e.sum()) - x[y])
    n = max(1.0, float(sum(ws)))
    return loss / n + 0.5 * l2 * float(params @ params), grad / n + l2 * params


def fit(examples: Sequence[Example], l2: float = 0.01, calibrate_on: Sequence[Example] | None = None,
        weights: Sequence[float] | None = None) -> SpeakerScorer:
    """The conditional logit over standardised features (``weights``: per example, default 1);
    threshold calibrated on ``calibrate_on`` (default: ``examples``)."""
    from scipy.optimize import minimize

    allx = np.vstack([x for x, _ in examples])
    mean = allx.mean(axis=0)
    scale = allx.std(axis=0)
    scale[scale == 0] = 1.0
    fixed = np.array([f in FIXED_WEIGHTS for f in FEATURES])
    mean[fixed], scale[fixed] = 0.0, 1.0  # fixed weights act on the raw feature
    base = np.array([FIXED_WEIGHTS.get(f, 0.0) for f in FEATURES])
    xs = [(x - mean) / scale for x, _ in examples]
    ys = [y for _, y in examples]
    free = ~fixed

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        full = base.copy()
        full[free] = w
        value, grad = _loss(full, xs, ys, l2, weights)
        return value - 0.5 * l2 * float(base @ base), grad[free]

    res = minimize(loss, np.zeros(int(free.sum())), jac=True, method="L-BFGS-B")
    weights = base.copy()
    weights[free] = res.x
    scorer = SpeakerScorer(weights, mean, scale, 0.0)
    return SpeakerScorer(weights, mean, scale, calibrate(scorer, examples if calibrate_on is None else calibrate_on))


def _tops(scorer: SpeakerScorer, examples: Sequence[Example]) -> list[tuple[float, bool]]:
    out = []
    for x, y in examples:
        p = scorer.probabilities(x)
        k = int(np.argmax(p))
        out.append((float(p[k]), k == y))
    return out


def calibrate(scorer: SpeakerScorer, examples: Sequence[Example], wrong_cost: float = WRONG_COST) -> float:
    """The probability threshold maximising right − ``wrong_cost`` × wrong among the answered."""
    by_p: dict[float, float] = {}
    for p, right in _tops(scorer, examples):
        by_p[p] = by_p.get(p, 0.0) + (1.0 if right else -wrong_cost)
    best, best_t, gain = 0.0, 1.01, 0.0
    for p in sorted(by_p, reverse=True):  # answer every example at or above p
        gain += by_p[p]
        if gain > best:
            best, best_t = gain, p
    return best_t if best_t > 1 else float(np.floor(best_t * 10_000) / 10_000)


def evaluate(scorer: SpeakerScorer, examples: Sequence[Example]) -> dict[str, Any]:
    """Top-1 accuracy, and with the threshold: coverage, precision, right of all."""
    tops = _tops(scorer, examples)
    n = len(tops)
    answered = [right for p, right in tops if p >= scorer.threshold]
    single = sum(1 for x, _ in examples if len(x) == 1)
    return {"examples": n, "one_candidate": single,
            "top1": round(sum(r for _, r in tops) / n, 4) if n else None,
            "coverage": round(len(answered) / n, 4) if n else None,
            "precision": round(sum(answered) / len(answered), 4) if answered else None,
            "right_of_all": round(sum(answered) / n, 4) if n else None}


def ner_cache(articles: Sequence[GoldArticle], work: Path | None, log: Callable[[str], None] = print
              ) -> dict[str, list[Span]]:
    """spaCy's entity mentions of each article, cached in ``work/ner.pkl``."""
    path = work / "ner.pkl" if work else None
    cache: dict[str, list[tuple[int, int, str]]] = {}
    if path is not None and path.is_file():
        cache = pickle.loads(path.read_bytes())
    todo = [a for a in articles if a.name not in cache]
    if todo:
        from propscope.analyzers.entities.nlp import _chunks, analyse_many, load_spacy

        log(f"spaCy NER over {len(todo)} articles …")
        nlp = load_spacy()
        items = [(a.text, _chunks(a.text, segment(a.text)[0])) for a in todo]
        for a, res in zip(todo, analyse_many(nlp, items), strict=True):
            cache[a.name] = [(s.start, s.end, s.label) for s in res.ents]
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(cache))
    return {a.name: [Span(*t) for t in cache[a.name]] for a in articles}


def examples_of(articles: Sequence[GoldArticle], ner: dict[str, list[Span]], scorer: SpeakerScorer,
                counts: Counter[str] | None = None, names: Mapping[str, str] | None = None,
                kind: str = "names") -> list[Example]:
    out: list[Example] = []
    for a in articles:
        out.extend(article_examples(a, ner[a.name], scorer, counts, names, kind))
    return out


def name_table(name_data: Path, min_count: int = 1000, purity: float = 0.95) -> dict[str, str]:
    """First name -> "m"/"f" from nomquamgender's ``name_data.json`` (MIT licence; Van Buskirk
    et al. 2022): names seen at least ``min_count`` times whose probability of being a woman's
    is at least ``purity`` or at most 1 − ``purity``; plain lower-case Latin names only."""
    data = json.loads(Path(name_data).read_text(encoding="utf-8"))
    out = {}
    for name, row in data.items():
        if row[1] >= min_count and re.fullmatch(r"[a-z][a-z\-]+", name) and (row[2] >= purity or row[2] <= 1 - purity):
            out[name] = "f" if row[2] >= purity else "m"
    return dict(sorted(out.items()))


def write_scorer(scorer: SpeakerScorer, out: Path, meta: dict[str, Any], names: Mapping[str, str] | None = None
                 ) -> Path:
    """``speakers.json`` (and ``first_names.tsv`` when ``names``) in ``out``, and its manifest."""
    out.mkdir(parents=True, exist_ok=True)
    if names:
        (out / NAMES_FILE).write_text("".join(f"{n}\t{g}\n" for n, g in names.items()), encoding="utf-8")
    data = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in scorer.weights],
            "mean": [round(float(v), 6) for v in scorer.mean], "scale": [round(float(v), 6) for v in scorer.scale],
            "threshold": scorer.threshold, **meta}
    (out / SCORER_FILE).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    write_manifest(out)
    return out / SCORER_FILE


def main(argv: Sequence[str] | None = None) -> int:
    from propscope.training.data import HELDOUT_FRACTION, SPLIT_SEED, split_heldout

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("polnear", type=Path)
    ap.add_argument("--out", type=Path, default=None, help="model folder to write (default: none, report only)")
    ap.add_argument("--work", type=Path, default=None, help="cache folder for spaCy's output")
    ap.add_argument("--report", type=Path, default=None, help="write the figures as JSON here")
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--pronouns", action="store_true",
                    help="also learn from real he/she sources that gender agreement labels (see article_examples)")
    ap.add_argument("--names", type=Path, default=None,
                    help="nomquamgender's name_data.json (from its wheel), for the first-name gender fallback; "
                         "or a shipped first_names.tsv (its folder's manifest checked) to keep that table")
    ns = ap.parse_args(argv)
    train = read_polnear(ns.polnear, "train")
    dev = read_polnear(ns.polnear, "dev")
    ner = ner_cache([*train, *dev], ns.work)
    names = (load_first_names(str(ns.names.parent)) if ns.names and ns.names.suffix == ".tsv"
             else name_table(ns.names) if ns.names else {})
    print(f"first-name table: {len(names)} names", flush=True)
    fit_arts, held_arts = split_heldout(train, HELDOUT_FRACTION, SPLIT_SEED, key=lambda a: a.name)
    hand = hand_scorer()
    # two rounds: the earlier speakers (previous, was_speaker) come from the resolver itself,
    # first with the hand-set weights, then with the weights learned in the first round
    scorer = hand
    report: dict[str, Any] = {"features": list(FEATURES), "l2": ns.l2, "wrong_cost": WRONG_COST}
    kinds = ("names", "pronouns") if ns.pronouns else ("names",)
    for rnd in (1, 2):
        counts: dict[str, Counter[str]] = {k: Counter() for k in kinds}
        ex = {(part, k): examples_of(arts, ner, scorer, counts[k] if part == "fit" else None, names, k)
              for part, arts in (("fit", fit_arts), ("held", held_arts), ("dev", dev)) for k in kinds}
        # the threshold is for gender-filtered candidates, as the "names" examples have them
        # each kind weighs as much as the other in the loss: the real pronouns are few, but
        # they are what the ranker meets at run time
        def balanced(parts: Sequence[str]) -> tuple[list[Example], list[float]]:
            exs = {k: [e for part in parts for e in ex[part, k]] for k in kinds}
            total = sum(len(v) for v in exs.values())
            w = [total / (len(kinds) * len(exs[k])) for k in kinds for _ in exs[k]]
            return [e for k in kinds for e in exs[k]], w

        fit_ex, fit_w = balanced(["fit"])
        learned = fit(fit_ex, ns.l2, ex["fit", "names"], fit_w)
        all_ex, all_w = balanced(["fit", "held"])
        final = fit(all_ex, ns.l2, ex["fit", "names"] + ex["held", "names"], all_w)
        report[f"round{rnd}"] = {"counts_fit": {k: dict(sorted(c.items())) for k, c in counts.items()}}
        for k in kinds:
            report[f"round{rnd}"][k] = {
                "heldout": {"hand": evaluate(hand, ex["held", k]), "learned_on_80pct": evaluate(learned, ex["held", k])},
                "dev": {"hand": evaluate(hand, ex["dev", k]), "learned_on_train": evaluate(final, ex["dev", k])},
                "train_in_sample": evaluate(final, ex["fit", k] + ex["held", k]),
            }
        print(json.dumps(report[f"round{rnd}"]), flush=True)
        scorer = final
    report["weights"] = dict(zip(FEATURES, (round(float(w), 4) for w in scorer.weights), strict=True))
    report["threshold"] = scorer.threshold
    print(json.dumps({"weights": report["weights"], "threshold": scorer.threshold}, indent=1))
    if ns.out is not None:
        meta = {"trained_on": "PolNeAR v1.0.0 train (840 articles), 'name said' sources turned into he/she",
                "kinds": list(kinds), "l2": ns.l2, "wrong_cost": WRONG_COST,
                "examples": {k: report["round2"][k]["train_in_sample"]["examples"] for k in kinds},
                "heldout_20pct": {k: report["round2"][k]["heldout"]["learned_on_80pct"] for k in kinds},
                "dev": {k: report["round2"][k]["dev"]["learned_on_train"] for k in kinds}}
        meta["first_names"] = ("nomquamgender 0.1.4 name_data.json (MIT), count >= 1000, p >= 0.95"
                               if names else None)
        print(f"wrote {write_scorer(scorer, ns.out, meta, names)}")
    if ns.report is not None:
        ns.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
