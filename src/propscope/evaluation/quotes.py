"""Who said what, end to end: gold quotes with resolved speakers against predicted attributions.

The metric of the GGT quote set (``quotes/ggt`` in the shared data README), written so that any
gold of the same shape can use it (the state-media review set too): an article's raw text, its
gold quotes (``[start, end)`` into that raw text, the resolved speaker) and the predicted
attributions (content spans into ``Article.text``, the resolved speaker or ``None``), with the
article's :class:`~propscope.article.OffsetMap` between the two (``None``: the same text).

* A gold quote is **found** when one predicted attribution's content covers at least half of
  its characters (all of them, whitespace included, counted in the raw text: characters the
  reader removed, boilerplate or folded whitespace, are never covered).  When several
  attributions cover it, the one that covers most is the prediction for that quote (the first
  on a tie).
* It is **attributed** when, in addition, that attribution's speaker is right.  A gold speaker
  that is a *name* (a person's, or a body's such as "Canadian Pacific Railway") needs the same
  name: person names are the same when their normalised forms are equal (case, accents,
  punctuation, possessives, titles such as Dr./Mr./Premier, middle initials), when one of them
  is a surname alone equal to the other's last word(s), when one is the other with leading role
  words ("Health Minister Adrian Dix"), or the other without middle names, or with a short
  form of the first name ("Mike Pompeo", "Michael R. Pompeo") (:func:`same_person`); bodies
  need equal normalised forms, an acronym, or the same form behind a country qualifier ("the
  US State Department", "the state department") (:func:`same_body`).  A gold
  *description* ("the government", "protesters": the text names no one) is right when the
  prediction leaves the speaker unresolved (``None``), or names the same thing.
  :func:`is_named_reference` tells names from descriptions: a name is in the article's people
  list or is written like a proper name.
* The **people quoted** of an article: the set of predicted speakers that are persons against
  the gold set of people quoted; **people mentioned**: predicted PERSON entities against the
  gold people.  Both are matched one to one with :func:`same_person` and give P/R/F1 per
  article; :func:`summarise` reports the macro average over articles and the micro figures.

A gold quote none of whose non-whitespace characters survive in ``Article.text`` is
**unmapped**: it counts as a quote (and as missed) and is reported apart.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from propscope.article import OffsetMap

__all__ = [
    "ArticleScore",
    "GoldQuote",
    "PredictedQuote",
    "QuoteOutcome",
    "body_tokens",
    "coverage",
    "is_named_reference",
    "looks_like_proper_name",
    "name_set_scores",
    "normalise_name",
    "person_tokens",
    "predictions_from_analysis",
    "same_body",
    "same_person",
    "same_speaker",
    "score_article",
    "speaker_right",
    "split_reference",
    "summarise",
    "text_spans_to_raw",
]

Interval = tuple[int, int]

#: Titles and roles dropped from the head of a person's name ("Dr. Robert Strang" is Robert
#: Strang).  Words that are also common first names or surnames (Dean, King, Major, Grand,
#: Justice, Elder...) are left out: dropping them would make "Dean Smith" equal "John Smith".
TITLES = frozenset("""
mr mrs ms miss mx messrs mme mlle m dr doctor prof professor sir dame rev reverend fr father hon honourable honorable
premier president vicepresident prime minister pm mp mpp mla mna mep senator sen rep representative congressman
congresswoman congressmember governor gov mayor councillor councilor coun alderman judge chief sgt sergeant
cpl corporal const constable insp inspector supt superintendent lt lieut lieutenant capt captain gen col colonel
cmdr commander adm admiral det detective sheriff ceo cfo coo spokesperson spokesman spokeswoman former acting
interim deputy vice designate elect
""".split())

#: Words that make a leading run of words a role: "Health Minister Adrian Dix" is Adrian Dix
#: because "minister" is among them.  Wider than :data:`TITLES`: only used in front of a full
#: name of two words or more.
ROLE_WORDS = TITLES | frozenset("""
organizer organiser coordinator volunteer activist candidate member resident
chair chairman chairwoman chairperson director head leader secretary ambassador commissioner officer
executive founder cofounder owner manager coach attorney lawyer counsel advocate critic speaker spokesperson
professor researcher scientist economist analyst expert author editor reporter columnist correspondent
minister ministers mayor premier chief hereditary grand elder king queen prince princess pope bishop
cardinal imam rabbi pastor priest justice general major private sister brother mother father dean
""".split())

#: Particles that open a surname of several words ("Al Basha", "van Gogh", "de la Cruz").
SURNAME_PARTICLES = frozenset("al el bin ibn abu van von der den de del della di da du la le st san dos das".split())

#: Name suffixes dropped from the tail.
SUFFIXES = frozenset("jr jnr sr snr ii iii iv phd md qc kc mp".split())

#: Common English short forms of first names ("Mike Pompeo" is "Michael R. Pompeo"): each
#: group is one name.  Gold sets write the usual form of a name even where the article gives
#: the formal one (the review set's guidelines), so a prediction in the article's form is right.
HYPOCORISMS = tuple(frozenset(g.split()) for g in """
michael mike mick mickey|robert rob bob bobby bert|william will bill billy willy liam|james jim jimmy jamie
rudolph rudolf rudy|richard rich rick ricky dick|thomas tom tommy|joseph joe joey|charles charlie chuck
edward ed eddie ted ned|steven stephen steve|daniel dan danny|matthew matt|christopher chris|anthony tony
nicholas nick nicky|benjamin ben|samuel sam sammy|alexander alex xander|andrew andy drew|david dave davy
jonathan jon|john jack johnny|timothy tim|patrick pat|peter pete|gregory greg|jeffrey jeff|kenneth ken kenny
ronald ron ronnie|donald don donnie|douglas doug|gerald gerry jerry|lawrence larry|frederick fred freddie
elizabeth liz beth betsy lizzie|margaret maggie peggy meg|katherine catherine kate kathy cathy katie
jennifer jen jenny|patricia pat patty trish|susan sue susie|deborah debbie deb|rebecca becky|victoria vicky tori
nikki nicole|theodore ted teddy|newton newt|mitchell mitch|abraham abe|zachary zach|nathaniel nathan nate
""".replace("\n", " ").split("|"))

#: Words that may stay lower case inside a proper name ("Bank of Canada", "al-Shabaab").
_NAME_LINKS = frozenset("of the and for on in at de du des la le van von der den da di y & 's".split())
_DETERMINERS = frozenset("a an some one another several many most all each every".split())

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_HYPHENS = re.compile(r"[-‐‑‒]")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_NON_WORD = re.compile(r"[^\w\s]")
_AND = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)


def _fold(text: str) -> str:
    """Lower case without accents, apostrophes unified, possessives dropped."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _POSSESSIVE.sub("", text)


def body_tokens(name: str) -> tuple[str, ...]:
    """Words of a name or description, folded: case, accents, punctuation; no leading "the".

    Hyphens and apostrophes join ("Jean-Pierre" → ``jeanpierre``, "O'Brien" → ``obrien``);
    other punctuation separates ("N.S." → ``n s``).

    >>> body_tokens("The Kelowna Rockets'")
    ('kelowna', 'rockets')
    """
    text = _HYPHENS.sub("", _fold(name)).replace("'", "")
    words = _NON_WORD.sub(" ", text).split()
    while words and words[0] == "the":
        words = words[1:]
    return tuple(words)


def person_tokens(name: str) -> tuple[str, ...]:
    """Words of a person's name: :func:`body_tokens` without leading titles, trailing suffixes
    and middle initials.  A name made of titles alone keeps its last one ("Premier").

    >>> person_tokens("Dr. Robert J. Strang Jr.")
    ('robert', 'strang')
    """
    words = list(body_tokens(name))
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return tuple(words)


def normalise_name(name: str) -> str:
    """The key two spellings of one person's name share: ``"Premier Stephen McNeil's"`` →
    ``"stephen mcneil"``."""
    return " ".join(person_tokens(name))


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two person names name the same person, by the metric's rule.

    Equal normalised names; or one is a surname alone, the other's last word ("Golden",
    "Wendy Golden"; a surname may be several words behind a particle: "Al Basha"); or one is
    the other, two words or more, behind words among which is a role ("Health Minister Adrian
    Dix", "Adrian Dix"); or one is the other's first and last name without the middle ones
    ("Riefian Ifan Fajarsyah", "Riefian Fajarsyah"); or the two differ only in a first name
    that is a short form of the other's (:data:`HYPOCORISMS`: "Mike Pompeo", "Michael R. Pompeo");
    or the two are one name written with a hyphen or a space between its parts ("Kim Jong-un",
    "Kim Jong Un").
    """
    if not a or not b:
        return False
    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):  # "Kim Jong-un", "Kim Jong Un": a hyphen or a space
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1 or short[0] in SURNAME_PARTICLES:  # a surname alone
        return long_[-len(short):] == short
    if long_[-len(short):] == short:  # leading role words
        return any(w in ROLE_WORDS for w in long_[: -len(short)])
    if len(short) == 2 and len(long_) > 2:  # middle names left out
        if (long_[0], long_[-1]) == short:
            return True
    if len(short) == 2 and short[-1] == long_[-1] and short[0] != long_[0]:  # "Mike", "Michael"
        return any(short[0] in g and long_[0] in g for g in HYPOCORISMS)
    return False


def same_body(a: str | None, b: str | None) -> bool:
    """Whether two names of a body (or two descriptions) are the same: equal :func:`body_tokens`,
    or one is the other's acronym, written in capitals ("PBO", "the Parliamentary Budget
    Officer"; "SMMT", "the Society of Motor Manufacturers and Traders"), or one is the other
    behind a country qualifier ("the US State Department", "the state department")."""
    if not a or not b:
        return False
    ta, tb = body_tokens(a), body_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or _acronym_of(a, tb) or _acronym_of(b, ta):
        return True
    return len(ta) != len(tb) and _strip_country(ta) == _strip_country(tb)


#: A leading country qualifier a gold body may carry where the article leaves it out ("the US
#: State Department", "the state department").
_COUNTRY_QUALIFIERS = (("united", "states"), ("u", "s"), ("us",), ("uk",), ("u", "k"))


def _strip_country(tokens: tuple[str, ...]) -> tuple[str, ...]:
    for q in _COUNTRY_QUALIFIERS:
        if tokens[: len(q)] == q and len(tokens) > len(q):
            return tokens[len(q):]
    return tokens


def _acronym_of(short: str, tokens: tuple[str, ...]) -> bool:
    word = short.strip()
    words = [t for t in tokens if t not in _NAME_LINKS]
    if len(word) < 2 or not word.isalpha() or not word.isupper() or len(words) < 2:
        return False
    return word.casefold() == "".join(t[0] for t in words)


def split_reference(reference: str) -> list[str]:
    """The names in a reference to several people: "Kim and Clark Moran" → Kim Moran, Clark Moran.

    A one-word part borrows the surname of the last part when that has two words or more.
    """
    parts = [p for p in _AND.split(reference.strip()) if p]
    if len(parts) < 2:
        return [reference]
    last = parts[-1].split()
    if len(last) >= 2:
        parts = [f"{p} {last[-1]}" if len(p.split()) == 1 else p for p in parts]
    return parts


def looks_like_proper_name(reference: str, text: str | None = None) -> bool:
    """Whether a reference is written like a proper name ("The Kelowna Rockets", "al-Shabaab").

    Every word but linking ones ("of", "the", "and"...) has a capital letter, the first is not
    an indefinite determiner ("A Freedom Mobile spokesperson"), and they are not all role
    words ("Vice-president").  A single capitalised word at the head of the reference may be
    sentence case ("Prosecutors", "Witness"): with the article's ``text`` it counts as a name
    only when the text writes it with its capital inside a sentence and never in lower case.
    """
    words = re.findall(r"[\w][\w'’.\-]*", reference)
    if not words or words[0].casefold() in _DETERMINERS:
        return False
    content = [w for w in words if w.casefold() not in _NAME_LINKS]
    if not content or not all(any(c.isupper() or c.isdigit() for c in w) for w in content):
        return False
    if all(t in ROLE_WORDS for w in content for t in body_tokens(w)):
        return False
    if len(content) == 1 and content[0] == words[0] and content[0][1:].islower():
        if text is None:
            return True
        word, lower = re.escape(content[0]), re.escape(content[0].lower())
        if re.search(rf"(?<![\w'’-]){lower}(?![\w'’-])", text):
            return False
        return re.search(rf"[\w,;:)][ \t\u00a0]+{word}(?![\w'’-])", text) is not None
    return True


def is_named_reference(reference: str, names: Iterable[str] = (), text: str | None = None) -> bool:
    """Whether a gold speaker is a name (needs the same name) or a description (may stay unresolved).

    A name: it (or each of its parts, "A and B") is one of ``names`` (the article's people), or
    it looks like a proper name (:func:`looks_like_proper_name`).
    """
    known = {normalise_name(n) for n in names if n}
    parts = split_reference(reference)
    if normalise_name(reference) in known or all(normalise_name(p) in known for p in parts):
        return True
    return looks_like_proper_name(reference, text)


def _is_person_reference(reference: str, people: Iterable[str]) -> bool:
    known = {normalise_name(n) for n in people if n}
    return normalise_name(reference) in known or any(normalise_name(p) in known for p in split_reference(reference))


def same_speaker(gold: str, predicted: str | None, *, person: bool) -> bool:
    """Whether a predicted speaker names the gold one: :func:`same_person` on any of the gold's
    parts for a person (or people), else :func:`same_body`."""
    if not predicted:
        return False
    if same_body(gold, predicted):
        return True
    if person:
        return any(same_person(p, predicted) for p in split_reference(gold))
    return False


def speaker_right(gold: str, predicted: str | None, *, named: bool, person: bool = True) -> bool:
    """The attribution rule: a named gold speaker needs the same name; a description is right
    when the prediction is unresolved (``None``) or the same."""
    if not named and not predicted:
        return True
    return same_speaker(gold, predicted, person=person)


@dataclass(frozen=True)
class GoldQuote:
    """One gold quote: ``[start, end)`` into the raw text, its resolved speaker.

    ``named``: whether ``speaker`` is a name (``None``: decided by :func:`is_named_reference`
    against the article's people and text); ``person``: whether it names a person (``None``:
    decided against the article's people).
    """

    start: int
    end: int
    speaker: str
    named: bool | None = None
    person: bool | None = None
    mention: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PredictedQuote:
    """One predicted attribution: content spans into ``Article.text``, the resolved speaker."""

    content: tuple[Interval, ...]
    speaker: str | None = None
    person: bool = False
    source: Interval | None = None
    kind: str = ""
    relayed_by: str | None = None


@dataclass(frozen=True)
class QuoteOutcome:
    """What became of one gold quote.  ``status``: ``ok``, ``wrong_speaker``, ``missed`` or
    ``unmapped``; ``predicted``: the index of the best-covering attribution, if any."""

    index: int
    gold: GoldQuote
    named: bool
    person: bool
    coverage: float
    predicted: int | None
    predicted_speaker: str | None
    found: bool
    attributed: bool
    mapped: bool

    @property
    def status(self) -> str:
        if not self.mapped:
            return "unmapped"
        if not self.found:
            return "missed"
        return "ok" if self.attributed else "wrong_speaker"


@dataclass(frozen=True)
class ArticleScore:
    """One article's outcomes and its people-quoted / people-mentioned set scores."""

    key: str
    outcomes: tuple[QuoteOutcome, ...]
    quoted: Mapping[str, Any] | None = None
    mentioned: Mapping[str, Any] | None = None
    partially_mapped: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "quotes": len(self.outcomes),
            "named": sum(o.named for o in self.outcomes),
            "unmapped": sum(not o.mapped for o in self.outcomes),
            "partially_mapped": self.partially_mapped,
            "found": sum(o.found for o in self.outcomes),
            "attributed": sum(o.attributed for o in self.outcomes),
        }


def text_spans_to_raw(spans: Iterable[Interval], offsets: OffsetMap | None) -> list[Interval]:
    """Raw intervals of exactly the characters of text spans (a span across removed raw text
    becomes several intervals), merged and sorted."""
    out: list[Interval] = []
    if offsets is None:
        out = [(a, b) for a, b in spans if b > a]
    else:
        runs = offsets.runs
        starts = [r[0] for r in runs]
        for a, b in spans:
            k = max(bisect.bisect_right(starts, a) - 1, 0)
            while k < len(runs) and runs[k][0] < b:
                t0, r0, n = runs[k]
                lo, hi = max(a, t0), min(b, t0 + n)
                if hi > lo:
                    out.append((r0 + lo - t0, r0 + hi - t0))
                k += 1
    return _merge(out)


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[list[int]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


class _Counter:
    """Characters of a raw text inside intervals (all, or only non-whitespace), by prefix sums."""

    def __init__(self, raw: str, *, skip_space: bool = False):
        self.prefix = [0]
        total = 0
        for c in raw:
            total += not (skip_space and c.isspace())
            self.prefix.append(total)

    def count(self, a: int, b: int) -> int:
        a, b = max(a, 0), min(b, len(self.prefix) - 1)
        return self.prefix[b] - self.prefix[a] if b > a else 0

    def inside(self, span: Interval, intervals: Sequence[Interval]) -> int:
        return sum(self.count(max(span[0], a), min(span[1], b)) for a, b in intervals)


def coverage(raw: str, gold: Interval, content_raw: Sequence[Interval]) -> float:
    """Share of the gold span's raw characters inside ``content_raw`` (raw intervals, as
    :func:`text_spans_to_raw` gives)."""
    counter = _Counter(raw)
    total = counter.count(*gold)
    return counter.inside(gold, _merge(content_raw)) / total if total else 0.0


def name_set_scores(predicted: Iterable[str], gold: Iterable[str]) -> dict[str, Any]:
    """P/R/F1 of a set of predicted person names against gold names, matched one to one.

    Names are deduplicated by :func:`normalise_name`; pairs with equal normalised names are
    matched first, then pairs :func:`same_person` accepts.  ``precision`` is ``None`` with no
    prediction, ``recall`` with no gold; ``f1`` is ``None`` when either is.
    """
    pred = _dedupe(predicted)
    gold_ = _dedupe(gold)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[str, str]] = []
    for exact in (True, False):
        for i, p in enumerate(pred):
            if i in used_p:
                continue
            for j, g in enumerate(gold_):
                if j in used_g:
                    continue
                if (normalise_name(p) == normalise_name(g)) if exact else same_person(p, g):
                    used_p.add(i)
                    used_g.add(j)
                    pairs.append((p, g))
                    break
    tp = len(pairs)
    precision = tp / len(pred) if pred else None
    recall = tp / len(gold_) if gold_ else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp, "n_pred": len(pred), "n_gold": len(gold_), "precision": precision, "recall": recall, "f1": f1,
        "false_positives": [p for i, p in enumerate(pred) if i not in used_p],
        "false_negatives": [g for j, g in enumerate(gold_) if j not in used_g],
    }


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for n in names:
        key = normalise_name(n) if n else ""
        if key and key not in seen:
            seen[key] = n
    return list(seen.values())


def score_article(
    raw: str,
    gold: Sequence[GoldQuote],
    predicted: Sequence[PredictedQuote],
    *,
    offsets: OffsetMap | None = None,
    key: str = "",
    people: Sequence[str] = (),
    sources: Sequence[str] | None = None,
    predicted_people: Sequence[str] | None = None,
) -> ArticleScore:
    """Score one article.

    ``raw``: the text the gold offsets index; ``offsets``: the article's map from
    ``Article.text`` to ``raw`` (``None`` when they are the same text).  ``people``: the gold
    people of the article (names) — they decide which gold speakers are person names;
    ``sources`` (gold people quoted) and ``predicted_people`` (predicted PERSON names), when
    given, add the people-quoted and people-mentioned set scores.
    """
    counter = _Counter(raw)
    solid = _Counter(raw, skip_space=True)
    kept = [(r0, r0 + n) for _, r0, n in offsets.runs] if offsets is not None else [(0, len(raw))]
    pred_raw = [text_spans_to_raw(p.content, offsets) for p in predicted]
    names = [*people, *(sources or ())]
    outcomes = []
    partial = 0
    for idx, q in enumerate(gold):
        total = counter.count(q.start, q.end)
        kept_chars = solid.inside((q.start, q.end), kept)
        mapped = kept_chars > 0
        partial += mapped and kept_chars < solid.count(q.start, q.end)
        best: int | None = None
        best_cov, best_size = 0.0, 0
        for i, spans in enumerate(pred_raw):
            cov = counter.inside((q.start, q.end), spans) / total if total else 0.0
            size = sum(b - a for a, b in spans)
            if cov > best_cov or (cov == best_cov > 0 and size < best_size):  # nested: the innermost
                best, best_cov, best_size = i, cov, size
        named = q.named if q.named is not None else is_named_reference(q.speaker, names, raw)
        person = q.person if q.person is not None else _is_person_reference(q.speaker, names)
        found = mapped and best is not None and best_cov >= 0.5
        speaker = predicted[best].speaker if best is not None else None
        attributed = found and speaker_right(q.speaker, speaker, named=named, person=person)
        outcomes.append(QuoteOutcome(idx, q, named, person, round(best_cov, 4), best, speaker, found, attributed,
                                     mapped))
    quoted = None
    if sources is not None:
        quoted = name_set_scores([p.speaker for p in predicted if p.person and p.speaker], sources)
    mentioned = name_set_scores(predicted_people, people) if predicted_people is not None else None
    return ArticleScore(key, tuple(outcomes), quoted, mentioned, partial)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _macro(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def _set_summary(items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    tp = sum(s["tp"] for s in items)
    n_pred = sum(s["n_pred"] for s in items)
    n_gold = sum(s["n_gold"] for s in items)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    macro_p = _macro(s["precision"] for s in items)
    macro_r = _macro(s["recall"] for s in items)
    return {
        "articles": len(items),
        "micro": {"tp": tp, "n_pred": n_pred, "n_gold": n_gold, "precision": round(p, 4), "recall": round(r, 4),
                  "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0},
        "macro": {"precision": macro_p, "recall": macro_r, "f1": _macro(s["f1"] for s in items),
                  "f1_of_macro_pr": round(2 * macro_p * macro_r / (macro_p + macro_r), 4)
                  if macro_p and macro_r else None},
    }


def summarise(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """The figures over articles: quote counts and ratios, and the set scores (macro and micro)."""
    c = {k: sum(s.counts()[k] for s in scores) for k in ("quotes", "named", "unmapped", "partially_mapped", "found",
                                                            "attributed")}
    named_found = sum(o.found for s in scores for o in s.outcomes if o.named)
    named_attr = sum(o.attributed for s in scores for o in s.outcomes if o.named)
    out: dict[str, Any] = {
        "articles": len(scores),
        **c,
        "found_of_all": _ratio(c["found"], c["quotes"]),
        "attributed_of_all": _ratio(c["attributed"], c["quotes"]),
        "attributed_of_found": _ratio(c["attributed"], c["found"]),
        "named_speaker": {"quotes": c["named"], "found": named_found, "attributed": named_attr,
                          "attributed_of_found": _ratio(named_attr, named_found)},
        "description_speaker": {"quotes": c["quotes"] - c["named"], "found": c["found"] - named_found,
                                "attributed": c["attributed"] - named_attr,
                                "attributed_of_found": _ratio(c["attributed"] - named_attr,
                                                              c["found"] - named_found)},
    }
    quoted = [s.quoted for s in scores if s.quoted is not None]
    if quoted:
        out["people_quoted"] = _set_summary(quoted)
    mentioned = [s.mentioned for s in scores if s.mentioned is not None]
    if mentioned:
        out["people_mentioned"] = _set_summary(mentioned)
    return out


def predictions_from_analysis(analysis: Mapping[str, Any]) -> tuple[list[PredictedQuote], list[str]]:
    """The predicted attributions and PERSON entity names of one ``propscope analyze`` record.

    A speaker is a person when its entity id is a ``person:`` one, or its entity is PERSON in
    the entities table.
    """
    layers = analysis.get("layers") or {}
    entities_layer = layers.get("entities") or {}
    table = (entities_layer.get("data") or {}).get("entities") or []
    types = {e.get("id"): e.get("type") for e in table}
    people = [e["name"] for e in table if e.get("type") == "PERSON" and e.get("name")]
    out = []
    for span in (layers.get("attributions") or {}).get("spans") or []:
        content = tuple((int(a), int(b)) for a, b in span.get("content") or [[span["start"], span["end"]]])
        sid = span.get("speaker_id")
        person = bool(sid) and (str(sid).startswith("person:") or types.get(sid) == "PERSON")
        src = span.get("source")
        out.append(PredictedQuote(content, span.get("speaker"), person, (int(src[0]), int(src[1])) if src else None,
                                  str(span.get("kind") or ""), span.get("relayed_by")))
    return out, people
