"""Browser tests: the server in a thread on 127.0.0.1, headless Chromium from Debian, driven by Playwright.

Skipped, with the reason, only when Chromium (``/usr/bin/chromium``, or ``$PROPSCOPE_CHROMIUM``)
or the ``playwright`` package is missing; ``scripts/ci-browser.sh`` installs both.
Playwright never downloads a browser here: it launches the Debian binary by path.
Screenshots go to ``$PROPSCOPE_SCREENSHOTS`` (default ``out/screenshots``); the run prints
where.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PROPSCOPE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("PROPSCOPE_SCREENSHOTS") or ROOT / "out" / "screenshots").resolve()
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
#: The richest pipeline that builds here, tried in order (the techniques model may not be shipped yet).
PIPELINES = (
    ("quotes", "entities", "attribution", "sources", "techniques", "voice"),
    ("quotes", "entities", "attribution", "sources"),
    ("quotes", "entities", "attribution"),
    ("quotes", "entities", "sources"),
    ("quotes", "entities"),
    ("quotes",),
)
_taken: list[Path] = []


def _skip_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: run scripts/ci-browser.sh (apt-get install chromium chromium-driver)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed: run scripts/ci-browser.sh"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _skip_reason()
    if reason:
        for item in items:
            if "e2e" in item.nodeid.split("/"):
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _taken:
        terminalreporter.write_line(f"propscope e2e: {len(_taken)} screenshots in {SCREENSHOTS}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_pipeline() -> Any:
    from propscope.errors import PropscopeError
    from propscope.pipeline import Pipeline

    last: Exception | None = None
    for names in PIPELINES:
        try:
            return Pipeline.build(names)
        except PropscopeError as exc:
            last = exc
    raise AssertionError(f"no pipeline builds: {last}")


def fake_pipeline() -> Any:
    """The model-free analyzer of the unit tests, which makes technique and attribution layers."""
    spec = importlib.util.spec_from_file_location("test_web_fakes", ROOT / "tests" / "unit" / "test_web_fakes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from propscope.pipeline import Pipeline

    return Pipeline([module.FakeLayers()])


class Server:
    """``create_app`` under uvicorn in a thread, on a free loopback port."""

    def __init__(self, pipeline: Any) -> None:
        import uvicorn

        from propscope.store import open_store
        from propscope.web import WebSettings, create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pipeline = pipeline
        app = create_app(WebSettings(db="memory://", port=self.port), pipeline=pipeline, store=open_store("memory://"))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False,
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:  # noqa: PYI034
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data-dir
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900}, service_workers="block",
        )
        yield context
        context.close()


class Watched:
    """A page whose dialogs, console errors and off-host requests are recorded (all must stay empty)."""

    def __init__(self, context: Any, base: str) -> None:
        self.page = context.new_page()
        self.base = base
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.foreign: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def route(r: Any) -> None:
            if r.request.url.startswith(base + "/"):
                r.continue_()
            else:  # the network is "off": nothing may load from anywhere else
                self.foreign.append(r.request.url)
                r.abort()

        self.page.on("dialog", on_dialog)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.route("**/*", route)

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        _taken.append(path)
        return path

    def check_clean(self) -> None:
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.foreign == [], f"requests left the server: {self.foreign}"
        assert self.console_errors == [], f"console errors (CSP violations?): {self.console_errors}"

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def watched(browser_context: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    def make(base: str) -> Watched:
        w = Watched(browser_context, base)
        request.addfinalizer(w.close)
        return w

    yield make
