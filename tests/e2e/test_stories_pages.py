"""Story, narrative and claim pages (issue 17 §4) in headless Chromium: the timeline and the framing
columns fit the page, the narrative's week charts fill their card, nothing hostile becomes an
element, no script error, nothing loads from elsewhere.  Screenshots: stories-*.png."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from conftest import Server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from story_samples import XSS, WordEncoder, corpus  # noqa: E402

from propscope.corpus.claims import ClaimSettings, get_claim, list_claims, update_claims  # noqa: E402
from propscope.pipeline import Pipeline  # noqa: E402
from propscope.stories import StorySettings, list_stories, update_stories  # noqa: E402


def test_e2e_story_narrative_and_claim_pages(watched: Any) -> None:
    with Server(Pipeline([])) as server:
        store = server.server.config.app.state.store
        for a in corpus():
            store.put(a)
        update_stories(store, settings=StorySettings(threshold=0.3, window_days=14), encoder=WordEncoder())
        update_claims(store, settings=ClaimSettings(same_threshold=0.7, restate_threshold=0.7), encoder=WordEncoder())
        story_id = list_stories(store)[0].story_id
        w = watched(server.url)
        page = w.page
        page.goto(server.url + f"/stories/{story_id}")
        assert page.locator("h1 img, td img, h3 img, svg img").count() == 0
        assert XSS in page.locator("strong.first-outlet").inner_text()  # shown as text
        svg = page.locator("svg.timeline")
        assert svg.locator("circle").count() == 3 and svg.locator("line.relay").count() >= 1
        card = page.locator("section#timeline").bounding_box()
        box = svg.bounding_box()
        assert card and box and box["x"] + box["width"] <= card["x"] + card["width"] + 0.5
        columns = page.locator("div.framing")
        assert columns.count() == 3
        first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
        assert first and second and abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"]  # side by side
        w.shot("stories-story")
        page.locator("div.framing h3 a").nth(1).click()
        page.wait_for_url("**/outlets/Northern%20Star")
        assert "Foreign Plot" in page.locator("section#top-narratives").inner_text()
        page.goto(server.url + "/narratives/foreign_plot")
        charts = page.locator("section#over-time svg.chart")
        assert charts.count() == 2
        inner = page.locator("section#over-time").evaluate(
            "n => n.clientWidth - parseFloat(getComputedStyle(n).paddingLeft) - parseFloat(getComputedStyle(n).paddingRight)")
        cbox = charts.first.bounding_box()
        assert cbox and abs(cbox["width"] - inner) < 2
        assert page.locator("section#outlets tbody tr").count() == 3
        assert page.locator("section#outlets img").count() == 0
        w.shot("stories-narrative")
        claim = next(c for c in list_claims(store) if c.speaker)
        page.goto(server.url + f"/claims/{claim.claim_id}")
        rows = page.locator("section#claim-sightings tbody tr")
        assert rows.count() == len(get_claim(store, claim.claim_id).sightings_list) == 3
        assert "restated as fact" in rows.nth(2).inner_text()
        w.shot("stories-claim")
        w.check_clean()
