"""Shared fixtures.  Unit tests need no model and no corpus; `../shared` is never read."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA
