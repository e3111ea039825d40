"""Audit the cleaning of scraped articles: what each rule removes, and the furniture left.

    python benchmarks/cleaning_audit.py [--ptc DIR] [--ggt FILE] [--review FILE]
                                        [--out FILE] [--examples FILE] [--sample N]

Reads the corpora in place, never copying them (issue 15 §4):

* ``--ptc``: the PTC dataset folder (``train-articles/``, ``dev-articles/`` and the technique
  labels ``{train,dev}-task-flc-tc.labels``); default ``../shared/data/ptc/datasets``.  The
  articles are scraped pages, read as ``propscope`` reads a ``.txt`` file (first line the title).
* ``--ggt``: the GGT dev JSONL (field ``text``, read as a row body: no title line) and its
  ``dev-gold.json`` beside it; default ``../shared/data/quotes/ggt/dev.jsonl``.
* ``--review``: the state-media review gold (quotes and technique voices over PTC train).

For each corpus it counts the non-blank lines, the lines each rule removed, and the removed
lines that overlap gold annotation (a PTC technique span, a GGT quote, a review quote): an
annotator marked text there, so such a line is suspect of being body text and gets looked at.
"Furniture left" counts lines of the shapes page furniture takes (regular expressions below,
the same before and after) in the raw article and in the cleaned text.

Writes counts only, no article text, to ``--out`` (default ``benchmarks/results/cleaning.json``).
``--examples`` (default ``/tmp/propscope_cleaning_removed.txt``) lists every removed line with its
rule, and a seeded random sample of ``--sample`` lines from the new furniture rules for hand
checking; it holds article text: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from propscope.readers.text import clean_scraped_text  # noqa: E402

#: reasons of the older rules (title, edges, learned lines): the rest are furniture classes
OLD_REASONS = frozenset({"title", "repeated_title", "byline", "boilerplate", "repeated_line"})

#: shapes of furniture lines, counted before and after cleaning (grep-style, per line)
SHAPES: dict[str, re.Pattern[str]] = {
    "copyright_sign": re.compile(r"©|℗"),
    "agency_credit": re.compile(r"\b(?:Getty Images|AFP|REUTERS|Reuters|AP Photo|EPA|Canadian Press|Associated Press)\b"
                                r".{0,3}$|\b(?:AFP|REUTERS|Reuters|AP|EPA|Getty)\s*/\s*[A-Z]|/\s*(?:AFP|Getty|Reuters"
                                r"|REUTERS|AP|EPA|CBC|The Canadian Press)\b"),
    "paren_credit": re.compile(r"\(\s*[A-Z][\w.'’ -]+\s*/\s*[A-Z][\w.'’ -]+\s*\)\.?\s*$"),
    "photo_label": re.compile(r"(?i)^\W*(?:photo|image|picture|credit|photo credit)s?\s*:|open this photo in gallery"),
    "embed_id_only": re.compile(r"^(?:\s*(?:https?://|www\.|pic\.twitter\.com/)\S+)+\s*$"),
    "share": re.compile(r"(?i)^\W*(?:share(?: this| on|$)|tweet$|follow us|follow on)"),
    "subscribe_signup": re.compile(r"(?i)^\W*(?:subscribe|sign up|email sign up|by signing up)"),
    "newsletter": re.compile(r"(?i)newsletter"),
    "read_more": re.compile(r"(?i)^\W*(?:read more|also read|read also|see also|related\s*:|more from .*:$|also on .*:$"
                            r"|read the whole|watch\s*:|watch below)"),
    "click_here": re.compile(r"(?i)click here"),
    "advertisement": re.compile(r"(?i)^\W*(?:advertisement|story continues below|article continued below"
                                r"|story continued below|take our poll)"),
    "form_widget": re.compile(r"(?i)^(?:email|name|comments) \*$|field is for validation|completing this poll"),
    "source_note": re.compile(r"(?i)^\W*(?:with files from|with a report from|article posted with permission"
                              r"|this (?:report|article) was originally published)|contributed to this report"),
    "contact": re.compile(r"(?i)^\W*e-?mail:\s*\S+@|^\S+@\S+\.\w+$"),
}


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _shape_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, _, line in _lines(text):
        s = line.strip()
        for name, pat in SHAPES.items():
            if pat.search(s):
                counts[name] += 1
    return counts


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _ptc_labels(path: Path) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if path.exists():
        for row in path.read_text(encoding="utf-8").splitlines():
            parts = row.split("\t")
            if len(parts) >= 4:
                spans[parts[0]].append((int(parts[2]), int(parts[3])))
    return spans


class Tally:
    def __init__(self, name: str) -> None:
        self.name = name
        self.articles = 0
        self.lines = 0
        self.removed: Counter[str] = Counter()
        self.chars_removed: Counter[str] = Counter()
        self.gold_hits: Counter[str] = Counter()  # removed lines overlapping gold annotation, by rule
        self.shapes_before: Counter[str] = Counter()
        self.shapes_after: Counter[str] = Counter()
        self.articles_touched = 0
        self.errors = 0

    def to_json(self) -> dict[str, Any]:
        new = {k: v for k, v in self.removed.items() if k not in OLD_REASONS}
        return {
            "articles": self.articles,
            "nonblank_lines": self.lines,
            "articles_with_furniture_removed": self.articles_touched,
            "lines_removed_by_rule": dict(sorted(self.removed.items())),
            "furniture_lines_removed": sum(new.values()),
            "chars_removed_by_rule": dict(sorted(self.chars_removed.items())),
            "removed_lines_overlapping_gold_by_rule": dict(sorted(self.gold_hits.items())),
            "furniture_shapes_before": dict(sorted(self.shapes_before.items())),
            "furniture_shapes_after": dict(sorted(self.shapes_after.items())),
            "furniture_shapes_total": {"before": sum(self.shapes_before.values()),
                                       "after": sum(self.shapes_after.values())},
            "errors": self.errors,
        }


def audit_one(tally: Tally, doc_id: str, raw: str, gold: list[tuple[int, int]], *, has_title_line: bool,
              examples: list[tuple[str, str, str, str, bool]]) -> None:
    tally.articles += 1
    tally.lines += len(_lines(raw))
    tally.shapes_before.update(_shape_counts(raw))
    try:
        cleaned = clean_scraped_text(raw, has_title_line=has_title_line)
    except Exception:  # an article the cleaner refuses counts as an error, the audit goes on
        tally.errors += 1
        return
    tally.shapes_after.update(_shape_counts(cleaned.text))
    touched = False
    for block in cleaned.removed:
        tally.removed[block.reason] += 1
        tally.chars_removed[block.reason] += block.raw_end - block.raw_start
        hit = _overlaps(gold, block.raw_start, block.raw_end)
        if hit:
            tally.gold_hits[block.reason] += 1
        if block.reason not in OLD_REASONS:
            touched = True
        examples.append((tally.name, doc_id, block.reason, block.text, hit))
    tally.articles_touched += touched


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "data" / "ptc" / "datasets")
    parser.add_argument("--ggt", type=Path, default=ROOT.parent / "shared" / "data" / "quotes" / "ggt" / "dev.jsonl")
    parser.add_argument("--review", type=Path, default=HERE / "data" / "review" / "state_media_train.json")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "cleaning.json")
    parser.add_argument("--examples", type=Path, default=Path("/tmp/propscope_cleaning_removed.txt"))
    parser.add_argument("--sample", type=int, default=150)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    examples: list[tuple[str, str, str, str, bool]] = []
    tallies: list[Tally] = []
    review: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if args.review.exists():
        for art in json.loads(args.review.read_text(encoding="utf-8"))["articles"]:
            review[art["id"]].extend((q["start"], q["end"]) for q in art.get("quotes", []))
    for split in ("train", "dev"):
        folder = args.ptc / f"{split}-articles"
        if not folder.is_dir():
            continue
        labels = _ptc_labels(args.ptc / f"{split}-task-flc-tc.labels")
        tally = Tally(f"ptc_{split}")
        for path in sorted(folder.glob("article*.txt")):
            doc_id = path.stem.removeprefix("article")
            raw = path.read_text(encoding="utf-8")
            audit_one(tally, doc_id, raw, labels.get(doc_id, []) + review.get(doc_id, []), has_title_line=True,
                      examples=examples)
        tallies.append(tally)
    if args.ggt.exists():
        gold_path = args.ggt.parent / "dev-gold.json"
        quotes: dict[str, list[tuple[int, int]]] = defaultdict(list)
        if gold_path.exists():
            for art in json.loads(gold_path.read_text(encoding="utf-8"))["articles"]:
                quotes[art["id"]].extend((q["start"], q["end"]) for q in art["quotes"])
        tally = Tally("ggt_dev")
        for row in args.ggt.read_text(encoding="utf-8").splitlines():
            if row.strip():
                rec = json.loads(row)
                audit_one(tally, str(rec["id"]), rec["text"], quotes.get(str(rec["id"]), []), has_title_line=False,
                          examples=examples)
        tallies.append(tally)

    result: dict[str, Any] = {
        "what": "lines removed by each cleaning rule, removed lines overlapping gold annotation, and lines of "
                "furniture shapes before (raw) and after cleaning; counts only (issue 15 §4)",
        "corpora": {t.name: t.to_json() for t in tallies},
        "seconds": round(time.perf_counter() - started, 1),
    }
    totals: Counter[str] = Counter()
    for t in tallies:
        totals.update(t.removed)
    result["lines_removed_by_rule_all"] = dict(sorted(totals.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    rng = random.Random(args.seed)
    furniture = [e for e in examples if e[2] not in OLD_REASONS]
    sample = rng.sample(furniture, min(args.sample, len(furniture)))
    with args.examples.open("w", encoding="utf-8") as fh:
        fh.write(f"# SAMPLE of {len(sample)} lines removed by the furniture rules (seed {args.seed})\n")
        for corpus, doc_id, reason, text, hit in sample:
            fh.write(f"{corpus}\t{doc_id}\t{reason}\t{'GOLD' if hit else '-'}\t{text}\n")
        fh.write("\n# ALL removed lines\n")
        for corpus, doc_id, reason, text, hit in examples:
            fh.write(f"{corpus}\t{doc_id}\t{reason}\t{'GOLD' if hit else '-'}\t{text}\n")

    for t in tallies:
        j = t.to_json()
        print(f"{t.name}: {t.articles} articles, {t.lines} lines; furniture lines removed "
              f"{j['furniture_lines_removed']} in {t.articles_touched} articles; shapes before "
              f"{j['furniture_shapes_total']['before']} after {j['furniture_shapes_total']['after']}")
        print("   removed by rule:", dict(sorted(t.removed.items())))
        if t.gold_hits:
            print("   overlapping gold:", dict(sorted(t.gold_hits.items())))
    print(f"wrote {args.out}\nwrote {args.examples} (holds article text)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
