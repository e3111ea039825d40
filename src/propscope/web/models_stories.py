"""Typed shapes of the story, narrative and claim answers under ``/api/v1`` (issue 17), for OpenAPI.

As in :mod:`propscope.web.models`, the routes answer with the core objects' ``to_json()``;
these models describe those dictionaries (extra fields refused) and
``tests/unit/test_web_stories.py`` validates real answers against them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ClaimResponse", "ClaimsPage", "NarrativeResponse", "NarrativesResponse", "OutletStoriesResponse",
           "StoriesPage", "StoryResponse"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorySummary(_Model):
    story_id: str = Field(description="The id of the story's first article: /api/v1/stories/{story_id}.")
    title: str | None
    articles: int
    outlets: list[str] = Field(description="Outlets in order of their first article.")
    first_outlet: str | None
    first_published: str | None
    last_published: str | None


class StoriesPage(_Model):
    items: list[StorySummary]
    limit: int
    offset: int
    next_offset: int | None
    total: int


class StoryMember(_Model):
    article_id: str
    outlet: str | None
    published_at: str | None
    title: str | None
    url: str | None
    method: str = Field(description="first (started the thread), embedding (joined by meaning) or copy.")
    joined_via: str | None = Field(description="The member it matched best.")
    score: float | None


class StoryRelay(_Model):
    article_id: str = Field(description="The later article.")
    source_id: str = Field(description="The earlier member it relays.")
    kind: str = Field(description="copy, relayed_by (an attribution relayed by that outlet), cited (a source) or republished (a credit line: 'Reprinted from X').")
    name: str | None


class QuotedCount(_Model):
    speaker: str
    count: int


class Framing(_Model):
    outlet: str
    articles: list[str]
    words: int
    technique_rates: dict[str, dict[str, float]] = Field(
        description="voice (outlet, quoted, unassigned) -> technique -> spans per 1,000 words.")
    quoted: list[QuotedCount]
    left_out: list[str] = Field(description="Speakers other outlets quoted in this story and this one did not.")


class StoryResponse(StorySummary):
    members: list[StoryMember] = Field(description="Articles in time order.")
    relays: list[StoryRelay]
    framing: list[Framing]


class NarrativeCount(_Model):
    narrative: str
    name: str
    parent: str | None = None
    description: str = ""
    outlets: int
    articles: int
    sightings: int
    outlet_voice: int = Field(description="Sightings in the outlet's own words.")
    quoted_voice: int = Field(description="Sightings in words the outlet attributes to a speaker.")


class NarrativesResponse(_Model):
    items: list[NarrativeCount]


class SpeakerCount(_Model):
    speaker: str
    sightings: int


class OutletCarrying(_Model):
    outlet: str
    articles: int
    sightings: int
    outlet_voice: int
    quoted_voice: int
    first: str | None
    last: str | None
    top_speakers: list[SpeakerCount]


class NarrativeWeek(_Model):
    week: str = Field(description="Monday of the ISO week.")
    outlet_voice: int
    quoted_voice: int
    outlets: dict[str, int] = Field(description="outlet -> articles carrying the narrative that week.")


class NarrativeMatch(_Model):
    article_id: str
    outlet: str | None
    published: str | None
    narrative: str
    name: str
    score: float | None
    voice: str = Field(description="outlet, or the quoted speaker's name.")
    voice_group: str = Field(description="outlet or quoted.")
    unit: str | None
    start: int
    end: int
    text: str = Field(description="The matched text (article text: escape it).")


class NarrativeResponse(_Model):
    narrative: str
    name: str
    description: str
    parent: str | None
    sightings: int
    outlets: list[OutletCarrying]
    weekly: list[NarrativeWeek]
    undated: int
    recent: list[NarrativeMatch]


class OutletNarrative(_Model):
    narrative: str
    name: str
    articles: int
    sightings: int
    outlet_voice: int
    speaker_voice: int
    first: str | None
    last: str | None
    top_speakers: list[SpeakerCount]
    outlet: str


class OutletStoriesResponse(_Model):
    outlet: str
    narratives: list[OutletNarrative]
    stories: list[StorySummary]


class ClaimSighting(_Model):
    article_id: str
    outlet: str | None
    published: str | None
    voice: str = Field(description="reported (attributed to the speaker) or restated (in the outlet's own voice).")
    start: int
    end: int
    text: str = Field(description="The claim as this article worded it (article text: escape it).")
    similarity: float | None = Field(description="Cosine to the claim's first sighting (null for the first).")


class ClaimSummary(_Model):
    claim_id: str
    speaker: str | None = Field(description="The canonical speaker; null for an outlet-voice assertion.")
    text: str
    first_seen: str | None
    first_outlet: str | None
    outlets: list[str]
    sightings: int
    reported: int
    restated: int
    articles: int = Field(description="Distinct articles carrying it (a claim said twice in one article counts once).")


class ClaimsPage(_Model):
    items: list[ClaimSummary]
    limit: int
    offset: int
    next_offset: int | None
    total: int


class ClaimResponse(ClaimSummary):
    sightings_list: list[ClaimSighting]
