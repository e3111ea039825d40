"""The web application: one FastAPI app, built by :func:`create_app`.

The pipeline is built and the store opened once per process, in the app's lifespan (or
handed in, for tests), and kept on ``app.state``; routes read them from there.  Nothing
here analyses, searches or profiles: the routes call :mod:`propscope.api`,
:mod:`propscope.readers`, the :class:`~propscope.pipeline.Pipeline`, the store and
:mod:`propscope.corpus`, exactly as the CLI does.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from propscope.pipeline import DEFAULT_ANALYZERS, Pipeline
from propscope.store.base import Store
from propscope.version import __version__
from propscope.web.errors import install_error_handlers
from propscope.web.routes import api, pages
from propscope.web.security import LOOPBACK_NAMES, GuardMiddleware, check_bind, is_loopback

__all__ = ["DEFAULT_MAX_BODY", "WebSettings", "create_app"]

#: Largest request body accepted (bytes); ``--max-body`` / ``$PROPSCOPE_MAX_BODY`` change it.
DEFAULT_MAX_BODY = 5 * 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """How one server runs; ``propscope serve`` fills it from its options."""

    db: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    fetch: bool = False
    token: str | None = None
    analyzers: tuple[str, ...] = DEFAULT_ANALYZERS
    max_body: int = DEFAULT_MAX_BODY
    #: Host names served; None: loopback names (and ``host``), or anything when bound to all.
    allowed_hosts: tuple[str, ...] | None = None
    extra_hosts: tuple[str, ...] = field(default_factory=tuple)

    def hosts(self) -> tuple[str, ...] | None:
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if self.host in ("0.0.0.0", "::", ""):
            return None
        names = [self.host.strip("[]"), *self.extra_hosts]
        if is_loopback(self.host):
            names += [n.strip("[]") for n in LOOPBACK_NAMES]
        return tuple(dict.fromkeys(n.lower() for n in names))

    @classmethod
    def from_env(cls, **overrides: Any) -> WebSettings:
        env: dict[str, Any] = {}
        if os.environ.get("PROPSCOPE_TOKEN"):
            env["token"] = os.environ["PROPSCOPE_TOKEN"]
        if os.environ.get("PROPSCOPE_MAX_BODY"):
            env["max_body"] = int(os.environ["PROPSCOPE_MAX_BODY"])
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)


def create_app(settings: WebSettings | None = None, *, pipeline: Pipeline | None = None,
               store: Store | None = None) -> FastAPI:
    """The app.  ``pipeline`` and ``store`` default to ones built from ``settings`` at startup."""
    settings = settings or WebSettings()
    check_bind(settings.host, settings.token)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own_store = store is None
        app.state.pipeline = pipeline or Pipeline.build(settings.analyzers)
        if store is None:
            from propscope.store import open_store

            app.state.store = open_store(settings.db)
        try:
            yield
        finally:
            if own_store:
                app.state.store.close()

    app = FastAPI(
        title="propscope",
        version=__version__,
        summary="Analyse news for information manipulation: the HTTP API under /api/v1.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's /docs and /redoc load scripts from a CDN; ours is offline
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.pipeline = pipeline
    app.state.store = store
    install_error_handlers(app)
    app.add_middleware(GuardMiddleware, max_body=settings.max_body, allowed_hosts=settings.hosts())

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/report", StaticFiles(directory=str(files("propscope.report").joinpath("static"))),
              name="report-static")
    app.mount("/static", StaticFiles(directory=str(files("propscope.web").joinpath("static"))), name="static")
    return app


def analyzer_names(app: FastAPI) -> Sequence[str]:
    pipe = app.state.pipeline
    return pipe.names if pipe is not None else list(app.state.settings.analyzers)
