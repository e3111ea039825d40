"""Benchmark who-said-what end to end: ``propscope analyze`` on the GGT dev quotes (or the state-media review set).

    python benchmarks/bench_quotes.py [DATA_DIR] [--errors FILE] [--predictions FILE] [--reuse]
    python benchmarks/bench_quotes.py --review [GOLD] [--ptc DIR] [--errors FILE] [--predictions FILE] [--reuse]

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

``--review`` scores the state-media review set the same way (gold: ``GOLD``, default
``benchmarks/data/review/state_media_train.json``; its 30 PTC train article files are read
in place from ``--ptc``, else ``$PROPSCOPE_PTC``, else ``../shared/data/ptc`` beside this
checkout's root or the main checkout's).  ``propscope analyze`` runs on the article files with
its default analyzers (the voice needs the ``techniques`` and ``voice`` layers); gold offsets
index the file text, which must equal each record's ``raw`` (and the file its recorded
sha256).  Reported, with :mod:`propscope.evaluation.review`: found / attributed as for GGT
(speakers right = attributed of all quotes, the target ≥ 0.85; quotes in the title, which the
reader cuts from the text, are scored against the headline attributions the analyzer gives
in ``layers.attributions.data.title``, placed in the raw file where the reader cut the
title, and stay unmapped when none covers them), relay accuracy on the quotes
with a gold ``relayed_by``, and technique voice two ways: predicted spans judged against the
gold quotes by the guidelines' rule (independent of technique recall: the figure held against
the target ≥ 0.85) and gold spans matched to an overlapping prediction (same technique first,
then any; unmatched ones counted).  Writes ``benchmarks/results/quotes_review.json`` (counts
only) and ``/tmp/propscope_quotes_review_errors.txt`` (article text: keep it out of the
repository).
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
from propscope.evaluation import review  # noqa: E402
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


def _main_checkout_root() -> Path | None:
    """The main checkout's root when this is a git worktree elsewhere (else this root)."""
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return Path(common).parent


def default_ptc() -> Path:
    """``$PROPSCOPE_PTC``, else ``../shared/data/ptc`` from this checkout's root, else from the
    main checkout's root (a worktree)."""
    env = os.environ.get("PROPSCOPE_PTC")
    if env:
        return Path(env)
    here = ROOT.parent / "shared" / "data" / "ptc"
    if here.is_dir():
        return here
    main = _main_checkout_root()
    cand = main.parent / "shared" / "data" / "ptc" if main else here
    return cand if cand.is_dir() else here


def default_data() -> Path:
    """``$PROPSCOPE_GGT``, else ``../shared/data/quotes/ggt`` from this checkout's root, else from
    the main checkout's root when this is a git worktree elsewhere."""
    env = os.environ.get("PROPSCOPE_GGT")
    if env:
        return Path(env)
    if DEFAULT_DATA.is_dir():
        return DEFAULT_DATA
    main = _main_checkout_root()
    if main is None:
        return DEFAULT_DATA
    main_data = main.parent / "shared" / "data" / "quotes" / "ggt"
    return main_data if main_data.is_dir() else DEFAULT_DATA


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_analyze(dev: Path | list[Path], out: Path, analyzers: str, workers: int) -> float:
    """``propscope analyze`` in a subprocess (this checkout's sources first on the path) on one
    input (a JSONL file) or several (article files)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    script = Path(sys.executable).parent / "propscope"
    entry = [str(script)] if script.is_file() else [sys.executable, "-c", _ENTRY]
    inputs = [str(p) for p in (dev if isinstance(dev, list) else [dev])]
    cmd = [*entry, "analyze", *inputs, "-o", str(out), "-f", "jsonl", "--no-progress", "-w", str(workers)]
    if analyzers:
        cmd += ["-a", analyzers]
    shown = cmd if len(inputs) <= 3 else [*cmd[: len(entry) + 1], f"<{len(inputs)} files in {Path(inputs[0]).parent}>",
                                                *cmd[len(entry) + 1 + len(inputs):]]
    print("$", " ".join(shown), flush=True)
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
    if "people_quoted" in s or "people_mentioned" in s:
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


# --- the state-media review set (benchmarks/data/review) -------------------------------------

REVIEW_GOLD = HERE / "data" / "review" / "state_media_train.json"


def review_inputs(gold: dict[str, Any], ptc: Path) -> tuple[Path, list[Path]]:
    """The PTC article folder the gold points into, and its article files, in gold order."""
    folder = ptc / "datasets" / "train-articles"
    return folder, [folder / a["file"] for a in gold["articles"]]


def score_review(gold: dict[str, Any], folder: Path, predictions: Path
                 ) -> tuple[list[Any], dict[str, Any], list[dict[str, Any]]]:
    """Score the analyze output on the review articles; returns (per-article results, checks,
    error rows: missed / misattributed quotes, wrong relays, wrong voices)."""
    records: dict[str, dict[str, Any]] = {}
    with predictions.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                src = (rec.get("article") or {}).get("source") or ""
                records[Path(src).name] = rec
    results = []
    errors: list[dict[str, Any]] = []
    checks: dict[str, Any] = {"articles_without_output": [], "raw_differs": [], "sha256_differs": [],
                              "texts_cleaned_by_reader": 0}
    for a in gold["articles"]:
        path = folder / a["file"]
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != a["sha256"]:
            checks["sha256_differs"].append(a["id"])
        raw = data.decode("utf-8")
        rec = records.get(a["file"])
        if rec is not None and (rec.get("article") or {}).get("raw") != raw:
            checks["raw_differs"].append(a["id"])
            rec = None
        elif rec is None:
            checks["articles_without_output"].append(a["id"])
        text = ""
        if rec is not None:
            text = rec["article"]["text"]
            checks["texts_cleaned_by_reader"] += text != raw
        r = review.score_article(raw, a, rec)
        results.append(r)
        for o, relay in zip(r.quotes.outcomes, r.relays):
            chain = [c for c in (o.gold.meta.get("relayed_by"), *(o.gold.meta.get("relay_chain") or ())) if c]
            relay_wrong = bool(chain) and o.found and not review.relay_right(chain, relay)
            if o.status == "ok" and not relay_wrong:
                continue
            p = r.predicted[o.predicted] if o.predicted is not None else None
            source = text[p.source[0]:p.source[1]] if p and p.source else None
            errors.append({
                "article": a["id"], "type": "quote", "status": o.status if o.status != "ok" else "relay_wrong",
                "class": error_class(o, source, relay, len(raw[o.gold.start:o.gold.end].split()))
                if o.status != "ok" else "relay: speaker right, relay wrong or missing",
                "gold_start": o.gold.start, "gold_end": o.gold.end, "gold_speaker": o.gold.speaker,
                "gold_kind": o.gold.meta.get("kind"), "gold_layout": o.gold.meta.get("layout"),
                "gold_named": o.named, "gold_person": o.person, "coverage": o.coverage,
                "gold_relayed_by": chain[0] if chain else None, "relay_right": not relay_wrong if chain else None,
                "predicted_speaker": o.predicted_speaker, "predicted_source": source,
                "predicted_kind": p.kind if p else None, "predicted_relayed_by": relay,
                "quote": _snippet(raw, o.gold.start, o.gold.end),
            })
        for side, outcomes in (("gold span", r.gold_voice), ("predicted span", r.predicted_voice)):
            for v in outcomes:
                if v.right or v.match == "none":  # unmatched gold spans: technique recall, counted in the summary
                    continue
                lo, hi = v.gold
                errors.append({
                    "article": a["id"], "type": "voice", "side": side, "match": v.match, "technique": v.technique,
                    "gold_start": lo, "gold_end": hi, "gold_voice": v.gold_voice, "predicted_voice": v.predicted_voice,
                    "predicted_text_span": list(v.predicted) if v.predicted else None,
                    "span": _snippet(raw, lo, hi, 160),
                })
    return results, checks, errors


def review_summary(results: list[Any]) -> dict[str, Any]:
    summary = summarise([r.quotes for r in results])
    summary["relays"] = review.summarise_relays([o for r in results for o in r.quotes.outcomes],
                                                [r.relays for r in results])
    summary["voice"] = review.summarise_voice([o for r in results for o in r.gold_voice],
                                              [o for r in results for o in r.predicted_voice],
                                              sum(r.predicted_unclear for r in results))
    by_kind: dict[str, dict[str, int]] = {}
    for r in results:
        for o in r.quotes.outcomes:
            for k in (o.gold.meta.get("kind", "?"), "layout:" + o.gold.meta["layout"] if "layout" in o.gold.meta
                      else None):
                if k:
                    d = by_kind.setdefault(k, {"quotes": 0, "found": 0, "attributed": 0})
                    d["quotes"] += 1
                    d["found"] += o.found
                    d["attributed"] += o.attributed
    summary["by_kind"] = dict(sorted(by_kind.items()))
    return summary


def review_table(s: dict[str, Any]) -> str:
    lines = [table(s).replace("GGT dev, end to end", "State-media review set (PTC train), end to end", 1), ""]
    rel = s["relays"]
    lines.append(f"  {'relay right':<28}{rel['relay_right']:>7}{_fmt(rel['relay_right_of_all']):>9}"
                 f"{_fmt(rel['relay_right_of_found']):>10}   (of {rel['relayed_quotes']} relayed quotes, "
                 f"{rel['found']} found; {rel['spurious_relays']} relays set on "
                 f"{rel['found_without_gold_relay']} found unrelayed quotes)")
    lines += ["", f"  {'by kind / layout':<28}{'quotes':>7}{'found':>9}{'attributed':>12}"]
    for k, d in s["by_kind"].items():
        lines.append(f"  {k:<28}{d['quotes']:>7}{_fmt(_div(d['found'], d['quotes'])):>9}"
                     f"{_fmt(_div(d['attributed'], d['quotes'])):>12}")
    v = s["voice"]
    ps, gs = v["predicted_spans"], v["gold_spans"]

    def by_voice(d: dict[str, Any]) -> str:
        b = d["by_gold_voice"]
        return f"{_fmt(b['outlet']['right_share']):>9}{_fmt(b['speaker']['right_share']):>10}"

    lines += [
        "", "  technique voice                  right  of     share   outlet   speaker",
        f"  {'predicted spans vs gold quotes':<30}{ps['right']:>7}{ps['scored']:>5}{_fmt(ps['right_share']):>9}"
        f"{by_voice(ps)}   (target; {ps['left_out_unclear']} positions unclear, left out)",
        f"  {'gold spans, matched':<30}{gs['right']:>7}{gs['matched']:>5}{_fmt(gs['right_of_matched']):>9}"
        f"{by_voice(gs)}   ({gs['matched_same_technique']} same technique, {gs['matched_other_technique']} other; "
        f"{gs['unmatched']} of {gs['scored']} gold spans with no overlapping prediction)",
    ]
    return "\n".join(lines)


def write_review_errors(path: Path, errors: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
        return
    out = []
    last = None
    for e in errors:
        if e["article"] != last:
            out.append(f"\n=== {e['article']}")
            last = e["article"]
        if e["type"] == "quote":
            kind = "description" if not e["gold_named"] else ("person" if e["gold_person"] else "body")
            out.append(f"- {e['status'].upper()} [{e['gold_start']}:{e['gold_end']}] {e['gold_kind']}"
                       f"{' ' + e['gold_layout'] if e['gold_layout'] else ''} coverage {e['coverage']:.2f}"
                       f" -- {e['class']}\n"
                       f"  gold: {e['gold_speaker']!r} ({kind}"
                       f"{'; relayed by ' + repr(e['gold_relayed_by']) if e['gold_relayed_by'] else ''})\n"
                       f"  pred: {e['predicted_speaker']!r} (source {e['predicted_source']!r}, {e['predicted_kind']}"
                       f"{', relayed by ' + repr(e['predicted_relayed_by']) if e['predicted_relayed_by'] else ''})\n"
                       f"  quote: {e['quote']}")
        else:
            out.append(f"- VOICE ({e['side']}, {e['match']}) [{e['gold_start']}:{e['gold_end']}] {e['technique']}: "
                       f"gold {e['gold_voice']!r}, predicted {e['predicted_voice']!r}\n  span: {e['span']}")
    path.write_text("\n".join(out).lstrip() + "\n", encoding="utf-8")


def main_review(ns: argparse.Namespace) -> int:
    gold_path = ns.review.resolve()
    if not gold_path.is_file():
        print(f"no review gold at {gold_path}", file=sys.stderr)
        return 2
    gold = review.load_gold(gold_path)
    ptc = (ns.ptc or default_ptc()).resolve()
    folder, files = review_inputs(gold, ptc)
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"{len(missing)} review articles not found under {folder}; pass --ptc or set $PROPSCOPE_PTC",
              file=sys.stderr)
        return 2 if ns.ptc else 0  # without the shared data (benchmarks/run.py), skip
    errors_path = ns.errors or Path(tempfile.gettempdir()) / "propscope_quotes_review_errors.txt"
    if ROOT.resolve() in errors_path.resolve().parents:
        print("the error list holds article text: write it outside the repository", file=sys.stderr)
        return 2
    analyzers = "" if ns.analyzers is None else ns.analyzers
    seconds = None
    with tempfile.TemporaryDirectory(prefix="propscope-review-") as tmp:
        predictions = ns.predictions or Path(tmp) / "predictions.jsonl"
        if not ns.reuse:
            seconds = run_analyze(files, predictions, analyzers, ns.workers)
        elif not predictions.is_file():
            print("--reuse needs an existing --predictions file", file=sys.stderr)
            return 2
        results, checks, errors = score_review(gold, folder, predictions)
    summary = review_summary(results)
    print(review_table(summary))
    classes: dict[str, int] = {}
    for e in errors:
        name = e["class"] if e["type"] == "quote" else f"voice ({e['side']}, {e['match']}): gold " + (
            "outlet" if e["gold_voice"] == "outlet" else "speaker") + ", predicted " + (
            "none" if e["predicted_voice"] is None else e["predicted_voice"] if e["predicted_voice"] in (
                "outlet", review.UNKNOWN_SPEAKER) else "a speaker")
        classes[name] = classes.get(name, 0) + 1
    print("\nfailure classes (error list):")
    for name, n in sorted(classes.items(), key=lambda kv: (kv[0].startswith("voice"), not kv[0].startswith("missed"),
                                                           -kv[1])):
        print(f"  {n:>4}  {name}")
    bad = checks["articles_without_output"] or checks["raw_differs"] or checks["sha256_differs"]
    if bad:
        print(f"\nWARNING: {len(checks['articles_without_output'])} articles without output, "
              f"{len(checks['raw_differs'])} whose raw text differs from the file, "
              f"{len(checks['sha256_differs'])} whose sha256 differs from the gold's (offsets untrusted)")
    gold_rel = gold_path.relative_to(ROOT) if ROOT.resolve() in gold_path.parents else gold_path.name
    result = {
        "benchmark": "quotes_review",
        "what": "who said what and technique voice end to end (propscope analyze) on the state-media review set "
                "(PTC train); metrics: propscope.evaluation.quotes and propscope.evaluation.review",
        "data": {"gold": str(gold_rel), "gold_sha256": _sha256(gold_path), "articles": "ptc/datasets/train-articles"},
        "propscope_commit": _git_commit(),
        "analyzers": analyzers or "(analyze defaults)",
        "analyze_seconds": round(seconds, 1) if seconds is not None else None,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "workers": ns.workers},
        "targets": {"speakers_right": "attributed_of_all >= 0.85",
                    "voice_right": "voice.predicted_spans.right_share >= 0.85"},
        "checks": checks,
        "summary": summary,
        "failure_classes": dict(sorted(classes.items(), key=lambda kv: -kv[1])),
        "per_article": [
            {"id": r.quotes.key, **r.quotes.counts(),
             "relayed": sum(bool(o.gold.meta.get("relayed_by")) for o in r.quotes.outcomes),
             "voice_gold_scored": len(r.gold_voice), "voice_gold_matched": sum(v.match != "none" for v in r.gold_voice),
             "voice_gold_right": sum(v.right for v in r.gold_voice),
             "voice_predicted_scored": len(r.predicted_voice),
             "voice_predicted_right": sum(v.right for v in r.predicted_voice)}
            for r in results
        ],
    }
    out = ns.out or HERE / "results" / "quotes_review.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_review_errors(errors_path, errors)
    print(f"\nwrote {out}\nwrote {errors_path} ({sum(e['type'] == 'quote' for e in errors)} quote and "
          f"{sum(e['type'] == 'voice' for e in errors)} voice errors; holds article text)")
    return 0


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
    ap.add_argument("--review", nargs="?", type=Path, const=REVIEW_GOLD, default=None, metavar="GOLD",
                    help="score the state-media review set instead (GOLD default: "
                         "benchmarks/data/review/state_media_train.json); its articles are read from --ptc")
    ap.add_argument("--ptc", type=Path, help="with --review: the PTC data folder (default: $PROPSCOPE_PTC, else "
                                             "../shared/data/ptc from the repository root or the main checkout's)")
    ap.add_argument("--errors", type=Path,
                    help="error list (.txt readable, .jsonl one object per line); default "
                         "/tmp/propscope_quotes_ggt_errors.txt (--review: propscope_quotes_review_errors.txt)")
    ap.add_argument("--predictions", type=Path, help="where analyze writes its JSONL (default: a temporary file)")
    ap.add_argument("--reuse", action="store_true", help="score an existing --predictions file, do not run analyze")
    ap.add_argument("--analyzers", default=None,
                    help="analyzers for propscope analyze (default: entities,attribution for GGT, analyze's "
                         "defaults for --review, whose voice needs the techniques and voice layers; '' for "
                         "analyze's defaults)")
    ap.add_argument("--workers", type=int, default=1, help="analyze worker processes (default: %(default)s)")
    ap.add_argument("--out", type=Path, help="results JSON (default: benchmarks/results/quotes_ggt.json, "
                                             "--review: quotes_review.json)")
    ns = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if ns.review is not None:
        return main_review(ns)
    if ns.analyzers is None:
        ns.analyzers = "entities,attribution"
    if ns.errors is None:
        ns.errors = Path(tempfile.gettempdir()) / "propscope_quotes_ggt_errors.txt"
    if ns.out is None:
        ns.out = HERE / "results" / "quotes_ggt.json"
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
