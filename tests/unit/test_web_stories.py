"""Story, narrative pages and their /api/v1 answers (issue 17 §4), over every store kind.

A hand-written corpus (tests/unit/story_samples.py): three outlets report one flood, one
relays another, a narrative in a speaker's voice and in an outlet's own.  The answers must
validate against the typed models (extra fields refused) and hostile names stay text.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from story_samples import XSS, WordEncoder, corpus

import propscope.web.models_stories as ms
from propscope.pipeline import Pipeline
from propscope.store import Store
from propscope.stories import StorySettings, get_story, update_stories
from propscope.web import WebSettings, create_app
from propscope.web.story_view import story_page

ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def client(store: Store) -> Any:
    for a in corpus():
        store.put(a)
    update_stories(store, settings=StorySettings(threshold=0.3, window_days=14), encoder=WordEncoder())
    app = create_app(WebSettings(db="memory://"), pipeline=Pipeline([]), store=store)
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as c:
        c.store = store  # type: ignore[attr-defined]
        yield c


def _flood_story(client: Any) -> dict[str, Any]:
    items = client.get("/api/v1/stories").json()["items"]
    assert len(items) == 1, items  # the budget vote is a story of one article: hidden
    return items[0]


def test_web_stories_api_lists_and_shows_a_story_that_validates(client: Any) -> None:
    page = client.get("/api/v1/stories").json()
    ms.StoriesPage.model_validate(page)
    s = page["items"][0]
    assert s["first_outlet"] == "Harbor Gazette " + XSS
    assert s["articles"] == 3
    story = client.get(f"/api/v1/stories/{s['story_id']}").json()
    ms.StoryResponse.model_validate(story)
    assert [m["outlet"] for m in story["members"]] == ["Harbor Gazette " + XSS, "Northern Star", "Coast Courier"]
    # Northern Star's quote is relayed by the Gazette: a relay link back to the first article
    relays = {(r["kind"], r["source_id"]) for r in story["relays"]}
    assert ("relayed_by", s["story_id"]) in relays
    framing = {f["outlet"]: f for f in story["framing"]}
    assert framing["Coast Courier"]["technique_rates"]["outlet"]["Name_Calling,Labeling"] > 0
    assert "Ilse Varn" in framing["Coast Courier"]["left_out"]


def test_web_stories_unknown_story_is_404(client: Any) -> None:
    r = client.get("/api/v1/stories/nosuchstory")
    assert r.status_code == 404 and r.json()["error"]["code"] == "store.not_found"
    assert client.get("/stories/nosuchstory").status_code == 404


def test_web_stories_page_shows_timeline_first_sighting_and_framing_escaped(client: Any) -> None:
    s = _flood_story(client)
    r = client.get(f"/stories/{s['story_id']}")
    assert r.status_code == 200
    html = r.text
    assert XSS not in html and ESCAPED in html  # hostile outlet names and titles stay text, also in the SVG
    assert '<svg class="chart timeline"' in html
    assert html.count('class="framing') == 3 + 1  # the grid and one column per outlet
    assert "first sighting" in html and "relayed_by" in html
    listing = client.get("/stories").text
    assert f'/stories/{s["story_id"]}' in listing and XSS not in listing


def test_web_stories_view_days_after_first_and_first_column(client: Any) -> None:
    s = _flood_story(client)
    page = story_page(get_story(client.store, s["story_id"]))
    assert [r.after_days for r in page.timeline] == [0, 1, 8]
    assert [c.first for c in page.framing] == [True, False, False]
    assert page.timeline[1].relays and page.timeline[1].relays[0]["kind"] == "relayed_by"
    # a member names the article it joined through as a reader knows it, not by its id
    via = {r.article_id: r for r in page.timeline}
    for r in page.timeline[1:]:
        joined = via[r.joined_via]
        assert r.joined_label.startswith(joined.outlet + ", ") and r.joined_label[-4:] == joined.published[:4]
    assert page.timeline[0].joined_label is None
    link = page.timeline[1].relays[0]
    assert link["source_label"].startswith(via[link["source_id"]].outlet + ", ")  # a relay names it the same way


def test_web_narratives_api_and_page_split_by_voice_over_weeks(client: Any) -> None:
    listing = client.get("/api/v1/narratives").json()
    ms.NarrativesResponse.model_validate(listing)
    row = next(r for r in listing["items"] if r["narrative"] == "foreign_plot")
    assert (row["outlets"], row["articles"], row["outlet_voice"], row["quoted_voice"]) == (3, 3, 1, 2)
    one = client.get("/api/v1/narratives/foreign_plot").json()
    ms.NarrativeResponse.model_validate(one)
    assert [(w["week"], w["outlet_voice"], w["quoted_voice"]) for w in one["weekly"]] == [
        ("2019-02-25", 0, 2), ("2019-03-04", 1, 0)]
    assert one["recent"][0]["outlet"] == "Coast Courier"  # newest first
    only = client.get("/api/v1/narratives/foreign_plot", params={"outlet": "Coast Courier"}).json()
    assert [o["outlet"] for o in only["outlets"]] == ["Coast Courier"]
    html = client.get("/narratives/foreign_plot").text
    assert "Sightings per week, by voice" in html and XSS not in html and ESCAPED in html
    assert client.get("/api/v1/narratives/no_such_narrative").status_code == 404


def test_web_outlet_profile_shows_its_narratives_and_stories(client: Any) -> None:
    data = client.get("/api/v1/outlets/Northern Star/stories").json()
    ms.OutletStoriesResponse.model_validate(data)
    assert [n["narrative"] for n in data["narratives"]] == ["foreign_plot"]
    assert data["narratives"][0]["speaker_voice"] == 1
    assert len(data["stories"]) == 1
    html = client.get("/outlets/Northern Star").text
    assert 'id="top-narratives"' in html and "/narratives/foreign_plot" in html
    assert f'/stories/{data["stories"][0]["story_id"]}' in html


def test_web_stories_openapi_names_the_models(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/narratives/{narrative}"):
        ref = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.rsplit("/", 1)[-1] in spec["components"]["schemas"]
