"""``propscope search``: full-text search with filters, over any store.

Query syntax, the same on every store: words must all match (``sanctions gas``), a
``"quoted phrase"`` matches words in a row, ``word*`` matches a prefix; case is ignored.
An empty query lists the articles the filters select; a query with no word at all (``!!!``,
``*``) is an error rather than the whole corpus.
Filters: ``outlet``, ``since``/``until`` (publication date, inclusive), ``technique``
(articles with a span of that technique), ``voice`` (with ``technique``: a span in that
voice; alone: any technique in that voice), ``speaker`` (an attribution to that speaker, under any of the names the lists fold
into one: "Trump" finds "Donald Trump").  An outlet the corpus does not hold is an error that
suggests the closest names.
Results are newest first; matched words in the snippet are wrapped in ``**``.

A technique is named as the techniques analyzer labels it (``Loaded_Language``) or loosely:
case, spaces, underscores and hyphens do not matter, one part of a combined label will do
(``labeling``), and so will the first words of one when only one label starts so (``name
calling``, ``loaded``).  A voice is ``outlet``, ``quoted`` or a speaker's name, in any case.
Names no label or voice of the corpus answers to are errors that list the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from propscope.errors import ConfigError, InputError
from propscope.store.base import SearchHit, SearchQuery, Store
from propscope.store.records import OUTLET_VOICE, QUOTED_VOICE, name_key, parse_date_arg, parse_query, voice_keyword

__all__ = ["MAX_LIMIT", "MAX_OFFSET", "make_query", "no_profile_message", "resolve_technique", "search", "speaker_keys",
           "unknown_outlet_message"]

#: The most results one search returns: beyond that, page with ``offset``.
MAX_LIMIT = 10_000
#: The largest ``offset``: far past any corpus, and small enough for every database's integers.
MAX_OFFSET = 10**9

_LISTED_VOICES = 10  # speakers' names an unknown-voice error shows
_LISTED_OUTLETS = 15  # outlets an unknown-outlet error shows


def _given(value: str | None) -> str | None:
    """A filter as given, or None when blank: ``--outlet " "`` filters nothing, as ``--outlet ""`` does."""
    return value if value is not None and value.strip() else None


def make_query(text: str = "", *, outlet: str | None = None, since: str | None = None, until: str | None = None,
               technique: str | None = None, speaker: str | None = None, voice: str | None = None,
               limit: int = 20, offset: int = 0) -> SearchQuery:
    """A checked query: dates read as ``YYYY-MM-DD`` (or ISO), ``limit`` 1 to :data:`MAX_LIMIT`,
    ``offset`` 0 to :data:`MAX_OFFSET`, a query with words in it (or none at all), ``outlet`` and
    ``quoted`` voices in canonical case.  Techniques need the store: :func:`search` resolves them."""
    try:
        since_d, until_d = parse_date_arg(since), parse_date_arg(until)
    except ValueError as exc:
        raise ConfigError(str(exc), code="config.date") from exc
    if not 1 <= limit <= MAX_LIMIT or not 0 <= offset <= MAX_OFFSET:
        raise ConfigError(f"--limit must be 1 to {MAX_LIMIT:,} and --offset 0 to {MAX_OFFSET:,}", code="config.limit")
    if text.strip() and not parse_query(text):
        raise InputError(f"the query has no words to search for: {text!r}", code="input.query")
    voice = _given(voice)
    return SearchQuery(text, _given(outlet), since_d, until_d, _given(technique), _given(speaker),
                       voice_keyword(voice) or voice, limit, offset)


def _words(label: str) -> str:
    """How technique names compare: ``Name_Calling,Labeling`` -> ``name calling,labeling``."""
    parts = (" ".join(part.casefold().replace("_", " ").replace("-", " ").split()) for part in label.split(","))
    return ",".join(p for p in parts if p)


def resolve_technique(value: str, stored: Iterable[str] = ()) -> str:
    """The label ``value`` names, among the ``stored`` labels and the analyzer's own.

    Tried in order, stored labels before the analyzer's at each step, so a corpus made by
    another model finds its own labels: the label as written; the same words (case, spaces,
    ``_`` and ``-`` aside); one comma-separated part of a label (``labeling``); the first
    whole words of a part (``name calling``, ``appeal to fear``).  A step that finds two
    labels is ambiguous: an error, never a guess.
    """
    from propscope.analyzers.techniques.definitions import TECHNIQUES

    stored = list(stored)
    pools = (stored, [t for t in TECHNIQUES if t not in stored])
    want = _words(value)
    steps: tuple[Callable[[str], bool], ...] = (
        lambda label: label == value,
        lambda label: _words(label) == want,
        lambda label: want in _words(label).split(","),
        lambda label: any(part.startswith(want + " ") for part in _words(label).split(",")),
    )
    for step in steps if want else ():
        for pool in pools:
            found = [label for label in pool if step(label)]
            if len(found) > 1:
                raise InputError(f"technique {value!r} is ambiguous: {' | '.join(found)}; name one of them",
                                 code="input.technique")
            if found:
                return found[0]
    from propscope.suggest import did_you_mean

    known = sorted({*stored, *TECHNIQUES}, key=str.casefold)
    guess = did_you_mean(value, known)
    raise InputError(f"unknown technique {value!r}; {guess + ' ' if guess else ''}techniques: {' | '.join(known)}",
                     code="input.technique")


def _check_voice(store: Store, voice: str) -> None:
    """Refuse a speaker's name that no technique span of the corpus carries (a typo, or a group
    such as ``outlets``), naming the valid values instead of answering "no matches"."""
    key = name_key(voice)
    speakers = [v for v in store.voices() if v != OUTLET_VOICE]
    if any(name_key(v) == key for v in speakers):
        return
    shown = ", ".join(speakers[:_LISTED_VOICES])
    more = f" and {len(speakers) - _LISTED_VOICES:,} more" if len(speakers) > _LISTED_VOICES else ""
    names = f"; speakers with techniques here: {shown}{more}" if speakers else ""
    raise InputError(f"unknown voice {voice!r}: use {OUTLET_VOICE}, {QUOTED_VOICE} or the name of a quoted "
                     f"speaker{names}", code="input.voice")


def search(store: Store, text: str = "", **filters: Any) -> list[SearchHit]:
    """:func:`make_query`, the technique resolved against the store, then the store's search.

    An exact label of the techniques analyzer is used as it is (no look-up: the common case,
    and a form's choices); anything else is resolved.  A speaker's name as the voice is
    checked only when nothing matched, so a search that finds something costs no extra scan.
    """
    from propscope.analyzers.techniques.definitions import TECHNIQUES

    query = make_query(text, **filters)
    if query.technique is not None and query.technique not in TECHNIQUES:
        query = replace(query, technique=resolve_technique(query.technique, store.technique_labels()))
    if query.speaker is not None:
        query = replace(query, speaker_keys=speaker_keys(store, query.speaker))
    hits = store.search(query)
    if not hits and query.outlet is not None:
        _check_outlet(store, query.outlet)
    if not hits and query.voice is not None and voice_keyword(query.voice) is None:
        _check_voice(store, query.voice)
    return hits


def speaker_keys(store: Store, speaker: str) -> tuple[str, ...]:
    """The keys of the stored spellings of ``speaker``, folded as the lists fold them
    (:mod:`propscope.corpus.names`): ``Trump`` finds "Donald Trump" and "President Trump", and
    back; ``AP`` finds "Associated Press".  Read from the speaker index: the distinct keys (a
    seek each), then one spelling of each candidate; no scan of the attributions."""
    from propscope.corpus.names import same_speaker, speaker_candidates

    own = name_key(speaker)
    if own is None:
        return ()
    spellings = store.speaker_spellings(speaker_candidates(speaker, store.speaker_keys()))
    keys = {name_key(s) for s in same_speaker(speaker, spellings.values())}
    return tuple(sorted({own, *(k for k in keys if k is not None)}))


def _check_outlet(store: Store, outlet: str) -> None:
    """Refuse an outlet the corpus does not hold, with the closest names ("did you mean"),
    rather than answer "no matches": checked only when nothing matched."""
    known = [name for name, _ in store.outlets()]
    key = name_key(outlet)
    if any(name_key(k) == key for k in known):
        return
    raise InputError(unknown_outlet_message(outlet, known), code="input.outlet")


def unknown_outlet_message(outlet: str, known: list[str]) -> str:
    """``no outlet 'Reuter' in the corpus; did you mean 'Reuters'? outlets: …`` (the first 15)."""
    from propscope.suggest import did_you_mean

    guess = did_you_mean(outlet, known)
    listed = ", ".join(known[:_LISTED_OUTLETS]) + (f" and {len(known) - _LISTED_OUTLETS:,} more"
                                                   if len(known) > _LISTED_OUTLETS else "")
    names = f"; outlets: {listed}" if known else "; the corpus is empty"
    return f"no outlet {outlet!r} in the corpus{'; ' + guess if guess else ''}{names}"


def no_profile_message(store: Store, outlet: str) -> str:
    """Why an outlet has no profile: an outlet the corpus does not hold (with "did you mean"),
    or one with no articles in the period asked for."""
    known = [name for name, _ in store.outlets()]
    if not any(name_key(k) == name_key(outlet) for k in known):
        return unknown_outlet_message(outlet, known)
    return f"no articles from {outlet!r} in that period"
