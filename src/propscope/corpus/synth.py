"""Synthetic corpora for tests and benchmarks: nothing here is real news.

* :func:`syndication_benchmark` — events, each with an original article and labelled
  variants: light-edit copies, partial reprints, translations (out of scope: expected *not*
  to match), and independent articles on the same event (hard negatives: same names, same
  quoted statement).  Some variants credit the original's outlet ("according to X"), some an
  outlet that is not in the corpus.  :func:`evaluate_syndication` scores a report against it.
* :func:`synthetic_analyses` — many articles with ready-made analysis layers (techniques
  with voice and score, attributions with speakers, sources), inserted straight into a store
  without running analyzers: a large corpus for search and profile latency.

Words are pseudo-words from syllables, seeded, so every run with a seed is identical.
"""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span
from propscope.errors import AnalysisError
from propscope.segment import segment

__all__ = ["SynthItem", "SyntheticAnalyzer", "evaluate_syndication", "register_synthetic", "syndication_benchmark",
           "synthetic_analyses"]

_SYLLABLES = tuple("ka to ri me su na lo ve da pi ro te ga mi no ze ba lu fe sa di ko re ma ti vo ne ra "
                   "po li se mu ha do ki be ru ta".split())
_FUNCTION = tuple("the a of and to in on for with that by from at as was is were has have said will would "
                  "not but after before over under about into their its this".split())
OUTLETS = ("Reuters", "Associated Press", "TASS", "RIA Novosti", "Daily Courier", "The Sentinel", "Metro Herald",
           "Global Times", "Kyiv Post", "Evening Ledger", "Harbor Gazette", "Northern Star")
FOREIGN_OUTLET = "Le Monde Diplo"
ABSENT_OUTLETS = ("Xinhua", "Anadolu")
TECHNIQUES = ("Loaded_Language", "Name_Calling", "Doubt", "Exaggeration", "Appeal_to_Fear", "Flag_Waving",
              "Whataboutism", "Repetition")
VOICES = ("outlet", "quoted")


class _Words:
    def __init__(self, rng: random.Random, n: int = 4000) -> None:
        words: set[str] = set()
        while len(words) < n:
            words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.content = sorted(words)
        self.rng = rng
        self._foreign: dict[str, str] = {}

    def word(self) -> str:
        return self.rng.choice(_FUNCTION) if self.rng.random() < 0.35 else self.rng.choice(self.content)

    def name(self) -> str:
        return self.rng.choice(self.content).capitalize() + self.rng.choice(("ov", "ez", "sen", "ski", "er"))

    def sentence(self, names: list[str], lo: int = 10, hi: int = 22) -> str:
        words = [self.word() for _ in range(self.rng.randint(lo, hi))]
        for _ in range(self.rng.randint(0, 2)):
            if names:
                words[self.rng.randrange(len(words))] = self.rng.choice(names)
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."

    def foreign(self, word: str) -> str:
        out = self._foreign.get(word.casefold())
        if out is None:
            out = self._foreign[word.casefold()] = "".join(self.rng.choice(_SYLLABLES) for _ in range(3)) + "x"
        return out.capitalize() if word[:1].isupper() else out


def _article(title: str, paragraphs: list[list[str]], outlet: str, published: datetime, url: str,
             language: str = "en") -> Article:
    text = "\n\n".join(" ".join(p) for p in paragraphs if p)
    paras, sents = segment(text)
    return Article(text=text, title=title, outlet=outlet, url=url,
                   published=published.isoformat(timespec="seconds").replace("+00:00", "Z"), language=language,
                   paragraphs=paras, sentences=sents, source=url, source_format="synthetic")


def _paragraphs(sentences: list[str], rng: random.Random) -> list[list[str]]:
    out: list[list[str]] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(2, 4)
        out.append(sentences[i:i + n])
        i += n
    return out


@dataclass(frozen=True)
class SynthItem:
    article: Article
    kind: str  # original | light | partial | translation | negative | filler
    event: int
    original: str | None = None  # the original's article id, for light and partial copies
    relay_to: str | None = None  # the article id a relay link must point to, if any
    credits: str | None = None  # the outlet credited in the text, if any


def syndication_benchmark(n_events: int = 60, *, seed: int = 7) -> list[SynthItem]:
    rng = random.Random(seed)
    words = _Words(rng)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    items: list[SynthItem] = []
    serial = 0

    def url(outlet: str) -> str:
        nonlocal serial
        serial += 1
        return f"https://{outlet.lower().replace(' ', '-')}.example/news/{serial}"

    for event in range(n_events):
        names = [words.name() for _ in range(3)]
        quote = words.sentence(names, 12, 18)
        t0 = start + timedelta(hours=rng.randint(0, 24 * 60))
        origin = rng.choice(OUTLETS)
        body = [words.sentence(names) for _ in range(rng.randint(10, 16))]
        body.insert(rng.randint(1, 3), f'{names[0]} said: "{quote[:-1]}."')
        title = words.sentence(names, 5, 9)[:-1]
        original = _article(title, _paragraphs(body, rng), origin, t0, url(origin))
        items.append(SynthItem(original, "original", event))
        others = [o for o in OUTLETS if o != origin]
        rng.shuffle(others)
        k = 0

        def next_outlet() -> str:
            nonlocal k
            k += 1
            return others[(k - 1) % len(others)]

        def credit(sentences: list[str]) -> str | None:
            roll = rng.random()
            if roll < 0.4:
                s = words.sentence(names)
                sentences.insert(0, f"According to {origin}, {s[0].lower()}{s[1:]}")
                return origin
            if roll < 0.55:
                absent = rng.choice(ABSENT_OUTLETS)
                sentences.insert(0, f"{absent} reported that {words.sentence(names).lower()}")
                return absent
            return None

        for _ in range(rng.randint(0, 3)):  # light edits
            sents = [s for s in body if rng.random() > 0.1]
            sents = [" ".join(w if rng.random() > 0.05 else words.word() for w in s.split()) for s in sents]
            sents.insert(0, words.sentence(names))
            sents.append(words.sentence(names))
            credited = credit(sents)
            outlet = next_outlet()
            art = _article(words.sentence(names, 5, 9)[:-1], _paragraphs(sents, rng), outlet,
                           t0 + timedelta(hours=rng.randint(1, 48)), url(outlet))
            items.append(SynthItem(art, "light", event, original.id, original.id if credited == origin else None,
                                   credited))
        for _ in range(rng.randint(0, 2)):  # partial reprints
            n = len(body)
            size = max(4, int(n * rng.uniform(0.4, 0.7)))
            lo = rng.randint(0, n - size)
            sents = body[lo:lo + size] + [words.sentence(names) for _ in range(rng.randint(2, 5))]
            credited = credit(sents)
            outlet = next_outlet()
            art = _article(words.sentence(names, 5, 9)[:-1], _paragraphs(sents, rng), outlet,
                           t0 + timedelta(hours=rng.randint(1, 72)), url(outlet))
            items.append(SynthItem(art, "partial", event, original.id, original.id if credited == origin else None,
                                   credited))
        if rng.random() < 0.5:  # a translation: out of scope, must not match
            sents = [" ".join(words.foreign(w.strip(".,:\"")) for w in s.split()) + "." for s in body]
            art = _article(" ".join(words.foreign(w) for w in title.split()), _paragraphs(sents, rng), FOREIGN_OUTLET,
                           t0 + timedelta(hours=rng.randint(2, 48)), url(FOREIGN_OUTLET), language="xx")
            items.append(SynthItem(art, "translation", event))
        for _ in range(rng.randint(1, 3)):  # independent reports of the same event
            sents = [words.sentence(names) for _ in range(rng.randint(8, 14))]
            if rng.random() < 0.6:
                sents.insert(rng.randint(0, 3), f'"{quote[:-1]}," {names[0]} said.')
            credited = credit(sents)
            outlet = next_outlet()
            art = _article(words.sentence(names, 5, 9)[:-1], _paragraphs(sents, rng), outlet,
                           t0 + timedelta(hours=rng.randint(0, 48)), url(outlet))
            items.append(SynthItem(art, "negative", event, None, original.id if credited == origin else None,
                                   credited))
    return items


def evaluate_syndication(report: Any, items: list[SynthItem]) -> dict[str, Any]:
    """Pairwise precision/recall of the clusters (translations left out), recall per kind,
    translations wrongly matched, and precision/recall of the relay links."""
    by_id = {it.article.id: it for it in items}
    scored = {aid for aid, it in by_id.items() if it.kind != "translation"}
    truth: dict[str, str] = {}
    for aid, it in by_id.items():
        truth[aid] = f"e{it.event}" if it.kind in ("original", "light", "partial") else f"x{aid}"
    predicted: dict[str, int] = {}
    for n, cluster in enumerate(report.clusters):
        for m in cluster.members:
            if not m.exact:
                predicted[m.article_id] = n

    def pairs(assign: dict[str, Any]) -> set[tuple[str, str]]:
        groups: dict[Any, list[str]] = {}
        for aid, g in assign.items():
            if aid in scored:
                groups.setdefault(g, []).append(aid)
        out: set[tuple[str, str]] = set()
        for ids in groups.values():
            ids.sort()
            out.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
        return out

    true_pairs = pairs(truth)
    pred_pairs = pairs(predicted)
    tp = len(true_pairs & pred_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in ("light", "partial"):
        copies = [it for it in items if it.kind == kind]
        found = sum(1 for it in copies if it.article.id in predicted and it.original in predicted
                    and predicted[it.article.id] == predicted[it.original])
        per_kind[kind] = {"copies": len(copies), "found": found, "recall": round(found / len(copies), 4)
                          if copies else None}
    translations = [it for it in items if it.kind == "translation"]
    negatives = [it for it in items if it.kind == "negative"]
    truth_links = {(it.article.id, it.relay_to) for it in items if it.relay_to}
    pred_links = {(link.article_id, link.original_id) for link in report.relays}
    ltp = len(truth_links & pred_links)
    reuse: dict[str, list[float]] = {"light": [], "partial": []}
    for cluster in report.clusters:
        for m in cluster.copies:
            item = by_id.get(m.article_id)
            if item is not None and item.kind in reuse and not m.exact:
                reuse[item.kind].append(m.reuse)
    return {
        "articles": len(items),
        "events": len({it.event for it in items}),
        "clusters": {"pairs_true": len(true_pairs), "pairs_predicted": len(pred_pairs), "true_positive_pairs": tp,
                     "precision": round(precision, 4), "recall": round(recall, 4),
                     "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0},
        "per_kind": per_kind,
        "negatives": {"articles": len(negatives),
                      "wrongly_clustered": sum(1 for it in negatives if it.article.id in predicted)},
        "translations": {"articles": len(translations), "excluded_from_scores": True,
                         "matched": sum(1 for it in translations if it.article.id in predicted)},
        "mean_reuse": {k: round(sum(v) / len(v), 3) if v else None for k, v in reuse.items()},
        "relays": {"links_true": len(truth_links), "links_predicted": len(pred_links), "true_positive": ltp,
                   "precision": round(ltp / len(pred_links), 4) if pred_links else 1.0,
                   "recall": round(ltp / len(truth_links), 4) if truth_links else 1.0},
    }


def synthetic_analyses(n: int, *, seed: int = 1, outlets: int = 20, days: int = 365,
                       words_per_article: tuple[int, int] = (120, 260)) -> Iterator[Analysis]:
    """``n`` articles with ready-made layers (no analyzer runs): techniques (technique, score,
    voice), attributions (speaker, kind, cue), sources (name, kind, relation)."""
    rng = random.Random(seed)
    words = _Words(rng, 6000)
    outlet_names = [f"Outlet {i:02d}" for i in range(outlets)]
    speakers = [words.name() + " " + words.name() for _ in range(300)]
    agencies = ["Reuters", "TASS", "AP", "AFP", "Xinhua", "Anadolu"]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    infos = (AnalyzerInfo("techniques", "1"), AnalyzerInfo("attribution", "1"), AnalyzerInfo("sources", "1"))
    for i in range(n):
        target = rng.randint(*words_per_article)
        sents: list[str] = []
        count = 0
        while count < target:
            s = words.sentence(speakers[:0], 8, 20)
            sents.append(s)
            count += len(s.split())
        text = f"Report {i}. " + " ".join(sents)
        published = start + timedelta(minutes=rng.randint(0, days * 24 * 60))
        article = Article(text=text, title=f"Synthetic report {i}", outlet=rng.choice(outlet_names),
                          url=f"https://example.org/a/{i}", published=published.isoformat(timespec="seconds"),
                          language="en", source=f"synthetic#{i}", source_format="synthetic")
        L = len(text)

        def span(rng_: random.Random = rng) -> tuple[int, int]:
            a = rng_.randrange(0, max(1, L - 40))
            return a, min(L, a + rng_.randint(5, 40))

        tech = []
        for _ in range(rng.randint(0, 6)):
            a, b = span()
            tech.append(Span(a, b, rng.choice(TECHNIQUES),
                             {"score": round(rng.random(), 3), "voice": rng.choice(VOICES)}))
        attr = []
        for _ in range(rng.randint(0, 4)):
            a, b = span()
            attr.append(Span(a, b, "attribution", {"kind": rng.choice(("direct", "indirect")),
                                                   "speaker": rng.choice(speakers[:60] if rng.random() < 0.7
                                                                         else speakers), "cue": "said"}))
        srcs = []
        for _ in range(rng.randint(0, 2)):
            a, b = span()
            srcs.append(Span(a, b, "source", {"name": rng.choice(agencies), "kind": "agency",
                                              "relation": "according_to"}))
        layers = {
            "techniques": Layer("techniques", "techniques", "1", tuple(tech), label_key="technique"),
            "attributions": Layer("attributions", "attribution", "1", tuple(attr)),
            "sources": Layer("sources", "sources", "1", tuple(srcs)),
        }
        yield Analysis(article, layers, infos)


# -- a stand-in analyzer --------------------------------------------------------------------------
_TRIGGERS = {"enemy": "Name_Calling", "enemies": "Name_Calling", "traitor": "Name_Calling",
             "catastrophe": "Exaggeration", "always": "Loaded_Language", "never": "Loaded_Language",
             "doubt": "Doubt", "threat": "Appeal_to_Fear"}
_LOADS = 0  # SyntheticAnalyzer.load() calls in this process
_SPEAKER = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:said|says|told|added)\b")


class SyntheticAnalyzer(BaseAnalyzer):
    """A rule-based stand-in for the model analyzers, for tests and benchmarks only.

    Produces the ``techniques`` (trigger words; voice ``quoted`` inside double quotes, else
    ``outlet``), ``attributions`` ("NAME said") and ``sources`` ("according to X", "X
    reported") layers in the shapes the real analyzers use.  Settings: ``cost_ms`` burns that
    much CPU per article (a model's cost, to measure scaling), ``fail_on`` makes it fail on
    texts containing that string (error handling).
    """

    name = "synthetic"
    version = "1"
    requires = ()
    produces = ("techniques", "attributions", "sources")
    description = "Rule-based stand-in for the model analyzers (tests and benchmarks)."

    def load(self, model_dir: Any = None) -> None:
        """Counts loads per process (``record_process=True`` puts pid and count in the layer data)."""
        global _LOADS
        _LOADS += 1

    def annotate(self, article: Article, layers: Any) -> dict[str, Layer]:
        cost = float(self.settings.get("cost_ms", 0)) / 1000.0
        if cost:
            end = time.process_time() + cost
            x = 0
            while time.process_time() < end:
                x += 1
        marker = self.settings.get("fail_on")
        if marker and marker in article.text:
            raise AnalysisError(f"synthetic failure on {marker!r}", analyzer=self.name, article_id=article.id)
        text = article.text
        tech = []
        for m in re.finditer(r"[^\W_]+", text):
            technique = _TRIGGERS.get(m.group().casefold())
            if technique:
                quoted = text.count('"', 0, m.start()) % 2 == 1
                tech.append(Span(m.start(), m.end(), technique,
                                 {"score": 0.9, "voice": "quoted" if quoted else "outlet"}))
        attr = [Span(m.start(), m.end(), "attribution", {"kind": "direct", "speaker": m.group(1), "cue": "said"})
                for m in _SPEAKER.finditer(text)]
        from propscope.corpus.syndication import credited_names

        srcs = []
        for name in credited_names(text):
            i = text.find(name)
            srcs.append(Span(i, i + len(name), "source", {"name": name, "kind": "outlet", "relation": "reported"}))
        data = {"pid": os.getpid(), "loads": _LOADS} if self.settings.get("record_process") else {}
        return {"techniques": self.layer("techniques", tech, data, label_key="technique"),
                "attributions": self.layer("attributions", attr),
                "sources": self.layer("sources", srcs)}


def register_synthetic() -> None:
    """Make ``synthetic`` available to ``Pipeline.build`` in this process (ingest passes it on to workers)."""
    from propscope.analyzers.base import register_analyzer

    register_analyzer("synthetic", "propscope.corpus.synth:SyntheticAnalyzer")
