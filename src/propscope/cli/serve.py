"""``propscope serve``: the web pages and the HTTP API (FastAPI on uvicorn).

Argument handling only: the app is :func:`propscope.web.create_app`.
"""

from __future__ import annotations

import typer

from propscope.cli.app import app, fail, run
from propscope.errors import PropscopeError

__all__ = ["serve_command"]


@app.command("serve")
def serve_command(
    db: str | None = typer.Option(None, "--db", help="Corpus database URL (default: $PROPSCOPE_DB or "
                                                     "sqlite:///propscope.db); memory:// for a throwaway one."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but loopback needs --token."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    fetch: bool = typer.Option(False, "--fetch", help="Let the server fetch URLs (public addresses only)."),
    token: str | None = typer.Option(None, "--token", envvar="PROPSCOPE_TOKEN",
                                     help="Token that storing needs (Authorization: Bearer TOKEN)."),
    analyzers: list[str] = typer.Option([], "--analyzers", "-a", help="Analyzers to run (comma-separated; "
                                                                       "default: as propscope analyze)."),
    max_body: int = typer.Option(0, "--max-body", min=0, help="Largest request body in bytes (default 5 MiB)."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another Host name to answer to (repeatable)."),
) -> None:
    """Serve the analyst's workbench: web pages and the HTTP API under /api/v1."""

    def go() -> None:
        import uvicorn

        from propscope.web import WebSettings, create_app

        names = tuple(p.strip() for v in analyzers for p in v.split(",") if p.strip())
        settings = WebSettings.from_env(db=db, host=host, port=port, fetch=fetch, token=token or None,
                                        analyzers=names or None, max_body=max_body or None,
                                        extra_hosts=tuple(allow_host) or None)
        try:  # build the pipeline and open the store now, so a bad option fails here, in one line
            from propscope.pipeline import Pipeline
            from propscope.store import open_store

            pipeline = Pipeline.build(settings.analyzers)
            store = open_store(settings.db)
            application = create_app(settings, pipeline=pipeline, store=store)
        except PropscopeError as exc:
            fail(exc.one_line())
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"propscope: serving on http://{shown}:{port}/ (API docs at /docs; Ctrl-C stops)", err=True)
        try:
            uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False,
                        server_header=False, proxy_headers=False)
        finally:
            store.close()

    run(go)
