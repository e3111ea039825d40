"""The progress line shared by analyze and ingest (issue 16 §4): fits 80 columns, says count,
total, rate and ETA, and stays off when stderr is not a terminal or with --quiet."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from propscope.cli import app
from propscope.cli.progress import ProgressDisplay, progress_enabled, render_line


def _console(monkeypatch: pytest.MonkeyPatch, columns: int = 80) -> Console:
    monkeypatch.setenv("COLUMNS", str(columns))
    return Console(file=io.StringIO(), force_terminal=True, record=True)


def _lines(console: Console, display: ProgressDisplay, done: int, total: int | None, status: str) -> list[str]:
    console.print(render_line(display, done, total, status, elapsed=6.0).get_renderable())
    return console.export_text(styles=False).splitlines()


@pytest.mark.parametrize("label", ["analyzing", "ingesting"])
def test_progress_line_fits_80_columns_with_count_total_rate_and_eta(monkeypatch: pytest.MonkeyPatch,
                                                                     label: str) -> None:
    console = _console(monkeypatch)
    assert console.width == 80
    display = ProgressDisplay(True, label=label, console=console)
    status = "new 1,180 · err 3 · upd 17 · same 4,321 · and a long tail of words to cut"
    (line,) = _lines(console, display, 1200, 123_456, status)  # one line: nothing wrapped
    assert len(line.rstrip()) <= 80
    assert "1,200/123,456" in line and " 200/s " in line  # 1,200 items in 6 s
    assert "ETA 0:10:11" in line  # 122,256 left at 200/s
    assert line.rstrip().endswith("…") and "new 1,180 · err 3" in line  # the status is cut, not wrapped


def test_progress_line_without_a_total_shows_count_rate_and_elapsed(monkeypatch: pytest.MonkeyPatch) -> None:
    console = _console(monkeypatch)
    (line,) = _lines(console, ProgressDisplay(True, label="analyzing", console=console), 30, None, "ok 29 · failed 1")
    assert " 30 " in line and "5.0/s" in line and "0:00:06" in line and "ETA" not in line
    assert "ok 29 · failed 1" in line


def test_progress_is_off_when_not_a_terminal_or_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = _console(monkeypatch)
    pipe = Console(file=io.StringIO(), force_terminal=False)
    assert progress_enabled(tty, None, quiet=False) and not progress_enabled(pipe, None, quiet=False)
    assert not progress_enabled(tty, True, quiet=True)  # --quiet wins over --progress
    assert progress_enabled(pipe, True, quiet=False)  # --progress forces it
    assert not progress_enabled(tty, None, quiet=False, default=False)  # analyze of one short file
    display = ProgressDisplay(False, label="analyzing", console=pipe)
    with display:
        display.update(3, "ok 3")
    assert pipe.file.getvalue() == ""  # type: ignore[attr-defined]


def test_progress_estimated_total_never_below_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    console = _console(monkeypatch)
    with ProgressDisplay(True, label="ingesting", console=console) as display:
        display.set_total(2)
        display.update(5, "new 5")
        assert display._progress is not None
        task = display._progress.tasks[0]
        assert (task.completed, task.total) == (5, 5)


def test_progress_analyze_quiet_prints_only_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"title": "x"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(corpus), "-a", "sentences", "-q", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "ingesting" not in result.output and "analyzing" not in result.output
    assert "error:" in result.output and "wrote" not in result.output
