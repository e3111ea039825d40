"""``propscope serve``: the web pages and the HTTP API (FastAPI on uvicorn).

Argument handling only: the app is :func:`propscope.web.create_app`.  The listening
sockets are bound here, before uvicorn runs, so that a busy port is one line and exit 2
(uvicorn alone logs its own error and exits 3, propscope's "internal error" code), and so
that "serving on" is printed only once the address is really ours, with the real port
(``--port 0`` picks a free one).
"""

from __future__ import annotations

import errno
import os
import socket

import typer

from propscope.cli.app import app, run
from propscope.errors import ConfigError
from propscope.web.limits import limit

__all__ = ["serve_command"]


@app.command("serve")
def serve_command(
    db: str | None = typer.Option(None, "--db", help="Corpus database URL (default: $PROPSCOPE_DB or "
                                                     "sqlite:///propscope.db); memory:// for a throwaway one."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but loopback needs --token."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    fetch: bool = typer.Option(False, "--fetch", help="Let the server fetch URLs (public addresses only)."),
    token: str | None = typer.Option(None, "--token", envvar="PROPSCOPE_TOKEN",
                                     help="Token that storing needs (Authorization: Bearer TOKEN)."),
    analyzers: list[str] = typer.Option([], "--analyzers", "-a", help="Analyzers to run (comma-separated; "
                                                                       "default: as propscope analyze)."),
    max_body: int | None = typer.Option(None, "--max-body", min=1, show_default=False,
                                        help=limit("max_body").option_help()),
    max_input: int | None = typer.Option(None, "--max-input", min=1, show_default=False,
                                         help=limit("max_input").option_help()),
    max_tags: int | None = typer.Option(None, "--max-tags", min=1, show_default=False,
                                        help=limit("max_tags").option_help()),
    max_text: int | None = typer.Option(None, "--max-text", min=1, show_default=False,
                                        help=limit("max_text").option_help()),
    analysis_timeout: float | None = typer.Option(None, "--analysis-timeout", min=0.001, show_default=False,
                                                  help=limit("analysis_timeout").option_help()),
    max_analyses: int | None = typer.Option(None, "--max-analyses", min=1, show_default=False,
                                            help=limit("max_analyses").option_help()),
    analysis_wait: float | None = typer.Option(None, "--analysis-wait", min=0, show_default=False,
                                               help=limit("analysis_wait").option_help()),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another Host name to answer to (repeatable)."),
) -> None:
    """Serve the analyst's workbench: web pages and the HTTP API under /api/v1."""

    def go() -> None:
        import uvicorn

        from propscope.web import WebSettings, create_app

        names = tuple(p.strip() for v in analyzers for p in v.split(",") if p.strip())
        settings = WebSettings.from_env(db=db, host=host, port=port, fetch=fetch, token=token or None,
                                        analyzers=names or None, max_body=max_body, max_input=max_input,
                                        max_tags=max_tags, max_text=max_text, analysis_timeout=analysis_timeout,
                                        max_analyses=max_analyses, analysis_wait=analysis_wait,
                                        extra_hosts=tuple(allow_host) or None)
        sockets = listen(host, port)  # first: a busy port fails before the models load
        try:  # build the pipeline and open the store now, so a bad option fails here, in one line
            from propscope.pipeline import Pipeline
            from propscope.store import open_store

            pipeline = Pipeline.build(settings.analyzers)
            store = open_store(settings.db)
            try:
                application = create_app(settings, pipeline=pipeline, store=store)
                bound = sockets[0].getsockname()[1]
                shown = f"[{host}]" if ":" in host else host
                typer.echo(f"propscope: serving on http://{shown}:{bound}/ (API docs at /docs; Ctrl-C stops)",
                           err=True)
                config = uvicorn.Config(application, host=host, port=bound, log_level="warning",
                                        access_log=False, server_header=False, proxy_headers=False)
                uvicorn.Server(config).run(sockets=sockets)
            finally:
                store.close()
        finally:
            for sock in sockets:
                sock.close()

    run(go)


def listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for every address ``host`` names (``localhost``: IPv4 and IPv6), as
    asyncio would bind them; with port 0, all on the port the first one was given.  Connections
    wait in the backlog until uvicorn, handed these sockets, accepts them.

    Raises :class:`ConfigError` (``config.listen``) with a message that says what to change.
    """
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host}: {exc.strerror}; choose another with --host",
                          code="config.listen") from exc
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _, address in dict.fromkeys(infos):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            if os.name == "posix":  # restart at once after a stop; on Windows it would allow stealing the port
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if len(sockets) > 1:  # the same port on every address, also when port 0 let the first choose
                address = (address[0], sockets[0].getsockname()[1], *address[2:])
            sock.bind(address)
            sock.listen(socket.SOMAXCONN)  # now, so another server cannot bind the port while models load
    except OSError as exc:
        for sock in sockets:
            sock.close()
        raise ConfigError(_bind_problem(host, port, exc), code="config.listen") from exc
    return sockets


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    """What went wrong binding ``host:port``, in words that name the option to change."""
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use; choose another with --port"
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port} on {host}; choose another (1024 or above) with --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine; choose another with --host"
    return f"cannot listen on port {port} on {host}: {exc.strerror or exc}"
