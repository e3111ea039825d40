"""Rendering pages: one Jinja2 environment with autoescaping on for every template.

Nothing from an analysis or the corpus is ever marked safe; the only ``Markup`` the pages
receive is built by :mod:`propscope.web.charts` (escaped SVG) and
:func:`propscope.report.html.json_for_script` (JSON that cannot close its element).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from propscope.report.registry import in_marks
from propscope.report.dates import show_date
from propscope.version import __version__
from propscope.web.csp import csp_hash

__all__ = ["render", "render_error_page"]


def _segment(value: Any) -> str:
    """A value as one URL path segment (``/`` included is escaped)."""
    return quote(str(value), safe="")


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", 0) or k == "offset" and v})


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("propscope.web", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["segment"] = _segment
    env.filters["day"] = show_date  # one date format on every page
    env.filters["in_marks"] = in_marks  # returns plain text: still escaped
    env.globals["query"] = _query
    env.globals["version"] = __version__
    return env


def render(request: Request, template: str, *, status: int = 200, styles: tuple[str, ...] = (),
           headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    """Render ``template``; ``styles`` are inline stylesheets the page's CSP allows by hash."""
    if styles:
        request.state.csp_styles = tuple(csp_hash(s) for s in styles)
    settings = request.app.state.settings
    html = environment().get_template(template).render(
        request_path=request.url.path,
        fetch_enabled=settings.fetch,
        token_required=bool(settings.token),
        # our own stylesheets (label colours from validated #rrggbb), allowed by hash in the CSP
        inline_styles=[Markup(s) for s in styles],
        **context,
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def render_error_page(request: Request, status: int, error: dict[str, Any],
                      headers: dict[str, str] | None = None) -> HTMLResponse:
    return render(request, "error.html.j2", status=status, headers=headers, error=error, status_code=status)
