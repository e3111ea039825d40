"""Attribution evaluation: the PolNeAR reader and the who-said-what metrics.

PolNeAR (Newell, Margolin, Ruths, LREC 2018) annotates attribution relations in brat
standoff: ``Source``, ``Cue`` and ``Content`` spans (possibly discontinuous) tied by an
``E`` line.  :func:`read_polnear` reads one split (one annotator per article, the
alphabetically first) into :class:`GoldArticle` records whose offsets index the raw
``.txt`` file decoded as UTF-8.

Scoring (:func:`score`) aligns predicted to gold attributions one-to-one by the token
Jaccard of their content (word tokens only, after stripping outer quotation marks and a
leading "that"), greedily from the best pair down, and reports:

* exact match P/R/F1 (Jaccard = 1) and overlap match P/R/F1 (Jaccard >= 0.5);
* source accuracy on overlap-matched pairs (the predicted source overlaps the gold one;
  when gold has no source, correct iff none is predicted);
* attribution P/R/F1: overlap-matched *and* source correct;
* the same on two subsets: attributions whose content has quotation marks (gold side: gold
  content has them; predicted side: predicted content has them) and attributions whose cue
  is a speech verb (the analyzer's lexicon,
  :data:`~propscope.analyzers.attribution.saying.SPEECH_VERBS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from propscope.analyzers.attribution import AttributionAnalyzer
from propscope.analyzers.attribution.saying import SPEECH_VERBS
from propscope.analyzers.entities import EntityAnalyzer, SpeakerResolver
from propscope.article import Article
from propscope.errors import InputError
from propscope.segment import segment

__all__ = [
    "QUOTE_CHARS",
    "Attr",
    "GoldArticle",
    "Scores",
    "align",
    "content_tokens",
    "evaluate_articles",
    "format_scores",
    "has_quote_marks",
    "is_speech_cue",
    "parse_ann",
    "read_polnear",
    "score",
]

QUOTE_CHARS = "\"“”„«»‘’‹›'"
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")


@dataclass(frozen=True)
class Attr:
    """One attribution: content spans (non-empty), an optional cue and source span."""

    content: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...] = ()
    source: tuple[tuple[int, int], ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[Attr, ...]


def _parse_spans(field_: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def parse_ann(ann: str) -> tuple[Attr, ...]:
    """Attributions of one brat ``.ann`` file (wrapped text lines tolerated)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.split("\n"):
        m = re.match(r"^(T\d+)\t(\S+) ([\d ;]+)\t", line)
        if m:
            spans[m.group(1)] = (m.group(2), _parse_spans(m.group(3)))
            continue
        m = re.match(r"^(E\d+)\t(.*)$", line)
        if m:
            events.append([(arg.split(":", 1)[0], arg.split(":", 1)[-1]) for arg in m.group(2).split()])
    out: list[Attr] = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, ref in args:
            role = "Content" if role.startswith("Content") else role
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        if roles["Content"]:
            out.append(Attr(tuple(sorted(roles["Content"])), tuple(sorted(roles["Cue"])),
                            tuple(sorted(roles["Source"]))))
    return tuple(out)


def read_polnear(root: str | Path, split: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    """Articles of one PolNeAR split; ``root`` is the polnear folder (or its ``data``)."""
    base = Path(root)
    if (base / "data").is_dir():
        base = base / "data"
    text_dir, ann_dir = base / split / "text", base / split / "attributions"
    if not text_dir.is_dir():
        raise InputError(f"no PolNeAR split {split!r} under {base} (expected {text_dir})")
    anns: dict[str, list[Path]] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], []).append(p)
    out: list[GoldArticle] = []
    for txt in sorted(text_dir.glob("*.txt")):
        files = anns.get(txt.stem)
        if not files:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append(GoldArticle(txt.stem, text, parse_ann(files[0].read_text(encoding="utf-8"))))
        if limit and len(out) >= limit:
            break
    return out


def content_tokens(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word tokens of a content, without a leading "that"."""
    toks: list[tuple[int, str]] = []
    for a, b in sorted(spans):
        toks.extend((a + m.start(), m.group()) for m in _WORD.finditer(text[a:b]))
    if toks and toks[0][1].lower() == "that":
        toks = toks[1:]
    return frozenset(t[0] for t in toks)


def has_quote_marks(text: str, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a content contains a double quotation mark (or a single curly opening quote).

    Typewriter quotes (``''…''``) are not counted, matching the heuristic of the PolNeAR
    staging notes (624 quote-marked dev attributions there, 638 here).
    """
    return any(c in "\"“”„«»" or c == "‘" for a, b in spans for c in text[a:b])


def is_speech_cue(text: str, spans: Iterable[tuple[int, int]]) -> bool:
    return any(w.lower() in SPEECH_VERBS for a, b in spans for w in _WORD.findall(text[a:b]))


def _tokens_of(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(a + m.start() for a, b in spans for m in _WORD.finditer(text[a:b]))


def _source_ok(text: str, pred: Attr, gold: Attr) -> bool:
    if not gold.source:
        return not pred.source
    if not pred.source:
        return False
    g = _tokens_of(text, gold.source)
    p = _tokens_of(text, pred.source)
    if g and p:
        return bool(g & p)
    return any(a < d and c < b for a, b in pred.source for c, d in gold.source)


def align(text: str, pred: Sequence[Attr], gold: Sequence[Attr]) -> list[tuple[int, int, float]]:
    """One-to-one pairs ``(pred index, gold index, jaccard)``, greedy by Jaccard."""
    ptoks = [content_tokens(text, a.content) for a in pred]
    gtoks = [content_tokens(text, a.content) for a in gold]
    cands: list[tuple[float, int, int]] = []
    for i, p in enumerate(ptoks):
        for j, g in enumerate(gtoks):
            inter = len(p & g)
            if inter:
                cands.append((inter / len(p | g), i, j))
            elif not p and not g and pred[i].content and gold[j].content:
                pa, ga = pred[i].content, gold[j].content
                if pa == ga:
                    cands.append((1.0, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for jac, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, jac))
    return out


@dataclass
class _Counts:
    n_pred: int = 0
    n_gold: int = 0
    exact_p: int = 0
    exact_g: int = 0
    overlap_p: int = 0
    overlap_g: int = 0
    source_ok: int = 0
    attr_p: int = 0
    attr_g: int = 0


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Scores:
    """Scores overall and on the two subsets; ``as_dict`` gives the JSON form."""

    counts: dict[str, _Counts]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, c in self.counts.items():
            out[name] = {
                "n_pred": c.n_pred,
                "n_gold": c.n_gold,
                "exact": _prf(c.exact_p, c.n_pred, c.exact_g, c.n_gold),
                "overlap": _prf(c.overlap_p, c.n_pred, c.overlap_g, c.n_gold),
                "source_accuracy": round(c.source_ok / c.overlap_g, 4) if c.overlap_g else 0.0,
                "attribution": _prf(c.attr_p, c.n_pred, c.attr_g, c.n_gold),
            }
        return out


SUBSETS = ("all", "quote_marked", "speech_verb")


def _in_subset(name: str, text: str, a: Attr) -> bool:
    if name == "all":
        return True
    if name == "quote_marked":
        return has_quote_marks(text, a.content)
    return is_speech_cue(text, a.cue)


def score(items: Iterable[tuple[str, Sequence[Attr], Sequence[Attr]]]) -> Scores:
    """Score ``(text, predicted, gold)`` triples, one per article."""
    counts = {name: _Counts() for name in SUBSETS}
    for text, pred, gold in items:
        pairs = align(text, pred, gold)
        for name in SUBSETS:
            c = counts[name]
            pin = [_in_subset(name, text, a) for a in pred]
            gin = [_in_subset(name, text, a) for a in gold]
            c.n_pred += sum(pin)
            c.n_gold += sum(gin)
            for i, j, jac in pairs:
                exact = jac >= 1.0
                overlap = jac >= 0.5
                src = overlap and _source_ok(text, pred[i], gold[j])
                if pin[i]:
                    c.exact_p += exact
                    c.overlap_p += overlap
                    c.attr_p += src
                if gin[j]:
                    c.exact_g += exact
                    c.overlap_g += overlap
                    c.attr_g += src
                    c.source_ok += src
    return Scores(counts)


def format_scores(scores: Mapping[str, Any]) -> str:
    """A plain-text table of :meth:`Scores.as_dict`."""
    header = (f"{'subset':<13}{'n_pred':>7}{'n_gold':>7}  {'exact P/R/F1':<20}{'overlap P/R/F1':<20}"
              f"{'src acc':>8}  {'attribution P/R/F1':<20}")
    lines = [header]
    for name, s in scores.items():
        def fmt(d: Mapping[str, float]) -> str:
            return f"{d['precision']:.3f}/{d['recall']:.3f}/{d['f1']:.3f}"

        lines.append(f"{name:<13}{s['n_pred']:>7}{s['n_gold']:>7}  {fmt(s['exact']):<20}{fmt(s['overlap']):<20}"
                     f"{s['source_accuracy']:>8.3f}  {fmt(s['attribution']):<20}")
    return "\n".join(lines)


def identity_article(raw: str, name: str | None = None) -> Any:
    """An Article whose text is the raw input unchanged (offsets are raw offsets)."""
    paragraphs, sentences = segment(raw)
    return Article(text=raw, paragraphs=paragraphs, sentences=sentences, source=name, source_format="text")


def predicted_attrs(article: Any, layer: Any) -> list[Attr]:
    """Attributions of an ``attributions`` layer as raw-offset :class:`Attr` records."""
    out = []
    for s in layer.spans:
        content = tuple(article.raw_span(tuple(c)) for c in s.attrs["content"])
        cue = (article.raw_span(tuple(s.attrs["cue"])),) if s.attrs.get("cue") else ()
        src = (article.raw_span(tuple(s.attrs["source"])),) if s.attrs.get("source") else ()
        out.append(Attr(content, cue, src, {"kind": s.label, "speaker": s.attrs.get("speaker")}))
    return out


def evaluate(
    data: str | Path,
    split: str = "dev",
    *,
    model_dir: str | Path | None = None,
    limit: int | None = None,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Run entities + attribution over a PolNeAR split and score them."""
    gold = read_polnear(data, split, limit=limit)
    return {"split": split, **evaluate_articles(gold, model_dir=model_dir, settings=settings)}


def evaluate_articles(
    gold: Sequence[GoldArticle],
    *,
    model_dir: str | Path | None = None,
    settings: Mapping[str, Any] | None = None,
    entity_settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Run entities + attribution over gold articles (a split or any part of one) and score them."""
    import time

    ents = EntityAnalyzer(**dict(entity_settings or {}))
    ents.load()
    attr = AttributionAnalyzer(**dict(settings or {}))
    attr.load(Path(model_dir) if model_dir else None)
    t0 = time.perf_counter()
    items = []
    for g in gold:
        article = identity_article(g.text, g.name)
        layers = dict(ents.annotate(article, {}))
        layers.update(attr.annotate(article, layers))
        items.append((g.text, predicted_attrs(article, layers["attributions"]), g.attributions))
    seconds = time.perf_counter() - t0
    return {"articles": len(gold), "seconds": round(seconds, 2), "scores": score(items).as_dict()}


# -- speaker resolution on a hand-labelled set -------------------------------------------------

_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def read_resolution_set(path: str | Path) -> list[dict[str, Any]]:
    """Articles of a resolution set file: ``=== id`` headers, ``[[mention|Canonical Name]]`` gold.

    Returns ``[{"id", "text", "gold": [(start, end, name), ...]}]`` with the markup removed.
    """
    out: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is None:
            return
        raw = "\n".join(lines).strip("\n") + "\n"
        text_parts: list[str] = []
        gold = []
        pos = 0
        length = 0
        for m in _MARK.finditer(raw):
            text_parts.append(raw[pos : m.start()])
            length += m.start() - pos
            gold.append((length, length + len(m.group(1)), m.group(2)))
            text_parts.append(m.group(1))
            length += len(m.group(1))
            pos = m.end()
        text_parts.append(raw[pos:])
        current["text"] = "".join(text_parts)
        current["gold"] = gold
        out.append(current)

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("=== "):
            flush()
            current = {"id": line[4:].strip()}
            lines = []
        else:
            lines.append(line)
    flush()
    return out


def evaluate_resolution(path: str | Path, *, model_dir: str | Path | None = None) -> dict[str, Any]:
    """Share of gold source mentions whose speaker is the right canonical name.

    ``end_to_end``: the analyzer's own attribution whose source overlaps the gold mention
    must carry the gold name (a missed attribution counts as wrong).  ``given_mention``: the
    resolver alone, handed the gold mention (previous speaker = the last one it resolved).
    """
    ents = EntityAnalyzer()
    ents.load()
    attr = AttributionAnalyzer()
    attr.load(Path(model_dir) if model_dir else None)
    total = e2e = given = 0
    errors: list[dict[str, Any]] = []
    for item in read_resolution_set(path):
        article = identity_article(item["text"], item["id"])
        layers = dict(ents.annotate(article, {}))
        layers.update(attr.annotate(article, layers))
        spans = layers["attributions"].spans
        resolver = SpeakerResolver(article.text, layers["entities"].spans, layers["entities"].data["entities"])
        previous = None
        for start, end, name in item["gold"]:
            total += 1
            hit = next((s for s in spans if s.attrs.get("source") and s.attrs["source"][0] < end
                        and start < s.attrs["source"][1]), None)
            got = hit.attrs.get("speaker") if hit else None
            e2e += got == name
            ref = resolver.resolve(start, end, previous=previous)
            given += bool(ref and ref.name == name)
            if ref:
                previous = ref
            if got != name or not ref or ref.name != name:
                errors.append({"id": item["id"], "mention": item["text"][start:end], "gold": name,
                               "end_to_end": got, "given_mention": ref.name if ref else None,
                               "found": hit is not None})
    return {"items": total, "end_to_end": round(e2e / total, 4) if total else 0.0,
            "given_mention": round(given / total, 4) if total else 0.0, "errors": errors}
