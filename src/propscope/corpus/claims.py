"""Claims across outlets (issue 17 §2): who said it, which outlets carried it, first, and in whose voice.

    from propscope.corpus.claims import update_claims, list_claims, get_claim
    update_claims(store)                          # read what is new (incremental)
    list_claims(store, speaker="Lavrov", since="2019-01-01")
    get_claim(store, claim_id).to_json()

**What a claim is.**  A *reported* claim is an attributed statement: a resolved speaker (a person
or a body: :mod:`propscope.analyzers.speaker_guard`) and the content the ``attribution`` layer gives
(a direct, mixed or indirect quote), one unit per sentence of it.  An *outlet-voice*
sentence (one no attribution covers) is a claim sighting only when it says what a claim says:

* it is a **restatement** of a speaker's claim when its cosine to that claim is at least
  ``restate_threshold`` (the outlet states as fact what someone else said: the difference
  between reporting propaganda and spreading it), whoever the speaker;
* it **starts an outlet-voice claim** (speaker None) only when it carries a narrative or a
  propaganda technique in the outlet's voice.  Every declarative sentence would make a claim
  of most of a news text (a PTC dev article has 20 to 60 such sentences, most of them plain
  reporting of events), drowning the claims an analyst follows; a flagged sentence is the
  outlet's assertion worth following across outlets.

**Matching** a sighting to a claim: the shipped sentence encoder (cosine over the content),
the same canonical speaker (:func:`speaker_key`: surname, with a first-name check when both
names have one, so "Governor Varn" and "Ilse Varn" are one speaker, "Ilse Varn" and
"Oskar Varn" are not) and a date window (``window_days`` after the claim was first seen; an
undated article meets undated claims only).  Incremental as the story threads: only articles
not read before are read (``claim_articles`` marks them), in publication order, against the
claims still open in their window; ``rebuild=True`` forgets everything and reads again.

Stored in ``claims``, ``claim_sightings`` and ``claim_articles`` (migration 0006_claims); the
memory store keeps the same rows on the store object.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import numpy as np

from propscope.analysis import Analysis
from propscope.analyzers.speaker_guard import is_speaker
from propscope.embeddings import Encoder, default_encoder, from_bytes, to_bytes
from propscope.store.base import Store
from propscope.store.records import OUTLET_VOICE, name_key

__all__ = ["Claim", "ClaimSettings", "ClaimSighting", "ClaimSummary", "ClaimUnit", "UpdateReport", "claim_units",
           "get_claim", "list_claims", "speaker_key", "speakers_match", "text_key", "update_claims"]

REPORTED = "reported"
RESTATED = "restated"
UNKNOWN_SPEAKERS = {"unknown speaker", "unknown", ""}
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "gen", "col", "sen", "rep", "gov",
           "president", "prime", "minister", "governor", "senator", "secretary", "spokesman", "spokeswoman",
           "spokesperson", "general", "chancellor", "king", "queen", "prince", "pope", "judge", "mayor", "chief",
           "director", "ambassador", "representative", "congressman", "congresswoman", "foreign", "defense",
           "defence", "state", "attorney", "vice", "former", "the", "jr", "sr"}


@dataclass(frozen=True)
class ClaimSettings:
    #: cosine at or above which an attributed statement is the same speaker's claim (chosen on half A of
    #: benchmarks/data/claims/pairs.tsv, held-out half B: P 0.85, R 0.66; 0.75 gave R 0.46 there)
    same_threshold: float = 0.70
    #: cosine at or above which an outlet-voice sentence restates a claim (no speaker to agree on)
    restate_threshold: float = 0.80
    window_days: int = 30
    min_words: int = 5  # shorter contents ("he said no") carry no claim worth following
    batch_size: int = 128


# -- speakers --------------------------------------------------------------------------------------
def _name_words(name: str | None) -> list[str]:
    return list(_name_words_of(name))


@lru_cache(maxsize=65536)
def _name_words_of(name: str | None) -> tuple[str, ...]:
    """The words of a name, lower case, accents folded ("Orbán" is "Orban": outlets spell a name
    with and without them), titles dropped; cached (every candidate claim is compared by it)."""
    from propscope.analyzers.entities.canonical import name_form

    key = name_key(name) or ""
    key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    words = [name_form(w) for w in re.findall(r"[^\W\d_][\w'’.-]*", key)]
    words = [w.rstrip("'’s") if w.endswith(("'s", "’s")) else w for w in words]
    return tuple(w for w in words if w and w.rstrip(".") not in _TITLES)


def speaker_key(name: str | None) -> str | None:
    """The key claims are looked up by: the surname (last name word, titles dropped).

    >>> speaker_key("Governor Ilse Varn"), speaker_key("Varn"), speaker_key("unknown speaker")
    ('varn', 'varn', None)
    """
    if name_key(name) in UNKNOWN_SPEAKERS or name is None:
        return None
    words = _name_words(name)
    return words[-1] if words else None


def speakers_match(a: str | None, b: str | None) -> bool:
    """One person: same surname (accents folded), and the same first initial when both names have a first name."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    if len(wa) > 1 and len(wb) > 1:
        return wa[0][0] == wb[0][0]
    return True


# -- units -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimUnit:
    """One candidate sighting in one article: attributed content, or an outlet-voice sentence."""

    start: int
    end: int
    text: str
    speaker: str | None  # None: the outlet's own voice
    flagged: bool = False  # an outlet-voice sentence that carries a narrative or a technique


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


_QUOTE_EDGES = " \"'“”‘’,."


def _joined(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """A unit's text: its ranges with spaces folded and quotation marks and commas off the ends of each (a
    quote broken by its cue, '"It was," she said, "a trap."', reads "It was a trap"), a stop off the end."""
    parts = (" ".join(text[s:e].split()).strip(" \"'“”‘’,") for s, e in ranges)
    return " ".join(p for p in parts if p).strip(_QUOTE_EDGES)


def _statements(ranges: Sequence[tuple[int, int]], sentences: Sequence[Any], text: str,
                min_words: int) -> list[list[tuple[int, int]]]:
    """The content ranges of one attribution cut at sentence ends: one statement per sentence.

    A quote the attribution layer continued over several sentences or paragraphs holds several
    statements; another outlet often carries one of them alone ("I handed him the box", out of
    three sentences), which a vector of the whole would miss.  A piece shorter than ``min_words``
    stays with the piece before it (or after it, when first), so no words are lost."""
    bounds = [(s.start, s.end) for s in sentences]
    pieces: list[list[tuple[int, int]]] = []
    for s, e in sorted(ranges):
        cuts = sorted({s, e} | {b for b0, b1 in bounds for b in (b0, b1) if s < b < e})
        for a, b in zip(cuts, cuts[1:], strict=False):
            if text[a:b].strip():
                pieces.append([(a, b)])
    merged: list[list[tuple[int, int]]] = []
    for p in pieces:
        words = sum(len(text[a:b].split()) for a, b in p)
        if merged and words < min_words:
            merged[-1].extend(p)
        elif merged and sum(len(text[a:b].split()) for a, b in merged[-1]) < min_words:
            merged[-1].extend(p)
        else:
            merged.append(p)
    return merged


#: an author box ("Ann Holt is the author of …", "… is a senior fellow at …")
_BIO = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:is|was)\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}"
                  r"(?:author|co-author|columnist|contributor|editor|editor-in-chief|fellow|founder|host|writer)\b")
#: an editor's note or a credit opening with a bracket ("[Editors' note: …", "(Update: …", "(Photo: …)")
_NOTE = re.compile(r"[\[(]\s*(?:editor'?s'?\s+note|ed\.?\s+note|note|update|updated|correction|disclosure|"
                   r"photo|video|image|credit)\s*:", re.I)
#: a promotion or a call to act on the page ("pre-order the book", "subscribe to our newsletter")
_PROMO = re.compile(r"\W*(?:please\s+)?(?:pre-?order|subscribe|sign up|click|follow us|donate|check out|don'?t miss|"
                    r"get the)\b|.*\b(?:click|sign up|subscribe|pre-?order|preordering|donate)\b.*\b(?:here|today|below|"
                    r"now)\b", re.I)


def is_aside(sentence: str) -> bool:
    """Whether an outlet-voice sentence is page furniture rather than the outlet's assertion: an
    editor's note or a credit in brackets ("[Editors' note: …]", "(Photo: …)"; not any bracket: "(CNN)
    The government …" is a lede, "[1] …" a footnote), an author box, a promotion.  Two articles of one author share them word for word, which made them "restated"
    claims carried by two outlets.

    >>> is_aside("[Editors' note: order the new book here.]"), is_aside("Ann Holt is the author of three books.")
    (True, True)
    >>> is_aside("The floods were caused by foreign saboteurs.")
    False
    """
    s = sentence.lstrip(" \"'“‘")
    return _NOTE.match(s) is not None or _BIO.match(s) is not None or _PROMO.match(s) is not None


def claim_units(analysis: Analysis, min_words: int = 5, *, by_sentence: bool = True) -> list[ClaimUnit]:
    """Attributed contents with a resolved speaker, then the outlet-voice sentences, in text order.

    ``by_sentence``: an attributed content of several sentences gives one unit per sentence
    (:func:`_statements`); else one unit for the whole content."""
    art = analysis.article
    text = art.text
    units: list[ClaimUnit] = []
    covered: list[tuple[int, int]] = []
    for span in (analysis.get("attributions") or ()):
        covered.append((span.start, span.end))
        ranges = [(int(s), int(e)) for s, e in (span.attrs.get("content") or [[span.start, span.end]])]
        covered.extend(ranges)
        speaker = span.attrs.get("speaker")
        if not speaker or name_key(str(speaker)) in UNKNOWN_SPEAKERS:
            continue
        if not is_speaker(str(speaker), span.attrs.get("speaker_id")):
            continue  # page furniture or a heading read as a name: its words stay covered, no claim
        for part in (_statements(ranges, art.sentences, text, min_words) if by_sentence else [ranges]):
            content = _joined(text, part)
            if len(content.split()) < min_words:
                continue
            start = min(s for s, _ in part)
            if any(u.start == start for u in units):
                continue  # one sighting per place (a sighting is keyed by its article and start)
            units.append(ClaimUnit(start, max(e for _, e in part), content, str(speaker)))
    flags: list[tuple[int, int]] = []
    for name in ("narratives", "techniques"):
        for span in (analysis.get(name) or ()):
            if str(span.attrs.get("voice") or OUTLET_VOICE) == OUTLET_VOICE:
                flags.append((span.start, span.end))
    taken = {u.start for u in units}
    for sent in art.sentences:
        s, e = sent.start, sent.end
        body = " ".join(text[s:e].split())
        if len(body.split()) < min_words or body.endswith("?") or s in taken or is_aside(body):
            continue
        if sum(_overlap(s, e, a, b) for a, b in covered) > 0.3 * (e - s):
            continue  # mostly someone else's words: the attributed unit stands for it
        units.append(ClaimUnit(s, e, body, None, any(_overlap(s, e, a, b) for a, b in flags)))
    return sorted(units, key=lambda u: (u.start, u.speaker is None))


# -- storage ---------------------------------------------------------------------------------------
@dataclass
class _ClaimRow:
    claim_id: str
    speaker: str | None
    speaker_key: str | None
    text: str
    vector: bytes
    first_seen: str | None


@dataclass
class _SightingRow:
    article_id: str
    start: int
    end: int
    claim_id: str
    voice: str
    speaker: str | None
    similarity: float | None
    text: str
    # read back with the article (not written)
    outlet: str | None = None
    published: str | None = None


class _Backend:
    def unread(self) -> list[tuple[str, str | None]]: ...
    def open_claims(self, since: str | None, undated: bool) -> list[_ClaimRow]: ...
    def write(self, claims: Sequence[_ClaimRow], sightings: Sequence[_SightingRow], done: Sequence[str]) -> None: ...
    def claims(self, claim_ids: Sequence[str] | None = None) -> list[_ClaimRow]: ...
    def sightings(self, claim_ids: Sequence[str] | None = None) -> list[_SightingRow]: ...
    def clear(self) -> None: ...


class _SqlBackend(_Backend):
    def __init__(self, store: Any) -> None:
        import sqlalchemy as sa

        import propscope.store.schema as t

        self.store, self.sa, self.t = store, sa, t

    def _pks(self, conn: Any, ids: Sequence[str]) -> dict[str, int]:
        a = self.t.articles
        out: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            out.update(conn.execute(self.sa.select(a.c.id, a.c.pk).where(a.c.id.in_(ids[i:i + 500]))).all())
        return out

    def unread(self) -> list[tuple[str, str | None]]:
        sa, a, ca = self.sa, self.t.articles, self.t.claim_articles
        stmt = (sa.select(a.c.id, a.c.published_at).select_from(a.outerjoin(ca, ca.c.article_pk == a.c.pk))
                .where(ca.c.article_pk.is_(None)).order_by(a.c.published_at.is_(None), a.c.published_at, a.c.id))
        with self.store._read() as conn:
            return [(i, p) for i, p in conn.execute(stmt)]

    def open_claims(self, since: str | None, undated: bool) -> list[_ClaimRow]:
        c = self.t.claims
        cond = c.c.first_seen.is_(None) if undated else c.c.first_seen >= (since or "")
        with self.store._read() as conn:
            return [_ClaimRow(*r) for r in conn.execute(
                self.sa.select(c.c.claim_id, c.c.speaker, c.c.speaker_key, c.c.text, c.c.vector, c.c.first_seen)
                .where(cond))]

    def write(self, claims: Sequence[_ClaimRow], sightings: Sequence[_SightingRow], done: Sequence[str]) -> None:
        from propscope.store.sql import utc_now

        sa, t = self.sa, self.t
        now = utc_now()
        with self.store._write() as conn:
            pks = self._pks(conn, list(done))
            if claims:
                conn.execute(sa.insert(t.claims), [{**c.__dict__, "created_at": now} for c in claims])
            rows = [{"article_pk": pks[s.article_id], "start_offset": s.start, "end_offset": s.end,
                     "claim_id": s.claim_id, "voice": s.voice, "speaker": s.speaker, "similarity": s.similarity,
                     "text": s.text} for s in sightings if s.article_id in pks]
            if rows:
                conn.execute(sa.insert(t.claim_sightings), rows)
            if pks:
                conn.execute(sa.insert(t.claim_articles), [{"article_pk": pk, "created_at": now} for pk in pks.values()])

    def claims(self, claim_ids: Sequence[str] | None = None) -> list[_ClaimRow]:
        c = self.t.claims
        stmt = self.sa.select(c.c.claim_id, c.c.speaker, c.c.speaker_key, c.c.text, c.c.vector, c.c.first_seen)
        with self.store._read() as conn:
            if claim_ids is None:
                return [_ClaimRow(*r) for r in conn.execute(stmt)]
            ids = list(claim_ids)
            return [_ClaimRow(*r) for i in range(0, len(ids), 500)
                    for r in conn.execute(stmt.where(c.c.claim_id.in_(ids[i:i + 500])))]

    def sightings(self, claim_ids: Sequence[str] | None = None) -> list[_SightingRow]:
        sa, a, s = self.sa, self.t.articles, self.t.claim_sightings
        stmt = (sa.select(a.c.id, s.c.start_offset, s.c.end_offset, s.c.claim_id, s.c.voice, s.c.speaker,
                          s.c.similarity, s.c.text, a.c.outlet, a.c.published_at)
                .select_from(s.join(a, a.c.pk == s.c.article_pk)))
        with self.store._read() as conn:
            if claim_ids is None:
                return [_SightingRow(*r) for r in conn.execute(stmt)]
            ids = list(claim_ids)
            return [_SightingRow(*r) for i in range(0, len(ids), 500)
                    for r in conn.execute(stmt.where(s.c.claim_id.in_(ids[i:i + 500])))]

    def clear(self) -> None:
        with self.store._write() as conn:
            for table in (self.t.claim_sightings, self.t.claim_articles, self.t.claims):
                conn.execute(self.sa.delete(table))


class _MemoryBackend(_Backend):
    """The same rows, kept on the memory store object (shared by every handle of a named store)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.state: dict[str, Any] = store.__dict__.setdefault("_claims_state", {"claims": {}, "sightings": [],
                                                                                  "done": set()})

    def _live(self) -> set[str]:
        return {e.record.id for e in self.store._entries()}

    def unread(self) -> list[tuple[str, str | None]]:
        rows = [(e.record.id, e.record.published_at) for e in self.store._entries()
                if e.record.id not in self.state["done"]]
        return sorted(rows, key=lambda r: (r[1] is None, r[1] or "", r[0]))

    def open_claims(self, since: str | None, undated: bool) -> list[_ClaimRow]:
        return [c for c in self.state["claims"].values()
                if (c.first_seen is None if undated else (c.first_seen is not None and c.first_seen >= (since or "")))]

    def write(self, claims: Sequence[_ClaimRow], sightings: Sequence[_SightingRow], done: Sequence[str]) -> None:
        with self.store._lock:
            self.state["claims"].update({c.claim_id: c for c in claims})
            self.state["sightings"].extend(sightings)
            self.state["done"].update(done)

    def claims(self, claim_ids: Sequence[str] | None = None) -> list[_ClaimRow]:
        got = self.state["claims"]
        return list(got.values()) if claim_ids is None else [got[i] for i in claim_ids if i in got]

    def sightings(self, claim_ids: Sequence[str] | None = None) -> list[_SightingRow]:
        meta = {e.record.id: e.record for e in self.store._entries()}
        wanted = set(claim_ids) if claim_ids is not None else None
        return [_SightingRow(s.article_id, s.start, s.end, s.claim_id, s.voice, s.speaker, s.similarity, s.text,
                             meta[s.article_id].outlet, meta[s.article_id].published_at)
                for s in self.state["sightings"]
                if s.article_id in meta and (wanted is None or s.claim_id in wanted)]

    def clear(self) -> None:
        with self.store._lock:
            self.state.update(claims={}, sightings=[], done=set())


def _backend(store: Any) -> _Backend:
    return _SqlBackend(store) if hasattr(store, "engine") else _MemoryBackend(store)


# -- update ----------------------------------------------------------------------------------------
@dataclass
class UpdateReport:
    articles: int = 0
    sightings: int = 0
    new_claims: int = 0
    reported: int = 0
    restated: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def _claim_id(article_id: str, start: int) -> str:
    return hashlib.sha1(f"{article_id}:{start}".encode()).hexdigest()[:16]


_PRONOUNS = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him",
                       "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs"})


def text_key(text: str) -> str:
    """A claim's wording with what does not change the statement left out: case, punctuation,
    editors' insertions in square brackets, and which personal pronoun ("he", "she", "they" as
    one): two sightings with one key are one statement, whatever the encoder's cosine
    (a bracket or a pronoun moves it by 0.2 to 0.3 on a short quote).

    >>> text_key('I hope the story [about him] turns out true.') == text_key('"We hope the story turns out true"')
    True
    """
    words = re.findall(r"[^\W_]+", re.sub(r"\[[^\]]*\]", " ", text.lower()))
    return " ".join("_" if w in _PRONOUNS else w for w in words)


class _Index:
    """Open claims in memory: unit vectors, text keys and first days."""

    def __init__(self, rows: Sequence[_ClaimRow]) -> None:
        self.rows: list[_ClaimRow] = []
        self.vecs: list[np.ndarray] = []
        self.days: list[date | None] = []
        self.keys: dict[str, list[int]] = {}
        for r in rows:
            self.add(r)

    def add(self, row: _ClaimRow, vec: np.ndarray | None = None) -> None:
        v = from_bytes(row.vector).astype(np.float32) if vec is None else vec
        n = float(np.linalg.norm(v))
        self.keys.setdefault(text_key(row.text), []).append(len(self.rows))
        self.rows.append(row)
        self.vecs.append(v / n if n > 0 else v)
        self.days.append(_day(row.first_seen))

    def _in_window(self, i: int, day: date | None, window: int) -> bool:
        d = self.days[i]
        return (d is None) == (day is None) and (d is None or day is None or 0 <= (day - d).days <= window)

    def best(self, v: np.ndarray, day: date | None, window: int, accept: Callable[[_ClaimRow], bool],
             key: str | None = None) -> tuple[int, float, bool]:
        """The nearest open claim in the window that ``accept`` takes: (index, cosine, same text key);
        a claim with the same :func:`text_key` comes first (index -1 when there is none)."""
        if not self.rows:
            return -1, 0.0, False
        sims = np.stack(self.vecs) @ v
        for i in sorted(self.keys.get(key or "", ()), key=lambda j: -sims[j]):
            if self._in_window(i, day, window) and accept(self.rows[i]):
                return i, float(sims[i]), True
        for i in np.argsort(-sims):
            if self._in_window(int(i), day, window) and accept(self.rows[i]):
                return int(i), float(sims[i]), False
        return -1, 0.0, False


def update_claims(store: Store, *, settings: ClaimSettings | None = None, encoder: Encoder | None = None,
                  rebuild: bool = False, progress: Callable[[UpdateReport], None] | None = None,
                  on_start: Callable[[int], None] | None = None) -> UpdateReport:
    """Read every article not read for claims yet (all of them with ``rebuild``), in publication order.

    ``on_start(n)`` is called once the number of articles to read is known (a progress bar's
    total), ``progress(report)`` after each batch read."""
    settings = settings or ClaimSettings()
    backend = _backend(store)
    if rebuild:
        backend.clear()
    report = UpdateReport()
    todo = backend.unread()
    if on_start is not None:
        on_start(len(todo))
    if not todo:
        return report
    enc = encoder or default_encoder()
    dated = [x for x in todo if _day(x[1])]
    undated = [x for x in todo if not _day(x[1])]
    if dated:
        first = _day(dated[0][1])
        assert first is not None
        index = _Index(backend.open_claims((first - timedelta(days=settings.window_days)).isoformat(), False))
        _read(store, backend, dated, index, enc, settings, report, progress)
    if undated:
        _read(store, backend, undated, _Index(backend.open_claims(None, True)), enc, settings, report, progress)
    return report


def _read(store: Store, backend: _Backend, todo: Sequence[tuple[str, str | None]], index: _Index, enc: Encoder,
          settings: ClaimSettings, report: UpdateReport, progress: Callable[[UpdateReport], None] | None) -> None:
    for i in range(0, len(todo), settings.batch_size):
        chunk = todo[i:i + settings.batch_size]
        work: list[tuple[str, str | None, ClaimUnit]] = []
        for aid, pub in chunk:
            a = store.get(aid)
            if a is None:
                continue
            work.extend((aid, pub, u) for u in claim_units(a, settings.min_words))
        vecs = enc.encode([u.text for _, _, u in work]) if work else np.zeros((0, 1), dtype=np.float32)
        new: list[_ClaimRow] = []
        sightings: list[_SightingRow] = []
        for (aid, pub, unit), v in zip(work, vecs, strict=True):
            v = np.asarray(v, dtype=np.float32)
            n = float(np.linalg.norm(v))
            v = v / n if n > 0 else v
            day = _day(pub)
            wording = text_key(unit.text)
            if unit.speaker is not None:
                key = speaker_key(unit.speaker)
                # the key is recomputed from the claim's speaker: one stored before a change of
                # speaker_key (accents folded) still meets its speaker's new sightings
                k, sim, same = index.best(v, day, settings.window_days,
                                          lambda c, s=unit.speaker, key=key: key is not None
                                          and speaker_key(c.speaker) == key and speakers_match(c.speaker, s), wording)
                if k >= 0 and (sim >= settings.same_threshold or same):
                    sightings.append(_SightingRow(aid, unit.start, unit.end, index.rows[k].claim_id, REPORTED,
                                                  unit.speaker, round(sim, 4), unit.text))
                    report.reported += 1
                    continue
                voice = REPORTED
            else:
                k, sim, same = index.best(v, day, settings.window_days, lambda c: True, wording)
                if k >= 0 and (sim >= settings.restate_threshold or same):
                    sightings.append(_SightingRow(aid, unit.start, unit.end, index.rows[k].claim_id, RESTATED, None,
                                                  round(sim, 4), unit.text))
                    report.restated += 1
                    continue
                if not unit.flagged:
                    continue  # a plain outlet-voice sentence that restates no claim: not a claim
                voice = RESTATED
            row = _ClaimRow(_claim_id(aid, unit.start), unit.speaker, speaker_key(unit.speaker), unit.text,
                            to_bytes(v), pub)
            index.add(row, v)
            new.append(row)
            sightings.append(_SightingRow(aid, unit.start, unit.end, row.claim_id, voice, unit.speaker, None,
                                          unit.text))
            report.new_claims += 1
            if voice == RESTATED:
                report.restated += 1
            else:
                report.reported += 1
        backend.write(new, sightings, [aid for aid, _ in chunk])
        report.articles += len(chunk)
        report.sightings += len(sightings)
        if progress is not None:
            progress(report)


# -- views -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimSighting:
    article_id: str
    outlet: str | None
    published: str | None
    voice: str  # "reported" or "restated"
    start: int
    end: int
    text: str
    similarity: float | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ClaimSummary:
    claim_id: str
    speaker: str | None
    text: str
    first_seen: str | None
    first_outlet: str | None
    outlets: list[str]
    sightings: int
    reported: int
    restated: int
    articles: int = 0  # distinct articles: a speaker who says one thing twice in one article is one carrier

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Claim(ClaimSummary):
    sightings_list: list[ClaimSighting] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "sightings_list"}
        d["sightings_list"] = [s.to_json() for s in self.sightings_list]
        return d


def _order(rows: Sequence[_SightingRow]) -> list[_SightingRow]:
    return sorted(rows, key=lambda s: (s.published is None, s.published or "", s.article_id, s.start))


def _claim(row: _ClaimRow, sightings: Sequence[_SightingRow]) -> Claim:
    ss = _order(sightings)
    outlets = list(dict.fromkeys(s.outlet or "(unknown outlet)" for s in ss))
    return Claim(row.claim_id, row.speaker, row.text, ss[0].published if ss else row.first_seen,
                 outlets[0] if outlets else None, outlets, len(ss), sum(s.voice == REPORTED for s in ss),
                 sum(s.voice == RESTATED for s in ss), articles=len({s.article_id for s in ss}),
                 sightings_list=[ClaimSighting(s.article_id, s.outlet, s.published, s.voice, s.start, s.end, s.text,
                                               s.similarity) for s in ss])


def _in(day: str | None, since: str | None, until: str | None) -> bool:
    d = (day or "")[:10]
    return not ((since and (not d or d < since)) or (until and (not d or d > until)))


def list_claims(store: Store, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
                until: str | None = None, min_sightings: int = 1, min_articles: int = 2,
                limit: int | None = None) -> list[ClaimSummary]:
    """Claims with a sighting in the period (by ``outlet``; of ``speaker``, matched as :func:`speakers_match`),
    carried by at least ``min_articles`` articles (a speaker who says one thing twice in one article, or an
    outlet that restates a quote it just gave, is one carrier), most outlets first, then most articles."""
    backend = _backend(store)
    hit = [s for s in backend.sightings()
           if _in(s.published, since, until) and (outlet is None or name_key(s.outlet) == name_key(outlet))]
    ids = sorted({s.claim_id for s in hit})
    rows = {r.claim_id: r for r in backend.claims(ids)}
    if speaker:
        rows = {k: r for k, r in rows.items() if r.speaker and speakers_match(r.speaker, speaker)}
    # a claim stored before the speaker guard, "by" page furniture or a heading, is not listed
    rows = {k: r for k, r in rows.items() if r.speaker is None or is_speaker(r.speaker)}
    grouped: dict[str, list[_SightingRow]] = {}
    for s in backend.sightings(list(rows)):
        grouped.setdefault(s.claim_id, []).append(s)
    out: list[ClaimSummary] = []
    for cid, row in rows.items():
        c = _claim(row, grouped.get(cid, []))
        if c.sightings >= min_sightings and c.articles >= min_articles:
            out.append(ClaimSummary(**{f: getattr(c, f) for f in ClaimSummary.__dataclass_fields__}))
    out.sort(key=lambda c: (-len(c.outlets), -c.articles, -c.sightings, c.first_seen or "", c.claim_id))
    return out[:limit] if limit else out


def get_claim(store: Store, claim_id: str) -> Claim | None:
    backend = _backend(store)
    rows = backend.claims([claim_id])
    if not rows:
        return None
    return _claim(rows[0], backend.sightings([claim_id]))


def iter_claim_sightings(store: Store) -> Iterator[dict[str, Any]]:
    """Every sighting with its claim, one flat row each (for ``propscope export --table claims``)."""
    backend = _backend(store)
    claims = {r.claim_id: r for r in backend.claims()}
    for s in _order(backend.sightings()):
        c = claims.get(s.claim_id)
        if c is None:
            continue
        yield {"claim_id": s.claim_id, "claim_speaker": c.speaker, "claim_text": c.text,
               "claim_first_seen": c.first_seen, "article_id": s.article_id, "outlet": s.outlet,
               "published": s.published, "voice": s.voice, "speaker": s.speaker, "start": s.start, "end": s.end,
               "text": s.text, "similarity": s.similarity}
