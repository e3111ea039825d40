"""HTML pages through trafilatura: body, metadata, offsets, pages without an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope.errors import NoArticleError
from propscope.readers.html import html_fragment_to_text, looks_like_html, read_html

DATA = Path(__file__).parent.parent / "data" / "readers"


@pytest.fixture(scope="module")
def page() -> str:
    return (DATA / "article.html").read_text(encoding="utf-8")


def test_html_extracts_body_and_metadata(page: str) -> None:
    article = read_html(page, source="article.html")
    assert article.title == "Harbour authority delays vote on port expansion"
    assert article.outlet == "The Coastal Ledger"
    assert article.authors == ("Mira Castellanos",)
    assert article.published == "2024-03-14"
    assert article.url == "https://coastal-ledger.example/news/port-expansion-vote"
    assert article.source == "article.html"
    assert article.source_format == "html"
    assert article.language == "en"
    assert article.text.startswith("PORT SELWYN, March 14 (Coastal Wire) – The harbour authority postponed")
    assert "fishing cooperative" in article.text


def test_html_drops_page_furniture_and_repeated_title(page: str) -> None:
    article = read_html(page)
    for furniture in ("Most read", "Ferry timetable changes", "Subscribe to our newsletter", "All rights reserved"):
        assert furniture not in article.text
    assert not article.text.startswith("Harbour authority delays vote")
    assert any(block.text == article.title for block in article.removed)


def test_html_dateline_names_place_and_agency(page: str) -> None:
    article = read_html(page)
    assert article.dateline is not None
    assert article.dateline.place == "PORT SELWYN"
    assert article.dateline.agency == "Coastal Wire"


def test_html_raw_is_the_extracted_text_and_spans_map_back(page: str) -> None:
    article = read_html(page)
    assert article.raw is not None and "<p>" not in article.raw
    assert article.sentences
    for span in (*article.paragraphs, *article.sentences):
        start, end = article.raw_span(span)
        assert article.raw[start:end] == article.text[span.start : span.end]


def test_html_given_metadata_wins_over_the_page(page: str) -> None:
    article = read_html(page, title="Vote delayed", outlet="Ledger", url="https://x.example/a",
                        published="2024-03-15", authors=["Desk"], language="en")
    assert (article.title, article.outlet, article.url, article.published, article.authors) == (
        "Vote delayed", "Ledger", "https://x.example/a", "2024-03-15", ("Desk",))


def test_html_page_without_article_raises_no_article_naming_source() -> None:
    html = (DATA / "no_article.html").read_text(encoding="utf-8")
    with pytest.raises(NoArticleError) as info:
        read_html(html, source="topics.html")
    assert info.value.source == "topics.html"
    assert info.value.code == "input.no_article"
    assert info.value.one_line().startswith("topics.html: ")


def test_html_navigation_only_page_is_no_article() -> None:
    html = "<html><head><title>x</title></head><body><nav><a href=/>Home</a><a href=/n>News</a></nav></body></html>"
    with pytest.raises(NoArticleError):
        read_html(html, source="nav.html")


def test_html_fragment_is_read() -> None:
    article = read_html("<p>The mayor said on Monday that the bridge will reopen next week after repairs.</p>")
    assert article.text == "The mayor said on Monday that the bridge will reopen next week after repairs."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("\ufeff  <html lang='en'>", True),
        ("<p>The council met.</p>", True),
        ("<article><h1>Title</h1>", True),
        ("Headline\nLONDON (Agency) - The <b>bold</b> claim was made on Monday.", False),
        ("Prices rose 3% <or more> last year.", False),
        ("", False),
    ],
)
def test_html_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_html_fragment_to_text_keeps_blocks_and_drops_scripts() -> None:
    fragment = "<p>First  paragraph &amp; more.</p><script>track()</script><ul><li>One</li><li>Two</li></ul>tail"
    assert html_fragment_to_text(fragment) == "First paragraph & more.\nOne\nTwo\ntail"
