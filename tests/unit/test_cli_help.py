"""Help texts (issue 16 §4): placeholders, not Python type names; an example per command;
"did you mean" for mistyped analyzer, technique and outlet names, in one line."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from propscope.cli import app
from propscope.cli.help import EXAMPLES
from propscope.errors import InputError, PipelineError
from propscope.suggest import close_names, did_you_mean

_TYPE_NAME = re.compile(r"<(?:list\[|str>|int|float|path>|bool>|[a-z_]+ range>)|\b(?:TEXT|INTEGER|FLOAT)\b")


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix] if prefix else []
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not getattr(sub, "hidden", False):
            out.extend(_paths(sub, (*prefix, name)))
    return out


PATHS = _paths(typer.main.get_command(app))


def test_help_covers_every_command() -> None:
    assert ("analyze",) in PATHS and ("ingest",) in PATHS and ("attribution", "predict") in PATHS
    assert {" ".join(p) for p in PATHS} <= set(EXAMPLES), "a command without an example in cli/help.py"


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_help_has_placeholders_and_an_example(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert not _TYPE_NAME.search(result.output), _TYPE_NAME.search(result.output)
    assert re.search(r"Example:\n\s+" + re.escape(EXAMPLES[" ".join(path)]), result.output)


def test_help_named_placeholders_read_as_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = CliRunner().invoke(app, ["search", "--help"]).output
    assert "--db URL" in out and "--since DATE" in out and "-n, --limit N" in out
    assert re.search(r"^\s+QUERY\s+Words", out, re.M)  # the argument, without "<str>"


def test_help_did_you_mean_for_analyzers_techniques_and_outlets() -> None:
    from propscope.analyzers.base import get_analyzer_class
    from propscope.corpus.search import resolve_technique

    with pytest.raises(PipelineError, match=r"^no analyzer 'quotse'; did you mean 'quotes'\? available: "):
        get_analyzer_class("quotse")
    with pytest.raises(InputError, match=r"did you mean 'Loaded_Language'\? techniques: "):
        resolve_technique("Loaded_Langage", [])
    assert close_names("pravda dialy", ["Pravda Daily", "Other"]) == ["Pravda Daily"]
    assert did_you_mean("zzzz", ["quotes", "sources"]) == ""


def test_help_unknown_analyzer_is_one_line_on_the_command_line(tmp_path: Any) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The council met on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(text), "-a", "sorces"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "did you mean 'sources'?" in lines[0] and lines[0].startswith("error: ")


@pytest.mark.parametrize("path", [("serve",), ("ingest",), ("search",), ("analyze",)], ids=" ".join)
def test_help_number_ranges_read_as_words(path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """No "1<=x<=256" or "x>=1" left in any help (issue 16 gap 7): "1 to 256", "at least 1"."""
    monkeypatch.setenv("COLUMNS", "100")
    for p in PATHS:
        out = CliRunner().invoke(app, [*p, "--help"]).output
        assert not re.search(r"x\s*[<>]=|[<>]=\s*x", out), (p, out)
    out = " ".join(CliRunner().invoke(app, [*path, "--help"]).output.split())
    expected = {"serve": "0 to 65535]", "ingest": "[1 to 256]", "search": "1 to 10000]", "analyze": "[1 to 256]"}
    assert expected[path[0]] in out, out


def test_tables_into_a_pipe_keep_their_columns(monkeypatch):
    # rich squeezes a table into 80 columns when stdout is no terminal: "outle…", "narra…"
    from rich.table import Table

    from propscope.cli.corpus import PIPE_WIDTH, _Stdout

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: False, raising=False)
    out = _Stdout(highlight=False, record=True)
    assert out.width == PIPE_WIDTH
    table = Table("outlet", "narrative", "articles", "sightings", "outlet's voice", "quoted", "first", "last",
                  "top speakers")
    table.add_row("Capital Herald", "migrants_threat", "1", "5", "0", "5", "2018-11-14", "2018-11-14",
                  "Viktor Orban, Pamela Geller")
    out.print(table)
    text = out.export_text()
    assert "migrants_threat" in text and "outlet's voice" in text and "…" not in text
    monkeypatch.setenv("COLUMNS", "90")
    assert _Stdout().width == 90  # the user's width wins
