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
from propscope.web.routes import api, pages, stories
from propscope.web.limits import LIMITS, AnalysisGate, InputLimits, check_limit, limit
from propscope.web.security import LOOPBACK_NAMES, GuardMiddleware, check_bind, is_loopback

__all__ = ["DEFAULT_MAX_BODY", "WebSettings", "create_app"]

#: Largest request body accepted (bytes); ``--max-body`` / ``$PROPSCOPE_MAX_BODY`` change it.
DEFAULT_MAX_BODY = int(limit("max_body").default)


@dataclass(frozen=True)
class WebSettings:
    """How one server runs; ``propscope serve`` fills it from its options."""

    db: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    fetch: bool = False
    token: str | None = None
    analyzers: tuple[str, ...] = DEFAULT_ANALYZERS
    # What one request may cost (propscope.web.limits declares each: default, option, variable).
    max_body: int = DEFAULT_MAX_BODY
    max_input: int = int(limit("max_input").default)
    max_tags: int = int(limit("max_tags").default)
    max_text: int = int(limit("max_text").default)
    analysis_timeout: float = float(limit("analysis_timeout").default)
    max_analyses: int = int(limit("max_analyses").default)
    analysis_wait: float = float(limit("analysis_wait").default)
    #: Host names served; None: loopback names (and ``host``), or anything when bound to all.
    allowed_hosts: tuple[str, ...] | None = None
    extra_hosts: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for item in LIMITS:
            check_limit(item, getattr(self, item.field))

    @property
    def input_limits(self) -> InputLimits:
        return InputLimits(self.max_input, self.max_tags, self.max_text)

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
        for item in LIMITS:
            if os.environ.get(item.env):
                env[item.field] = item.parse(os.environ[item.env])
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
            app.state.gate.close()
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
    app.state.gate = AnalysisGate(settings.max_analyses, wait=settings.analysis_wait,
                                  timeout=settings.analysis_timeout)
    install_error_handlers(app)
    app.add_middleware(GuardMiddleware, max_body=settings.max_body, allowed_hosts=settings.hosts())

    app.include_router(api.router)
    app.include_router(stories.api_router)
    app.include_router(pages.router)
    app.include_router(stories.page_router)
    app.mount("/static/report", StaticFiles(directory=str(files("propscope.report").joinpath("static"))),
              name="report-static")
    app.mount("/static", StaticFiles(directory=str(files("propscope.web").joinpath("static"))), name="static")
    return app


def analyzer_names(app: FastAPI) -> Sequence[str]:
    pipe = app.state.pipeline
    return pipe.names if pipe is not None else list(app.state.settings.analyzers)
