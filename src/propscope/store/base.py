"""The Store: where analyses live, and what every implementation must answer.

Three implementations, one file each: :mod:`~propscope.store.memory` (a supported,
process-local store for tests and small jobs), :mod:`~propscope.store.sqlite` (the embedded
default: one file, WAL, FTS5) and :mod:`~propscope.store.postgres` (psycopg 3, tsvector).
``tests/unit/test_store_contract.py`` runs one suite against all three.

Guarantees every store keeps:

* **Idempotent put.**  An article is keyed by its content hash; putting it again stores
  nothing new unless an analyzer's version changed.  Then the new analysis's layers replace
  the stored ones (analyzers run after a changed one may change too); layers of analyzers
  the new run did not include are kept.  Where else the same text was seen is kept as a
  *sighting*.
* **Atomic put.**  One article (or one ``put_many`` batch) is one transaction: after a
  crash it is either all there or not at all.
* **Lossless.**  ``get(id)`` returns an Analysis equal to the one put (the latest version of
  each analyzer).

:func:`propscope.store.open.open_store` picks an implementation from a URL: ``memory://``,
``sqlite:///path`` (or a bare path) and ``postgresql://user@host:port/db``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from propscope.analysis import Analysis, AnalyzerInfo
from propscope.errors import PropscopeError

__all__ = [
    "ArticleFilter",
    "ArticleRow",
    "IngestErrorRecord",
    "ProfileCounts",
    "PutResult",
    "RunRecord",
    "SearchHit",
    "SearchQuery",
    "StoryMember",
    "Sighting",
    "SourceRow",
    "Store",
    "needs_analysis",
]

PutStatus = Literal["inserted", "updated", "unchanged"]


@dataclass(frozen=True)
class PutResult:
    article_id: str
    status: PutStatus
    written: tuple[str, ...] = ()  # analyzers whose rows were (re)written


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a query covers; dates are ``YYYY-MM-DD``, inclusive.  A blank ``outlet`` is
    no filter (:func:`propscope.corpus.profile.build_profile` refuses one: it needs an outlet)."""

    outlet: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    technique: str | None = None
    speaker: str | None = None
    voice: str | None = None
    limit: int = 20
    offset: int = 0
    #: the stored spellings of ``speaker`` (their :func:`name_key`), folded as the lists fold
    #: them ("Trump" and "Donald Trump"); any matches.  Empty: ``speaker``'s own key only.
    speaker_keys: tuple[str, ...] = ()

    @property
    def filter(self) -> ArticleFilter:
        return ArticleFilter(self.outlet, self.since, self.until)


@dataclass(frozen=True)
class SearchHit:
    """A matching article; matched words in ``snippet`` are wrapped in ``**``."""

    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    snippet: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ArticleRow:
    """The light columns of an article, for scans (syndication, export of metadata)."""

    article_id: str
    outlet: str | None
    url: str | None
    published_at: str | None
    language: str | None
    word_count: int
    text: str
    title: str | None = None


@dataclass(frozen=True)
class SourceRow:
    """One cited source (``sources`` layer) of an article."""

    article_id: str
    name: str | None
    kind: str | None
    relation: str | None
    start: int
    end: int


@dataclass(frozen=True)
class StoryMember:
    """An article's place in a story thread (:mod:`propscope.stories`); ``story_id`` is the id of the
    story's first article, ``joined_via`` the member it matched best, ``method`` how it joined."""

    article_id: str
    story_id: str
    method: str  # "first", "embedding", "copy"
    joined_via: str | None = None
    score: float | None = None
    # read back with the article's metadata (not written)
    outlet: str | None = None
    published_at: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Sighting:
    """A place where an article's text was seen (the first and every later exact copy)."""

    article_id: str
    outlet: str | None
    url: str | None
    published: str | None
    source: str | None
    seen_at: str


@dataclass
class ProfileCounts:
    """Raw counts behind an outlet profile; :mod:`propscope.corpus.profile` makes rates of them.

    ``week`` is the Monday of the ISO week, or None for undated articles.
    """

    weeks: dict[str | None, tuple[int, int]] = field(default_factory=dict)  # week -> (articles, words)
    techniques: list[tuple[str | None, str, str | None, int]] = field(default_factory=list)  # week, technique, voice, n
    speakers: list[tuple[str | None, str, int]] = field(default_factory=list)  # week, speaker, n
    sources: list[tuple[str | None, str, str | None, int]] = field(default_factory=list)  # week, name, kind, n
    agencies: list[tuple[str | None, str, int]] = field(default_factory=list)  # week, dateline agency, n

    def normalized(self) -> ProfileCounts:
        """Sorted, for comparisons between stores."""
        return ProfileCounts(
            dict(sorted(self.weeks.items(), key=lambda kv: kv[0] or "")),
            sorted(self.techniques, key=repr), sorted(self.speakers, key=repr),
            sorted(self.sources, key=repr), sorted(self.agencies, key=repr),
        )


@dataclass(frozen=True)
class IngestErrorRecord:
    run_id: str | None
    source: str
    code: str
    message: str
    analyzer: str | None = None
    article_id: str | None = None
    created_at: str = ""

    @classmethod
    def from_error(cls, run_id: str | None, source: str, error: PropscopeError) -> IngestErrorRecord:
        return cls(run_id, error.source or source, error.code, error.message, error.analyzer, error.article_id)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RunRecord:
    run_id: str
    started_at: str
    finished_at: str | None
    status: str  # running | finished | interrupted | abandoned
    sources: tuple[str, ...]
    analyzers: tuple[str, ...]
    counts: dict[str, int]
    pid: int | None = None  # the process that ran it, on host (None: written before they were kept)
    host: str | None = None
    heartbeat_at: str | None = None  # the run's last sign of life (counts are updated with it)


@runtime_checkable
class Store(Protocol):
    """What ingest, search, profile, export and syndication need from a database."""

    url: str

    # -- writing --------------------------------------------------------------------------
    def put(self, analysis: Analysis) -> PutResult: ...

    def put_many(self, analyses: Sequence[Analysis]) -> list[PutResult]:
        """All in one transaction (each article whole, or none of the batch)."""
        ...

    def stored_versions(self, content_hashes: Iterable[str]) -> dict[str, dict[str, str]]:
        """``content_hash -> {analyzer: version}`` for the hashes already stored."""
        ...

    def add_sightings(self, items: Sequence[tuple[str, str | None, str | None, str | None, str | None]]) -> int:
        """Record other places stored texts were seen: ``(content_hash, outlet, url, published, source)``.

        Unknown hashes and known places are ignored; returns how many were new.
        """
        ...

    # -- reading --------------------------------------------------------------------------
    def get(self, key: str) -> Analysis | None:
        """By article id (16 hex digits) or content hash."""
        ...

    def count(self, where: ArticleFilter | None = None) -> int: ...

    def iter_analyses(self, where: ArticleFilter | None = None, *, batch_size: int = 200) -> Iterator[Analysis]:
        """Every analysis, oldest publication first (undated last), streamed in batches."""
        ...

    def iter_articles(self, where: ArticleFilter | None = None, *, batch_size: int = 1000) -> Iterator[ArticleRow]:
        ...

    def iter_sources(self, where: ArticleFilter | None = None) -> Iterator[SourceRow]: ...

    def sightings(self, article_id: str) -> list[Sighting]: ...

    def articles_near(self, published_at: str, *, since: str, until: str, limit: int) -> list[ArticleRow]:
        """Up to ``limit`` articles published nearest to ``published_at`` (half before, half
        after), among those whose ``published_at`` falls on ``since`` to ``until`` (dates,
        inclusive), nearest first on each side: two range reads of the ``published_at`` index,
        whatever the corpus size (an article's page looks for its copies this way)."""
        ...

    def iter_sightings(self, where: ArticleFilter | None = None) -> Iterator[Sighting]:
        """Every sighting of the articles ``where`` selects, grouped by article, first seen first."""
        ...

    def outlets(self) -> list[tuple[str, int]]:
        """Outlets with their article counts, most articles first."""
        ...

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Newest first; every term must match (words, ``"phrases"``, ``prefix*``).

        ``technique`` is compared exactly; ``voice`` is ``outlet``, ``quoted`` (either in any
        case) or a speaker's name, compared like ``speaker`` (case- and whitespace-insensitive).
        A blank ``outlet``, ``speaker`` or ``voice`` is no filter.
        """
        ...

    def technique_labels(self) -> list[str]:
        """The technique labels of the stored spans, sorted: what a ``--technique`` is checked against."""
        ...

    def voices(self) -> list[str]:
        """The voices of the stored technique spans (``outlet``, speakers' names), sorted."""
        ...

    def speaker_keys(self) -> list[str]:
        """The distinct ``name_key`` of the attributions' speakers, sorted; read from the index
        (a seek per distinct name), never a scan of the attributions."""
        ...

    def speaker_spellings(self, keys: Sequence[str]) -> dict[str, str]:
        """One stored spelling of each key's speaker (``"trump"`` -> ``"Trump"``), by index seeks."""
        ...

    def profile_counts(self, outlet: str, since: str | None = None, until: str | None = None) -> ProfileCounts: ...

    # -- signatures for syndication ----------------------------------------------------------
    def get_signatures(self, article_ids: Sequence[str], kind: str) -> dict[str, bytes]: ...

    def put_signatures(self, kind: str, signatures: dict[str, bytes]) -> None: ...

    # -- embeddings and story threads (propscope.stories) -----------------------------------------
    def get_embeddings(self, article_ids: Sequence[str], kind: str) -> dict[str, bytes]: ...

    def put_embeddings(self, kind: str, dim: int, vectors: dict[str, bytes]) -> None: ...

    def story_members(self, *, story_ids: Sequence[str] | None = None, article_ids: Sequence[str] | None = None,
                      where: ArticleFilter | None = None) -> list[StoryMember]:
        """Members of threads: of the given stories, of the given articles, or of the articles a
        filter selects (all when nothing is given)."""
        ...

    def put_story_members(self, members: Sequence[StoryMember]) -> None: ...

    def unthreaded(self) -> list[tuple[str, str | None]]:
        """``(article id, published_at)`` of every article without a story thread, oldest first
        (undated last): what ``update_stories`` has to place."""
        ...

    def clear_stories(self) -> None:
        """Forget every thread (embeddings stay): ``propscope stories --update --rebuild``."""
        ...

    # -- ingest bookkeeping ---------------------------------------------------------------------
    def start_run(self, sources: Sequence[str], analyzers: Sequence[AnalyzerInfo]) -> str:
        """A new ``running`` run, owned by this process (its pid and host are kept)."""
        ...

    def heartbeat_run(self, run_id: str, counts: dict[str, int]) -> None:
        """The run is still going: renew its heartbeat and keep its counts so far."""
        ...

    def finish_run(self, run_id: str, counts: dict[str, int], status: str = "finished") -> None: ...

    def abandon_run(self, run_id: str) -> bool:
        """Mark a ``running`` run ``abandoned`` (its process is gone), finished at its last
        heartbeat; False when it is no longer running (it finished meanwhile)."""
        ...

    def runs(self) -> list[RunRecord]: ...

    def record_errors(self, errors: Sequence[IngestErrorRecord]) -> None: ...

    def errors(self, run_id: str | None = None) -> list[IngestErrorRecord]: ...

    def close(self) -> None: ...


def needs_analysis(stored: dict[str, str] | None, wanted: Sequence[AnalyzerInfo]) -> bool:
    """Whether an article must be (re)analysed: unknown, or an analyzer missing or at another version."""
    if stored is None:
        return True
    return any(stored.get(info.name) != info.version for info in wanted)

