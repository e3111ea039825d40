"""The shipped entities + attribution pipeline, loaded once for the integration tests."""

from __future__ import annotations

import pytest

from propscope.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """Entities and attribution with the shipped models (a test module may override it)."""
    return Pipeline.build(["entities", "attribution"])

