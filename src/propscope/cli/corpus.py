"""``propscope ingest | search | profile | export | datasette-metadata | syndication``: the corpus commands.

Argument handling and output only; the work is in :mod:`propscope.corpus`.  Every command
takes ``--db URL`` (default ``$PROPSCOPE_DB``, else ``sqlite:///propscope.db`` in the
current directory): ``sqlite:///PATH``, ``postgresql://USER@HOST:PORT/DB`` or ``memory://``.

Exit codes: 0 done, 1 ``ingest`` finished but some items failed (each stored in the
database and summarised), 2 bad usage or no corpus.  A reader that stops early
(``propscope search '' --json | head``) is not an error: the command stops quietly, exit 0.
"""

from __future__ import annotations

import enum
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from propscope.cli.analyze import _quiet_broken_pipe
from propscope.cli.app import (
    CATALOGUE_HELP,
    EXIT_FAILED_ITEMS,
    EXIT_OK,
    EXIT_USAGE,
    app,
    catalogue_settings,
    err_console,
    fail,
    run,
    user_errors,
)
from propscope.cli.progress import ProgressDisplay, progress_enabled
from propscope.corpus.search import MAX_LIMIT, MAX_OFFSET
from propscope.parallel import default_workers

__all__ = ["datasette_metadata_command", "export_command", "ingest_command", "profile_command", "search_command",
           "syndication_command"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DB_HELP = "Database URL: sqlite:///PATH, postgresql://USER@HOST:PORT/DB or memory:// (default: $PROPSCOPE_DB, " \
           "else sqlite:///propscope.db)."


def _clean(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


#: the width of a table printed into a file or a pipe
PIPE_WIDTH = 200


class _Stdout(Console):
    """Rich output on stdout whose broken pipe raises BrokenPipeError, as ``typer.echo``'s does, for
    :func:`_quiet_broken_pipe` to end quietly: rich's own handling exits with status 1."""

    def __init__(self, **kwargs: Any) -> None:
        # into a file or a pipe, a table keeps its columns whole (rich would squeeze them into 80)
        if "width" not in kwargs and not os.environ.get("COLUMNS") and not sys.stdout.isatty():
            kwargs["width"] = PIPE_WIDTH
        super().__init__(**kwargs)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def _split(values: list[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _db_url(db: str | None) -> str:
    from propscope.store.open import DEFAULT_DB_URL

    return db or os.environ.get("PROPSCOPE_DB") or DEFAULT_DB_URL


def _open(db: str | None, *, must_exist: bool) -> Any:
    from propscope.store import open_store

    url = _db_url(db)
    if must_exist and (url.startswith("sqlite:///") or "://" not in url):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            fail(f"no corpus at {path}; run `propscope ingest SOURCES --db {url}` first, or pass --db")
    return open_store(url)


def _date(value: str | None, option: str) -> str | None:
    from propscope.store.records import parse_date_arg

    try:
        return parse_date_arg(value)
    except ValueError:
        fail(f"{option} takes a date such as 2026-01-31, not {value!r}")


# -- ingest ---------------------------------------------------------------------------------------
class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"


def _ingest_status(report: Any) -> str:
    """The ingest's counts by outcome for the progress line (errors early: the line may be cut)."""
    return (f"new {report.inserted:,} · err {report.errors:,} · upd {report.updated:,} · "
            f"same {report.unchanged + report.duplicates:,}")


def _summary(report: Any, store: Any, url: str) -> None:
    from propscope.errors import DATE_UNPARSED, WARNING_CODES

    err_console.print(
        f"ingested into {_clean(url)}: {report.inserted} new, {report.updated} re-analysed, "
        f"{report.unchanged} unchanged, {report.duplicates} duplicates, {report.errors} errors "
        f"in {report.seconds:.1f}s ({report.rate:.1f} articles/s)", markup=False, highlight=False)
    undated = report.warning_codes.get(DATE_UNPARSED, 0)
    if undated:
        examples = ", ".join(_clean(repr(d)) for d in report.unparsed_dates[:5])
        more = ", …" if len(report.unparsed_dates) > 5 else ""
        err_console.print(f"warning: {undated} article(s) stored without a date: their published date could not "
                          f"be read (e.g. {examples}{more}); each is in the ingest_errors table as {DATE_UNPARSED} "
                          f"(run_id {report.run_id})", markup=False, highlight=False, emoji=False)
    if not report.errors:
        return
    codes = ", ".join(f"{code} × {n}" for code, n in sorted(report.error_codes.items(), key=lambda kv: -kv[1]))
    err_console.print(f"errors by code: {codes}", markup=False, highlight=False)
    errors = [e for e in store.errors(report.run_id) if e.code not in WARNING_CODES]
    for e in errors[:10]:
        err_console.print(f"error: {_clean(e.source)}: {_clean(' '.join(e.message.split()))} [{e.code}]",
                          markup=False, highlight=False, emoji=False)
    if len(errors) > 10:
        err_console.print(f"… and {len(errors) - 10} more", markup=False)
    err_console.print(f"every error is stored in the ingest_errors table (run_id {report.run_id})", markup=False)


def _thread_step(store: Any, show: bool) -> Any:
    """The run's one story-thread update, with its own progress line; never raises for a failure."""
    from propscope.corpus.ingest_threads import thread_stored

    with ProgressDisplay(show, label="threading", console=err_console) as display:
        return thread_stored(store, on_start=display.set_total, on_progress=display.update)


def _claims_step(store: Any, show: bool) -> Any:
    """The run's one claims update, with its own progress line; never raises for a failure."""
    from propscope.corpus.ingest_claims import claim_stored

    with ProgressDisplay(show, label="claims", console=err_console) as display:
        return claim_stored(store, on_start=display.set_total, on_progress=display.update)


@app.command("ingest")
def ingest_command(
    sources: list[str] = typer.Argument(..., metavar="SOURCES...",
                                        help="Files, directories, feeds, WARC, JSONL/CSV; URLs with --fetch."),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=1, max=256, metavar="N",
        help="Analysis processes, each loading the models once (default: one per core)."),
    analyzers: list[str] = typer.Option([], "--analyzers", "-a", help="Comma-separated analyzer names "
                                                                       "(default: the pipeline's defaults)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (processes here) or dask (a cluster)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="With --engine dask: tcp://HOST:PORT."),
    fetch: bool = typer.Option(False, "--fetch", help="Allow URLs among the sources."),
    allow_private: bool = typer.Option(False, "--allow-private", help="With --fetch: allow private addresses."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet name for every article."),
    input_format: str | None = typer.Option(None, "--input-format", help="Force the input format."),
    columns: list[str] = typer.Option([], "--columns", help="JSONL/CSV column mapping, e.g. text=body."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per database transaction."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                         help="A progress line on stderr: count, total, rate, ETA "
                                              "(default: when stderr is a terminal)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line; the summary and errors stay."),
    as_json: bool = typer.Option(False, "--json", help="Print the run's summary as JSON on stdout."),
    catalogue: str | None = typer.Option(None, "--catalogue", metavar="PATH", help=CATALOGUE_HELP),
    threads: bool = typer.Option(True, "--threads/--no-threads",
                                 help="After the run, thread the stored articles into story threads (once per "
                                      "run; a failure is reported, not fatal; `propscope stories --update` "
                                      "does it later)."),
    claims: bool = typer.Option(True, "--claims/--no-claims",
                                help="After the run, read the stored articles for claims (once per run; a "
                                     "failure is reported, not fatal; `propscope claims --update` does it later)."),
) -> None:
    """Analyze sources into the corpus database: idempotent, resumable, errors stored; then thread stories
    and read claims."""
    from propscope.pipeline import DEFAULT_ANALYZERS

    names = _split(analyzers) or list(DEFAULT_ANALYZERS)
    settings = catalogue_settings(catalogue, names)
    if engine is Engine.dask and not scheduler:
        fail("--engine dask needs --scheduler tcp://HOST:PORT")
    if engine is Engine.local and scheduler:
        fail("--scheduler goes with --engine dask")
    column_map: dict[str, str] = {}
    for pair in _split(columns):
        key, sep, value = pair.partition("=")
        if not sep:
            fail(f"--columns takes FIELD=COLUMN pairs, got {pair!r}")
        column_map[key.strip()] = value.strip()
    read_options: dict[str, Any] = {"fetch": fetch, "allow_private": allow_private, "format": input_format,
                                    "column_map": column_map or None}
    if outlet:
        read_options["outlet"] = outlet
    show = progress_enabled(err_console, progress, quiet)

    def go() -> None:
        from propscope.corpus.ingest import Terminated, ingest
        from propscope.pipeline import Pipeline

        url = _db_url(db)
        with user_errors():
            Pipeline.build(names, settings=settings, load=False)
            store = _open(db, must_exist=False)
        backend = None
        if engine is Engine.dask:
            from propscope.corpus.dask_engine import DaskBackend

            try:
                backend = DaskBackend(scheduler, names, settings)
            except OSError as exc:
                fail(f"cannot reach the Dask scheduler {scheduler}: {exc}")
        try:
            try:
                with user_errors(), ProgressDisplay(show, label="ingesting", console=err_console,
                                                    sources=sources) as display:
                    report = ingest(sources, store, analyzers=names, workers=workers or default_workers(), backend=backend,
                                    settings=settings or None,
                                    read_options=read_options, batch_size=batch_size,
                                    on_progress=lambda r: display.update(r.done, _ingest_status(r)))
            except Terminated as exc:
                err_console.print(f"ingest {exc}: what was analysed is stored and the run is marked interrupted; "
                                  "run the same command again to go on", markup=False, highlight=False)
                raise typer.Exit(128 + exc.signum) from None
            if backend is not None:  # the cluster has finished: threads and claims are made here, from the store
                backend.close()
                backend = None
            if report.abandoned:
                err_console.print(f"marked {len(report.abandoned)} earlier run(s) abandoned (their process is gone): "
                                  f"{', '.join(report.abandoned)}", markup=False, highlight=False)
            _summary(report, store, url)
            out = report.to_json()
            if threads and report.status == "finished":
                step = _thread_step(store, show)
                err_console.print(_clean(step.line()), markup=False, highlight=False, emoji=False)
                out["threads"] = step.to_json()
            if claims and report.status == "finished":
                cstep = _claims_step(store, show)
                err_console.print(_clean(cstep.line()), markup=False, highlight=False, emoji=False)
                out["claims"] = cstep.to_json()
            if as_json:
                typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        finally:
            if backend is not None:
                backend.close()
            store.close()
        if report.read == 0:
            fail("no articles found in the sources")
        if report.errors and report.done == report.errors:
            raise typer.Exit(EXIT_USAGE)
        raise typer.Exit(EXIT_FAILED_ITEMS if report.errors else EXIT_OK)

    run(lambda: _quiet_broken_pipe(go))


# -- search ---------------------------------------------------------------------------------------
@app.command("search")
def search_command(
    query: str = typer.Argument("", metavar="QUERY", help='Words (all must match), "a phrase", prefix*.'),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    technique: str | None = typer.Option(None, "--technique", help="Articles with this technique: a label such as "
                                         "Loaded_Language, in any case, with spaces for underscores; a unique "
                                         "start such as 'name calling' will do."),
    speaker: str | None = typer.Option(None, "--speaker", help="Articles quoting this speaker."),
    voice: str | None = typer.Option(None, "--voice", help="Technique in this voice: outlet, quoted or a quoted "
                                                           "speaker's name (any case)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=MAX_LIMIT,
                              help=f"How many results (1 to {MAX_LIMIT:,}; more is an error: page with --offset)."),
    offset: int = typer.Option(0, "--offset", min=0, max=MAX_OFFSET,
                               help=f"Skip this many results (0 to {MAX_OFFSET:,})."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of text."),
) -> None:
    """Full-text search over the corpus, newest first, with snippets."""

    def go() -> None:
        from propscope.corpus.search import search

        with user_errors():
            store = _open(db, must_exist=True)
            try:
                hits = search(store, query, outlet=outlet, since=since, until=until, technique=technique,
                              speaker=speaker, voice=voice, limit=limit, offset=offset)
            finally:
                store.close()
        if as_json:
            for hit in hits:
                typer.echo(json.dumps(hit.to_json(), ensure_ascii=False))
            return
        if not hits:
            err_console.print("no matches", markup=False)
            return
        from rich.text import Text

        out = _Stdout(highlight=False, soft_wrap=True)
        for hit in hits:
            head = Text()
            head.append(_clean(hit.published or "undated"), style="dim")
            head.append("  ")
            head.append(_clean(hit.outlet or "?"), style="bold")
            head.append("  " + _clean(hit.title or ""), style="bold")
            head.append(f"  [{hit.article_id}]", style="dim")
            out.print(head)
            body = Text()
            for i, part in enumerate(_clean(hit.snippet).split("**")):
                body.append(part, style="bold yellow" if i % 2 else "")
            out.print(Text("  ") + body)
            if hit.url:
                out.print(Text("  " + _clean(hit.url), style="dim"))

    run(lambda: _quiet_broken_pipe(go))


# -- profile --------------------------------------------------------------------------------------
@app.command("profile")
def profile_command(
    outlet: str = typer.Argument(..., metavar="OUTLET", help="Outlet name (case-insensitive)."),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    since: str | None = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="To this date (YYYY-MM-DD)."),
    top: int = typer.Option(10, "--top", min=1, help="How many speakers and sources to list."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of tables."),
) -> None:
    """An outlet's techniques per 1,000 words by voice, top speakers and sources, weekly."""

    def go() -> None:
        from propscope.corpus.profile import build_profile
        from propscope.corpus.search import no_profile_message

        since_d, until_d = _date(since, "--since"), _date(until, "--until")
        with user_errors():
            store = _open(db, must_exist=True)
            try:
                profile = build_profile(store, outlet, since=since_d, until=until_d, top=top)
                missing = no_profile_message(store, outlet) if profile.total.articles == 0 else None
            finally:
                store.close()
        if missing is not None:
            fail(missing)
        if as_json:
            typer.echo(json.dumps(profile.to_json(), ensure_ascii=False, indent=2))
            return
        _print_profile(profile)

    run(lambda: _quiet_broken_pipe(go))


def _print_profile(profile: Any) -> None:
    from rich.table import Table

    out = _Stdout(highlight=False)
    t = profile.total
    period = f"{profile.since or 'start'} … {profile.until or 'now'}"
    out.print(f"[bold]{_clean(profile.outlet)}[/bold]  {period}: {t.articles} articles, {t.words:,} words")
    table = Table(title="Techniques per 1,000 words", title_justify="left")
    table.add_column("technique")
    table.add_column("voice")
    table.add_column("count", justify="right")
    table.add_column("per 1,000 words", justify="right")
    for r in t.techniques:
        table.add_row(_clean(r.technique), _clean(r.voice), str(r.count), f"{r.per_1000_words:.2f}")
    out.print(table)
    for title, rows in (("Top speakers", t.speakers), ("Top cited sources", t.sources),
                        ("Dateline agencies", t.agencies), ("Quoted voices carrying techniques", t.quoted_voices)):
        if rows:
            table = Table(title=title, title_justify="left")
            table.add_column("name")
            kinds = any(r.kind for r in rows)  # speakers and agencies have none: no empty column
            if kinds:
                table.add_column("kind")
            table.add_column("count", justify="right")
            for r in rows:
                table.add_row(_clean(r.name), *([_clean(r.kind or "")] if kinds else []), str(r.count))
            out.print(table)
    weekly = Table(title="Weekly", title_justify="left")
    for col in ("week", "articles", "words", "techniques / 1,000 words (by voice)", "top speaker", "top source"):
        weekly.add_column(col)
    for w in profile.weekly:
        by_voice: dict[str, float] = {}
        for r in w.techniques:
            by_voice[r.voice] = by_voice.get(r.voice, 0.0) + r.per_1000_words
        voices = ", ".join(f"{v} {x:.2f}" for v, x in sorted(by_voice.items()))
        weekly.add_row(w.week or "undated", str(w.articles), f"{w.words:,}", _clean(voices),
                       _clean(w.speakers[0].name) if w.speakers else "",
                       _clean(w.sources[0].name) if w.sources else "")
    out.print(weekly)


# -- export ---------------------------------------------------------------------------------------
class ExportFormat(str, enum.Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportTable(str, enum.Enum):
    articles = "articles"
    techniques = "techniques"
    attributions = "attributions"
    entities = "entities"
    sources = "sources"
    stories = "stories"
    claims = "claims"
    narratives = "narratives"


@app.command("export")
def export_command(
    export_format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl | csv | parquet."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout; "
                                                                     "parquet needs a file)."),
    table: ExportTable | None = typer.Option(
        None, "--table", "-t", help="One row per article, technique span, attribution, entity mention or cited "
                                    "source, with its text, article id, outlet, dates and voice; or one row per story member, "
                                    "claim sighting or narrative sighting (default: one lossless row per article)."),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress",
                                         help="Progress on stderr (default: when stderr is a terminal)."),
    excel: bool = typer.Option(False, "--excel", help="CSV that Excel opens by a double-click: a UTF-8 "
                                                      "byte-order mark and CRLF line ends (pandas and DuckDB "
                                                      "read it too)."),
) -> None:
    """Export the corpus: losslessly (every metadata field, the whole analysis) or as a flat table.

    Example: propscope export --table techniques -f csv -o techniques.csv
    """

    def go() -> None:
        from propscope.corpus.export import CELL_LIMIT, export
        from propscope.store.base import ArticleFilter

        if export_format is ExportFormat.parquet and output is None:
            fail("parquet needs an output file: -o corpus.parquet")
        if excel and export_format is not ExportFormat.csv:
            fail(f"--excel is for CSV (-f csv), not {export_format.value}")
        where = ArticleFilter(outlet, _date(since, "--since"), _date(until, "--until"))
        show = err_console.is_terminal if progress is None else progress
        with user_errors():
            store = _open(db, must_exist=True)
            try:
                total = store.count(where) if show else 0
                with ProgressDisplay(show and total > 0, label="exporting", console=err_console) as display:
                    display.set_total(total)
                    result = export(store, export_format.value, output, where=where,
                                    table=table.value if table else None, on_article=display.update, excel=excel)
            except BrokenPipeError:
                raise  # the reader stopped early: not a write error
            except OSError as exc:
                fail(f"cannot write the output: {exc}")
            finally:
                store.close()
        if output is not None:
            what = f"{result.articles} articles" if table in (None, ExportTable.articles) else \
                f"{result.rows} rows of {table.value} from {result.articles} articles"
            err_console.print(f"exported {what} to {_clean(str(output))}", markup=False)
        if result.long_cells and result.long_cells_path is not None:
            err_console.print(f"{result.long_cells} cell(s) longer than a spreadsheet's {CELL_LIMIT:,} characters "
                              f"were cut in the CSV and written whole to {_clean(str(result.long_cells_path))} "
                              "(row, column, value)", markup=False, highlight=False)
        elif result.long_cells:
            err_console.print(f"warning: {result.long_cells} cell(s) are longer than a spreadsheet's "
                              f"{CELL_LIMIT:,} characters and left whole: a spreadsheet would cut them; "
                              "write to a file (-o FILE.csv) to have them split off into FILE.long.jsonl",
                              markup=False, highlight=False)

    run(lambda: _quiet_broken_pipe(go))


@app.command("datasette-metadata")
def datasette_metadata_command(
    db: str | None = typer.Option(None, "--db", help="The SQLite corpus the metadata is for (its file name is "
                                                     "Datasette's database name; default: $PROPSCOPE_DB, else "
                                                     "sqlite:///propscope.db)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here (default: stdout)."),
) -> None:
    """Datasette metadata for a corpus: table and column descriptions, facets, saved queries.

    Example: propscope datasette-metadata --db sqlite:///corpus.db -o metadata.json
    (then: datasette corpus.db -m metadata.json)
    """

    def go() -> None:
        from propscope.corpus.datasette import metadata_for

        url = _db_url(db)
        if not (url.startswith("sqlite:///") or "://" not in url):
            fail("Datasette reads SQLite files: pass --db sqlite:///PATH")
        text = json.dumps(metadata_for(Path(url.removeprefix("sqlite:///"))), ensure_ascii=False, indent=2)
        if output is None:
            typer.echo(text)
            return
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {output}: {exc}")
        err_console.print(f"wrote {_clean(str(output))}; open the corpus with: datasette "
                          f"{_clean(url.removeprefix('sqlite:///'))} -m {_clean(str(output))}", markup=False)

    run(lambda: _quiet_broken_pipe(go))


# -- syndication ----------------------------------------------------------------------------------
@app.command("syndication")
def syndication_command(
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    since: str | None = typer.Option(None, "--since", help="Articles published on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Articles published on or before (YYYY-MM-DD)."),
    min_reuse: float = typer.Option(0.35, "--min-reuse", min=0.05, max=1.0,
                                    help="Least share of the shorter text that must be shared to call it a copy."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of text."),
) -> None:
    """Copies across outlets (earliest first, share reused) and relay chains ("X reported")."""

    def go() -> None:
        from propscope.corpus.syndication import find_syndication

        since_d, until_d = _date(since, "--since"), _date(until, "--until")
        with user_errors():
            store = _open(db, must_exist=True)
            try:
                report = find_syndication(store, since=since_d, until=until_d, min_reuse=min_reuse)
            finally:
                store.close()
        if as_json:
            typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            return
        typer.echo(f"{report.articles} articles: {len(report.clusters)} clusters of copies, "
                   f"{len(report.relays)} relay links, {len(report.chains)} chains")
        for n, cluster in enumerate(report.clusters, 1):
            o = cluster.original
            typer.echo(f"\ncluster {n}: original {o.article_id} {_clean(o.outlet or '?')} {o.published or 'undated'}"
                       f" {_clean(o.url or '')}")
            for m in cluster.copies:
                how = "exact copy" if m.exact else f"{m.reuse:.0%} reused from {m.copied_from}"
                typer.echo(f"  {m.article_id} {_clean(m.outlet or '?')} {m.published or 'undated'} ({how})"
                           f" {_clean(m.url or '')}")
        if report.relays:
            typer.echo("\nrelays:")
            for link in report.relays:
                typer.echo(f"  {link.article_id} ({_clean(link.outlet or '?')}) credits {_clean(link.credited)!r} -> "
                           f"{link.original_id} ({_clean(link.original_outlet or '?')}, {link.original_published})")
        long_chains = [c for c in report.chains if len(c) > 2]
        if long_chains:
            typer.echo("\nchains (original first):")
            for chain in long_chains:
                typer.echo("  " + " <- ".join(chain))

    run(lambda: _quiet_broken_pipe(go))
