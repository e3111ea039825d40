"""The one place where errors become HTTP responses, with one JSON shape.

Every error the server answers — a core :class:`~propscope.errors.PropscopeError`, a 404
or 405 from routing, a 422 from request validation (415 when a JSON body came as another
Content-Type), a 413 from a size limit, a 503 when every analysis slot is busy (with
``Retry-After``) or an analysis ran past its time (:mod:`propscope.web.limits`), a 500 — is

    {"error": {"code": "input.empty", "message": "the input is empty", "status": 422, ...}}

``code`` is the core error's stable code (``input.*``, ``pipeline.*``, ``store.*``…) or an
``http.*`` code for what only the web edge can get wrong; ``status`` repeats the HTTP status;
core errors add their context (``source``, ``article_id``, ``analyzer``) and validation
errors a ``details`` list.  Page requests (anything outside ``/api/``) get the same fields
rendered as an HTML error page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from propscope.errors import PropscopeError, TooLargeError
from propscope.web.pages_support import render_error_page

__all__ = [
    "HttpError",
    "error_body",
    "error_response",
    "install_error_handlers",
    "status_for",
]

log = logging.getLogger("propscope.web")


class HttpError(PropscopeError):
    """An error only the web edge can make (unknown page, missing token…), with its status."""

    code = "http"

    def __init__(self, status: int, message: str, *, code: str, headers: dict[str, str] | None = None,
                 **context: Any) -> None:
        super().__init__(message, code=code, **context)
        self.status = status
        self.headers = headers


#: core error code (or its prefix) -> HTTP status; the longest matching prefix wins.
STATUS_BY_CODE: dict[str, int] = {
    "input": 422,
    "input.too_large": 413,
    "input.unsupported": 415,
    "input.fetch": 502,
    "input.fetch_refused": 403,
    "analysis.timeout": 503,
    "pipeline": 400,
    "config": 400,
    "store": 500,
    "store.not_found": 404,
    "store.url": 500,
    "analysis": 500,
    "propscope": 500,
}

_STATUS_CODES = {400: "http.bad_request", 401: "http.unauthorized", 403: "http.forbidden", 404: "http.not_found",
                 405: "http.method_not_allowed", 406: "http.not_acceptable", 413: "http.too_large",
                 415: "http.unsupported_media_type", 422: "http.invalid", 429: "http.too_many_requests",
                 503: "http.busy"}


def status_for(error: PropscopeError) -> int:
    if isinstance(error, HttpError):
        return error.status
    code = error.code
    while code:
        if code in STATUS_BY_CODE:
            return STATUS_BY_CODE[code]
        code = code.rpartition(".")[0]
    return 500


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "status": status, **extra}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def error_response(request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
                   ) -> Response:
    if _wants_html(request):
        return render_error_page(request, status, body["error"], headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _from_core(request: Request, exc: PropscopeError) -> Response:
    status = status_for(exc)
    if status >= 500:
        log.error("%s", exc.one_line(), exc_info=exc)
    headers = exc.headers if isinstance(exc, HttpError) else None
    return error_response(request, status, {"error": {**exc.to_dict(), "status": status}}, headers)


def _from_http(request: Request, exc: StarletteHTTPException) -> Response:
    cause = exc.__cause__
    if isinstance(cause, PropscopeError):  # e.g. the body limit tripped while FastAPI read the body
        return _from_core(request, cause)
    status = exc.status_code
    code = _STATUS_CODES.get(status, f"http.{status}")
    if status == 404:
        message = f"nothing at {request.url.path}"
    elif status == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail) if exc.detail else "the request failed"
    headers = dict(exc.headers) if exc.headers else None
    return error_response(request, status, error_body(status, code, message), headers)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def _non_json_content_type(request: Request, errors: list[Any]) -> str | None:
    """The request's content type, when a JSON body was expected and the whole body was refused
    (or found missing) because it was not sent as JSON (curl's ``-d`` says form-urlencoded).

    FastAPI then validates the raw bytes and says "Input should be a valid dictionary", which
    names neither the cause nor the fix; the content type does both.
    """
    content_type = request.headers.get("content-type")
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "application/json" or mime.endswith("+json"):
        return None
    whole_body = any(tuple(e.get("loc", ())) == ("body",) for e in errors)
    return mime if whole_body else None


def _from_validation(request: Request, exc: RequestValidationError) -> Response:
    errors = list(exc.errors())
    details = [{"loc": _jsonable(list(e.get("loc", ()))), "type": e.get("type"), "message": e.get("msg")}
               for e in errors]
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(request, 400, error_body(400, "http.malformed", "the body is not valid JSON",
                                                       details=details))
    not_json = _non_json_content_type(request, errors)
    if not_json is not None:
        return error_response(request, 415, error_body(
            415, "http.unsupported_media_type",
            f"the body must be JSON sent with Content-Type: application/json (it came as {not_json})"))
    where = "; ".join(f"{'.'.join(str(p) for p in d['loc'])}: {d['message']}" for d in details[:5])
    return error_response(request, 422, error_body(422, "http.invalid", f"invalid request: {where}",
                                                   details=details))


def _from_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, error_body(
        500, "http.internal", f"internal error ({type(exc).__name__}); please report this"))


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: core errors, HTTP errors, validation, anything else (500)."""
    app.add_exception_handler(PropscopeError, _from_core)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _from_http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _from_validation)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _from_unexpected)


def too_large(limit: int) -> TooLargeError:
    return TooLargeError(f"the request body is over the {limit:,} byte limit", code="input.too_large")
