"""Fetching URLs safely: private addresses, redirects, DNS answers, size and time limits.

Only a local ``http.server`` on 127.0.0.1 is ever contacted: an autouse guard fails any
connection to another address, and host names are answered by a fake ``getaddrinfo``.
"""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from propscope.errors import FetchError, FetchRefusedError
from propscope.readers import fetch, read_sources
from propscope.readers.fetch import address_block_reason, fetch_url

ARTICLE = (Path(__file__).parent.parent / "data" / "readers" / "article.html").read_bytes()
_real_getaddrinfo = socket.getaddrinfo
_real_create_connection = socket.create_connection


class _Handler(http.server.BaseHTTPRequestHandler):
    stop: threading.Event

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/article":
            self._send(200, ARTICLE, {"Content-Type": "text/html; charset=utf-8"})
        elif url.path == "/redirect":
            self._send(302, headers={"Location": query["to"][0]})
        elif url.path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif url.path == "/big":
            self._send(200, b"x" * 5000, {"Content-Type": "text/plain"})
        elif url.path == "/big-unsized":
            self.protocol_version = "HTTP/1.0"
            self._send(200, b"y" * 5000, {"Content-Type": "text/plain"}, length=False)
        elif url.path == "/slow":
            self.stop.wait(3)
            self._send(200, b"late")
        elif url.path == "/text":
            self._send(200, b"The ferry left on time this morning, the operator said.", {"Content-Type": "text/plain"})
        elif url.path == "/host":
            self._send(200, (self.headers.get("Host") or "").encode(), {"Content-Type": "text/plain"})
        else:
            self._send(404, b"not here")

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, OSError):
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    stop = threading.Event()
    handler = type("Handler", (_Handler,), {"stop": stop})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{srv.server_address[1]}"
    stop.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test on any connection to a non-loopback address."""

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if not ipaddress.ip_address(address[0]).is_loopback:
            raise AssertionError(f"test tried to connect to {address[0]}")
        return _real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


def fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[list[str]]]) -> dict[str, int]:
    """Answer host names from ``table`` (a list of answers per successive call); count calls."""
    calls: dict[str, int] = {}

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if host in table:
            n = calls.get(host, 0)
            calls[host] = n + 1
            answers = table[host][min(n, len(table[host]) - 1)]
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, int(port or 0), 0, 0) if ":" in a else (a, int(port or 0)))
                for a in answers
            ]
        return _real_getaddrinfo(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


@pytest.fixture()
def loopback_counts_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend 127.0.0.1 is a public address, so the local server can stand in for the internet."""
    real = fetch.address_block_reason
    monkeypatch.setattr(fetch, "address_block_reason",
                        lambda ip: None if str(ip) == "127.0.0.1" else real(ip))


def test_fetch_refuses_loopback_by_default(server: str) -> None:
    with pytest.raises(FetchRefusedError) as info:
        fetch_url(f"http://{server}/article")
    assert "loopback" in info.value.message and "--allow-private" in info.value.message
    assert info.value.source == f"http://{server}/article"


def test_fetch_allows_loopback_with_allow_private(server: str) -> None:
    fetched = fetch_url(f"http://{server}/article", allow_private=True)
    assert fetched.content == ARTICLE
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.url == f"http://{server}/article"


def test_fetch_follows_redirects_and_reports_the_final_url(server: str) -> None:
    fetched = fetch_url(f"http://{server}/redirect?to=/article", allow_private=True)
    assert fetched.url == f"http://{server}/article"


@pytest.mark.usefixtures("loopback_counts_as_public")
@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://metadata.test/latest/meta-data", "link-local"),
        ("http://10.0.0.7/admin", "private"),
        ("http://[::ffff:127.0.0.2]/", "loopback"),
    ],
)
def test_fetch_refuses_redirect_to_private(server: str, monkeypatch: pytest.MonkeyPatch, target: str,
                                           reason: str) -> None:
    fake_dns(monkeypatch, {"metadata.test": [["169.254.169.254"]]})
    with pytest.raises(FetchRefusedError) as info:
        fetch_url(f"http://{server}/redirect?to={target}")
    assert reason in info.value.message


@pytest.mark.usefixtures("loopback_counts_as_public")
def test_fetch_refuses_redirect_to_other_schemes(server: str) -> None:
    with pytest.raises(FetchRefusedError, match="only http and https"):
        fetch_url(f"http://{server}/redirect?to=file:///etc/passwd")


def test_fetch_refuses_host_when_any_answer_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"mixed.test": [["93.184.215.14", "10.1.2.3"]]})
    with pytest.raises(FetchRefusedError, match="10.1.2.3"):
        fetch_url("http://mixed.test/news")


@pytest.mark.usefixtures("loopback_counts_as_public")
def test_fetch_connects_to_the_address_it_vetted(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: a second lookup would answer 10.9.9.9; there is none, and Host keeps the name."""
    port = server.split(":")[1]
    calls = fake_dns(monkeypatch, {"news.test": [["127.0.0.1"], ["10.9.9.9"]]})
    fetched = fetch_url(f"http://news.test:{port}/host")
    assert fetched.content == f"news.test:{port}".encode()
    assert calls["news.test"] == 1


def test_fetch_size_limit_with_content_length(server: str) -> None:
    with pytest.raises(FetchError, match="over the 1000-byte limit"):
        fetch_url(f"http://{server}/big", allow_private=True, max_bytes=1000)


def test_fetch_size_limit_without_content_length_aborts_the_stream(server: str) -> None:
    with pytest.raises(FetchError, match="download aborted"):
        fetch_url(f"http://{server}/big-unsized", allow_private=True, max_bytes=1000)
    assert fetch_url(f"http://{server}/big-unsized", allow_private=True, max_bytes=6000).content == b"y" * 5000


def test_fetch_read_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"http://{server}/slow", allow_private=True, timeout=0.3)
    assert time.monotonic() - started < 2


def test_fetch_non_2xx_is_a_fetch_error(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"http://{server}/missing", allow_private=True)


def test_fetch_too_many_redirects(server: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"http://{server}/loop", allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.test/a", "file:///etc/passwd", "gopher://x.test/"])
def test_fetch_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchRefusedError):
        fetch_url(url)


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"),
        ("127.0.0.1", "loopback"), ("169.254.169.254", "link-local"), ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"), ("100.64.0.1", "not globally routable"),
        ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"), ("ff02::1", "multicast"),
        ("::", "unspecified"), ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
        ("::127.0.0.1", "loopback"), ("2002:7f00:1::1", "loopback"), ("2002:a00:1::1", "private"),
        ("64:ff9b::a00:1", "private"), ("64:ff9b:1::1", "private"),
        ("93.184.215.14", None), ("2606:4700:4700::1111", None), ("64:ff9b::5db8:d70e", None),
    ],
)
def test_fetch_address_block_reason(address: str, blocked: str | None) -> None:
    reason = address_block_reason(ipaddress.ip_address(address))
    if blocked is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(blocked)


def test_fetch_read_sources_reads_a_fetched_page(server: str) -> None:
    (result,) = read_sources([f"http://{server}/redirect?to=/article"], fetch=True, allow_private=True)
    assert result.source == f"http://{server}/redirect?to=/article"
    assert result.article is not None
    assert result.article.url == f"http://{server}/article"
    assert result.article.title == "Harbour authority delays vote on port expansion"


def test_fetch_read_sources_plain_text_url(server: str) -> None:
    (result,) = read_sources([f"http://{server}/text"], fetch=True, allow_private=True, has_title_line=False)
    assert result.article is not None
    assert result.article.text == "The ferry left on time this morning, the operator said."
    assert result.article.url == f"http://{server}/text"


def test_fetch_read_sources_without_fetch_is_an_error_result() -> None:
    (result,) = read_sources(["https://news.example/a"])
    assert isinstance(result.error, FetchRefusedError)
    assert "pass --fetch to fetch URLs" in result.error.one_line()


def test_fetch_read_sources_refuses_loopback_without_allow_private(server: str) -> None:
    (result,) = read_sources([f"http://{server}/article"], fetch=True)
    assert isinstance(result.error, FetchRefusedError)
