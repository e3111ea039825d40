"""Shared fixtures.  Unit tests need no model and no corpus; `../shared` is never read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from propscope.store.base import Store
from propscope.store.testing import POSTGRES_ENV, STORE_KINDS, make_store, postgres_url

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store of every kind; PostgreSQL is skipped when no server is configured."""
    if request.param == "postgres" and postgres_url() is None:
        pytest.skip(f"PostgreSQL: {POSTGRES_ENV} is not set; run scripts/ci-postgres.sh and export it")
    with make_store(request.param, tmp_path) as s:
        yield s
