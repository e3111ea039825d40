"""RSS and Atom files through feedparser: one result per item."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from propscope.errors import MalformedInputError, NoArticleError
from propscope.readers.feeds import read_feed

DATA = Path(__file__).parent.parent / "data" / "readers"


def test_feeds_rss_items_become_articles_with_metadata() -> None:
    results = list(read_feed((DATA / "feed_rss.xml").read_bytes(), source="feed.xml"))
    assert [r.source for r in results] == ["feed.xml#1", "feed.xml#2", "feed.xml#3"]
    first = results[0].article
    assert first is not None
    assert first.title == "Reservoir levels fall to lowest in a decade"
    assert first.outlet == "The Valley Courier"
    assert first.url == "https://valley-courier.example/2024/07/reservoir-levels"
    assert first.published == "2024-07-16T06:45:00+00:00"
    assert first.authors == ("Tomas Eberly",)
    assert first.source_format == "feed"
    assert first.metadata["categories"] == ["Environment"]
    # content:encoded (the full text) wins over the one-line description; scripts are dropped
    assert "hosepipe ban" in first.text and "trackPageView" not in first.text
    assert first.text.count("\n") >= 2


def test_feeds_plain_summary_item_is_read() -> None:
    second = list(read_feed((DATA / "feed_rss.xml").read_bytes(), source="feed.xml"))[1].article
    assert second is not None
    assert second.text.startswith("The central library will stay open until 9 pm")


def test_feeds_item_without_content_is_an_error_result() -> None:
    third = list(read_feed((DATA / "feed_rss.xml").read_bytes(), source="feed.xml"))[2]
    assert not third.ok
    assert isinstance(third.error, NoArticleError)
    assert third.error.source == "feed.xml#3"


def test_feeds_atom_entries_with_html_titles_and_several_authors() -> None:
    results = list(read_feed((DATA / "feed_atom.atom").read_bytes(), source="news.atom"))
    assert all(r.ok for r in results)
    first, second = (r.article for r in results)
    assert first is not None and second is not None
    assert first.title == "Council approves new tram route"
    assert first.authors == ("Ines Okafor", "Pavel Dimov")
    assert first.outlet == "Northfield Dispatch"
    assert first.published == "2024-05-02T09:15:00+00:00"
    assert "ending a three-year planning battle" in first.text
    assert second.published == "2024-05-01T07:30:00+00:00"  # no <published>: <updated>
    assert second.text.startswith("Fruit growers north of the city")


def test_feeds_outlet_override() -> None:
    results = list(read_feed((DATA / "feed_atom.atom").read_bytes(), source="f", outlet="Dispatch"))
    assert {r.article.outlet for r in results if r.article} == {"Dispatch"}


def test_feeds_malformed_feed_is_one_malformed_error() -> None:
    broken = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</tit\x01le>\n<<<>>> &bogus;'
    results = list(read_feed(broken, source="broken.rss"))
    assert len(results) == 1
    assert isinstance(results[0].error, MalformedInputError)
    assert results[0].error.one_line().startswith("broken.rss: not a valid RSS or Atom feed")


def test_feeds_bozo_feed_with_items_is_still_read() -> None:
    sloppy = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Sloppy & Co</title><item>'
              b"<title>Dam repairs finish early</title><description>Engineers finished repairs to the dam "
              b"two weeks ahead of schedule, the water board said.</description></item></channel></rss>")
    (result,) = read_feed(sloppy, source="sloppy.rss")
    assert result.ok and result.article is not None
    assert result.article.title == "Dam repairs finish early"


def test_feeds_valid_feed_without_items_is_no_article() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    (result,) = read_feed(empty, source="quiet.rss")
    assert isinstance(result.error, NoArticleError)


def test_feeds_string_input_is_never_fetched_or_opened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the feed reader tried to connect")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    secret = tmp_path / "secret.xml"
    secret.write_bytes((DATA / "feed_rss.xml").read_bytes())
    for text in ("https://valley-courier.example/feed", str(secret)):
        (result,) = read_feed(text, source="s")
        assert isinstance(result.error, MalformedInputError)


def test_feeds_a_date_feedparser_cannot_read_is_kept_as_written() -> None:
    """feedparser reads RFC 822 and ISO; any other form is kept for the store to read (issue 14 §3)."""
    rss = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Вестник</title>"
           "<item><title>Бюджет</title><pubDate>4 сентября 2026, 14:05</pubDate>"
           "<description>Городской совет утвердил бюджет в понедельник, сообщили чиновники.</description></item>"
           "<item><title>Two</title><pubDate>Fri, 04 Sep 2026 14:05:00 +0300</pubDate>"
           "<description>The council approved the budget on Monday, officials said.</description></item>"
           "</channel></rss>").encode()
    first, second = (r.article for r in read_feed(rss, source="f.xml"))
    assert first is not None and second is not None
    assert first.published == "4 сентября 2026, 14:05"
    assert second.published == "2026-09-04T11:05:00+00:00"
