"""The server's guards: body size, Host and Origin checks, security headers, write tokens.

* **Body limit.**  ``Content-Length`` over the limit is refused before anything is read;
  a body without one (chunked) is counted while it is read and refused as soon as it
  passes the limit.  Both answer 413 in the one JSON error shape.
* **Host check.**  Only the names the server was started for (loopback names when it
  listens on loopback) are served, which stops DNS-rebinding pages from reading a local
  server.  **Origin check.**  A state-changing request (POST…) whose ``Origin`` names
  another site is refused: a web page cannot make a local server store articles.
* **Headers.**  A Content-Security-Policy with no inline script at all (pages load
  ``/static/*.js``; an article page's label colours are one inline stylesheet allowed by its
  sha256; the policy and the hashes are :mod:`propscope.web.csp`), ``frame-ancestors 'none'``,
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``.
* **Tokens.**  Writes (storing an analysis) need ``Authorization: Bearer TOKEN`` (or the
  form field ``token``) when the server has a token; a server listening on anything but
  loopback must have one (:func:`check_bind`).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from propscope.errors import ConfigError
from propscope.web.csp import content_security_policy
from propscope.web.errors import HttpError, error_body, too_large

__all__ = [
    "LOOPBACK_NAMES",
    "GuardMiddleware",
    "check_bind",
    "check_token",
    "is_loopback",
]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve anything but loopback without a write token."""
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"refusing to listen on {host} without a token: pass --token TOKEN (or $PROPSCOPE_TOKEN), "
            "or listen on 127.0.0.1", code="config.token")


def check_token(expected: str | None, given: str | None) -> None:
    """Raise 401 unless ``given`` matches ``expected`` (no token configured: writes are open)."""
    if not expected:
        return
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HttpError(401, "this server needs a token to store articles: send Authorization: Bearer TOKEN",
                        code="http.unauthorized")


def bearer(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class GuardMiddleware:
    """Body limit, Host and Origin checks and security headers, around the whole app."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Iterable[str] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str, message: str) -> None:
        body = json.dumps(error_body(status, code, message)).encode("utf-8")
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"content-security-policy", content_security_policy().encode()), *_BASE_HEADERS]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _host_ok(self, scope: Scope) -> bool:
        if self.allowed_hosts is None:
            return True
        host = ""
        for name, value in scope.get("headers", ()):
            if name == b"host":
                host = value.decode("latin-1").lower()
        if host.startswith("["):
            name = host[1:].partition("]")[0]
        else:
            name = host.rpartition(":")[0] if host.count(":") == 1 else host
        return name in self.allowed_hosts or host in self.allowed_hosts

    def _origin_ok(self, scope: Scope) -> bool:
        """Same-origin (or not from a browser page at all); cross-site and same-site-other-port are refused."""
        headers = {k: v.decode("latin-1") for k, v in scope.get("headers", ())}
        site = headers.get(b"sec-fetch-site")
        if site is not None:  # every current browser sends it
            return site in ("same-origin", "none")
        origin = headers.get(b"origin")
        if origin is None or origin == "":
            return True  # not a browser: curl, httpx, scripts
        if origin == "null":
            return False
        try:
            netloc = urlsplit(origin).netloc.lower()
        except ValueError:
            return False
        return bool(netloc == headers.get(b"host", "").lower())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._host_ok(scope):
            await self._refuse(scope, send, 400, "http.bad_host",
                               "this server does not answer to that Host name")
            return
        if scope["method"] in _UNSAFE and not self._origin_ok(scope):
            await self._refuse(scope, send, 403, "http.cross_origin",
                               "a cross-site request may not change anything here")
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._refuse(scope, send, 400, "http.bad_request", "Content-Length is not a number")
                    return
                if declared > self.max_body:
                    await self._refuse(scope, send, 413, "input.too_large", too_large(self.max_body).message)
                    return
        limit = self.max_body
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large(limit)
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k != b"content-security-policy"]
                state: dict[str, Any] = scope.get("state") or {}
                styles = state.get("csp_styles", ())
                headers.append((b"content-security-policy", content_security_policy(styles).encode()))
                headers.extend(_BASE_HEADERS)
                if scope.get("path", "").startswith("/api/"):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)
