"""``propscope claims | claim``: claims across outlets, who carried them and in whose voice.

Argument handling and output only; the work is in :mod:`propscope.corpus.claims`.  ``--db``
as in the corpus commands.  ``claims --update`` reads the articles ingested since the last
run (incremental; ``--rebuild`` starts over) before listing.
"""

from __future__ import annotations

import json

import typer

from propscope.cli.analyze import _quiet_broken_pipe
from propscope.cli.app import app, clean_line, fail, run, user_errors
from propscope.cli.corpus import _DB_HELP, _date, _open

__all__ = ["claim_command", "claims_command"]


def _n(count: int, noun: str) -> str:
    """"1 outlet", "2 outlets"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@app.command("claims")
def claims_command(
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    speaker: str | None = typer.Option(None, "--speaker", help="Claims of this speaker ('Varn' finds 'Ilse Varn')."),
    outlet: str | None = typer.Option(None, "--outlet", help="Claims this outlet carried."),
    since: str | None = typer.Option(None, "--since", help="Claims seen on or after this day."),
    until: str | None = typer.Option(None, "--until", help="Claims seen on or before this day."),
    min_sightings: int = typer.Option(1, "--min-sightings", min=1, help="Hide claims seen fewer times."),
    min_articles: int = typer.Option(2, "--min-articles", min=1,
                                     help="Hide claims fewer articles carried (one article saying it twice is one)."),
    limit: int = typer.Option(50, "--limit", min=1, max=100000, help="Most claims listed."),
    update: bool = typer.Option(False, "--update", help="Read new articles for claims first (embeds their contents)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="With --update: forget all claims and read again."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of text."),
) -> None:
    """Claims carried by several articles: speaker, outlets, first seen, reported or restated."""

    def go() -> None:
        from propscope.corpus.claims import list_claims, update_claims

        if rebuild and not update:
            fail("--rebuild needs --update")
        since_d, until_d = _date(since, "--since"), _date(until, "--until")
        with user_errors():
            store = _open(db, must_exist=True)
            try:
                report = update_claims(store, rebuild=rebuild) if update else None
                claims = list_claims(store, speaker=speaker, outlet=outlet, since=since_d, until=until_d,
                                     min_sightings=min_sightings, min_articles=min_articles, limit=limit)
            finally:
                store.close()
        if as_json:
            out = {"claims": [c.to_json() for c in claims]}
            if report is not None:
                out["update"] = report.to_json()
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        if report is not None:
            typer.echo(f"read {report.articles} new articles: {report.sightings} sightings, {report.new_claims} new "
                       f"claims ({report.reported} reported, {report.restated} restated in an outlet's voice)")
        if not claims:
            typer.echo("no claims (run `propscope claims --update` after an ingest)")
            return
        for c in claims:
            who = clean_line(c.speaker) if c.speaker else "(outlet's own voice)"
            typer.echo(f"{c.claim_id}  {who}  {_n(c.sightings, 'sighting')} in {_n(c.articles, 'article')}, "
                       f"{_n(len(c.outlets), 'outlet')}  "
                       f"first {(c.first_seen or 'undated')[:10]} {clean_line(c.first_outlet or '?')}  "
                       f"reported {c.reported}, restated {c.restated}")
            typer.echo(f"    {clean_line(c.text[:160])}")

    run(lambda: _quiet_broken_pipe(go))


@app.command("claim")
def claim_command(
    claim_id: str = typer.Argument(..., help="A claim id (from `propscope claims`)."),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of text."),
) -> None:
    """One claim: its sightings in time order, with each outlet's voice (reported or restated)."""

    def go() -> None:
        from propscope.corpus.claims import get_claim

        with user_errors():
            store = _open(db, must_exist=True)
            try:
                claim = get_claim(store, claim_id)
            finally:
                store.close()
        if claim is None:
            fail(f"no claim with id {claim_id!r}; `propscope claims` lists them (after --update)")
        if as_json:
            typer.echo(json.dumps(claim.to_json(), ensure_ascii=False, indent=2))
            return
        who = clean_line(claim.speaker) if claim.speaker else "(outlet's own voice)"
        typer.echo(f"claim {claim.claim_id} by {who}: {_n(claim.sightings, 'sighting')} in "
                   f"{_n(claim.articles, 'article')}, {_n(len(claim.outlets), 'outlet')}")
        typer.echo(f"  {clean_line(claim.text)}")
        for s in claim.sightings_list:
            sim = f" ({s.similarity:.2f})" if s.similarity is not None else " (first)"
            typer.echo(f"  {(s.published or 'undated')[:19]:19} {clean_line(s.outlet or '?'):20} {s.voice:9} "
                       f"{s.article_id}{sim}")
            typer.echo(f"      {clean_line(s.text[:200])}")

    run(lambda: _quiet_broken_pipe(go))
