"""Benchmark who-said-what end to end: ``propscope analyze`` on the GGT dev quotes.

    python benchmarks/bench_quotes.py [DATA_DIR] [--errors FILE] [--predictions FILE] [--reuse]

``DATA_DIR`` (default ``../shared/data/quotes/ggt`` from the repository root) holds
``dev.jsonl`` and ``dev-gold.json``; both are read in place, never copied.  The script runs
the real command, ``propscope analyze DATA_DIR/dev.jsonl -o PREDICTIONS`` in a subprocess (by
default with the ``entities`` and ``attribution`` analyzers, which are all that who-said-what
needs; ``--analyzers ""`` runs the defaults), then scores the output with
:mod:`propscope.evaluation.quotes` (the metric is defined there and in the data README).

Gold offsets index the JSONL ``text``; the reader cleans it (``Article.text``), so each
record's ``raw`` must equal the gold text and predictions are mapped back through its offset
map.  Gold quotes that cleaning removed entirely are reported as unmapped (and missed).

Writes ``benchmarks/results/quotes_ggt.json`` (figures and a per-article breakdown of counts,
no text) and, for engineers, an error list (default ``/tmp/propscope_quotes_ggt_errors.txt``;
``.jsonl`` for one JSON object per line): every missed or misattributed quote with the gold
and predicted speaker and a snippet.  The error list holds article text: keep it out of the
repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from propscope.article import OffsetMap  # noqa: E402
from propscope.evaluation.quotes import (  # noqa: E402
    ArticleScore,
    GoldQuote,
    QuoteOutcome,
    body_tokens,
    person_tokens,
    predictions_from_analysis,
    same_person,
    score_article,
    split_reference,
    summarise,
)

#: the console script's body, for an interpreter without the ``propscope`` script beside it
_ENTRY = "import sys; from propscope.cli import main; sys.argv[0] = 'propscope'; sys.exit(main())"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "quotes" / "ggt"


def default_data() -> Path:
    """``$PROPSCOPE_GGT``, else ``../shared/data/quotes/ggt`` from this checkout's root, else from
    the main checkout's root when this is a git worktree elsewhere."""
    env = os.environ.get("PROPSCOPE_GGT")
    if env:
        return Path(env)
    if DEFAULT_DATA.is_dir():
        return DEFAULT_DATA
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return DEFAULT_DATA
    main_data = Path(common).parent.parent / "shared" / "data" / "quotes" / "ggt"
    return main_data if main_data.is_dir() else DEFAULT_DATA


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_analyze(dev: Path, out: Path, analyzers: str, workers: int) -> float:
    """``propscope analyze`` in a subprocess (this checkout's sources first on the path)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    script = Path(sys.executable).parent / "propscope"
    entry = [str(script)] if script.is_file() else [sys.executable, "-c", _ENTRY]
    cmd = [*entry, "analyze", str(dev), "-o", str(out), "-f", "jsonl", "--no-progress", "-w", str(workers)]
    if analyzers:
        cmd += ["-a", analyzers]
    print("$", " ".join(cmd), flush=True)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True)
    return time.perf_counter() - t0


_PRONOUNS = frozenset("he she they it who him her his its their them i we you this that which".split())


def error_class(o: QuoteOutcome, source: str | None, relayed_by: str | None, words: int) -> str:
    """A coarse failure class for the error list (a guide for reading it, not a metric)."""
    if o.status == "unmapped":
        return "unmapped: removed by the reader"
    if o.status == "missed":
        if o.coverage > 0:
            return "missed: boundary (an attribution covers less than half)"
        if words <= 3:
            return "missed: short fragment (3 words or fewer) of a quote its cue splits"
        if not o.gold.mention:
            return "missed: free-standing quotation (the gold has no mention: the speaker carries over)"
        return "missed: no attribution over it (speaker mention and cue nearby)"
    pred = o.predicted_speaker
    if relayed_by and any(same_person(p, relayed_by) for p in split_reference(o.gold.speaker)):
        return "wrong speaker: relay inverted (the gold speaker is the relay)"
    if source and source.isupper() and re.search(r"[A-Z]{5}", source):
        return "wrong speaker: a section heading taken as the source"
    is_pronoun = bool(source) and source.strip().casefold() in _PRONOUNS
    if pred is None:
        kind = "pronoun" if is_pronoun else ("no source mention" if not source else "nominal mention")
        return f"wrong speaker: {kind} left unresolved"
    if is_pronoun:
        return "wrong speaker: pronoun resolved to the wrong entity"
    if not o.named:
        return "wrong speaker: description resolved to a name (a modifier, a nearby entity)"
    gold_words = {w for p in split_reference(o.gold.speaker) for w in (person_tokens(p) if o.person else
                                                                       body_tokens(p)) if len(w) > 2}
    if source and gold_words & set(body_tokens(source)):
        return "wrong speaker: right mention, wrong name taken from it (modifier entity, cut name)"
    return "wrong speaker: another mention taken as the source"


def _snippet(text: str, start: int, end: int, width: int = 200) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= width else s[: width - 25] + " … " + s[-20:]


def score(data: Path, predictions: Path) -> tuple[list[ArticleScore], dict[str, Any], list[dict[str, Any]]]:
    """Score the analyze output against the gold; returns (article scores, checks, error rows)."""
    gold = {a["id"]: a for a in json.loads((data / "dev-gold.json").read_text(encoding="utf-8"))["articles"]}
    texts = {}
    with (data / "dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    records: dict[str, dict[str, Any]] = {}
    with predictions.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                rid = ((rec.get("article") or {}).get("metadata") or {}).get("record_id")
                if rid:
                    records[rid] = rec
    scores: list[ArticleScore] = []
    errors: list[dict[str, Any]] = []
    checks: dict[str, Any] = {"articles_without_output": [], "raw_differs": [], "text_differs_from_raw": 0}
    for gid, g in gold.items():
        raw = texts[gid]
        quotes = [GoldQuote(q["start"], q["end"], q["reference"], mention=q.get("speaker_mention") or "")
                  for q in g["quotes"]]
        rec = records.get(gid)
        if rec is None or rec.get("article", {}).get("raw") != raw:
            checks["articles_without_output" if rec is None else "raw_differs"].append(gid)
            pred, people, offsets, text = [], [], None, ""
        else:
            art = rec["article"]
            text = art["text"]
            offsets = OffsetMap.from_json(art["offsets"], len(text)) if art.get("offsets") else None
            checks["text_differs_from_raw"] += text != raw
            pred, people = predictions_from_analysis(rec)
        s = score_article(raw, quotes, pred, offsets=offsets, key=gid, people=g["people"], sources=g["sources"],
                          predicted_people=people)
        scores.append(s)
        for o in s.outcomes:
            if o.status == "ok":
                continue
            p = pred[o.predicted] if o.predicted is not None else None
            source = text[p.source[0]:p.source[1]] if p and p.source else None
            errors.append({
                "article": gid, "outlet": g.get("outlet"), "status": o.status,
                "class": error_class(o, source, p.relayed_by if p else None,
                                     len(raw[o.gold.start:o.gold.end].split())),
                "gold_start": o.gold.start,
                "gold_end": o.gold.end, "gold_speaker": o.gold.speaker, "gold_mention": o.gold.mention,
                "gold_named": o.named, "gold_person": o.person, "coverage": o.coverage,
                "predicted_speaker": o.predicted_speaker, "predicted_person": p.person if p else None,
                "predicted_source": source,
                "predicted_kind": p.kind if p else None,
                "predicted_relayed_by": p.relayed_by if p else None,
                "quote": _snippet(raw, o.gold.start, o.gold.end),
                "context": _snippet(raw, max(0, o.gold.start - 150), min(len(raw), o.gold.end + 100), 500),
            })
    return scores, checks, errors


def _fmt(v: Any) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def table(summary: dict[str, Any]) -> str:
    s = summary
    lines = [
        f"GGT dev, end to end: {s['articles']} articles, {s['quotes']} gold quotes "
        f"({s['named']} with a named speaker; {s['unmapped']} unmapped, {s['partially_mapped']} partly removed)",
        "",
        f"  {'':<28}{'count':>7}{'of all':>9}{'of found':>10}",
        f"  {'found':<28}{s['found']:>7}{_fmt(s['found_of_all']):>9}",
        f"  {'attributed':<28}{s['attributed']:>7}{_fmt(s['attributed_of_all']):>9}"
        f"{_fmt(s['attributed_of_found']):>10}",
    ]
    for name, key in (("  named speaker", "named_speaker"), ("  description speaker", "description_speaker")):
        d = s[key]
        lines.append(f"  {name:<28}{d['attributed']:>7}{_fmt(_div(d['attributed'], d['quotes'])):>9}"
                     f"{_fmt(d['attributed_of_found']):>10}   (of {d['quotes']}, {d['found']} found)")
    lines += ["", f"  {'':<28}{'P':>7}{'R':>7}{'F1':>7}"]
    for name, key in (("people quoted", "people_quoted"), ("people mentioned", "people_mentioned")):
        if key not in s:
            continue
        for avg in ("micro", "macro"):
            d = s[key][avg]
            lines.append(f"  {name + ' (' + avg + ')':<28}{_fmt(d['precision']):>7}{_fmt(d['recall']):>7}"
                         f"{_fmt(d['f1']):>7}")
    return "\n".join(lines)


def _round(v: Any) -> Any:
    return round(v, 4) if isinstance(v, float) else v


def _div(a: int, b: int) -> float | None:
    return a / b if b else None


def write_errors(path: Path, errors: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
        return
    out = []
    last = None
    for e in errors:
        if e["article"] != last:
            out.append(f"\n=== {e['article']} ({e['outlet']})")
            last = e["article"]
        kind = "description" if not e["gold_named"] else ("person" if e["gold_person"] else "body")
        out.append(f"- {e['status'].upper()} [{e['gold_start']}:{e['gold_end']}] coverage {e['coverage']:.2f}"
                   f" -- {e['class']}\n"
                   f"  gold: {e['gold_speaker']!r} ({kind}; mention {e['gold_mention']!r})\n"
                   f"  pred: {e['predicted_speaker']!r} (source {e['predicted_source']!r}, {e['predicted_kind']}"
                   f"{', relayed by ' + repr(e['predicted_relayed_by']) if e['predicted_relayed_by'] else ''})\n"
                   f"  quote: {e['quote']}")
    path.write_text("\n".join(out).lstrip() + "\n", encoding="utf-8")


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path,
                    help="folder with dev.jsonl and dev-gold.json (default: ../shared/data/quotes/ggt from the "
                         "repository root, or from the main checkout's root; $PROPSCOPE_GGT first)")
    ap.add_argument("--errors", type=Path, default=Path(tempfile.gettempdir()) / "propscope_quotes_ggt_errors.txt",
                    help="error list (.txt readable, .jsonl one object per line); default %(default)s")
    ap.add_argument("--predictions", type=Path, help="where analyze writes its JSONL (default: a temporary file)")
    ap.add_argument("--reuse", action="store_true", help="score an existing --predictions file, do not run analyze")
    ap.add_argument("--analyzers", default="entities,attribution",
                    help="analyzers for propscope analyze (default: %(default)s; '' for analyze's defaults)")
    ap.add_argument("--workers", type=int, default=1, help="analyze worker processes (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "quotes_ggt.json")
    ns = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    data = (ns.data or default_data()).resolve()
    if not (data / "dev.jsonl").is_file() or not (data / "dev-gold.json").is_file():
        print(f"no dev.jsonl and dev-gold.json in {data}; pass the GGT quotes folder", file=sys.stderr)
        return 2 if ns.data else 0  # without the shared data (benchmarks/run.py), skip
    if ROOT.resolve() in ns.errors.resolve().parents:
        print("the error list holds article text: write it outside the repository", file=sys.stderr)
        return 2
    seconds = None
    with tempfile.TemporaryDirectory(prefix="propscope-quotes-") as tmp:
        predictions = ns.predictions or Path(tmp) / "predictions.jsonl"
        if not ns.reuse:
            seconds = run_analyze(data / "dev.jsonl", predictions, ns.analyzers, ns.workers)
        elif not predictions.is_file():
            print("--reuse needs an existing --predictions file", file=sys.stderr)
            return 2
        scores, checks, errors = score(data, predictions)
    summary = summarise(scores)
    print(table(summary))
    classes: dict[str, int] = {}
    for e in errors:
        classes[e["class"]] = classes.get(e["class"], 0) + 1
    print("\nfailure classes (error list):")
    for name, n in sorted(classes.items(), key=lambda kv: (not kv[0].startswith("missed"), -kv[1])):
        print(f"  {n:>4}  {name}")
    if checks["articles_without_output"] or checks["raw_differs"]:
        print(f"\nWARNING: {len(checks['articles_without_output'])} articles without output, "
              f"{len(checks['raw_differs'])} whose raw text differs from the gold text (scored as all missed)")
    result = {
        "benchmark": "quotes_ggt",
        "what": "who said what end to end (propscope analyze) on the GGT dev quotes; metric: "
                "propscope.evaluation.quotes",
        "data": {"path": "quotes/ggt (dev)", "dev.jsonl_sha256": _sha256(data / "dev.jsonl"),
                 "dev-gold.json_sha256": _sha256(data / "dev-gold.json")},
        "propscope_commit": _git_commit(),
        "analyzers": ns.analyzers or "(analyze defaults)",
        "analyze_seconds": round(seconds, 1) if seconds is not None else None,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "workers": ns.workers},
        "checks": {**checks, "texts_cleaned_by_reader": checks["text_differs_from_raw"]},
        "summary": summary,
        "failure_classes": dict(sorted(classes.items(), key=lambda kv: -kv[1])),
        "per_article": [
            {"id": s.key, **s.counts(),
             **{f"{name}_{k}": _round((d or {}).get(k)) for name, d in (("quoted", s.quoted),
                                                                       ("mentioned", s.mentioned))
                for k in ("tp", "n_pred", "n_gold", "precision", "recall", "f1")}}
            for s in scores
        ],
    }
    del result["checks"]["text_differs_from_raw"]
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    ns.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_errors(ns.errors, errors)
    print(f"\nwrote {ns.out}\nwrote {ns.errors} ({len(errors)} missed or misattributed quotes; holds article text)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
