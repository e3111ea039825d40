"""``propscope narratives``: which catalogued narratives each outlet carries, split by voice."""

from __future__ import annotations

import json

import typer

from propscope.cli.analyze import _quiet_broken_pipe
from propscope.cli.app import app, fail, run, user_errors
from propscope.cli.corpus import _DB_HELP, _date, _open


@app.command("narratives")
def narratives_command(
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet (case-insensitive)."),
    since: str | None = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="To this date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of a table."),
) -> None:
    """Narratives per outlet: articles, sightings in the outlet's own voice and in quoted speakers'.

    Needs a corpus ingested with the ``narratives`` analyzer in its pipeline.
    """

    def go() -> None:
        from propscope.corpus.narratives import narrative_table
        from propscope.store.base import ArticleFilter

        where = ArticleFilter(outlet=outlet or None, since=_date(since, "--since"), until=_date(until, "--until"))
        with user_errors():
            store = _open(db, must_exist=True)
            try:
                rows = narrative_table(store, where)
            finally:
                store.close()
        if as_json:
            typer.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
            return
        if not rows:
            fail("no narrative sightings in that selection (was the corpus ingested with the 'narratives' analyzer?)",
                 code=1)
        from rich.table import Table

        from propscope.cli.corpus import _Stdout
        from rich.text import Text  # cells as plain Text: outlet and speaker names are untrusted

        table = Table("outlet", "narrative", "articles", "sightings", "outlet's voice", "quoted", "first", "last",
                      "top speakers")
        for r in rows:
            cells = [r.outlet, r.narrative, str(r.articles), str(r.sightings), str(r.outlet_voice),
                     str(r.speaker_voice), (r.first or "")[:10], (r.last or "")[:10],
                     ", ".join(s for s, _ in r.speakers.most_common(3))]
            table.add_row(*(Text(c) for c in cells))
        _Stdout(highlight=False, soft_wrap=True).print(table, markup=False)

    run(lambda: _quiet_broken_pipe(go))
