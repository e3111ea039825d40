"""Whose copy an article is: the syndication data of the corpus, read for one article page.

A reprint's page says, before its text, which earlier article holds most of it (with a link)
and how much of the text was reused; an original says who copied it; an article that credits
another outlet ("according to Reuters") links the credited article when the corpus has it.

A page view reads a bounded part of the corpus, whatever its size, with the tests and
thresholds of :func:`propscope.corpus.syndication.find_syndication`:

* **copies** — the :data:`NEIGHBOURS` articles published nearest in time, within
  :data:`WINDOW_DAYS` either side (two reads of the ``published_at`` index): their MinHash
  signatures (cached in the store; one missing is computed once and kept) pick the few that
  may share text, and those are checked exactly on their shingles; an article of the same
  outlet is a revision, not a copy.  Exact copies come from the article's own sightings;
* **credits** — the outlets this article credits (its ``sources`` layer, else "X reported",
  "according to X" in its text): their articles of the :data:`RELAY_DAYS` before, through the
  outlet-and-date index;
* **credited by** — the neighbours of the days after that credit this article's outlet in
  their text and share its vocabulary.

On a dense corpus a copy published further in time than the nearest :data:`NEIGHBOURS` is not
shown here; the syndication page (``/syndication``, ``propscope syndication``) compares all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

import numpy as np

from propscope.analysis import Analysis
from propscope.corpus.syndication import (
    _PERSON_KINDS,
    Member,
    SIGNATURE_KIND,
    RelayLink,
    _content_words,
    _Hasher,
    _jaccard,
    _published,
    credited_names,
    shingles,
)
from propscope.dates import normalize_date
from propscope.store.base import ArticleFilter, ArticleRow, Store
from propscope.store.records import name_key

__all__ = ["NEIGHBOURS", "CopyInfo", "copy_info"]

WINDOW_DAYS = 14
#: The most articles a page compares its text with (nearest in time, half before, half after).
NEIGHBOURS = 200
RELAY_DAYS = 3
#: A credited outlet's articles read at most, per credited name.
CREDIT_ROWS = 100
# find_syndication's thresholds; the signature estimate is a looser first sieve than its LSH
_ESTIMATE, _MIN_REUSE, _MIN_SHARED, _MIN_SIMILARITY = 0.1, 0.35, 8, 0.08


@dataclass
class CopyInfo:
    #: the earlier article this one copies (None: not a copy, or the original itself)
    original: Member | None = None
    #: the member row of this article in its cluster (its reuse share), when it is a copy
    member: Member | None = None
    #: later articles that copy this one (other article ids)
    copies: list[Member] = field(default_factory=list)
    #: articles this one credits ("according to …") that the corpus holds
    credits: list[RelayLink] = field(default_factory=list)
    #: articles that credit this one
    credited_by: list[RelayLink] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.original or self.copies or self.credits or self.credited_by)


def _parse(ts: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(ts.rstrip("Z")) if ts else None
    except ValueError:
        return None


def copy_info(store: Store, analysis: Analysis) -> CopyInfo:
    art = analysis.article
    info = CopyInfo(copies=_exact_copies(store, analysis))
    at, day, _ = normalize_date(art.published, art.language)
    if at is None or day is None:
        return info  # an undated article has no neighbours in time: its sightings only
    d = date.fromisoformat(day)
    near = [r for r in store.articles_near(at, since=(d - timedelta(days=WINDOW_DAYS)).isoformat(),
                                           until=(d + timedelta(days=WINDOW_DAYS)).isoformat(), limit=NEIGHBOURS)
            if r.article_id != art.id]
    _copies(store, analysis, at, near, info)
    info.credits = _credits(store, analysis, at, d)
    info.credited_by = _credited_by(analysis, at, near)
    return info


def _exact_copies(store: Store, analysis: Analysis) -> list[Member]:
    """The same text seen at other outlets (the store's sightings), as find_syndication joins them."""
    seen = [s for s in store.sightings(analysis.article.id) if name_key(s.outlet)]
    if len(seen) < 2 or len({name_key(s.outlet) for s in seen}) < 2:
        return []
    first, language = seen[0], analysis.article.language
    return [Member(analysis.article.id, s.outlet, s.url, _published(s.published, language), 1.0,
                   analysis.article.id, exact=True)
            for s in seen[1:] if name_key(s.outlet) != name_key(first.outlet)]


def _copies(store: Store, analysis: Analysis, at: str, near: list[ArticleRow], info: CopyInfo) -> None:
    art = analysis.article
    own = shingles(art.text)
    if not own or not near:
        return
    sig, sigs = _signature_arrays(store, own, near)
    outlet = name_key(art.outlet)
    earlier: list[tuple[float, str, ArticleRow]] = []
    for r in near:
        if (outlet is not None and name_key(r.outlet) == outlet) or \
                (art.language and r.language and art.language != r.language):
            continue  # one outlet's revisions are no syndication; translations are out of scope
        if float(np.mean(sig == sigs[r.article_id])) < _ESTIMATE:  # the signatures' Jaccard estimate
            continue
        theirs_set = shingles(r.text)
        shared = len(own & theirs_set)
        if not theirs_set or (shared < _MIN_SHARED and shared < min(len(own), len(theirs_set))):
            continue
        mine, theirs = shared / len(own), shared / len(theirs_set)
        if max(mine, theirs) < _MIN_REUSE:
            continue
        if (r.published_at or "", r.article_id) < (at, art.id):
            earlier.append((mine, r.published_at or "", r))
        else:
            info.copies.append(Member(r.article_id, r.outlet, r.url, r.published_at, theirs, art.id))
    info.copies.sort(key=lambda m: (m.published is None, m.published or "", m.article_id))
    if earlier:  # the earlier article holding most of this text; ties go to the earliest
        mine, _, best = min(earlier, key=lambda e: (-e[0], e[1], e[2].article_id))
        info.original = Member(best.article_id, best.outlet, best.url, best.published_at, 1.0)
        info.member = Member(art.id, art.outlet, art.url, at, mine, best.article_id)


def _first(rows: Iterator[ArticleRow], n: int) -> list[ArticleRow]:
    """The first ``n`` rows, the reading closed at once (a store's open read ends with it)."""
    try:
        return list(islice(rows, n))
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _signature_arrays(store: Store, own: set[str], near: list[ArticleRow]) -> tuple[Any, dict[str, Any]]:
    """This text's MinHash values and the neighbours', as arrays: the stored signatures read as
    they are (no MinHash object each), a missing one computed once and kept in the store."""
    hasher = _Hasher()
    cached = store.get_signatures([r.article_id for r in near], SIGNATURE_KIND)
    missing = [r for r in near if r.article_id not in cached]
    if missing:
        fresh = {r.article_id: hasher.to_bytes(hasher.signature(shingles(r.text))) for r in missing}
        store.put_signatures(SIGNATURE_KIND, fresh)
        cached = {**cached, **fresh}
    arrays = {aid: np.frombuffer(sig, dtype="<u4") for aid, sig in cached.items()}
    return np.frombuffer(hasher.to_bytes(hasher.signature(own)), dtype="<u4"), arrays


def _credited(analysis: Analysis) -> tuple[list[str], str]:
    layer = analysis.layers.get("sources")
    if layer is not None:
        names = [str(s.attrs.get("name")) for s in layer.spans if s.attrs.get("name")
                 and str(s.attrs.get("kind") or "").casefold() not in _PERSON_KINDS]
        return list(dict.fromkeys(names)), "sources"
    return credited_names(analysis.article.text), "text"


def _credits(store: Store, analysis: Analysis, at: str, day: date) -> list[RelayLink]:
    """The credited outlets' articles of the days before that share most vocabulary with this one."""
    art = analysis.article
    names, evidence = _credited(analysis)
    t, own = _parse(at), name_key(art.outlet)
    if t is None or not names:
        return []
    words = _content_words(art.text)
    since = (day - timedelta(days=RELAY_DAYS)).isoformat()
    links = []
    for name in names:
        key = name_key(name) or ""
        if not key or key == own or key.removeprefix("the ") == (own or "").removeprefix("the "):
            continue
        best, best_sim = None, 0.0
        for outlet in dict.fromkeys((name, key.removeprefix("the "), "the " + key.removeprefix("the "))):
            for r in _first(store.iter_articles(ArticleFilter(outlet, since, day.isoformat()),
                                                batch_size=CREDIT_ROWS), CREDIT_ROWS):
                to = _parse(r.published_at)
                if to is None or not (t - timedelta(days=RELAY_DAYS) <= to <= t) or r.article_id == art.id:
                    continue
                (wa, na), (wb, nb) = words, _content_words(r.text)
                sim = 0.5 * _jaccard(wa, wb) + 0.5 * _jaccard(na, nb)
                if sim > best_sim:
                    best, best_sim = r, sim
        if best is not None and best_sim >= _MIN_SIMILARITY:
            links.append(RelayLink(art.id, art.outlet, at, name, best.article_id, best.outlet, best.published_at,
                                   best_sim, evidence))
    return links


def _credited_by(analysis: Analysis, at: str, near: list[ArticleRow]) -> list[RelayLink]:
    """Later neighbours of another outlet that credit this article's outlet in their text."""
    art = analysis.article
    own = name_key(art.outlet)
    t = _parse(at)
    if own is None or t is None:
        return []
    aliases = {own, own.removeprefix("the ")}
    words = _content_words(art.text)
    links = []
    for r in near:
        to = _parse(r.published_at)
        if to is None or not (t <= to <= t + timedelta(days=RELAY_DAYS)) or name_key(r.outlet) in aliases:
            continue
        credited = [n for n in credited_names(r.text) if (name_key(n) or "").removeprefix("the ") in aliases
                    or name_key(n) in aliases]
        if not credited:
            continue
        (wa, na), (wb, nb) = _content_words(r.text), words
        sim = 0.5 * _jaccard(wa, wb) + 0.5 * _jaccard(na, nb)
        if sim >= _MIN_SIMILARITY:
            links.append(RelayLink(r.article_id, r.outlet, r.published_at, credited[0], art.id, art.outlet, at,
                                   sim, "text"))
    return links
