"""WARC and WARC.gz archives through warcio (built in tmp_path with warcio's writer)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from propscope import readers
from propscope.errors import MalformedInputError, NoArticleError, TooLargeError
from propscope.readers.warc import read_warc

DATA = Path(__file__).parent.parent / "data" / "readers"
ARTICLE = (DATA / "article.html").read_bytes()
NO_ARTICLE = (DATA / "no_article.html").read_bytes()
UNDATED = (
    b"<html><head><title>Tram depot fire</title></head><body><article><h1>Tram depot fire</h1>"
    b"<p>A fire broke out at the northern tram depot late on Saturday, damaging two carriages, the fire "
    b"service said. Nobody was hurt.</p><p>Services on the northern line ran with delays on Sunday.</p>"
    b"</article></body></html>"
)

Record = tuple[str, str, str, bytes]
DEFAULT_RECORDS: list[Record] = [
    ("https://coastal-ledger.example/news/port-expansion-vote", "200 OK", "text/html; charset=utf-8", ARTICLE),
    ("https://coastal-ledger.example/style.css", "200 OK", "text/css", b"body { margin: 0 }"),
    ("https://coastal-ledger.example/gone", "404 Not Found", "text/html", b"<html><body>gone</body></html>"),
    ("https://coastal-ledger.example/topics", "200 OK", "text/html", NO_ARTICLE),
    ("https://coastal-ledger.example/tram-fire", "200 OK", "text/html", UNDATED),
]


def write_warc(path: Path, records: list[Record] = DEFAULT_RECORDS, *, gz: bool = False) -> Path:
    """A warcinfo record, then one response record per (uri, status, content type, body)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "propscope tests"}))
        for uri, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-16T08:00:00Z"},
            ))
    return path


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_reads_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz=gz)
    results = list(read_warc(path))
    # record 1 is warcinfo; 3 (CSS) and 4 (404) are not pages
    assert [r.source for r in results] == [f"{path}#2", f"{path}#5", f"{path}#6"]
    article = results[0].article
    assert article is not None
    assert article.url == "https://coastal-ledger.example/news/port-expansion-vote"
    assert article.published == "2024-03-14"  # the page's own date wins over WARC-Date
    assert article.source_format == "warc"
    assert article.title == "Harbour authority delays vote on port expansion"
    assert isinstance(results[1].error, NoArticleError)
    assert results[1].error.source == f"{path}#5"


def test_warc_date_is_the_fallback_for_published(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "c.warc", DEFAULT_RECORDS[4:])
    (result,) = read_warc(path)
    assert result.article is not None
    assert result.article.published == "2024-03-16T08:00:00Z"
    assert result.article.url == "https://coastal-ledger.example/tram-fire"


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_truncated_archive_yields_what_it_could_then_one_error(tmp_path: Path, gz: bool) -> None:
    whole = write_warc(tmp_path / "whole.warc", gz=gz).read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(whole[: int(len(whole) * 0.85)])
    results = list(read_warc(cut))
    assert results[0].ok  # the first page was complete
    assert [r.ok for r in results].count(False) >= 1
    last = results[-1]
    assert isinstance(last.error, MalformedInputError)
    assert last.source == str(cut)
    assert "truncated" in last.error.message


def test_warc_file_that_is_not_an_archive_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not an archive\n" * 5)
    (result,) = read_warc(path)
    assert isinstance(result.error, MalformedInputError)
    assert result.error.one_line() == f"{path}: not a WARC or ARC file [input.malformed]"


def test_warc_without_pages_is_no_article(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "assets.warc", DEFAULT_RECORDS[1:3])
    (result,) = read_warc(path)
    assert isinstance(result.error, NoArticleError)


def test_warc_record_over_the_limit_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "big.warc", [DEFAULT_RECORDS[0], DEFAULT_RECORDS[4]])
    results = list(read_warc(path, max_record_bytes=len(UNDATED) + 10))
    assert isinstance(results[0].error, TooLargeError)
    assert results[1].ok


def test_warc_is_streamed_without_the_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", gz=True)
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 100)  # far below the archive's size
    results = list(readers.read_file(path))
    assert sum(r.ok for r in results) == 2


def test_warc_read_file_by_extension_and_by_content(tmp_path: Path) -> None:
    by_name = write_warc(tmp_path / "crawl.warc.gz", gz=True)
    by_content = tmp_path / "crawl.bin"
    by_content.write_bytes(by_name.read_bytes())
    assert [r.ok for r in readers.read_file(by_name)] == [r.ok for r in readers.read_file(by_content)] == [True, False, True]


def test_warc_arc_file_is_read(tmp_path: Path) -> None:
    http = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + UNDATED)
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n%s\n" % (len(desc), desc)
    arc += b"http://tram.example/fire 192.0.2.1 20240105120000 text/html %d\n%s\n" % (len(http), http)
    path = tmp_path / "old.arc"
    path.write_bytes(arc)
    (result,) = readers.read_file(path)
    assert result.article is not None and result.article.url == "http://tram.example/fire"


def test_warc_page_in_the_charset_of_its_http_header(tmp_path: Path) -> None:
    page = ("<html><body><article><h1>Terrace rules</h1><p>“We will not back down,” said the owner of a crêperie "
            "near the lake, after the city council voted for earlier closing times on Friday.</p>"
            "</article></body></html>").encode("cp1252")
    path = write_warc(tmp_path / "w.warc", [("https://lake.example/t", "200 OK", "text/html; charset=windows-1252", page)])
    (result,) = read_warc(path)
    assert result.article is not None
    assert "“We will not back down,” said the owner of a crêperie" in result.article.text


def _single_stream(tmp_path: Path, name: str, cut: int = 0) -> Path:
    """The default records as ONE gzip stream (not one member per record, which warcio refuses
    after the first record), optionally cut ``cut`` bytes short."""
    import gzip

    plain = write_warc(tmp_path / "plain.warc").read_bytes()
    data = gzip.compress(plain, mtime=0)
    path = tmp_path / name
    path.write_bytes(data[:-cut] if cut else data)
    return path


def test_warc_gz_as_one_gzip_stream_gives_every_record(tmp_path: Path) -> None:
    path = _single_stream(tmp_path, "whole.warc.gz")
    members = write_warc(tmp_path / "members.warc.gz", gz=True)
    one, many = list(read_warc(path)), list(read_warc(members))
    assert [r.source.split("#")[1] for r in one] == [r.source.split("#")[1] for r in many] == ["2", "5", "6"]
    assert [r.article.title if r.article else type(r.error) for r in one] == \
        [r.article.title if r.article else type(r.error) for r in many]


def test_warc_gz_one_stream_cut_short_keeps_the_whole_records_and_says_where(tmp_path: Path) -> None:
    path = _single_stream(tmp_path, "cut.warc.gz", cut=60)  # into the last record
    results = list(read_warc(path))
    assert [r.source for r in results[:2]] == [f"{path}#2", f"{path}#5"]
    assert results[0].article is not None  # #5 is the page without an article (an error of its own)
    assert len(results) == 3 and isinstance(results[2].error, MalformedInputError)
    assert "record 6" in str(results[2].error) and results[2].source == str(path)
