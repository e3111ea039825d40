"""Pages that read first (issue 16 §5), in headless Chromium: the report's table sorts, its
toggles and score threshold hide highlights, charts are as wide as their card with the last
label inside, and an article page opens with its text and says whose copy a reprint is.

Article text and names carry hostile markup: nothing of it may become an element.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import SCREENSHOTS, Server, _taken, fake_pipeline

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.report.html import render_html

XSS = '<img src=x onerror=alert(1)>'


def _analysis(title: str, outlet: str, published: str | None, text: str, techniques: list[tuple[str, str, float, str]],
              speakers: list[tuple[str, str]]) -> Analysis:
    """``techniques``: (word, label, score, voice); ``speakers``: (quoted passage, speaker)."""
    tech = []
    for word, label, score, voice in techniques:
        at = text.index(word)
        tech.append(Span(at, at + len(word), label, {"score": score, "voice": voice}))
    attr = []
    for passage, speaker in speakers:
        at = text.index(passage)
        attr.append(Span(at, at + len(passage), "direct", {"speaker": speaker, "kind": "direct"}))
    article = Article(text=text, title=title, outlet=outlet, published=published, language="en",
                      paragraphs=(Span(0, len(text)),))
    return Analysis(article, {"techniques": Layer("techniques", "techniques", "1", tuple(tech), label_key="technique"),
                              "attributions": Layer("attributions", "attribution", "1", tuple(attr))},
                    (AnalyzerInfo("techniques", "1"), AnalyzerInfo("attribution", "1")))


REPORT = [
    _analysis("Calm " + XSS, "Wire", "2026-01-05", "A calm account of the week. \"We will talk,\" Trump said.",
              [("calm", "Loaded_Language", 0.55, "outlet")], [("\"We will talk,\"", "Trump")]),
    _analysis("Loud", "Bugle", "2026-01-12", "Traitors and cowards ruin the hysterical nation. "
              "\"Never again,\" said Donald Trump.",
              [("Traitors", "Name_Calling,Labeling", 0.97, "outlet"), ("cowards", "Name_Calling,Labeling", 0.6, "outlet"),
               ("hysterical", "Loaded_Language", 0.9, "outlet"), ("Never again", "Slogans", 0.8, "Donald Trump")],
              [("\"Never again,\"", "Donald Trump")]),
    _analysis("Undated", "Herald", None, "A quiet day with one fearful word in it, and nothing quoted.",
              [("fearful", "Appeal_to_fear-prejudice", 0.7, "outlet")], []),
]


def _rows(page: Any) -> list[str]:
    return page.locator("table.articles tbody tr td:first-child").all_inner_texts()


def test_e2e_report_table_sorts_and_toggles_hide_layers(browser_context: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(render_html(REPORT), encoding="utf-8")
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
    page.goto(path.as_uri())
    assert _rows(page) == ["Calm " + XSS, "Loud", "Undated"]
    assert page.locator("table.articles img").count() == 0
    # technique rate, highest first on the first click, then lowest first
    page.click("table.articles th:nth-child(5) button")
    assert _rows(page)[0] == "Loud"
    page.click("table.articles th:nth-child(5) button")
    assert _rows(page) == ["Undated", "Calm " + XSS, "Loud"]  # 1 span in 12 words, 1 in 11, 4 in 13
    # dates: undated last in both directions
    page.click("table.articles th:nth-child(3) button")
    assert _rows(page) == ["Calm " + XSS, "Loud", "Undated"]
    page.click("table.articles th:nth-child(3) button")
    assert _rows(page) == ["Loud", "Calm " + XSS, "Undated"]
    # one speaker under two names is one name in the table
    assert "Donald Trump" in page.locator("table.articles tbody").inner_text()
    assert "Trump (" not in page.locator("table.articles tbody").inner_text().replace("Donald Trump (", "")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report-table.png"), full_page=True)
    _taken.append(SCREENSHOTS / "report-table.png")

    def background(selector: str) -> str:
        return str(page.locator(selector).first.evaluate("n => getComputedStyle(n).backgroundColor"))

    traitors = "#a1 section.text .seg:has-text('Traitors')"
    quote = "#a0 section.text .seg:has-text('We will talk')"
    assert background(traitors) != "rgba(0, 0, 0, 0)"
    assert background(quote) != "rgba(0, 0, 0, 0)"
    # hide the techniques: their highlight goes, the attributions stay
    page.uncheck("form.controls input.layer-toggle[data-layer=techniques]")
    assert background(traitors) == "rgba(0, 0, 0, 0)"
    assert background(quote) != "rgba(0, 0, 0, 0)"
    page.check("form.controls input.layer-toggle[data-layer=techniques]")
    assert background(traitors) != "rgba(0, 0, 0, 0)"
    # the score threshold: 0.75 hides "cowards" (0.6), keeps "Traitors" (0.97)
    page.locator("input.score-threshold").fill("0.75")
    assert background("#a1 section.text .seg:has-text('cowards')") == "rgba(0, 0, 0, 0)"
    assert background(traitors) != "rgba(0, 0, 0, 0)"
    assert page.locator("output.score-value").inner_text() == "0.75"
    page.screenshot(path=str(SCREENSHOTS / "report-threshold.png"), full_page=True)
    assert errors == [], errors
    page.close()


def _store(server: Server) -> Any:
    return server.server.config.app.state.store


ORIGINAL = ("Officials in the capital said on Monday that the new border rules would take effect next week, "
            "after months of talks between the two governments and a long dispute over the cost of the checks. "
            "The hysterical campaign against the rules went on for a week. Ivanov said \"the traitors will never win\" "
            "and added that the rules would protect the country from smugglers and criminals.")


def test_e2e_outlet_charts_fill_their_card_and_the_article_page_reads_first(watched: Any) -> None:
    with Server(fake_pipeline()) as server:
        store = _store(server)
        pipe = server.pipeline
        arts = [Article(text=ORIGINAL, title="Border rules", outlet="Daily Bugle", published="2026-01-05"),
                Article(text="The hysterical week ended. Ivanov said \"never\".", title="Week two",
                        outlet="Daily Bugle", published="2026-02-02"),  # four empty weeks before it
                Article(text="An undated hysterical note.", title="Undated " + XSS, outlet="Daily Bugle"),
                Article(text=ORIGINAL + " More to follow.", title="Border rules (copy)", outlet="Evening Herald",
                        published="2026-01-06")]
        ids = []
        for a in arts:
            analysis = pipe.run(a)
            store.put(analysis)
            ids.append(analysis.article.id)
        w = watched(server.url)
        page = w.page
        page.goto(server.url + "/outlets/Daily%20Bugle")
        card = page.locator("section#trend")
        svg = card.locator("svg.chart").first
        inner = card.evaluate("n => n.clientWidth - parseFloat(getComputedStyle(n).paddingLeft)"
                              " - parseFloat(getComputedStyle(n).paddingRight)")
        box = svg.bounding_box()
        assert box is not None and abs(box["width"] - inner) < 2, (box, inner)
        ticks = svg.locator("text.x-tick")
        last = ticks.nth(ticks.count() - 1)
        last_box = last.bounding_box()
        assert last_box is not None and last_box["x"] + last_box["width"] <= box["x"] + box["width"] + 0.5
        assert last.text_content() == "2 Feb 2026"
        assert card.locator("svg.chart").nth(1).locator("circle").count() == 5  # articles per week: 5 weeks, 3 empty
        assert "1 article without a date" in card.inner_text()
        assert "technique spans per 1,000 words" in (svg.text_content() or "")
        w.shot("pages-outlet")
        # the copy's page says whose copy it is, before the text, with a link
        page.goto(server.url + f"/articles/{ids[3]}")
        note = page.locator("aside.copy-note")
        assert "A copy." in note.inner_text() and "Daily Bugle" in note.inner_text()
        text_top = page.locator("section.text").bounding_box()
        legend_top = page.locator("section.legend").bounding_box()
        assert text_top and legend_top and text_top["y"] < legend_top["y"]
        assert page.locator("details.about").get_attribute("open") is None
        assert "6 Jan 2026" in page.locator("p.byline").inner_text()
        w.shot("pages-article-copy")
        note.locator("a.copy-of").click()
        page.wait_for_url(f"**/articles/{ids[0]}")
        assert "Copied by" in page.locator("aside.copy-note").inner_text()
        page.uncheck("input.layer-toggle[data-layer=techniques]")
        off = page.locator("section.text .seg:has-text('hysterical')").first
        assert off.evaluate("n => getComputedStyle(n).backgroundColor") == "rgba(0, 0, 0, 0)"
        page.goto(server.url + f"/articles/{ids[2]}")
        assert page.locator("h2.article-title").inner_text() == "Undated " + XSS
        assert page.locator("h2 img").count() == 0
        w.check_clean()
