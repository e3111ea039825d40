"""``propscope serve``'s start-up: a busy port, port 0, and its help, without serving anything."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from propscope.cli import app


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[int]]]:
    """uvicorn's Server.run replaced by a recorder, so a test never blocks on a real server."""
    import uvicorn

    calls: list[list[int]] = []

    def run(self: Any, sockets: list[socket.socket] | None = None) -> None:
        calls.append([s.getsockname()[1] for s in sockets or []])
        self.started = True

    monkeypatch.setattr(uvicorn.Server, "run", run)
    yield calls


def test_web_serve_busy_port_is_one_line_and_exit_2(no_serving: list[Any]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port), "--db", "memory://", "-a", "quotes"])
    assert result.exit_code == 2, result.output
    assert f"port {port} on 127.0.0.1 is already in use; choose another with --port" in result.output
    assert "serving on" not in result.output
    assert no_serving == []


def test_web_serve_port_0_announces_the_bound_port(no_serving: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "0", "--db", "memory://", "-a", "quotes"])
    assert result.exit_code == 0, result.output
    [[port]] = no_serving  # the ports uvicorn was handed, one socket on 127.0.0.1
    assert port != 0
    assert f"serving on http://127.0.0.1:{port}/" in result.output


def test_web_serve_help_defaults_agree() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    option = text[text.index("--max-body"):text.index("--allow-host")]
    assert "5 MiB" in option
    assert "default: 0" not in option
