"""Hostile input (issue 14 §5): regression tests for the faults an audit found in the readers.

Every test here is a regression test for issue 14 §5.  The readers never raise for such
input: each bad row or file is one ``ReadResult`` error with a stable code, and the rows
around it are still read.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from propscope.article import Article
from propscope.errors import MalformedInputError, UnsupportedInputError
from propscope.readers import ReadResult, read_file, read_sources, read_string
from propscope.readers import tabular
from propscope.readers.feeds import read_feed
from propscope.readers.html import html_fragment_to_text
from propscope.readers.text import is_copyright_notice, is_crumb, is_furniture, read_text

BUDGET = "The council met on Monday and agreed the budget. The mayor said it was fair."
BRIDGE = "The mayor opened the new bridge on Friday. Residents said it was long overdue."


def _summary(results: list[ReadResult]) -> list[tuple[str, str]]:
    """(source, "ok" or the error code) for each result."""
    return [(r.source, "ok" if r.ok else r.error.code) for r in results]  # type: ignore[union-attr]


# ---------------------------------------------------------------------------- 1. deep nesting, huge numbers


def test_hostile_jsonl_deep_nesting_is_a_row_error_and_a_huge_number_a_string(tmp_path: Path) -> None:
    # issue 14 §5.1: '[' * 100000 raised RecursionError, a 5,000-digit number ValueError (exit 3);
    # the number is now kept as the string it was written as: the row is not lost
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": BUDGET}),
        "[" * 100_000,
        '{"text": ' + json.dumps(BRIDGE + " Again.") + ', "id": ' + "9" * 5000 + "}",
        '{"text": "x", "n": ' + "{" * 100_000,
        json.dumps({"text": BRIDGE}),
    ]) + "\n")
    results = list(read_file(path))
    assert _summary(results) == [(f"{path}#1", "ok"), (f"{path}#2", "input.malformed"),
                                 (f"{path}#3", "ok"), (f"{path}#4", "input.malformed"),
                                 (f"{path}#5", "ok")]
    assert results[1].error is not None and "nested too deeply" in results[1].error.message
    assert "\n" not in results[1].error.one_line()


def test_hostile_json_file_deep_nesting_and_huge_number_are_one_error(tmp_path: Path) -> None:
    # issue 14 §5.1: the same class in a .json file, an array or one object
    for name, content in (("a.json", "[" * 100_000), ("o.json", '{"a": ' * 100_000)):
        path = tmp_path / name
        path.write_text(content)
        results = list(read_file(path))
        assert _summary(results) == [(str(path), "input.malformed")], name


def test_hostile_json_array_with_a_huge_number_loses_no_row(tmp_path: Path) -> None:
    # audit after issue 14: one 5,000-digit id made the whole array one error (every row lost)
    path = tmp_path / "n.json"
    rows = ['{"text": ' + json.dumps(BUDGET) + ', "id": ' + "1" * 5000 + "}", json.dumps({"text": BRIDGE})]
    path.write_text("[" + ",".join(rows) + "]")
    assert _summary(list(read_file(path))) == [(f"{path}#1", "ok"), (f"{path}#2", "ok")]


def test_hostile_json_lines_with_cr_only_line_ends_and_empty_arrays(tmp_path: Path) -> None:
    # audit after issue 14: CR-separated JSON lines in a .json file were one "Extra data" error;
    # an empty array ended the run with "no articles found" naming no file
    cr = tmp_path / "cr.json"
    cr.write_text(json.dumps({"text": BUDGET}) + "\r" + json.dumps({"text": BRIDGE}) + "\r", newline="")
    assert _summary(list(read_file(cr))) == [(f"{cr}#1", "ok"), (f"{cr}#2", "ok")]
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    assert _summary(list(read_file(empty))) == [(str(empty), "input.empty")]


def test_hostile_json_value_nested_but_parsable_is_not_repr_d() -> None:
    # issue 14 §5.1: a deep (but parsable) "schema" value must not be turned into a string
    row = json.dumps({"text": BUDGET, "schema": json.loads("[" * 500 + "]" * 500)})
    (result,) = tabular.read_jsonl(row + "\n", source="s.jsonl")
    assert result.ok


def test_hostile_overlong_lines_are_skipped_not_held(monkeypatch) -> None:
    # issue 14 §5.1: one corpus line is never read whole into memory beyond the input limit
    monkeypatch.setattr(tabular, "MAX_INPUT_BYTES", 200)
    jsonl = f'{{"text": "{BUDGET}"}}\n{{"text": "{"y" * 500}"}}\n{{"text": "{BRIDGE}"}}\n'
    assert _summary(list(tabular.read_jsonl(io.StringIO(jsonl), source="t.jsonl"))) == [
        ("t.jsonl#1", "ok"), ("t.jsonl#2", "input.malformed"), ("t.jsonl#3", "ok")]
    csv_text = f'text,id\n"{BUDGET}",1\n{"x" * 500},2\n"{BRIDGE}",3\n'
    assert _summary(list(tabular.read_csv(io.StringIO(csv_text, newline=""), source="t.csv"))) == [
        ("t.csv#2", "ok"), ("t.csv#3", "input.malformed"), ("t.csv#4", "ok")]


def test_hostile_html_nested_past_the_parser_limit_is_refused_not_truncated() -> None:
    # issue 14 §5.1: lxml stops at 256 levels and silently drops the rest of the page
    deep = "<div>" * 300 + "x" + "</div>" * 300
    page = f"<html><body>{deep}<p>{BUDGET}</p><p>{BRIDGE}</p></body></html>"
    try:
        read_string(page, format="html", source="deep.html")
    except MalformedInputError as exc:
        assert exc.one_line() == ("deep.html: the HTML cannot be read whole: it is nested too deeply "
                                  "(over 256 levels of elements) [input.malformed]")
    else:  # pragma: no cover
        raise AssertionError("a page lxml reads only in part was accepted")
    shallow = "<div>" * 40 + f"<p>{BUDGET}</p>" + "</div>" * 40
    assert "agreed the budget" in read_string(f"<html><body>{shallow}</body></html>", format="html").text


def test_hostile_feed_item_nested_too_deeply_is_an_item_error() -> None:
    # issue 14 §5.1: a feed item's HTML body nested 100,000 deep; the next item is still read
    import html as html_lib

    deep = html_lib.escape("<div>" * 100_000 + BUDGET + "</div>" * 100_000)
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
            f"<item><title>Deep</title><description>{deep}</description></item>"
            f"<item><title>Bridge</title><description>{html_lib.escape(f'<p>{BRIDGE}</p>')}</description></item>"
            "</channel></rss>").encode()
    assert _summary(list(read_feed(feed, source="f.rss"))) == [("f.rss#1", "input.malformed"), ("f.rss#2", "ok")]


def test_hostile_fragment_to_text_does_not_recurse() -> None:
    # issue 14 §5.1: the walk over a fragment is iterative (250 levels, under lxml's limit)
    fragment = "<div>" * 250 + "deep text" + "</div>" * 250 + "<p>after</p>"
    assert html_fragment_to_text(fragment) == "deep text\nafter"


# ---------------------------------------------------------------------------- 2. lone surrogates, undecodable names


def test_hostile_lone_surrogate_in_a_jsonl_row_is_replaced_and_later_rows_read(tmp_path: Path) -> None:
    # issue 14 §5.2: "outlet": "Daily \udc00" (a JSON escape) made analyze exit 3, losing the rows after it
    path = tmp_path / "s.jsonl"
    path.write_text(f'{{"text": "\\udc00 {BUDGET}", "outlet": "Daily \\udc00", "title": "T \\ud800", '
                    f'"id": "\\udfff"}}\n{{"text": "{BRIDGE}"}}\n')
    first, second = read_file(path)
    assert first.article is not None and second.ok
    a = first.article
    assert (a.outlet, a.title, a.metadata["record_id"]) == ("Daily \ufffd", "T \ufffd", "\ufffd")
    assert a.text.startswith("\ufffd The council")
    json.dumps(a.to_json(), ensure_ascii=False).encode("utf-8")  # encodable throughout
    assert all(a.raw[a.offsets.char_to_raw(i)] == c for i, c in enumerate(a.text))  # type: ignore[union-attr,index]


def test_hostile_lone_surrogates_in_strings_html_and_options_are_replaced() -> None:
    # issue 14 §5.2: a caller's string, an HTML page, an --outlet value from undecodable argv bytes
    for page, fmt in ((f"<p>Daily \udc00 {BUDGET}</p>", "html"), (f"Title \ud800\n\nDaily \udc00 {BUDGET}", "text")):
        a = read_string(page, format=fmt, outlet="Outlet \udcff")
        assert a.text.startswith("Daily \ufffd The council") and a.outlet == "Outlet \ufffd"
        json.dumps(a.to_json(), ensure_ascii=False).encode("utf-8")


def test_hostile_feed_with_surrogate_char_references_keeps_every_item() -> None:
    # issue 14 §5.2: one &#xdc00; made feedparser raise, and the whole feed was one error
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>F &#xdc00;</title>'
            f"<item><title>T &#xd800;</title><author>a&#xdc00;</author><description>Daily &#xdc00; &#99999999999; "
            f"&#0; {BUDGET}</description></item><item><title>Bridge</title><description>{BRIDGE}</description></item>"
            "</channel></rss>").encode()
    results = list(read_feed(feed, source="f.rss"))
    assert _summary(results) == [("f.rss#1", "ok"), ("f.rss#2", "ok")]
    a = results[0].article
    assert a is not None and (a.title, a.outlet, a.authors) == ("T \ufffd", "F \ufffd", ("a\ufffd",))
    json.dumps(a.to_json(), ensure_ascii=False).encode("utf-8")


def test_hostile_undecodable_file_name_is_a_printable_source(tmp_path: Path) -> None:
    # issue 14 §5.2: a name with invalid UTF-8 bytes was written raw into the JSON output, or crashed it
    import os

    name = os.fsdecode(b"caf\xe9\x1b.txt")  # surrogateescape, and an ESC
    (tmp_path / name).write_text(f"Council agrees budget\n\n{BUDGET}\n")
    missing = str(tmp_path / os.fsdecode(b"gone\xff.txt"))
    results = list(read_sources([tmp_path, missing]))
    assert [r.source for r in results] == [f"{tmp_path}/caf\\xe9\\x1b.txt", f"{tmp_path}/gone\\xff.txt"]
    assert results[0].article is not None and results[0].article.source == f"{tmp_path}/caf\\xe9\\x1b.txt"
    assert results[1].error is not None and results[1].error.code == "input.not_found"
    for r in results:
        r.source.encode("utf-8")
        assert r.source.isprintable()


def test_hostile_error_messages_and_sources_are_encodable() -> None:
    # issue 14 §5.2: an error's text reaches stderr, JSON and the store as UTF-8
    error = MalformedInputError("bad \udc00 value", source="x\udcff.jsonl#2")
    assert error.one_line() == "x\ufffd.jsonl#2: bad \ufffd value [input.malformed]"
    json.dumps(error.to_dict(), ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------------------- 3. what is not a regular file


def _story_dir(path: Path) -> Path:
    path.mkdir()
    (path / "a.txt").write_text(f"Council agrees budget\n\n{BUDGET}\n")
    (path / "b.txt").write_text(f"Mayor opens bridge\n\n{BRIDGE}\n")
    return path


def _read_in_thread(sources: list[str | Path], seconds: float = 20) -> list[ReadResult]:
    """read_sources in a daemon thread: a reader that blocks fails the test instead of hanging it."""
    import threading

    out: list[ReadResult] = []
    worker = threading.Thread(target=lambda: out.extend(read_sources(sources)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the readers blocked"
    return out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_hostile_fifo_in_a_directory_is_an_error_not_a_hang(tmp_path: Path) -> None:
    # issue 14 §5.3: a FIFO named f.txt hung analyze and ingest forever (the repeated-line learning opened it)
    folder = _story_dir(tmp_path / "d")
    os.mkfifo(folder / "f.txt")
    results = _read_in_thread([folder])
    assert _summary(results) == [(f"{folder}/a.txt", "ok"), (f"{folder}/b.txt", "ok"),
                                 (f"{folder}/f.txt", "input.unsupported")]
    assert results[2].error is not None
    assert results[2].error.message == "not a regular file but a named pipe (FIFO); only regular files are read"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_hostile_link_to_a_device_is_never_read(tmp_path: Path) -> None:
    # issue 14 §5.3: zero.txt -> /dev/zero grew memory without bound
    folder = _story_dir(tmp_path / "d")
    (folder / "zero.txt").symlink_to("/dev/zero")
    results = _read_in_thread([folder, folder / "zero.txt"])
    assert [code for _, code in _summary(results)] == ["ok", "ok", "input.unsupported", "input.unsupported"]
    assert results[2].error is not None and "a character device" in results[2].error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_hostile_fifo_swapped_in_after_the_stat_does_not_block(tmp_path: Path, monkeypatch) -> None:
    # issue 14 §5.3: the open does not block and fstat() checks the file again
    from propscope.readers import dispatch

    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    regular = os.stat(_story_dir(tmp_path / "d") / "a.txt")
    real_stat = os.stat
    monkeypatch.setattr(dispatch.os, "stat", lambda p, *a, **k: regular if Path(p) == fifo else real_stat(p, *a, **k))
    with pytest.raises(UnsupportedInputError, match="named pipe"):
        dispatch._open_regular(fifo, "f.txt")


def test_hostile_symlink_loop_and_dangling_link_are_named(tmp_path: Path) -> None:
    # issue 14 §5.3: one line naming the link and what is wrong with it
    folder = _story_dir(tmp_path / "d")
    (folder / "l1.txt").symlink_to("l2.txt")
    (folder / "l2.txt").symlink_to("l1.txt")
    (folder / "gone.txt").symlink_to("missing.txt")
    results = _read_in_thread([folder], seconds=60)
    lines = [r.error.one_line() for r in results if r.error is not None]
    assert lines == [f"{folder}/gone.txt: a symbolic link to nothing: its target missing.txt does not exist "
                     "[input.not_found]",
                     f"{folder}/l1.txt: cannot read it: a loop of symbolic links [input.unreadable]",
                     f"{folder}/l2.txt: cannot read it: a loop of symbolic links [input.unreadable]"]
    # a walk that passes over an output (the -o of analyze) resolves paths: a loop must not stop it
    assert len(list(read_sources([folder], skip=[tmp_path / "out.jsonl"]))) == 5
    assert len(list(read_sources([folder], skip=[folder / "l1.txt"]))) == 4  # the loop itself passed over


def test_hostile_empty_path_is_an_error_not_the_current_directory(tmp_path: Path, monkeypatch) -> None:
    # issue 14 §5.3: `propscope analyze ""` read the current directory
    _story_dir(tmp_path / "d")
    monkeypatch.chdir(tmp_path / "d")
    results = list(read_sources([""]))
    assert [r.error.one_line() for r in results if r.error] == ['"": an empty path names no file [input.not_found]']
    assert len(results) == 1


def test_hostile_analyze_output_through_a_symlink_loop_is_a_clean_error(tmp_path: Path) -> None:
    # issue 14 §5.3: `propscope analyze DIR -o LOOP` ended in RuntimeError (exit 3)
    from typer.testing import CliRunner

    from propscope.cli import app

    folder = _story_dir(tmp_path / "d")
    (folder / "l1.txt").symlink_to("l2.txt")
    (folder / "l2.txt").symlink_to("l1.txt")
    runner = CliRunner()
    for args in ([str(folder), "-o", str(tmp_path / "out.jsonl")], [str(folder / "l1.txt"), "-o", str(tmp_path / "x")],
                 [str(folder / "a.txt"), "-o", str(folder / "l1.txt")]):
        result = runner.invoke(app, ["analyze", "-a", "quotes", *args])
        assert result.exit_code in (1, 2), (args, result.exit_code, result.stderr)
        assert "internal error" not in result.stderr
        assert "loop of symbolic links" in result.stderr or "Too many levels of symbolic links" in result.stderr


# ---------------------------------------------------------------------------- 4. cleaning keeps prose


def _offsets_hold(a: Article) -> None:
    assert a.offsets is not None and a.raw is not None
    assert all(a.raw[a.offsets.char_to_raw(i)] == c for i, c in enumerate(a.text))


def test_hostile_prose_mentioning_copyright_or_slashes_survives_cleaning() -> None:
    # issue 14 §5.4: an edge paragraph with "copyright", "©", "all rights reserved", two " / " or " | " went
    for body in ("The court heard a copyright case on Monday, and the judge said the ruling was final.",
                 "Copyright law changed on Monday, the minister said, and publishers welcomed the change.",
                 "The label said all rights reserved by the band had been sold, and fans protested in Berlin.",
                 "The ministers met in Brussels / Paris and Berlin / Rome on the same day, and agreed on tariffs.",
                 "Prices rose | wages fell | rents doubled, the report on the city's housing market found this week.",
                 "A © sign on the poster was all that was left, the curator said after the fire at the museum."):
        a = read_text(f"Court rules\n\n{body}\n", source="x.txt")
        assert a.text == body, body
        _offsets_hold(a)


def test_hostile_genuine_notices_and_crumbs_are_still_removed() -> None:
    # issue 14 §5.4: a rule may only remove what it is sure of, and still removes that
    raw = ("Court rules\nHome | World | Europe\nNews > Courts > Copyright\n\n"
           f"{BUDGET}\n\nShare · Tweet · Email\nCopyright 2026 Some Outlet. All rights reserved.\n"
           "© 2026 Example Media. All rights reserved.\n")
    a = read_text(raw)
    assert a.text == BUDGET
    removed = [b.text for b in a.removed if b.reason == "boilerplate"]
    assert removed == ["Home | World | Europe", "News > Courts > Copyright", "Share · Tweet · Email",
                       "Copyright 2026 Some Outlet. All rights reserved.",
                       "© 2026 Example Media. All rights reserved."]
    for notice in ("© 2026 Example Media. All rights reserved.", "Copyright © 2026 Example Media Group and its "
                   "licensors. All rights reserved.", "(c) 2026 The Daily Planet, Inc.", "All rights reserved.",
                   "© 2026 Beispiel Medien. Alle Rechte vorbehalten."):
        assert is_copyright_notice(notice) and is_furniture(notice), notice
    for crumb in ("Home | World | Europe", "Home>World>Europe", "Published 10:00 | Updated 12:00 | 3 min read"):
        assert is_crumb(crumb) and is_furniture(crumb), crumb
    assert not is_crumb("Profits fell and/or rose, he said / she said / they said nothing at all for a week")
    assert not is_crumb('The post read <b>"x"</b><img src=x onerror=alert(1)>"&, the police said.')  # markup
    assert not is_copyright_notice("The court heard a copyright case on Monday.")


def test_hostile_a_long_single_paragraph_is_not_a_title() -> None:
    # issue 14 §5.4: a 200,000-character one-paragraph file was taken whole as the title: nothing was left
    paragraph = ("The council met again and the members argued about the budget / the copyright rules, "
                 * 2500)[:200_000].rstrip() + "."
    a = read_text(paragraph + "\n", source="long.txt")
    assert a.text == paragraph and a.title is None
    titled = read_text("Council argues\n\n" + paragraph + "\n")
    assert titled.title == "Council argues" and titled.text == paragraph


def test_hostile_chinese_paragraphs_are_prose() -> None:
    # issue 14 §5.4: "。" ended no sentence and a line of Chinese was one word: all of it was furniture
    body = ("市议会周一开会并通过了明年的预算，市长表示这是公平的安排。\n\n"
            "反对派议员批评预算削减了公共交通的资金，并表示将在下次会议上提出修正案。\n\n"
            "市民代表对结果表示欢迎，但希望政府能够更加透明地公布开支细节")  # the last without a full stop
    a = read_text("市议会通过预算\n\n" + body + "\n")
    assert a.title == "市议会通过预算" and a.text == body and len(a.paragraphs) == 3
    assert is_furniture("热门新闻") and is_furniture("首页 | 国际 | 欧洲")  # short: still furniture


def test_hostile_cr_only_and_crlf_line_endings_are_line_breaks() -> None:
    # issue 14 §5.4: a CR-only file was one line, the title, and nothing was left
    raw = f"Council agrees budget\r\r{BUDGET}\r{BRIDGE}\r\rThe opposition criticised the cuts.\r"
    a = read_text(raw, source="cr.txt")
    assert a.title == "Council agrees budget"
    assert a.text == f"{BUDGET}\n{BRIDGE}\n\nThe opposition criticised the cuts."
    assert len(a.paragraphs) == 2 and len(a.sentences) == 5
    assert a.raw == raw.replace("\r", "\n") and len(a.raw) == len(raw)  # one for one: offsets are the input's
    _offsets_hold(a)
    crlf = raw.replace("\r", "\r\n")
    b = read_text(crlf)
    assert b.text == a.text and b.raw == crlf
    _offsets_hold(b)
    mixed = read_text(f"Title\r\n\r\n{BUDGET}\r{BRIDGE}\n\u2028The end came on Friday.\r\n")
    assert mixed.text == f"{BUDGET}\n{BRIDGE}\n\nThe end came on Friday."
    _offsets_hold(mixed)


def test_hostile_huge_number_as_text_and_csv_without_rows_are_errors(tmp_path: Path) -> None:
    # a 5,000-digit number kept as a string must still not become an article's text;
    # a CSV with only its header said nothing at all
    path = tmp_path / "t.jsonl"
    path.write_text('{"text": ' + "7" * 5000 + "}\n")
    (result,) = read_file(path)
    assert not result.ok and "a number" in result.error.message  # type: ignore[union-attr]
    csv_path = tmp_path / "h.csv"
    csv_path.write_text("title,text\n")
    assert _summary(list(read_file(csv_path))) == [(str(csv_path), "input.empty")]
