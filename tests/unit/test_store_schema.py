"""Migrations: applied on open, recorded, idempotent, and in step with schema.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from propscope.analysis import Analysis
from propscope.article import Article
from propscope.store.base import SearchQuery
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
            assert current_revision(conn) == head_revision() == "0006_claims"
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


def _old_corpus(path: Path) -> None:
    """A corpus as propscope wrote it before issue 16 (revision 0002): FTS declared with
    ``content='articles'``, no text or voice columns on the span tables."""
    from corpus_tools_samples import samples

    from propscope.store.migrate import upgrade
    from propscope.store.records import decompose

    engine = sa.create_engine(f"sqlite:///{path}")
    upgrade(engine, "0002_ingest_runs_liveness")
    old = {"attributions": {"content_text", "cue_text", "source_text", "voice"}, "mentions": {"voice", "speaker"},
           "sources": {"voice", "speaker"}}
    with engine.begin() as conn:
        for pk, analysis in enumerate(samples(), start=1):
            record, groups = decompose(analysis)
            now = "2026-01-01T00:00:00.000Z"
            conn.execute(sa.insert(metadata.tables["articles"]),
                         {**record.columns(), "pk": pk, "created_at": now, "updated_at": now})
            for g in groups:
                conn.execute(sa.insert(metadata.tables["analyses"]),
                             {"article_pk": pk, "analyzer": g.name, "version": g.version, "listed": g.listed,
                              "seq": g.seq, "layers_json": g.layers_json, "created_at": now})
                for name, rows in g.derived.items():
                    for row in rows:
                        table = {"techniques": "technique_spans"}.get(name, name)
                        values = {k: v for k, v in row.items() if k not in old.get(table, set())}
                        t = sa.table(table, *(sa.column(c) for c in [*values, "article_pk"]))
                        conn.execute(sa.insert(t), {**values, "article_pk": pk})
    engine.dispose()


def _sqlite_utils_search(path: Path, words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sqlite_utils", "search", str(path), "articles", words,
                           "-c", "title", "--csv"], capture_output=True, text=True, timeout=60)


def test_store_schema_old_corpus_upgrades_to_fts_the_tools_see_and_filled_views(tmp_path: Path) -> None:
    """Issue 16: a corpus made before 0003 is upgraded in place when opened; sqlite-utils, which
    refused its FTS table, searches it after, and the new columns are filled from the analyses."""
    pytest.importorskip("sqlite_utils")
    from propscope.store.sqlite import SqliteStore

    path = tmp_path / "old.db"
    _old_corpus(path)
    before = _sqlite_utils_search(path, "Geneva")
    assert before.returncode != 0 and "not configured for full-text search" in before.stderr
    store = SqliteStore(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").scalar()
        smith = conn.exec_driver_sql("SELECT text, cue_text, voice FROM v_attributions "
                                     "WHERE speaker = 'Anna Smith'").one()
        moscow = conn.exec_driver_sql("SELECT voice, speaker FROM v_mentions WHERE text = 'Moscow'").one()
    assert 'content="articles"' in sql
    assert tuple(smith) == ("We will win, … and we will win soon.", "said,", "Anna Smith")
    assert tuple(moscow) == ("Ivan Petrov", "Ivan Petrov")
    assert [h.title for h in store.search(SearchQuery("thugs"))] == ["Protest in the capital"]
    store.put(Analysis(Article(text="Fresh Geneva news.", title="Fresh")))  # the triggers keep the index in step
    store.close()
    after = _sqlite_utils_search(path, "Geneva")
    assert after.returncode == 0, after.stderr
    assert sorted(after.stdout.split()[1:]) == ["Fresh", "Talks"]


def test_store_schema_downgrade_restores_the_old_fts_and_drops_the_views(tmp_path: Path) -> None:
    from alembic import command

    from propscope.store.migrate import _config
    from propscope.store.sqlite import SqliteStore

    store = SqliteStore(f"sqlite:///{tmp_path / 'c.db'}")
    with store.engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002_ingest_runs_liveness")
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").scalar()
        views = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'view'").scalars().all()
    assert "content='articles'" in sql and views == []
    store.close()
