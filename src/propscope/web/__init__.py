"""The analyst's workbench: web pages and the HTTP API (``propscope serve``).

``create_app(WebSettings(...))`` builds the FastAPI app; see ``docs/web.md``.

The app (FastAPI and everything under it) is imported on first use of these names, not with
the package: the CLI reads ``propscope.web.limits`` for ``serve``'s help texts, and every
``propscope`` process (``analyze``'s workers included, which re-import the CLI's script)
would otherwise pay about 0.4 CPU-seconds to import a web stack it never runs (issue 14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from propscope.web.app import DEFAULT_MAX_BODY, WebSettings, create_app

__all__ = ["DEFAULT_MAX_BODY", "WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from propscope.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'propscope.web' has no attribute {name!r}")
