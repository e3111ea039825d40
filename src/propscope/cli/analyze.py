"""``propscope analyze`` and ``propscope analyzers``.

Argument handling and output only: reading is :func:`propscope.readers.read_sources`,
analysis is :func:`propscope.parallel.analyze_in_order` (one pipeline per worker process,
output in input order), reports are :mod:`propscope.report`.

Output: ``--format json`` (indented; an array when there are several analyses), ``jsonl``,
``html`` (one self-contained report with every article) or ``md``.  Without ``--format`` the
format follows the ``-o`` suffix, else JSON for one input item and JSONL for several.  ``-o``
names a file or a directory (existing, or ending in ``/``): in a directory JSON goes to one
file per article, the other formats to one file.  Without ``-o`` everything goes to stdout,
except HTML, written to ``./propscope-report.html`` (its path is printed).

Each failed item is one line on stderr, ``error: SOURCE: reason [code]``.  Exit codes:
0 all went well, 1 some items failed, 2 bad usage or nothing could be read.
"""

from __future__ import annotations

import enum
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from propscope.analysis import Analysis
from propscope.cli.app import (
    CATALOGUE_HELP,
    EXIT_FAILED_ITEMS,
    EXIT_OK,
    EXIT_USAGE,
    app,
    catalogue_settings,
    clean_line as _clean_line,
    err_console,
    fail,
    run,
    user_errors,
)
from propscope.cli.progress import ProgressDisplay, progress_enabled
from propscope.errors import PropscopeError
from propscope.pipeline import DEFAULT_ANALYZERS, Pipeline

__all__ = ["analyze_command", "analyzers_command"]

DEFAULT_HTML_NAME = "propscope-report.html"
_DIR_NAMES = {"html": DEFAULT_HTML_NAME, "md": "propscope-report.md", "jsonl": "analyses.jsonl"}
_SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
                   ".md": "md", ".markdown": "md"}
_PROGRESS_MIN_INPUTS = 4


class OutputFormat(str, enum.Enum):
    json = "json"
    jsonl = "jsonl"
    html = "html"
    md = "md"


def _error_line(error: PropscopeError) -> str:
    return "error: " + _clean_line(error.one_line())


def _split_list(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _column_map(values: list[str]) -> Any:
    """``--columns text=body,title=headline`` (repeatable) to the readers' ColumnMap."""
    spec = ",".join(_split_list(values))
    if not spec:
        return None
    from propscope.readers import ColumnMap

    with user_errors():
        return ColumnMap.parse(spec)


def _safe_name(source: str, used: set[str], fallback: str) -> str:
    """A file name stem from an item's source: ``dir/a.txt`` -> ``a``, ``feed.xml#2`` -> ``feed-2``."""
    base, _, fragment = source.rstrip("/").partition("#")
    stem = Path(base).stem if base else ""
    stem = stem + (f"-{fragment}" if fragment else "")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:80] or fallback
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    return name


class _Sink:
    """Where analyses go; ``finish`` returns the paths written."""

    def __init__(self, fmt: str | None, out: Path | None, is_dir: bool, include_raw: bool):
        self.fmt = fmt  # None: json for one item, jsonl for several
        self.out = out
        self.include_raw = include_raw
        self.is_dir = is_dir
        self.items = 0
        self.buffer: list[Analysis] = []
        self.stream: IO[str] | None = None
        self.used: set[str] = set()
        self.written: list[Path] = []

    # -- per item -------------------------------------------------------------------------
    def item(self) -> None:
        """Count an input item (good or bad); a second one makes an automatic format JSONL."""
        self.items += 1

    def add(self, analysis: Analysis) -> None:
        if self.is_dir and self.fmt in (None, "json"):
            self._write_file(analysis)
            return
        fmt = self.fmt or ("jsonl" if self.items > 1 else None)
        if fmt == "jsonl":
            self._stream_line(analysis)
        else:
            self.buffer.append(analysis)

    def _stream_line(self, analysis: Analysis) -> None:
        if self.stream is None:
            self.stream = self._open_stream("jsonl")
        for pending in self.buffer:
            self.stream.write(pending.dumps(include_raw=self.include_raw) + "\n")
        self.buffer.clear()
        self.stream.write(analysis.dumps(include_raw=self.include_raw) + "\n")
        self.stream.flush()

    def _open_stream(self, fmt: str) -> IO[str]:
        if self.out is None:
            return sys.stdout
        path = self.out / _DIR_NAMES[fmt] if self.is_dir else self.out
        path.parent.mkdir(parents=True, exist_ok=True)
        self.written.append(path)
        return path.open("w", encoding="utf-8", newline="\n")

    def _write_file(self, analysis: Analysis) -> None:
        assert self.out is not None
        self.out.mkdir(parents=True, exist_ok=True)
        name = _safe_name(analysis.article.source or "", self.used, analysis.article.id)
        path = self.out / f"{name}.json"
        path.write_text(analysis.dumps(indent=2, include_raw=self.include_raw) + "\n", encoding="utf-8")
        self.written.append(path)

    # -- at the end -----------------------------------------------------------------------
    def finish(self) -> list[Path]:
        fmt = self.fmt or ("jsonl" if self.items > 1 else "json")
        if fmt == "jsonl" and self.buffer:
            last = self.buffer.pop()
            self._stream_line(last)
        elif fmt in ("json", "html", "md") and (self.buffer or fmt != "json"):
            self._write_document(fmt)
        if self.stream is not None and self.stream is not sys.stdout:
            self.stream.close()
        return self.written

    def _write_document(self, fmt: str) -> None:
        if fmt == "json":
            if len(self.buffer) == 1:
                text = self.buffer[0].dumps(indent=2, include_raw=self.include_raw)
            else:
                text = json.dumps([a.to_json(include_raw=self.include_raw) for a in self.buffer],
                                  ensure_ascii=False, indent=2)
        elif not self.buffer:
            return
        elif fmt == "html":
            from propscope.report import render_html

            text = render_html(self.buffer)
        else:
            from propscope.report import render_markdown

            text = render_markdown(self.buffer)
        if self.out is None and fmt != "html":
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            sys.stdout.flush()
            return
        if self.out is None:
            path = Path.cwd() / DEFAULT_HTML_NAME
        elif self.is_dir:
            path = self.out / _DIR_NAMES[fmt]
        else:
            path = self.out
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        self.written.append(path)


def _output_format(explicit: OutputFormat | None, out: Path | None, out_is_dir: bool) -> str | None:
    if explicit is not None:
        return explicit.value
    if out is not None and not out_is_dir:
        return _SUFFIX_FORMATS.get(out.suffix.lower())
    return None


_CORPUS_FORMATS = frozenset({"jsonl", "json", "csv", "tsv", "warc", "feed", "xml"})


def _many_inputs(paths: list[str]) -> bool:
    """Whether the inputs hold many articles: several paths, a directory, or a corpus file."""
    if len(paths) >= _PROGRESS_MIN_INPUTS:
        return True
    from propscope.readers import format_of_path

    local = [Path(p) for p in paths if "://" not in p and p != "-"]
    return any(p.is_dir() or format_of_path(p) in _CORPUS_FORMATS for p in local)


@app.command("analyze")
def analyze_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files, directories, or URLs with --fetch.")],
    output_format: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False, metavar="FORMAT",
        help="json | jsonl | html | md (default: from the -o suffix, else json for one item, jsonl for many).",
    )] = None,
    output_arg: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="OUT", help="Output file, or directory (existing, or ending in /).",
    )] = None,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going/--fail-fast", help="Go on after a bad item, or stop at the first.",
    )] = True,
    analyzers: Annotated[list[str] | None, typer.Option(
        "--analyzers", "-a", metavar="NAMES", help="Comma-separated analyzer names (see `propscope analyzers`).",
    )] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Allow URLs among the inputs (downloaded with limits).")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="With --fetch: allow private, loopback and link-local addresses.",
    )] = False,
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME", help="Outlet name for every article.")] = None,
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TITLE", help="Title (for a single article); the text's first line is then body.",
    )] = None,
    columns: Annotated[list[str] | None, typer.Option(
        "--columns", metavar="FIELD=COLUMN,...", help="JSONL/CSV column mapping, e.g. text=body,title=headline.",
    )] = None,
    input_format: Annotated[str | None, typer.Option(
        "--input-format", metavar="FORMAT", help="Force the input format: text, html, feed, warc, jsonl, json, csv, tsv.",
    )] = None,
    no_raw: Annotated[bool, typer.Option("--no-raw", help="Leave the raw input and offset map out of the JSON.")] = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="A progress line on stderr: count, total, rate, ETA (default: on a terminal, for many inputs).",
    )] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress line and no 'wrote FILE' lines; errors are still printed.",
    )] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, max=256, metavar="N",
        help="Worker processes for several articles (default: one per core). Output order and bytes do not depend on N.",
    )] = None,
    catalogue: Annotated[str | None, typer.Option(
        "--catalogue", metavar="PATH", help=CATALOGUE_HELP,
    )] = None,
) -> None:
    """Analyze articles and write JSON, JSONL, an HTML report or Markdown."""
    output = Path(output_arg) if output_arg else None
    output_is_dir = bool(output_arg) and (str(output_arg).endswith(("/", os.sep)) or Path(str(output_arg)).is_dir())
    column_map = _column_map(columns or [])
    names = _split_list(analyzers or []) or list(DEFAULT_ANALYZERS)
    settings = catalogue_settings(catalogue, names)
    meta: dict[str, Any] = {k: v for k, v in (("outlet", outlet), ("title", title)) if v is not None}
    fmt = _output_format(output_format, output, output_is_dir)
    show_progress = progress_enabled(err_console, progress, quiet, default=_many_inputs(paths))

    def go() -> None:
        _check_output_is_not_input(output, paths)
        with user_errors():
            Pipeline.build(names, settings=settings, load=False)  # unknown or ill-ordered analyzers: fail before reading
        from propscope.parallel import analyze_in_order
        from propscope.readers import read_sources

        sink = _Sink(fmt, output, output_is_dir, include_raw=not no_raw)
        ok = failed = 0
        with user_errors(), ProgressDisplay(show_progress, label="analyzing", console=err_console,
                                            sources=paths) as display:
            results = read_sources(paths, fetch=fetch, allow_private=allow_private, format=input_format,
                                   column_map=column_map, skip=[output] if output is not None else [], **meta)
            for result in analyze_in_order(names, results, workers=workers, settings=settings):
                sink.item()
                if result.analysis is not None:
                    ok += 1
                    try:
                        sink.add(result.analysis)
                    except BrokenPipeError:
                        raise
                    except OSError as exc:
                        fail(f"cannot write the output: {exc}")
                else:
                    failed += 1
                    assert result.error is not None
                    err_console.print(_error_line(result.error), markup=False, emoji=False, highlight=False)
                display.update(ok + failed, f"ok {ok:,} · failed {failed:,}")
                if failed and not keep_going:
                    break
        try:
            written = sink.finish()
        except BrokenPipeError:
            raise
        except OSError as exc:
            fail(f"cannot write the output: {exc}")
        for path in written:
            if output is None:
                typer.echo(str(path))  # the HTML report's path is the command's output
            elif not quiet:
                err_console.print(f"wrote {_clean_line(str(path))}", markup=False, emoji=False, highlight=False)
        if ok == 0:
            if failed == 0:
                fail("no articles found in the input")
            raise typer.Exit(EXIT_USAGE)
        raise typer.Exit(EXIT_FAILED_ITEMS if failed else EXIT_OK)

    run(lambda: _quiet_broken_pipe(go))


def _check_output_is_not_input(output: Path | None, paths: list[str]) -> None:
    """Refuse ``-o`` naming one of the input files: it would be overwritten with the analysis.
    (An output inside an input folder is passed over by the walk instead.)"""
    if output is None:
        return
    target = _resolved(output)
    for p in paths:
        if p and p != "-" and "://" not in p and _resolved(p) == target and not Path(p).is_dir():
            fail(f"the output {output} is also an input: it would be overwritten; choose another -o")


def _resolved(path: str | Path) -> Path:
    """``Path.resolve()``, or the absolute path where a symbolic link loop stops it (RuntimeError
    before Python 3.13, OSError after): the loop is then reported by whatever opens the path."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _quiet_broken_pipe(fn: Any) -> None:
    """``propscope analyze DIR | head``: a reader that stops early is not an error."""
    try:
        fn()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        except (OSError, ValueError):
            pass
        raise typer.Exit(EXIT_OK) from None


@app.command("analyzers")
def analyzers_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the available analyzers with their versions."""

    def go() -> None:
        from propscope.analyzers.base import available_analyzers, get_analyzer_class

        rows: list[dict[str, Any]] = []
        for name in available_analyzers():
            try:
                klass = get_analyzer_class(name)
            except PropscopeError as exc:
                rows.append({"name": name, "error": exc.message})
                continue
            rows.append({
                "name": name,
                "version": str(getattr(klass, "version", "")),
                "requires": list(getattr(klass, "requires", ())),
                "produces": list(getattr(klass, "produces", ())),
                "description": str(getattr(klass, "description", "") or (klass.__doc__ or "").strip().split("\n")[0]),
                "default": name in DEFAULT_ANALYZERS,
            })
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            if "error" in row:
                typer.echo(f"{row['name']}  (unavailable: {_clean_line(row['error'])})")
                continue
            extra = f"  produces {', '.join(row['produces'])}" if row["produces"] else ""
            if row["requires"]:
                extra += f"; requires {', '.join(row['requires'])}"
            default = " (default)" if row["default"] else ""
            typer.echo(f"{row['name']} v{row['version']}{default}  {row['description']}{extra}")

    run(go)
