"""Corpus commands piped into a reader that stops early (``| head``): exit 0, nothing on stderr.

Each command is called with a stdout whose writes fail as a closed pipe's do; one real
pipe, closed after a few bytes, checks the console script end to end.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.cli.corpus import (
    ExportFormat,
    ExportTable,
    export_command,
    profile_command,
    search_command,
    syndication_command,
)
from propscope.store import open_store


class ClosedPipe(io.StringIO):
    """A stdout whose reader is gone: every write raises, and it has no file descriptor."""

    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no file descriptor")


def analysis(n: int, words: int = 40) -> Analysis:
    text = f"Story {n} about the coup. " + " ".join(f"word{n}x{i}" for i in range(words))
    spans = (Span(0, 5, "Loaded_Language", {"score": 0.5, "voice": "outlet"}),)
    article = Article(text=text, title=f"Story {n}", outlet="Daily Courier", published=f"2026-01-{n % 28 + 1:02d}")
    return Analysis(article, {"techniques": Layer("techniques", "techniques", "1", spans, label_key="technique")},
                    (AnalyzerInfo("techniques", "1"),))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    store.put_many([analysis(n) for n in range(5)])
    store.close()
    return url


def _search(db: str, as_json: bool) -> None:
    search_command(query="", db=db, outlet=None, since=None, until=None, technique=None, speaker=None, voice=None,
                   limit=20, offset=0, as_json=as_json)


COMMANDS: dict[str, Callable[[str], None]] = {
    "search --json": lambda db: _search(db, True),
    "search (text)": lambda db: _search(db, False),
    "profile --json": lambda db: profile_command(outlet="Daily Courier", db=db, since=None, until=None, top=10,
                                                 as_json=True),
    "profile (tables)": lambda db: profile_command(outlet="Daily Courier", db=db, since=None, until=None, top=10,
                                                   as_json=False),
    "export": lambda db: export_command(export_format=ExportFormat.jsonl, output=None, table=None, db=db, outlet=None,
                                        since=None, until=None, progress=False, excel=False),
    "export --table": lambda db: export_command(export_format=ExportFormat.csv, output=None,
                                                table=ExportTable.techniques, db=db, outlet=None, since=None,
                                                until=None, progress=False, excel=False),
    "syndication": lambda db: syndication_command(db=db, since=None, until=None, min_reuse=0.35, as_json=False),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_corpus_commands_end_quietly_on_a_closed_pipe(name: str, db: str, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    with pytest.raises((typer.Exit, SystemExit)) as exc:  # before the fix: SystemExit(3), internal error
        COMMANDS[name](db)
    error = exc.value
    code: Any = error.exit_code if isinstance(error, typer.Exit) else getattr(error, "code", None)
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""  # no "internal error", no "cannot write the output"


def test_corpus_export_into_head_exits_0(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("propscope")
    if not exe.exists():
        pytest.skip("the propscope console script is not installed")
    url = f"sqlite:///{tmp_path / 'big.db'}"
    store = open_store(url)
    store.put_many([analysis(n, words=2000) for n in range(20)])  # far more than a pipe buffer (64 KiB)
    store.close()
    proc = subprocess.Popen([str(exe), "export", "--db", url], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, err
    assert head == b'{"schema":' and err == ""
