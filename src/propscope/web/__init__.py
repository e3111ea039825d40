"""The analyst's workbench: web pages and the HTTP API (``propscope serve``).

``create_app(WebSettings(...))`` builds the FastAPI app; see ``docs/web.md``.
"""

from propscope.web.app import DEFAULT_MAX_BODY, WebSettings, create_app

__all__ = ["DEFAULT_MAX_BODY", "WebSettings", "create_app"]
