"""The dispatcher: strings, files by extension and content, directories, sources."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from propscope.errors import InputError, NoArticleError, UnsupportedInputError
from propscope.readers import format_of_path, read_file, read_sources, read_string, sniff_format

DATA = Path(__file__).parent.parent / "data" / "readers"

SCRAPED = """Bridge to reopen after repairs
Bridge to reopen after repairs
Home > News > Local
MARLOW, June 3 (Valley Wire) - The old river bridge will reopen to traffic next Monday after eight months of repairs, the county council said on Tuesday.
Engineers replaced the corroded steel bearings and resurfaced the deck.
Follow The Valley Courier on social media for the latest local news.
Most read
Council budget row deepens
"""


def _scraped(title: str, sentence: str) -> str:
    return (f"{title}\nSTOWBRIDGE (Valley Wire) - {sentence}\nA spokesperson for {title} declined to comment.\n"
            "Follow The Valley Courier on social media for the latest local news.\n")


def test_dispatch_read_string_detects_html_and_text() -> None:
    html = read_string((DATA / "article.html").read_text(encoding="utf-8"))
    text = read_string(SCRAPED)
    assert html.source_format == "html" and html.outlet == "The Coastal Ledger"
    assert text.source_format == "text"
    assert text.title == "Bridge to reopen after repairs"
    assert text.text.startswith("MARLOW, June 3 (Valley Wire) - The old river bridge")
    assert "Most read" not in text.text


def test_dispatch_read_string_format_and_metadata() -> None:
    article = read_string("<p>Literal tags stay as text here, said the editor.", format="text",
                          has_title_line=False, outlet="Desk")
    assert article.text == "<p>Literal tags stay as text here, said the editor."
    assert article.outlet == "Desk"
    with pytest.raises(UnsupportedInputError):
        read_string("x", format="warc")
    with pytest.raises(TypeError, match="unknown reader option"):
        read_string("x", colour="red")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("README", "text"), ("a.HTML", "html"), ("a.htm", "html"), ("a.rss", "feed"),
     ("a.atom", "feed"), ("a.xml", "xml"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.arc.gz", "warc"),
     ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.json", "json"), ("a.csv", "csv"), ("a.tsv", "tsv"),
     ("a.pdf", None)],
)
def test_dispatch_format_of_path(name: str, fmt: str | None) -> None:
    assert format_of_path(name) == fmt


@pytest.mark.parametrize(
    ("head", "fmt"),
    [(b"WARC/1.1\r\n", "warc"), (b"\x1f\x8b\x08", "gzip"), (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
     (b"<?xml version='1.0'?><!-- c --><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
     (b"<!doctype html><html>", "html"), (b'{"text": "x"}\n', "jsonl"), (b"[{}]", "json"),
     (b"Plain headline\nBody text.", "text")],
)
def test_dispatch_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


def test_dispatch_read_file_by_extension_and_content(tmp_path: Path) -> None:
    rss_as_xml = tmp_path / "feed.xml"
    shutil.copy(DATA / "feed_rss.xml", rss_as_xml)
    html_as_dat = tmp_path / "page.dat"
    shutil.copy(DATA / "article.html", html_as_dat)
    assert [r.ok for r in read_file(rss_as_xml)] == [True, True, False]
    (page,) = read_file(html_as_dat)
    assert page.article is not None and page.article.source_format == "html"
    no_extension = tmp_path / "saved-page"
    shutil.copy(DATA / "article.html", no_extension)
    (saved,) = read_file(no_extension)
    assert saved.article is not None and saved.article.source_format == "html"
    plain = tmp_path / "story"
    plain.write_text(SCRAPED)
    (story,) = read_file(plain)
    assert story.article is not None and story.article.source_format == "text"
    (forced,) = read_file(DATA / "article.html", format="text")
    assert forced.article is not None and forced.article.source_format == "text"


def test_dispatch_xml_that_is_not_a_feed_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalog><book id="1"/></catalog>')
    (result,) = read_file(path)
    assert isinstance(result.error, UnsupportedInputError)
    assert result.error.one_line() == f"{path}: an XML file that is neither RSS nor Atom [input.unsupported]"


def test_dispatch_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(_scraped("Two", "The second story happened on Monday."))
    (tmp_path / "b" / "deep" / "3.html").write_bytes((DATA / "article.html").read_bytes())
    (tmp_path / "a.txt").write_text(_scraped("One", "The first story happened on Sunday."))
    (tmp_path / ".hidden.txt").write_text(_scraped("Hidden", "Nobody should read this."))
    (tmp_path / ".git" / "x.txt").write_text(_scraped("Git", "Nobody should read this either."))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "Makefile").write_text("all:\n")
    sources = [r.source for r in read_sources([str(tmp_path)])]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt"), str(tmp_path / "b" / "deep" / "3.html")]


def test_dispatch_directory_learns_lines_repeated_across_its_texts(tmp_path: Path) -> None:
    for n, day in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday")):
        (tmp_path / f"{n}.txt").write_text(_scraped(f"Story {n}", f"The council met on {day} to discuss the budget."))
    results = list(read_sources([str(tmp_path)]))
    assert all(r.ok for r in results)
    for r in results:
        assert r.article is not None
        assert "Follow The Valley Courier" not in r.article.text
        assert f"A spokesperson for {r.article.title} declined to comment." in r.article.text
    # the same file alone keeps the line: it is learned from the directory
    (single,) = read_file(tmp_path / "0.txt")
    assert single.article is not None and "Follow The Valley Courier" in single.article.text


def test_dispatch_empty_directory_is_one_error(tmp_path: Path) -> None:
    (result,) = read_sources([str(tmp_path)])
    assert isinstance(result.error, NoArticleError)
    assert "no files with a known extension" in result.error.message


def test_dispatch_sources_mix_paths_urls_and_stdin(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SCRAPED)
    stdin = io.BytesIO(b"<html><body><article><p>Voters in the northern district went to the polls on Sunday "
                       b"in a rerun of last year's annulled election.</p></article></body></html>")
    results = list(read_sources([str(good), str(tmp_path / "missing.txt"), "https://x.example/a", "ftp://x.example/b",
                                 "-"], stdin=stdin))
    assert [r.ok for r in results] == [True, False, False, False, True]
    missing = results[1].error
    assert isinstance(missing, InputError) and missing.code == "input.not_found"
    assert missing.one_line() == f"{tmp_path / 'missing.txt'}: no such file or directory [input.not_found]"
    assert "pass --fetch" in results[2].error.message  # type: ignore[union-attr]
    assert isinstance(results[3].error, UnsupportedInputError)
    assert results[4].source == "<stdin>"
    assert results[4].article is not None and results[4].article.source_format == "html"


def test_dispatch_meta_goes_to_single_and_many_article_readers(tmp_path: Path) -> None:
    (one,) = read_file(DATA / "article.html", title="Override", outlet="Wire")
    assert one.article is not None and (one.article.title, one.article.outlet) == ("Override", "Wire")
    feed = list(read_file(DATA / "feed_atom.atom", title="ignored for feeds", outlet="Wire"))
    assert [r.article.title for r in feed if r.article] == ["Council approves new tram route", "Late frost damages orchards"]
    assert {r.article.outlet for r in feed if r.article} == {"Wire"}


def test_dispatch_unknown_format_name_raises() -> None:
    with pytest.raises(UnsupportedInputError, match="unknown format"):
        list(read_file(DATA / "article.html", format="docx"))


def test_dispatch_read_bytes_sniffs_format_and_names_the_source() -> None:
    from propscope.readers import read_bytes

    html = b"<html><head><title>Port reopens</title></head><body><article><p>The port reopened on Monday after a " \
           b"two-week strike ended with a pay deal, the harbour authority said.</p></article></body></html>"
    (result,) = list(read_bytes(html, source="upload.bin"))
    assert result.article is not None and result.article.source_format == "html"
    assert result.article.title == "Port reopens"
    (bad,) = list(read_bytes(b"\x00\x01\x02" * 100, source="upload.bin"))
    assert bad.error is not None and bad.error.one_line().startswith("upload.bin: ")
