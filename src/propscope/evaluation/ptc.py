"""The Propaganda Techniques Corpus (SemEval-2020 Task 11): files and metrics.

Offsets are Python ``str`` indices of an article file decoded with ``encoding="utf-8"``
(a leading BOM is kept and counts as character 0).  The article id is the digits after
``article`` in the file name.

SI (span identification), as in the task: overlapping spans of one article are merged (for
both prediction and gold); with ``C(s, t, h) = |s ∩ t| / h``,
``P = Σ_s Σ_t C(s, t, |s|) / |S|`` and ``R = Σ_s Σ_t C(s, t, |t|) / |T|`` over all predicted
spans ``S`` and gold spans ``T`` of the split.

TC (technique classification): micro P/R/F1 over template rows.  Rows naming the same
``(article, start, end)`` are matched as multisets (a span listed twice with two techniques
counts two hits when both are predicted, in any order).

Calibration (ours, not the task's): do the scores mean what they say?  A detection is right
when a gold fragment of the same technique overlaps it by at least half of either one
(:func:`fragment_matches`, the rule the calibration is fitted with); a sentence is right when
any gold fragment touches it.  Reported: expected calibration error over ten equal-width
score bins, Brier score, and the reliability table.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from propscope.errors import InputError

__all__ = [
    "PTCArticle",
    "TCRow",
    "article_id_from_name",
    "calibration_scores",
    "fragment_matches",
    "merge_spans",
    "read_article",
    "read_articles",
    "read_si_labels",
    "read_tc_labels",
    "si_scores",
    "tc_scores",
    "touches_gold",
    "write_si",
    "write_tc",
]

_ID = re.compile(r"article(\d+)")


def article_id_from_name(name: str) -> str:
    m = _ID.search(name)
    if not m:
        raise InputError(f"{name}: not a PTC article file name (expected article<ID>.txt)")
    return m.group(1)


@dataclass(frozen=True)
class PTCArticle:
    id: str
    text: str

    @property
    def lines(self) -> list[tuple[int, int]]:
        """Non-empty lines as ``(start, end)``: line 1 is the title, then one sentence a line."""
        out = []
        pos = 0
        for line in self.text.split("\n"):
            end = pos + len(line)
            a, b = pos, end
            while a < b and self.text[a].isspace():
                a += 1
            while b > a and self.text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
            pos = end + 1
        return out

    @property
    def title(self) -> str:
        lines = self.lines
        return self.text[lines[0][0] : lines[0][1]].lstrip("\ufeff") if lines else ""


def read_article(path: Path) -> PTCArticle:
    with Path(path).open(encoding="utf-8", newline="") as fh:  # BOM kept: it is character 0
        text = fh.read()
    return PTCArticle(article_id_from_name(Path(path).name), text)


def read_articles(folder: Path) -> list[PTCArticle]:
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of PTC articles")
    files = sorted(folder.glob("article*.txt"), key=lambda p: (len(p.name), p.name))
    if not files:
        raise InputError(f"{folder}: no article<ID>.txt files")
    return [read_article(p) for p in files]


@dataclass(frozen=True)
class TCRow:
    article_id: str
    technique: str
    start: int
    end: int


def _rows(path: Path) -> Iterable[list[str]]:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such label file")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        yield [str(n)] + cols


def read_si_labels(path: Path) -> list[tuple[str, int, int]]:
    out = []
    for n, *cols in _rows(path):
        if len(cols) != 3:
            raise InputError(f"{path}:{n}: expected 3 tab-separated columns, got {len(cols)}")
        out.append((cols[0], int(cols[1]), int(cols[2])))
    return out


def read_tc_labels(path: Path) -> list[TCRow]:
    out = []
    for n, *cols in _rows(path):
        if len(cols) != 4:
            raise InputError(f"{path}:{n}: expected 4 tab-separated columns, got {len(cols)}")
        out.append(TCRow(cols[0], cols[1], int(cols[2]), int(cols[3])))
    return out


def write_si(path: Path, rows: Iterable[tuple[str, int, int]]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(f"{aid}\t{s}\t{e}\n" for aid, s, e in rows)


def write_tc(path: Path, rows: Iterable[TCRow]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(f"{r.article_id}\t{r.technique}\t{r.start}\t{r.end}\n" for r in rows)


# --------------------------------------------------------------------------- SI


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping spans (touching spans stay separate); empty spans dropped."""
    out: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(a, b) for a, b in out]


def _group(rows: Iterable[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    by: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, s, e in rows:
        by[aid].append((s, e))
    return {k: merge_spans(v) for k, v in by.items()}


def si_scores(pred: Iterable[tuple[str, int, int]], gold: Iterable[tuple[str, int, int]]) -> dict[str, float]:
    """SemEval-2020 Task 11 SI precision, recall and F1 (see the module docstring)."""
    P = _group(pred)
    G = _group(gold)
    n_pred = sum(len(v) for v in P.values())
    n_gold = sum(len(v) for v in G.values())
    p_sum = r_sum = 0.0
    for aid, spans in P.items():
        golds = G.get(aid, [])
        for s, e in spans:
            for t0, t1 in golds:
                inter = min(e, t1) - max(s, t0)
                if inter > 0:
                    p_sum += inter / (e - s)
                    r_sum += inter / (t1 - t0)
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "n_pred": n_pred, "n_gold": n_gold}


# --------------------------------------------------------------------------- TC


def tc_scores(pred: Sequence[TCRow], gold: Sequence[TCRow], labels: Sequence[str] = ()) -> dict[str, object]:
    """Micro P/R/F1 over rows, plus per-technique P/R/F1."""
    g_by: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    p_by: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for r in gold:
        g_by[(r.article_id, r.start, r.end)][r.technique] += 1
    for r in pred:
        if r.technique and r.technique != "?":
            p_by[(r.article_id, r.start, r.end)][r.technique] += 1
    hits: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key, c in g_by.items():
        n_gold.update(c)
        hits.update(c & p_by.get(key, Counter()))
    for c in p_by.values():
        n_pred.update(c)
    tp, np_, ng = sum(hits.values()), sum(n_pred.values()), sum(n_gold.values())
    precision = tp / np_ if np_ else 0.0
    recall = tp / ng if ng else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per: dict[str, dict[str, float]] = {}
    for label in sorted(set(labels) | set(n_gold) | set(n_pred)):
        p = hits[label] / n_pred[label] if n_pred[label] else 0.0
        r = hits[label] / n_gold[label] if n_gold[label] else 0.0
        per[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                      "support": n_gold[label]}
    return {"precision": precision, "recall": recall, "f1": f1, "n_pred": np_, "n_gold": ng, "per_technique": per}


def gold_by_article(rows: Iterable[TCRow]) -> Mapping[str, list[TCRow]]:
    out: dict[str, list[TCRow]] = defaultdict(list)
    for r in rows:
        out[r.article_id].append(r)
    return out


# --------------------------------------------------------------------------- running a model


def ptc_item(article: PTCArticle) -> object:
    """A predictor input for a PTC article: its text, one sentence per line, line 1 as title."""
    from propscope.analyzers.techniques.predictor import Item

    return Item(article.text, article.lines, article.title)


def score_articles(predictor: object, articles: Sequence[PTCArticle], batch: int = 8) -> list[object]:
    out: list[object] = []
    for i in range(0, len(articles), batch):
        out.extend(predictor.score([ptc_item(a) for a in articles[i : i + batch]]))  # type: ignore[attr-defined]
    return out


def predict_si(predictor: object, articles: Sequence[PTCArticle], scored: Sequence[object] | None = None
               ) -> list[tuple[str, int, int]]:
    scored = scored if scored is not None else score_articles(predictor, articles)
    rows = []
    for a, sc in zip(articles, scored, strict=True):
        for s, e, _ in predictor.spans(sc):  # type: ignore[attr-defined]
            rows.append((a.id, s, e))
    return rows


def classify_rows(predictor: object, articles: Sequence[PTCArticle], template: Sequence[TCRow],
                  scored: Sequence[object] | None = None) -> list[TCRow]:
    """Fill the technique of every template row; rows naming one fragment get distinct techniques."""
    from propscope.analyzers.techniques.decoding import assign_rows
    from propscope.analyzers.techniques.definitions import TECHNIQUES

    by_id = {a.id: k for k, a in enumerate(articles)}
    missing = sorted({r.article_id for r in template} - set(by_id))
    if missing:
        raise InputError(f"template names articles that are not in the folder: {', '.join(missing[:5])}")
    needed = sorted({by_id[r.article_id] for r in template})
    if scored is None:
        sub = score_articles(predictor, [articles[k] for k in needed])
        scored_by = dict(zip(needed, sub, strict=True))
    else:
        scored_by = {k: scored[k] for k in needed}
    groups: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, r in enumerate(template):
        groups[(r.article_id, r.start, r.end)].append(i)
    labels: list[str] = [""] * len(template)
    per_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, s, e in groups:
        per_article[aid].append((s, e))
    for aid, spans in per_article.items():
        probs = predictor.span_probs(scored_by[by_id[aid]], spans)  # type: ignore[attr-defined]
        for (s, e), p in zip(spans, probs, strict=True):
            rows = groups[(aid, s, e)]
            for i, k in zip(rows, assign_rows(p, len(rows)), strict=True):
                labels[i] = TECHNIQUES[k]
    return [TCRow(r.article_id, labels[i], r.start, r.end) for i, r in enumerate(template)]


def fragment_matches(start: int, end: int, gold: TCRow) -> bool:
    """A found fragment matches a gold one when they overlap by at least half of either."""
    inter = min(end, gold.end) - max(start, gold.start)
    return inter > 0 and (inter >= 0.5 * (end - start) or inter >= 0.5 * (gold.end - gold.start))


def touches_gold(start: int, end: int, gold: Iterable[TCRow]) -> bool:
    """Whether any gold fragment overlaps ``[start, end)`` (a sentence that holds a technique)."""
    return any(r.start < end and r.end > start for r in gold)


def calibration_scores(scores: Sequence[float], right: Sequence[bool], bins: int = 10) -> dict[str, object]:
    """Expected calibration error (equal-width bins, weighted by count), Brier score, reliability rows."""
    n = len(scores)
    if n == 0:
        return {"n": 0, "ece": 0.0, "brier": 0.0, "mean_score": 0.0, "accuracy": 0.0, "bins": []}
    table = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, x in enumerate(scores) if lo <= x < hi or (b == bins - 1 and x == 1.0)]
        if not idx:
            continue
        conf = sum(scores[i] for i in idx) / len(idx)
        acc = sum(bool(right[i]) for i in idx) / len(idx)
        ece += len(idx) / n * abs(acc - conf)
        table.append({"from": lo, "to": hi, "n": len(idx), "mean_score": conf, "right": acc})
    brier = sum((x - float(bool(y))) ** 2 for x, y in zip(scores, right, strict=True)) / n
    return {"n": n, "ece": ece, "brier": brier, "mean_score": sum(scores) / n,
            "accuracy": sum(map(bool, right)) / n, "bins": table}


def calibration_report(predictor: object, articles: Sequence[PTCArticle], scored: Sequence[object],
                       gold: Sequence[TCRow]) -> dict[str, object]:
    """Calibration of the technique detections and of the sentence scores against the gold fragments."""
    by_article = gold_by_article(gold)
    det_scores: list[float] = []
    det_right: list[bool] = []
    sent_scores: list[float] = []
    sent_right: list[bool] = []
    for a, sc in zip(articles, scored, strict=True):
        rows = by_article.get(a.id, [])
        for s, e, name, score in predictor.detections(sc):  # type: ignore[attr-defined]
            det_scores.append(float(score))
            det_right.append(any(r.technique == name and fragment_matches(s, e, r) for r in rows))
        for (s, e), score in zip(a.lines, predictor.sentence_scores(sc), strict=True):  # type: ignore[attr-defined]
            sent_scores.append(float(score))
            sent_right.append(touches_gold(s, e, rows))
    return {"detections": calibration_scores(det_scores, det_right),
            "sentences": calibration_scores(sent_scores, sent_right)}


def evaluate(predictor: object, articles: Sequence[PTCArticle], gold: Sequence[TCRow]) -> dict[str, object]:
    """SI and TC scores of a predictor on a split (TC uses the gold fragments as template), and
    how well its scores are calibrated."""
    from propscope.analyzers.techniques.definitions import TECHNIQUES

    scored = score_articles(predictor, articles)
    si = si_scores(predict_si(predictor, articles, scored), [(r.article_id, r.start, r.end) for r in gold])
    template = [TCRow(r.article_id, "?", r.start, r.end) for r in gold]
    tc = tc_scores(classify_rows(predictor, articles, template, scored), gold, TECHNIQUES)
    return {"si": si, "tc": tc, "calibration": calibration_report(predictor, articles, scored, gold)}


def format_scores(scores: Mapping[str, object]) -> str:
    si = scores["si"]
    tc = scores["tc"]
    assert isinstance(si, Mapping) and isinstance(tc, Mapping)
    lines = [
        f"SI  P {si['precision']:.4f}  R {si['recall']:.4f}  F1 {si['f1']:.4f}  "
        f"({si['n_pred']} predicted, {si['n_gold']} gold fragments)",
        f"TC  P {tc['precision']:.4f}  R {tc['recall']:.4f}  F1 {tc['f1']:.4f}  (micro, {tc['n_gold']} rows)",
        "TC per technique (F1, support):",
    ]
    for name, d in tc["per_technique"].items():  # type: ignore[union-attr]
        lines.append(f"  {name:<38} {d['f1']:.4f}  {d['support']}")
    cal = scores.get("calibration")
    if isinstance(cal, Mapping):
        lines.append("Calibration (ECE: expected calibration error, 10 bins; right = share that matches gold):")
        for what, c in cal.items():
            lines.append(f"  {what:<11} n {c['n']:>5}  ECE {c['ece']:.4f}  Brier {c['brier']:.4f}  "
                         f"mean score {c['mean_score']:.3f}  right {c['accuracy']:.3f}")
            for b in c["bins"]:
                lines.append(f"    score {b['from']:.1f}-{b['to']:.1f}  n {b['n']:>5}  mean {b['mean_score']:.3f}  "
                             f"right {b['right']:.3f}")
    return "\n".join(lines)
