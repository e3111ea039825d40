"""Story threads, claims and narrative matches as flat tables (``propscope export --table stories|claims|narratives``).

Unlike the per-article tables of :mod:`propscope.corpus.tables`, these rows come from
corpus-level structures: one row per story member (run ``propscope stories --update``
first), per claim sighting (``propscope claims --update``) and per narrative sighting (the
``narratives`` layer).  The export filter (outlet, dates) selects the rows' articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from propscope.corpus.tables import _COMMON, Column
from propscope.store.base import ArticleFilter

__all__ = ["THREAD_COLUMNS", "THREAD_TABLES", "thread_rows"]

THREAD_TABLES = ("stories", "claims", "narratives")

# the article columns every export table shares, with the same names and descriptions
_ARTICLE = tuple(c for c in _COMMON if c.name in ("article_id", "outlet", "published_date", "published_at"))

THREAD_COLUMNS: dict[str, tuple[Column, ...]] = {
    "stories": (
        Column("story_id", "str", "The story: the id of its first article (`propscope story ID`)."),
        Column("position", "int", "The article's place in the story, in time order (0: the first sighting)."),
        *_ARTICLE,
        Column("title", "str", "The article's title."),
        Column("url", "str", "The article's URL."),
        Column("method", "str", "How it joined: first, embedding (by meaning) or copy (syndication)."),
        Column("joined_via", "str", "The member it matched best."),
        Column("score", "float", "The matching score."),
    ),
    "claims": (
        Column("claim_id", "str", "The claim (`propscope claim ID`)."),
        Column("claim_speaker", "str", "Who made the claim; empty for an outlet-voice assertion."),
        Column("claim_text", "str", "The claim as first seen."),
        Column("claim_first_seen", "str", "When the claim was first seen."),
        *_ARTICLE,
        Column("voice", "str", "reported (attributed to the speaker) or restated (in the outlet's own voice)."),
        Column("speaker", "str", "The speaker as this article names it; empty when restated."),
        Column("start", "int", "Start offset of the sighting in the article's text."),
        Column("end", "int", "End offset of the sighting in the article's text."),
        Column("text", "str", "The claim as this article worded it."),
        Column("similarity", "float", "Cosine to the claim (empty for the first sighting)."),
    ),
    "narratives": (
        *_ARTICLE,
        Column("narrative", "str", "The narrative's id in the catalogue."),
        Column("name", "str", "The narrative's name."),
        Column("score", "float", "The calibrated score."),
        Column("voice", "str", "`outlet` or the quoted speaker's name."),
        Column("voice_group", "str", "outlet or quoted."),
        Column("unit", "str", "sentence or content (an attributed content)."),
        Column("start", "int", "Start offset in the article's text."),
        Column("end", "int", "End offset in the article's text."),
        Column("text", "str", "The matched text (at most 300 characters)."),
    ),
}


def _date(value: str | None) -> str | None:
    from propscope.corpus.narrative_matches import week_of

    return (value or "")[:10] if week_of(value) else None


def _keep(outlet: str | None, published: str | None, where: ArticleFilter | None) -> bool:
    from propscope.store.records import name_key

    if where is None:
        return True
    day = _date(published)
    if where.outlet and name_key(where.outlet) != name_key(outlet):
        return False
    if where.since and (not day or day < where.since):
        return False
    return not (where.until and (not day or day > where.until))


def thread_rows(store: Any, table: str, where: ArticleFilter | None = None) -> Iterator[dict[str, Any]]:
    if table == "stories":
        from propscope.stories.threads import _order

        groups: dict[str, list[Any]] = {}
        for m in store.story_members():
            groups.setdefault(m.story_id, []).append(m)
        for story_id in sorted(groups):
            for i, m in enumerate(_order(groups[story_id])):
                if _keep(m.outlet, m.published_at, where):
                    yield {"story_id": story_id, "position": i, "article_id": m.article_id, "outlet": m.outlet,
                           "published_date": _date(m.published_at), "published_at": m.published_at,
                           "title": m.title, "url": m.url, "method": m.method, "joined_via": m.joined_via,
                           "score": m.score}
    elif table == "claims":
        from propscope.corpus.claims import iter_claim_sightings

        for row in iter_claim_sightings(store):
            if _keep(row["outlet"], row["published"], where):
                pub = row.pop("published")
                yield {**row, "published_date": _date(pub), "published_at": pub}
    elif table == "narratives":
        from propscope.corpus.narrative_matches import iter_narrative_matches

        for m in iter_narrative_matches(store, where):
            row = m.to_json()
            pub = row.pop("published")
            yield {**row, "published_date": _date(pub), "published_at": pub}
    else:
        raise ValueError(f"not a thread table: {table!r}")
