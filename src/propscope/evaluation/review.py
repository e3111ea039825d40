"""The state-media review set (``benchmarks/data/review``): who said what, and whose voice.

The gold (``state_media_train.json``, format in the folder's README) points into the PTC
train articles by offsets: quotes with the resolved speaker, ``named``, ``relayed_by`` (and
optionally ``relay_chain``, ``co_speakers``), and every PTC technique span with its
``voice`` (``outlet``, a quote speaker's name, or ``unclear``).  This module reads it into
the shapes of :mod:`propscope.evaluation.quotes` and adds the two scores that set needs
beyond the quote metric:

* **Relays.**  A gold quote with a ``relayed_by`` has its relay right when the attribution
  that found it names, as ``relayed_by``, the same outlet or person as ``relayed_by`` or as
  any member of ``relay_chain`` (:func:`relay_right`).  A found quote without a gold relay
  whose attribution sets one counts as a spurious relay.
* **Voice**, two ways (both on raw offsets, predicted spans mapped through the article's
  offset map):

  1. *Gold spans* (:func:`score_gold_voice`): each gold technique span whose voice is not
     ``unclear`` is matched to the predicted technique span of the **same technique** that
     overlaps it most; failing that, to the predicted span of **any technique** that overlaps
     it most (voice belongs to the place in the text, not to the label; the two matches are
     counted apart); failing that, it is *unmatched*.  The matched span's voice is compared
     with the gold one (:func:`voice_right`).  This figure depends on technique recall and on
     the predicted boundaries.
  2. *Predicted spans* (:func:`score_predicted_voice`): each predicted technique span
     (deduplicated by position: several techniques on one stretch share its voice) gets the
     gold voice the annotation guidelines define, from the gold quotes alone
     (:func:`gold_voice`): a speaker's when at least two thirds of its characters (edge
     punctuation, quotation marks and spaces ignored) lie inside that speaker's quote
     contents, the innermost quote winning; ``outlet`` when at most one third lies inside any
     quote; in between, unclear and left out.  It does not depend on technique recall, so it
     is the figure held against the target (voice right ≥ 0.85).

:func:`voice_right`: ``outlet`` needs ``outlet``; a named speaker needs the same person or
body (:func:`~propscope.evaluation.quotes.same_speaker`); an unnamed speaker (a
description) is right when the prediction gives a speaker's voice that is unresolved
(``"unknown speaker"``) or the same description.  Whether a gold name is a person's (which
allows a surname alone) is decided by :func:`is_person_name`, the gold having no entity types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from propscope.article import OffsetMap
from propscope.evaluation.quotes import (
    ArticleScore,
    GoldQuote,
    Interval,
    PredictedQuote,
    QuoteOutcome,
    body_tokens,
    coverage,
    predictions_from_analysis,
    same_speaker,
    speaker_right,
    text_spans_to_raw,
)
from propscope.evaluation.quotes import score_article as score_quotes

__all__ = [
    "OUTLET",
    "UNKNOWN_SPEAKER",
    "GoldTechnique",
    "PredictedTechnique",
    "ReviewArticle",
    "VoiceOutcome",
    "co_speaker_right",
    "gold_quotes",
    "gold_techniques",
    "gold_voice",
    "is_person_name",
    "load_gold",
    "predicted_techniques",
    "relay_right",
    "score_article",
    "score_gold_voice",
    "score_predicted_voice",
    "summarise_relays",
    "summarise_voice",
    "title_predictions",
    "voice_right",
    "with_title",
]

OUTLET = "outlet"
UNCLEAR = "unclear"
#: what the ``voice`` analyzer writes for content whose speaker it did not resolve
UNKNOWN_SPEAKER = "unknown speaker"

#: Words that make a capitalised name a body's, not a person's ("Washington Free Beacon",
#: "NBC News", "North Korea").
BODY_WORDS = frozenset("""
news times post journal daily press agency wire beacon caller foundation institute center centre group
ministry department government administration house office committee commission council mission embassy
navy army force forces military police court congress senate parliament party union bureau service agency
protection network tv television radio channel media herald tribune guardian telegraph gazette review
university college school company corporation inc ltd llc bank fund organization organisation association
korea china russia iran iraq states kingdom republic federation
""".split())


def _is_acronym(word: str) -> bool:
    """"RT", "U.S." yes; initials ("H.", "A.B.", each letter with its full stop) no."""
    letters = re.sub(r"\W", "", word)
    if len(letters) < 2 or not letters.isupper():
        return False
    return not (re.fullmatch(r"(?:[A-Z]\.)+", word) and len(letters) <= 2)


def is_person_name(name: str, named: bool = True) -> bool:
    """Whether a gold speaker names a person (a surname alone may then match it): a name of
    two words or more, not opened by "the", none of them an acronym of two capitals or more
    ("RT", "US"; an initial such as "H." is not one) or a body word (:data:`BODY_WORDS`)."""
    if not named or not name:
        return False
    words = name.split()
    if len(words) < 2 or words[0].casefold() == "the":
        return False
    # an acronym ("RT", "US") is a body's; an initial ("H." of "H. R. McMaster") is not one
    if any(_is_acronym(w) for w in words):
        return False
    return not any(t in BODY_WORDS for t in body_tokens(name))


@dataclass(frozen=True)
class GoldTechnique:
    """One gold technique span, raw offsets, with its voice (``outlet``, a speaker, ``unclear``)."""

    start: int
    end: int
    technique: str
    voice: str


@dataclass(frozen=True)
class PredictedTechnique:
    """One predicted technique span: its raw intervals (mapped from ``Article.text``) and voice."""

    raw: tuple[Interval, ...]
    technique: str
    voice: str | None
    text_span: Interval = (0, 0)


@dataclass(frozen=True)
class VoiceOutcome:
    """A voice judgement.  ``match``: for gold spans ``technique``, ``other`` or ``none`` (how
    the predicted span was found); for predicted spans ``predicted``."""

    gold_voice: str
    predicted_voice: str | None
    match: str
    right: bool
    gold: Interval
    predicted: Interval | None
    technique: str = ""


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def gold_quotes(article: Mapping[str, Any]) -> list[GoldQuote]:
    """The article's gold quotes as :class:`GoldQuote` (``named`` from the gold, ``person``
    from :func:`is_person_name`); ``meta`` keeps kind, relays, co-speakers and layout."""
    out = []
    for q in article.get("quotes") or []:
        meta = {k: q[k] for k in ("kind", "relayed_by", "relay_chain", "co_speakers", "layout") if q.get(k)}
        out.append(GoldQuote(int(q["start"]), int(q["end"]), q["speaker"], named=bool(q["named"]),
                             person=is_person_name(q["speaker"], bool(q["named"])), meta=meta))
    return out


def gold_techniques(article: Mapping[str, Any]) -> list[GoldTechnique]:
    return [GoldTechnique(int(t["start"]), int(t["end"]), t["technique"], t["voice"])
            for t in article.get("technique_voice") or []]


def predicted_techniques(analysis: Mapping[str, Any], offsets: OffsetMap | None) -> list[PredictedTechnique]:
    """The technique spans of one ``propscope analyze`` record (``layers.techniques.spans``,
    with the ``voice`` the voice analyzer adds), mapped to raw offsets."""
    layer = (analysis.get("layers") or {}).get("techniques") or {}
    key = layer.get("label_key") or "technique"
    out = []
    for s in layer.get("spans") or []:
        a, b = int(s["start"]), int(s["end"])
        out.append(PredictedTechnique(tuple(text_spans_to_raw([(a, b)], offsets)), str(s.get(key) or ""),
                                      s.get("voice"), (a, b)))
    return out


def relay_right(gold_relays: Iterable[str], predicted: str | None) -> bool:
    """Whether a predicted ``relayed_by`` names one of the gold relays (``relayed_by`` and the
    members of ``relay_chain``)."""
    if not predicted:
        return False
    return any(same_speaker(g, predicted, person=is_person_name(g)) for g in gold_relays if g)


def co_speaker_right(quote: GoldQuote, predicted: str | None) -> bool:
    """Whether the prediction names one of the quote's ``co_speakers`` (the other conjuncts of
    "X and Y said", which the gold accepts too)."""
    return any(same_speaker(c, predicted, person=is_person_name(c)) for c in quote.meta.get("co_speakers") or ())


def voice_right(gold: str, predicted: str | None, *, named: bool = True, person: bool | None = None) -> bool:
    """Whether a predicted voice is the gold one (see the module docstring)."""
    if gold == OUTLET:
        return predicted == OUTLET
    if not predicted or predicted == OUTLET:
        return False
    if predicted == UNKNOWN_SPEAKER:
        return not named
    return same_speaker(gold, predicted, person=is_person_name(gold, named) if person is None else person)


def _trim(raw: str, intervals: Sequence[Interval]) -> list[Interval]:
    """``intervals`` without the punctuation, quotation marks and spaces at the two ends."""
    ivs = [(a, b) for a, b in sorted(intervals) if b > a]
    while ivs:
        a, b = ivs[0]
        m = re.match(r"[\W_]*", raw[a:b])
        a += m.end() if m else 0
        if a < b:
            ivs[0] = (a, b)
            break
        ivs.pop(0)
    while ivs:
        a, b = ivs[-1]
        m = re.search(r"[\W_]*$", raw[a:b])
        b = a + (m.start() if m else b - a)
        if b > a:
            ivs[-1] = (a, b)
            break
        ivs.pop()
    return ivs


def _inside(intervals: Sequence[Interval], a: int, b: int) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in intervals)


def gold_voice(raw: str, intervals: Sequence[Interval], quotes: Sequence[GoldQuote]) -> str | None:
    """The voice the guidelines give a stretch of text (raw ``intervals``) from the gold quotes:
    a speaker's name, ``outlet``, or ``None`` (unclear, or nothing left after trimming)."""
    ivs = _trim(raw, intervals)
    total = sum(b - a for a, b in ivs)
    if not total:
        return None
    # characters inside any quote: the union of all quote contents
    union: list[list[int]] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if union and q.start <= union[-1][1]:
            union[-1][1] = max(union[-1][1], q.end)
        else:
            union.append([q.start, q.end])
    in_any = sum(_inside(ivs, a, b) for a, b in union)
    if 3 * in_any <= total:
        return OUTLET
    by_speaker: dict[str, list[GoldQuote]] = {}
    for q in quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    best: tuple[int, str] | None = None
    for speaker, qs in by_speaker.items():
        inside = sum(_inside(ivs, a, b) for a, b in _union(qs))
        if 3 * inside >= 2 * total:
            # innermost: the shortest of this speaker's quotes that overlap the stretch
            width = min(q.end - q.start for q in qs if _inside(ivs, q.start, q.end))
            if best is None or width < best[0]:
                best = (width, speaker)
    return best[1] if best else None


def _union(quotes: Iterable[GoldQuote]) -> list[Interval]:
    merged: list[list[int]] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if merged and q.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], q.end)
        else:
            merged.append([q.start, q.end])
    return [(a, b) for a, b in merged]


def _speaker_kind(quotes: Sequence[GoldQuote], speaker: str) -> tuple[bool, bool]:
    """(named, person) of a gold speaker, from its first quote."""
    for q in quotes:
        if q.speaker == speaker:
            return bool(q.named), bool(q.person)
    return True, is_person_name(speaker)


def score_gold_voice(gold: Sequence[GoldTechnique], predicted: Sequence[PredictedTechnique],
                     quotes: Sequence[GoldQuote] = ()) -> list[VoiceOutcome]:
    """Voice on the gold technique spans (``unclear`` ones left out): see the module docstring."""
    out = []
    for g in gold:
        if g.voice == UNCLEAR:
            continue
        best: tuple[int, int] | None = None  # (overlap, index)
        match = "none"
        for wanted in ("technique", "other"):
            for i, p in enumerate(predicted):
                if wanted == "technique" and p.technique != g.technique:
                    continue
                ov = _inside(p.raw, g.start, g.end)
                if ov > 0 and (best is None or ov > best[0]):
                    best = (ov, i)
            if best is not None:
                match = wanted
                break
        if best is None:
            out.append(VoiceOutcome(g.voice, None, "none", False, (g.start, g.end), None, g.technique))
            continue
        p = predicted[best[1]]
        named, person = _speaker_kind(quotes, g.voice) if g.voice != OUTLET else (True, False)
        out.append(VoiceOutcome(g.voice, p.voice, match, voice_right(g.voice, p.voice, named=named, person=person),
                                (g.start, g.end), p.text_span, g.technique))
    return out


def score_predicted_voice(raw: str, predicted: Sequence[PredictedTechnique],
                          quotes: Sequence[GoldQuote]) -> tuple[list[VoiceOutcome], int]:
    """Voice on the predicted technique spans, judged by :func:`gold_voice` against the gold
    quotes.  Spans at the same raw position count once.  Returns the outcomes and the number
    of positions left out as unclear (or removed by the reader)."""
    seen: set[tuple[Interval, ...]] = set()
    out = []
    unclear = 0
    for p in predicted:
        if p.raw in seen:
            continue
        seen.add(p.raw)
        g = gold_voice(raw, p.raw, quotes)
        if g is None:
            unclear += 1
            continue
        named, person = _speaker_kind(quotes, g) if g != OUTLET else (True, False)
        lo = p.raw[0][0] if p.raw else 0
        hi = p.raw[-1][1] if p.raw else 0
        out.append(VoiceOutcome(g, p.voice, "predicted", voice_right(g, p.voice, named=named, person=person),
                                (lo, hi), p.text_span, p.technique))
    return out, unclear


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def summarise_voice(gold_side: Sequence[VoiceOutcome], predicted_side: Sequence[VoiceOutcome],
                    predicted_unclear: int = 0) -> dict[str, Any]:
    """Counts and ratios of both voice scores, split by gold voice (outlet / speaker)."""
    def split(items: Sequence[VoiceOutcome]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, sel in (("outlet", [o for o in items if o.gold_voice == OUTLET]),
                          ("speaker", [o for o in items if o.gold_voice != OUTLET])):
            out[name] = {"spans": len(sel), "right": sum(o.right for o in sel),
                         "right_share": _ratio(sum(o.right for o in sel), len(sel))}
        return out

    matched = [o for o in gold_side if o.match != "none"]
    return {
        "gold_spans": {
            "scored": len(gold_side),
            "matched": len(matched),
            "matched_same_technique": sum(o.match == "technique" for o in gold_side),
            "matched_other_technique": sum(o.match == "other" for o in gold_side),
            "unmatched": len(gold_side) - len(matched),
            "right": sum(o.right for o in matched),
            "right_of_matched": _ratio(sum(o.right for o in matched), len(matched)),
            "right_of_scored": _ratio(sum(o.right for o in matched), len(gold_side)),
            "by_gold_voice": split(matched),
        },
        "predicted_spans": {
            "scored": len(predicted_side),
            "left_out_unclear": predicted_unclear,
            "right": sum(o.right for o in predicted_side),
            "right_share": _ratio(sum(o.right for o in predicted_side), len(predicted_side)),
            "by_gold_voice": split(predicted_side),
        },
    }


def summarise_relays(outcomes: Iterable[QuoteOutcome], predicted_relays: Sequence[Sequence[str | None]]
                     ) -> dict[str, Any]:
    """Relay accuracy over an article list: ``outcomes`` (all articles' quote outcomes, in
    order) and, per outcome, the ``relayed_by`` of the attribution that found it (``None``
    when not found or none set): ``predicted_relays`` is flattened the same way."""
    flat = [r for rs in predicted_relays for r in rs]
    relayed = found = right = spurious = unrelayed_found = 0
    for o, pred in zip(outcomes, flat):
        chain = [o.gold.meta.get("relayed_by"), *(o.gold.meta.get("relay_chain") or ())]
        chain = [c for c in chain if c]
        if chain:
            relayed += 1
            found += o.found
            right += o.found and relay_right(chain, pred)
        elif o.found:
            unrelayed_found += 1
            spurious += bool(pred)
    return {"relayed_quotes": relayed, "found": found, "relay_right": right,
            "relay_right_of_all": _ratio(right, relayed), "relay_right_of_found": _ratio(right, found),
            "found_without_gold_relay": unrelayed_found, "spurious_relays": spurious}


@dataclass(frozen=True)
class ReviewArticle:
    """One review article scored: the quote score (as for GGT), the ``relayed_by`` of the
    attribution behind each outcome, both voice scores and the predictions behind them."""

    quotes: ArticleScore
    predicted: tuple[PredictedQuote, ...]
    relays: tuple[str | None, ...]
    gold_voice: tuple[VoiceOutcome, ...]
    predicted_voice: tuple[VoiceOutcome, ...]
    predicted_unclear: int


def title_predictions(analysis: Mapping[str, Any], raw: str) -> list[PredictedQuote]:
    """The headline attributions of one record (``layers.attributions.data.title``, offsets into
    ``article.title``) as predictions with **raw** offsets: the title's place in the raw input is
    the removed block the reader cut as ``title``; none when the title is not found there."""
    art = analysis.get("article") or {}
    title = art.get("title") or ""
    data = ((analysis.get("layers") or {}).get("attributions") or {}).get("data") or {}
    items = data.get("title") or []
    if not title or not items:
        return []
    base = -1
    for block in art.get("removed") or []:
        if block.get("reason") == "title" and title in str(block.get("text") or ""):
            base = int(block["raw_start"]) + str(block["text"]).index(title)
            break
    if base < 0 or raw[base : base + len(title)] != title:
        return []
    entities = ((analysis.get("layers") or {}).get("entities") or {}).get("data") or {}
    types = {e.get("id"): e.get("type") for e in entities.get("entities") or []}
    return [PredictedQuote(tuple((base + int(a), base + int(b)) for a, b in it.get("content") or []),
                           it.get("speaker"), types.get(it.get("speaker_id")) == "PERSON",
                           None, str(it.get("kind") or ""), it.get("relayed_by")) for it in items]


def with_title(raw: str, outcomes: Sequence[QuoteOutcome], heads: Sequence[PredictedQuote], first: int
               ) -> tuple[QuoteOutcome, ...]:
    """Outcomes with the gold quotes of the title (unmapped: the reader cut the title from the
    text) scored against the headline attributions ``heads`` (raw offsets; indices from
    ``first`` on in the prediction list), by the same coverage and speaker rules."""
    out = []
    for o in outcomes:
        if o.mapped or not heads:
            out.append(o)
            continue
        best, cov = None, 0.0
        for i, h in enumerate(heads):
            c = coverage(raw, (o.gold.start, o.gold.end), h.content)
            if c > cov:
                best, cov = i, c
        if best is None or cov < 0.5:
            out.append(o)
            continue
        h = heads[best]
        right = speaker_right(o.gold.speaker, h.speaker, named=o.named, person=o.person)
        out.append(replace(o, coverage=round(cov, 4), predicted=first + best, predicted_speaker=h.speaker, found=True,
                           attributed=right, mapped=True))
    return tuple(out)


def score_article(raw: str, article: Mapping[str, Any], analysis: Mapping[str, Any] | None) -> ReviewArticle:
    """Score one review article against one ``propscope analyze`` record (``None``: no output,
    everything missed).  ``raw``: the PTC file's text, which the record's ``article.raw`` must
    equal (the caller checks)."""
    quotes = gold_quotes(article)
    if analysis is None:
        pred: list[PredictedQuote] = []
        offsets = None
        techs: list[PredictedTechnique] = []
    else:
        art = analysis.get("article") or {}
        text = art.get("text") or ""
        offsets = OffsetMap.from_json(art["offsets"], len(text)) if art.get("offsets") else None
        pred, _ = predictions_from_analysis(analysis)
        techs = predicted_techniques(analysis, offsets)
    s = score_quotes(raw, quotes, pred, offsets=offsets, key=str(article.get("id", "")))
    if analysis is not None:
        heads = title_predictions(analysis, raw)
        s = replace(s, outcomes=with_title(raw, s.outcomes, heads, len(pred)))
        pred = [*pred, *heads]
    outcomes = tuple(
        replace(o, attributed=True) if o.found and not o.attributed and co_speaker_right(o.gold, o.predicted_speaker)
        else o for o in s.outcomes)
    s = replace(s, outcomes=outcomes)
    relays = tuple(pred[o.predicted].relayed_by if o.found and o.predicted is not None else None for o in outcomes)
    gv = score_gold_voice(gold_techniques(article), techs, quotes)
    pv, unclear = score_predicted_voice(raw, techs, quotes)
    return ReviewArticle(s, tuple(pred), relays, tuple(gv), tuple(pv), unclear)
