"""Typed shapes of the list answers under ``/api/v1``, for the OpenAPI document.

The routes answer with the core objects' own ``to_json()`` (:class:`~propscope.store.base.SearchHit`,
:class:`~propscope.corpus.profile.Profile`, :class:`~propscope.corpus.syndication.SyndicationReport`);
these models describe those dictionaries field by field, so ``/openapi.json`` shows what a
client gets rather than ``{}``.  They document: the answer is never re-shaped through them
(``tests/unit/test_web_models.py`` validates real answers against them, extra fields refused,
so the two cannot drift apart).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ArticlesPage", "OutletsPage", "ProfileResponse", "SearchPage", "SyndicationResponse"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hit(_Model):
    article_id: str = Field(description="The article's id: /api/v1/articles/{article_id}.")
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None = Field(description="The publication date as the source gave it.")
    snippet: str = Field(description="Text around the matched words, which are wrapped in **.")


class _Paged(_Model):
    items: list[Hit]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Where the next page starts; null on the last page.")


class SearchPage(_Paged):
    query: str


class ArticlesPage(_Paged):
    total: int = Field(description="Articles the filters select, all pages together.")


class OutletCount(_Model):
    outlet: str
    articles: int


class OutletsPage(_Model):
    items: list[OutletCount]
    limit: int
    offset: int
    next_offset: int | None
    total: int = Field(description="Outlets in the corpus.")


class TechniqueRate(_Model):
    technique: str
    voice: str = Field(description="outlet (the outlet's own words), quoted, or unknown (no voice analyzer ran).")
    count: int
    per_1000_words: float


class RankedName(_Model):
    name: str = Field(description="One row per speaker or agency: 'Trump' and 'Donald Trump' are one.")
    count: int
    kind: str | None = Field(None, description="A source's kind (agency, outlet, person...); absent for speakers.")


class _Period(_Model):
    articles: int
    words: int
    techniques: list[TechniqueRate]
    top_speakers: list[RankedName]
    top_sources: list[RankedName]
    top_agencies: list[RankedName]
    quoted_voices: list[RankedName] = Field(description="Speakers whose quoted words carry techniques.")


class WeekProfile(_Period):
    week: str | None = Field(description="Monday of the ISO week (YYYY-MM-DD); null for undated articles.")


class ProfileResponse(_Period):
    outlet: str
    since: str | None
    until: str | None
    rates_by_voice: dict[str, float] = Field(description="Technique spans per 1,000 words, by voice.")
    weekly: list[WeekProfile]


class Member(_Model):
    article_id: str
    outlet: str | None
    url: str | None
    published: str | None = Field(description="Sortable ISO time.")
    reuse: float = Field(description="Share of this article's text found in copied_from (1.0 for the original).")
    copied_from: str | None = Field(description="The article id this copy's text was found in.")
    exact: bool = Field(description="The same text, seen at another place (a sighting).")


class Cluster(_Model):
    original: Member
    copies: list[Member]


class RelayLink(_Model):
    article_id: str
    outlet: str | None
    published: str | None
    credited: str = Field(description="The outlet's name as the article credits it.")
    original_id: str
    original_outlet: str | None
    original_published: str | None
    similarity: float
    evidence: str = Field(description="sources (the sources layer) or text (read from the text).")


class SyndicationResponse(_Model):
    articles: int = Field(description="Articles compared.")
    clusters: list[Cluster]
    relays: list[RelayLink]
    chains: list[list[str]] = Field(description="Relay chains as article ids, original first.")
    limit: int
    offset: int
    total_clusters: int
    next_offset: int | None
