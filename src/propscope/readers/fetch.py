"""Fetch one URL, safely: only http(s), timeouts, a size limit, no way into a private network.

How private addresses are kept out (server-side request forgery):

* Redirects are followed *by hand* (at most ``max_redirects``), so every hop goes through
  the same checks as the first request; only ``http`` and ``https`` are accepted.
* The host is resolved, and **every** address it resolves to is vetted, inside the
  connection step itself: a custom httpcore network backend (:class:`_VettingBackend`)
  calls ``socket.getaddrinfo``, refuses the connection if *any* answer is private,
  loopback, link-local, multicast, reserved, unspecified, shared (CGNAT) or otherwise not
  globally routable — including IPv4 addresses hidden in IPv6 (IPv4-mapped
  ``::ffff:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, 6to4 ``2002::/16``, Teredo, NAT64
  ``64:ff9b::/96``) — and then connects to one of *those same* addresses.  There is no
  second DNS lookup between the check and the connection, which defeats DNS rebinding.
* The URL keeps its host name, so the ``Host`` header, TLS SNI and certificate
  verification all use the name, as in any ordinary request.
* The client ignores proxy environment variables (a proxy would hide the real peer).

``allow_private=True`` turns the address check off (an intranet deployment, or tests).
Not covered: the time DNS resolution itself takes (``getaddrinfo`` has no timeout).

The vetting backend is installed by replacing ``httpx.HTTPTransport``'s private ``_pool``
with an ``httpcore.ConnectionPool(network_backend=...)``; httpx is pinned (0.28.1) and the
tests check that the backend is used.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import httpcore
import httpx

from propscope.errors import FetchError, FetchRefusedError
from propscope.readers.base import MAX_INPUT_BYTES
from propscope.version import __version__

__all__ = ["DEFAULT_TIMEOUT", "MAX_REDIRECTS", "Fetched", "address_block_reason", "fetch_url", "is_url"]

DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
#: Whole-transfer deadline: a server dripping one byte per read timeout cannot hold us forever.
DEFAULT_TOTAL_TIMEOUT = 60.0
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = f"propscope/{__version__} (news analysis)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class Fetched(NamedTuple):
    """A fetched resource: where the redirects ended, its Content-Type, and its bytes."""

    url: str
    content_type: str | None
    content: bytes


def is_url(text: str) -> bool:
    """Does ``text`` look like an http(s) URL (as opposed to a path)?"""
    head = text[:8].lower()
    return head.startswith(("http://", "https://"))


def address_block_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched from (``"loopback"``, ``"private"``...), or ``None``."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: list[IPAddress] = []
        if ip.ipv4_mapped is not None:
            embedded.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            embedded.append(ip.sixtofour)
        if ip.teredo is not None:
            embedded.extend(ip.teredo)
        if ip in _NAT64:  # judged by the IPv4 address it translates to (DNS64 networks)
            inner4 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
            reason = address_block_reason(inner4)
            return f"{reason} (embedded in {ip})" if reason else None
        if ip in _NAT64_LOCAL:
            return "private (local-use NAT64)"
        if ip in _IPV4_COMPATIBLE and int(ip) > 1:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        for inner in embedded:
            reason = address_block_reason(inner)
            if reason:
                return f"{reason} (embedded in {ip})"
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:
        return "not globally routable"
    return None


Resolver = Callable[[str, int], list[tuple[Any, ...]]]


def _resolve(host: str, port: int) -> list[tuple[Any, ...]]:
    # looked up at call time so that tests can monkeypatch socket.getaddrinfo
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)


def vet_host(host: str, port: int, *, allow_private: bool, url: str | None = None) -> list[str]:
    """Resolve ``host`` and return its addresses; refuse if any of them is not public."""
    try:
        infos = _resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", source=url) from exc
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"host {host!r} has no address", source=url)
    if not allow_private:
        for address in addresses:
            try:
                ip = ipaddress.ip_address(address.split("%", 1)[0])
            except ValueError as exc:
                raise FetchRefusedError(f"host {host!r} resolved to an unparsable address {address!r}", source=url) from exc
            reason = address_block_reason(ip)
            if reason:
                raise FetchRefusedError(
                    f"refusing to fetch from {host!r}: it resolves to {address}, a {reason} address "
                    "(pass --allow-private to allow)",
                    source=url,
                )
    return addresses


class _VettingBackend(httpcore.NetworkBackend):
    """Resolves, vets every address, then connects to a vetted address (no second lookup)."""

    def __init__(self, *, allow_private: bool, url: str | None) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self.url = url
        self.connected: list[tuple[str, str, int]] = []  # (host, address, port): for tests and logs

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = vet_host(host, port, allow_private=self._allow_private, url=self.url)
        last: Exception | None = None
        for address in addresses:
            try:
                # a numeric address: create_connection does no DNS lookup for it
                stream = self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            self.connected.append((host, address, port))
            return stream
        assert last is not None
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise FetchRefusedError("unix sockets are not fetched", source=self.url)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _transport(backend: _VettingBackend) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    ssl_context = httpx.create_ssl_context(trust_env=False)
    transport._pool = httpcore.ConnectionPool(  # private attribute: see the module docstring
        ssl_context=ssl_context,
        max_connections=4,
        network_backend=backend,
    )
    return transport


def _check_scheme(url: httpx.URL, source: str) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchRefusedError(f"only http and https URLs are fetched, not {url.scheme or 'this'}: {url}", source=source)
    if not url.host:
        raise FetchError(f"the URL has no host: {url}", source=source)


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    connect_timeout: float | None = None,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    max_bytes: int = MAX_INPUT_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    user_agent: str = _USER_AGENT,
) -> Fetched:
    """GET ``url`` and return the final URL, its Content-Type and its body.

    Raises :class:`FetchRefusedError` for a non-http(s) URL or a non-public address (on any
    hop), :class:`FetchError` for network failures, timeouts, a non-2xx status, too many
    redirects or a body over ``max_bytes`` (the transfer is aborted as soon as it is).
    """
    source = url
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"not a valid URL: {exc}", source=source) from exc
    backend = _VettingBackend(allow_private=allow_private, url=source)
    limits = httpx.Timeout(timeout, connect=connect_timeout if connect_timeout is not None else timeout)
    deadline = time.monotonic() + total_timeout
    headers = {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/*;q=0.8"}
    try:
        with httpx.Client(transport=_transport(backend), timeout=limits, follow_redirects=False, trust_env=False) as client:
            for _hop in range(max_redirects + 1):
                _check_scheme(current, source)
                with client.stream("GET", current, headers=headers) as response:
                    if response.status_code in _REDIRECT_CODES:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"HTTP {response.status_code} redirect without a Location", source=source)
                        try:
                            current = current.join(location)
                        except (httpx.InvalidURL, ValueError) as exc:
                            raise FetchError(f"invalid redirect target {location!r}: {exc}", source=source) from exc
                        continue
                    if not 200 <= response.status_code < 300:
                        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                        raise FetchError(f"HTTP {response.status_code}{phrase} from {current}", source=source)
                    content = _read_limited(response, max_bytes, deadline, source)
                    return Fetched(str(current), response.headers.get("content-type"), content)
            raise FetchError(f"too many redirects (more than {max_redirects})", source=source)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out ({type(exc).__name__}) fetching {current}", source=source) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch {current}: {type(exc).__name__}: {exc}", source=source) from exc


def _read_limited(response: httpx.Response, max_bytes: int, deadline: float, source: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the response is {int(declared)} bytes, over the {max_bytes}-byte limit", source=source)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded (gzip...) bytes: a compression bomb counts in full
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the response is over the {max_bytes}-byte limit; download aborted", source=source)
        if time.monotonic() > deadline:
            raise FetchError("the download took too long; aborted", source=source)
        chunks.append(chunk)
    return b"".join(chunks)
