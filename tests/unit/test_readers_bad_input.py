"""Bad input (issue section 5): each bad item is one error naming the file and the reason."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from propscope.errors import (
    BinaryInputError,
    EmptyInputError,
    MalformedInputError,
    NoArticleError,
    PropscopeError,
    TooLargeError,
)
from propscope.readers import ReadResult, read_file, read_sources

DATA = Path(__file__).parent.parent / "data" / "readers"
FIFTY_MB = 50 * 1024 * 1024

LATIN = (
    "Café owners protest new terrace rules\n"
    "ZÜRICH – Café and bistro owners in the old town protested on Friday against new rules that would force "
    "them to close their terraces at ten o’clock, saying the change would cost them a quarter of their "
    "summer turnover.\n"
    "“We will not back down,” said Françoise Müller, who runs a crêperie near the lake. The city said it "
    "had received more than three hundred complaints about noise last year and that the rules were a fair "
    "compromise between residents and businesses.\n"
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8


def _one(results: list[ReadResult]) -> PropscopeError:
    assert len(results) == 1
    assert results[0].error is not None
    return results[0].error


def _sparse(path: Path, size: int = FIFTY_MB) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def test_bad_input_empty_file(tmp_path: Path) -> None:
    for name in ("empty.txt", "blank.html"):
        path = tmp_path / name
        path.write_bytes(b"" if name == "empty.txt" else b"  \n\n ")
        error = _one(list(read_file(path)))
        assert isinstance(error, EmptyInputError)
        assert error.one_line().startswith(f"{path}: ")


def test_bad_input_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG)
    error = _one(list(read_file(path)))
    assert isinstance(error, BinaryInputError)
    assert error.one_line() == f"{path}: the input is binary, not text or HTML [input.binary]"


def _latin_file(tmp_path: Path, encoding: str) -> Path:
    text = LATIN
    if encoding == "latin-1":  # no curly quotes or dashes in latin-1
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_bad_input_non_utf8_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    (result,) = read_file(_latin_file(tmp_path, encoding))
    assert result.article is not None, result.error
    assert result.article.title == "Café owners protest new terrace rules"
    for word in ("ZÜRICH", "Françoise Müller", "Café and bistro owners"):
        assert word in result.article.text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_bad_input_non_utf8_text_is_decoded_exactly(tmp_path: Path, encoding: str) -> None:
    (result,) = read_file(_latin_file(tmp_path, encoding))
    assert result.article is not None
    assert "crêperie" in result.article.text
    if encoding == "cp1252":
        assert "“We will not back down,”" in result.article.text


def test_bad_input_html_in_its_declared_charset(tmp_path: Path) -> None:
    body = ("<html><head><meta charset='windows-1251'><title>Мост откроют в понедельник</title></head><body><article>"
            "<h1>Мост откроют в понедельник</h1><p>Старый мост через реку откроют для движения в понедельник после "
            "восьми месяцев ремонта, сообщили в городской администрации во вторник.</p>"
            "<p>Инженеры заменили опоры и обновили покрытие.</p></article></body></html>")
    path = tmp_path / "most.html"
    path.write_bytes(body.encode("cp1251"))
    (result,) = read_file(path)
    assert result.article is not None, result.error
    assert result.article.title == "Мост откроют в понедельник"
    assert "Инженеры заменили опоры" in result.article.text
    assert result.article.language == "ru"


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge"])
def test_bad_input_50_mb_file_is_refused_without_reading_it(tmp_path: Path, name: str) -> None:
    path = _sparse(tmp_path / name)
    started = time.monotonic()
    error = _one(list(read_file(path)))
    assert time.monotonic() - started < 1.0
    assert isinstance(error, TooLargeError)
    assert error.one_line() == f"{path}: the file is 50.0 MiB, over the 20 MiB limit for one input [input.too_large]"


def test_bad_input_corpus_files_stream_past_the_single_document_limit(tmp_path: Path, monkeypatch) -> None:
    """JSONL and CSV corpora are read row by row: the per-document size limit does not apply."""
    import propscope.readers.dispatch as readers

    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 2000)
    rows = [{"title": f"Story {i}", "text": f"The council met on day {i} and approved the budget for the year."}
            for i in range(60)]
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    single = tmp_path / "big.txt"
    single.write_text("Title\n\n" + "A sentence of the article body. " * 100, encoding="utf-8")
    assert corpus.stat().st_size > 2000
    results = list(read_file(corpus))
    assert len(results) == 60 and all(r.ok for r in results)
    assert isinstance(_one(list(read_file(single))), TooLargeError)


def test_bad_input_html_without_article_body() -> None:
    path = DATA / "no_article.html"
    error = _one(list(read_file(path)))
    assert isinstance(error, NoArticleError)
    assert error.one_line() == f"{path}: the HTML has no article body [input.no_article]"


def test_bad_input_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</tit\x01le>\n<<<>>> &bogus;')
    error = _one(list(read_file(path)))
    assert isinstance(error, MalformedInputError)
    assert error.source == str(path)
    assert "\n" not in error.one_line()


def test_bad_input_malformed_warc(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)  # a gzip header and nothing sensible
    error = _one(list(read_file(path)))
    assert isinstance(error, (MalformedInputError, NoArticleError))
    assert error.source == str(path)
    plain = tmp_path / "broken.warc"
    plain.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n")
    error = _one(list(read_file(plain)))
    assert isinstance(error, MalformedInputError)
    assert error.one_line().startswith(f"{plain}: truncated or malformed archive")


def test_bad_input_directory_mixing_good_and_bad_files(tmp_path: Path) -> None:
    good = {
        "good.txt": LATIN.encode("utf-8"),
        "good.html": (DATA / "article.html").read_bytes(),
        "latin.txt": LATIN.encode("cp1252"),
    }
    bad = {
        "empty.txt": (b"", "input.empty"),
        "photo.html": (PNG, "input.binary"),
        "topics.html": ((DATA / "no_article.html").read_bytes(), "input.no_article"),
        "broken.rss": (b"<rss><channel><title>x</tit\x01le>", "input.malformed"),
        "broken.warc": (b"WARC/1.0\r\nContent-Length: 900\r\n\r\nshort", "input.malformed"),
    }
    for name, data in good.items():
        (tmp_path / name).write_bytes(data)
    for name, (data, _code) in bad.items():
        (tmp_path / name).write_bytes(data)
    _sparse(tmp_path / "huge.txt")
    bad["huge.txt"] = (b"", "input.too_large")

    results = list(read_sources([str(tmp_path)]))
    by_file: dict[str, list[ReadResult]] = {}
    for r in results:
        by_file.setdefault(Path(r.source.split("#")[0]).name, []).append(r)
    assert set(by_file) == set(good) | set(bad)
    for name in good:
        assert all(r.ok for r in by_file[name]), [r.error for r in by_file[name]]
    for name, (_data, code) in bad.items():
        (result,) = by_file[name]
        assert result.error is not None
        line = result.error.one_line()
        assert line.startswith(str(tmp_path / name)), line
        assert line.endswith(f"[{code}]"), line
        assert "\n" not in line and "Traceback" not in line


def test_readers_an_article_too_long_to_analyse_is_refused(monkeypatch):
    import propscope.readers.base as base
    from propscope.errors import TooLargeError
    from propscope.readers.text import read_text

    monkeypatch.setattr(base, "MAX_ARTICLE_CHARS", 60)
    assert read_text("Title\nA short story about nothing in particular.\n").text
    with pytest.raises(TooLargeError, match="over the 60 one analysis takes"):
        read_text("Title\n" + "A very long story about nothing in particular. " * 3, source="big.txt")
