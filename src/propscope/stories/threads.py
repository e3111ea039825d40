"""Story threads over a store: thread new articles (:func:`update_stories`), list and show threads.

:func:`update_stories` is incremental: it embeds only articles that have no stored vector (float16
in the ``embeddings`` table), places only articles that have no thread yet, in publication order,
and holds in memory only the threads still open around them (see :mod:`.threader`).  Running
it after every ingest keeps the threads current; ``rebuild=True`` forgets them and starts over
(after a change of settings).

:func:`get_story` gives what a story page needs: the articles in time order, the first outlet,
the relay links inside the thread (syndicated copies, ``relayed_by`` of attributions, cited
sources naming another member's outlet) and, per outlet, how it framed the story: its technique
rates by voice, whom it quoted, and whom others quoted that it left out (speakers compared by
their canonical names across the thread, :func:`propscope.corpus.names.canonical_names`, so
"Governor Varn" in one outlet is "Ilse Varn" in the next).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np

from propscope.analysis import Analysis
from propscope.analyzers.speaker_guard import is_speaker
from propscope.embeddings import DIM, STORY_EMBEDDING_KIND, Encoder, from_bytes, story_encoder, to_bytes
from propscope.errors import StoreError
from propscope.store.base import ArticleFilter, Store, StoryMember
from propscope.store.records import name_key
from propscope.stories.features import (
    article_day,
    article_sentences,
    document_texts,
    document_vectors,
    entity_keys,
    speaker_keys,
)
from propscope.stories.threader import Features, StorySettings, Threader

__all__ = ["Story", "StorySummary", "UpdateReport", "get_story", "list_stories", "update_stories"]


# -- update ----------------------------------------------------------------------------------------
@dataclass
class UpdateReport:
    embedded: int = 0
    threaded: int = 0
    new_stories: int = 0
    joined: int = 0
    copies: int = 0
    open_threads: int = 0
    to_place: int = 0  # articles without a thread when the update began (a progress bar's total)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


_hasher: Any = None


def _minhash(text: str) -> tuple[np.ndarray | None, int, bytes | None]:
    """The syndication MinHash of a text (same kind, so both features share the stored signatures)."""
    global _hasher
    from propscope.corpus.syndication import _Hasher, shingles

    sh = shingles(text)
    if not sh:
        return None, 0, None
    if _hasher is None:
        _hasher = _Hasher()  # its permutations take milliseconds: once per process
    m = _hasher.signature(sh)
    data = _Hasher.to_bytes(m)
    return np.frombuffer(data, dtype="<u4").copy(), len(sh), data


def _embed_missing(store: Store, analyses: Sequence[Analysis], stored: dict[str, bytes], encoder: Encoder | None,
                   settings: StorySettings, report: UpdateReport) -> None:
    """Compute, store and add to ``stored`` the vectors of the analyses that have none."""
    missing = [a for a in analyses if a.article.id not in stored]
    if missing:
        enc = encoder or story_encoder()
        docs = [document_texts(a.article.title, article_sentences(a), settings.lead_sentences) for a in missing]
        vecs = document_vectors(enc, docs)
        fresh = {a.article.id: to_bytes(v) for a, v in zip(missing, vecs, strict=True)}
        store.put_embeddings(STORY_EMBEDDING_KIND, DIM, fresh)
        stored.update(fresh)
        report.embedded += len(fresh)


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return np.where(n > 0, v / np.where(n > 0, n, 1), v)


def _nearest_undated(store: Store, seeds: Sequence[StoryMember], new_ids: Sequence[str], encoder: Encoder | None,
                     settings: StorySettings, report: UpdateReport, chunk: int = 4096) -> list[StoryMember]:
    """The members of the undated threads worth seeding: all of them when they are few
    (``settings.undated_seeds``); else, for each new article, the ``k`` threads whose nearest
    member is nearest it by vector (``k`` = undated_seeds / new articles, at least 3).  Reads the
    stored vectors in chunks (memory flat in the corpus) and no analysis of a member left out."""
    limit = settings.undated_seeds
    if len(seeds) <= limit or not new_ids:
        return list(seeds)
    stored = store.get_embeddings(list(new_ids), STORY_EMBEDDING_KIND)
    if len(stored) < len(new_ids):
        _embed_missing(store, _get_many(store, [i for i in new_ids if i not in stored]), stored, encoder, settings,
                       report)
    new = _unit(np.stack([from_bytes(stored[i]) for i in new_ids]))  # [N, dim]
    k = max(3, -(-limit // len(new_ids)))
    m = 4 * k  # members kept per new article: enough to find k distinct threads in most cases
    top_cos = np.full((0, len(new_ids)), -np.inf, dtype=np.float32)
    top_row = np.zeros((0, len(new_ids)), dtype=np.int64)
    for start in range(0, len(seeds), chunk):
        part = seeds[start:start + chunk]
        vecs = store.get_embeddings([s.article_id for s in part], STORY_EMBEDDING_KIND)
        rows = [start + i for i, s in enumerate(part) if s.article_id in vecs]
        if not rows:
            continue
        mat = _unit(np.stack([from_bytes(vecs[seeds[r].article_id]) for r in rows]))
        cos = np.concatenate([top_cos, mat @ new.T])
        idx = np.concatenate([top_row, np.repeat(np.asarray(rows)[:, None], len(new_ids), axis=1)])
        if len(cos) > m:
            keep = np.argpartition(-cos, m - 1, axis=0)[:m]
            cos, idx = np.take_along_axis(cos, keep, axis=0), np.take_along_axis(idx, keep, axis=0)
        top_cos, top_row = cos, idx
    chosen: set[str] = set()
    for j in range(len(new_ids)):
        picked: list[str] = []
        for r in top_row[np.argsort(-top_cos[:, j]), j]:
            sid = seeds[int(r)].story_id
            if sid not in picked:
                picked.append(sid)
                if len(picked) == k:
                    break
        chosen.update(picked)
    return [s for s in seeds if s.story_id in chosen]


def _features(store: Store, analyses: Sequence[Analysis], published: dict[str, str | None], encoder: Encoder | None,
              settings: StorySettings, report: UpdateReport) -> list[Features]:
    """Features of stored articles; vectors missing from the store are computed and stored."""
    from propscope.corpus.syndication import SIGNATURE_KIND, shingles

    ids = [a.article.id for a in analyses]
    stored = store.get_embeddings(ids, STORY_EMBEDDING_KIND)
    _embed_missing(store, analyses, stored, encoder, settings, report)
    sigs = store.get_signatures(ids, SIGNATURE_KIND)
    new_sigs: dict[str, bytes] = {}
    out = []
    for a in analyses:
        aid = a.article.id
        text = a.article.text
        if aid in sigs:
            mh: np.ndarray | None = np.frombuffer(sigs[aid], dtype="<u4").copy()
            n_sh = len(shingles(text))
        else:
            mh, n_sh, data = _minhash(text)
            if data is not None:
                new_sigs[aid] = data
        v = from_bytes(stored[aid])
        n = float(np.linalg.norm(v))
        out.append(Features(aid, v / n if n > 0 else v, entity_keys(a), speaker_keys(a),
                            article_day(published.get(aid)), mh, n_sh))
    if new_sigs:
        store.put_signatures(SIGNATURE_KIND, new_sigs)
    return out


def _get_many(store: Store, ids: Sequence[str]) -> list[Analysis]:
    out = []
    for aid in ids:
        a = store.get(aid)
        if a is None:
            raise StoreError(f"article {aid} vanished from the store while threading")
        out.append(a)
    return out


def _batched(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def update_stories(store: Store, *, settings: StorySettings | None = None, encoder: Encoder | None = None,
                   rebuild: bool = False, batch_size: int = 256,
                   progress: Callable[[UpdateReport], None] | None = None) -> UpdateReport:
    """Thread every article that has no thread yet (all of them with ``rebuild``).

    ``progress(report)`` is called once the number to place (``report.to_place``) is known, then
    after each batch placed."""
    settings = settings or StorySettings()
    report = UpdateReport()
    if rebuild:
        store.clear_stories()
    todo = [(aid, pub) for aid, pub in store.unthreaded()]
    report.to_place = len(todo)
    if not todo:
        return report
    if progress is not None:
        progress(report)  # the total is known: nothing placed yet
    dated = [x for x in todo if article_day(x[1])]
    undated = [x for x in todo if not article_day(x[1])]
    if dated:
        # threads already in the store around the new articles come back as seeds, each one window
        # before its date, so that a late article can join a thread that goes on after it
        first, last = article_day(dated[0][1]), article_day(dated[-1][1])
        assert first is not None and last is not None
        w = timedelta(days=settings.window_days)
        held = [m for m in store.story_members(where=ArticleFilter(since=(first - w).isoformat(),
                                                                    until=(last + w).isoformat()))
                if article_day(m.published_at)]
        events: list[tuple[tuple[int, str, str], str, Any]] = []
        for m in held:
            d = article_day(m.published_at)
            assert d is not None
            events.append(((0, (d - w).isoformat(), "0" + m.article_id), "seed", m))
        for aid, pub in dated:
            events.append(((0, pub or "", "1" + aid), "add", (aid, pub)))
        events.sort(key=lambda e: e[0])
        _run(store, events, Threader(settings, DIM), encoder, settings, report, batch_size, progress)
    if undated:
        # undated articles have no window: they meet the undated threads only, in a threader of
        # their own, never a dated thread that happens to be open (whatever else this run holds)
        held = [m for m in store.story_members() if not article_day(m.published_at)]
        held = _nearest_undated(store, held, [aid for aid, _ in undated], encoder, settings, report)
        seeds = [((1, "", "0" + m.article_id), "seed", m) for m in held]
        adds = [((1, "", "1" + aid), "add", (aid, None)) for aid, _ in undated]
        dated_open = report.open_threads
        _run(store, seeds + adds, Threader(settings, DIM), encoder, settings, report, batch_size, progress,
             open_before=dated_open)
    return report


def _run(store: Store, events: Sequence[tuple[Any, str, Any]], threader: Threader, encoder: Encoder | None,
         settings: StorySettings, report: UpdateReport, batch_size: int,
         progress: Callable[[UpdateReport], None] | None, open_before: int = 0) -> None:
    """Seeds and new articles in order, in batches (features are read per batch); ``open_before``:
    threads left open by an earlier threader of the same update (the dated ones)."""
    for chunk in _batched(events, batch_size):
        ids = [e[2].article_id if e[1] == "seed" else e[2][0] for e in chunk]
        published = {(e[2].article_id if e[1] == "seed" else e[2][0]): (e[2].published_at if e[1] == "seed"
                                                                        else e[2][1]) for e in chunk}
        feats = {f.article_id: f for f in _features(store, _get_many(store, ids), published, encoder, settings,
                                                     report)}
        members = []
        for kind, item in ((e[1], e[2]) for e in chunk):
            if kind == "seed":
                threader.seed(feats[item.article_id], item.story_id)
            else:
                members.append(threader.add(feats[item[0]]))
        if members:
            store.put_story_members(members)
        for m in members:
            report.threaded += 1
            if m.method == "first":
                report.new_stories += 1
            elif m.method == "copy":
                report.copies += 1
            else:
                report.joined += 1
        report.open_threads = open_before + threader.open_threads
        if progress is not None and members:
            progress(report)


# -- views -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StorySummary:
    story_id: str
    title: str | None
    articles: int
    outlets: tuple[str, ...]
    first_outlet: str | None
    first_published: str | None
    last_published: str | None

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["outlets"] = list(self.outlets)
        return d


def _order(members: Sequence[StoryMember]) -> list[StoryMember]:
    return sorted(members, key=lambda m: (m.published_at is None, m.published_at or "", m.article_id))


def _summary(story_id: str, members: Sequence[StoryMember]) -> StorySummary:
    ms = _order(members)
    first = next((m for m in ms if m.article_id == story_id), ms[0])
    dated = [m.published_at for m in ms if m.published_at]
    outlets = tuple(dict.fromkeys(m.outlet for m in ms if m.outlet))
    return StorySummary(story_id, first.title, len(ms), outlets, ms[0].outlet, min(dated) if dated else None,
                        max(dated) if dated else None)


def list_stories(store: Store, *, since: str | None = None, until: str | None = None, outlet: str | None = None,
                 min_articles: int = 2, limit: int | None = None) -> list[StorySummary]:
    """Threads with an article in the period (and from ``outlet``), newest last article first.

    ``min_articles`` (default 2) hides stories only one article carried."""
    hit = store.story_members(where=ArticleFilter(outlet=outlet, since=since, until=until))
    story_ids = sorted({m.story_id for m in hit})
    groups: dict[str, list[StoryMember]] = defaultdict(list)
    for m in store.story_members(story_ids=story_ids):
        groups[m.story_id].append(m)
    out = [_summary(sid, ms) for sid, ms in groups.items() if len(ms) >= min_articles]
    out.sort(key=lambda s: (s.last_published or "", s.articles, s.story_id), reverse=True)
    return out[:limit] if limit else out


@dataclass(frozen=True)
class RelayLink:
    article_id: str  # the later article
    source_id: str  # the member it relays
    kind: str  # "copy", "relayed_by", "cited", "republished" (a credit line: "Reprinted from X")
    name: str | None = None  # the outlet named ("relayed_by", "cited", "republished")

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class OutletFraming:
    outlet: str
    articles: list[str] = field(default_factory=list)
    words: int = 0
    techniques: dict[str, dict[str, int]] = field(default_factory=dict)  # voice group -> technique -> count
    quoted: Counter[str] = field(default_factory=Counter)
    left_out: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, dict[str, float]]:
        """Technique spans per 1,000 words, by voice (``outlet`` or ``quoted``)."""
        k = 1000.0 / max(1, self.words)
        return {v: {t: round(n * k, 2) for t, n in sorted(ts.items())} for v, ts in sorted(self.techniques.items())}

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "articles": self.articles, "words": self.words,
                "technique_rates": self.rates(),
                "quoted": [{"speaker": s, "count": n} for s, n in self.quoted.most_common()],
                "left_out": self.left_out}


@dataclass
class Story:
    story_id: str
    members: list[StoryMember]  # time order
    relays: list[RelayLink]
    framing: list[OutletFraming]

    @property
    def first(self) -> StoryMember:
        return self.members[0]

    def to_json(self) -> dict[str, Any]:
        s = _summary(self.story_id, self.members)
        return {**s.to_json(),
                "members": [{"article_id": m.article_id, "outlet": m.outlet, "published_at": m.published_at,
                             "title": m.title, "url": m.url, "method": m.method, "joined_via": m.joined_via,
                             "score": m.score} for m in self.members],
                "relays": [r.to_json() for r in self.relays],
                "framing": [f.to_json() for f in self.framing]}


def get_story(store: Store, key: str) -> Story | None:
    """The thread with this story id, or the thread holding this article id; None when there is none."""
    own = store.story_members(article_ids=[key])
    story_id = own[0].story_id if own else key
    members = _order(store.story_members(story_ids=[story_id]))
    if not members:
        return None
    analyses = {m.article_id: store.get(m.article_id) for m in members}
    return Story(story_id, members, _relays(members, analyses), _framing(members, analyses))


def _outlet_key(name: str | None) -> str | None:
    """One key per outlet however it is written: the registry's name for a known outlet or agency
    ("AP", "The Associated Press" and "Associated Press" are one), else the name without "the"."""
    from propscope.analyzers.entities.registry import lookup

    known = lookup(name) if name else None
    if known is not None:
        return "registry:" + known.name
    k = name_key(name)
    if k is None:
        return None
    for prefix in ("the ",):
        if k.startswith(prefix):
            k = k[len(prefix):]
    return k


def _relays(members: Sequence[StoryMember], analyses: dict[str, Analysis | None]) -> list[RelayLink]:
    links: list[RelayLink] = []
    seen: set[tuple[str, str, str]] = set()

    def add(link: RelayLink) -> None:
        key = (link.article_id, link.source_id, link.kind)
        if key not in seen and link.article_id != link.source_id:
            seen.add(key)
            links.append(link)

    position = {m.article_id: i for i, m in enumerate(members)}
    for m in members:
        if m.method == "copy" and m.joined_via:
            add(RelayLink(m.article_id, m.joined_via, "copy"))
    for m in members:
        a = analyses.get(m.article_id)
        if a is None:
            continue
        named: list[tuple[str, str]] = []
        for span in (a.get("attributions") or ()):
            if span.attrs.get("relayed_by"):
                named.append((str(span.attrs["relayed_by"]), "relayed_by"))
        sources = a.get("sources")
        for span in (sources or ()):
            if span.attrs.get("name"):  # a credit line ("Reprinted from X") says the text is X's
                named.append((str(span.attrs["name"]),
                              "republished" if span.attrs.get("relation") == "republished" else "cited"))
        for entry in ((sources.data or {}).get("sources") or () if sources is not None else ()):
            # a credit line cleaning removed leaves its source in the table only
            if isinstance(entry, dict) and entry.get("removed_line") and entry.get("name"):
                named.append((str(entry["name"]), "republished"))
        for name, kind in named:
            k = _outlet_key(name)
            # the earliest earlier member of that outlet is the one relayed
            for other in members[:position[m.article_id]]:
                if other.outlet and _outlet_key(other.outlet) == k:
                    add(RelayLink(m.article_id, other.article_id, kind, name))
                    break
    return links


def _framing(members: Sequence[StoryMember], analyses: dict[str, Analysis | None]) -> list[OutletFraming]:
    from propscope.store.records import voice_group

    by_outlet: dict[str, OutletFraming] = {}
    for m in members:
        o = m.outlet or "(unknown outlet)"
        f = by_outlet.setdefault(o, OutletFraming(o))
        f.articles.append(m.article_id)
        a = analyses.get(m.article_id)
        if a is None:
            continue
        f.words += len(a.article.text.split())
        for span in (a.get("techniques") or ()):
            v = voice_group(span.attrs.get("voice")) or "unassigned"
            f.techniques.setdefault(v, Counter())[span.label] += 1  # type: ignore[index]
        for span in (a.get("attributions") or ()):
            sp = span.attrs.get("speaker")
            sid = span.attrs.get("speaker_id")
            if sp and is_speaker(str(sp), sid):  # no "SHARES", no "British"
                # two people speaking together ("Jones and Brown said", id "people:…") quote each of them
                for name in str(sp).split(" and ") if str(sid or "").startswith("people:") else (str(sp),):
                    f.quoted[name] += 1
    # one person is one name across the thread ("Governor Varn" in one outlet, "Ilse Varn" in the
    # next): quotes are counted, and compared for "left out", under the canonical names
    from propscope.corpus.names import canonical_names

    canonical = canonical_names(s for f in by_outlet.values() for s in f.quoted)
    for f in by_outlet.values():
        merged: Counter[str] = Counter()
        for s, n in f.quoted.items():
            merged[canonical.get(s, s)] += n
        f.quoted = merged
    # what an outlet left out, most telling first: quoted by the most other outlets, then most often
    # (an alphabetical list cut at a few names hid the thread's main voice behind single mentions)
    for f in by_outlet.values():
        outlets: Counter[str] = Counter()
        quotes: Counter[str] = Counter()
        for g in by_outlet.values():
            if g is not f:
                outlets.update(g.quoted.keys())
                quotes.update(g.quoted)
        f.left_out = sorted(set(outlets) - set(f.quoted), key=lambda s: (-outlets[s], -quotes[s], s))
    return list(by_outlet.values())
