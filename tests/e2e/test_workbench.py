"""End to end in headless Chromium: analyze, hover, speaker panel, permalink, outlet profile, search.

Hostile markup rides in the article text and metadata; the page must show it as text, fire
no dialog, log no console error (a CSP violation would) and load nothing from elsewhere.
"""

from __future__ import annotations

from typing import Any

from conftest import Server, build_pipeline, fake_pipeline

XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
ARTICLE = (
    "Hysterical protests in the capital\n\n"
    "MOSCOW, Jan 5 (Reuters) - The hysterical campaign went on for a week, the paper wrote. "
    f"Readers saw {XSS} in the comments.\n\n"
    'Minister Ivanov said "the traitors will never win, and the West is waging a war against us" on Monday.\n\n'
    '"We will never give up," Ivanov told reporters, according to Reuters.\n'
)


def _analyze_and_store(w: Any, outlet: str, name: str) -> None:
    page = w.page
    page.goto(w.base + "/")
    page.fill("textarea[name=text]", ARTICLE)
    page.fill("input[name=title]", "Protests " + XSS)
    page.fill("input[name=outlet]", outlet)
    page.fill("input[name=published]", "2026-01-05")
    page.check("input[name=store]")
    page.click("#analyze-button")
    page.wait_for_selector("section.text")
    w.shot(f"{name}-analyze")


def _check_article_view(w: Any, layers: set[str]) -> int:
    page = w.page
    segs = page.locator("section.text .seg[data-s]")
    count = segs.count()
    assert count > 0, "no highlighted spans"
    # hostile markup is text: visible in the title and the article, and no element was made of it
    assert XSS in page.locator("h2.article-title").inner_text()
    assert XSS in page.locator("section.text").inner_text()
    assert page.locator("section.text img, section.text script, h2 img").count() == 0
    # hover a span: the card shows the label (and, for techniques, the definition and voice)
    target = page.locator("section.text .seg[data-s]").first
    if "techniques" in layers:
        target = page.locator("section.text .seg.flag[data-s]").first if page.locator(
            "section.text .seg.flag").count() else target
    target.hover()
    card = page.locator("#card")
    card.wait_for(state="visible")
    text = card.inner_text()
    assert text.strip(), "the hover card is empty"
    if "techniques" in layers:
        assert page.locator("section.legend .legend-layer[data-layer=techniques]").count() == 1
        assert "In a quoted speaker's voice" in page.locator("#card").inner_text() or "score" in text
    if "attributions" in layers:  # the "who said what" panel, only when an attribution layer exists
        panel = page.locator("section.panel[data-layer=attributions]")
        assert panel.count() == 1
        assert "Who said what" in panel.inner_text()
        assert "Ivanov" in panel.inner_text()
    else:
        assert page.locator("section.panel[data-layer=attributions]").count() == 0
    return count


def _run_flow(w: Any, server: Server, outlet: str, name: str) -> None:
    _analyze_and_store(w, outlet, name)
    layers = set(w.page.locator("section.legend .legend-layer").evaluate_all(
        "nodes => nodes.map(n => n.dataset.layer)"))
    count = _check_article_view(w, layers)
    w.shot(f"{name}-hover")
    # the permalink opens the stored article: the same view
    w.page.click("#permalink")
    w.page.wait_for_url("**/articles/*")
    assert w.page.locator("section.text .seg[data-s]").count() == count
    _check_article_view(w, layers)
    w.shot(f"{name}-article")
    # the outlet profile, linked from the article's metadata
    w.page.click("p.byline a[href^='/outlets/']")
    w.page.wait_for_selector("h1.outlet-name")
    assert w.page.locator("h1.outlet-name").inner_text() == outlet
    assert w.page.locator("section.chart-box svg").count() >= 1
    if "techniques" in layers:
        assert w.page.locator("#technique-mix svg rect").count() > 0
    if "attributions" in layers:
        assert "Ivanov" in w.page.locator("#speakers").inner_text()
    w.shot(f"{name}-outlet")
    # search with a facet
    w.page.goto(w.base + "/search?q=campaign&outlet=" + outlet)
    assert w.page.locator("li.hit").count() == 1
    assert "campaign" in w.page.locator("li.hit mark").first.inner_text().lower()
    w.shot(f"{name}-search")
    w.check_clean()


def test_e2e_workbench_with_the_shipped_analyzers(watched: Any) -> None:
    with Server(build_pipeline()) as server:
        _run_flow(watched(server.url), server, "Daily <b>Bugle</b>", "shipped")


def test_e2e_workbench_with_every_layer(watched: Any) -> None:
    """Technique spans flagged by voice and the speaker panel, with a model-free analyzer making both layers."""
    with Server(fake_pipeline()) as server:
        w = watched(server.url)
        _run_flow(w, server, "Evening Herald", "layers")
