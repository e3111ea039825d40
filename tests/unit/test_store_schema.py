"""Migrations: applied on open, recorded, idempotent, and in step with schema.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from propscope.store.migrate import current_revision, head_revision
from propscope.store.schema import metadata
from propscope.store.testing import POSTGRES_ENV, make_store, postgres_url


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_store_schema_migrated_database_matches_schema_py(kind: str, tmp_path: Path) -> None:
    if kind == "postgres" and postgres_url() is None:
        pytest.skip(f"PostgreSQL: {POSTGRES_ENV} is not set")
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with make_store(kind, tmp_path) as store:
        engine = store.engine  # type: ignore[attr-defined]
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision() == "0003_story_threads"
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        # full-text objects are dialect-specific and live only in the migration
        diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("articles_fts"))
                and not (d[0] == "remove_column" and d[3].name == "tsv")
                and not (d[0] == "remove_index" and d[1].name == "ix_articles_tsv")]
        assert diff == []


def test_store_schema_sqlite_reopen_is_a_no_op_and_wal(tmp_path: Path) -> None:
    from propscope.store.sqlite import SqliteStore

    url = f"sqlite:///{tmp_path / 'c.db'}"
    SqliteStore(url).close()
    store = SqliteStore(url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
        names = set(sa.inspect(conn).get_table_names())
    assert {"articles", "analyses", "technique_spans", "attributions", "entities", "mentions", "sources",
            "sightings", "signatures", "ingest_runs", "ingest_errors", "articles_fts"} <= names
    store.close()


def test_store_schema_existing_database_upgrades_in_place_and_old_runs_can_be_abandoned(tmp_path: Path) -> None:
    """A corpus made before ingest_runs kept pids (0001) is upgraded when opened; its rows stay,
    and a run it left ``running`` for ever is marked abandoned by the next ingest."""
    from propscope.corpus.ingest import abandon_dead_runs
    from propscope.store.migrate import upgrade
    from propscope.store.sqlite import SqliteStore

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO ingest_runs (run_id, started_at, status, sources_json, analyzers_json, "
                             "counts_json) VALUES ('old', '2026-01-01T00:00:00.000Z', 'running', '[]', '[]', '{}')")
    engine.dispose()
    store = SqliteStore(url)
    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    [run] = store.runs()
    assert (run.run_id, run.status, run.pid, run.host, run.heartbeat_at) == ("old", "running", None, None, None)
    assert abandon_dead_runs(store) == ["old"]
    [run] = store.runs()
    assert run.status == "abandoned" and run.finished_at == "2026-01-01T00:00:00.000Z"
    store.close()
