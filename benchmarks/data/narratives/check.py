"""Check the narratives gold (``gold.tsv`` beside this file) against the catalogue and PTC.

    python benchmarks/data/narratives/check.py [--ptc DIR] [--gold FILE] [--catalogue FILE] [--no-corpus]

The gold holds ids and offsets only (guidelines in ``README.md``); the texts stay in the PTC
release (``--ptc``, else ``$PROPSCOPE_PTC``, else the first ``shared/data/ptc`` found beside
the checkout or above it).  The check:

* every row has six tab-separated fields: split (``train``/``dev``), article id (digits),
  start < end, narratives (``none`` or ``|``-separated ids), voice;
* every narrative id is a matchable entry of the catalogue (one with examples: a category
  such as ``conflict`` is never predicted, so it is never gold), none repeated in a row;
* the voice is ``outlet`` or ``speaker`` on a row with narratives and ``-`` on a ``none`` row;
* no row is listed twice (same split, article and start) and no two rows of an article
  overlap;
* no article is in both splits (the dev figures stay held out from what is fitted on train);
* (corpus) every article file exists in ``datasets/<split>-articles`` and every span is
  exactly one non-empty line of it, the unit the benchmark scores (a PTC line is a sentence).

Warnings (not failures): the same sentence labelled with different narratives in two rows
(one outlet quoting another), listed so a slip can be fixed or the difference justified.

Prints the counts (rows, articles, fully labelled articles, positives per narrative and
split) and exits 1 on any problem.  ``--no-corpus`` checks without the PTC data.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))
from ptc_location import find_ptc  # noqa: E402  (one helper for every gold check)

ROOT = HERE.parents[2]
GOLD = HERE / "gold.tsv"
SPLITS = ("train", "dev")
VOICES = {"outlet", "speaker"}
_AID = re.compile(r"^[0-9]+$")


def catalogue_ids(path: str | Path | None = None) -> set[str]:
    """The ids the analyzer can predict: the catalogue's entries with examples."""
    sys.path.insert(0, str(ROOT / "src"))
    from propscope.analyzers.narratives.catalogue import load_catalogue

    return {n.id for n in load_catalogue(path).matchable}


def parse(text: str) -> tuple[list[dict], list[str]]:
    """The rows of a gold file (comments and blank lines skipped) and the lines that are not
    rows at all; each row keeps its 1-based line number for the messages."""
    rows, errs = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 6:
            errs.append(f"line {n}: {len(f)} fields, not 6")
            continue
        split, aid, s, e, labels, voice = f
        try:
            start, end = int(s), int(e)
        except ValueError:
            errs.append(f"line {n}: offsets {s!r} {e!r} are not integers")
            continue
        rows.append({"line": n, "split": split, "article": aid, "start": start, "end": end,
                     "labels": [] if labels == "none" else labels.split("|"), "voice": voice})
    return rows, errs


def check_structure(rows: list[dict], ids: set[str]) -> list[str]:
    errs: list[str] = []
    seen: set[tuple[str, str, int]] = set()
    splits_of: dict[str, set[str]] = defaultdict(set)
    spans: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for r in rows:
        w = f"line {r['line']}"
        if r["split"] not in SPLITS:
            errs.append(f"{w}: split {r['split']!r}")
        if not _AID.match(r["article"]):
            errs.append(f"{w}: article id {r['article']!r} is not digits")
        if not 0 <= r["start"] < r["end"]:
            errs.append(f"{w}: empty or negative span {r['start']}-{r['end']}")
        for lab in r["labels"]:
            if lab not in ids:
                errs.append(f"{w}: {lab!r} is not a matchable narrative of the catalogue")
        if len(set(r["labels"])) != len(r["labels"]):
            errs.append(f"{w}: a narrative listed twice")
        if r["labels"] and r["voice"] not in VOICES:
            errs.append(f"{w}: voice {r['voice']!r} on a row with narratives (outlet or speaker)")
        if not r["labels"] and r["voice"] != "-":
            errs.append(f"{w}: voice {r['voice']!r} on a row without narratives (-)")
        key = (r["split"], r["article"], r["start"])
        if key in seen:
            errs.append(f"{w}: duplicate row for article {r['article']} at {r['start']}")
        seen.add(key)
        splits_of[r["article"]].add(r["split"])
        spans[(r["split"], r["article"])].append((r["start"], r["end"], r["line"]))
    for aid, sp in sorted(splits_of.items()):
        if len(sp) > 1:
            errs.append(f"article {aid}: in both splits {sorted(sp)}")
    for (_, aid), ss in spans.items():
        ss.sort()
        for (s0, e0, l0), (s1, _, l1) in zip(ss, ss[1:]):
            if s1 < e0 and s1 != s0:
                errs.append(f"line {l1}: overlaps line {l0} in article {aid}")
    return errs


def line_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-empty line: the sentences of a PTC article."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def check_corpus(rows: list[dict], ptc: Path) -> list[str]:
    errs: list[str] = []
    lines: dict[tuple[str, str], set[tuple[int, int]] | None] = {}
    for r in rows:
        key = (r["split"], r["article"])
        if key not in lines:
            path = ptc / "datasets" / f"{r['split']}-articles" / f"article{r['article']}.txt"
            # utf-8, not utf-8-sig: a BOM is character 0, as in the PTC offsets
            lines[key] = set(line_spans(path.read_text(encoding="utf-8"))) if path.is_file() else None
            if lines[key] is None:
                errs.append(f"line {r['line']}: {path} missing")
        got = lines[key]
        if got is not None and (r["start"], r["end"]) not in got:
            errs.append(f"line {r['line']}: {r['start']}-{r['end']} is not a sentence (line) of "
                        f"{r['split']} article {r['article']}")
    return errs


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.lower()).split())


def conflicting_labels(rows: list[dict], ptc: Path, min_chars: int = 25) -> list[str]:
    """Warnings, not errors: the same sentence (case and punctuation aside, at least
    ``min_chars`` long) labelled with different narratives in two rows, as when one outlet
    quotes another.  Context can justify it; a slip usually does not."""
    texts: dict[tuple[str, str], str] = {}
    seen: dict[str, list[dict]] = {}
    for r in rows:
        key = (r["split"], r["article"])
        if key not in texts:
            path = ptc / "datasets" / f"{r['split']}-articles" / f"article{r['article']}.txt"
            texts[key] = path.read_text(encoding="utf-8") if path.is_file() else ""
        norm = _norm(texts[key][r["start"]:r["end"]])
        if len(norm) >= min_chars:
            seen.setdefault(norm, []).append(r)
    out = []
    for group in seen.values():
        if len({tuple(sorted(r["labels"])) for r in group}) > 1:
            where = ", ".join(f"line {r['line']} ({'|'.join(sorted(r['labels'])) or 'none'})" for r in group)
            out.append(f"same sentence, different narratives: {where}")
    return out


def counts(rows: list[dict], ptc: Path | None = None) -> dict:
    out: dict = {}
    for split in SPLITS:
        rs = [r for r in rows if r["split"] == split]
        arts = {r["article"] for r in rs}
        per = Counter(lab for r in rs for lab in r["labels"])
        voice = Counter(r["voice"] for r in rs if r["labels"])
        block = {"rows": len(rs), "articles": len(arts), "with_narrative": sum(bool(r["labels"]) for r in rs),
                 "voice": dict(voice), "per_narrative": dict(per.most_common())}
        if ptc is not None:
            full = 0
            for aid in arts:
                path = ptc / "datasets" / f"{split}-articles" / f"article{aid}.txt"
                if path.is_file():
                    have = {(r["start"], r["end"]) for r in rs if r["article"] == aid}
                    full += set(line_spans(path.read_text(encoding="utf-8"))) <= have
            block["fully_labelled_articles"] = full
        out[split] = block
    return out


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ptc", help="the PTC release folder (holds datasets/)")
    p.add_argument("--gold", type=Path, default=GOLD)
    p.add_argument("--catalogue", default=None, help="a catalogue file (default: the shipped one)")
    p.add_argument("--no-corpus", action="store_true", help="check without the PTC data")
    a = p.parse_args(argv)
    rows, errs = parse(a.gold.read_text(encoding="utf-8"))
    errs += check_structure(rows, catalogue_ids(a.catalogue))
    ptc = None
    if not a.no_corpus:
        ptc = find_ptc(a.ptc)
        if ptc is None or not (ptc / "datasets" / "train-articles").is_dir():
            print("error: PTC data not found (pass --ptc, set PROPSCOPE_PTC, or use --no-corpus)", file=sys.stderr)
            return 2
        errs += check_corpus(rows, ptc)
        for w in conflicting_labels(rows, ptc):
            print("WARNING:", w, file=sys.stderr)
    print(json.dumps(counts(rows, ptc), indent=1))
    for e in errs:
        print("ERROR:", e, file=sys.stderr)
    print(f"{len(errs)} problem(s)", file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
