"""Check the state-media review gold against the PTC train articles it points into.

    python benchmarks/data/review/check.py [--ptc DIR] [--gold FILE] [--no-corpus]

The gold (``state_media_train.json`` beside this file) holds offsets and names only; the
article texts stay in the PTC release (``--ptc``, else ``$PROPSCOPE_PTC``, else the first
``shared/data/ptc`` found beside the checkout or above it).  The check:

* the file is well formed: known kinds, voices and layouts, ``named`` a bool, sorted spans;
* every referenced article exists and its sha256 is the recorded one (a changed corpus is
  detected before any offset is trusted);
* every quote and technique span lies inside its file, is non-empty and neither starts nor
  ends in whitespace;
* ``technique_voice`` lists exactly the PTC train technique spans of the article (same
  ``start``, ``end`` and technique, same multiplicity), so no gold span was lost or invented;
* each voice other than ``outlet`` and ``unclear`` is the speaker of a quote of that article.

Prints the counts and exits 1 on any problem.  ``--no-corpus`` checks only the structure
(for a machine without the PTC data).  Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))
from ptc_location import find_ptc  # noqa: E402  (one helper for every gold check)
GOLD = HERE / "state_media_train.json"
KINDS = {"direct", "mixed", "indirect"}
LAYOUTS = {"block", "transcript", "post"}
QUOTE_KEYS = {"start", "end", "kind", "speaker", "named", "relayed_by"}
QUOTE_OPTIONAL = {"relay_chain", "co_speakers", "layout"}


def check_structure(gold: dict) -> list[str]:
    errs: list[str] = []
    seen: set[str] = set()
    for art in gold.get("articles", []):
        aid = art.get("id", "?")
        where = f"article {aid}"
        if aid in seen:
            errs.append(f"{where}: listed twice")
        seen.add(aid)
        if art.get("file") != f"article{aid}.txt":
            errs.append(f"{where}: file is {art.get('file')!r}")
        if len(art.get("sha256", "")) != 64:
            errs.append(f"{where}: no sha256")
        if not art.get("note"):
            errs.append(f"{where}: no note")
        speakers = set()
        prev = (-1, 0)
        for i, q in enumerate(art.get("quotes", [])):
            w = f"{where} quote {i}"
            missing = QUOTE_KEYS - q.keys()
            extra = q.keys() - QUOTE_KEYS - QUOTE_OPTIONAL
            if missing or extra:
                errs.append(f"{w}: missing {sorted(missing)} extra {sorted(extra)}")
                continue
            if q["kind"] not in KINDS:
                errs.append(f"{w}: kind {q['kind']!r}")
            if not isinstance(q["named"], bool):
                errs.append(f"{w}: named is not a bool")
            if not q["speaker"] or not isinstance(q["speaker"], str):
                errs.append(f"{w}: no speaker")
            if q["relayed_by"] is not None and not isinstance(q["relayed_by"], str):
                errs.append(f"{w}: relayed_by must be a name or null")
            if "relay_chain" in q and (q["relayed_by"] is None or q["relay_chain"][0] != q["relayed_by"]):
                errs.append(f"{w}: relay_chain must start with relayed_by")
            if "layout" in q and (q["layout"] not in LAYOUTS or q["kind"] != "direct"):
                errs.append(f"{w}: layout {q['layout']!r} on a {q['kind']} quote")
            if not (isinstance(q["start"], int) and isinstance(q["end"], int) and q["start"] < q["end"]):
                errs.append(f"{w}: bad span {q['start']}-{q['end']}")
            key = (q["start"], -q["end"])
            if key < prev:
                errs.append(f"{w}: quotes not sorted by start")
            prev = key
            speakers.add(q["speaker"])
        for i, tv in enumerate(art.get("technique_voice", [])):
            w = f"{where} technique {i}"
            if set(tv) != {"start", "end", "technique", "voice"}:
                errs.append(f"{w}: keys {sorted(tv)}")
                continue
            if tv["voice"] not in {"outlet", "unclear"} and tv["voice"] not in speakers:
                errs.append(f"{w}: voice {tv['voice']!r} is no quote's speaker")
    return errs


def check_corpus(gold: dict, ptc: Path) -> list[str]:
    errs: list[str] = []
    arts_dir = ptc / "datasets" / "train-articles"
    labels_dir = ptc / "datasets" / "train-labels-task-flc-tc"
    for art in gold["articles"]:
        aid = art["id"]
        path = arts_dir / art["file"]
        if not path.is_file():
            errs.append(f"article {aid}: {path} missing")
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != art["sha256"]:
            errs.append(f"article {aid}: sha256 differs, the corpus changed; offsets not checked")
            continue
        text = raw.decode("utf-8")  # not utf-8-sig: a BOM is character 0, as in the PTC offsets
        spans = [("quote", q["start"], q["end"]) for q in art["quotes"]]
        spans += [("technique", t["start"], t["end"]) for t in art["technique_voice"]]
        for what, s, e in spans:
            if not (0 <= s < e <= len(text)):
                errs.append(f"article {aid}: {what} {s}-{e} outside the file ({len(text)} chars)")
                continue
            piece = text[s:e]
            if piece.strip() != piece:
                errs.append(f"article {aid}: {what} {s}-{e} starts or ends in whitespace")
        lab = labels_dir / f"article{aid}.task-flc-tc.labels"
        ptc_spans: Counter = Counter()
        if lab.is_file():
            for line in lab.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    _, tech, s, e = line.split("\t")
                    ptc_spans[(int(s), int(e), tech)] += 1
        ours = Counter((t["start"], t["end"], t["technique"]) for t in art["technique_voice"])
        if ours != ptc_spans:
            errs.append(f"article {aid}: technique spans differ from the PTC labels "
                        f"(missing {sorted((ptc_spans - ours).elements())[:3]}, "
                        f"extra {sorted((ours - ptc_spans).elements())[:3]})")
    return errs


def counts(gold: dict) -> dict:
    quotes = [q for a in gold["articles"] for q in a["quotes"]]
    voices = [t["voice"] for a in gold["articles"] for t in a["technique_voice"]]
    return {
        "articles": len(gold["articles"]),
        "quotes": len(quotes),
        "by_kind": dict(Counter(q["kind"] for q in quotes)),
        "named": sum(q["named"] for q in quotes),
        "unnamed": sum(not q["named"] for q in quotes),
        "relayed": sum(q["relayed_by"] is not None for q in quotes),
        "relayed_by": dict(Counter(q["relayed_by"] for q in quotes if q["relayed_by"]).most_common()),
        "layout": dict(Counter(q.get("layout", "running text") for q in quotes)),
        "speakers": len({q["speaker"] for q in quotes}),
        "technique_spans": len(voices),
        "voice": {
            "outlet": voices.count("outlet"),
            "speaker": sum(v not in {"outlet", "unclear"} for v in voices),
            "unclear": voices.count("unclear"),
        },
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ptc", help="the PTC release folder (holds datasets/)")
    p.add_argument("--gold", type=Path, default=GOLD)
    p.add_argument("--no-corpus", action="store_true", help="check the structure only")
    a = p.parse_args(argv)
    gold = json.loads(a.gold.read_text(encoding="utf-8"))
    errs = check_structure(gold)
    if not a.no_corpus:
        ptc = find_ptc(a.ptc)
        if ptc is None or not (ptc / "datasets" / "train-articles").is_dir():
            print("error: PTC data not found (pass --ptc, set PROPSCOPE_PTC, or use --no-corpus)", file=sys.stderr)
            return 2
        errs += check_corpus(gold, ptc)
    print(json.dumps(counts(gold), indent=1, ensure_ascii=False))
    for e in errs:
        print("ERROR:", e, file=sys.stderr)
    print(f"{len(errs)} problem(s)", file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
