"""The ``propscope`` command line: a thin layer over the core (one module per command group)."""

from __future__ import annotations

from propscope.cli.app import app

# Each module registers its commands on ``app`` when imported.
from propscope.cli import analyze as _analyze  # noqa: E402,F401
from propscope.cli import corpus as _corpus  # noqa: E402,F401
from propscope.cli import attribution as _attribution  # noqa: E402,F401
from propscope.cli import ptc as _ptc  # noqa: E402,F401
from propscope.cli import train as _train  # noqa: E402,F401
from propscope.cli import serve as _serve  # noqa: E402,F401
from propscope.cli import schema as _schema  # noqa: E402,F401
from propscope.cli import narratives as _narratives  # noqa: E402,F401
from propscope.cli import stories as _stories  # noqa: E402,F401
from propscope.cli import claims as _claims  # noqa: E402,F401

__all__ = ["app", "main"]


def main() -> None:
    app()
