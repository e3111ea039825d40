"""``propscope stories | story``: story threads across outlets.

Argument handling and output only; the work is in :mod:`propscope.stories`.  ``--db`` as in
the corpus commands.  ``stories --update`` threads the articles ingested since the last run
(incremental; ``--rebuild`` starts over) before listing.
"""

from __future__ import annotations

import json

import typer

from propscope.cli.analyze import _quiet_broken_pipe
from propscope.cli.app import app, clean_line, fail, run, user_errors
from propscope.cli.corpus import _DB_HELP, _date, _open

__all__ = ["stories_command", "story_command"]


@app.command("stories")
def stories_command(
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    since: str | None = typer.Option(None, "--since", help="Stories with an article published on or after this day."),
    until: str | None = typer.Option(None, "--until", help="Stories with an article published on or before this day."),
    outlet: str | None = typer.Option(None, "--outlet", help="Stories this outlet carried."),
    min_articles: int = typer.Option(2, "--min-articles", min=1, help="Hide stories with fewer articles."),
    limit: int = typer.Option(50, "--limit", min=1, max=100000, help="Most stories listed."),
    update: bool = typer.Option(False, "--update", help="Thread new articles first (embeds what has no vector)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="With --update: forget all threads and thread again."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of text."),
) -> None:
    """Stories carried by several outlets: size, outlets, first outlet, dates (newest first)."""

    def go() -> None:
        from propscope.stories import list_stories, update_stories

        if rebuild and not update:
            fail("--rebuild needs --update")
        since_d, until_d = _date(since, "--since"), _date(until, "--until")
        with user_errors():
            store = _open(db, must_exist=True)
            try:
                report = update_stories(store, rebuild=rebuild) if update else None
                stories = list_stories(store, since=since_d, until=until_d, outlet=outlet,
                                       min_articles=min_articles, limit=limit)
            finally:
                store.close()
        if as_json:
            out = {"stories": [s.to_json() for s in stories]}
            if report is not None:
                out["update"] = report.to_json()
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        if report is not None:
            typer.echo(f"threaded {report.threaded} new articles: {report.new_stories} new stories, "
                       f"{report.joined} joined a story, {report.copies} copies ({report.embedded} embedded)")
        if not stories:
            typer.echo("no stories (run `propscope stories --update` after an ingest)")
            return
        for s in stories:
            dates = s.first_published[:10] if s.first_published else "undated"
            if s.last_published and s.first_published and s.last_published[:10] != dates:
                dates += f"..{s.last_published[:10]}"
            typer.echo(f"{s.story_id}  {s.articles} articles  {dates}  first: {clean_line(s.first_outlet or '?')}")
            typer.echo(f"    {clean_line(s.title or '(no title)')}")
            typer.echo(f"    outlets: {clean_line(', '.join(s.outlets) or '?')}")

    run(lambda: _quiet_broken_pipe(go))


@app.command("story")
def story_command(
    story_id: str = typer.Argument(..., help="A story id (from `propscope stories`) or the id of any of its articles."),
    db: str | None = typer.Option(None, "--db", help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of text."),
) -> None:
    """One story: its articles in time order, relays between them, and how each outlet framed it."""

    def go() -> None:
        from propscope.stories import get_story

        with user_errors():
            store = _open(db, must_exist=True)
            try:
                story = get_story(store, story_id)
            finally:
                store.close()
        if story is None:
            fail(f"no story with id {story_id!r}; `propscope stories` lists them (after --update)")
        data = story.to_json()
        if as_json:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        typer.echo(f"story {story.story_id}: {len(story.members)} articles, first "
                   f"{clean_line(story.first.outlet or '?')} {story.first.published_at or 'undated'}")
        typer.echo(f"  {clean_line(data['title'] or '(no title)')}")
        typer.echo("\narticles (time order):")
        for m in story.members:
            how = "first" if m.method == "first" else f"{m.method} via {m.joined_via} ({m.score})"
            typer.echo(f"  {m.published_at or 'undated':25} {clean_line(m.outlet or '?'):20} {m.article_id}  {how}")
            typer.echo(f"      {clean_line(m.title or '')}")
        if story.relays:
            typer.echo("\nrelays:")
            for r in story.relays:
                named = f" ({clean_line(r.name)})" if r.name else ""
                typer.echo(f"  {r.article_id} <- {r.source_id}: {r.kind}{named}")
        typer.echo("\nframing per outlet:")
        for f in story.framing:
            typer.echo(f"  {clean_line(f.outlet)} ({len(f.articles)} article{'' if len(f.articles) == 1 else 's'}, "
                       f"{f.words} words)")
            for voice, rates in f.rates().items():
                top = ", ".join(f"{t} {r}" for t, r in sorted(rates.items(), key=lambda x: -x[1])[:5])
                typer.echo(f"    techniques per 1,000 words, {voice} voice: {top}")
            if f.quoted:
                typer.echo("    quoted: " + clean_line(", ".join(f"{s} ({n})" for s, n in f.quoted.most_common(8))))
            if f.left_out:
                typer.echo("    left out (quoted by others): " + clean_line(", ".join(f.left_out[:8])))

    run(lambda: _quiet_broken_pipe(go))
