"""``propscope analyze`` and ``propscope analyzers`` end to end, through typer's CliRunner."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope import __version__
from propscope.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STATE = EXAMPLES / "state-outlet-velsk.txt"
WIRE = EXAMPLES / "wire-velsk.txt"
HTML_PAGE = EXAMPLES / "local-harbour-fire.html"

GOOD = (
    "Ministers meet in Lindau\n"
    "LINDAU, Jan 12 (EGN) - Energy ministers met on Monday to discuss a cap on gas prices. "
    "\"We are closer than we were,\" the chair said.\n"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "b_empty.txt").write_bytes(b"")
    (d / "c_good.txt").write_text(GOOD.replace("Monday", "Tuesday"), encoding="utf-8")
    return d


def test_version() -> None:
    code, out, _ = _run("--version")
    assert code == 0 and out.strip() == f"propscope {__version__}"


def test_json_for_one_scraped_article() -> None:
    code, out, err = _run("analyze", str(STATE))
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "propscope.analysis/1"
    article = data["article"]
    title = "Dorran: order restored in Velsk after foreign-backed coup attempt"
    assert article["title"] == title
    assert title not in article["text"]  # neither the title line nor its repetition
    for furniture in ("Most read", "Share on Telegram", "Subscribe", "© 2026", "Home ›"):
        assert furniture not in article["text"]
    assert article["dateline"]["place"] == "ISTRAVA" and article["dateline"]["agency"] == "KNA"
    assert article["text"].startswith("ISTRAVA, Jan 10 (KNA) –")
    assert "raw" in article
    assert set(data["layers"]) == {"techniques", "entities", "attributions", "sources"}
    assert data["layers"]["techniques"]["spans"] and data["layers"]["attributions"]["spans"]
    assert all("voice" in s for s in data["layers"]["techniques"]["spans"])
    assert out.startswith("{\n")  # indented


def test_no_raw_and_overrides() -> None:
    code, out, _ = _run("analyze", str(WIRE), "--no-raw", "--outlet", "Meridian Wire", "--title", "My title")
    assert code == 0
    article = json.loads(out)["article"]
    assert "raw" not in article and "offsets" not in article
    assert article["outlet"] == "Meridian Wire" and article["title"] == "My title"


def test_title_option_keeps_the_first_line(tmp_path: Path) -> None:
    """--title says what the title is: the text's first line is body, not a second title."""
    path = tmp_path / "story.txt"
    path.write_text("The army said on Monday that the drills were over.\nIt left the town on Tuesday.\n",
                    encoding="utf-8")
    code, out, err = _run("analyze", str(path), "--no-raw", "--analyzers", "quotes", "--title", "My title")
    assert code == 0, err
    article = json.loads(out)["article"]
    assert article["title"] == "My title"
    assert article["text"].startswith("The army said on Monday")
    code, out, err = _run("analyze", str(path), "--no-raw", "--analyzers", "quotes")
    assert code == 0, err
    article = json.loads(out)["article"]
    assert article["title"].startswith("The army said") and article["text"] == "It left the town on Tuesday."


def test_jsonl_for_many() -> None:
    code, out, err = _run("analyze", str(STATE), str(WIRE))
    assert code == 0, err
    lines = _lines(out)
    assert len(lines) == 2
    assert [json.loads(line)["article"]["source"] for line in lines] == [str(STATE), str(WIRE)]


def test_explicit_json_for_many_is_an_array() -> None:
    code, out, _ = _run("analyze", str(STATE), str(WIRE), "--format", "json")
    assert code == 0
    assert [a["schema"] for a in json.loads(out)] == ["propscope.analysis/1"] * 2


def test_examples_directory_is_read_whole() -> None:
    code, out, err = _run("analyze", str(EXAMPLES), "-f", "jsonl")
    assert code == 0, err
    sources = [json.loads(line)["article"]["source"] for line in _lines(out)]
    assert len(sources) == 5  # 2 text files, 1 HTML page, a feed of 2 items; README.md is not an input
    assert sum("feed.xml" in s for s in sources) == 2


def _no_remote_loads(html: str) -> None:
    lowered = html.lower()
    assert "<script src" not in lowered
    assert not re.search(r"<link[^>]+href=[\"']?https?:", lowered)
    assert "@import" not in lowered
    assert not re.search(r"url\(\s*[\"']?https?:", lowered)
    assert not re.search(r"<(img|iframe|audio|video|source|embed|object)\b", lowered)


def test_html_report_file(tmp_path: Path) -> None:
    out_file = tmp_path / "report.html"
    code, out, err = _run("analyze", str(STATE), str(HTML_PAGE), "--format", "html", "-o", str(out_file))
    assert code == 0, err
    assert out == ""
    html = out_file.read_text(encoding="utf-8")
    assert "terrorists, criminals and marauders" in html
    assert "Coastline Courier" in html and "Removed from the input" in html
    _no_remote_loads(html)


def test_html_without_output_goes_to_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run("analyze", str(WIRE), "-f", "html")
    assert code == 0
    path = tmp_path / "propscope-report.html"
    assert out.strip() == str(path)
    _no_remote_loads(path.read_text(encoding="utf-8"))


def test_format_follows_the_output_suffix(tmp_path: Path) -> None:
    code, _, _ = _run("analyze", str(WIRE), "-o", str(tmp_path / "r.md"))
    assert code == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# propscope report")


def test_markdown_to_stdout() -> None:
    code, out, _ = _run("analyze", str(WIRE), "--format", "md")
    assert code == 0
    assert out.startswith("# propscope report")
    assert "### Persuasion techniques" in out


def test_json_per_article_in_an_output_directory(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = _run("analyze", str(STATE), str(WIRE), "-o", f"{out_dir}/")
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["state-outlet-velsk.json", "wire-velsk.json"]
    assert json.loads((out_dir / "wire-velsk.json").read_text())["schema"] == "propscope.analysis/1"
    assert out == ""


def test_bad_file_among_good_ones(mixed_dir: Path) -> None:
    code, out, err = _run("analyze", str(mixed_dir))
    assert code == 1
    assert len(_lines(out)) == 2  # both good files, as JSONL
    errors = _lines(err)
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {mixed_dir / 'b_empty.txt'}: ")
    assert errors[0].endswith("[input.empty]")
    assert "Traceback" not in err


def test_fail_fast_stops_at_the_first_bad_item(mixed_dir: Path) -> None:
    code, out, err = _run("analyze", str(mixed_dir), "--fail-fast")
    assert code == 1
    assert len(_lines(out)) == 1  # a_good only; c_good was never analyzed
    assert len(_lines(err)) == 1


def test_standard_input() -> None:
    result = CliRunner().invoke(app, ["analyze", "-", "--no-raw"], input=GOOD.encode())
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["source"] == "<stdin>" and article["title"] == "Ministers meet in Lindau"


def test_nonexistent_path() -> None:
    code, out, err = _run("analyze", "/no/such/file.txt")
    assert code == 2
    assert out == ""
    assert _lines(err) == ["error: /no/such/file.txt: no such file or directory [input.not_found]"]


def test_only_bad_items_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = _run("analyze", str(tmp_path / "bin.txt"), "/no/such/file.txt")
    assert code == 2
    assert len(_lines(err)) == 2


def test_unknown_analyzer_is_a_usage_error() -> None:
    code, out, err = _run("analyze", str(WIRE), "--analyzers", "quotes,nope")
    assert code == 2 and out == ""
    assert len(_lines(err)) == 1 and "nope" in err and "[pipeline.unknown_analyzer]" in err


def test_bad_columns_is_a_usage_error() -> None:
    code, _, err = _run("analyze", str(WIRE), "--columns", "text")
    assert code == 2 and "FIELD=COLUMN" in err


def test_columns_map_a_jsonl_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"body": GOOD, "headline": "Gas talks"}) + "\n", encoding="utf-8")
    code, out, err = _run("analyze", str(corpus), "--columns", "text=body,title=headline")
    assert code == 0, err
    assert json.loads(out)["article"]["title"] == "Gas talks"


def test_error_lines_are_one_line_even_for_odd_names(tmp_path: Path) -> None:
    odd = tmp_path / "odd\nname\x1b[31m.txt"
    odd.write_bytes(b"")
    code, _, err = _run("analyze", str(odd))
    assert code == 2
    assert len(_lines(err)) == 1 and "\x1b" not in err and "\\x0a" in err


def test_analyzers_lists_the_builtins() -> None:
    code, out, _ = _run("analyzers")
    assert code == 0
    assert any(line.startswith("techniques v1 (default)  ") for line in out.splitlines())
    code, out, _ = _run("analyzers", "--json")
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["quotes"]["version"] == "1" and rows["quotes"]["produces"] == ["quotes"]


def test_console_script_has_no_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("propscope")
    if not exe.exists():
        pytest.skip("the propscope console script is not installed")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = subprocess.run([str(exe), "analyze", str(empty)], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == f"error: {empty}: the file is empty [input.empty]"


def test_the_output_is_never_an_input(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text(GOOD, encoding="utf-8")
    code, _out, err = _run("analyze", str(victim), "-o", str(victim))
    assert code == 2 and "is also an input" in err
    assert victim.read_text(encoding="utf-8") == GOOD  # not overwritten
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    for _ in range(2):  # the second run must not read the first run's output as an input
        code, _out, err = _run("analyze", str(d), "-o", str(d / "out.jsonl"))
        assert code == 0, err
        assert len(_lines((d / "out.jsonl").read_text(encoding="utf-8"))) == 1
    (d / "out.jsonl").unlink()
    code, _out, err = _run("analyze", str(d), "-o", f"{d / 'each'}/")
    code, _out, err = _run("analyze", str(d), "-o", f"{d / 'each'}/")
    assert code == 0, err
    assert sorted(p.name for p in (d / "each").iterdir()) == ["a.json"]  # its own folder is passed over too
    code, _out, err = _run("analyze", str(d), "-o", str(tmp_path / "again.jsonl"))  # an earlier run's output
    assert code == 1 and "a.json: the record is a propscope analysis (the output of propscope analyze)" in err


def test_python_dash_m_propscope_runs_the_same_command_line():
    import sys

    done = subprocess.run([sys.executable, "-m", "propscope", "analyzers"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "entities" in done.stdout and "attribution" in done.stdout
