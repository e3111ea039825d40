"""A demo corpus to look at the story, narrative and claim pages as a user would (issue 17 §4).

    python benchmarks/demo_stories.py --ptc ../shared/data/ptc --out /tmp/web17_demo [--stories 3]

Takes the largest hand-labelled stories of ``benchmarks/data/stories/pairs.tsv`` (PTC articles
about the same events), gives each article a made-up outlet and a date inside its story's
month (PTC has neither; the names are fictional, the dates spread a story over days), writes
them as a JSONL file under ``--out`` (never in the repository: the texts are research data),
ingests it with the default analyzers and ``narratives``, then threads stories and reads claims.
Articles the narratives gold marks as carriers join too (spread over eight weeks), so that a
narrative page has outlets and weeks to show.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "stories" / "pairs.tsv"
NARRATIVES_GOLD = ROOT / "benchmarks" / "data" / "narratives" / "gold.tsv"
OUTLETS = ("Daily Beacon", "Liberty Wire", "Capital Herald", "Free Republic Times", "Patriot Ledger", "Metro Gazette")
MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10,
          "Nov": 11, "Dec": 12}


def components() -> list[tuple[list[str], str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    reason: dict[str, str] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        a, b, label, why, *_ = line.split("\t")
        if label == "1":
            parent[find(a)] = find(b)
            reason[a] = reason[b] = why
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return sorted(((sorted(g), reason[g[0]]) for g in groups.values()), key=lambda g: -len(g[0]))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--ptc", type=Path, required=True)
    p.add_argument("--out", type=Path, default=Path("/tmp/web17_demo"))
    p.add_argument("--stories", type=int, default=3)
    p.add_argument("--per-story", type=int, default=7)
    p.add_argument("--narratives", type=int, default=3, help="Narratives whose carrying articles join the demo.")
    p.add_argument("--per-narrative", type=int, default=10)
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for k, (ids, why) in enumerate(components()[:args.stories]):
        import re

        m = re.search(r"\((\w{3})\w* (\d{4})\)", why)
        month, year = (MONTHS.get(m.group(1), 6), int(m.group(2))) if m else (6, 2018)
        for i, aid in enumerate(ids[:args.per_story]):
            for split in ("train", "dev"):
                path = args.ptc / "datasets" / f"{split}-articles" / f"article{aid}.txt"
                if path.exists():
                    break
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            rows.append({"title": title.strip(), "text": body.strip(), "outlet": OUTLETS[(i + k) % len(OUTLETS)],
                         "published": f"{year}-{month:02d}-{min(28, 3 + 2 * i + k):02d}T09:00:00Z",
                         "url": f"https://demo.invalid/{aid}"})
    # articles the narratives gold marks as carrying the most common narratives, spread over eight weeks,
    # so that a narrative page has outlets and weeks to show
    seen = {r["url"].rsplit("/", 1)[1] for r in rows}
    carriers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in NARRATIVES_GOLD.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 5 or cols[4] in ("none", ""):
            continue
        for nid in cols[4].split("|"):
            if (cols[0], cols[1]) not in carriers[nid] and cols[1] not in seen:
                carriers[nid].append((cols[0], cols[1]))
    extra: dict[tuple[str, str], None] = {}
    for nid in sorted(carriers, key=lambda n: -len(carriers[n]))[:args.narratives]:
        extra.update(dict.fromkeys(carriers[nid][:args.per_narrative]))
    for i, (split, aid) in enumerate(extra):
        title, _, body = (args.ptc / "datasets" / f"{split}-articles" / f"article{aid}.txt").read_text(
            encoding="utf-8").partition("\n")
        day = date(2018, 10, 1) + timedelta(days=(i * 5) % 56)
        rows.append({"title": title.strip(), "text": body.strip(), "outlet": OUTLETS[i % len(OUTLETS)],
                     "published": f"{day.isoformat()}T12:00:00Z", "url": f"https://demo.invalid/{aid}"})
    src = args.out / "demo.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    db = f"sqlite:///{args.out / 'demo.db'}"
    cli = [sys.executable, "-c", "from propscope.cli import main; main()"]
    analyzers = "techniques,entities,attribution,sources,voice,narratives"
    subprocess.run([*cli, "ingest", str(src), "--db", db, "-a", analyzers, "-w", "1", "-q"], check=True)
    subprocess.run([*cli, "stories", "--update", "--db", db], check=True)
    subprocess.run([*cli, "claims", "--update", "--db", db], check=True)
    print(db)


if __name__ == "__main__":
    main()
