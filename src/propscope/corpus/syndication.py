"""Syndication and relay chains: who copied whom, and who credited whom.

**Copies.**  Each article's word 5-shingles get a MinHash signature (datasketch, 128
permutations; cached in the store's ``signatures`` table, so a second run only hashes new
articles).  A MinHash LSH index with a low Jaccard threshold proposes candidate pairs of
articles; each candidate is then checked exactly on the shingle
sets: the pair is a copy when the shared shingles are at least ``min_reuse`` of the shorter
article (a light edit and a partial reprint both pass; two independent reports of one event
that quote the same statement do not).  Copies are joined into clusters (a cluster needs two outlets at least:
one outlet's own revisions are not syndication); the earliest
publication comes first, and every later member carries the share of its own text found in
an earlier member (``reuse``) and which one (``copied_from``).  Exact copies (the same text
seen at several places: the store's *sightings*) join with ``reuse`` 1.0.  Translations
share no shingles and are never matched: out of scope.

**Relays.**  An article that credits an outlet ("X reported", "according to X", or the
``sources`` layer's cited sources when an analyzer produced it) is linked to X's original
when X is an outlet of the corpus and one of its articles published up to ``relay_days``
before shares enough vocabulary.  Links compose into chains (A ← B ← C).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from propscope.store.base import ArticleFilter, ArticleRow, Store
from propscope.store.records import name_key, tokenize

__all__ = [
    "Cluster",
    "Member",
    "RelayLink",
    "SyndicationReport",
    "find_relays",
    "find_syndication",
    "shingles",
]

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SIGNATURE_KIND = f"minhash-{SCHEME}-w{SHINGLE_WORDS}-p{NUM_PERM}-s{SEED}"

_NAME = r"((?:[A-Z][\w&'.-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&'.-]*|of|de|al|der))*)"
_RELAY_PATTERNS = [
    re.compile(r"\b(?:[Aa]ccording to|[Aa]s reported by|[Rr]eported by|[Cc]iting|[Qq]uoted by|[Tt]old)\s+"
               r"(?:the\s+)?" + _NAME),
    re.compile(_NAME + r"\s+(?:has\s+|had\s+)?(?:reported|reports|first reported|said in a report|wrote)\b"),
]
_PERSON_KINDS = {"person", "official", "anonymous", "expert", "witness"}


# -- shingles and signatures ----------------------------------------------------------------------
def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    tokens = tokenize(text)
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


class _Hasher:
    def __init__(self) -> None:
        from datasketch import MinHash

        self._proto = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)

    def signature(self, sh: set[str]) -> Any:
        from datasketch import MinHash

        m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=self._proto.permutations, scheme=SCHEME)
        if sh:
            m.update_batch([s.encode("utf-8") for s in sh])
        return m

    @staticmethod
    def to_bytes(m: Any) -> bytes:
        return np.asarray(m.hashvalues, dtype="<u4").tobytes()

    def from_bytes(self, data: bytes) -> Any:
        from datasketch import MinHash

        return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=np.frombuffer(data, dtype="<u4").copy(), scheme=SCHEME)


# -- results -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Member:
    article_id: str
    outlet: str | None
    url: str | None
    published: str | None
    reuse: float  # share of this article's shingles found in ``copied_from`` (1.0 for the original)
    copied_from: str | None = None
    exact: bool = False  # an exact copy (same text), seen through the store's sightings

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "outlet": self.outlet, "url": self.url, "published": self.published,
                "reuse": round(self.reuse, 3), "copied_from": self.copied_from, "exact": self.exact}


@dataclass(frozen=True)
class Cluster:
    members: tuple[Member, ...]  # earliest publication first

    @property
    def original(self) -> Member:
        return self.members[0]

    @property
    def copies(self) -> tuple[Member, ...]:
        return self.members[1:]

    def to_json(self) -> dict[str, Any]:
        return {"original": self.original.to_json(), "copies": [m.to_json() for m in self.copies]}


@dataclass(frozen=True)
class RelayLink:
    article_id: str
    outlet: str | None
    published: str | None
    credited: str  # the name as the article gives it
    original_id: str
    original_outlet: str | None
    original_published: str | None
    similarity: float
    evidence: str  # "sources" (the sources layer) or "text" (the regex fallback)

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["similarity"] = round(self.similarity, 3)
        return out


@dataclass
class SyndicationReport:
    clusters: list[Cluster] = field(default_factory=list)
    relays: list[RelayLink] = field(default_factory=list)
    chains: list[list[str]] = field(default_factory=list)  # article ids, original first
    articles: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"articles": self.articles, "clusters": [c.to_json() for c in self.clusters],
                "relays": [r.to_json() for r in self.relays], "chains": self.chains}


# -- copies --------------------------------------------------------------------------------------
@dataclass
class _Meta:
    article_id: str
    outlet: str | None
    outlet_key: str | None
    url: str | None
    published: str | None
    language: str | None


def _sort_key(meta: _Meta) -> tuple[int, str, str]:
    return (meta.published is None, meta.published or "", meta.article_id)


def _signatures(store: Store, rows: Sequence[ArticleRow], hasher: _Hasher) -> dict[str, Any]:
    cached = store.get_signatures([r.article_id for r in rows], SIGNATURE_KIND)
    out = {aid: hasher.from_bytes(sig) for aid, sig in cached.items()}
    fresh: dict[str, bytes] = {}
    for r in rows:
        if r.article_id not in out:
            m = hasher.signature(shingles(r.text))
            out[r.article_id] = m
            fresh[r.article_id] = hasher.to_bytes(m)
    if fresh:
        store.put_signatures(SIGNATURE_KIND, fresh)
    return out


def _batched(items: Iterable[ArticleRow], n: int) -> Iterator[list[ArticleRow]]:
    batch: list[ArticleRow] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def find_syndication(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    lsh_threshold: float = 0.15,
    min_reuse: float = 0.35,
    min_shared: int = 8,
    relays: bool = True,
    relay_days: int = 3,
) -> SyndicationReport:
    """Clusters of copies and relay links among the articles published in ``[since, until]``."""
    from datasketch import MinHashLSH

    where = ArticleFilter(since=since, until=until)
    hasher = _Hasher()
    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM)
    metas: dict[str, _Meta] = {}
    sigs: dict[str, Any] = {}
    for batch in _batched(store.iter_articles(where), 1000):
        batch_sigs = _signatures(store, batch, hasher)
        for r in batch:
            metas[r.article_id] = _Meta(r.article_id, r.outlet, name_key(r.outlet), r.url, r.published_at, r.language)
            sigs[r.article_id] = batch_sigs[r.article_id]
            lsh.insert(r.article_id, batch_sigs[r.article_id])
    report = SyndicationReport(articles=len(metas))

    candidates: set[tuple[str, str]] = set()
    for aid, sig in sigs.items():
        for other in lsh.query(sig):
            if other == aid:
                continue
            ma, mb = metas[aid], metas[other]
            if ma.language and mb.language and ma.language != mb.language:
                continue
            candidates.add((min(aid, other), max(aid, other)))
    sigs.clear()

    needed = {x for pair in candidates for x in pair}
    sets: dict[str, set[str]] = {}
    if needed:
        for r in store.iter_articles(where):
            if r.article_id in needed:
                sets[r.article_id] = shingles(r.text)
    # reuse[(x, y)]: share of x's shingles found in y
    reuse: dict[tuple[str, str], float] = {}
    edges: list[tuple[str, str]] = []
    for a, b in sorted(candidates):
        sa, sb = sets[a], sets[b]
        if not sa or not sb:
            continue
        shared = len(sa & sb)
        if shared < min_shared and shared < min(len(sa), len(sb)):
            continue
        ra, rb = shared / len(sa), shared / len(sb)
        if max(ra, rb) >= min_reuse:
            reuse[(a, b)], reuse[(b, a)] = ra, rb
            edges.append((a, b))

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)

    clustered: dict[str, list[Member]] = {}
    for ids in groups.values():
        if len({metas[i].outlet_key for i in ids}) < 2:
            continue  # one outlet's own revisions are not syndication
        ordered = sorted((metas[i] for i in ids), key=_sort_key)
        members = [Member(ordered[0].article_id, ordered[0].outlet, ordered[0].url, ordered[0].published, 1.0)]
        earlier = [ordered[0].article_id]
        for m in ordered[1:]:
            best = None  # the earlier neighbour holding most of this text; ties go to the earliest
            for e in earlier:
                if e in neighbours[m.article_id] and (best is None or
                                                      reuse[(m.article_id, e)] > reuse[(m.article_id, best)]):
                    best = e
            if best is None:  # linked only through later members: measure against the original
                best = ordered[0].article_id
                src, dst = sets[m.article_id], sets[best]
                share = len(src & dst) / len(src) if src else 0.0
            else:
                share = reuse[(m.article_id, best)]
            members.append(Member(m.article_id, m.outlet, m.url, m.published, share, best))
            earlier.append(m.article_id)
        clustered[ordered[0].article_id] = members

    _add_exact_copies(store, where, metas, clustered)
    report.clusters = sorted((Cluster(tuple(ms)) for ms in clustered.values()),
                             key=lambda c: (c.original.published is None, c.original.published or "",
                                            c.original.article_id))
    if relays:
        report.relays = find_relays(store, metas=metas, where=where, days=relay_days)
        report.chains = relay_chains(report.relays)
    return report


def _add_exact_copies(store: Store, where: ArticleFilter, metas: dict[str, _Meta],
                      clustered: dict[str, list[Member]]) -> None:
    by_article: dict[str, list[Any]] = defaultdict(list)
    for s in store.iter_sightings(where):
        by_article[s.article_id].append(s)
    member_of = {m.article_id: root for root, ms in clustered.items() for m in ms}
    for aid, sightings in by_article.items():
        seen = [s for s in sightings if name_key(s.outlet)]  # a sighting with no outlet copies from no one
        outlets = {name_key(s.outlet) for s in seen}
        if len(seen) < 2 or len(outlets) < 2:
            continue
        meta = metas.get(aid)
        first = seen[0]
        language = meta.language if meta is not None else None  # the same text: the same language
        extra = [Member(aid, s.outlet, s.url, _published(s.published, language), 1.0, aid, exact=True) for s in seen[1:]
                 if name_key(s.outlet) != name_key(first.outlet)]
        if not extra:
            continue
        root = member_of.get(aid)
        if root is None:
            if meta is not None and name_key(meta.outlet) is not None:
                base = Member(aid, meta.outlet, meta.url, meta.published, 1.0)
            else:  # stored without an outlet: the first sighting that names one
                base = Member(aid, first.outlet, first.url, _published(first.published, language), 1.0)
            clustered[aid] = [base, *extra]
            member_of[aid] = aid
        else:
            clustered[root].extend(extra)
        members = clustered[member_of[aid]]
        members[1:] = sorted(members[1:], key=lambda m: (m.published is None, m.published or "", m.article_id))


def _published(value: str | None, language: str | None = None) -> str | None:
    from propscope.dates import normalize_date

    return normalize_date(value, language)[0]


# -- relays --------------------------------------------------------------------------------------
def credited_names(text: str) -> list[str]:
    """Names an article credits in its own words: "X reported", "according to X"."""
    names: list[str] = []
    for pattern in _RELAY_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group(1).strip(" .,'")
            if name and name not in names:
                names.append(name)
    return names


def _aliases(outlet: str) -> set[str]:
    key = name_key(outlet) or ""
    out = {key}
    if key.startswith("the "):
        out.add(key[4:])
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", key).split("/")[0]
    if "." in host:
        out.add(host.rsplit(".", 1)[0].split(".")[-1])
    return {a for a in out if a}


_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]{2,}")


def _content_words(text: str) -> tuple[set[str], set[str]]:
    """Words of four letters or more, and capitalised words (names, places: what one event's
    reports share even when written independently)."""
    return {w for w in tokenize(text) if len(w) > 3}, set(_CAPITALISED.findall(text))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _parse(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        return datetime.fromisoformat(ts.rstrip("Z"))
    except ValueError:
        return None


def find_relays(store: Store, *, metas: dict[str, _Meta] | None = None, where: ArticleFilter | None = None,
                days: int = 3, min_similarity: float = 0.08) -> list[RelayLink]:
    where = where or ArticleFilter()
    alias_to_outlet: dict[str, str] = {}
    for outlet, _n in store.outlets():
        for alias in _aliases(outlet):
            alias_to_outlet.setdefault(alias, name_key(outlet) or "")
    if metas is None:
        metas = {r.article_id: _Meta(r.article_id, r.outlet, name_key(r.outlet), r.url, r.published_at, r.language)
                 for r in store.iter_articles(where)}
    by_outlet: dict[str, list[_Meta]] = defaultdict(list)
    for m in metas.values():
        if m.outlet_key:
            by_outlet[m.outlet_key].append(m)

    from_sources: dict[str, list[str]] = defaultdict(list)
    for s in store.iter_sources(where):
        if s.name and (s.kind or "").casefold() not in _PERSON_KINDS:
            from_sources[s.article_id].append(s.name)

    # Which articles credit which outlet: the sources layer where present, else the text.
    credits: dict[str, list[tuple[str, str, str]]] = {}  # article -> [(name, outlet_key, evidence)]
    texts_needed: set[str] = set()
    for r in store.iter_articles(where):
        names = from_sources.get(r.article_id)
        evidence = "sources"
        if names is None:
            names, evidence = credited_names(r.text), "text"
        found = []
        for name in names:
            key = name_key(name) or ""
            outlet_key = alias_to_outlet.get(key) or alias_to_outlet.get(key.removeprefix("the "))
            me = metas.get(r.article_id)
            if outlet_key and me is not None and outlet_key != me.outlet_key:
                found.append((name, outlet_key, evidence))
        if found:
            credits[r.article_id] = found
            texts_needed.add(r.article_id)
    if not credits:
        return []
    window = timedelta(days=days)
    candidates: dict[str, list[str]] = {}
    for aid, found in credits.items():
        me = metas[aid]
        t = _parse(me.published)
        cands: list[str] = []
        for _name, outlet_key, _ev in found:
            for other in by_outlet.get(outlet_key, []):
                to = _parse(other.published)
                if t is not None and to is not None and not (t - window <= to <= t):
                    continue
                cands.append(other.article_id)
        candidates[aid] = cands
        texts_needed.update(cands)
    words: dict[str, tuple[set[str], set[str]]] = {}
    for r in store.iter_articles(where):
        if r.article_id in texts_needed:
            words[r.article_id] = _content_words(r.text)
    links: list[RelayLink] = []
    for aid, found in sorted(credits.items()):
        me = metas[aid]
        for name, outlet_key, evidence in found:
            best, best_sim = None, 0.0
            for cid in candidates[aid]:
                if metas[cid].outlet_key != outlet_key:
                    continue
                (wa, na), (wb, nb) = words[aid], words[cid]
                sim = 0.5 * _jaccard(wa, wb) + 0.5 * _jaccard(na, nb)
                if sim > best_sim:
                    best, best_sim = cid, sim
            if best is not None and best_sim >= min_similarity:
                o = metas[best]
                links.append(RelayLink(aid, me.outlet, me.published, name, best, o.outlet, o.published, best_sim,
                                       evidence))
    return links


def relay_chains(links: Sequence[RelayLink]) -> list[list[str]]:
    """Chains of relays, original first: ``[A, B, C]`` when C credits B and B credits A."""
    up: dict[str, str] = {}
    for link in links:
        up.setdefault(link.article_id, link.original_id)
    has_child = set(up.values())
    chains = []
    for leaf in sorted(set(up) - has_child):
        chain = [leaf]
        seen = {leaf}
        while chain[-1] in up and up[chain[-1]] not in seen:
            chain.append(up[chain[-1]])
            seen.add(chain[-1])
        chains.append(list(reversed(chain)))
    return chains
